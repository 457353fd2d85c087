// Training catalogue of the demo administration: about 40 trainings a German city administration
// offers (data protection, information security, occupational safety, e-file, project and
// process management, agile methods, leadership, citizen service, office and collaboration,
// OZG, AI), mapped to the competencies of the municipal core model and DigComp 2.2 so that they
// close the typical gaps of the demo people; sessions in the past and the future, some nearly
// full, one full, one with its enrolment deadline passed, several over more than one day.
//
// Future sessions get CONFIRMED places of ordinary staff (never the demo accounts, never the
// demo leader's team, whose enrolments the enrolment seed writes), so "3 von 12 frei" is true
// to the enrolment table: confirmedCount always equals the confirmed enrolments. Past sessions
// have no enrolments here (attendance and completions belong to a later seed).
//
// Deterministic: the same administration and seed date give the same catalogue; set-based
// (one createMany per table) and run after the competency seed, before any enrolment seed.
import { createHash } from "node:crypto";
import type { Tx } from "~/utils/db.server.ts";
import type { Prisma } from "~/generated/sqlite/client.ts";
import { recordAudit } from "~/modules/audit/audit.server.ts";
import { searchTextOfTraining } from "~/modules/training/catalogue.server.ts";
import { berlinDate, berlinToUtc, endOfBerlinDay } from "~/modules/training/berlin-time.ts";
import { DIGCOMP_FRAMEWORK } from "./data/digcomp.ts";
import { MUNICIPAL_FRAMEWORK } from "./data/municipal-model.ts";
import type { Administration } from "./generator.ts";

type Format = "CLASSROOM" | "WEBINAR" | "ELEARNING" | "BLENDED" | "ON_THE_JOB" | "MENTORING";
type Trainer = "leader" | "hr" | "it" | string;

interface SessionPlan {
  /** Workdays from the seed date to the first day (negative = in the past). */
  at: number;
  /** Further days, as workday offsets from the first day (e.g. [1, 2] for three days in a row). */
  more?: number[];
  capacity?: number;
  /** Confirmed places (future sessions only). */
  confirmed?: number;
  /** Enrolment deadline in calendar days relative to the first day (negative), or null for none. */
  deadline?: number | null;
  from?: string;
  to?: string;
  trainer?: Trainer;
}

interface SeedTraining {
  code: string;
  title: string;
  format: Format;
  provider: string;
  hours: number;
  euros?: number;
  description: string;
  targetGroups: string;
  prerequisites?: string;
  contact?: "hr" | "privacy" | "security" | "safety" | "digital";
  externalUrl?: string;
  requiresApproval?: boolean;
  status?: "DRAFT" | "PUBLISHED" | "ARCHIVED";
  language?: "de" | "en" | "de-en";
  /** Competencies by framework key and code, with the level the training leads to. */
  develops: [framework: string, code: string, level: number][];
  place?: string;
  sessions: SessionPlan[];
}

const KM = MUNICIPAL_FRAMEWORK.key;
const DC = DIGCOMP_FRAMEWORK.key;

const PROVIDER = {
  internal: "Interne Fortbildung der Stadtverwaltung (10.3 Personalentwicklung)",
  studieninstitut: "Studieninstitut für kommunale Verwaltung",
  hzd: "Hessische Zentrale für Datenverarbeitung (HZD)",
  ekom: "ekom21 – KGRZ Hessen",
  it: "Amt für Informationstechnik (12), interne Schulung",
  privacy: "Datenschutzbeauftragte der Stadtverwaltung",
  safety: "Fachkraft für Arbeitssicherheit der Stadtverwaltung",
  ukh: "Unfallkasse Hessen",
  digital: "Stabsstelle Digitalisierung",
  agile: "Werkstatt Verwaltung & Wandel GmbH (externer Anbieter)",
  leadership: "Führungsakademie Rhein-Main (externer Anbieter)",
  communication: "Dialogwerk Kommunikationstraining (externer Anbieter)",
} as const;

const CONTACTS = {
  hr: { name: "Team Fortbildung, 10.3 Personalentwicklung", email: "fortbildung@beispielstadt.example" },
  privacy: { name: "Datenschutzbeauftragte der Stadtverwaltung", email: "datenschutz@beispielstadt.example" },
  security: { name: "Informationssicherheitsbeauftragter", email: "informationssicherheit@beispielstadt.example" },
  safety: { name: "Fachkraft für Arbeitssicherheit", email: "arbeitsschutz@beispielstadt.example" },
  digital: { name: "Stabsstelle Digitalisierung", email: "digitalisierung@beispielstadt.example" },
} as const;

const ROOMS = [
  "Rathaus, Sitzungssaal 2",
  "Stadthaus Nord, Schulungsraum 1.12",
  "Bildungszentrum am Marktplatz, Raum 3",
  "Rathaus, Raum 101",
  "Studieninstitut, Lehrsaal B",
];

/** Fictional trainers of external and internal offers. */
const TRAINERS = ["Dr. Katrin Vogel", "Markus Hartmann", "Aylin Demir", "Stefan Krämer", "Julia Neumann", "Prof. Dr. Andreas Roth", "Petra Lindner", "Tobias Wagner"];

const ALL = "Alle Beschäftigten";
const CLERKS = "Beschäftigte in der Sachbearbeitung";
const LEADERS = "Führungskräfte aller Ebenen";

