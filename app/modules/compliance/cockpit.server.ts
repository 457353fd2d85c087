// The leader cockpit of mandatory trainings ("Pflichtschulungen im Team"), also used by HR
// development for any unit: compliance per rule, a rule × sub-unit matrix with drill-down, the
// list of people with open items (sorted by due date, never ranked), one-click reminders and the
// rows of the CSV/XLSX export.
//
// Everything is counted set-based over ComplianceRequirement with the status CASE of
// status.server.ts: one aggregate query (rule × org unit) and one paginated list query. The
// scope is a sub-select of org unit ids by path prefix, so no id lists travel as parameters even
// for a Dezernat with thousands of units.
//
// Definitions (for today = the day the page is loaded, Europe/Berlin):
// - counted: the requirement is open (not closed) and the person has not left (openOnSql);
// - required: counted and neither EXEMPT nor PAUSED (the denominator of the rate);
// - compliant: a still valid completion today (isCompliantOn in engine.ts, compliantCaseSql in
//   SQL); rate = compliant / required;
// - overdue: status OVERDUE or EXPIRED;
// - due within 30 days: status NOT_DUE or DUE_SOON (so not completed-and-valid beyond the rule's
//   due-soon window, not overdue, not exempt, not paused) and dueOn ≤ today + 30 — includes the
//   grace period (dueOn just past) and renewals whose completion is still valid until then;
// - open item (the list): status NOT_DUE, DUE_SOON, OVERDUE or EXPIRED, i.e. everything counted
//   that is not COMPLETED, EXEMPT or PAUSED.
// A leader's own requirements are not in their cockpit (as in "Mein Team"); their own leader
// and HR see them.
import { z } from "zod";
import { Prisma } from "~/generated/sqlite/client.ts";
import type { Db, Tx } from "~/utils/db.server.ts";
import { hasPermission, pathInTeam, type Actor } from "~/modules/auth/permissions.ts";
import { recordAudit } from "~/modules/audit/audit.server.ts";
import { notify } from "~/modules/notifications/notify.server.ts";
import { AccessDeniedError, NotFoundError, ValidationError } from "~/modules/errors.ts";
import { idsInPath } from "~/modules/org/org.server.ts";
import { formatDate } from "~/utils/i18n.ts";
import { addDays, daysBetween, todayInBerlin, type Day } from "./days.ts";
import type { RequirementStatus } from "./engine.ts";
import { openOnSql, statusCaseSql } from "./status.server.ts";

export const COCKPIT_PAGE_SIZE = 25;
export const DUE_WINDOW_DAYS = 30;
/** Most items one reminder click may select. */
export const MAX_REMINDER_ITEMS = 100;

export const OPEN_STATUSES = ["NOT_DUE", "DUE_SOON", "OVERDUE", "EXPIRED"] as const satisfies readonly RequirementStatus[];
export type OpenStatus = (typeof OPEN_STATUSES)[number];
/** Status filter of the open-items list: the three groups of the summary, or one exact status. */
export const ITEM_FILTERS = ["overdue", "due30", "later", ...OPEN_STATUSES] as const;
export type ItemFilter = (typeof ITEM_FILTERS)[number];

