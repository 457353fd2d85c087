// Mandatory-training rules and positions for the life-event and sync tests.
import { randomUUID } from "node:crypto";
import type { Db } from "~/utils/db.server.ts";
import { AudienceSchema, type Audience } from "~/modules/compliance/audience.ts";

const unique = () => randomUUID().slice(0, 8);

export async function createTrainingOnly(db: Db, title = "Pflichtschulung") {
  const code = `PT-${unique()}`;
  return db.training.create({ data: { code, title, format: "ELEARNING", status: "PUBLISHED", durationMinutes: 60, searchText: `${code} ${title}`.toLowerCase() } });
}

export async function createRule(
  db: Db,
  {
    trainingIds,
    audience = {},
    name = `Regel ${unique()}`,
    firstDueMode = "AFTER_JOINING",
    firstDueDays = 30,
    firstDueDate = null,
    recurrence = "ROLLING",
    intervalMonths = 12,
    yearlyMonth = null,
    yearlyDay = null,
    dueSoonDays = 30,
    graceDays = 0,
  }: {
    trainingIds: string[];
    audience?: Partial<Audience>;
    name?: string;
    firstDueMode?: "AFTER_ENTRY" | "AFTER_JOINING" | "FIXED_DATE";
    firstDueDays?: number;
    firstDueDate?: string | null;
    recurrence?: "NONE" | "ROLLING" | "FIXED_YEARLY";
    intervalMonths?: number | null;
    yearlyMonth?: number | null;
    yearlyDay?: number | null;
    dueSoonDays?: number;
    graceDays?: number;
  },
) {
  return db.complianceRule.create({
    data: {
      name,
      legalBasis: "§ 12 ArbSchG",
      audience: JSON.stringify(AudienceSchema.parse(audience)),
      firstDueMode,
      firstDueDays,
      firstDueDate,
      recurrence,
      intervalMonths,
      yearlyMonth,
      yearlyDay,
      dueSoonDays,
      graceDays,
      trainings: { create: trainingIds.map((trainingId) => ({ trainingId })) },
    },
  });
}

export async function createPosition(db: Db, unit: { id: string }, title = "Sachbearbeitung") {
  return db.position.create({ data: { code: `P-${unique()}`, title, orgUnitId: unit.id } });
}
