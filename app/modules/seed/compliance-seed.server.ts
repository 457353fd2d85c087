// Mandatory trainings of the demo administration (after the catalogue and completion seeds):
// six rules as a city administration has them, designations (first aiders, fire wardens,
// Digitalisierungslots*innen), long absences for everyone on leave plus two in the demo
// leader's team, one exemption there, further e-learning and classroom completions, and then the
// requirements of everybody through the same sync the application uses. Deterministic for a seed
// value, relative to `now`, so the demo leader's cockpit always shows a mix of green, due soon
// and overdue items.
import { randomUUID } from "node:crypto";
import type { Prisma } from "~/generated/sqlite/client.ts";
import type { Tx } from "~/utils/db.server.ts";
import { recordAudit } from "~/modules/audit/audit.server.ts";
import type { Audience, PersonFlagKey } from "~/modules/compliance/audience.ts";
import { addDays, dayOf, todayInBerlin } from "~/modules/compliance/days.ts";
import { syncRequirements } from "~/modules/compliance/sync.server.ts";
import { backfillComplianceSnapshots } from "~/modules/compliance/snapshots.server.ts";
import { nextCertificateNumbers, writeCompletionLevels } from "~/modules/training/completions.server.ts";
import { mulberry32 } from "./assessment-seed.server.ts";

const DAY = 86_400_000;

const AUDIENCE_NONE: Audience = {
  everyone: false,
  units: [],
  positionIds: [],
  roleProfileIds: [],
  leaders: false,
  flags: [],
  excludeUnits: [],
  excludePositionIds: [],
  excludePersonIds: [],
};

export interface DemoRule {
  name: string;
  description: string;
  legalBasis: string;
  trainingCodes: string[];
  audience: Partial<Audience>;
  firstDueMode: "AFTER_ENTRY" | "AFTER_JOINING" | "FIXED_DATE";
  firstDueDays: number;
  /** FIXED_DATE: the day the rule was introduced, in days from `now` (negative: in the past).
   *  Staff of that time were due then; later joiners get `firstDueDays` from joining. */
  firstDueInDays?: number;
  recurrence: "NONE" | "ROLLING" | "FIXED_YEARLY";
  intervalMonths?: number;
  /** FIXED_YEARLY: days from `now` to this year's date (so the demo always has items due soon). */
  yearlyInDays?: number;
  dueSoonDays: number;
  graceDays: number;
}

