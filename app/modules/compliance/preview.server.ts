// What-if preview of a rule draft (not saved): the pure engine runs over the people the draft can
// reach, with the same fact loading as the sync (one query per kind of fact and chunk of 1,000
// people), and counts who would be affected, overdue at once, due soon or done — per Amt. For a
// rule that exists, the result is compared with its stored requirements. Nothing is written.
import { Prisma } from "~/generated/sqlite/client.ts";
import type { Db } from "~/utils/db.server.ts";
import type { Actor } from "~/modules/auth/permissions.ts";
import { NotFoundError } from "~/modules/errors.ts";
import type { PersonFlagKey } from "./audience.ts";
import { dayOf, todayInBerlin, type Day } from "./days.ts";
import { computeRequirement, statusOn, type PersonFacts, type RuleSpec } from "./engine.ts";
import { openOnSql, statusCaseSql } from "./status.server.ts";
import { factsForRule, loadFactsOfEveryone, loadOrgContext, loadPersonFacts } from "./sync.server.ts";
import { checkReferences, parseRuleInput, requireRuleReader } from "./rules.server.ts";
import type { PreviewGroup, PreviewResult } from "./rule-form.ts";

const CHUNK = 500;
/** From this many candidates on, the facts of everybody are read at once (a few big queries). */
export const BULK_FROM = 5000;
const PREVIEW_RULE_ID = "__preview__";

type UnitInfo = { id: string; code: string; name: string; type: string; path: string };

/**
 * The Amt a unit belongs to (the nearest unit of type AMT on its path). Units above or beside
 * the Ämter — a Dezernat's own staff units — are grouped per Dezernat; people without a unit
 * form one group of their own.
 */
function amtGrouper(units: UnitInfo[]) {
  const byId = new Map(units.map((u) => [u.id, u]));
  const cache = new Map<string, Omit<PreviewGroup, "affected" | "overdue" | "dueSoon" | "completed" | "newlyAffected" | "noLongerAffected" | "newlyOverdue">>();
  const none = { key: "none", kind: "NONE" as const, code: "", name: "" };
  return (unitId: string | null) => {
    if (!unitId) return none;
    const cached = cache.get(unitId);
    if (cached) return cached;
    const unit = byId.get(unitId);
    let group: (typeof none) | { key: string; kind: "AMT" | "DEZERNAT_REST"; code: string; name: string } = none;
    if (unit) {
      const chain = unit.path.split("/").filter(Boolean).map((id) => byId.get(id)).filter((u): u is UnitInfo => !!u);
      const amt = [...chain].reverse().find((u) => u.type === "AMT");
      const dezernat = chain.find((u) => u.type === "DEZERNAT");
      if (amt) group = { key: amt.id, kind: "AMT", code: amt.code, name: amt.name };
      else if (dezernat) group = { key: `rest:${dezernat.id}`, kind: "DEZERNAT_REST", code: dezernat.code, name: dezernat.name };
      else group = { key: `rest:${chain[0]?.id ?? unit.id}`, kind: "DEZERNAT_REST", code: chain[0]?.code ?? unit.code, name: chain[0]?.name ?? unit.name };
    }
    cache.set(unitId, group);
    return group;
  };
}

/**
 * People who can be in the audience: a superset found with a few set-based queries (any primary
 * assignment in a chosen unit, position, role profile or leadership position; leaders of a unit;
 * flag holders). The engine then decides exactly. Null for "everyone": then all are read in bulk.
 */
async function candidateIds(db: Db, spec: RuleSpec): Promise<string[] | null> {
  const a = spec.audience;
  // Everybody: the bulk facts list them (see previewRule).
  if (a.everyone) return null;
  const ids = new Set<string>();
  const unitIds: string[] = [];
  if (a.units.length > 0) {
    const direct = a.units.filter((u) => !u.includeSubunits).map((u) => u.unitId);
    const roots = a.units.filter((u) => u.includeSubunits).map((u) => u.unitId);
    unitIds.push(...direct);
    if (roots.length > 0) {
      const below = await db.orgUnit.findMany({ where: { OR: roots.map((id) => ({ path: { contains: `/${id}/` } })) }, select: { id: true } });
      unitIds.push(...below.map((u) => u.id));
    }
  }
  const positionOr: Prisma.PositionAssignmentWhereInput[] = [];
  if (unitIds.length > 0) positionOr.push({ position: { orgUnitId: { in: [...new Set(unitIds)] } } });
  if (a.positionIds.length > 0) positionOr.push({ positionId: { in: a.positionIds } });
  if (a.roleProfileIds.length > 0) positionOr.push({ position: { profile: { roleProfileId: { in: a.roleProfileIds } } } });
  if (a.leaders) positionOr.push({ position: { isLeadership: true } });
  const [assigned, leaders, flagged] = await Promise.all([
    positionOr.length > 0 ? db.positionAssignment.findMany({ where: { isPrimary: true, OR: positionOr }, select: { personId: true }, distinct: ["personId"] }) : [],
    a.leaders ? db.orgUnit.findMany({ where: { leaderId: { not: null } }, select: { leaderId: true } }) : [],
    a.flags.length > 0 ? db.personFlag.findMany({ where: { flag: { in: [...a.flags] } }, select: { personId: true } }) : [],
  ]);
  for (const row of assigned) ids.add(row.personId);
  for (const row of leaders) if (row.leaderId) ids.add(row.leaderId);
  for (const row of flagged) ids.add(row.personId);
  return [...ids].sort();
}

