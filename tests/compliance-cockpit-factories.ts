// Test data for the compliance cockpit: rules and requirement rows with concrete days, written
// directly (the engine and sync have their own tests), so every status is set up exactly.
import { randomUUID } from "node:crypto";
import type { Db } from "~/utils/db.server.ts";
import { addDays, type Day } from "~/modules/compliance/days.ts";

export async function createRule(db: Db, { name = `Pflichtschulung ${randomUUID().slice(0, 8)}`, audience = { everyone: true } as object } = {}) {
  return db.complianceRule.create({
    data: {
      name,
      legalBasis: "Art. 39 DSGVO",
      audience: JSON.stringify(audience),
      firstDueMode: "AFTER_ENTRY",
      firstDueDays: 30,
      recurrence: "ROLLING",
      intervalMonths: 12,
      dueSoonDays: 30,
      graceDays: 0,
    },
  });
}

export interface RequirementDays {
  dueOn: Day | null;
  completedOn?: Day | null;
  validUntil?: Day | null;
  dueSoonDays?: number;
  graceDays?: number;
  exemptUntil?: Day | null;
  pausedFrom?: Day | null;
  pausedUntil?: Day | null;
  closedOn?: Day | null;
  activeUntil?: Day | null;
}

/** A requirement row as sync would store it; orgUnitId defaults to the person's unit. */
export async function createRequirement(db: Db, rule: { id: string }, person: { id: string; orgUnitId: string | null }, days: RequirementDays) {
  const { dueOn, dueSoonDays = 30, graceDays = 0 } = days;
  return db.complianceRequirement.create({
    data: {
      ruleId: rule.id,
      personId: person.id,
      orgUnitId: person.orgUnitId,
      audienceSince: "2020-01-01",
      closedOn: days.closedOn ?? null,
      closedReason: days.closedOn ? "LEFT_ORGANISATION" : null,
      completedOn: days.completedOn ?? null,
      validUntil: days.validUntil ?? null,
      dueOn,
      dueSoonFrom: dueOn ? addDays(dueOn, -dueSoonDays) : null,
      overdueFrom: dueOn ? addDays(dueOn, graceDays + 1) : null,
      pausedFrom: days.pausedFrom ?? null,
      pausedUntil: days.pausedUntil ?? null,
      exemptUntil: days.exemptUntil ?? null,
      activeUntil: days.activeUntil ?? null,
      syncedOn: "2026-11-27",
    },
  });
}