export const CockpitQuerySchema = z.object({
  unit: z.string().trim().min(1).max(64).optional().catch(undefined),
  rule: z.string().trim().min(1).max(64).optional().catch(undefined),
  status: z.enum(ITEM_FILTERS).optional().catch(undefined),
  sub: z.string().trim().min(1).max(64).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
export type CockpitQuery = z.infer<typeof CockpitQuerySchema>;

/** The cockpit's query string (empty values are dropped; wrong values fall back to defaults). */
export function parseCockpitQuery(params: URLSearchParams): CockpitQuery {
  return CockpitQuerySchema.parse(Object.fromEntries([...params].filter(([, v]) => v !== "")));
}

export interface UnitRef {
  id: string;
  code: string;
  name: string;
  path: string;
  depth: number;
}

export interface CockpitScope {
  access: "team" | "any";
  /** The selected unit; null for the actor's top view (all own units, or the whole administration for HR). */
  unit: UnitRef | null;
  /** Subtree roots the figures cover; null = the whole administration. */
  paths: string[] | null;
  /** Units above the selected one that the actor may open (for the breadcrumb), top first. */
  breadcrumb: UnitRef[];
  /** The rows of the matrix: direct sub-units (or the top units), in tree order. */
  rows: UnitRef[];
  /** The person whose own requirements are left out (a leader's own). */
  excludePersonId: string | null;
}

const UNIT_SELECT = { id: true, code: true, name: true, path: true, depth: true } as const;
const unitOrder = [{ sortOrder: "asc" as const }, { code: "asc" as const }];

function accessOf(actor: Actor): "team" | "any" {
  if (hasPermission(actor.roles, "read:compliance:any")) return "any";
  if (hasPermission(actor.roles, "read:compliance:team") && actor.ledUnitPaths.length > 0) return "team";
  throw new AccessDeniedError("Das Cockpit der Pflichtschulungen ist für Führungskräfte und die Personalentwicklung.");
}

/** The led paths that are not inside another led path. */
function topPaths(paths: readonly string[]) {
  const unique = [...new Set(paths)];
  return unique.filter((p) => !unique.some((other) => other !== p && p.startsWith(other)));
}

/** Which unit the cockpit shows and what the actor may see of it; 403/404 as the rules say. */
export async function resolveCockpitScope(db: Db | Tx, actor: Actor, unitId: string | null | undefined): Promise<CockpitScope> {
  const access = accessOf(actor);
  const excludePersonId = access === "team" ? actor.personId : null;
  let unit: UnitRef | null = null;
  if (unitId) {
    unit = await db.orgUnit.findUnique({ where: { id: unitId }, select: UNIT_SELECT });
    if (!unit) throw new NotFoundError("Organisationseinheit nicht gefunden");
    if (access === "team" && !pathInTeam(actor, unit.path)) throw new AccessDeniedError("Diese Einheit gehört nicht zu Ihrem Team.");
  } else if (access === "team") {
    const tops = topPaths(actor.ledUnitPaths);
    if (tops.length === 1) {
      unit = await db.orgUnit.findFirst({ where: { path: tops[0]! }, select: UNIT_SELECT });
    }
  }

  if (unit) {
    const ancestorIds = idsInPath(unit.path).slice(0, -1);
    const [ancestors, children] = await Promise.all([
      ancestorIds.length ? db.orgUnit.findMany({ where: { id: { in: ancestorIds } }, select: UNIT_SELECT }) : Promise.resolve([]),
      db.orgUnit.findMany({ where: { parentId: unit.id }, select: UNIT_SELECT, orderBy: unitOrder }),
    ]);
    const visible = ancestors.filter((a) => access === "any" || pathInTeam(actor, a.path)).sort((a, b) => a.depth - b.depth);
    return { access, unit, paths: [unit.path], breadcrumb: visible, rows: children, excludePersonId };
  }
  if (access === "any") {
    const roots = await db.orgUnit.findMany({ where: { parentId: null }, select: UNIT_SELECT, orderBy: unitOrder });
    return { access, unit: null, paths: null, breadcrumb: [], rows: roots, excludePersonId };
  }
  const tops = topPaths(actor.ledUnitPaths);
  const rows = await db.orgUnit.findMany({ where: { path: { in: tops } }, select: UNIT_SELECT, orderBy: [{ depth: "asc" }, ...unitOrder] });
  return { access, unit: null, paths: tops, breadcrumb: [], rows, excludePersonId };
}

/** The WHERE part shared by all cockpit queries: counted requirements in the scope. */
function scopeWhere(scope: CockpitScope, today: Day, alias = "r"): Prisma.Sql {
  const r = (name: string) => Prisma.raw(`${alias}."${name}"`);
  const parts: Prisma.Sql[] = [openOnSql(today, alias)];
  if (scope.paths) parts.push(Prisma.sql`${r("orgUnitId")} IN (${unitIdsUnder(scope.paths)})`);
  if (scope.excludePersonId) parts.push(Prisma.sql`${r("personId")} <> ${scope.excludePersonId}`);
  return Prisma.join(parts, " AND ");
}

/** Sub-select of the ids of every unit in the subtrees (index on OrgUnit.path). */
function unitIdsUnder(paths: readonly string[]): Prisma.Sql {
  const likes = paths.map((p) => Prisma.sql`su."path" LIKE ${`${p}%`}`);
  return Prisma.sql`SELECT su."id" FROM "OrgUnit" su WHERE ${Prisma.join(likes, " OR ")}`;
}

export interface Counts {
  /** Counted requirements (incl. exempt and paused). */
  total: number;
  /** Denominator of the rate: counted, neither exempt nor paused. */
  required: number;
  compliant: number;
  overdue: number;
  dueSoon: number;
  exempt: number;
  paused: number;
  /** compliant / required, null when nothing is required. */
  rate: number | null;
}

const emptyCounts = (): Counts => ({ total: 0, required: 0, compliant: 0, overdue: 0, dueSoon: 0, exempt: 0, paused: 0, rate: null });

function add(target: Counts, row: Omit<Counts, "rate">) {
  target.total += row.total;
  target.required += row.required;
  target.compliant += row.compliant;
  target.overdue += row.overdue;
  target.dueSoon += row.dueSoon;
  target.exempt += row.exempt;
  target.paused += row.paused;
}

function withRate(c: Counts): Counts {
  return { ...c, rate: c.required > 0 ? c.compliant / c.required : null };
}

type AggregateRow = {
  ruleId: string;
  orgUnitId: string | null;
  notDue: bigint | number;
  dueSoonStatus: bigint | number;
  overdueStatus: bigint | number;
  expired: bigint | number;
  completed: bigint | number;
  exempt: bigint | number;
  paused: bigint | number;
  compliant: bigint | number;
  due30: bigint | number;
};

/** Counts of one rule in one org unit: per status, compliant, and due within the window. */
export interface UnitAggregate {
  ruleId: string;
  orgUnitId: string | null;
  /** Path of the org unit (null without one). */
  path: string | null;
  byStatus: Record<RequirementStatus, number>;
  compliant: number;
  due30: number;
}

/**
 * Counts per rule and org unit in one grouped query over the scope (no join: the unit paths
 * come from one small query), each requirement's status computed once.
 */
async function aggregateByRuleAndUnit(db: Db | Tx, scope: CockpitScope, today: Day): Promise<UnitAggregate[]> {
  const dueLimit = addDays(today, DUE_WINDOW_DAYS);
  const [rows, units] = await Promise.all([
    db.$queryRaw<AggregateRow[]>`
      SELECT t."ruleId" AS "ruleId", t."orgUnitId" AS "orgUnitId",
        SUM(CASE WHEN t."status" = 'NOT_DUE' THEN 1 ELSE 0 END) AS "notDue",
        SUM(CASE WHEN t."status" = 'DUE_SOON' THEN 1 ELSE 0 END) AS "dueSoonStatus",
        SUM(CASE WHEN t."status" = 'OVERDUE' THEN 1 ELSE 0 END) AS "overdueStatus",
        SUM(CASE WHEN t."status" = 'EXPIRED' THEN 1 ELSE 0 END) AS "expired",
        SUM(CASE WHEN t."status" = 'COMPLETED' THEN 1 ELSE 0 END) AS "completed",
        SUM(CASE WHEN t."status" = 'EXEMPT' THEN 1 ELSE 0 END) AS "exempt",
        SUM(CASE WHEN t."status" = 'PAUSED' THEN 1 ELSE 0 END) AS "paused",
        SUM(CASE WHEN t."status" = 'COMPLETED' OR (t."status" = 'DUE_SOON' AND t."completedOn" IS NOT NULL AND (t."validUntil" IS NULL OR t."validUntil" >= ${today})) THEN 1 ELSE 0 END) AS "compliant",
        SUM(CASE WHEN t."status" IN ('NOT_DUE', 'DUE_SOON') AND t."dueOn" <= ${dueLimit} THEN 1 ELSE 0 END) AS "due30"
      FROM (
        SELECT r."ruleId", r."orgUnitId", r."dueOn", r."completedOn", r."validUntil", ${statusCaseSql(today, "r")} AS "status"
        FROM "ComplianceRequirement" r
        WHERE ${scopeWhere(scope, today)}
      ) t
      GROUP BY t."orgUnitId", t."ruleId"`,
    db.orgUnit.findMany({ where: scope.paths ? { OR: scope.paths.map((p) => ({ path: { startsWith: p } })) } : {}, select: { id: true, path: true } }),
  ]);
  const pathOf = new Map(units.map((u) => [u.id, u.path]));
  return rows.map((row) => ({
    ruleId: row.ruleId,
    orgUnitId: row.orgUnitId,
    path: row.orgUnitId ? (pathOf.get(row.orgUnitId) ?? null) : null,
    byStatus: {
      NOT_DUE: Number(row.notDue),
      DUE_SOON: Number(row.dueSoonStatus),
      OVERDUE: Number(row.overdueStatus),
      EXPIRED: Number(row.expired),
      COMPLETED: Number(row.completed),
      EXEMPT: Number(row.exempt),
      PAUSED: Number(row.paused),
    },
    // The compliant sum mirrors isCompliantOn (engine.ts), as compliantCaseSql does.
    compliant: Number(row.compliant),
    due30: Number(row.due30),
  }));
}

function countsOf(a: UnitAggregate): Omit<Counts, "rate"> {
  const s = a.byStatus;
  const total = s.NOT_DUE + s.DUE_SOON + s.OVERDUE + s.EXPIRED + s.COMPLETED + s.EXEMPT + s.PAUSED;
  return { total, required: total - s.EXEMPT - s.PAUSED, compliant: a.compliant, overdue: s.OVERDUE + s.EXPIRED, dueSoon: a.due30, exempt: s.EXEMPT, paused: s.PAUSED };
}

/** The matrix row an org unit's figures belong to: a row id, "__direct" (the unit itself) or null. */
function bucketOf(scope: CockpitScope, rowIds: Set<string>, a: Pick<UnitAggregate, "orgUnitId" | "path">): string | null {
  const rowId = a.path ? idsInPath(a.path).find((id) => rowIds.has(id)) : undefined;
  if (rowId) return rowId;
  if (scope.unit && a.orgUnitId === scope.unit.id) return "__direct";
  if (!a.orgUnitId) return "__none";
  return null;
}

/** How many open items the list has for a filter, from the aggregates (no second count query). */
function countItems(scope: CockpitScope, aggregates: readonly UnitAggregate[], filter: ItemFilterInput): number {
  const sub = validSubUnit(scope, filter.subUnitId);
  const rowIds = new Set(scope.rows.map((u) => u.id));
  let n = 0;
  for (const a of aggregates) {
    if (filter.ruleId && a.ruleId !== filter.ruleId) continue;
    if (sub) {
      const bucket = bucketOf(scope, rowIds, a);
      if (sub === scope.unit?.id ? bucket !== "__direct" : bucket !== sub) continue;
    }
    const s = a.byStatus;
    const open = s.NOT_DUE + s.DUE_SOON + s.OVERDUE + s.EXPIRED;
    switch (filter.status ?? null) {
      case null:
        n += open;
        break;
      case "overdue":
        n += s.OVERDUE + s.EXPIRED;
        break;
      case "due30":
        n += a.due30;
        break;
      case "later":
        n += s.NOT_DUE + s.DUE_SOON - a.due30;
        break;
      default:
        n += s[filter.status as OpenStatus];
    }
  }
  return n;
}

/** The sub-unit filter if it names a row of the matrix (or the unit itself), else null. */
function validSubUnit(scope: CockpitScope, subUnitId: string | null | undefined): string | null {
  if (!subUnitId) return null;
  if (scope.unit?.id === subUnitId || scope.rows.some((u) => u.id === subUnitId)) return subUnitId;
  return null;
}

export interface RuleRef {
  id: string;
  name: string;
  legalBasis: string;
}

export interface MatrixRow {
  /** The sub-unit, or the selected unit itself for the people assigned to it directly. */
  unit: UnitRef;
  /** true for the selected unit's own staff (not a sub-unit). */
  direct: boolean;
  /** No unit at all (HR's top view: people without an org unit). */
  withoutUnit?: boolean;
  /** One cell per rule, in the order of `rules`. */
  cells: Counts[];
  total: Counts;
}

export interface CockpitSummary {
  today: Day;
  dueLimit: Day;
  rules: (RuleRef & Counts)[];
  /** All rules together. */
  overall: Counts;
  matrix: MatrixRow[];
}

/** Figures per rule and the rule × sub-unit matrix for a resolved scope. */
export async function summariseScope(db: Db | Tx, scope: CockpitScope, today: Day, aggregates?: UnitAggregate[]): Promise<CockpitSummary> {
  aggregates ??= await aggregateByRuleAndUnit(db, scope, today);
  const ruleIds = [...new Set(aggregates.map((a) => a.ruleId))];
  const ruleRows = ruleIds.length
    ? await db.complianceRule.findMany({ where: { id: { in: ruleIds } }, select: { id: true, name: true, legalBasis: true }, orderBy: { name: "asc" } })
    : [];
  const ruleIndex = new Map(ruleRows.map((r, i) => [r.id, i]));
  const perRule = ruleRows.map(() => emptyCounts());
  const total = emptyCounts();

  const rowById = new Map(scope.rows.map((u) => [u.id, u]));
  const rowIds = new Set(rowById.keys());
  type Bucket = { unit: UnitRef; direct: boolean; withoutUnit?: boolean; cells: Counts[]; total: Counts };
  const buckets = new Map<string, Bucket>();
  const bucket = (key: string) => {
    let b = buckets.get(key);
    if (!b) {
      const unit = key === "__direct" ? scope.unit! : key === "__none" ? { id: "", code: "", name: "", path: "", depth: 0 } : rowById.get(key)!;
      b = { unit, direct: key === "__direct", withoutUnit: key === "__none", cells: ruleRows.map(() => emptyCounts()), total: emptyCounts() };
      buckets.set(key, b);
    }
    return b;
  };
  for (const a of aggregates) {
    const i = ruleIndex.get(a.ruleId);
    if (i === undefined) continue;
    const counts = countsOf(a);
    add(perRule[i]!, counts);
    add(total, counts);
    const key = bucketOf(scope, rowIds, a);
    if (key) {
      const target = bucket(key);
      add(target.cells[i]!, counts);
      add(target.total, counts);
    }
  }
  const matrix: MatrixRow[] = [];
  const direct = buckets.get("__direct");
  if (direct) matrix.push(direct);
  for (const unit of scope.rows) {
    const b = buckets.get(unit.id);
    if (b) matrix.push(b);
  }
  const none = buckets.get("__none");
  if (none) matrix.push(none);
  return {
    today,
    dueLimit: addDays(today, DUE_WINDOW_DAYS),
    rules: ruleRows.map((r, i) => ({ ...r, ...withRate(perRule[i]!) })),
    overall: withRate(total),
    matrix: matrix.map((m) => ({ ...m, cells: m.cells.map(withRate), total: withRate(m.total) })),
  };
}

export interface ItemFilterInput {
  ruleId?: string | null;
  status?: ItemFilter | null;
  /** A row of the matrix: a sub-unit id, or the selected unit's id for its own staff only. */
  subUnitId?: string | null;
}

export interface OpenItem {
  requirementId: string;
  person: { id: string; firstName: string; lastName: string };
  unit: { id: string; code: string; name: string } | null;
  rule: { id: string; name: string };
  dueOn: Day;
  status: OpenStatus;
  /** Days past the due date while OVERDUE or EXPIRED, else 0. */
  daysOverdue: number;
  /** A completion still valid until this day (a renewal that is due), else null. */
  validUntil: Day | null;
}

type ItemRow = {
  requirementId: string;
  personId: string;
  firstName: string;
  lastName: string;
  unitId: string | null;
  unitCode: string | null;
  unitName: string | null;
  ruleId: string;
  ruleName: string;
  dueOn: string;
  status: OpenStatus;
  completedOn: string | null;
  validUntil: string | null;
  totalCount?: bigint | number;
};

function statusFilterSql(filter: ItemFilter | null | undefined, dueLimit: Day): Prisma.Sql {
  switch (filter) {
    case "overdue":
      return Prisma.sql`t."status" IN ('OVERDUE', 'EXPIRED')`;
    case "due30":
      return Prisma.sql`t."status" IN ('NOT_DUE', 'DUE_SOON') AND t."dueOn" <= ${dueLimit}`;
    case "later":
      return Prisma.sql`t."status" IN ('NOT_DUE', 'DUE_SOON') AND t."dueOn" > ${dueLimit}`;
    case undefined:
    case null:
      return Prisma.sql`t."status" IN ('NOT_DUE', 'DUE_SOON', 'OVERDUE', 'EXPIRED')`;
    default:
      return Prisma.sql`t."status" = ${filter}`;
  }
}

/** Narrows the scope to one row of the matrix; an id that is not a row is ignored. */
function subUnitWhere(scope: CockpitScope, subUnitId: string | null | undefined): Prisma.Sql | null {
  const valid = validSubUnit(scope, subUnitId);
  if (!valid) return null;
  if (valid === scope.unit?.id) return Prisma.sql`r."orgUnitId" = ${valid}`;
  const row = scope.rows.find((u) => u.id === valid)!;
  return Prisma.sql`r."orgUnitId" IN (${unitIdsUnder([row.path])})`;
}

/**
 * The open items of the scope, filtered, sorted by due date, then last and first name and rule —
 * never by a score. `page: null` returns all rows (exports).
 */
export async function listOpenItems(
  db: Db | Tx,
  scope: CockpitScope,
  filter: ItemFilterInput,
  { today, page, pageSize = COCKPIT_PAGE_SIZE, total: knownTotal }: { today: Day; page: number | null; pageSize?: number; total?: number },
) {
  const dueLimit = addDays(today, DUE_WINDOW_DAYS);
  const inner: Prisma.Sql[] = [scopeWhere(scope, today)];
  if (filter.ruleId) inner.push(Prisma.sql`r."ruleId" = ${filter.ruleId}`);
  const sub = subUnitWhere(scope, filter.subUnitId);
  if (sub) inner.push(sub);
  const limit = page === null ? Prisma.empty : Prisma.sql`LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`;
  // With the total known (from the aggregates) no window count is needed, so the database can
  // keep only the page while sorting; rule and unit are joined to the page's rows only.
  const countColumn = page !== null && knownTotal === undefined ? Prisma.sql`, COUNT(*) OVER () AS "totalCount"` : Prisma.empty;
  const query = Prisma.sql`
    SELECT x."id" AS "requirementId", x."personId" AS "personId", x."firstName" AS "firstName", x."lastName" AS "lastName",
      u."id" AS "unitId", u."code" AS "unitCode", u."name" AS "unitName",
      x."ruleId" AS "ruleId", cr."name" AS "ruleName", x."dueOn" AS "dueOn", x."status" AS "status",
      x."completedOn" AS "completedOn", x."validUntil" AS "validUntil"${page !== null && knownTotal === undefined ? Prisma.sql`, x."totalCount" AS "totalCount"` : Prisma.empty}
    FROM (
      SELECT t."id", t."personId", t."ruleId", t."orgUnitId", t."dueOn", t."completedOn", t."validUntil", t."status",
        p."firstName", p."lastName"${countColumn}
      FROM (
        SELECT r."id", r."personId", r."ruleId", r."orgUnitId", r."dueOn", r."completedOn", r."validUntil", ${statusCaseSql(today, "r")} AS "status"
        FROM "ComplianceRequirement" r
        WHERE ${Prisma.join(inner, " AND ")}
      ) t
      JOIN "Person" p ON p."id" = t."personId"
      WHERE ${statusFilterSql(filter.status, dueLimit)}
      ORDER BY t."dueOn" ASC, p."lastName" ASC, p."firstName" ASC, t."ruleId" ASC, t."id" ASC
      ${limit}
    ) x
    JOIN "ComplianceRule" cr ON cr."id" = x."ruleId"
    LEFT JOIN "OrgUnit" u ON u."id" = x."orgUnitId"
    ORDER BY x."dueOn" ASC, x."lastName" ASC, x."firstName" ASC, x."ruleId" ASC, x."id" ASC`;
  const rows = await db.$queryRaw<ItemRow[]>(query);
  let total = knownTotal ?? (page === null ? rows.length : rows.length ? Number(rows[0]!.totalCount) : 0);
  if (knownTotal === undefined && rows.length === 0 && page !== null && page > 1) {
    // Past the last page: count again on the first page so the pagination can lead back.
    total = (await listOpenItems(db, scope, filter, { today, page: 1, pageSize })).total;
  }
  const items: OpenItem[] = rows.map((row) => ({
    requirementId: row.requirementId,
    person: { id: row.personId, firstName: row.firstName, lastName: row.lastName },
    unit: row.unitId ? { id: row.unitId, code: row.unitCode ?? "", name: row.unitName ?? "" } : null,
    rule: { id: row.ruleId, name: row.ruleName },
    dueOn: row.dueOn,
    status: row.status,
    daysOverdue: (row.status === "OVERDUE" || row.status === "EXPIRED") && row.dueOn < today ? daysBetween(row.dueOn, today) : 0,
    // Of the open statuses only DUE_SOON can still have a valid completion (a renewal), as in isCompliantOn.
    validUntil: row.status === "DUE_SOON" && row.completedOn !== null && (row.validUntil === null || today <= row.validUntil) ? row.validUntil : null,
  }));
  return { items, total, page: page ?? 1, pageCount: page === null ? 1 : Math.max(1, Math.ceil(total / pageSize)) };
}

/** Keys of manual reminders: one per requirement and day, so a second click does not spam. */
export function manualReminderKey(requirementId: string, day: Day) {
  return `manual:${requirementId}:${day}`;
}

/** Everything the cockpit page shows. Logs the read (it shows other people's data). */
export async function getCockpit(db: Db, actor: Actor, query: CockpitQuery, { today = todayInBerlin() }: { today?: Day } = {}) {
  const scope = await resolveCockpitScope(db, actor, query.unit);
  const aggregates = await aggregateByRuleAndUnit(db, scope, today);
  const summary = await summariseScope(db, scope, today, aggregates);
  const filter: ItemFilterInput = { ruleId: query.rule ?? null, status: query.status ?? null, subUnitId: query.sub ?? null };
  const list = await listOpenItems(db, scope, filter, { today, page: query.page, total: countItems(scope, aggregates, filter) });
  const reminded = list.items.length
    ? await db.complianceReminder.findMany({
        where: { key: { in: list.items.map((i) => manualReminderKey(i.requirementId, today)) } },
        select: { requirementId: true },
      })
    : [];
  await recordAudit(db, {
    actorUserId: actor.userId,
    action: "compliance.cockpit-read",
    entityType: "OrgUnit",
    entityId: scope.unit?.id ?? null,
    summary: `Pflichtschulungen im Team: ${scope.unit ? `${scope.unit.code} ${scope.unit.name}` : scope.access === "any" ? "gesamte Verwaltung" : "eigene Einheiten"}, Seite ${list.page}, ${list.items.length} offene Punkte angezeigt`,
  });
  return {
    scope: {
      access: scope.access,
      unit: scope.unit,
      breadcrumb: scope.breadcrumb,
      rows: scope.rows,
      /** A view above the unit exists: the whole administration (HR) or several own units. */
      hasTopView: scope.access === "any" || topPaths(actor.ledUnitPaths).length > 1,
    },
    ...summary,
    ...list,
    remindedToday: reminded.map((r) => r.requirementId).filter((id): id is string => !!id),
    filter: { rule: query.rule ?? null, status: query.status ?? null, sub: filter.subUnitId && (scope.unit?.id === filter.subUnitId || scope.rows.some((u) => u.id === filter.subUnitId)) ? filter.subUnitId : null },
    canRemind: hasPermission(actor.roles, "update:compliance:team"),
  };
}

/** The export's data: all open items of the selection (no paging) and the rates. Logged. */
export async function getCockpitExport(db: Db, actor: Actor, query: CockpitQuery, { today = todayInBerlin() }: { today?: Day } = {}) {
  const scope = await resolveCockpitScope(db, actor, query.unit);
  const summary = await summariseScope(db, scope, today);
  const list = await listOpenItems(db, scope, { ruleId: query.rule ?? null, status: query.status ?? null, subUnitId: query.sub ?? null }, { today, page: null });
  await recordAudit(db, {
    actorUserId: actor.userId,
    action: "compliance.cockpit-export",
    entityType: "OrgUnit",
    entityId: scope.unit?.id ?? null,
    summary: `Export Pflichtschulungen im Team: ${scope.unit ? `${scope.unit.code} ${scope.unit.name}` : scope.access === "any" ? "gesamte Verwaltung" : "eigene Einheiten"}, ${list.total} offene Punkte`,
  });
  return { scope, ...summary, items: list.items, total: list.total };
}

/** The leader's start-page card: per rule over all own units. Null for people who lead nothing. */
export async function getComplianceStartCard(db: Db, actor: Actor, { today = todayInBerlin() }: { today?: Day } = {}) {
  if (!hasPermission(actor.roles, "read:compliance:team") || actor.ledUnitPaths.length === 0) return null;
  const paths = topPaths(actor.ledUnitPaths);
  const scope: CockpitScope = { access: "team", unit: null, paths, breadcrumb: [], rows: [], excludePersonId: actor.personId };
  const summary = await summariseScope(db, scope, today);
  return { rules: summary.rules, overall: summary.overall };
}

export const RemindSchema = z.object({
  requirementIds: z
    .array(z.string().trim().min(1).max(64))
    .min(1, "complianceCockpit.remind.noneSelected")
    .max(MAX_REMINDER_ITEMS, "complianceCockpit.remind.tooMany")
    .transform((ids) => [...new Set(ids)]),
});

export interface RemindResult {
  /** Reminders sent now (one per item). */
  sent: number;
  /** People who got at least one reminder now. */
  people: number;
  /** Items already reminded manually today (nothing sent again). */
  alreadyToday: number;
  /** Items that are no longer open (completed, exempt, paused or closed meanwhile). */
  notOpen: number;
}

/**
 * One-click reminder to the people of the selected open items: a notification (in-app and
 * e-mail) and a ComplianceReminder row per item, audited, all in one transaction. Items outside
 * the actor's scope refuse the whole click (403, nothing sent); an item reminded manually today
 * is skipped, whoever sent it.
 */
export async function remindRequirements(db: Db, actor: Actor, input: { requirementIds: string[] }, { now = new Date() }: { now?: Date } = {}): Promise<RemindResult> {
  if (!hasPermission(actor.roles, "update:compliance:team")) throw new AccessDeniedError("Erinnerungen senden Führungskräfte und die Personalentwicklung.");
  const parsed = RemindSchema.safeParse(input);
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? "complianceCockpit.remind.noneSelected";
    throw new ValidationError(message, { requirementIds: [message] });
  }
  const ids = parsed.data.requirementIds;
  const today = todayInBerlin(now);
  const any = hasPermission(actor.roles, "update:compliance:any");

  const attempt = () =>
    db.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<
        { id: string; personId: string; ruleId: string; ruleName: string; dueOn: string | null; path: string | null; counted: bigint | number; status: RequirementStatus }[]
      >`
        SELECT r."id" AS "id", r."personId" AS "personId", r."ruleId" AS "ruleId", cr."name" AS "ruleName", r."dueOn" AS "dueOn", u."path" AS "path",
          (CASE WHEN ${openOnSql(today, "r")} THEN 1 ELSE 0 END) AS "counted", ${statusCaseSql(today, "r")} AS "status"
        FROM "ComplianceRequirement" r
        JOIN "ComplianceRule" cr ON cr."id" = r."ruleId"
        LEFT JOIN "OrgUnit" u ON u."id" = r."orgUnitId"
        WHERE r."id" IN (${Prisma.join(ids)})`;
      if (rows.length !== ids.length) throw new NotFoundError("Mindestens ein ausgewählter Eintrag wurde nicht gefunden.");
      if (!any) {
        const outside = rows.some((r) => !pathInTeam(actor, r.path) || r.personId === actor.personId);
        if (outside) throw new AccessDeniedError("Mindestens ein ausgewählter Eintrag gehört nicht zu Ihrem Team.");
      }
      const open = rows.filter((r) => Number(r.counted) === 1 && (OPEN_STATUSES as readonly string[]).includes(r.status) && r.dueOn !== null);
      const keys = open.map((r) => manualReminderKey(r.id, today));
      const existing = keys.length ? await tx.complianceReminder.findMany({ where: { key: { in: keys } }, select: { key: true } }) : [];
      const done = new Set(existing.map((e) => e.key));
      const toSend = open.filter((r) => !done.has(manualReminderKey(r.id, today)));
      const result: RemindResult = { sent: toSend.length, people: new Set(toSend.map((r) => r.personId)).size, alreadyToday: open.length - toSend.length, notOpen: rows.length - open.length };
      if (toSend.length === 0) return result;

      const sender = actor.personId ? await tx.person.findUnique({ where: { id: actor.personId }, select: { firstName: true, lastName: true } }) : null;
      const senderName = sender ? `${sender.firstName} ${sender.lastName}` : actor.email;
      await notify(
        tx,
        toSend.map((r) => ({
          personId: r.personId,
          kind: "compliance.manualReminder" as const,
          params: { rule: r.ruleName, date: formatDate(r.dueOn, "de"), sender: senderName },
          link: "/pflichtschulungen",
        })),
      );
      await tx.complianceReminder.createMany({
        data: toSend.map((r) => ({
          key: manualReminderKey(r.id, today),
          kind: "MANUAL",
          recipientPersonId: r.personId,
          subjectPersonId: r.personId,
          requirementId: r.id,
          ruleId: r.ruleId,
          dueOn: r.dueOn,
          // The sending account (User id), as in the audit log.
          sentById: actor.userId,
          sentAt: now,
        })),
      });
      for (const r of toSend) {
        await recordAudit(tx, {
          actorUserId: actor.userId,
          action: "compliance.remind",
          entityType: "ComplianceRequirement",
          entityId: r.id,
          affectedPersonId: r.personId,
          summary: `Erinnerung an „${r.ruleName}“ (fällig ${r.dueOn})`,
        });
      }
      return result;
    });
  try {
    return await attempt();
  } catch (error) {
    // Two clicks at the same moment: the unique key stops the second; counted again, it skips.
    if ((error as { code?: unknown } | null)?.code === "P2002") return attempt();
    throw error;
  }
}
