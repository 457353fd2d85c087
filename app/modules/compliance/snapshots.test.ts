import { randomUUID } from "node:crypto";
import { db } from "~/utils/db.server.ts";
import { backfillComplianceSnapshots, factsOn, monthEnd, recordComplianceSnapshot } from "./snapshots.server.ts";
import { createScenario } from "../../../tests/factories.ts";
import { createTraining } from "../../../tests/training-factories.ts";
import { createDezernate, createOverviewRequirement as req, createOverviewRule, person } from "../../../tests/compliance-overview-factories.ts";

const TODAY = "2026-11-27";

const snapshot = (month: string, ruleId: string, unitId: string) =>
  db.complianceSnapshot.findUnique({ where: { month_ruleId_unitId: { month, ruleId, unitId } }, select: { required: true, compliant: true, overdue: true } });

const audienceOf = (unitId: string) => ({
  everyone: false,
  units: [{ unitId, includeSubunits: true }],
  positionIds: [],
  roleProfileIds: [],
  leaders: false,
  flags: [],
  excludeUnits: [],
  excludePositionIds: [],
  excludePersonIds: [],
});

async function complete(personId: string, trainingId: string, day: string) {
  await db.trainingCompletion.create({
    data: { personId, trainingId, completedAt: new Date(`${day}T10:00:00.000Z`), result: "PASSED", status: "CONFIRMED", certificateNumber: `TEST-${randomUUID()}` },
  });
}

