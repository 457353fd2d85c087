// Keeps the stored requirements equal to what the rules say, inside the caller's transaction:
// whoever changes something a requirement depends on (a rule, a completion, a position, an
// absence, a flag, an exemption, leaving) calls `syncRequirements` for the people or rules
// touched, so the next page load shows the new state (docs/decisions/019). Set-based: facts are
// loaded per chunk of people with a handful of queries and written with one multi-row upsert.
import { randomUUID } from "node:crypto";
import { Prisma } from "~/generated/sqlite/client.ts";
import type { Tx } from "~/utils/db.server.ts";
import { parseAudience, type PersonFlagKey } from "./audience.ts";
import { dayOf, todayInBerlin, type Day } from "./days.ts";
import {
  computeRequirement,
  type CloseReason,
  type OrgContext,
  type PersonFacts,
  type RequirementState,
  type RuleSpec,
} from "./engine.ts";

// Prisma checks IN lists against SQLite's classic limit of 999 parameters.
const CHUNK = 500;
const UPSERT_CHUNK = 400;

export type RuleRow = {
  id: string;
  audience: string;
  firstDueMode: RuleSpec["firstDueMode"];
  firstDueDays: number;
  firstDueDate: string | null;
  recurrence: RuleSpec["recurrence"];
  intervalMonths: number | null;
  yearlyMonth: number | null;
  yearlyDay: number | null;
  dueSoonDays: number;
  graceDays: number;
  trainings: { trainingId: string }[];
};

export const RULE_SPEC_SELECT = {
  id: true,
  audience: true,
  firstDueMode: true,
  firstDueDays: true,
  firstDueDate: true,
  recurrence: true,
  intervalMonths: true,
  yearlyMonth: true,
  yearlyDay: true,
  dueSoonDays: true,
  graceDays: true,
  trainings: { select: { trainingId: true } },
} as const;

export function ruleSpecOf(row: RuleRow): RuleSpec {
  return {
    id: row.id,
    audience: parseAudience(row.audience),
    trainingIds: row.trainings.map((t) => t.trainingId),
    firstDueMode: row.firstDueMode,
    firstDueDays: row.firstDueDays,
    firstDueDate: row.firstDueDate,
    recurrence: row.recurrence,
    intervalMonths: row.intervalMonths,
    yearlyMonth: row.yearlyMonth,
    yearlyDay: row.yearlyDay,
    dueSoonDays: row.dueSoonDays,
    graceDays: row.graceDays,
  };
}

export async function loadOrgContext(tx: Tx): Promise<OrgContext> {
  const units = await tx.orgUnit.findMany({ select: { id: true, path: true } });
  const paths = new Map(units.map((u) => [u.id, u.path]));
  return { unitPath: (id) => paths.get(id) };
}

/** The facts the engine needs for people, with one query per kind of fact and chunk of 500 people. */
export async function loadPersonFacts(tx: Tx, personIds: readonly string[], rules: readonly RuleSpec[]): Promise<Map<string, PersonFacts>> {
  if (personIds.length > CHUNK) {
    const merged = new Map<string, PersonFacts>();
    for (let i = 0; i < personIds.length; i += CHUNK) {
      for (const [id, facts] of await loadPersonFacts(tx, personIds.slice(i, i + CHUNK), rules)) merged.set(id, facts);
    }
    return merged;
  }
  const ids = [...personIds];
  const trainingIds = [...new Set(rules.flatMap((r) => r.trainingIds))];
  const ruleIds = rules.map((r) => r.id);
  const [people, assignments, leaders, flags, absences, completions, exemptions] = await Promise.all([
    tx.person.findMany({ where: { id: { in: ids } }, select: { id: true, status: true, entryDate: true, exitDate: true, orgUnitId: true } }),
    tx.positionAssignment.findMany({
      where: { personId: { in: ids }, isPrimary: true },
      select: {
        personId: true,
        positionId: true,
        startDate: true,
        endDate: true,
        position: { select: { orgUnitId: true, isLeadership: true, profile: { select: { roleProfileId: true } } } },
      },
    }),
    tx.orgUnit.findMany({ where: { leaderId: { in: ids } }, select: { leaderId: true } }),
    tx.personFlag.findMany({ where: { personId: { in: ids } }, select: { personId: true, flag: true, since: true } }),
    tx.personAbsence.findMany({ where: { personId: { in: ids } }, select: { personId: true, startOn: true, endOn: true } }),
    trainingIds.length === 0
      ? Promise.resolve([])
      : tx.trainingCompletion.findMany({
          where: { personId: { in: ids }, trainingId: { in: trainingIds }, status: "CONFIRMED", result: { not: "FAILED" } },
          select: { id: true, personId: true, trainingId: true, completedAt: true, expiresAt: true },
        }),
    tx.complianceExemption.findMany({
      where: { personId: { in: ids }, ruleId: { in: ruleIds }, revokedAt: null },
      select: { personId: true, ruleId: true, validUntil: true },
    }),
  ]);
  return assembleFacts(people, assignments, leaders, flags, absences, completions, exemptions);
}