export const DEMO_TRAININGS: SeedTraining[] = [
  // ── Datenschutz und Informationssicherheit ───────────────────────────────────────────────
  {
    code: "DS-01",
    title: "Datenschutz-Grundschulung: DSGVO im Verwaltungsalltag",
    format: "ELEARNING",
    provider: PROVIDER.privacy,
    hours: 1.5,
    description:
      "Die Pflichtschulung für alle Beschäftigten (Art. 39 DSGVO): Grundsätze der Verarbeitung, Rechtsgrundlagen, Umgang mit personenbezogenen Daten am Arbeitsplatz, Datenpannen erkennen und melden. Mit Abschlusstest; alle zwei Jahre zu wiederholen.",
    targetGroups: ALL,
    contact: "privacy",
    externalUrl: "https://lernen.beispielstadt.example/kurse/datenschutz-grundlagen",
    requiresApproval: false,
    develops: [
      [KM, "DK.2", 2],
      [DC, "4.2", 3],
    ],
    sessions: [],
  },
  {
    code: "DS-02",
    title: "Datenschutz vertieft: Auskunft, Berichtigung und Löschung",
    format: "WEBINAR",
    provider: PROVIDER.privacy,
    hours: 3,
    description:
      "Betroffenenrechte sicher bearbeiten: Auskunftsersuchen nach Art. 15 DSGVO, Fristen, Identitätsprüfung, Schwärzen, Löschkonzepte und Aufbewahrungsfristen im Fachverfahren. Mit Fällen aus Bürgerbüro, Sozialamt und Ordnungsamt.",
    targetGroups: `${CLERKS} mit viel Bürgerkontakt`,
    prerequisites: "Datenschutz-Grundschulung (DS-01)",
    contact: "privacy",
    develops: [
      [KM, "DK.2", 3],
      [KM, "FK.1", 3],
      [DC, "4.2", 4],
    ],
    sessions: [{ at: -18 }, { at: 9, capacity: 25, confirmed: 19 }, { at: 41, from: "13:30", to: "16:30" }],
  },
  {
    code: "IS-01",
    title: "Security Awareness: Phishing, Passwörter und sicheres Arbeiten",
    format: "ELEARNING",
    provider: PROVIDER.hzd,
    hours: 1,
    description:
      "Kurze Lerneinheiten zur Informationssicherheit nach BSI IT-Grundschutz (ORP.3 Sensibilisierung und Schulung): gefälschte E-Mails erkennen, sichere Passwörter und Zwei-Faktor-Anmeldung, sicherer Umgang mit USB-Sticks und mobilen Geräten, Vorfälle melden.",
    targetGroups: ALL,
    contact: "security",
    externalUrl: "https://lernen.beispielstadt.example/kurse/security-awareness",
    requiresApproval: false,
    develops: [
      [KM, "DK.2", 2],
      [DC, "4.1", 3],
    ],
    sessions: [],
  },
  {
    code: "IS-02",
    title: "Informationssicherheit im Arbeitsalltag (Präsenzschulung)",
    format: "CLASSROOM",
    provider: PROVIDER.it,
    hours: 3,
    description:
      "Praxisnahe Vertiefung für Beschäftigte mit besonders schutzbedürftigen Daten: Schutzbedarf erkennen, Verschlüsselung von E-Mails und Dateien, sicheres mobiles Arbeiten und Homeoffice, was bei einem Sicherheitsvorfall zu tun ist. Mit Live-Demonstration eines Phishing-Angriffs.",
    targetGroups: `${CLERKS}, insbesondere Sozial-, Personal- und Ordnungsverwaltung`,
    prerequisites: "Security Awareness (IS-01)",
    contact: "security",
    requiresApproval: false,
    develops: [
      [KM, "DK.2", 3],
      [DC, "4.1", 4],
    ],
    sessions: [
      { at: -25, from: "09:00", to: "12:00", trainer: "it" },
      { at: 6, from: "09:00", to: "12:00", capacity: 16, confirmed: 15, deadline: -2, trainer: "it" },
      { at: 28, from: "13:00", to: "16:00", capacity: 16, confirmed: 4, trainer: "it" },
    ],
  },
  {
    code: "IS-03",
    title: "IT-Grundschutz-Praktiker",
    format: "CLASSROOM",
    provider: PROVIDER.hzd,
    hours: 22.5,
    euros: 1450,
    description:
      "Dreitägige Qualifizierung zum IT-Grundschutz-Praktiker nach BSI-Standard 200-2: Strukturanalyse, Schutzbedarfsfeststellung, Modellierung mit dem IT-Grundschutz-Kompendium, IT-Grundschutz-Check und Risikoanalyse. Abschluss mit Prüfung.",
    targetGroups: "IT-Fachkräfte, Informationssicherheitsbeauftragte",
    prerequisites: "Grundkenntnisse in IT-Betrieb und Netzwerken",
    contact: "security",
    develops: [
      [DC, "4.1", 6],
      [DC, "4.2", 5],
      [DC, "5.1", 5],
    ],
    place: "HZD Wiesbaden, Schulungszentrum",
    sessions: [
      { at: -60, more: [1, 2], capacity: 12 },
      { at: 33, more: [1, 2], capacity: 12, confirmed: 5, deadline: -28 },
    ],
  },
  // ── Arbeitsschutz ─────────────────────────────────────────────────────────────────────────
  {
    code: "AS-01",
    title: "Arbeitsschutz-Unterweisung (jährlich)",
    format: "ELEARNING",
    provider: PROVIDER.safety,
    hours: 0.75,
    description:
      "Die jährliche Unterweisung nach § 12 ArbSchG und DGUV Vorschrift 1: Gefährdungen am Büroarbeitsplatz, Bildschirmarbeit, Verhalten bei Unfällen und im Brandfall, Erste Hilfe, Flucht- und Rettungswege. Die Teilnahme wird dokumentiert.",
    targetGroups: ALL,
    contact: "safety",
    externalUrl: "https://lernen.beispielstadt.example/kurse/arbeitsschutz-unterweisung",
    requiresApproval: false,
    develops: [[DC, "4.3", 3]],
    sessions: [],
  },
  {
    code: "AS-02",
    title: "Brandschutzhelferin und Brandschutzhelfer",
    format: "CLASSROOM",
    provider: PROVIDER.ukh,
    hours: 4,
    description:
      "Ausbildung nach DGUV Information 205-023 mit praktischer Löschübung: Brandentstehung, Verhalten im Brandfall, Räumung und Sammelplatz, Umgang mit Feuerlöschern. Jede Dienststelle braucht ausgebildete Brandschutzhelfende.",
    targetGroups: "Von der Dienststelle benannte Beschäftigte",
    contact: "safety",
    develops: [[KM, "SeK.3", 3]],
    place: "Feuerwache 1, Übungshof",
    sessions: [{ at: -30, from: "08:00", to: "12:00" }, { at: 14, from: "08:00", to: "12:00", capacity: 15, confirmed: 9 }],
  },
  {
    code: "AS-03",
    title: "Gesund am Bildschirmarbeitsplatz",
    format: "WEBINAR",
    provider: PROVIDER.safety,
    hours: 1.5,
    description: "Ergonomie am Schreibtisch und im Homeoffice, Pausen und Bewegung, Augen und Rücken entlasten – mit kurzen Übungen zum Mitmachen.",
    targetGroups: ALL,
    contact: "safety",
    requiresApproval: false,
    develops: [
      [DC, "4.3", 4],
      [KM, "SeK.4", 2],
    ],
    sessions: [{ at: 11, from: "10:00", to: "11:30", capacity: 40, confirmed: 12 }],
  },
  {
    code: "AS-04",
    title: "Erste-Hilfe-Fortbildung für betriebliche Ersthelfende",
    format: "CLASSROOM",
    provider: PROVIDER.ukh,
    hours: 8,
    description:
      "Fortbildung nach DGUV Vorschrift 1 § 26 für benannte Ersthelfende, spätestens alle zwei Jahre: Notfälle erkennen, Herz-Lungen-Wiederbelebung mit AED, Wundversorgung, Verhalten bei Unfällen im Büro und im Außendienst.",
    targetGroups: "Benannte Ersthelferinnen und Ersthelfer",
    contact: "safety",
    develops: [[KM, "SeK.3", 3]],
    place: "Rathaus, Raum 012",
    sessions: [{ at: -45, from: "08:30", to: "16:30", capacity: 16 }, { at: 26, from: "08:30", to: "16:30", capacity: 16, confirmed: 6 }],
  },
  // ── E-Akte / DMS ──────────────────────────────────────────────────────────────────────────
  {
    code: "EA-01",
    title: "E-Akte Grundlagen: Arbeiten mit dem Dokumentenmanagementsystem",
    format: "CLASSROOM",
    provider: PROVIDER.it,
    hours: 4,
    description:
      "Der Einstieg in die elektronische Akte: Aktenplan, Akten und Vorgänge anlegen, Dokumente ablegen und wiederfinden, Mitzeichnung und Wiedervorlage, Vertretungen. Am eigenen Übungsplatz mit Beispielvorgängen.",
    targetGroups: `${CLERKS} in Ämtern, die auf die E-Akte umstellen`,
    contact: "digital",
    requiresApproval: false,
    develops: [
      [KM, "DK.1", 2],
      [DC, "1.3", 3],
    ],
    place: "Stadthaus Nord, EDV-Schulungsraum",
    sessions: [
      { at: -40, from: "08:30", to: "12:30" },
      { at: -12, from: "08:30", to: "12:30" },
      { at: 7, from: "08:30", to: "12:30", capacity: 12, confirmed: 11, deadline: -3 },
      { at: 22, from: "13:00", to: "17:00", capacity: 12, confirmed: 6 },
      { at: 50, from: "08:30", to: "12:30", capacity: 12, confirmed: 0 },
    ],
  },
  {
    code: "EA-02",
    title: "E-Akte für Fortgeschrittene: Vorgänge, Workflows und Aussonderung",
    format: "WEBINAR",
    provider: PROVIDER.ekom,
    hours: 3,
    description: "Für alle, die schon mit der E-Akte arbeiten: Workflows und Umläufe, Geschäftsgänge mit Mitzeichnung, Suchprofile, Aussonderung und Archivierung nach Aufbewahrungsfrist.",
    targetGroups: `${CLERKS} und Registraturen`,
    prerequisites: "E-Akte Grundlagen (EA-01) oder mehrere Monate Praxis",
    contact: "digital",
    develops: [
      [KM, "DK.1", 3],
      [DC, "1.3", 4],
    ],
    sessions: [{ at: 16, capacity: 20, confirmed: 8 }, { at: 58, from: "13:30", to: "16:30" }],
  },
  {
    code: "EA-03",
    title: "Ersetzendes Scannen nach TR-RESISCAN",
    format: "BLENDED",
    provider: PROVIDER.ekom,
    hours: 4,
    description: "Wann Papier nach dem Scannen vernichtet werden darf: Anforderungen der TR-RESISCAN, Scananweisung, Qualitätskontrolle und Protokollierung. Selbstlernteil vorab, danach Praxisteil in der Poststelle.",
    targetGroups: "Beschäftigte in Poststellen und Scanzentren",
    contact: "digital",
    develops: [
      [KM, "DK.1", 3],
      [KM, "DK.4", 2],
    ],
    place: "Rathaus, Zentrale Poststelle",
    sessions: [{ at: 19, from: "09:00", to: "13:00", capacity: 10, confirmed: 3 }],
  },
  // ── Projekt- und Prozessmanagement, agile Methoden ──────────────────────────────────────
  {
    code: "PM-01",
    title: "Projektmanagement in der Verwaltung – Grundlagen",
    format: "CLASSROOM",
    provider: PROVIDER.studieninstitut,
    hours: 15,
    euros: 390,
    description:
      "Zwei Tage Handwerkszeug für Projekte in der Verwaltung: Projektauftrag, Ziele und Umfeld, Projektstrukturplan, Termin- und Ressourcenplanung, Risiken, Gremien und Beteiligung des Personalrats, Projektabschluss.",
    targetGroups: "Beschäftigte, die Projekte leiten oder in Projekten mitarbeiten",
    contact: "hr",
    develops: [
      [KM, "MK.3", 2],
      [KM, "MK.1", 2],
    ],
    sessions: [
      { at: -45, more: [1] },
      { at: 4, more: [1], capacity: 16, confirmed: 8, deadline: -7 },
      { at: 47, more: [1], capacity: 16, confirmed: 2 },
    ],
  },
  {
    code: "PM-02",
    title: "Digitalisierungsprojekte steuern",
    format: "BLENDED",
    provider: PROVIDER.digital,
    hours: 21,
    description:
      "Für Projektleitungen von Digitalisierungsvorhaben: Anforderungen erheben, mit Dienstleistern arbeiten, hybride Vorgehensmodelle, Nutzerbeteiligung, Einführung und Schulung. Drei Präsenztage mit Online-Lernphasen dazwischen.",
    targetGroups: "Projektleitungen, Digitalisierungslots*innen",
    prerequisites: "Projektmanagement-Grundlagen (PM-01) oder Projekterfahrung",
    contact: "digital",
    develops: [
      [KM, "MK.3", 3],
      [KM, "DK.4", 3],
      [DC, "5.2", 5],
    ],
    sessions: [{ at: 26, more: [5, 10], capacity: 14, confirmed: 10 }],
  },
  {
    code: "PZ-01",
    title: "Prozessmanagement: Abläufe erheben, modellieren und verbessern",
    format: "CLASSROOM",
    provider: PROVIDER.studieninstitut,
    hours: 15,
    euros: 420,
    description:
      "Verwaltungsprozesse sichtbar machen: Prozesslandkarte, Erhebung im Interview und Workshop, Modellierung in BPMN 2.0, Kennzahlen, Schwachstellen und Soll-Prozess. Mit eigenem Prozess aus der Dienststelle.",
    targetGroups: `${CLERKS}, Organisationsberatung, Digitalisierungslots*innen`,
    contact: "hr",
    develops: [
      [KM, "MK.3", 3],
      [KM, "DK.4", 3],
      [KM, "FK.4", 3],
    ],
    sessions: [{ at: -20, more: [1] }, { at: 36, more: [1], capacity: 14, confirmed: 7 }],
  },
  {
    code: "PZ-02",
    title: "Vom Papierformular zum Online-Antrag",
    format: "WEBINAR",
    provider: PROVIDER.digital,
    hours: 3,
    description: "Wie aus einem Formular ein guter Online-Dienst wird: Antragsstrecke nutzerfreundlich gestalten, Daten nur einmal erheben, Schnittstellen zum Fachverfahren, Bescheide digital zustellen.",
    targetGroups: "Fachbereiche mit Antragsverfahren, Digitalisierungslots*innen",
    contact: "digital",
    develops: [
      [KM, "DK.4", 3],
      [DC, "5.3", 4],
    ],
    sessions: [{ at: 13, capacity: 30, confirmed: 14 }],
  },
  {
    code: "AG-01",
    title: "Agile Methoden in der Verwaltung: Scrum und Kanban",
    format: "CLASSROOM",
    provider: PROVIDER.agile,
    hours: 14,
    euros: 680,
    description:
      "Was agiles Arbeiten in einer Behörde bedeutet und wo es passt: Werte und Prinzipien, Scrum mit Rollen und Ereignissen, Kanban mit Board und WIP-Limits, agile Vorhaben im Rahmen von Haushalt und Vergabe. Mit Simulation eines Sprints.",
    targetGroups: "Beschäftigte in Projekten und Teams, die neue Arbeitsweisen ausprobieren",
    contact: "hr",
    develops: [
      [KM, "MK.4", 3],
      [DC, "2.4", 4],
    ],
    sessions: [{ at: -35, more: [1] }, { at: 17, more: [1], capacity: 16, confirmed: 13 }],
  },
  {
    code: "AG-02",
    title: "Kanban im Team einführen",
    format: "WEBINAR",
    provider: PROVIDER.agile,
    hours: 3,
    euros: 120,
    description: "Arbeit sichtbar machen und den Fluss verbessern: ein Kanban-Board für das eigene Team aufsetzen, Regeln vereinbaren, Engpässe erkennen, regelmäßige Team-Termine.",
    targetGroups: "Teams und Teamleitungen",
    contact: "hr",
    develops: [
      [KM, "MK.4", 2],
      [KM, "MK.1", 3],
    ],
    sessions: [{ at: 8, from: "13:00", to: "16:00", capacity: 20, confirmed: 5 }],
  },
  {
    code: "AG-03",
    title: "Design Thinking für Verwaltungsleistungen",
    format: "CLASSROOM",
    provider: PROVIDER.digital,
    hours: 7,
    description: "Verwaltungsleistungen aus Sicht der Bürgerinnen und Bürger neu denken: Interviews, Personas, Journey Maps, Ideen entwickeln und mit Prototypen testen.",
    targetGroups: "Fachbereiche mit Bürgerkontakt, Digitalisierungslots*innen",
    contact: "digital",
    develops: [
      [KM, "MK.4", 3],
      [KM, "SK.3", 3],
      [DC, "5.3", 4],
    ],
    sessions: [{ at: 30, capacity: 18, confirmed: 6 }],
  },
  // ── Führung ───────────────────────────────────────────────────────────────────────────────
  {
    code: "FÜ-01",
    title: "Führen in der digitalen Transformation",
    format: "BLENDED",
    provider: PROVIDER.leadership,
    hours: 24,
    euros: 1200,
    description:
      "Das Programm zum Führungsbild der Stadtverwaltung: die eigene Rolle im Wandel, digitale Strategie und Geschäftsmodelle der Verwaltung, Mitarbeitende beteiligen und befähigen, Veränderung kommunizieren. Drei Präsenztage mit Praxisaufgaben und kollegialem Austausch dazwischen.",
    targetGroups: LEADERS,
    contact: "hr",
    develops: [
      [KM, "FüK.3", 3],
      [KM, "FüK.1", 3],
      [KM, "SeK.2", 3],
      [DC, "5.4", 4],
    ],
    sessions: [
      { at: -50, more: [10, 20] },
      { at: 24, more: [10, 20], capacity: 16, confirmed: 12, deadline: -21 },
    ],
  },
  {
    code: "FÜ-02",
    title: "Neu in der Führungsrolle",
    format: "CLASSROOM",
    provider: PROVIDER.studieninstitut,
    hours: 15,
    euros: 480,
    description: "Für Führungskräfte im ersten Jahr: vom Kollegen zur Vorgesetzten, Erwartungen klären, Aufgaben delegieren, Feedback geben, erste Mitarbeitendengespräche, Führungspflichten im Arbeits- und Dienstrecht.",
    targetGroups: "Neue Führungskräfte (erstes Jahr)",
    contact: "hr",
    develops: [
      [KM, "FüK.2", 3],
      [KM, "FüK.5", 3],
      [KM, "FüK.4", 2],
    ],
    sessions: [{ at: -15, more: [1] }, { at: 38, more: [1], capacity: 14, confirmed: 9 }],
  },
  {
    code: "FÜ-03",
    title: "Veränderungsprozesse gestalten: Change Management",
    format: "CLASSROOM",
    provider: PROVIDER.leadership,
    hours: 7,
    euros: 350,
    description: "Veränderungen planen und begleiten: Phasen und Reaktionen im Wandel, Widerstände verstehen, Beteiligung und Kommunikation planen, den Personalrat früh einbinden.",
    targetGroups: LEADERS,
    contact: "hr",
    develops: [
      [KM, "FüK.1", 4],
      [KM, "SeK.2", 3],
    ],
    sessions: [{ at: 12, capacity: 14, confirmed: 14, deadline: -7 }, { at: 54, capacity: 14, confirmed: 3 }],
  },
  {
    code: "FÜ-04",
    title: "Mitarbeitendengespräche wirksam führen",
    format: "CLASSROOM",
    provider: PROVIDER.internal,
    hours: 7,
    description:
      "Das jährliche Mitarbeitendengespräch vorbereiten und führen: Rückblick, Kompetenzen und Entwicklungsziele anhand des Stellenprofils, Vereinbarungen festhalten. Mit Übungsgesprächen und der Einschätzungsrunde in Lernreise.",
    targetGroups: LEADERS,
    contact: "hr",
    requiresApproval: false,
    develops: [
      [KM, "FüK.2", 3],
      [KM, "FüK.4", 3],
    ],
    sessions: [{ at: -8, trainer: "hr" }, { at: 21, capacity: 16, confirmed: 7, trainer: "hr" }],
  },
  {
    code: "FÜ-05",
    title: "Kollegiale Fallberatung für Führungskräfte",
    format: "ON_THE_JOB",
    provider: PROVIDER.internal,
    hours: 8,
    description: "Führungskräfte beraten sich gegenseitig zu Fällen aus dem eigenen Alltag – nach einem festen Ablauf, vertraulich und ohne Hierarchie. Vier Treffen zu je zwei Stunden, moderiert von erfahrenen Führungskräften der Stadtverwaltung.",
    targetGroups: LEADERS,
    contact: "hr",
    requiresApproval: false,
    develops: [
      [KM, "FüK.5", 3],
      [KM, "FüK.4", 3],
    ],
    place: "Rathaus, Besprechungsraum 2.07",
    sessions: [
      { at: -30, more: [10, 20, 30], from: "14:00", to: "16:00", capacity: 8, trainer: "leader" },
      { at: 15, more: [10, 20, 30], from: "14:00", to: "16:00", capacity: 8, confirmed: 5, trainer: "leader" },
    ],
  },
  {
    code: "FÜ-06",
    title: "Führen auf Distanz: hybride Teams leiten",
    format: "WEBINAR",
    provider: PROVIDER.leadership,
    hours: 3,
    euros: 150,
    description: "Wenn das Team zwischen Büro und Homeoffice arbeitet: Erreichbarkeit und Regeln vereinbaren, digitale Besprechungen gut leiten, Vertrauen und Zusammenhalt ohne täglichen Flurfunk.",
    targetGroups: LEADERS,
    contact: "hr",
    develops: [
      [KM, "FüK.4", 3],
      [KM, "DK.3", 3],
      [DC, "2.4", 4],
    ],
    sessions: [{ at: 10, capacity: 24, confirmed: 16 }],
  },
  // ── Bürgerservice und Kommunikation ──────────────────────────────────────────────────────
  {
    code: "BS-01",
    title: "Bürgerservice: professionell kommunizieren am Schalter und am Telefon",
    format: "CLASSROOM",
    provider: PROVIDER.communication,
    hours: 7,
    euros: 290,
    description:
      "Freundlich, klar und verbindlich im Kundenkontakt: Gesprächsführung am Schalter und am Telefon, aktiv zuhören, Anliegen klären, Bescheide und Regeln verständlich erklären, auch unter Zeitdruck.",
    targetGroups: "Beschäftigte in Bürgerbüros, Zulassungsstellen und Servicecentern",
    contact: "hr",
    develops: [
      [KM, "SK.3", 3],
      [KM, "SK.1", 3],
    ],
    sessions: [
      { at: -22 },
      { at: 9, capacity: 14, confirmed: 14 },
      { at: 31, capacity: 14, confirmed: 10 },
      { at: 62, capacity: 14, confirmed: 1 },
    ],
  },
  {
    code: "BS-02",
    title: "Schwierige Gesprächssituationen und Deeskalation",
    format: "CLASSROOM",
    provider: PROVIDER.communication,
    hours: 7,
    euros: 290,
    description: "Wenn Gespräche eskalieren: Warnsignale erkennen, ruhig bleiben, deeskalierend sprechen, Grenzen setzen, Sicherheitskonzept der Dienststelle und Nachsorge.",
    targetGroups: "Beschäftigte mit Publikumsverkehr",
    contact: "hr",
    develops: [
      [KM, "SK.4", 3],
      [KM, "SK.3", 3],
      [KM, "SeK.4", 2],
    ],
    sessions: [{ at: -10 }, { at: 27, capacity: 14, confirmed: 8 }],
  },
  {
    code: "BS-03",
    title: "Verständlich schreiben: Bescheide und Briefe in klarer Sprache",
    format: "WEBINAR",
    provider: PROVIDER.studieninstitut,
    hours: 3,
    euros: 95,
    description: "Rechtssicher und trotzdem verständlich: Aufbau von Bescheiden, kurze Sätze, aktive Sprache, Fachbegriffe erklären, Textbausteine überarbeiten, Grundlagen der Leichten Sprache.",
    targetGroups: CLERKS,
    contact: "hr",
    develops: [
      [KM, "SK.1", 3],
      [KM, "FK.1", 3],
      [DC, "3.1", 3],
    ],
    sessions: [{ at: 5, capacity: 24, confirmed: 20, deadline: -2 }, { at: 44, from: "13:30", to: "16:30", capacity: 24, confirmed: 4 }],
  },
  {
    code: "BB-01",
    title: "Melde-, Pass- und Ausweisrecht kompakt",
    format: "CLASSROOM",
    provider: PROVIDER.studieninstitut,
    hours: 7,
    euros: 240,
    description: "Das Fachwissen für das Bürgerbüro auf aktuellem Stand: Bundesmeldegesetz, Pass- und Personalausweisgesetz, elektronischer Identitätsnachweis, Auskunftssperren, aktuelle Rechtsänderungen mit Fällen aus der Praxis.",
    targetGroups: "Beschäftigte in Bürgerbüros",
    contact: "hr",
    develops: [
      [KM, "FK.2", 3],
      [KM, "FK.1", 3],
    ],
    sessions: [{ at: -28 }, { at: 18, capacity: 16, confirmed: 11 }],
  },
  {
    code: "SK-01",
    title: "Besprechungen und Workshops moderieren",
    format: "CLASSROOM",
    provider: PROVIDER.internal,
    hours: 7,
    description: "Besprechungen, die zu Ergebnissen führen: Ziele und Ablauf planen, Moderationsmethoden, Visualisierung, Umgang mit Vielrednern, Ergebnisse und Aufgaben festhalten – in Präsenz und online.",
    targetGroups: ALL,
    contact: "hr",
    requiresApproval: false,
    develops: [
      [KM, "SK.2", 3],
      [KM, "SK.1", 3],
    ],
    sessions: [{ at: 20, capacity: 14, confirmed: 5, trainer: "hr" }],
  },
  // ── Office und Kollaboration ─────────────────────────────────────────────────────────────
  {
    code: "OF-01",
    title: "Digitale Zusammenarbeit: Videokonferenz, geteilte Dokumente, Teamkalender",
    format: "WEBINAR",
    provider: PROVIDER.it,
    hours: 2,
    description: "Die Werkzeuge der Stadtverwaltung für die Zusammenarbeit sicher nutzen: an Videokonferenzen teilnehmen und sie leiten, Dokumente gemeinsam bearbeiten statt per E-Mail verschicken, Teamkalender und Aufgaben.",
    targetGroups: ALL,
    contact: "digital",
    requiresApproval: false,
    develops: [
      [KM, "DK.3", 2],
      [DC, "2.4", 3],
    ],
    sessions: [{ at: 3, from: "10:00", to: "12:00", capacity: 30, confirmed: 22 }, { at: 25, from: "10:00", to: "12:00", capacity: 30, confirmed: 9 }],
  },
  {
    code: "OF-02",
    title: "Tabellenkalkulation für die Sachbearbeitung – Grundlagen",
    format: "CLASSROOM",
    provider: PROVIDER.it,
    hours: 7,
    description: "Listen und Berechnungen sicher anlegen: Formeln und Bezüge, Funktionen für Datum und Text, Sortieren und Filtern, Tabellen übersichtlich gestalten und drucken.",
    targetGroups: CLERKS,
    contact: "digital",
    requiresApproval: false,
    develops: [
      [DC, "3.1", 3],
      [DC, "1.3", 3],
    ],
    place: "Stadthaus Nord, EDV-Schulungsraum",
    sessions: [{ at: -5 }, { at: 23, capacity: 12, confirmed: 7 }],
  },
  {
    code: "OF-03",
    title: "Tabellenkalkulation – Auswertungen, Pivot-Tabellen und Diagramme",
    format: "CLASSROOM",
    provider: PROVIDER.it,
    hours: 7,
    description: "Daten auswerten und darstellen: Pivot-Tabellen, bedingte Formatierung, SVERWEIS und XVERWEIS, Diagramme für Berichte, Daten aus Fachverfahren übernehmen.",
    targetGroups: CLERKS,
    prerequisites: "Tabellenkalkulation – Grundlagen (OF-02) oder gleichwertige Kenntnisse",
    contact: "digital",
    develops: [
      [DC, "1.3", 4],
      [DC, "1.2", 4],
    ],
    place: "Stadthaus Nord, EDV-Schulungsraum",
    sessions: [{ at: 35, capacity: 12, confirmed: 2 }],
  },
  {
    code: "OF-04",
    title: "Barrierefreie Dokumente erstellen",
    format: "WEBINAR",
    provider: PROVIDER.digital,
    hours: 3,
    description: "Dokumente und PDF, die alle lesen können (BITV 2.0): Überschriften und Formatvorlagen, Alternativtexte, Tabellen, Kontraste, barrierefreie PDF exportieren und prüfen.",
    targetGroups: ALL,
    contact: "digital",
    requiresApproval: false,
    develops: [
      [DC, "3.1", 4],
      [DC, "3.2", 3],
    ],
    sessions: [{ at: 29, capacity: 25, confirmed: 6 }],
  },
  // ── OZG, KI, Recht und Haushalt ──────────────────────────────────────────────────────────
  {
    code: "OZ-01",
    title: "OZG und Onlinezugang: Verwaltungsleistungen digital anbieten",
    format: "WEBINAR",
    provider: PROVIDER.digital,
    hours: 3,
    description: "Was das Onlinezugangsgesetz (OZG 2.0) von der Kommune verlangt: Serviceportal und Nutzerkonto, Einer-für-Alle-Leistungen, Once-Only, Registermodernisierung – und was das für die eigene Sachbearbeitung bedeutet.",
    targetGroups: ALL,
    contact: "digital",
    requiresApproval: false,
    develops: [
      [KM, "DK.4", 2],
      [KM, "FK.4", 3],
      [DC, "5.2", 4],
    ],
    sessions: [{ at: -14 }, { at: 12, capacity: 50, confirmed: 31 }],
  },
  {
    code: "OZ-02",
    title: "Online-Anträge im Fachverfahren bearbeiten",
    format: "ON_THE_JOB",
    provider: PROVIDER.digital,
    hours: 2,
    description: "Am eigenen Arbeitsplatz mit einer erfahrenen Kollegin oder einem Kollegen: Eingang aus dem Serviceportal, Nachforderungen über das Postfach, elektronische Bescheide, typische Fehler.",
    targetGroups: `${CLERKS} in Ämtern mit Online-Diensten`,
    contact: "digital",
    requiresApproval: false,
    develops: [
      [KM, "DK.1", 3],
      [KM, "DK.4", 2],
    ],
    place: "Am eigenen Arbeitsplatz (Zeit nach Absprache)",
    sessions: [{ at: 6, from: "10:00", to: "12:00", capacity: 4, confirmed: 3, deadline: -2 }],
  },
  {
    code: "KI-01",
    title: "KI-Grundlagen für die Verwaltung: Chancen, Grenzen, Recht",
    format: "WEBINAR",
    provider: PROVIDER.digital,
    hours: 2,
    description: "Wie künstliche Intelligenz funktioniert und wo sie in der Verwaltung hilft: Sprachmodelle, Mustererkennung, typische Fehler, Datenschutz und KI-Verordnung der EU, Regeln der Stadtverwaltung für den Einsatz.",
    targetGroups: ALL,
    contact: "digital",
    requiresApproval: false,
    develops: [
      [DC, "5.2", 4],
      [DC, "1.2", 4],
      [DC, "5.4", 4],
    ],
    sessions: [{ at: -9, from: "10:00", to: "12:00" }, { at: 4, from: "10:00", to: "12:00", capacity: 80, confirmed: 66 }, { at: 39, from: "14:00", to: "16:00", capacity: 80, confirmed: 12 }],
  },
  {
    code: "KI-02",
    title: "Generative KI sicher nutzen: Textassistenten im Arbeitsalltag",
    format: "CLASSROOM",
    provider: PROVIDER.digital,
    hours: 4,
    description: "Praxis mit dem freigegebenen Textassistenten der Stadtverwaltung: gute Anweisungen formulieren, Ergebnisse prüfen, keine personenbezogenen Daten eingeben, Texte überarbeiten und zusammenfassen lassen.",
    targetGroups: ALL,
    prerequisites: "KI-Grundlagen (KI-01)",
    contact: "digital",
    develops: [
      [DC, "3.1", 4],
      [DC, "1.2", 4],
      [KM, "DK.2", 3],
    ],
    place: "Stadthaus Nord, EDV-Schulungsraum",
    sessions: [{ at: 14, from: "09:00", to: "13:00", capacity: 12, confirmed: 12 }, { at: 42, from: "09:00", to: "13:00", capacity: 12, confirmed: 5 }],
  },
  {
    code: "KI-03",
    title: "KI-Werkstatt: Anwendungsfälle im eigenen Amt",
    format: "CLASSROOM",
    provider: PROVIDER.digital,
    hours: 7,
    status: "DRAFT",
    description: "In Vorbereitung: Ämter bringen eigene Ideen für KI-Anwendungen mit und prüfen sie gemeinsam auf Nutzen, Daten, Recht und Aufwand.",
    targetGroups: "Digitalisierungslots*innen, Amtsleitungen",
    contact: "digital",
    develops: [
      [DC, "5.2", 5],
      [KM, "DK.4", 3],
    ],
    sessions: [{ at: 70, capacity: 16 }],
  },
  {
    code: "VR-01",
    title: "Verwaltungsrecht kompakt: Bescheide rechtssicher gestalten",
    format: "CLASSROOM",
    provider: PROVIDER.studieninstitut,
    hours: 7,
    euros: 240,
    description: "Das Verwaltungsverfahren nach HVwVfG auf einen Blick: Anhörung, Ermessen, Begründung, Nebenbestimmungen, Rechtsbehelfsbelehrung, Bekanntgabe und Zustellung – mit Musterbescheiden.",
    targetGroups: CLERKS,
    contact: "hr",
    develops: [
      [KM, "FK.1", 3],
      [KM, "FK.2", 3],
    ],
    sessions: [{ at: -33 }, { at: 15, capacity: 20, confirmed: 13 }],
  },
  {
    code: "VR-02",
    title: "Vergaberecht und Korruptionsprävention für Beschaffende",
    format: "CLASSROOM",
    provider: PROVIDER.studieninstitut,
    hours: 7,
    euros: 260,
    description: "Rechtssicher einkaufen: Wertgrenzen, UVgO und VgV, Vergabeverfahren wählen, Dokumentation, Korruptionsprävention und Vier-Augen-Prinzip.",
    targetGroups: "Beschäftigte mit Beschaffungsaufgaben",
    contact: "hr",
    develops: [
      [KM, "FK.3", 3],
      [KM, "FK.1", 3],
    ],
    sessions: [{ at: 32, capacity: 16, confirmed: 6 }],
  },
  {
    code: "HH-01",
    title: "Kommunales Haushaltsrecht und Doppik für Einsteiger",
    format: "CLASSROOM",
    provider: PROVIDER.studieninstitut,
    hours: 15,
    euros: 420,
    description: "Der Haushalt der Kommune verständlich: Ergebnis- und Finanzhaushalt, Produkte und Budgets, Haushaltsgrundsätze nach HGO, Mittelbewirtschaftung, Jahresabschluss.",
    targetGroups: "Beschäftigte in Kämmerei und dezentralen Haushaltsstellen",
    contact: "hr",
    develops: [[KM, "FK.3", 3]],
    sessions: [{ at: -55, more: [1] }, { at: 45, more: [1], capacity: 16, confirmed: 4 }],
  },
  // ── Selbstkompetenz, Digitalisierungslots*innen, IT ──────────────────────────────────────
  {
    code: "SE-01",
    title: "Resilienz und Selbstfürsorge im Arbeitsalltag",
    format: "CLASSROOM",
    provider: PROVIDER.internal,
    hours: 7,
    description: "Mit Belastung gut umgehen: eigene Stressmuster erkennen, Erholung planen, Grenzen setzen, Unterstützungsangebote der Stadtverwaltung (Betriebliches Gesundheitsmanagement, Sozialberatung).",
    targetGroups: ALL,
    contact: "hr",
    requiresApproval: false,
    develops: [
      [KM, "SeK.4", 3],
      [DC, "4.3", 4],
    ],
    sessions: [{ at: 19, capacity: 14, confirmed: 14 }],
  },
  {
    code: "SE-02",
    title: "Selbst- und Zeitmanagement",
    format: "WEBINAR",
    provider: PROVIDER.internal,
    hours: 3,
    description: "Prioritäten setzen und den Tag planen: Aufgaben sammeln und ordnen, Eisenhower-Prinzip, Störungen reduzieren, E-Mail-Flut bewältigen.",
    targetGroups: ALL,
    contact: "hr",
    requiresApproval: false,
    develops: [
      [KM, "MK.1", 3],
      [KM, "SeK.3", 3],
    ],
    sessions: [{ at: 7, capacity: 25, confirmed: 17 }],
  },
  {
    code: "DL-01",
    title: "Qualifizierungsprogramm Digitalisierungslots*innen",
    format: "BLENDED",
    provider: PROVIDER.digital,
    hours: 28,
    description:
      "Die Ausbildung für die Digitalisierungslots*innen der Ämter: Digitalisierungsbedarfe erkennen, Lösungen bewerten, Kolleginnen und Kollegen beim Umstieg begleiten, kleine Prozessverbesserungen selbst umsetzen. Vier Präsenztage über drei Monate mit Praxisprojekt.",
    targetGroups: "Benannte Digitalisierungslots*innen",
    prerequisites: "Benennung durch die Amtsleitung; fester Zeitanteil für die Lotsenaufgabe",
    contact: "digital",
    develops: [
      [DC, "5.2", 5],
      [DC, "2.4", 5],
      [DC, "5.4", 5],
      [DC, "5.3", 4],
      [KM, "DK.4", 3],
    ],
    sessions: [{ at: 40, more: [15, 30, 45], capacity: 20, confirmed: 14, deadline: -30 }],
  },
  {
    code: "DL-02",
    title: "Lern-Tandem: digitale Werkzeuge gemeinsam entdecken",
    format: "MENTORING",
    provider: PROVIDER.digital,
    hours: 6,
    description: "Eine erfahrene Digitalisierungslotsin oder ein Lotse begleitet Sie drei Monate lang: gemeinsame Ziele, monatliche Treffen, Fragen zwischendurch. Für alle, die im digitalen Arbeiten sicherer werden möchten.",
    targetGroups: ALL,
    contact: "digital",
    requiresApproval: false,
    develops: [
      [DC, "5.4", 4],
      [KM, "SeK.1", 3],
    ],
    place: "Nach Vereinbarung im Tandem",
    sessions: [{ at: 10, more: [20, 40], from: "14:00", to: "16:00", capacity: 6, confirmed: 2 }],
  },
  {
    code: "IT-01",
    title: "Netzwerk- und Cloud-Sicherheit für IT-Fachkräfte",
    format: "CLASSROOM",
    provider: PROVIDER.hzd,
    hours: 22.5,
    euros: 1890,
    description: "Für die IT-Betriebe der Kommunen: Segmentierung, Firewall-Regelwerke, sichere Anbindung von Cloud-Diensten, Protokollierung und Erkennung von Angriffen, Notfallmanagement.",
    targetGroups: "IT-Fachkräfte",
    contact: "security",
    language: "de-en",
    develops: [
      [DC, "4.1", 6],
      [DC, "5.1", 6],
      [DC, "3.4", 5],
    ],
    place: "HZD Wiesbaden, Schulungszentrum",
    sessions: [{ at: 52, more: [1, 2], capacity: 12, confirmed: 3 }],
  },
  {
    code: "IT-02",
    title: "Umstieg auf das neue Betriebssystem",
    format: "WEBINAR",
    provider: PROVIDER.it,
    hours: 1.5,
    status: "ARCHIVED",
    description: "Die Einführungsschulung zum Umstieg der Arbeitsplätze im vergangenen Jahr. Der Umstieg ist abgeschlossen; Fragen beantwortet der IT-Service.",
    targetGroups: ALL,
    contact: "digital",
    requiresApproval: false,
    develops: [[DC, "5.1", 3]],
    sessions: [{ at: -120, from: "10:00", to: "11:30" }],
  },
];