describe("compliance snapshots", () => {
  it("stores the current month per rule and Dezernat, and overwrites it when run again in the same month", async () => {
    const u = await createDezernate(db);
    const rule = await createOverviewRule(db);
    const p1 = await person(db, u.a1a, "Anna");
    const p2 = await person(db, u.s, "Bert");
    const p3 = await person(db, u.b1, "Cora");
    await req(db, rule, p1, { dueOn: "2027-03-01", completedOn: "2026-03-01", validUntil: "2027-03-01" });
    const overdue = await req(db, rule, p2, { dueOn: "2026-11-01" });
    await req(db, rule, p3, { dueOn: "2026-12-10", exemptUntil: "2027-05-01" });

    const first = await recordComplianceSnapshot(db, { today: TODAY });
    expect(first.month).toBe("2026-11");
    expect(await snapshot("2026-11", rule.id, u.d1.id)).toEqual({ required: 2, compliant: 1, overdue: 1 });
    expect(await snapshot("2026-11", rule.id, u.d2.id)).toEqual({ required: 0, compliant: 0, overdue: 0 });

    // Bert completes; the second run in November overwrites November and adds no rows.
    await db.complianceRequirement.update({ where: { id: overdue.id }, data: { completedOn: "2026-11-20", validUntil: "2027-11-20", dueOn: "2027-11-20", dueSoonFrom: "2027-10-21", overdueFrom: "2027-11-21" } });
    const again = await recordComplianceSnapshot(db, { today: "2026-11-30" });
    expect(again.rows).toBe(first.rows);
    expect(await snapshot("2026-11", rule.id, u.d1.id)).toEqual({ required: 2, compliant: 2, overdue: 0 });
    expect(await db.complianceSnapshot.count({ where: { month: "2026-11", ruleId: rule.id } })).toBe(2);
    // Another month stays untouched by a run in November and the other way round.
    await recordComplianceSnapshot(db, { today: "2026-12-01" });
    expect(await snapshot("2026-11", rule.id, u.d1.id)).toEqual({ required: 2, compliant: 2, overdue: 0 });
    expect(await snapshot("2026-12", rule.id, u.d1.id)).toEqual({ required: 2, compliant: 2, overdue: 0 });
  });

  it("backfills past month-ends with the completions, people and exemptions known on each day", async () => {
    const s = await createScenario(db);
    const u = await createDezernate(db);
    const { training } = await createTraining(db, { title: "Datenschutz" });
    // Rolling 12 months, first due 30 days after joining, due soon 30 days before, no grace.
    const rule = await createOverviewRule(db, { audience: audienceOf(u.d1.id), trainingIds: [training.id] });
    const x = await person(db, u.a1, "Xaver"); // completes on 15 Sep 2026
    const y = await person(db, u.a1a, "Yvonne"); // completed 10 Jun 2025, valid until 10 Jun 2026
    const z = await person(db, u.s, "Zora"); // joins on 1 Aug 2026
    const w = await person(db, u.a2, "Willi", "LEFT"); // left on 15 Jul 2026
    const e = await person(db, u.a2, "Erna"); // exempt from 1 Sep 2026 (granted then)
    await db.person.update({ where: { id: z.id }, data: { entryDate: new Date("2026-08-01") } });
    await db.person.update({ where: { id: w.id }, data: { exitDate: new Date("2026-07-15") } });
    await complete(x.id, training.id, "2026-09-15");
    await complete(y.id, training.id, "2025-06-10");
    await db.complianceExemption.create({
      data: { ruleId: rule.id, personId: e.id, reason: "Abordnung", validUntil: "2027-08-31", grantedById: s.hrUser.id, grantedAt: new Date("2026-09-01T08:00:00.000Z") },
    });

    const result = await db.$transaction((tx) => backfillComplianceSnapshots(tx, { months: 11, today: TODAY }), { timeout: 120_000 });
    expect(result.months).toEqual(["2025-12", "2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10"]);
    // 31 May: Yvonne's completion is still valid (due soon), Xaver, Willi and Erna are overdue.
    expect(await snapshot("2026-05", rule.id, u.d1.id)).toEqual({ required: 4, compliant: 1, overdue: 3 });
    // 30 June: Yvonne's has expired.
    expect(await snapshot("2026-06", rule.id, u.d1.id)).toEqual({ required: 4, compliant: 0, overdue: 4 });
    // 31 July: Willi has left.
    expect(await snapshot("2026-07", rule.id, u.d1.id)).toEqual({ required: 3, compliant: 0, overdue: 3 });
    // 31 August: Zora has joined and is due on 31 August (due soon, not overdue).
    expect(await snapshot("2026-08", rule.id, u.d1.id)).toEqual({ required: 4, compliant: 0, overdue: 3 });
    // 30 September: Xaver's completion counts, Zora is overdue, Erna exempt since 1 September.
    expect(await snapshot("2026-09", rule.id, u.d1.id)).toEqual({ required: 3, compliant: 1, overdue: 2 });
    expect(await snapshot("2026-10", rule.id, u.d1.id)).toEqual({ required: 3, compliant: 1, overdue: 2 });
    // The current month is not backfilled: it comes live (or from recordComplianceSnapshot).
    expect(await snapshot("2026-11", rule.id, u.d1.id)).toBeNull();

    // Running it again replaces those months instead of adding to them.
    await db.$transaction((tx) => backfillComplianceSnapshots(tx, { months: 11, today: TODAY }), { timeout: 120_000 });
    expect(await snapshot("2026-09", rule.id, u.d1.id)).toEqual({ required: 3, compliant: 1, overdue: 2 });
  });

  it("sees people as they were on a past day", () => {
    const base = {
      personId: "p",
      status: "LEFT" as const,
      entryOn: "2020-01-01",
      exitOn: "2026-07-15",
      orgUnitId: null,
      assignments: [],
      leadsUnit: false,
      flags: [{ flag: "FIRST_AIDER" as const, since: "2026-08-01" }],
      absences: [],
      completions: [{ id: "c", trainingId: "t", completedOn: "2026-07-01", expiresOn: null }],
      exemptions: [],
    };
    expect(factsOn(base, "2026-06-30")).toMatchObject({ status: "ACTIVE", completions: [], flags: [] });
    expect(factsOn(base, "2026-07-15")?.completions).toHaveLength(1);
    expect(factsOn(base, "2026-07-16")).toBeNull();
    expect(factsOn({ ...base, exitOn: null }, "2026-06-30")).toBeNull();
    expect(factsOn({ ...base, status: "ACTIVE", exitOn: null, entryOn: "2026-08-01" }, "2026-07-31")).toBeNull();
    expect(monthEnd("2024-02")).toBe("2024-02-29");
    expect(monthEnd("2026-02")).toBe("2026-02-28");
    expect(monthEnd("2026-12")).toBe("2026-12-31");
  });
});
