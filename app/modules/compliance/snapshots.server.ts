// Month-end snapshots of compliance per rule and Dezernat for HR's twelve-month trend
// (overview.server.ts). `recordComplianceSnapshot` stores the current month from the live
// requirements; the background worker calls it every hour, so a month's stored value is the one
// of its last run in that month. Re-running in the same month overwrites that month.
//
// `backfillComplianceSnapshots` gives a new installation (the demo) its history: each past
// month-end is evaluated with the pure engine on the facts as they were known on that day —
// completions up to that day, exemptions granted and not yet revoked then, the position held
// then, people who had joined and not yet left. Rules are applied as they are now (a rule created
// today is evaluated as if it had applied then; that is what "how would we have stood" means).
import type { Db, Tx } from "~/utils/db.server.ts";
import { addDays, addMonths, dayOf, todayInBerlin, type Day } from "./days.ts";
import { computeRequirement, currentAssignment, isCompliantOn, statusOn, type PersonFacts } from "./engine.ts";
import { countByRuleAndPlacement, loadUnitTree, monthBefore, rollUp } from "./overview.server.ts";
import { loadOrgContext, loadPersonFacts, ruleSpecOf, RULE_SPEC_SELECT } from "./sync.server.ts";

const CHUNK = 1000;

export interface SnapshotRow {
  month: string;
  ruleId: string;
  unitId: string;
  required: number;
  compliant: number;
  overdue: number;
}

async function replaceMonths(tx: Tx, months: readonly string[], rows: readonly SnapshotRow[]) {
  await tx.complianceSnapshot.deleteMany({ where: { month: { in: [...months] } } });
  for (let i = 0; i < rows.length; i += 500) await tx.complianceSnapshot.createMany({ data: rows.slice(i, i + 500) });
}

/** The current month's figures per rule × Dezernat from the live requirements. */
export async function currentSnapshotRows(db: Db | Tx, today: Day): Promise<SnapshotRow[]> {
  const [rules, tree] = await Promise.all([db.complianceRule.findMany({ where: { archivedAt: null }, select: { id: true } }), loadUnitTree(db)]);
  const ruleIds = rules.map((r) => r.id);
  const rolled = rollUp(await countByRuleAndPlacement(db, today, tree), [], ruleIds);
  const month = today.slice(0, 7);
  const rows: SnapshotRow[] = [];
  for (const [unitId, group] of rolled.dezernate) {
    group.sums.forEach((s, i) => {
      if (s.total > 0) rows.push({ month, ruleId: ruleIds[i]!, unitId, required: s.required, compliant: s.compliant, overdue: s.overdue });
    });
  }
  return rows;
}

/** Stores (or overwrites) the current month's snapshot. */
export async function recordComplianceSnapshot(db: Db, { today = todayInBerlin() }: { today?: Day } = {}) {
  const rows = await currentSnapshotRows(db, today);
  const month = today.slice(0, 7);
  await db.$transaction((tx) => replaceMonths(tx, [month], rows));
  return { month, rows: rows.length };
}

/** The last day of a "YYYY-MM" month. */
export function monthEnd(month: string): Day {
  return addDays(addMonths(`${month}-01`, 1), -1);
}

/**
 * Evaluates the last `months` month-ends before today's month with the engine and stores them
 * (overwriting those months). Set-based in chunks of people: one load of facts per chunk.
 */
export async function backfillComplianceSnapshots(tx: Tx, { months, today = todayInBerlin() }: { months: number; today?: Day }) {
  const monthKeys = Array.from({ length: months }, (_, i) => monthBefore(today, months - i));
  const ends = monthKeys.map(monthEnd);
  const ruleRows = await tx.complianceRule.findMany({ where: { archivedAt: null }, select: RULE_SPEC_SELECT, orderBy: { id: "asc" } });
  const rules = ruleRows.map(ruleSpecOf);
  if (rules.length === 0 || months <= 0) return { months: monthKeys, rows: 0 };
  const [org, tree, people] = await Promise.all([loadOrgContext(tx), loadUnitTree(tx), tx.person.findMany({ select: { id: true }, orderBy: { id: "asc" } })]);

  // month index → rule index → Dezernat → counts
  const sums = new Map<string, { required: number; compliant: number; overdue: number }>();
  const bump = (m: number, r: number, unitId: string, required: boolean, compliant: boolean, overdue: boolean) => {
    const key = `${m}|${r}|${unitId}`;
    let s = sums.get(key);
    if (!s) sums.set(key, (s = { required: 0, compliant: 0, overdue: 0 }));
    if (required) s.required++;
    if (compliant) s.compliant++;
    if (overdue) s.overdue++;
  };

  for (let start = 0; start < people.length; start += CHUNK) {
    const ids = people.slice(start, start + CHUNK).map((p) => p.id);
    const [facts, exemptions] = await Promise.all([
      loadPersonFacts(tx, ids, rules),
      // With grant and revocation days, so each month-end sees the exemptions valid then.
      tx.complianceExemption.findMany({
        where: { personId: { in: ids }, ruleId: { in: rules.map((r) => r.id) } },
        select: { personId: true, ruleId: true, validUntil: true, grantedAt: true, revokedAt: true },
      }),
    ]);
    const exemptionsOf = new Map<string, { validUntil: Day; grantedOn: Day; revokedOn: Day | null }[]>();
    for (const e of exemptions) {
      const key = `${e.personId}|${e.ruleId}`;
      exemptionsOf.set(key, [...(exemptionsOf.get(key) ?? []), { validUntil: e.validUntil, grantedOn: dayOf(e.grantedAt), revokedOn: e.revokedAt ? dayOf(e.revokedAt) : null }]);
    }
    for (const id of ids) {
      const f = facts.get(id);
      if (!f) continue;
      ends.forEach((day, m) => {
        const then = factsOn(f, day);
        if (!then) return;
        const unitId = tree.placementOf(currentAssignment(then, day)?.unitId ?? f.orgUnitId).dezernatId;
        rules.forEach((rule, r) => {
          const ex = (exemptionsOf.get(`${id}|${rule.id}`) ?? []).filter((e) => e.grantedOn <= day && (e.revokedOn === null || e.revokedOn > day));
          const result = computeRequirement(rule, { ...then, exemptions: ex.map((e) => ({ validUntil: e.validUntil })) }, org, day);
          if (!result.applies) return;
          const status = statusOn(result.state, day);
          bump(m, r, unitId, status !== "EXEMPT" && status !== "PAUSED", isCompliantOn(result.state, day), status === "OVERDUE" || status === "EXPIRED");
        });
      });
    }
  }

  const rows: SnapshotRow[] = [];
  for (const [key, s] of sums) {
    const [m, r, unitId] = key.split("|") as [string, string, string];
    rows.push({ month: monthKeys[Number(m)]!, ruleId: rules[Number(r)]!.id, unitId, ...s });
  }
  await replaceMonths(tx, monthKeys, rows);
  return { months: monthKeys, rows: rows.length };
}

/**
 * A person's facts as they stood on a past day, or null when they were not employed then.
 * Someone who has left since counted while still there.
 */
export function factsOn(f: PersonFacts, day: Day): PersonFacts | null {
  if (f.entryOn > day) return null;
  if (f.exitOn !== null && f.exitOn < day) return null;
  if (f.status === "LEFT" && f.exitOn === null) return null;
  return {
    ...f,
    status: f.status === "LEFT" ? "ACTIVE" : f.status,
    completions: f.completions.filter((c) => c.completedOn <= day),
    flags: f.flags.filter((fl) => fl.since <= day),
  };
}