function stableId(name: string) {
  const h = createHash("sha1").update(`lernreise-training-seed:${name}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The Berlin calendar date `workdays` workdays from `start` (weekends skipped). */
export function addWorkdays(start: string, workdays: number) {
  const [y, m, d] = start.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  const step = workdays < 0 ? -1 : 1;
  let left = Math.abs(workdays);
  while (left > 0) {
    date.setUTCDate(date.getUTCDate() + step);
    const weekday = date.getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  // A start on a weekend moves to the next Monday.
  while (date.getUTCDay() === 0 || date.getUTCDay() === 6) date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

function addDays(date: string, days: number) {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Default times by duration: a seminar day 09:00–16:00, half a day 09:00–12:00 and so on. */
function defaultTimes(t: SeedTraining, dayCount: number) {
  const perDay = t.hours / dayCount;
  if (perDay >= 6) return { from: "09:00", to: "16:30" };
  const end = 9 * 60 + Math.round(perDay * 60);
  return { from: "09:00", to: `${String(Math.floor(end / 60)).padStart(2, "0")}:${String(end % 60).padStart(2, "0")}` };
}

export interface TrainingSeedOptions {
  admin: Administration;
  /** The HR demo account: creates the catalogue and the confirmed places. */
  hrUserId: string;
  today?: Date;
}

/** People in the units a person leads (and below), without the person. */
function teamOf(admin: Administration, leaderId: string) {
  const paths = admin.units.filter((u) => u.leaderId === leaderId).map((u) => u.path);
  const pathOf = new Map(admin.units.map((u) => [u.id, u.path]));
  return new Set(admin.people.filter((p) => p.id !== leaderId && paths.some((path) => pathOf.get(p.orgUnitId)!.startsWith(path))).map((p) => p.id));
}

export async function seedTrainingCatalogue(tx: Tx, { admin, hrUserId, today = new Date() }: TrainingSeedOptions) {
  const day0 = berlinDate(today);
  const now = new Date();

  // Competencies by framework key and code (published versions of the demo frameworks).
  const nodes = await tx.competencyNode.findMany({
    where: { kind: "COMPETENCY", framework: { key: { in: [KM, DC] }, status: "PUBLISHED" } },
    select: { id: true, code: true, lineageId: true, framework: { select: { key: true, scale: { select: { _count: { select: { levels: true } } } } } } },
  });
  const nodeOf = new Map(nodes.map((n) => [`${n.framework.key}|${n.code}`, n]));

  // Trainers who work here: the demo leader (peer consultation), the HR demo person, and
  // someone from IT security (Amt 12).
  const people = new Map(admin.people.map((p) => [p.id, p]));
  const unitById = new Map(admin.units.map((u) => [u.id, u]));
  const itPerson =
    admin.people.find((p) => p.status === "ACTIVE" && unitById.get(p.orgUnitId)?.code === "12.3" && !Object.values(admin.demo).includes(p.id)) ??
    admin.people.find((p) => p.status === "ACTIVE" && unitById.get(p.orgUnitId)?.code.startsWith("12.") && !Object.values(admin.demo).includes(p.id));
  const trainerPerson: Record<string, string | undefined> = { leader: admin.demo.leader, hr: admin.demo.hr, it: itPerson?.id };

  // Participants for confirmed places: active staff outside the demo accounts and the demo
  // leader's team, in a fixed order.
  const excluded = new Set([...Object.values(admin.demo), ...teamOf(admin, admin.demo.leader)]);
  const pool = admin.people.filter((p) => p.status === "ACTIVE" && !excluded.has(p.id)).map((p) => p.id);
  let cursor = 0;

  const trainings: Prisma.TrainingCreateManyInput[] = [];
  const mappings: { id: string; trainingId: string; competencyId: string; lineageId: string; targetLevel: number }[] = [];
  const sessions: {
    id: string;
    trainingId: string;
    startsAt: Date;
    endsAt: Date;
    location: string;
    onlineUrl: string;
    trainerName: string;
    trainerPersonId: string | null;
    capacity: number;
    confirmedCount: number;
    enrolmentDeadline: Date | null;
    createdAt: Date;
    updatedAt: Date;
  }[] = [];
  const days: { id: string; sessionId: string; startsAt: Date; endsAt: Date }[] = [];
  const enrolments: {
    id: string;
    personId: string;
    trainingId: string;
    sessionId: string;
    status: "CONFIRMED";
    activeKey: string;
    requestedById: string;
    decidedById: string;
    decidedAt: Date;
    createdAt: Date;
    updatedAt: Date;
  }[] = [];

  DEMO_TRAININGS.forEach((t, ti) => {
    const trainingId = stableId(`training:${t.code}`);
    const contact = CONTACTS[t.contact ?? "hr"];
    const description = t.description;
    trainings.push({
      id: trainingId,
      code: t.code,
      title: t.title,
      description,
      format: t.format,
      provider: t.provider,
      durationMinutes: Math.round(t.hours * 60),
      costCents: Math.round((t.euros ?? 0) * 100),
      language: t.language ?? "de",
      prerequisites: t.prerequisites ?? "",
      targetGroups: t.targetGroups,
      contactName: contact.name,
      contactEmail: contact.email,
      externalUrl: t.externalUrl ?? "",
      requiresApproval: t.requiresApproval ?? true,
      status: t.status ?? "PUBLISHED",
      searchText: searchTextOfTraining({ code: t.code, title: t.title, description, provider: t.provider }),
      createdById: hrUserId,
    });
    for (const [framework, code, level] of t.develops) {
      const node = nodeOf.get(`${framework}|${code}`);
      if (!node) throw new Error(`Seed: Kompetenz ${code} fehlt in ${framework}`);
      if (level < 1 || level > node.framework.scale._count.levels) throw new Error(`Seed: Stufe ${level} für ${code} liegt außerhalb der Skala`);
      mappings.push({ id: stableId(`mapping:${t.code}:${node.lineageId}`), trainingId, competencyId: node.id, lineageId: node.lineageId, targetLevel: level });
    }
    t.sessions.forEach((plan, si) => {
      const sessionId = stableId(`session:${t.code}:${si}`);
      const dates = [plan.at, ...(plan.more ?? []).map((offset) => plan.at + offset)].map((w) => addWorkdays(day0, w));
      const { from, to } = plan.from && plan.to ? { from: plan.from, to: plan.to } : defaultTimes(t, dates.length);
      const sessionDays = dates.map((date, di) => ({ id: stableId(`day:${t.code}:${si}:${di}`), sessionId, startsAt: berlinToUtc(date, from), endsAt: berlinToUtc(date, to) }));
      const online = t.format === "WEBINAR" || t.format === "BLENDED";
      const location = t.format === "WEBINAR" ? "" : (t.place ?? ROOMS[(ti + si) % ROOMS.length]!);
      const capacity = plan.capacity ?? (t.format === "WEBINAR" ? 25 : 14);
      const startsAt = sessionDays[0]!.startsAt;
      const future = startsAt > now;
      const confirmed = future ? Math.min(capacity, plan.confirmed ?? 0, pool.length) : 0;
      const deadlineDays = plan.deadline === undefined ? (t.format === "WEBINAR" ? -3 : -10) : plan.deadline;
      const trainerId = plan.trainer && trainerPerson[plan.trainer] ? trainerPerson[plan.trainer]! : null;
      const trainer = trainerId ? people.get(trainerId)! : null;
      sessions.push({
        id: sessionId,
        trainingId,
        startsAt,
        endsAt: sessionDays[sessionDays.length - 1]!.endsAt,
        location,
        onlineUrl: online ? `https://konferenz.beispielstadt.example/raum/${t.code.toLowerCase().replace("ü", "ue")}-${si + 1}` : "",
        trainerName: trainer ? `${trainer.firstName} ${trainer.lastName}` : TRAINERS[(ti * 3 + si) % TRAINERS.length]!,
        trainerPersonId: trainerId,
        capacity,
        confirmedCount: confirmed,
        enrolmentDeadline: deadlineDays === null ? null : endOfBerlinDay(addDays(dates[0]!, deadlineDays)),
        createdAt: now,
        updatedAt: now,
      });
      days.push(...sessionDays);
      for (let k = 0; k < confirmed; k++) {
        const personId = pool[cursor % pool.length]!;
        cursor++;
        const decidedAt = new Date(Math.min(now.getTime(), startsAt.getTime()) - (3 + ((ti + k) % 20)) * 86_400_000);
        enrolments.push({
          id: stableId(`enrolment:${sessionId}:${personId}`),
          personId,
          trainingId,
          sessionId,
          status: "CONFIRMED",
          activeKey: `${personId}:${sessionId}`,
          requestedById: hrUserId,
          decidedById: hrUserId,
          decidedAt,
          createdAt: decidedAt,
          updatedAt: decidedAt,
        });
      }
    });
  });

  const stamp = { createdAt: now, updatedAt: now };
  await tx.training.createMany({ data: trainings.map((t) => ({ ...t, ...stamp })) });
  await tx.trainingCompetency.createMany({ data: mappings });
  await tx.trainingSession.createMany({ data: sessions });
  await tx.sessionDay.createMany({ data: days });
  for (let i = 0; i < enrolments.length; i += 500) await tx.enrolment.createMany({ data: enrolments.slice(i, i + 500) });

  const counts = { trainings: trainings.length, sessions: sessions.length, enrolments: enrolments.length };
  await recordAudit(tx, {
    actorUserId: hrUserId,
    action: "seed.training",
    entityType: "Training",
    summary: `${counts.trainings} Schulungen mit ${counts.sessions} Terminen und ${counts.enrolments} bestätigten Plätzen angelegt`,
  });
  return counts;
}