type FactRows = {
  people: { id: string; status: PersonFacts["status"]; entryDate: Date; exitDate: Date | null; orgUnitId: string | null }[];
  assignments: { personId: string; positionId: string; startDate: Date; endDate: Date | null; position: { orgUnitId: string; isLeadership: boolean; profile: { roleProfileId: string | null } | null } }[];
  leaders: { leaderId: string | null }[];
  flags: { personId: string; flag: string; since: string }[];
  absences: { personId: string; startOn: string; endOn: string | null }[];
  completions: { id: string; personId: string; trainingId: string; completedAt: Date; expiresAt: Date | null }[];
  exemptions: { personId: string; ruleId: string; validUntil: string }[];
};

function assembleFacts(
  people: FactRows["people"],
  assignments: FactRows["assignments"],
  leaders: FactRows["leaders"],
  flags: FactRows["flags"],
  absences: FactRows["absences"],
  completions: FactRows["completions"],
  exemptions: FactRows["exemptions"],
): Map<string, PersonFacts> {
  const facts = new Map<string, PersonFacts & { exemptionsByRule: Map<string, { validUntil: Day }[]> }>();
  for (const p of people) {
    facts.set(p.id, {
      personId: p.id,
      status: p.status,
      entryOn: dayOf(p.entryDate),
      exitOn: p.exitDate ? dayOf(p.exitDate) : null,
      orgUnitId: p.orgUnitId,
      assignments: [],
      leadsUnit: false,
      flags: [],
      absences: [],
      completions: [],
      exemptions: [],
      exemptionsByRule: new Map(),
    });
  }
  for (const a of assignments) {
    (facts.get(a.personId)?.assignments as PersonFacts["assignments"][number][] | undefined)?.push({
      positionId: a.positionId,
      unitId: a.position.orgUnitId,
      roleProfileId: a.position.profile?.roleProfileId ?? null,
      isLeadership: a.position.isLeadership,
      startOn: dayOf(a.startDate),
      endOn: a.endDate ? dayOf(a.endDate) : null,
    });
  }
  for (const l of leaders) {
    const f = l.leaderId ? facts.get(l.leaderId) : undefined;
    if (f) f.leadsUnit = true;
  }
  for (const flag of flags) {
    (facts.get(flag.personId)?.flags as { flag: PersonFlagKey; since: Day }[] | undefined)?.push({ flag: flag.flag as PersonFlagKey, since: flag.since });
  }
  for (const a of absences) {
    (facts.get(a.personId)?.absences as { startOn: Day; endOn: Day | null }[] | undefined)?.push({ startOn: a.startOn, endOn: a.endOn });
  }
  for (const c of completions) {
    (facts.get(c.personId)?.completions as PersonFacts["completions"][number][] | undefined)?.push({
      id: c.id,
      trainingId: c.trainingId,
      completedOn: dayOf(c.completedAt),
      expiresOn: c.expiresAt ? dayOf(c.expiresAt) : null,
    });
  }
  for (const e of exemptions) {
    const byRule = facts.get(e.personId)?.exemptionsByRule;
    if (!byRule) continue;
    byRule.set(e.ruleId, [...(byRule.get(e.ruleId) ?? []), { validUntil: e.validUntil }]);
  }
  return facts as Map<string, PersonFacts>;
}

