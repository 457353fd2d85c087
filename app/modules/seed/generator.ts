// Deterministic generator of a fictional German city administration ("Stadtverwaltung
// Beispielstadt"): org tree, positions with job descriptions, people, assignments.
// Pure: returns plain rows; seed.server.ts writes them. Same seed + size => same data.
import { Faker, de } from "@faker-js/faker";

export type OrgUnitType = "DEZERNAT" | "AMT" | "ABTEILUNG" | "SACHGEBIET" | "STABSSTELLE";
export interface UnitRow {
  id: string;
  code: string;
  name: string;
  type: OrgUnitType;
  parentId: string | null;
  path: string;
  depth: number;
  sortOrder: number;
  leaderId: string | null;
  deputyId: string | null;
}
export interface PositionRow {
  id: string;
  code: string;
  title: string;
  orgUnitId: string;
  payGrade: string;
  jobDescription: string;
  isLeadership: boolean;
}
export interface PersonRow {
  id: string;
  personnelNumber: string;
  firstName: string;
  lastName: string;
  email: string;
  status: "ACTIVE" | "ON_LEAVE" | "LEFT";
  entryDate: Date;
  exitDate: Date | null;
  orgUnitId: string;
  searchText: string;
}
export interface AssignmentRow {
  id: string;
  personId: string;
  positionId: string;
  startDate: Date;
  endDate: Date | null;
  fte: number;
  isPrimary: boolean;
}
export interface Administration {
  units: UnitRow[];
  positions: PositionRow[];
  people: PersonRow[];
  assignments: AssignmentRow[];
  /** Ids of the people behind the demo accounts. */
  demo: { employee: string; leader: string; hr: string; admin: string };
}

interface AmtTemplate {
  code: string;
  name: string;
  dezernat: number;
  divisions: string[];
  jobs: string[];
}

const DEZERNATE = [
  "Dezernat I – Oberbürgermeisterin, Personal und Digitalisierung",
  "Dezernat II – Finanzen, Sicherheit und Ordnung",
  "Dezernat III – Soziales, Jugend und Bildung",
  "Dezernat IV – Bauen, Planung und Umwelt",
];

const NAMED_AEMTER: AmtTemplate[] = [
  { code: "10", name: "Haupt- und Personalamt", dezernat: 0, divisions: ["Organisation", "Personalservice", "Personalentwicklung"], jobs: ["Sachbearbeitung Organisation", "Sachbearbeitung Personal", "Referent*in Personalentwicklung"] },
  { code: "12", name: "Amt für Informationstechnik", dezernat: 0, divisions: ["IT-Betrieb", "Digitale Verwaltung", "IT-Sicherheit"], jobs: ["Systemadministration", "Fachinformatik Anwendungsbetreuung", "Projektleitung Digitalisierung"] },
  { code: "20", name: "Kämmerei", dezernat: 1, divisions: ["Haushalt", "Stadtkasse", "Steuern"], jobs: ["Sachbearbeitung Haushalt", "Sachbearbeitung Stadtkasse", "Sachbearbeitung Steuern"] },
  { code: "32", name: "Ordnungsamt", dezernat: 1, divisions: ["Allgemeine Ordnungsangelegenheiten", "Bürgerbüro", "Verkehrsüberwachung"], jobs: ["Sachbearbeitung Gewerbe", "Sachbearbeitung Bürgerservice", "Verkehrsüberwachung"] },
  { code: "37", name: "Feuerwehr", dezernat: 1, divisions: ["Einsatz und Rettungsdienst", "Vorbeugender Brandschutz"], jobs: ["Brandmeister*in", "Sachbearbeitung Brandschutz", "Leitstellendisponent*in"] },
  { code: "50", name: "Sozialamt", dezernat: 2, divisions: ["Grundsicherung", "Wohngeld und Teilhabe"], jobs: ["Sachbearbeitung Grundsicherung", "Sachbearbeitung Wohngeld", "Sozialarbeit"] },
  { code: "51", name: "Jugendamt", dezernat: 2, divisions: ["Kindertagesstätten", "Allgemeiner Sozialer Dienst", "Wirtschaftliche Jugendhilfe"], jobs: ["Sozialpädagogik ASD", "Erzieher*in", "Sachbearbeitung Jugendhilfe"] },
  { code: "61", name: "Stadtplanungsamt", dezernat: 3, divisions: ["Bauleitplanung", "Stadterneuerung"], jobs: ["Stadtplanung", "Sachbearbeitung Bauleitplanung", "Technische Zeichnung"] },
  { code: "66", name: "Tiefbauamt", dezernat: 3, divisions: ["Straßenbau", "Verkehr und Mobilität", "Stadtentwässerung"], jobs: ["Bauingenieurwesen Straßenbau", "Verkehrsplanung", "Bautechnik"] },
];