/** Preview of a draft. `ruleId`: the rule being edited (compared with its stored requirements). */
export async function previewRule(
  db: Db,
  actor: Actor,
  raw: unknown,
  { ruleId, today = todayInBerlin(), bulkFrom = BULK_FROM }: { ruleId?: string; today?: Day; bulkFrom?: number } = {},
): Promise<PreviewResult> {
  requireRuleReader(actor);
  const started = Date.now();
  const input = parseRuleInput(raw, { preview: true });
  if (ruleId) {
    const exists = await db.complianceRule.findUnique({ where: { id: ruleId }, select: { id: true } });
    if (!exists) throw new NotFoundError("Regel nicht gefunden");
  }
  await checkReferences(db, input, ruleId);
  const spec: RuleSpec = {
    id: ruleId ?? PREVIEW_RULE_ID,
    audience: input.audience,
    trainingIds: input.trainingIds,
    firstDueMode: input.firstDueMode,
    firstDueDays: input.firstDueDays,
    firstDueDate: input.firstDueDate,
    recurrence: input.recurrence,
    intervalMonths: input.intervalMonths,
    yearlyMonth: input.yearlyMonth,
    yearlyDay: input.yearlyDay,
    dueSoonDays: input.dueSoonDays,
    graceDays: input.graceDays,
  };

  const [org, units, candidates, current] = await Promise.all([
    loadOrgContext(db),
    db.orgUnit.findMany({ select: { id: true, code: true, name: true, type: true, path: true } }),
    candidateIds(db, spec),
    ruleId
      ? db.$queryRaw<{ personId: string; orgUnitId: string | null; status: string }[]>`
          SELECT r."personId" AS "personId", r."orgUnitId" AS "orgUnitId", ${statusCaseSql(today, "r")} AS status
          FROM "ComplianceRequirement" r
          WHERE r."ruleId" = ${ruleId} AND ${openOnSql(today, "r")}`
      : Promise.resolve(null),
  ]);
  const groupOf = amtGrouper(units);
  const groups = new Map<string, PreviewGroup>();
  const groupFor = (unitId: string | null) => {
    const g = groupOf(unitId);
    let row = groups.get(g.key);
    if (!row) groups.set(g.key, (row = { ...g, affected: 0, overdue: 0, dueSoon: 0, completed: 0, newlyAffected: 0, noLongerAffected: 0, newlyOverdue: 0 }));
    return row;
  };
  const before = new Map((current ?? []).map((r) => [r.personId, r]));
  const totals = { affected: 0, overdue: 0, dueSoon: 0, completed: 0, notDue: 0, exemptOrPaused: 0 };
  const affected = new Set<string>();
  let newlyAffected = 0;
  let newlyOverdue = 0;

  const everyone = candidates === null || candidates.length >= bulkFrom ? await loadFactsOfEveryone(db, [spec]) : null;
  const people = candidates ?? [...everyone!.values()].filter((f) => f.status !== "LEFT").map((f) => f.personId);
  for (let i = 0; i < people.length; i += CHUNK) {
    const ids = people.slice(i, i + CHUNK);
    const facts = everyone ?? (await loadPersonFacts(db, ids, [spec]));
    for (const personId of ids) {
      const personFacts = facts.get(personId);
      if (!personFacts) continue;
      const result = computeRequirement(spec, factsForRule(personFacts, spec.id), org, today);
      if (!result.applies) continue;
      affected.add(personId);
      const status = statusOn(result.state, today);
      const group = groupFor(personFacts.orgUnitId);
      group.affected++;
      totals.affected++;
      const overdue = status === "OVERDUE" || status === "EXPIRED";
      if (overdue) {
        group.overdue++;
        totals.overdue++;
      } else if (status === "DUE_SOON") {
        group.dueSoon++;
        totals.dueSoon++;
      } else if (status === "COMPLETED") {
        group.completed++;
        totals.completed++;
      } else if (status === "NOT_DUE") {
        totals.notDue++;
      } else {
        totals.exemptOrPaused++;
      }
      if (current) {
        const was = before.get(personId);
        if (!was) {
          group.newlyAffected++;
          newlyAffected++;
        }
        if (overdue && (!was || (was.status !== "OVERDUE" && was.status !== "EXPIRED"))) {
          group.newlyOverdue++;
          newlyOverdue++;
        }
      }
    }
  }

  let noLongerAffected = 0;
  for (const row of current ?? []) {
    if (affected.has(row.personId)) continue;
    groupFor(row.orgUnitId).noLongerAffected++;
    noLongerAffected++;
  }

  const rank = (g: PreviewGroup) => (g.kind === "AMT" ? 0 : g.kind === "DEZERNAT_REST" ? 1 : 2);
  const sorted = [...groups.values()].sort((x, y) => rank(x) - rank(y) || x.code.localeCompare(y.code, "de", { numeric: true }) || x.name.localeCompare(y.name, "de"));
  return {
    today,
    totals,
    groups: sorted,
    diff: current ? { current: current.length, newlyAffected, noLongerAffected, newlyOverdue } : null,
    millis: Date.now() - started,
  };
}