/**
 * The facts of every person, as `loadPersonFacts` builds them, but with one flat query per kind
 * of fact for the whole administration instead of one per chunk of 500 people: a rule for
 * everybody at 50,000 people needs 9 queries, not 700 (rule saves, previews, full syncs).
 */
export async function loadFactsOfEveryone(tx: Tx, rules: readonly RuleSpec[]): Promise<Map<string, PersonFacts>> {
  const trainingIds = [...new Set(rules.flatMap((r) => r.trainingIds))];
  const ruleIds = rules.map((r) => r.id);
  const [people, assignments, positions, profiles, leaders, flags, absences, completions, exemptions] = await Promise.all([
    tx.person.findMany({ select: { id: true, status: true, entryDate: true, exitDate: true, orgUnitId: true } }),
    tx.positionAssignment.findMany({ where: { isPrimary: true }, select: { personId: true, positionId: true, startDate: true, endDate: true } }),
    tx.position.findMany({ select: { id: true, orgUnitId: true, isLeadership: true } }),
    tx.positionProfile.findMany({ where: { roleProfileId: { not: null } }, select: { positionId: true, roleProfileId: true } }),
    tx.orgUnit.findMany({ where: { leaderId: { not: null } }, select: { leaderId: true } }),
    tx.personFlag.findMany({ select: { personId: true, flag: true, since: true } }),
    tx.personAbsence.findMany({ select: { personId: true, startOn: true, endOn: true } }),
    trainingIds.length === 0
      ? Promise.resolve([])
      : tx.trainingCompletion.findMany({
          where: { trainingId: { in: trainingIds }, status: "CONFIRMED", result: { not: "FAILED" } },
          select: { id: true, personId: true, trainingId: true, completedAt: true, expiresAt: true },
        }),
    tx.complianceExemption.findMany({ where: { ruleId: { in: ruleIds }, revokedAt: null }, select: { personId: true, ruleId: true, validUntil: true } }),
  ]);
  const positionById = new Map(positions.map((p) => [p.id, p]));
  const roleProfileOf = new Map(profiles.map((p) => [p.positionId, p.roleProfileId]));
  return assembleFacts(
    people,
    assignments.flatMap((a) => {
      const position = positionById.get(a.positionId);
      return position ? [{ ...a, position: { orgUnitId: position.orgUnitId, isLeadership: position.isLeadership, profile: { roleProfileId: roleProfileOf.get(a.positionId) ?? null } } }] : [];
    }),
    leaders,
    flags,
    absences,
    completions,
    exemptions,
  );
}

/** The facts of one person as the engine sees them for one rule (exemptions are per rule). */
export function factsForRule(facts: PersonFacts, ruleId: string): PersonFacts {
  const byRule = (facts as PersonFacts & { exemptionsByRule?: Map<string, { validUntil: Day }[]> }).exemptionsByRule;
  return { ...facts, exemptions: byRule?.get(ruleId) ?? [] };
}

const COLUMNS = [
  "id",
  "ruleId",
  "personId",
  "orgUnitId",
  "audienceSince",
  "closedOn",
  "closedReason",
  "reasons",
  "completionId",
  "completedOn",
  "validUntil",
  "dueOn",
  "dueSoonFrom",
  "overdueFrom",
  "pausedFrom",
  "pausedUntil",
  "exemptUntil",
  "activeUntil",
  "syncedOn",
] as const;
type Row = Record<(typeof COLUMNS)[number], string | null>;

const COMPARED = ["orgUnitId", "audienceSince", "closedOn", "closedReason", "reasons", "completionId", "completedOn", "validUntil", "dueOn", "dueSoonFrom", "overdueFrom", "pausedFrom", "pausedUntil", "exemptUntil", "activeUntil"] as const;