const EXTRA_AEMTER: AmtTemplate[] = [
  { code: "14", name: "Rechnungsprüfungsamt", dezernat: 0, divisions: ["Prüfung Haushalt", "Vergabeprüfung"], jobs: ["Prüfer*in"] },
  { code: "23", name: "Liegenschaftsamt", dezernat: 1, divisions: ["Grundstücksverkehr", "Gebäudeverwaltung"], jobs: ["Sachbearbeitung Liegenschaften"] },
  { code: "30", name: "Rechtsamt", dezernat: 1, divisions: ["Allgemeines Recht", "Vergaberecht"], jobs: ["Jurist*in"] },
  { code: "33", name: "Standesamt", dezernat: 1, divisions: ["Beurkundungen", "Eheschließungen"], jobs: ["Standesbeamt*in"] },
  { code: "40", name: "Schulverwaltungsamt", dezernat: 2, divisions: ["Schulorganisation", "Schulbau"], jobs: ["Sachbearbeitung Schulverwaltung"] },
  { code: "41", name: "Kulturamt", dezernat: 2, divisions: ["Kulturförderung", "Stadtbibliothek"], jobs: ["Sachbearbeitung Kultur", "Bibliothekar*in"] },
  { code: "52", name: "Sportamt", dezernat: 2, divisions: ["Sportförderung", "Sportstätten"], jobs: ["Sachbearbeitung Sport"] },
  { code: "53", name: "Gesundheitsamt", dezernat: 2, divisions: ["Infektionsschutz", "Sozialpsychiatrischer Dienst"], jobs: ["Ärztin/Arzt", "Gesundheitsaufsicht"] },
  { code: "63", name: "Bauordnungsamt", dezernat: 3, divisions: ["Baugenehmigungen", "Bauaufsicht"], jobs: ["Sachbearbeitung Baugenehmigung"] },
  { code: "67", name: "Grünflächenamt", dezernat: 3, divisions: ["Parkpflege", "Friedhöfe"], jobs: ["Gärtner*in", "Sachbearbeitung Grünflächen"] },
  { code: "70", name: "Umweltamt", dezernat: 3, divisions: ["Klimaschutz", "Immissionsschutz"], jobs: ["Sachbearbeitung Umwelt"] },
  { code: "80", name: "Amt für Wirtschaftsförderung", dezernat: 0, divisions: ["Unternehmensservice", "Stadtmarketing"], jobs: ["Wirtschaftsförderung"] },
  { code: "62", name: "Vermessungsamt", dezernat: 3, divisions: ["Geoinformation", "Liegenschaftskataster"], jobs: ["Vermessungstechnik"] },
  { code: "60", name: "Bauverwaltungsamt", dezernat: 3, divisions: ["Bauverwaltung", "Vergabestelle"], jobs: ["Sachbearbeitung Bauverwaltung"] },
  { code: "15", name: "Presse- und Bürgeramt", dezernat: 0, divisions: ["Presse", "Bürgerbeteiligung"], jobs: ["Referent*in Öffentlichkeitsarbeit"] },
];

const PAY_GRADES = ["E 6", "E 8", "E 9a", "E 9b", "E 9c", "E 10", "E 11", "A 9", "A 10", "A 11", "S 8b", "S 12", "S 14"];

