// HR development's organisation-wide view of mandatory trainings ("Compliance gesamt"): figures
// per Dezernat and Amt × rule, the rules with their coverage, and the trend of the last twelve
// months (eleven stored month-end snapshots plus the live current month, snapshots.server.ts).
//
// One grouped query counts the open requirements per rule × org unit with the status CASE of
// status.server.ts (500,000 rows at 50,000 people) and rolls the units up to their Amt and
// Dezernat in the same statement (a CASE over the Ämter's and Dezernate's path prefixes, built
// from the org tree), so a few hundred rows come back instead of one per rule and unit; a second,
// index-only query counts the people the same way. The placement rules:
// - a unit below an Amt counts for that Amt (the first AMT on its path);
// - a unit under a Dezernat without an Amt on its path (the Dezernat itself, its Stabsstellen)
//   is grouped as the Dezernat's own staff ("Dezernat ohne Amt");
// - a unit outside any Dezernat, or no unit at all, falls into "ohne Dezernat".
// Definitions as in the leader cockpit (today = the day the page is loaded, Europe/Berlin):
// counted = open and the person has not left (openOnSql); required = counted and neither EXEMPT
// nor PAUSED; compliant = a still valid completion; rate = compliant / required; overdue =
// OVERDUE or EXPIRED; due soon = NOT_DUE or DUE_SOON with the due day within 30 days.
// Nobody is listed by name here: this page has counts only.
import { Prisma } from "~/generated/sqlite/client.ts";
import type { Db, Tx } from "~/utils/db.server.ts";
import { hasPermission, type Actor } from "~/modules/auth/permissions.ts";
import { AccessDeniedError } from "~/modules/errors.ts";
import { idsInPath } from "~/modules/org/org.server.ts";
import { addDays, addMonths, toInstant, todayInBerlin, type Day } from "./days.ts";
import { compliantCaseSql, openOnSql, statusCaseSql } from "./status.server.ts";

export const OVERVIEW_DUE_WINDOW_DAYS = 30;
/** How many months the trend shows, the current one included. */
export const TREND_MONTHS = 12;
/** Group key of people outside any Dezernat (also the snapshots' unitId for them). */
export const NO_DEZERNAT = "-";

export interface OverviewCounts {
  /** Counted requirements (people in the audience who have not left), incl. exempt and paused. */
  total: number;
  /** Denominator of the rate: counted, neither exempt nor paused. */
  required: number;
  compliant: number;
  /** OVERDUE or EXPIRED. */
  overdue: number;
  /** Due within 30 days and not yet overdue. */
  dueSoon: number;
  exempt: number;
  paused: number;
  /** compliant / required; null when nothing is required. */
  rate: number | null;
}

type Sums = Omit<OverviewCounts, "rate">;
const emptySums = (): Sums => ({ total: 0, required: 0, compliant: 0, overdue: 0, dueSoon: 0, exempt: 0, paused: 0 });
function addSums(target: Sums, row: Sums) {
  target.total += row.total;
  target.required += row.required;
  target.compliant += row.compliant;
  target.overdue += row.overdue;
  target.dueSoon += row.dueSoon;
  target.exempt += row.exempt;
  target.paused += row.paused;
}
export function withRate(s: Sums): OverviewCounts {
  return { ...s, rate: s.required > 0 ? s.compliant / s.required : null };
}

export interface PlacedCountRow extends Sums {
  ruleId: string;
  dezernatId: string;
  amtId: string | null;
}

const num = (v: unknown) => Number(v ?? 0);

/**
 * Sub-select mapping every org unit id to its Dezernat and Amt (the top-most of each type on its
 * path), as CASE expressions over the path prefixes of the Ämter and Dezernate.
 */
function placementSql(tree: UnitTree): Prisma.Sql {
  const caseOf = (units: readonly UnitRow[]) =>
    units.length ? Prisma.sql`(CASE ${Prisma.join(units.map((u) => Prisma.sql`WHEN u."path" LIKE ${`${u.path}%`} THEN ${u.id}`), " ")} ELSE NULL END)` : Prisma.sql`NULL`;
  return Prisma.sql`SELECT u."id" AS "id", ${caseOf(tree.dezernate)} AS "dezernatId", ${caseOf(tree.amter)} AS "amtId" FROM "OrgUnit" u`;
}