async function upsert(tx: Tx, rows: Row[]) {
  const updates = COLUMNS.filter((c) => c !== "id" && c !== "ruleId" && c !== "personId")
    .map((c) => `"${c}" = excluded."${c}"`)
    .join(", ");
  for (let start = 0; start < rows.length; start += UPSERT_CHUNK) {
    const chunk = rows.slice(start, start + UPSERT_CHUNK);
    const values = Prisma.join(chunk.map((row) => Prisma.sql`(${Prisma.join(COLUMNS.map((c) => row[c]))})`));
    await tx.$executeRaw`INSERT INTO "ComplianceRequirement" (${Prisma.raw(COLUMNS.map((c) => `"${c}"`).join(", "))}) VALUES ${values} ON CONFLICT ("ruleId", "personId") DO UPDATE SET ${Prisma.raw(updates)}`;
  }
}

export interface SyncScope {
  /** Only these people (default: everybody). */
  personIds?: readonly string[];
  /** Only these rules (default: every rule that is not archived; archived ones in the list are closed). */
  ruleIds?: readonly string[];
  /** What caused the sync, kept in the requirement history (e.g. "rule.updated", "completion"). */
  cause: string;
  today?: Day;
}

export interface SyncSummary {
  started: number;
  reopened: number;
  changed: number;
  closed: number;
}

export async function syncRequirements(tx: Tx, scope: SyncScope): Promise<SyncSummary> {
  const today = scope.today ?? todayInBerlin();
  const summary: SyncSummary = { started: 0, reopened: 0, changed: 0, closed: 0 };
  const ruleRows = await tx.complianceRule.findMany({
    where: scope.ruleIds ? { id: { in: [...scope.ruleIds] } } : { archivedAt: null },
    select: { ...RULE_SPEC_SELECT, archivedAt: true },
  });
  if (ruleRows.length === 0) return summary;
  const archived = ruleRows.filter((r) => r.archivedAt !== null).map((r) => r.id);
  const rules = ruleRows.filter((r) => r.archivedAt === null).map(ruleSpecOf);
  if (archived.length > 0) {
    summary.closed += await closeAll(tx, archived, "RULE_ARCHIVED", scope.cause, today, scope.personIds);
  }
  if (rules.length === 0) return summary;
  const org = await loadOrgContext(tx);

  const select = Object.fromEntries(COLUMNS.map((c) => [c, true])) as Record<(typeof COLUMNS)[number], true>;
  if (!scope.personIds) {
    // The whole administration (rule saves, seeds): everyone's facts with a few flat queries,
    // then rule by rule against that rule's stored rows.
    const facts = await loadFactsOfEveryone(tx, rules);
    const ids = [...facts.keys()];
    for (const rule of rules) {
      const existing = await tx.complianceRequirement.findMany({ where: { ruleId: rule.id }, select });
      await reconcile(tx, { ids, rules: [rule], facts, existing: existing as Row[], org, today, cause: scope.cause, summary });
    }
    return summary;
  }
  const unique = [...new Set(scope.personIds)];
  for (let i = 0; i < unique.length; i += CHUNK) {
    const ids = unique.slice(i, i + CHUNK);
    const [facts, existing] = await Promise.all([
      loadPersonFacts(tx, ids, rules),
      tx.complianceRequirement.findMany({ where: { personId: { in: ids }, ruleId: { in: rules.map((r) => r.id) } }, select }),
    ]);
    await reconcile(tx, { ids, rules, facts, existing: existing as Row[], org, today, cause: scope.cause, summary });
  }
  return summary;
}

