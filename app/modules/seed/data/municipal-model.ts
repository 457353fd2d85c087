// The core competency model of the Stadtverwaltung Beispielstadt: our own text, written by
// Personalentwicklung (10.3) for the demo. Six clusters, each competency with behavioural
// indicators and a descriptor of observable behaviour for every level of the 4-level scale.
import type { NewNode } from "~/modules/competency/frameworks.server.ts";
import type { SeedFramework, SeedScale } from "./digcomp.ts";

export const MUNICIPAL_SCALE: SeedScale = {
  name: "Kommunale Skala (4 Stufen)",
  description: "Vierstufige Skala der Stadtverwaltung Beispielstadt für Stellenprofile, Selbst- und Fremdeinschätzungen.",
  levels: [
    { label: "Grundkenntnisse", description: "Kennt die wichtigsten Begriffe, Regeln und Abläufe und wendet sie in einfachen Situationen mit Unterstützung an." },
    { label: "Anwendung", description: "Wendet die Kompetenz in gewohnten Situationen selbstständig und sicher an." },
    { label: "Vertiefung", description: "Handelt auch in neuen und schwierigen Situationen sicher, passt das Vorgehen an und unterstützt andere." },
    { label: "Expertise", description: "Ist Ansprechperson über die eigene Einheit hinaus, entwickelt Vorgehensweisen weiter und gibt Wissen gezielt weiter." },
  ],
};

type Four = [string, string, string, string];

const cluster = (code: string, name: string, description: string): NewNode => ({ ref: code, parentRef: null, kind: "CLUSTER", code, name, description });

function competency(code: string, name: string, description: string, indicators: string[], descriptors: Four, relatedRefs?: string[]): NewNode {
  return {
    ref: code,
    parentRef: code.split(".")[0]!,
    kind: "COMPETENCY",
    code,
    name,
    description,
    indicators: indicators.join("\n"),
    descriptors: descriptors.map((text, i) => ({ ordinal: i + 1, text })),
    ...(relatedRefs ? { relatedRefs } : {}),
  };
}

