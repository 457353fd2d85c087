// Test data for HR's compliance overview: a small administration with two Dezernate, and
// requirement rows with concrete days written directly (engine and sync have their own tests),
// so every status on 27 Nov 2026 is set up exactly.
import { randomUUID } from "node:crypto";
import type { Db } from "~/utils/db.server.ts";
import { createPerson, createUnit } from "./factories.ts";
import { createRequirement, type RequirementDays } from "./compliance-cockpit-factories.ts";

const unique = () => randomUUID().slice(0, 8);

export async function createOverviewRule(
  db: Db,
  { name = `Pflichtschulung ${unique()}`, audience = { everyone: true } as object, trainingIds = [] as string[], firstDueDays = 30, intervalMonths = 12 } = {},
) {
  return db.complianceRule.create({
    data: {
      name,
      legalBasis: "Art. 39 DSGVO",
      audience: JSON.stringify(audience),
      firstDueMode: "AFTER_JOINING",
      firstDueDays,
      recurrence: "ROLLING",
      intervalMonths,
      dueSoonDays: 30,
      graceDays: 0,
      trainings: { create: trainingIds.map((trainingId) => ({ trainingId })) },
    },
  });
}

export type Days = RequirementDays;

/** A requirement row as sync stores it (due soon 30 days before, no grace period). */
export const createOverviewRequirement = createRequirement;

/**
 * Dezernat D1 with Amt A1 (Abteilung A1a below it), Amt A2 and Stabsstelle S; Dezernat D2 with
 * Amt B1.
 */
export async function createDezernate(db: Db) {
  const d1 = await createUnit(db, { type: "DEZERNAT", name: "Dezernat Eins" });
  const a1 = await createUnit(db, { parent: d1, type: "AMT", name: "Amt Eins" });
  const a1a = await createUnit(db, { parent: a1, type: "ABTEILUNG", name: "Abteilung Eins a" });
  const a2 = await createUnit(db, { parent: d1, type: "AMT", name: "Amt Zwei" });
  const s = await createUnit(db, { parent: d1, type: "STABSSTELLE", name: "Stabsstelle" });
  const d2 = await createUnit(db, { type: "DEZERNAT", name: "Dezernat Zwei" });
  const b1 = await createUnit(db, { parent: d2, type: "AMT", name: "Amt B Eins" });
  return { d1, a1, a1a, a2, s, d2, b1 };
}

export const person = (db: Db, unit: { id: string }, firstName: string, status: "ACTIVE" | "ON_LEAVE" | "LEFT" = "ACTIVE") =>
  createPerson(db, { unit, firstName, lastName: `Test-${unique()}`, status });