/** Computes the wanted rows for people × rules, compares them with the stored ones and writes the differences. */
async function reconcile(
  tx: Tx,
  { ids, rules, facts, existing, org, today, cause, summary }: { ids: readonly string[]; rules: readonly RuleSpec[]; facts: Map<string, PersonFacts>; existing: Row[]; org: OrgContext; today: Day; cause: string; summary: SyncSummary },
) {
  const existingByKey = new Map(existing.map((row) => [`${row.ruleId}|${row.personId}`, row as Row]));
  const writes: Row[] = [];
  const events: { id: string; requirementId: string; kind: string; detail: string }[] = [];
  for (const personId of ids) {
    const personFacts = facts.get(personId);
    if (!personFacts) continue;
    for (const rule of rules) {
      const before = existingByKey.get(`${rule.id}|${personId}`);
      const result = computeRequirement(rule, factsForRule(personFacts, rule.id), org, today);
      if (!result.applies) {
        if (before && before.closedOn === null) {
          writes.push({ ...before, closedOn: today, closedReason: result.reason, syncedOn: today });
          events.push(event(before.id!, "CLOSED", { reason: result.reason, cause }));
          summary.closed++;
        }
        continue;
      }
      const row = rowOf(before?.id ?? randomUUID(), rule.id, personId, personFacts.orgUnitId, result.state, today);
      if (!before) {
        writes.push(row);
        events.push(event(row.id!, "STARTED", { audienceSince: row.audienceSince, dueOn: row.dueOn, cause }));
        summary.started++;
      } else if (before.closedOn !== null) {
        writes.push(row);
        events.push(event(row.id!, "REOPENED", { audienceSince: row.audienceSince, dueOn: row.dueOn, cause }));
        summary.reopened++;
      } else if (COMPARED.some((c) => before[c] !== row[c])) {
        writes.push(row);
        if (before.dueOn !== row.dueOn || before.completionId !== row.completionId || before.exemptUntil !== row.exemptUntil || before.pausedFrom !== row.pausedFrom || before.pausedUntil !== row.pausedUntil) {
          events.push(
            event(row.id!, "CHANGED", {
              dueOn: row.dueOn,
              previousDueOn: before.dueOn,
              completedOn: row.completedOn,
              exemptUntil: row.exemptUntil,
              pausedFrom: row.pausedFrom,
              pausedUntil: row.pausedUntil,
              cause,
            }),
          );
        }
        summary.changed++;
      }
    }
  }
  await upsert(tx, writes);
  for (let i = 0; i < events.length; i += UPSERT_CHUNK) await tx.complianceRequirementEvent.createMany({ data: events.slice(i, i + UPSERT_CHUNK) });
}

function event(requirementId: string, kind: string, detail: Record<string, unknown>) {
  return { id: randomUUID(), requirementId, kind, detail: JSON.stringify(detail) };
}

function rowOf(id: string, ruleId: string, personId: string, orgUnitId: string | null, s: RequirementState, today: Day): Row {
  return {
    id,
    ruleId,
    personId,
    orgUnitId,
    audienceSince: s.audienceSince,
    closedOn: null,
    closedReason: null,
    reasons: JSON.stringify(s.reasons),
    completionId: s.completionId,
    completedOn: s.completedOn,
    validUntil: s.validUntil,
    dueOn: s.dueOn,
    dueSoonFrom: s.dueSoonFrom,
    overdueFrom: s.overdueFrom,
    pausedFrom: s.pausedFrom,
    pausedUntil: s.pausedUntil,
    exemptUntil: s.exemptUntil,
    activeUntil: s.activeUntil,
    syncedOn: today,
  };
}

async function closeAll(tx: Tx, ruleIds: string[], reason: CloseReason, cause: string, today: Day, personIds?: readonly string[]) {
  const open = await tx.complianceRequirement.findMany({
    where: { ruleId: { in: ruleIds }, closedOn: null, ...(personIds ? { personId: { in: [...personIds] } } : {}) },
    select: { id: true },
  });
  if (open.length === 0) return 0;
  for (let i = 0; i < open.length; i += CHUNK) {
    const ids = open.slice(i, i + CHUNK).map((r) => r.id);
    await tx.complianceRequirement.updateMany({ where: { id: { in: ids } }, data: { closedOn: today, closedReason: reason, syncedOn: today } });
    await tx.complianceRequirementEvent.createMany({ data: ids.map((id) => event(id, "CLOSED", { reason, cause })) });
  }
  return open.length;
}

/** Re-syncs the rules a set of trainings belongs to, for some people (after completions change). */
export async function syncAfterCompletions(tx: Tx, personIds: readonly string[], trainingIds: readonly string[], cause = "completion") {
  if (personIds.length === 0 || trainingIds.length === 0) return null;
  const rules = await tx.complianceRuleTraining.findMany({
    where: { trainingId: { in: [...new Set(trainingIds)] }, rule: { archivedAt: null } },
    select: { ruleId: true },
  });
  if (rules.length === 0) return null;
  return syncRequirements(tx, { personIds, ruleIds: [...new Set(rules.map((r) => r.ruleId))], cause });
}