function jobDescription(title: string, unitName: string, leadership: boolean): string {
  if (leadership) {
    return [
      `Leitung der Organisationseinheit „${unitName}“ mit Personal-, Fach- und Budgetverantwortung.`,
      "Aufgaben: Steuerung und Priorisierung der Aufgaben der Einheit; Führung, Entwicklung und Beurteilung der Mitarbeitenden; Gestaltung von Veränderungsprozessen und der Digitalisierung der Arbeitsabläufe; Zusammenarbeit mit anderen Ämtern, Gremien und der Personalvertretung.",
      "Anforderungen: abgeschlossenes Studium oder Verwaltungslehrgang II; Führungserfahrung; Kommunikations- und Konfliktfähigkeit; Offenheit für neue Arbeitsweisen.",
    ].join("\n");
  }
  return [
    `${title} in der Organisationseinheit „${unitName}“.`,
    "Aufgaben: selbstständige Bearbeitung der Fachaufgaben der Einheit nach den geltenden Rechtsvorschriften; Beratung von Bürgerinnen, Bürgern und Unternehmen; Nutzung und Weiterentwicklung der digitalen Fachverfahren; Mitwirkung in Projekten der Einheit.",
    "Anforderungen: einschlägige Ausbildung oder Studium; sicherer Umgang mit den Fachanwendungen; Serviceorientierung und Teamfähigkeit.",
  ].join("\n");
}