/** Counts per rule × Dezernat × Amt of everything open today, in one grouped query. */
export async function countByRuleAndPlacement(db: Db | Tx, today: Day, tree: UnitTree): Promise<PlacedCountRow[]> {
  const dueLimit = addDays(today, OVERVIEW_DUE_WINDOW_DAYS);
  const rows = await db.$queryRaw<Record<string, unknown>[]>(Prisma.sql`
    SELECT g."ruleId" AS "ruleId", m."dezernatId" AS "dezernatId", m."amtId" AS "amtId",
      SUM(g."total") AS "total", SUM(g."required") AS "required", SUM(g."compliant") AS "compliant", SUM(g."overdue") AS "overdue",
      SUM(g."dueSoon") AS "dueSoon", SUM(g."exempt") AS "exempt", SUM(g."paused") AS "paused"
    FROM (
      SELECT t."ruleId" AS "ruleId", t."orgUnitId" AS "orgUnitId",
        COUNT(*) AS "total",
        SUM(CASE WHEN t."status" IN ('EXEMPT', 'PAUSED') THEN 0 ELSE 1 END) AS "required",
        SUM(t."compliant") AS "compliant",
        SUM(CASE WHEN t."status" IN ('OVERDUE', 'EXPIRED') THEN 1 ELSE 0 END) AS "overdue",
        SUM(CASE WHEN t."status" IN ('NOT_DUE', 'DUE_SOON') AND t."dueOn" <= ${dueLimit} THEN 1 ELSE 0 END) AS "dueSoon",
        SUM(CASE WHEN t."status" = 'EXEMPT' THEN 1 ELSE 0 END) AS "exempt",
        SUM(CASE WHEN t."status" = 'PAUSED' THEN 1 ELSE 0 END) AS "paused"
      FROM (
        SELECT r."ruleId", r."orgUnitId", r."dueOn", ${statusCaseSql(today, "r")} AS "status", ${compliantCaseSql(today, "r")} AS "compliant"
        FROM "ComplianceRequirement" r
        WHERE ${openOnSql(today, "r")}
      ) t
      GROUP BY t."orgUnitId", t."ruleId"
    ) g
    LEFT JOIN (${placementSql(tree)}) m ON m."id" = g."orgUnitId"
    GROUP BY g."ruleId", m."dezernatId", m."amtId"`);
  return rows.map((row) => ({
    ruleId: String(row.ruleId),
    dezernatId: row.dezernatId == null ? NO_DEZERNAT : String(row.dezernatId),
    amtId: row.amtId == null ? null : String(row.amtId),
    total: num(row.total),
    required: num(row.required),
    compliant: num(row.compliant),
    overdue: num(row.overdue),
    dueSoon: num(row.dueSoon),
    exempt: num(row.exempt),
    paused: num(row.paused),
  }));
}

export interface OverviewUnit {
  id: string;
  code: string;
  name: string;
  type: string;
}

type UnitRow = OverviewUnit & { path: string; depth: number; sortOrder: number };

/** Where a unit's people are counted: their Dezernat (or NO_DEZERNAT) and their Amt (or null). */
export interface UnitPlacement {
  dezernatId: string;
  amtId: string | null;
}