export const DEMO_RULES: DemoRule[] = [
  {
    name: "Datenschutz-Grundschulung",
    description: "Alle Beschäftigten frischen ihr Datenschutzwissen alle zwei Jahre auf. Die vertiefte Schulung zählt ebenfalls.",
    legalBasis: "Art. 39 Abs. 1 lit. b DSGVO; § 5 HDSIG",
    trainingCodes: ["DS-01", "DS-02"],
    audience: { everyone: true },
    firstDueMode: "FIXED_DATE",
    firstDueInDays: -700,
    firstDueDays: 90,
    recurrence: "ROLLING",
    intervalMonths: 24,
    dueSoonDays: 30,
    graceDays: 14,
  },
  {
    name: "Informationssicherheit: Security Awareness",
    description: "Jährliche Sensibilisierung für Phishing, Passwörter und sicheres Arbeiten; E-Learning oder Präsenzschulung.",
    legalBasis: "BSI IT-Grundschutz ORP.3; Informationssicherheitsleitlinie der Stadtverwaltung",
    trainingCodes: ["IS-01", "IS-02"],
    audience: { everyone: true },
    firstDueMode: "FIXED_DATE",
    firstDueInDays: -420,
    firstDueDays: 60,
    recurrence: "ROLLING",
    intervalMonths: 12,
    dueSoonDays: 30,
    graceDays: 0,
  },
  {
    name: "Arbeitsschutz-Unterweisung",
    description: "Erstunterweisung in den ersten zwei Wochen, danach jährlich zum gemeinsamen Stichtag.",
    legalBasis: "§ 12 ArbSchG; § 4 DGUV Vorschrift 1",
    trainingCodes: ["AS-01"],
    audience: { everyone: true },
    firstDueMode: "FIXED_DATE",
    firstDueInDays: -560,
    firstDueDays: 14,
    recurrence: "FIXED_YEARLY",
    yearlyInDays: 18,
    dueSoonDays: 30,
    graceDays: 7,
  },
  {
    name: "Erste Hilfe für betriebliche Ersthelfende",
    description: "Benannte Ersthelfende bilden sich spätestens alle zwei Jahre fort.",
    legalBasis: "§ 26 DGUV Vorschrift 1",
    trainingCodes: ["AS-04"],
    audience: { flags: ["FIRST_AIDER"] },
    firstDueMode: "FIXED_DATE",
    firstDueInDays: -640,
    firstDueDays: 90,
    recurrence: "ROLLING",
    intervalMonths: 24,
    dueSoonDays: 60,
    graceDays: 0,
  },
  {
    name: "Brandschutzhelfende",
    description: "Benannte Brandschutzhelfende werden ausgebildet und alle drei Jahre fortgebildet.",
    legalBasis: "§ 10 ArbSchG; ASR A2.2",
    trainingCodes: ["AS-02"],
    audience: { flags: ["FIRE_WARDEN"] },
    firstDueMode: "FIXED_DATE",
    firstDueInDays: -820,
    firstDueDays: 120,
    recurrence: "ROLLING",
    intervalMonths: 36,
    dueSoonDays: 60,
    graceDays: 0,
  },
  {
    name: "Führungspflichten für neue Führungskräfte",
    description: "Wer eine Führungsaufgabe übernimmt, besucht im ersten halben Jahr die Schulung zu Führungspflichten (Arbeitsschutz, Datenschutz, Personalrecht).",
    legalBasis: "§ 13 ArbSchG (Pflichtenübertragung); Dienstanweisung Führung",
    trainingCodes: ["FÜ-02"],
    audience: { leaders: true },
    firstDueMode: "FIXED_DATE",
    firstDueInDays: -900,
    firstDueDays: 180,
    recurrence: "NONE",
    dueSoonDays: 30,
    graceDays: 0,
  },
];

export interface ComplianceSeedOptions {
  people: { id: string; status: "ACTIVE" | "ON_LEAVE" | "LEFT"; entryDate: Date }[];
  leaders: string[];
  employeeId: string;
  leaderTeam: string[];
  hrUserId: string;
  seed: number;
  now?: Date;
}