function transliterate(s: string) {
  return s
    .toLowerCase()
    .replace(/ä/g, "ae")
    .replace(/ö/g, "oe")
    .replace(/ü/g, "ue")
    .replace(/ß/g, "ss")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

export interface GeneratorOptions {
  people: number;
  seed: number;
  /** Reference date for entry dates and statuses (keeps output stable). */
  today?: Date;
  /** Fixed names and e-mails of the four demo accounts. */
  withDemoAccounts?: boolean;
}

export const DEMO_EMAILS = {
  employee: "mitarbeiterin@beispielstadt.example",
  leader: "fuehrungskraft@beispielstadt.example",
  hr: "personalentwicklung@beispielstadt.example",
  admin: "admin@beispielstadt.example",
} as const;

export function generateAdministration(options: GeneratorOptions): Administration {
  const faker = new Faker({ locale: [de] });
  faker.seed(options.seed);
  const today = options.today ?? new Date(Date.UTC(2026, 10, 1));
  const units: UnitRow[] = [];
  const positions: PositionRow[] = [];
  const people: PersonRow[] = [];
  const assignments: AssignmentRow[] = [];
  const emails = new Map<string, number>();
  const uuid = () => faker.string.uuid();

  const addUnit = (code: string, name: string, type: OrgUnitType, parent: UnitRow | null, sortOrder: number) => {
    const id = uuid();
    const unit: UnitRow = {
      id,
      code,
      name,
      type,
      parentId: parent?.id ?? null,
      path: `${parent?.path ?? "/"}${id}/`,
      depth: parent ? parent.depth + 1 : 0,
      sortOrder,
      leaderId: null,
      deputyId: null,
    };
    units.push(unit);
    return unit;
  };

  // Size the tree: about 12 people per leaf unit.
  const target = Math.max(options.people, 60);
  const aemter = target <= 600 ? NAMED_AEMTER : [...NAMED_AEMTER, ...EXTRA_AEMTER];
  const leavesWanted = Math.ceil(target / 12);
  const divisionsTotal = aemter.reduce((n, a) => n + a.divisions.length, 0);
  const sachgebietePerDivision = target <= 600 ? 0 : Math.max(1, Math.ceil(leavesWanted / divisionsTotal));

  const dezernate = DEZERNATE.map((name, i) => addUnit(["I", "II", "III", "IV"][i]!, name, "DEZERNAT", null, i));
  const stab = addUnit("OE", "Stabsstelle Organisationsentwicklung & digitale Strategie", "STABSSTELLE", dezernate[0]!, 0);
  const jobsByUnit = new Map<string, string[]>([[stab.id, ["Referent*in digitale Strategie", "Organisationsentwicklung"]]]);
  const leaves: UnitRow[] = [stab];
  const amtUnits: UnitRow[] = [];
  aemter.forEach((amt, ai) => {
    const amtUnit = addUnit(amt.code, amt.name, "AMT", dezernate[amt.dezernat]!, ai + 1);
    amtUnits.push(amtUnit);
    jobsByUnit.set(amtUnit.id, ["Sachbearbeitung Amtsleitung", "Assistenz der Amtsleitung"]);
    leaves.push(amtUnit);
    amt.divisions.forEach((division, di) => {
      const div = addUnit(`${amt.code}.${di + 1}`, division, "ABTEILUNG", amtUnit, di);
      // The division's own job first; the Amt's others appear now and then.
      const ownJob = amt.jobs[di % amt.jobs.length]!;
      jobsByUnit.set(div.id, [ownJob, ownJob, ownJob, ...amt.jobs]);
      if (sachgebietePerDivision === 0) {
        leaves.push(div);
        return;
      }
      for (let s = 0; s < sachgebietePerDivision; s++) {
        const sg = addUnit(`${amt.code}.${di + 1}.${s + 1}`, `${division} – Sachgebiet ${s + 1}`, "SACHGEBIET", div, s);
        jobsByUnit.set(sg.id, jobsByUnit.get(div.id)!);
        leaves.push(sg);
      }
    });
  });

  let personnelCounter = 100000;
  const positionCounter = new Map<string, number>();
  const addPosition = (unit: UnitRow, title: string, leadership: boolean) => {
    const n = (positionCounter.get(unit.id) ?? 0) + 1;
    positionCounter.set(unit.id, n);
    const position: PositionRow = {
      id: uuid(),
      code: `${unit.code}-${String(n).padStart(3, "0")}`,
      title,
      orgUnitId: unit.id,
      payGrade: leadership ? faker.helpers.arrayElement(["E 12", "E 13", "E 14", "A 13", "A 14", "A 15"]) : faker.helpers.arrayElement(PAY_GRADES),
      jobDescription: jobDescription(title, unit.name, leadership),
      isLeadership: leadership,
    };
    positions.push(position);
    return position;
  };
  const addPerson = (unit: UnitRow, position: PositionRow, fixed?: { firstName: string; lastName: string; email: string }) => {
    const sex = faker.helpers.arrayElement(["female", "male"] as const);
    const firstName = fixed?.firstName ?? faker.person.firstName(sex);
    const lastName = fixed?.lastName ?? faker.person.lastName();
    let email = fixed?.email;
    if (!email) {
      const base = `${transliterate(firstName)}.${transliterate(lastName)}`;
      const seen = emails.get(base) ?? 0;
      emails.set(base, seen + 1);
      email = `${base}${seen ? seen + 1 : ""}@beispielstadt.example`;
    }
    const entryDate = faker.date.between({ from: new Date(Date.UTC(1990, 0, 1)), to: new Date(today.getTime() - 30 * 86_400_000) });
    entryDate.setUTCHours(0, 0, 0, 0);
    const roll = fixed ? 1 : faker.number.float({ min: 0, max: 1 });
    const status: PersonRow["status"] = roll < 0.02 ? "LEFT" : roll < 0.06 ? "ON_LEAVE" : "ACTIVE";
    const exitDate = status === "LEFT" ? faker.date.between({ from: entryDate, to: today }) : null;
    exitDate?.setUTCHours(0, 0, 0, 0);
    const personnelNumber = String(personnelCounter++);
    const person: PersonRow = {
      id: uuid(),
      personnelNumber,
      firstName,
      lastName,
      email,
      status,
      entryDate,
      exitDate,
      orgUnitId: unit.id,
      searchText: `${lastName} ${firstName} ${personnelNumber} ${email}`.toLowerCase(),
    };
    people.push(person);
    const fte = fixed ? 1 : faker.helpers.weightedArrayElement([
      { weight: 8, value: 1 },
      { weight: 2, value: 0.5 },
      { weight: 1, value: 0.75 },
    ]);
    assignments.push({ id: uuid(), personId: person.id, positionId: position.id, startDate: entryDate, endDate: exitDate, fte, isPrimary: true });
    return person;
  };

  // Demo people with fixed names, placed where the issue asks.
  const byCode = new Map(units.map((u) => [u.code, u]));
  const demo = { employee: "", leader: "", hr: "", admin: "" };
  const fixedLeaders = new Map<string, { firstName: string; lastName: string; email: string; key: keyof typeof demo }>();
  if (options.withDemoAccounts) {
    fixedLeaders.set("32", { firstName: "Thomas", lastName: "Berger", email: DEMO_EMAILS.leader, key: "leader" });
  }

  // Every unit gets a leader, top-down, so leaders exist before their staff.
  for (const unit of units) {
    const fixed = fixedLeaders.get(unit.code);
    const title =
      unit.type === "DEZERNAT" ? "Dezernent*in" : unit.type === "AMT" ? "Amtsleitung" : unit.type === "STABSSTELLE" ? "Leitung Stabsstelle" : unit.type === "ABTEILUNG" ? "Abteilungsleitung" : "Sachgebietsleitung";
    const leader = addPerson(unit, addPosition(unit, `${title} ${unit.name}`.slice(0, 120), true), fixed);
    unit.leaderId = leader.id;
    if (fixed) demo[fixed.key] = leader.id;
  }

  if (options.withDemoAccounts) {
    const place = (code: string, title: string, who: { firstName: string; lastName: string; email: string }) => {
      const unit = byCode.get(code)!;
      return addPerson(unit, addPosition(unit, title, false), who).id;
    };
    demo.employee = place("32.2", "Sachbearbeitung Bürgerservice", { firstName: "Miriam", lastName: "Schäfer", email: DEMO_EMAILS.employee });
    demo.hr = place("10.3", "Referent*in Personalentwicklung", { firstName: "Sabine", lastName: "Krüger", email: DEMO_EMAILS.hr });
    demo.admin = place("12.1", "Systemadministration", { firstName: "Jonas", lastName: "Weber", email: DEMO_EMAILS.admin });
  }

  // Staff in leaf units (and a few in each Amt's office), round-robin for an even spread.
  let i = 0;
  while (people.length < target) {
    const unit = leaves[i % leaves.length]!;
    i++;
    const jobs = jobsByUnit.get(unit.id) ?? ["Sachbearbeitung"];
    addPerson(unit, addPosition(unit, faker.helpers.arrayElement(jobs), false));
  }

  // Deputies: an active member of the unit who is not its leader.
  const firstMember = new Map<string, string>();
  const unitById = new Map(units.map((u) => [u.id, u]));
  const demoIds = new Set(Object.values(demo));
  for (const p of people) {
    if (p.status !== "ACTIVE") continue;
    const unit = unitById.get(p.orgUnitId);
    if (unit && unit.leaderId !== p.id && !firstMember.has(unit.id) && !demoIds.has(p.id)) firstMember.set(unit.id, p.id);
  }
  for (const unit of units) {
    if (unit.type !== "SACHGEBIET") unit.deputyId = firstMember.get(unit.id) ?? null;
  }

  // Some people changed jobs: an earlier assignment in another unit, ended before the current one.
  const assignmentOf = new Map(assignments.map((a) => [a.personId, a]));
  const movers = people.filter((p, idx) => idx % 12 === 5 && !demoIds.has(p.id));
  for (const p of movers) {
    const current = assignmentOf.get(p.id)!;
    const yearsBefore = faker.number.int({ min: 1, max: 6 });
    const move = new Date(current.startDate.getTime() + yearsBefore * 365 * 86_400_000);
    if (move >= today) continue;
    const other = leaves[faker.number.int({ min: 0, max: leaves.length - 1 })]!;
    const earlier = addPosition(other, faker.helpers.arrayElement(jobsByUnit.get(other.id) ?? ["Sachbearbeitung"]), false);
    const end = new Date(move.getTime() - 86_400_000);
    assignments.push({ id: uuid(), personId: p.id, positionId: earlier.id, startDate: current.startDate, endDate: end, fte: current.fte, isPrimary: true });
    current.startDate = move;
  }
  if (options.withDemoAccounts) {
    // The demo employee came from the Sozialamt two years ago, so her history is not empty.
    const current = assignmentOf.get(demo.employee)!;
    const earlier = addPosition(byCode.get("50.1")!, "Sachbearbeitung Grundsicherung", false);
    const moved = new Date(Date.UTC(today.getUTCFullYear() - 2, 3, 1));
    const entry = new Date(Date.UTC(today.getUTCFullYear() - 7, 8, 1));
    people.find((p) => p.id === demo.employee)!.entryDate = entry;
    assignments.push({ id: uuid(), personId: demo.employee, positionId: earlier.id, startDate: entry, endDate: new Date(moved.getTime() - 86_400_000), fte: 1, isPrimary: true });
    current.startDate = moved;
  }
  return { units, positions, people, assignments, demo };
}