/** The org tree as the roll-up needs it (a few thousand units at most). */
export async function loadUnitTree(db: Db | Tx) {
  const units: UnitRow[] = await db.orgUnit.findMany({ select: { id: true, code: true, name: true, type: true, path: true, depth: true, sortOrder: true } });
  const byId = new Map(units.map((u) => [u.id, u]));
  const placements = new Map<string, UnitPlacement>();
  const placementOf = (unitId: string | null | undefined): UnitPlacement => {
    if (!unitId) return { dezernatId: NO_DEZERNAT, amtId: null };
    const cached = placements.get(unitId);
    if (cached) return cached;
    const unit = byId.get(unitId);
    let dezernatId: string = NO_DEZERNAT;
    let amtId: string | null = null;
    for (const id of unit ? idsInPath(unit.path) : []) {
      const type = byId.get(id)?.type;
      if (type === "DEZERNAT" && dezernatId === NO_DEZERNAT) dezernatId = id;
      if (type === "AMT" && amtId === null) amtId = id;
    }
    const placement = { dezernatId, amtId };
    placements.set(unitId, placement);
    return placement;
  };
  const ofType = (type: string) => units.filter((u) => u.type === type).sort((a, b) => a.depth - b.depth);
  return { byId, placementOf, amter: ofType("AMT"), dezernate: ofType("DEZERNAT") };
}
export type UnitTree = Awaited<ReturnType<typeof loadUnitTree>>;

const byTreeOrder = (a: UnitRow, b: UnitRow) => a.sortOrder - b.sortOrder || a.code.localeCompare(b.code, "de", { numeric: true });

export interface OverviewRule {
  id: string;
  name: string;
  legalBasis: string;
}

export interface OverviewRow {
  /** The Dezernat or Amt; null for "ohne Dezernat" or a Dezernat's own staff without an Amt. */
  unit: OverviewUnit | null;
  /** People (not left) whose unit counts for this row. */
  people: number;
  /** One cell per rule, in the order of `rules`. */
  cells: OverviewCounts[];
  total: OverviewCounts;
}

export interface DezernatRow extends OverviewRow {
  /** The Ämter of the Dezernat in tree order; the Dezernat's own staff (unit null) last. */
  amter: OverviewRow[];
}

export interface TrendMonth {
  /** "YYYY-MM". */
  month: string;
  /** true for the current month (live figures), false for a stored month-end snapshot. */
  live: boolean;
  /** Per rule in the order of `rules`; null when no snapshot exists for that month. */
  cells: ({ required: number; compliant: number; overdue: number; rate: number | null } | null)[];
  total: { required: number; compliant: number; overdue: number; rate: number | null } | null;
}

export interface ComplianceOverview {
  today: Day;
  dueLimit: Day;
  rules: (OverviewRule & OverviewCounts)[];
  overall: OverviewCounts;
  people: number;
  dezernate: DezernatRow[];
  trend: TrendMonth[];
}

function requireOverviewReader(actor: Actor) {
  if (!hasPermission(actor.roles, "read:compliance:any")) {
    throw new AccessDeniedError("Die organisationsweite Übersicht der Pflichtschulungen ist der Personalentwicklung vorbehalten.");
  }
}

/**
 * People who have not left, per Dezernat and Amt: an index-only count of everyone not LEFT,
 * less the few whose exit day has passed while their status is not yet LEFT.
 */
async function peopleByPlacement(db: Db | Tx, today: Day, tree: UnitTree): Promise<PeopleRow[]> {
  const [rows, exited] = await Promise.all([
    db.$queryRaw<Record<string, unknown>[]>(Prisma.sql`
      SELECT m."dezernatId" AS "dezernatId", m."amtId" AS "amtId", SUM(p."n") AS "people"
      FROM (SELECT "orgUnitId", COUNT(*) AS "n" FROM "Person" WHERE "status" <> 'LEFT' GROUP BY "orgUnitId") p
      LEFT JOIN (${placementSql(tree)}) m ON m."id" = p."orgUnitId"
      GROUP BY m."dezernatId", m."amtId"`),
    db.person.findMany({ where: { status: { not: "LEFT" }, exitDate: { lt: toInstant(today) } }, select: { orgUnitId: true } }),
  ]);
  const result: PeopleRow[] = rows.map((r) => ({ dezernatId: r.dezernatId == null ? NO_DEZERNAT : String(r.dezernatId), amtId: r.amtId == null ? null : String(r.amtId), people: num(r.people) }));
  for (const p of exited) result.push({ ...tree.placementOf(p.orgUnitId), people: -1 });
  return result;
}