const NODES: NewNode[] = [
  // ── Fachkompetenz ────────────────────────────────────────────────────────────────────────
  cluster("FK", "Fachkompetenz", "Das fachliche und rechtliche Wissen, das die Aufgaben der Stelle verlangen, und seine sichere Anwendung."),
  competency(
    "FK.1",
    "Rechtssicheres Verwaltungshandeln",
    "Kennt die für das Aufgabengebiet geltenden Gesetze, Verordnungen und Dienstanweisungen und trifft Entscheidungen, die rechtlich Bestand haben.",
    ["Prüft Sachverhalte anhand der einschlägigen Rechtsgrundlagen", "Begründet Entscheidungen nachvollziehbar und dokumentiert sie", "Hält Fristen und Formvorschriften ein"],
    [
      "Kennt die wichtigsten Rechtsgrundlagen des Aufgabengebiets und bearbeitet einfache Fälle nach Vorlage und mit Rückfragen.",
      "Bearbeitet Standardfälle selbstständig und rechtssicher, begründet Bescheide nachvollziehbar und hält Fristen ein.",
      "Entscheidet auch schwierige und ungewohnte Fälle rechtssicher, wägt Ermessen sachgerecht ab und berät Kolleginnen und Kollegen.",
      "Wird bei Grundsatzfragen hinzugezogen, erarbeitet Dienstanweisungen und Arbeitshilfen und setzt Rechtsänderungen in der Einheit um.",
    ],
  ),
  competency(
    "FK.2",
    "Fachwissen im Aufgabengebiet",
    "Verfügt über das Fachwissen, das die Stelle verlangt, hält es aktuell und setzt es in der täglichen Arbeit ein.",
    ["Beantwortet Fachfragen richtig und verständlich", "Hält sich über Neuerungen im Fachgebiet auf dem Laufenden", "Erkennt fachliche Zusammenhänge mit anderen Aufgaben"],
    [
      "Kennt die Grundbegriffe und wichtigsten Abläufe des Aufgabengebiets und erledigt einfache Aufgaben mit Anleitung.",
      "Erledigt die üblichen Aufgaben des Gebiets selbstständig und richtig und weiß, wo er oder sie fehlendes Wissen findet.",
      "Bearbeitet auch komplexe Fachfragen sicher, erkennt Zusammenhänge über das eigene Gebiet hinaus und arbeitet neue Kolleginnen und Kollegen ein.",
      "Ist fachliche Ansprechperson über die eigene Einheit hinaus, bringt Fachwissen in Projekte und Gremien ein und entwickelt das Fachgebiet weiter.",
    ],
  ),
  competency(
    "FK.3",
    "Wirtschaftliches Handeln und Haushaltsrecht",
    "Setzt öffentliche Mittel wirtschaftlich und sparsam ein und kennt die Regeln des kommunalen Haushalts, soweit die Stelle sie berührt.",
    ["Berücksichtigt Kosten und Nutzen bei Entscheidungen", "Beachtet Haushalts- und Vergaberegeln", "Plant Mittelbedarfe rechtzeitig und begründet sie"],
    [
      "Kennt die Grundsätze der Wirtschaftlichkeit und Sparsamkeit und die für die Stelle wichtigen Haushaltsregeln.",
      "Berücksichtigt Kosten bei der eigenen Arbeit, wickelt Ausgaben und Einnahmen regelgerecht ab und meldet Mittelbedarfe rechtzeitig.",
      "Bewertet Vorhaben nach Kosten und Nutzen, bereitet Haushaltsansätze vor und erkennt Einsparmöglichkeiten.",
      "Berät andere Einheiten in haushaltsrechtlichen Fragen, steuert Budgets und entwickelt Verfahren der Mittelbewirtschaftung weiter.",
    ],
  ),
  competency(
    "FK.4",
    "Verwaltungsorganisation und Abläufe kennen",
    "Kennt Aufbau, Zuständigkeiten und Abläufe der Stadtverwaltung und nutzt dieses Wissen, um Anliegen schnell an die richtige Stelle zu bringen.",
    ["Kennt die Zuständigkeiten der Ämter und Einheiten", "Leitet Anliegen ohne Umwege weiter", "Hält sich an Geschäftsgänge und Zeichnungsbefugnisse"],
    [
      "Kennt den Aufbau der Verwaltung in Grundzügen und die Abläufe der eigenen Einheit.",
      "Findet für Anliegen die zuständige Stelle selbstständig und hält Geschäftsgänge und Zeichnungsbefugnisse ein.",
      "Kennt die Schnittstellen zu anderen Ämtern, stimmt Abläufe über Einheiten hinweg ab und schlägt Verbesserungen vor.",
      "Gestaltet Abläufe und Zuständigkeiten über Ämter hinweg mit und wird bei organisatorischen Fragen um Rat gefragt.",
    ],
  ),

  // ── Methodenkompetenz ────────────────────────────────────────────────────────────────────
  cluster("MK", "Methodenkompetenz", "Arbeitstechniken und Methoden, mit denen Aufgaben geplant, Probleme gelöst und Vorhaben umgesetzt werden."),
  competency(
    "MK.1",
    "Arbeitsorganisation und Priorisierung",
    "Plant die eigene Arbeit, setzt Prioritäten nach Dringlichkeit und Bedeutung und erledigt Aufgaben termingerecht.",
    ["Plant Aufgaben und Termine vorausschauend", "Setzt Prioritäten und begründet sie", "Behält auch bei vielen Vorgängen den Überblick"],
    [
      "Erledigt zugewiesene Aufgaben nach Vorgabe der Reihenfolge und meldet, wenn Termine nicht zu halten sind.",
      "Plant die eigene Arbeit selbstständig, setzt sinnvolle Prioritäten und hält Termine zuverlässig ein.",
      "Behält auch bei hoher Belastung und vielen parallelen Vorgängen den Überblick und stimmt Prioritäten mit anderen ab.",
      "Organisiert die Arbeit ganzer Teams oder Vorhaben, führt geeignete Planungswerkzeuge ein und hilft anderen, ihre Arbeit zu ordnen.",
    ],
  ),
  competency(
    "MK.2",
    "Problemlösung und Entscheidungsfindung",
    "Erkennt Probleme früh, analysiert Ursachen, entwickelt Lösungen und trifft Entscheidungen auf einer nachvollziehbaren Grundlage.",
    ["Beschreibt Probleme klar und trennt Ursachen von Symptomen", "Entwickelt und vergleicht mehrere Lösungswege", "Trifft Entscheidungen zeitgerecht und steht zu ihnen"],
    [
      "Erkennt offensichtliche Probleme im eigenen Arbeitsbereich und holt sich Unterstützung bei der Lösung.",
      "Löst übliche Probleme selbstständig, wägt einfache Alternativen ab und entscheidet im Rahmen der eigenen Befugnisse.",
      "Analysiert auch verwickelte Probleme strukturiert, bezieht Betroffene ein und trifft begründete Entscheidungen unter Unsicherheit.",
      "Löst Probleme über Einheiten hinweg, moderiert Entscheidungsprozesse und vermittelt Methoden der Problemanalyse an andere.",
    ],
  ),
  competency(
    "MK.3",
    "Projekt- und Prozessmanagement",
    "Plant, steuert und dokumentiert Vorhaben und Arbeitsabläufe und nutzt dafür passende Methoden des Projekt- und Prozessmanagements.",
    ["Beschreibt Ziele, Meilensteine und Verantwortlichkeiten", "Stellt Abläufe verständlich dar, z. B. als Prozessmodell", "Erkennt Risiken und steuert gegen"],
    [
      "Kennt die Grundbegriffe des Projekt- und Prozessmanagements und arbeitet in Projekten nach Vorgabe mit.",
      "Übernimmt Arbeitspakete selbstständig, dokumentiert Ergebnisse und stellt einfache Abläufe verständlich dar.",
      "Leitet kleinere Projekte oder Teilprojekte, modelliert und verbessert Abläufe und steuert Termine, Risiken und Beteiligte.",
      "Leitet große oder ämterübergreifende Vorhaben, wählt passende Methoden aus und berät andere bei Projekten und Prozessen.",
    ],
  ),
  competency(
    "MK.4",
    "Agile und nutzerzentrierte Methoden",
    "Setzt agile und nutzerzentrierte Methoden ein, um Lösungen in kurzen Schritten gemeinsam mit den Nutzerinnen und Nutzern zu entwickeln.",
    ["Bezieht Nutzerinnen und Nutzer früh ein", "Arbeitet in kurzen Zyklen mit regelmäßiger Rückmeldung", "Nutzt Methoden wie Kanban, Retrospektive oder Design Thinking"],
    [
      "Kennt Grundideen agilen und nutzerzentrierten Arbeitens und nimmt an entsprechenden Formaten teil.",
      "Arbeitet in agilen Teams mit, nutzt einfache Methoden wie Kanban-Tafel oder Retrospektive und holt Rückmeldungen von Nutzenden ein.",
      "Moderiert agile Formate und Workshops, testet Lösungen mit Nutzenden und passt das Vorgehen an die Lage an.",
      "Führt agile und nutzerzentrierte Methoden in Einheiten ein, begleitet Teams dabei und entwickelt das methodische Vorgehen der Verwaltung weiter.",
    ],
    ["MK.3"],
  ),

  // ── Sozialkompetenz ──────────────────────────────────────────────────────────────────────
  cluster("SK", "Sozialkompetenz", "Die Fähigkeit, mit anderen respektvoll, wirksam und zielorientiert zusammenzuarbeiten und zu kommunizieren."),
  competency(
    "SK.1",
    "Kommunikation",
    "Drückt sich mündlich und schriftlich klar und verständlich aus, hört aktiv zu und passt die Sprache an das Gegenüber an.",
    ["Formuliert verständlich und in einfacher Sprache", "Hört zu und fragt nach", "Gibt und nimmt Rückmeldungen sachlich"],
    [
      "Drückt sich in gewohnten Situationen verständlich aus und hört zu; schwierige Gespräche führt er oder sie mit Unterstützung.",
      "Kommuniziert mündlich und schriftlich klar, passt die Sprache an das Gegenüber an und gibt sachliche Rückmeldungen.",
      "Führt auch schwierige Gespräche sicher, erklärt komplexe Sachverhalte verständlich und präsentiert vor Gruppen.",
      "Prägt die Kommunikationskultur der Einheit, berät andere bei wichtigen Texten und Gesprächen und vertritt die Verwaltung nach außen.",
    ],
  ),
  competency(
    "SK.2",
    "Teamarbeit und Zusammenarbeit",
    "Arbeitet konstruktiv im Team und mit anderen Einheiten zusammen, teilt Wissen und unterstützt Kolleginnen und Kollegen.",
    ["Teilt Informationen und Wissen von sich aus", "Unterstützt Kolleginnen und Kollegen bei Engpässen", "Hält Absprachen ein"],
    [
      "Arbeitet im Team mit, hält Absprachen ein und bittet um Hilfe, wenn nötig.",
      "Bringt sich aktiv ins Team ein, teilt Wissen und Informationen von sich aus und unterstützt bei Engpässen.",
      "Fördert die Zusammenarbeit über die eigene Einheit hinaus, bringt unterschiedliche Sichtweisen zusammen und stärkt den Zusammenhalt im Team.",
      "Baut Netzwerke und Kooperationen zwischen Ämtern und mit externen Partnern auf und gestaltet Formen der Zusammenarbeit mit.",
    ],
    ["DK.3"],
  ),
  competency(
    "SK.3",
    "Bürger- und Serviceorientierung",
    "Richtet das eigene Handeln an den Anliegen der Bürgerinnen, Bürger und Unternehmen aus und behandelt alle freundlich, fair und gleich.",
    ["Versetzt sich in die Lage der Bürgerinnen und Bürger", "Erklärt Entscheidungen verständlich", "Sucht im Rahmen des Rechts nach Lösungen für das Anliegen"],
    [
      "Begegnet Bürgerinnen und Bürgern freundlich und leitet Anliegen an die zuständige Stelle weiter.",
      "Bearbeitet Anliegen zügig und freundlich, erklärt Entscheidungen und Abläufe verständlich und sucht nach Lösungen im Rahmen des Rechts.",
      "Bleibt auch in schwierigen oder konflikthaften Kontakten souverän, erkennt wiederkehrende Anliegen und schlägt Verbesserungen des Angebots vor.",
      "Gestaltet Dienstleistungen aus Sicht der Bürgerinnen und Bürger neu, wertet Rückmeldungen systematisch aus und schult andere im Umgang mit Anliegen.",
    ],
  ),
  competency(
    "SK.4",
    "Konfliktfähigkeit",
    "Erkennt Konflikte früh, spricht sie sachlich an und trägt zu fairen Lösungen bei.",
    ["Spricht Meinungsverschiedenheiten offen und sachlich an", "Bleibt auch unter Druck ruhig und respektvoll", "Sucht nach Lösungen, die für die Beteiligten tragfähig sind"],
    [
      "Erkennt offene Konflikte, bleibt sachlich und holt sich bei Bedarf Unterstützung.",
      "Spricht Meinungsverschiedenheiten offen an und löst alltägliche Konflikte im direkten Gespräch.",
      "Löst auch verhärtete Konflikte, vermittelt zwischen Beteiligten und bleibt in eskalierenden Situationen ruhig und respektvoll.",
      "Moderiert schwierige Konflikte zwischen Gruppen oder Einheiten und berät andere im Umgang mit Konflikten.",
    ],
  ),

  // ── Selbstkompetenz ──────────────────────────────────────────────────────────────────────
  cluster("SeK", "Selbstkompetenz", "Die Haltung zur eigenen Arbeit und Entwicklung: Lernbereitschaft, Offenheit für Veränderung, Verantwortung und der Umgang mit Belastung."),
  competency(
    "SeK.1",
    "Lernbereitschaft und eigene Entwicklung",
    "Erkennt eigenen Lernbedarf, bildet sich gezielt weiter und überträgt Gelerntes in die Arbeit.",
    ["Holt Rückmeldungen zur eigenen Arbeit ein", "Nutzt Lernangebote gezielt", "Wendet Gelerntes im Arbeitsalltag an"],
    [
      "Nimmt an vorgesehenen Schulungen teil und wendet das Gelernte mit Unterstützung an.",
      "Erkennt eigenen Lernbedarf, wählt passende Lernangebote aus und überträgt das Gelernte in die Arbeit.",
      "Plant die eigene Entwicklung, lernt auch selbstgesteuert und aus Fehlern und gibt Wissen an Kolleginnen und Kollegen weiter.",
      "Fördert eine Lernkultur in der Einheit, gestaltet Lernangebote mit und begleitet andere bei ihrer Entwicklung.",
    ],
  ),
  competency(
    "SeK.2",
    "Veränderungsbereitschaft und Flexibilität",
    "Begegnet Veränderungen offen, probiert Neues aus und passt sich neuen Aufgaben und Arbeitsweisen an.",
    ["Zeigt sich offen für neue Arbeitsweisen und Werkzeuge", "Bringt eigene Ideen zur Verbesserung ein", "Bleibt auch bei unklarer Lage handlungsfähig"],
    [
      "Nimmt Veränderungen an und setzt neue Vorgaben nach Erklärung um.",
      "Probiert neue Arbeitsweisen und Werkzeuge von sich aus aus und stellt sich auf geänderte Aufgaben ein.",
      "Bringt eigene Ideen zur Verbesserung ein, bleibt auch bei unklarer Lage handlungsfähig und ermutigt andere, Neues zu versuchen.",
      "Treibt Veränderungen aktiv mit voran, wirkt als Vorbild und hilft anderen, mit Unsicherheit umzugehen.",
    ],
    ["FüK.1"],
  ),
  competency(
    "SeK.3",
    "Verantwortungsbewusstsein und Eigeninitiative",
    "Übernimmt Verantwortung für die eigenen Aufgaben und Ergebnisse und handelt aus eigenem Antrieb, wo es nötig ist.",
    ["Steht zu den eigenen Ergebnissen, auch zu Fehlern", "Greift Probleme von sich aus auf", "Arbeitet zuverlässig und sorgfältig"],
    [
      "Erledigt übertragene Aufgaben zuverlässig und meldet Probleme rechtzeitig.",
      "Übernimmt Verantwortung für die eigenen Ergebnisse, steht zu Fehlern und greift offensichtliche Probleme von sich aus auf.",
      "Übernimmt zusätzliche Verantwortung, etwa für Themen oder Vorhaben, und stößt Verbesserungen aus eigenem Antrieb an.",
      "Übernimmt Verantwortung über die eigene Stelle hinaus und stärkt in der Einheit eine Kultur der Eigenverantwortung.",
    ],
  ),
  competency(
    "SeK.4",
    "Belastbarkeit und Selbstfürsorge",
    "Geht mit Arbeitsdruck, belastenden Situationen und Unterbrechungen gelassen um und achtet auf die eigene Gesundheit.",
    ["Bleibt unter Zeitdruck sachlich und sorgfältig", "Erkennt eigene Belastungsgrenzen und spricht sie an", "Nutzt Möglichkeiten zur Erholung und Entlastung"],
    [
      "Bewältigt übliche Belastungen mit Unterstützung und spricht an, wenn es zu viel wird.",
      "Bleibt auch unter Zeitdruck sachlich und sorgfältig und erkennt die eigenen Belastungsgrenzen.",
      "Bleibt in belastenden Situationen, etwa bei schwierigen Kontakten, handlungsfähig und findet Wege zur Entlastung.",
      "Hilft anderen, mit Belastung umzugehen, und setzt sich für gesundheitsförderliche Arbeitsbedingungen ein.",
    ],
  ),

  // ── Digitalkompetenz ─────────────────────────────────────────────────────────────────────
  cluster(
    "DK",
    "Digitalkompetenz",
    "Der sichere und verantwortungsvolle Umgang mit den digitalen Werkzeugen und Verfahren der Verwaltung. Vertiefung im Referenzrahmen DigComp 2.2.",
  ),
  competency(
    "DK.1",
    "Fachverfahren und E-Akte sicher nutzen",
    "Nutzt die Fachverfahren, die E-Akte und die Bürosoftware der Stelle sicher und vollständig.",
    ["Führt Vorgänge vollständig in der E-Akte", "Nutzt die Funktionen der Fachverfahren sicher", "Findet Dokumente und Vorgänge schnell wieder"],
    [
      "Bedient die wichtigsten Funktionen der Fachverfahren und der E-Akte nach Anleitung.",
      "Führt Vorgänge selbstständig und vollständig in Fachverfahren und E-Akte und findet Dokumente schnell wieder.",
      "Nutzt auch seltene Funktionen sicher, löst Bedienprobleme selbst und hilft Kolleginnen und Kollegen weiter.",
      "Ist Key-User für ein Fachverfahren, schult andere und bringt Verbesserungswünsche in die Weiterentwicklung ein.",
    ],
  ),
  competency(
    "DK.2",
    "Informationssicherheit und Datenschutz im Arbeitsalltag",
    "Hält die Regeln der Informationssicherheit und des Datenschutzes im Arbeitsalltag ein und erkennt Gefahren wie Phishing.",
    ["Erkennt verdächtige E-Mails und meldet sie", "Geht mit personenbezogenen Daten nur im erforderlichen Umfang um", "Sperrt den Arbeitsplatz und schützt Zugangsdaten"],
    [
      "Kennt die Grundregeln der Informationssicherheit und des Datenschutzes und hält sie nach Hinweis ein.",
      "Hält die Regeln im Arbeitsalltag selbstständig ein, erkennt typische Gefahren wie Phishing und meldet Sicherheitsvorfälle.",
      "Erkennt auch versteckte Risiken in Abläufen, berät Kolleginnen und Kollegen und beachtet Datenschutz bei neuen Vorhaben von Anfang an.",
      "Wirkt als Ansprechperson für Informationssicherheit oder Datenschutz in der Einheit und entwickelt Schutzmaßnahmen mit.",
    ],
    ["FK.1"],
  ),
  competency(
    "DK.3",
    "Digitale Zusammenarbeit",
    "Arbeitet mit digitalen Werkzeugen zusammen, etwa in Videokonferenzen, gemeinsamen Dokumenten und Kollaborationsplattformen.",
    ["Nimmt an Videokonferenzen sicher teil und leitet sie", "Bearbeitet Dokumente gemeinsam statt per E-Mail-Anhang", "Hält Regeln der digitalen Zusammenarbeit ein"],
    [
      "Nimmt an Videokonferenzen teil und öffnet gemeinsam genutzte Dokumente nach Anleitung.",
      "Nutzt Videokonferenzen, gemeinsame Dokumente und Ablagen selbstständig und hält vereinbarte Regeln ein.",
      "Leitet digitale Besprechungen und Workshops, richtet gemeinsame Arbeitsräume ein und hilft anderen dabei.",
      "Gestaltet die digitale Zusammenarbeit über Einheiten hinweg, führt neue Werkzeuge ein und vereinbart Regeln für ihre Nutzung.",
    ],
  ),
  competency(
    "DK.4",
    "Digitale Prozesse mitgestalten",
    "Erkennt, wo Abläufe digital besser gehen, und wirkt an der Digitalisierung von Verwaltungsleistungen mit.",
    ["Erkennt Medienbrüche und doppelte Arbeit", "Beschreibt Anforderungen an digitale Lösungen verständlich", "Testet neue Lösungen und gibt Rückmeldung"],
    [
      "Kennt die Ziele der Digitalisierung der Verwaltung und nimmt Medienbrüche in der eigenen Arbeit wahr.",
      "Meldet Medienbrüche und Verbesserungsideen, testet neue digitale Lösungen und gibt Rückmeldung.",
      "Beschreibt Anforderungen an digitale Lösungen, gestaltet digitale Abläufe in Projekten mit und begleitet die Einführung in der Einheit.",
      "Verantwortet die Digitalisierung von Leistungen oder Abläufen, verbindet Fach- und IT-Sicht und berät andere Einheiten.",
    ],
    ["MK.3"],
  ),

  // ── Führungskompetenz ────────────────────────────────────────────────────────────────────
  cluster(
    "FüK",
    "Führungskompetenz",
    "Führen in der Transformation: die Führungskraft als Treiberin oder Treiber des Wandels, die Mitarbeitende befähigt, beteiligt und Orientierung gibt.",
  ),
  competency(
    "FüK.1",
    "Veränderung gestalten",
    "Erkennt Veränderungsbedarf, entwickelt mit dem Team ein Zielbild und steuert den Wandel so, dass er im Arbeitsalltag ankommt.",
    ["Vermittelt, warum eine Veränderung nötig ist", "Plant Veränderungen in überschaubaren Schritten", "Greift Widerstände auf und nimmt Bedenken ernst"],
    [
      "Erklärt dem Team anstehende Veränderungen und setzt Vorgaben zur Veränderung in der eigenen Einheit um.",
      "Begründet Veränderungen nachvollziehbar, plant die Umsetzung in Schritten und nimmt Bedenken der Mitarbeitenden ernst.",
      "Stößt Veränderungen selbst an, entwickelt mit dem Team ein Zielbild, geht mit Widerständen konstruktiv um und macht Erfolge sichtbar.",
      "Gestaltet Veränderungen über Einheiten hinweg, wirkt als Vorbild für den Wandel und gibt Erfahrungen an andere Führungskräfte weiter.",
    ],
    ["SeK.2"],
  ),
  competency(
    "FüK.2",
    "Mitarbeitende befähigen und entwickeln",
    "Erkennt Stärken und Entwicklungsbedarfe der Mitarbeitenden, fördert ihr Lernen und überträgt ihnen Verantwortung.",
    ["Führt regelmäßige Entwicklungsgespräche", "Ermöglicht Lernen im Arbeitsalltag und Weiterbildung", "Überträgt Verantwortung passend zu den Fähigkeiten"],
    [
      "Führt die vorgesehenen Mitarbeitendengespräche und ermöglicht die Teilnahme an Pflicht- und Fachschulungen.",
      "Bespricht mit jeder und jedem Mitarbeitenden Stärken und Entwicklungsziele, vereinbart Lernschritte und gibt regelmäßig Rückmeldung.",
      "Plant die Kompetenzentwicklung des Teams anhand der Stellenprofile, fördert Lernen im Arbeitsalltag und überträgt gezielt Verantwortung.",
      "Entwickelt Talente über die eigene Einheit hinaus, baut Nachfolge auf und gestaltet Personalentwicklungsangebote der Verwaltung mit.",
    ],
  ),
  competency(
    "FüK.3",
    "Digitale Transformation vorantreiben",
    "Erkennt die Chancen digitaler Lösungen für die eigene Einheit, setzt Digitalisierungsvorhaben um und nimmt die Mitarbeitenden dabei mit.",
    ["Nutzt digitale Werkzeuge selbst als Vorbild", "Priorisiert Digitalisierungsvorhaben der Einheit", "Gibt Mitarbeitenden Zeit und Raum für digitale Projekte"],
    [
      "Kennt die Digitalisierungsstrategie der Stadt und setzt die für die Einheit vorgesehenen digitalen Lösungen um.",
      "Nutzt digitale Werkzeuge selbst als Vorbild, erkennt Digitalisierungspotenzial in der Einheit und gibt Mitarbeitenden Raum, sich einzubringen.",
      "Treibt Digitalisierungsvorhaben der Einheit voran, setzt Prioritäten, arbeitet mit der IT und den Digitalisierungslots*innen zusammen und sorgt für die nötige Qualifizierung.",
      "Gestaltet die digitale Transformation ämterübergreifend mit, bringt die Sicht der Fachbereiche in Strategie und Projekte ein und berät andere Führungskräfte.",
    ],
    ["DK.4"],
  ),
  competency(
    "FüK.4",
    "Kommunikation und Beteiligung",
    "Informiert offen und rechtzeitig, beteiligt Mitarbeitende, Personalvertretung und Betroffene an Entscheidungen und schafft Transparenz.",
    ["Informiert das Team regelmäßig und verständlich", "Holt Meinungen ein, bevor entschieden wird", "Erklärt Entscheidungen und ihre Gründe"],
    [
      "Gibt Informationen an das Team weiter und steht für Fragen zur Verfügung.",
      "Informiert regelmäßig und verständlich, holt vor Entscheidungen die Meinung des Teams ein und erklärt Entscheidungen.",
      "Schafft feste Formate für Austausch und Beteiligung, bezieht Personalvertretung und Betroffene früh ein und geht mit kritischen Rückmeldungen offen um.",
      "Gestaltet Beteiligung und Kommunikation über die Einheit hinaus, etwa bei ämterübergreifenden Vorhaben, und stärkt eine offene Gesprächskultur.",
    ],
    ["SK.1"],
  ),
  competency(
    "FüK.5",
    "Vertrauen schaffen und Orientierung geben",
    "Gibt klare Ziele und Orientierung, schafft ein Klima des Vertrauens und führt auch auf Distanz, etwa in mobiler Arbeit.",
    ["Vereinbart klare Ziele und Erwartungen", "Räumt Handlungsspielräume ein und vertraut den Mitarbeitenden", "Achtet auf die Gesundheit und das Miteinander im Team"],
    [
      "Gibt Aufgaben und Erwartungen klar vor und ist für das Team erreichbar.",
      "Vereinbart klare Ziele, räumt Handlungsspielräume ein und hält auch bei mobiler Arbeit verlässlich Kontakt.",
      "Schafft ein Klima, in dem Fehler angesprochen werden können, führt über Ziele statt über Kontrolle und achtet auf Belastung und Gesundheit im Team.",
      "Prägt eine Führungskultur des Vertrauens über die eigene Einheit hinaus und unterstützt andere Führungskräfte, zum Beispiel als Mentorin oder Mentor.",
    ],
  ),
];

export const MUNICIPAL_FRAMEWORK: SeedFramework = {
  key: "kernmodell-beispielstadt",
  name: "Kernkompetenzmodell der Stadtverwaltung Beispielstadt",
  description:
    "Das verwaltungsweite Kompetenzmodell mit sechs Kompetenzclustern. Grundlage der Stellenprofile, der Anforderungsprofile in Stellenausschreibungen und der Mitarbeitendengespräche. Die Führungskompetenzen beschreiben das gemeinsame Bild der Führungskraft als Treiber der Transformation.",
  source: "Eigene Entwicklung, Personalentwicklung (10.3)",
  licence: "intern",
  attribution: "",
  status: "PUBLISHED",
  nodes: NODES,
};