export async function seedCompliance(tx: Tx, options: ComplianceSeedOptions) {
  const now = options.now ?? new Date();
  const today = todayInBerlin(now);
  const rand = mulberry32(options.seed + 911);
  const codes = [...new Set(DEMO_RULES.flatMap((r) => r.trainingCodes))];
  const trainings = await tx.training.findMany({ where: { code: { in: codes } }, select: { id: true, code: true } });
  const trainingId = new Map(trainings.map((t) => [t.code, t.id]));

  // 1. Rules.
  for (const rule of DEMO_RULES) {
    const yearly = rule.yearlyInDays !== undefined ? addDays(today, rule.yearlyInDays) : null;
    await tx.complianceRule.create({
      data: {
        name: rule.name,
        description: rule.description,
        legalBasis: rule.legalBasis,
        audience: JSON.stringify({ ...AUDIENCE_NONE, ...rule.audience }),
        firstDueMode: rule.firstDueMode,
        firstDueDays: rule.firstDueDays,
        firstDueDate: rule.firstDueInDays !== undefined ? addDays(today, rule.firstDueInDays) : null,
        recurrence: rule.recurrence,
        intervalMonths: rule.intervalMonths ?? null,
        yearlyMonth: yearly ? Number(yearly.slice(5, 7)) : null,
        yearlyDay: yearly ? Number(yearly.slice(8, 10)) : null,
        dueSoonDays: rule.dueSoonDays,
        graceDays: rule.graceDays,
        createdById: options.hrUserId,
        trainings: { create: rule.trainingCodes.filter((c) => trainingId.has(c)).map((c) => ({ trainingId: trainingId.get(c)! })) },
      },
    });
  }

  const active = options.people.filter((p) => p.status !== "LEFT");
  const team = new Set(options.leaderTeam);
  const teamActive = active.filter((p) => team.has(p.id) && p.id !== options.employeeId && p.status === "ACTIVE");
  const sinceFor = (entry: Date) => addDays(dayOf(entry), Math.floor(rand() * 400));
  const clampToToday = (day: string) => (day > today ? today : day);

  // 2. Designations: about 6 % first aiders, 4 % fire wardens, 5 % Digitalisierungslots*innen;
  //    in the demo leader's team two first aiders and a fire warden; the demo employee is a
  //    Digitalisierungslotsin.
  const flags: { personId: string; flag: PersonFlagKey; since: string }[] = [];
  const flagged = new Set<string>();
  const addFlag = (personId: string, flag: PersonFlagKey, since: string) => {
    if (flagged.has(`${personId}|${flag}`)) return;
    flagged.add(`${personId}|${flag}`);
    flags.push({ personId, flag, since });
  };
  for (const p of active) {
    const r = rand();
    if (r < 0.06) addFlag(p.id, "FIRST_AIDER", clampToToday(sinceFor(p.entryDate)));
    else if (r < 0.1) addFlag(p.id, "FIRE_WARDEN", clampToToday(sinceFor(p.entryDate)));
    if (rand() < 0.05) addFlag(p.id, "DIGITAL_PILOT", clampToToday(sinceFor(p.entryDate)));
  }
  teamActive.slice(0, 2).forEach((p) => addFlag(p.id, "FIRST_AIDER", clampToToday(sinceFor(p.entryDate))));
  if (teamActive[2]) addFlag(teamActive[2].id, "FIRE_WARDEN", addDays(today, -40));
  addFlag(options.employeeId, "DIGITAL_PILOT", addDays(today, -200));
  if (flags.length > 0) await tx.personFlag.createMany({ data: flags });

  // 3. Long absences: everyone on leave has one without an end; in the demo leader's team one
  //    parental leave running until next summer and a long illness that ended.
  const absences: Prisma.PersonAbsenceCreateManyInput[] = [];
  for (const p of active.filter((p) => p.status === "ON_LEAVE")) {
    absences.push({ personId: p.id, kind: rand() < 0.6 ? "PARENTAL_LEAVE" : "LONG_ILLNESS", startOn: addDays(today, -Math.floor(30 + rand() * 300)), endOn: null });
  }
  const onParentalLeave = teamActive[3];
  const backFromIllness = teamActive[4];
  if (onParentalLeave) absences.push({ personId: onParentalLeave.id, kind: "PARENTAL_LEAVE", startOn: addDays(today, -120), endOn: addDays(today, 200), note: "Elternzeit" });
  if (backFromIllness) absences.push({ personId: backFromIllness.id, kind: "LONG_ILLNESS", startOn: addDays(today, -210), endOn: addDays(today, -95) });
  if (absences.length > 0) await tx.personAbsence.createMany({ data: absences });

  // 4. One exemption in the demo leader's team.
  const exempted = teamActive[5];
  if (exempted) {
    const rule = await tx.complianceRule.findUniqueOrThrow({ where: { name: "Informationssicherheit: Security Awareness" }, select: { id: true } });
    await tx.complianceExemption.create({
      data: {
        ruleId: rule.id,
        personId: exempted.id,
        reason: "Abordnung an die HZD mit deren gleichwertiger Schulung; Nachweis liegt der Personalakte bei.",
        validUntil: addDays(today, 150),
        grantedById: options.hrUserId,
        grantedAt: new Date(now.getTime() - 20 * DAY),
      },
    });
  }

  // 5. Further completions: Security Awareness e-learning for about two thirds, first aid and fire
  //    safety for most of the designated people, leadership duties for half of the leaders.
  const planned: { personId: string; code: string; completedAt: Date }[] = [];
  const entryOf = new Map(active.map((p) => [p.id, p.entryDate]));
  const plan = (personId: string, code: string, share: number, maxDays: number) => {
    if (!trainingId.has(code) || rand() >= share) return;
    const completedAt = new Date(now.getTime() - Math.floor(3 + rand() * (maxDays - 3)) * DAY);
    const entry = entryOf.get(personId);
    if (!entry || completedAt.getTime() < entry.getTime() + 7 * DAY) return;
    planned.push({ personId, code, completedAt });
  };
  for (const p of active) if (p.id !== options.employeeId) plan(p.id, "IS-01", 0.68, 430);
  // The demo employee's Security Awareness ran out a few weeks ago (12-month rule).
  if (trainingId.has("IS-01")) planned.push({ personId: options.employeeId, code: "IS-01", completedAt: new Date(now.getTime() - 395 * DAY) });
  for (const f of flags) {
    if (f.flag === "FIRST_AIDER") plan(f.personId, "AS-04", 0.75, 820);
    if (f.flag === "FIRE_WARDEN") plan(f.personId, "AS-02", 0.6, 1200);
  }
  for (const leaderId of options.leaders) plan(leaderId, "FÜ-02", 0.55, 1500);
  planned.sort((a, b) => a.completedAt.getTime() - b.completedAt.getTime());
  const byYear = new Map<number, typeof planned>();
  for (const c of planned) {
    const year = c.completedAt.getUTCFullYear();
    byYear.set(year, [...(byYear.get(year) ?? []), c]);
  }
  const rows: Prisma.TrainingCompletionCreateManyInput[] = [];
  for (const [, list] of [...byYear.entries()].sort((a, b) => a[0] - b[0])) {
    const numbers = await nextCertificateNumbers(tx, list.length, list[0]!.completedAt);
    list.forEach((c, i) =>
      rows.push({
        id: randomUUID(),
        personId: c.personId,
        trainingId: trainingId.get(c.code)!,
        completedAt: c.completedAt,
        result: "PASSED",
        status: "CONFIRMED",
        certificateNumber: numbers[i]!,
        recordedById: options.hrUserId,
        createdAt: new Date(c.completedAt.getTime() + 2 * 3600_000),
      }),
    );
  }
  for (let i = 0; i < rows.length; i += 500) await tx.trainingCompletion.createMany({ data: rows.slice(i, i + 500) });
  // Completed trainings count as competency evidence, as everywhere else (source TRAINING).
  const levels = await writeCompletionLevels(
    tx,
    rows.map((r) => ({ completionId: r.id!, personId: r.personId, trainingId: r.trainingId, completedAt: r.completedAt as Date, certificateNumber: r.certificateNumber, recordedById: options.hrUserId })),
  );

  // 6. Everybody's requirements, exactly as the application derives them.
  const sync = await syncRequirements(tx, { cause: "seed", today });
  await recordAudit(tx, {
    actorUserId: options.hrUserId,
    action: "compliance.seed",
    entityType: "ComplianceRule",
    summary: `${DEMO_RULES.length} Pflichtschulungs-Regeln, ${flags.length} Kennzeichnungen, ${absences.length} Abwesenheiten, ${rows.length} weitere Abschlüsse, ${sync.started} Anforderungen`,
  });
  // 7. Eleven past month-ends for HR's twelve-month trend, evaluated on the facts known then.
  const snapshots = await backfillComplianceSnapshots(tx, { months: 11, today });
  return { rules: DEMO_RULES.length, flags: flags.length, absences: absences.length, completions: rows.length, levelRecords: levels.written, requirements: sync.started, snapshots: snapshots.rows };
}