type PeopleRow = UnitPlacement & { people: number };

interface Group {
  sums: Sums[];
  total: Sums;
  people: number;
}

/**
 * Rolls the counts per rule × unit up to Dezernat and Amt. `ruleIds` fixes the column order;
 * counts of other rules (archived ones) are ignored.
 */
export function rollUp(counts: readonly PlacedCountRow[], people: readonly PeopleRow[], ruleIds: readonly string[]) {
  const index = new Map(ruleIds.map((id, i) => [id, i]));
  const newGroup = (): Group => ({ sums: ruleIds.map(emptySums), total: emptySums(), people: 0 });
  const dezernate = new Map<string, Group & { amter: Map<string, Group> }>();
  const perRule = ruleIds.map(emptySums);
  const overall = emptySums();
  let peopleTotal = 0;
  const groupsOf = ({ dezernatId, amtId }: UnitPlacement) => {
    let d = dezernate.get(dezernatId);
    if (!d) dezernate.set(dezernatId, (d = { ...newGroup(), amter: new Map() }));
    const amtKey = amtId ?? "";
    let a = d.amter.get(amtKey);
    if (!a) d.amter.set(amtKey, (a = newGroup()));
    return [d, a] as const;
  };
  for (const row of counts) {
    const i = index.get(row.ruleId);
    if (i === undefined) continue;
    addSums(perRule[i]!, row);
    addSums(overall, row);
    for (const g of groupsOf(row)) {
      addSums(g.sums[i]!, row);
      addSums(g.total, row);
    }
  }
  for (const p of people) {
    peopleTotal += p.people;
    for (const g of groupsOf(p)) g.people += p.people;
  }
  return { dezernate, perRule, overall, people: peopleTotal };
}

function rowOf(unit: OverviewUnit | null, g: { sums: Sums[]; total: Sums; people: number }): OverviewRow {
  return { unit, people: g.people, cells: g.sums.map(withRate), total: withRate(g.total) };
}

const unitRef = (u: UnitRow): OverviewUnit => ({ id: u.id, code: u.code, name: u.name, type: u.type });

/** "YYYY-MM" of the month `back` months before the day's month. */
export function monthBefore(today: Day, back: number): string {
  return addMonths(`${today.slice(0, 7)}-01`, -back).slice(0, 7);
}

async function loadTrend(db: Db | Tx, today: Day, ruleIds: readonly string[], live: { perRule: Sums[]; overall: Sums }): Promise<TrendMonth[]> {
  const months = Array.from({ length: TREND_MONTHS }, (_, i) => monthBefore(today, TREND_MONTHS - 1 - i));
  const past = months.slice(0, -1);
  const snapshots = ruleIds.length
    ? await db.complianceSnapshot.groupBy({
        by: ["month", "ruleId"],
        where: { month: { in: past }, ruleId: { in: [...ruleIds] } },
        _sum: { required: true, compliant: true, overdue: true },
      })
    : [];
  const index = new Map(ruleIds.map((id, i) => [id, i]));
  const rate = (required: number, compliant: number) => (required > 0 ? compliant / required : null);
  const cellOf = (required: number, compliant: number, overdue: number) => ({ required, compliant, overdue, rate: rate(required, compliant) });
  return months.map((month, m) => {
    if (m === months.length - 1) {
      return {
        month,
        live: true,
        cells: live.perRule.map((s) => cellOf(s.required, s.compliant, s.overdue)),
        total: cellOf(live.overall.required, live.overall.compliant, live.overall.overdue),
      };
    }
    const cells: TrendMonth["cells"] = ruleIds.map(() => null);
    let total: TrendMonth["total"] = null;
    for (const s of snapshots) {
      if (s.month !== month) continue;
      const i = index.get(s.ruleId);
      if (i === undefined) continue;
      const required = s._sum.required ?? 0;
      const compliant = s._sum.compliant ?? 0;
      const overdue = s._sum.overdue ?? 0;
      cells[i] = cellOf(required, compliant, overdue);
      total = cellOf((total?.required ?? 0) + required, (total?.compliant ?? 0) + compliant, (total?.overdue ?? 0) + overdue);
    }
    return { month, live: false, cells, total };
  });
}

