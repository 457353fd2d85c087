// Test data for the employee view and the reminders of mandatory trainings: a rule with its
// trainings, synced for some people through the one writer of requirements.
import { randomUUID } from "node:crypto";
import type { Db } from "~/utils/db.server.ts";
import type { Audience } from "~/modules/compliance/audience.ts";
import { syncRequirements } from "~/modules/compliance/sync.server.ts";
import type { Day } from "~/modules/compliance/days.ts";

export interface TestRuleInput {
  name?: string;
  legalBasis?: string;
  audience: Partial<Audience>;
  trainingIds: string[];
  firstDueMode?: "AFTER_ENTRY" | "AFTER_JOINING" | "FIXED_DATE";
  firstDueDays?: number;
  firstDueDate?: Day | null;
  recurrence?: "NONE" | "ROLLING" | "FIXED_YEARLY";
  intervalMonths?: number | null;
  yearlyMonth?: number | null;
  yearlyDay?: number | null;
  dueSoonDays?: number;
  graceDays?: number;
}

export async function createRule(db: Db, input: TestRuleInput) {
  const audience: Audience = {
    everyone: false,
    units: [],
    positionIds: [],
    roleProfileIds: [],
    leaders: false,
    flags: [],
    excludeUnits: [],
    excludePositionIds: [],
    excludePersonIds: [],
    ...input.audience,
  };
  return db.complianceRule.create({
    data: {
      name: input.name ?? `Pflichtschulung ${randomUUID().slice(0, 8)}`,
      legalBasis: input.legalBasis ?? "Art. 39 DSGVO",
      audience: JSON.stringify(audience),
      firstDueMode: input.firstDueMode ?? "FIXED_DATE",
      firstDueDays: input.firstDueDays ?? 30,
      firstDueDate: input.firstDueDate === undefined ? null : input.firstDueDate,
      recurrence: input.recurrence ?? "ROLLING",
      intervalMonths: input.intervalMonths === undefined ? 24 : input.intervalMonths,
      yearlyMonth: input.yearlyMonth ?? null,
      yearlyDay: input.yearlyDay ?? null,
      dueSoonDays: input.dueSoonDays ?? 30,
      graceDays: input.graceDays ?? 0,
      trainings: { create: input.trainingIds.map((trainingId) => ({ trainingId })) },
    },
  });
}

/** Brings the requirements of these people and rules up to date, as every writer does. */
export async function sync(db: Db, personIds: string[], ruleIds: string[], today: Day, cause = "test") {
  return db.$transaction((tx) => syncRequirements(tx, { personIds, ruleIds, cause, today }), { timeout: 30_000 });
}