// ── Synthetic administrations (benchmarks) ─────────────────────────────────────────────────

const SYNTHETIC_TRAININGS = [
  ["PS-01", "Datenschutz (E-Learning)"],
  ["PS-02", "Security Awareness (E-Learning)"],
  ["PS-03", "Arbeitsschutz-Unterweisung (E-Learning)"],
  ["PS-04", "Brandschutzunterweisung"],
  ["PS-05", "Erste-Hilfe-Fortbildung"],
  ["PS-06", "Bildschirmarbeit und Ergonomie"],
  ["PS-07", "Führungspflichten"],
  ["PS-08", "Korruptionsprävention für Vergabestellen"],
  ["PS-09", "Gefahrstoffunterweisung"],
  ["PS-10", "Barrierefreie Dokumente"],
] as const;

/**
 * Ten rules over a synthetic administration (eight of them broad: about 400,000 requirements at
 * 50,000 people) with
 * designations, absences for everyone on leave and about 150,000 completions, written with
 * multi-row inserts; then everybody's requirements through the application's sync.
 */
export async function seedSyntheticCompliance(db: import("~/utils/db.server.ts").Db, { seed, dialect, now = new Date() }: { seed: number; dialect: "sqlite" | "postgresql"; now?: Date }) {
  const { bulkInsert } = await import("./bulk-insert.server.ts");
  const { certificateNumberOf } = await import("~/modules/training/completions.server.ts");
  const today = todayInBerlin(now);
  const rand = mulberry32(seed + 1711);
  const people = await db.person.findMany({ where: { status: { not: "LEFT" } }, select: { id: true, status: true, entryDate: true }, orderBy: { id: "asc" } });
  const amter = await db.orgUnit.findMany({ where: { type: "AMT" }, select: { id: true }, orderBy: { code: "asc" }, take: 3 });
  const dezernate = await db.orgUnit.findMany({ where: { type: "DEZERNAT" }, select: { id: true } });
  const positions = await db.position.findMany({ select: { id: true }, orderBy: { code: "asc" }, take: 40 });

  const trainingIds: string[] = [];
  for (const [code, title] of SYNTHETIC_TRAININGS) {
    const t = await db.training.create({
      data: { code, title, format: "ELEARNING", status: "PUBLISHED", requiresApproval: false, searchText: `${code} ${title}`.toLowerCase() },
      select: { id: true },
    });
    trainingIds.push(t.id);
  }
  const rule = (i: number, name: string, audience: Partial<Audience>, extra: Partial<Prisma.ComplianceRuleCreateInput>) =>
    db.complianceRule.create({
      data: {
        name,
        legalBasis: "Benchmark",
        audience: JSON.stringify({ ...AUDIENCE_NONE, ...audience }),
        // Introduced a year ago: staff of that time were due then, later joiners 60 days after joining.
        firstDueMode: "FIXED_DATE",
        firstDueDate: addDays(today, -365),
        firstDueDays: 60,
        recurrence: "ROLLING",
        intervalMonths: 24,
        dueSoonDays: 30,
        graceDays: 0,
        ...extra,
        trainings: { create: [{ trainingId: trainingIds[i]! }] },
      },
    });
  const yearly = addDays(today, 20);
  await rule(0, "Datenschutz", { everyone: true }, {});
  await rule(1, "Security Awareness", { everyone: true }, { intervalMonths: 12 });
  await rule(2, "Arbeitsschutz-Unterweisung", { everyone: true }, { recurrence: "FIXED_YEARLY", intervalMonths: null, yearlyMonth: Number(yearly.slice(5, 7)), yearlyDay: Number(yearly.slice(8, 10)), firstDueDays: 14 });
  await rule(3, "Brandschutzunterweisung", { everyone: true }, { intervalMonths: 36 });
  await rule(4, "Erste Hilfe", { flags: ["FIRST_AIDER"] }, {});
  await rule(5, "Bildschirmarbeit und Ergonomie", { everyone: true }, { intervalMonths: 36 });
  await rule(6, "Führungspflichten", { leaders: true }, { recurrence: "NONE", intervalMonths: null, firstDueDays: 180 });
  await rule(7, "Korruptionsprävention", { units: dezernate.map((d) => ({ unitId: d.id, includeSubunits: true })), excludeUnits: amter.slice(0, 1).map((a) => ({ unitId: a.id, includeSubunits: true })) }, {});
  await rule(8, "Gefahrstoffe", { positionIds: positions.map((p) => p.id), everyone: true, excludeUnits: amter.slice(1, 2).map((a) => ({ unitId: a.id, includeSubunits: true })) }, { intervalMonths: 12 });
  await rule(9, "Barrierefreie Dokumente", { everyone: true, excludeUnits: amter.slice(2, 3).map((a) => ({ unitId: a.id, includeSubunits: true })) }, { recurrence: "NONE", intervalMonths: null, firstDueMode: "AFTER_ENTRY", firstDueDays: 365 });

  const flags: Record<string, string | null>[] = [];
  const absences: Record<string, string | null>[] = [];
  const completions: Record<string, string | Date | null>[] = [];
  const perYear = new Map<number, number>();
  const complete = (personId: string, trainingId: string, entry: Date, maxDays: number) => {
    const completedAt = new Date(now.getTime() - Math.floor(3 + rand() * maxDays) * DAY);
    if (completedAt < entry) return;
    const year = completedAt.getUTCFullYear();
    const n = (perYear.get(year) ?? 0) + 1;
    perYear.set(year, n);
    completions.push({ id: randomUUID(), personId, trainingId, completedAt, result: "PASSED", status: "CONFIRMED", certificateNumber: `${certificateNumberOf(year, n).slice(0, 8)}S${String(n).padStart(7, "0")}`, createdAt: completedAt, updatedAt: completedAt });
  };
  for (const p of people) {
    const since = addDays(dayOf(p.entryDate), Math.floor(rand() * 200));
    const r = rand();
    if (r < 0.06) flags.push({ personId: p.id, flag: "FIRST_AIDER", since: since > today ? today : since });
    else if (r < 0.1) flags.push({ personId: p.id, flag: "FIRE_WARDEN", since: since > today ? today : since });
    if (p.status === "ON_LEAVE") absences.push({ id: randomUUID(), personId: p.id, kind: "PARENTAL_LEAVE", startOn: addDays(today, -Math.floor(20 + rand() * 300)), endOn: null, note: "" });
    if (rand() < 0.8) complete(p.id, trainingIds[0]!, p.entryDate, 800);
    if (rand() < 0.7) complete(p.id, trainingIds[1]!, p.entryDate, 420);
    if (rand() < 0.85) complete(p.id, trainingIds[2]!, p.entryDate, 400);
    if (rand() < 0.5) complete(p.id, trainingIds[3]!, p.entryDate, 1200);
  }
  await db.$transaction(
    async (tx) => {
      await bulkInsert(tx, dialect, "PersonFlag", flags);
      await bulkInsert(tx, dialect, "PersonAbsence", absences);
      await bulkInsert(tx, dialect, "TrainingCompletion", completions);
    },
    { timeout: 600_000, maxWait: 60_000 },
  );
  const t0 = performance.now();
  const sync = await db.$transaction((tx) => syncRequirements(tx, { cause: "seed", today }), { timeout: 1_800_000, maxWait: 60_000 });
  return { rules: 10, flags: flags.length, absences: absences.length, completions: completions.length, requirements: sync.started, syncMs: Math.round(performance.now() - t0) };
}