/** The current (not archived) rules, by name. */
async function currentRules(db: Db | Tx): Promise<OverviewRule[]> {
  return db.complianceRule.findMany({ where: { archivedAt: null }, select: { id: true, name: true, legalBasis: true }, orderBy: { name: "asc" } });
}

/** The whole overview for HR development; 403 for everybody else. */
export async function getComplianceOverview(db: Db | Tx, actor: Actor, { today = todayInBerlin() }: { today?: Day } = {}): Promise<ComplianceOverview> {
  requireOverviewReader(actor);
  const [rules, tree] = await Promise.all([currentRules(db), loadUnitTree(db)]);
  const [counts, people] = await Promise.all([countByRuleAndPlacement(db, today, tree), peopleByPlacement(db, today, tree)]);
  const ruleIds = rules.map((r) => r.id);
  const rolled = rollUp(counts, people, ruleIds);
  const trend = await loadTrend(db, today, ruleIds, rolled);

  const dezernate: DezernatRow[] = [];
  const dezernatIds = [...rolled.dezernate.keys()].filter((id) => id !== NO_DEZERNAT);
  const ordered = dezernatIds.map((id) => tree.byId.get(id)!).sort(byTreeOrder);
  const dezernatRow = (unit: UnitRow | null, key: string): DezernatRow => {
    const g = rolled.dezernate.get(key)!;
    const amtIds = [...g.amter.keys()].filter((id) => id !== "");
    const amter = amtIds
      .map((id) => tree.byId.get(id)!)
      .sort(byTreeOrder)
      .map((u) => rowOf(unitRef(u), g.amter.get(u.id)!));
    const staff = g.amter.get("");
    if (staff) amter.push(rowOf(null, staff));
    return { ...rowOf(unit ? unitRef(unit) : null, g), amter };
  };
  for (const unit of ordered) dezernate.push(dezernatRow(unit, unit.id));
  if (rolled.dezernate.has(NO_DEZERNAT)) dezernate.push(dezernatRow(null, NO_DEZERNAT));

  return {
    today,
    dueLimit: addDays(today, OVERVIEW_DUE_WINDOW_DAYS),
    rules: rules.map((r, i) => ({ ...r, ...withRate(rolled.perRule[i]!) })),
    overall: withRate(rolled.overall),
    people: rolled.people,
    dezernate,
    trend,
  };
}

export interface ComplianceOverallCard {
  overall: OverviewCounts;
  dezernate: { unit: OverviewUnit | null; required: number; compliant: number; overdue: number; rate: number | null }[];
}

/** The HR start page card "Compliance gesamt": the rate per Dezernat (null for everybody else). */
export async function getComplianceOverallCard(db: Db | Tx, actor: Actor, { today = todayInBerlin() }: { today?: Day } = {}): Promise<ComplianceOverallCard | null> {
  if (!hasPermission(actor.roles, "read:compliance:any")) return null;
  const [rules, tree] = await Promise.all([currentRules(db), loadUnitTree(db)]);
  if (rules.length === 0) return null;
  const rolled = rollUp(await countByRuleAndPlacement(db, today, tree), [], rules.map((r) => r.id));
  const keys = [...rolled.dezernate.keys()];
  const units = keys
    .filter((k) => k !== NO_DEZERNAT)
    .map((k) => tree.byId.get(k)!)
    .sort(byTreeOrder);
  const entry = (unit: UnitRow | null, key: string) => {
    const c = withRate(rolled.dezernate.get(key)!.total);
    return { unit: unit ? unitRef(unit) : null, required: c.required, compliant: c.compliant, overdue: c.overdue, rate: c.rate };
  };
  return {
    overall: withRate(rolled.overall),
    dezernate: [...units.map((u) => entry(u, u.id)), ...(rolled.dezernate.has(NO_DEZERNAT) ? [entry(null, NO_DEZERNAT)] : [])],
  };
}
