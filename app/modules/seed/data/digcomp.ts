// EU DigComp 2.2 as seed data: 5 competence areas, 21 competences, 8 proficiency levels in
// 4 bands. Source: Vuorikari, R., Kluzer, S. and Punie, Y., "DigComp 2.2: The Digital Competence
// Framework for Citizens", European Commission, Joint Research Centre (2022), licensed CC BY 4.0.
// Changes: names and descriptions translated into German and condensed; level descriptors of
// the competences 1.1, 2.1, 3.1 and 4.2 written anew in the style of the DigComp proficiency
// table. The attribution below travels with the framework wherever it is shown.
import type { NewFramework, NewNode } from "~/modules/competency/frameworks.server.ts";

export interface SeedScale {
  name: string;
  description: string;
  levels: { label: string; band?: string; description: string }[];
}

export type SeedFramework = Omit<NewFramework, "scaleId" | "responsiblePersonId" | "nextReviewAt">;

export const DIGCOMP_ATTRIBUTION = "DigComp 2.2, European Commission, Joint Research Centre (2022), CC BY 4.0";
export const DIGCOMP_CHANGES = " – Übersetzung und Kürzung der Beschreibungen: Stadtverwaltung Beispielstadt";

export const DIGCOMP_SCALE: SeedScale = {
  name: "DigComp 2.2 (8 Stufen)",
  description:
    "Die acht Kompetenzstufen des DigComp 2.2 in vier Bereichen. Jede Stufe beschreibt die Komplexität der Aufgaben, den Grad der Selbstständigkeit und den kognitiven Bereich (Erinnern, Verstehen, Anwenden, Bewerten, Erschaffen).",
  levels: [
    { band: "Grundlagen", label: "Grundlagen 1 – mit Anleitung", description: "Einfache Aufgaben, mit Anleitung. Kognitiver Bereich: Erinnern." },
    { band: "Grundlagen", label: "Grundlagen 2 – teilweise selbstständig", description: "Einfache Aufgaben, selbstständig und bei Bedarf mit Anleitung. Kognitiver Bereich: Erinnern." },
    { band: "Aufbau", label: "Aufbau 3 – selbstständig", description: "Klar umrissene, routinemäßige Aufgaben und einfache Probleme, selbstständig. Kognitiver Bereich: Verstehen." },
    {
      band: "Aufbau",
      label: "Aufbau 4 – unabhängig",
      description: "Aufgaben sowie klar umrissene, nicht routinemäßige Probleme, unabhängig und nach eigenem Bedarf. Kognitiver Bereich: Verstehen.",
    },
    { band: "Fortgeschritten", label: "Fortgeschritten 5 – andere anleiten", description: "Unterschiedliche Aufgaben und Probleme; leitet andere an. Kognitiver Bereich: Anwenden." },
    {
      band: "Fortgeschritten",
      label: "Fortgeschritten 6 – anpassen und bewerten",
      description: "Die jeweils am besten geeigneten Aufgaben; passt das Vorgehen in komplexen Zusammenhängen an andere an. Kognitiver Bereich: Bewerten.",
    },
    {
      band: "Hochspezialisiert",
      label: "Hochspezialisiert 7 – Fachpraxis mitgestalten",
      description: "Löst komplexe Probleme mit wenigen Lösungswegen; trägt zur Fachpraxis bei und leitet andere an. Kognitiver Bereich: Erschaffen.",
    },
    {
      band: "Hochspezialisiert",
      label: "Hochspezialisiert 8 – Neues entwickeln",
      description: "Löst komplexe Probleme mit vielen zusammenwirkenden Faktoren; schlägt dem Fachgebiet neue Ideen und Verfahren vor. Kognitiver Bereich: Erschaffen.",
    },
  ],
};

const levels = (...texts: string[]) => texts.map((text, i) => ({ ordinal: i + 1, text }));

const area = (code: string, name: string, description: string): NewNode => ({ ref: code, parentRef: null, kind: "CLUSTER", code, name, description });
const competence = (code: string, name: string, description: string, descriptors?: { ordinal: number; text: string }[]): NewNode => ({
  ref: code,
  parentRef: code.split(".")[0]!,
  kind: "COMPETENCY",
  code,
  name,
  description,
  ...(descriptors ? { descriptors } : {}),
});

const NODES: NewNode[] = [
  area(
    "1",
    "Umgang mit Informationen und Daten",
    "Informationsbedarf erkennen; digitale Daten, Informationen und Inhalte finden, abrufen, kritisch bewerten, ordnen und speichern.",
  ),
  competence(
    "1.1",
    "Daten, Informationen und digitale Inhalte recherchieren, suchen und filtern",
    "Den eigenen Informationsbedarf benennen, in digitalen Umgebungen gezielt nach Daten, Informationen und Inhalten suchen und auf sie zugreifen. Persönliche Suchstrategien entwickeln und laufend anpassen.",
    levels(
      "Benennt mit Anleitung, welche Information gebraucht wird, findet sie über eine einfache Suche und bewegt sich zwischen den Fundstellen.",
      "Benennt den eigenen Informationsbedarf, findet Daten und Inhalte mit einfachen Suchanfragen und wendet eine einfache eigene Suchstrategie an; holt sich bei Bedarf Hilfe.",
      "Führt klar umrissene, wiederkehrende Recherchen selbstständig durch, steuert bekannte Quellen gezielt an und kann das eigene Vorgehen erklären.",
      "Wählt auch für ungewohnte Fragen eine passende Suchstrategie (Filter, Suchoperatoren, Fachdatenbanken) und findet unabhängig geeignete Quellen.",
      "Wählt für unterschiedliche Informationsbedarfe die geeigneten Suchwege aus und leitet Kolleginnen und Kollegen bei der Recherche an.",
      "Beurteilt Suchstrategien in komplexen Situationen, passt sie an die Bedürfnisse anderer an und vergleicht Rechercheergebnisse kritisch.",
      "Löst schwierige Rechercheprobleme mit wenigen Lösungswegen und prägt die Recherchepraxis des Fachgebiets mit, etwa durch Leitfäden oder Schulungen.",
      "Löst komplexe Rechercheprobleme mit vielen Einflussfaktoren und entwickelt neue Verfahren und Werkzeuge der Informationsbeschaffung für das Fachgebiet.",
    ),
  ),
  competence(
    "1.2",
    "Daten, Informationen und digitale Inhalte bewerten",
    "Die Glaubwürdigkeit und Verlässlichkeit von Quellen sowie von Daten, Informationen und digitalen Inhalten analysieren, vergleichen und kritisch beurteilen.",
  ),
  competence(
    "1.3",
    "Daten, Informationen und digitale Inhalte verwalten",
    "Daten, Informationen und digitale Inhalte so ordnen, speichern und abrufen, dass sie leicht wiederzufinden sind, und sie in einer strukturierten Umgebung verarbeiten.",
  ),
  area(
    "2",
    "Kommunikation und Zusammenarbeit",
    "Mit digitalen Technologien kommunizieren, zusammenarbeiten und am gesellschaftlichen Leben teilhaben, dabei kulturelle und generationenbezogene Vielfalt beachten sowie die eigene digitale Identität pflegen.",
  ),
  competence(
    "2.1",
    "Mithilfe digitaler Technologien interagieren",
    "Über verschiedene digitale Technologien mit anderen in Kontakt treten und die für den jeweiligen Zusammenhang passenden Kommunikationsmittel auswählen.",
    levels(
      "Nutzt mit Anleitung einfache digitale Kommunikationsmittel, etwa eine E-Mail lesen und beantworten oder einer Videokonferenz beitreten.",
      "Nutzt einfache digitale Kommunikationsmittel überwiegend selbstständig und wählt mit gelegentlicher Hilfe das passende Mittel für eine Nachricht.",
      "Nutzt die üblichen Kommunikationsmittel (E-Mail, Chat, Videokonferenz) selbstständig und wählt für Routineanlässe das passende Mittel.",
      "Wählt auch in ungewohnten Situationen unabhängig das geeignete Kommunikationsmittel und setzt dessen Funktionen gezielt ein.",
      "Setzt unterschiedliche digitale Kommunikationsmittel sicher ein und zeigt anderen, welches Mittel für welchen Anlass passt.",
      "Bewertet Kommunikationsmittel für komplexe Situationen, etwa große oder gemischte Gruppen, und passt die Auswahl an die Bedürfnisse der Beteiligten an.",
      "Löst schwierige Kommunikationsprobleme in digitalen Umgebungen und gestaltet Regeln und Standards der digitalen Kommunikation im Arbeitsbereich mit.",
      "Entwickelt neue Formen und Verfahren der digitalen Kommunikation für die Organisation und erprobt sie in komplexen Zusammenhängen.",
    ),
  ),
  competence(
    "2.2",
    "Mithilfe digitaler Technologien teilen",
    "Daten, Informationen und digitale Inhalte über geeignete digitale Technologien mit anderen teilen, als Vermittlerin oder Vermittler handeln und Quellen korrekt angeben.",
  ),
  competence(
    "2.3",
    "Mithilfe digitaler Technologien gesellschaftlich teilhaben",
    "Öffentliche und private digitale Dienste nutzen, um am gesellschaftlichen Leben teilzuhaben, und über geeignete Technologien Selbstbestimmung und Bürgerbeteiligung wahrnehmen.",
  ),
  competence(
    "2.4",
    "Mithilfe digitaler Technologien zusammenarbeiten",
    "Digitale Werkzeuge und Technologien für gemeinsame Arbeitsprozesse sowie für die gemeinsame Erstellung von Ressourcen und Wissen nutzen.",
  ),
  competence(
    "2.5",
    "Netiquette",
    "Verhaltensregeln und Umgangsformen in digitalen Umgebungen kennen und einhalten, die Kommunikation an die Zielgruppe anpassen und kulturelle sowie generationenbezogene Vielfalt berücksichtigen.",
  ),
  competence(
    "2.6",
    "Digitale Identität verwalten",
    "Eine oder mehrere digitale Identitäten anlegen und pflegen, das eigene Ansehen schützen und mit den Daten umgehen, die bei der Nutzung digitaler Werkzeuge und Dienste entstehen.",
  ),
  area(
    "3",
    "Erstellung digitaler Inhalte",
    "Digitale Inhalte erstellen und bearbeiten, vorhandene Inhalte verbessern und einbinden, Urheberrecht und Lizenzen beachten und Computersystemen verständliche Anweisungen geben.",
  ),
  competence(
    "3.1",
    "Digitale Inhalte entwickeln",
    "Digitale Inhalte in verschiedenen Formaten erstellen und bearbeiten und sich mit digitalen Mitteln ausdrücken.",
    levels(
      "Erstellt mit Anleitung einfache digitale Inhalte, etwa ein kurzes Textdokument nach Vorlage.",
      "Erstellt und bearbeitet einfache Inhalte in gängigen Formaten weitgehend selbstständig und fragt bei Bedarf nach.",
      "Erstellt und bearbeitet klar umrissene Inhalte (Schreiben, Tabellen, Präsentationen) selbstständig und wählt dafür das passende Format.",
      "Erstellt unabhängig auch anspruchsvollere Inhalte in verschiedenen Formaten, z. B. barrierearme Dokumente oder Formulare, und nutzt dabei die Funktionen der Werkzeuge gezielt.",
      "Erstellt Inhalte für unterschiedliche Zwecke und Zielgruppen und zeigt anderen, wie sie gute digitale Inhalte erstellen.",
      "Bewertet, welches Format und welches Werkzeug in komplexen Situationen am besten passt, und passt Inhalte an die Bedürfnisse anderer an.",
      "Löst schwierige Gestaltungsaufgaben, setzt Standards für digitale Inhalte im Arbeitsbereich (z. B. Vorlagen, Leitfäden) und leitet andere an.",
      "Entwickelt neue Formate und Verfahren zur Erstellung digitaler Inhalte und bringt sie in das Fachgebiet ein.",
    ),
  ),
  competence(
    "3.2",
    "Digitale Inhalte integrieren und neu ausarbeiten",
    "Informationen und Inhalte verändern, verbessern und in vorhandenes Wissen einbinden, um neue, eigenständige und relevante Inhalte zu schaffen.",
  ),
  competence(
    "3.3",
    "Urheberrecht und Lizenzen",
    "Verstehen, wie Urheberrecht und Lizenzen für Daten, Informationen und digitale Inhalte gelten, und danach handeln.",
  ),
  competence(
    "3.4",
    "Programmieren",
    "Verständliche Abfolgen von Anweisungen für ein Computersystem planen und entwickeln, um ein Problem zu lösen oder eine Aufgabe zu erledigen.",
  ),
  area(
    "4",
    "Sicherheit",
    "Geräte, Inhalte, personenbezogene Daten und die Privatsphäre in digitalen Umgebungen schützen, Gesundheit und Wohlbefinden bewahren und die Auswirkungen digitaler Technologien auf Gesellschaft und Umwelt kennen.",
  ),
  competence(
    "4.1",
    "Geräte schützen",
    "Geräte und digitale Inhalte schützen, Risiken und Bedrohungen in digitalen Umgebungen verstehen und Schutzmaßnahmen kennen und anwenden.",
  ),
  competence(
    "4.2",
    "Personenbezogene Daten und Privatsphäre schützen",
    "Personenbezogene Daten und die Privatsphäre in digitalen Umgebungen schützen und verstehen, wie personenbezogene Daten genutzt und weitergegeben werden. Wissen, dass digitale Dienste in einer Datenschutzerklärung über die Verwendung der Daten informieren.",
    levels(
      "Nennt mit Anleitung einfache Regeln zum Schutz personenbezogener Daten, etwa keine Passwörter weitergeben.",
      "Nennt einfache Wege, die eigenen und fremden personenbezogenen Daten zu schützen, und hält sie weitgehend selbstständig ein.",
      "Wendet die bekannten Regeln zum Umgang mit personenbezogenen Daten im Arbeitsalltag selbstständig an und erkennt, wo Daten geteilt werden.",
      "Schützt personenbezogene Daten auch in ungewohnten Situationen unabhängig, erkennt Datenschutzrisiken eines Dienstes und liest die Datenschutzerklärung gezielt.",
      "Wählt passende Schutzmaßnahmen für unterschiedliche Situationen und zeigt Kolleginnen und Kollegen, wie sie personenbezogene Daten schützen.",
      "Beurteilt in komplexen Situationen, welche Schutzmaßnahmen angemessen sind, und passt sie an die Bedürfnisse der Beteiligten an.",
      "Löst schwierige Fragen des Datenschutzes in digitalen Umgebungen, prägt die Datenschutzpraxis des Arbeitsbereichs mit und leitet andere an.",
      "Entwickelt neue Verfahren zum Schutz personenbezogener Daten und der Privatsphäre und bringt sie in das Fachgebiet ein.",
    ),
  ),
  competence(
    "4.3",
    "Gesundheit und Wohlbefinden schützen",
    "Gesundheitsrisiken und Gefahren für das körperliche und seelische Wohlbefinden bei der Nutzung digitaler Technologien vermeiden und sich und andere vor Gefahren wie Cybermobbing schützen.",
  ),
  competence(
    "4.4",
    "Umwelt schützen",
    "Die Auswirkungen digitaler Technologien und ihrer Nutzung auf die Umwelt kennen und berücksichtigen.",
  ),
  area(
    "5",
    "Problemlösung",
    "Bedarfe und Probleme erkennen, Probleme in digitalen Umgebungen lösen, digitale Werkzeuge zur Erneuerung von Prozessen und Produkten nutzen und mit der digitalen Entwicklung Schritt halten.",
  ),
  competence(
    "5.1",
    "Technische Probleme lösen",
    "Technische Probleme beim Bedienen von Geräten und beim Nutzen digitaler Umgebungen erkennen und lösen, von der einfachen Fehlersuche bis zu komplexeren Störungen.",
  ),
  competence(
    "5.2",
    "Bedarfe und technologische Antworten erkennen",
    "Bedarfe ermitteln, mögliche digitale Werkzeuge und technologische Antworten bewerten, auswählen und nutzen sowie digitale Umgebungen an persönliche Bedürfnisse anpassen, etwa an die Barrierefreiheit.",
  ),
  competence(
    "5.3",
    "Digitale Technologien kreativ nutzen",
    "Digitale Werkzeuge und Technologien nutzen, um Wissen zu schaffen und Prozesse und Produkte zu erneuern; allein und gemeinsam Probleme in digitalen Umgebungen verstehen und lösen.",
  ),
  competence(
    "5.4",
    "Digitale Kompetenzlücken erkennen",
    "Erkennen, wo die eigene digitale Kompetenz verbessert oder aktualisiert werden muss, andere bei ihrer digitalen Kompetenzentwicklung unterstützen und mit der digitalen Entwicklung Schritt halten.",
  ),
];

export const DIGCOMP_FRAMEWORK: SeedFramework = {
  key: "digcomp-2-2",
  name: "DigComp 2.2 – Europäischer Referenzrahmen für digitale Kompetenzen",
  description:
    "Der Europäische Referenzrahmen für digitale Kompetenzen der Bürgerinnen und Bürger: fünf Kompetenzbereiche mit 21 Kompetenzen und acht Kompetenzstufen. Grundlage für die Digitalkompetenz in den Stellen- und Rollenprofilen der Stadtverwaltung.",
  source: "European Commission, Joint Research Centre",
  licence: "CC BY 4.0",
  attribution: DIGCOMP_ATTRIBUTION + DIGCOMP_CHANGES,
  status: "PUBLISHED",
  nodes: NODES,
};
