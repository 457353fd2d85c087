import { db } from "~/utils/db.server.ts";
import { AccessDeniedError } from "~/modules/errors.ts";
import { getComplianceOverallCard, getComplianceOverview, monthBefore, type ComplianceOverview } from "./overview.server.ts";
import { syncRequirements } from "./sync.server.ts";
import { actorFor, createScenario } from "../../../tests/factories.ts";
import { createDezernate, createOverviewRequirement as req, createOverviewRule, person } from "../../../tests/compliance-overview-factories.ts";

const TODAY = "2026-11-27";

/**
 * On 27 Nov 2026, rule "privacy": in D1 two compliant, two overdue (one expired), one due soon,
 * one exempt, one paused, and two people who left; in D2 one compliant. Rule "safety": one
 * overdue in D2.
 */
async function world() {
  const s = await createScenario(db);
  const u = await createDezernate(db);
  const privacy = await createOverviewRule(db, { name: `Datenschutz ${Math.random().toString(36).slice(2, 7)}` });
  const safety = await createOverviewRule(db, { name: `Arbeitsschutz ${Math.random().toString(36).slice(2, 7)}` });
  const p1 = await person(db, u.a1, "Paula");
  const p2 = await person(db, u.a1a, "Peter");
  const p3 = await person(db, u.a1a, "Pia");
  const p4 = await person(db, u.a2, "Paul");
  const p5 = await person(db, u.a2, "Petra", "ON_LEAVE");
  const p6 = await person(db, u.s, "Pit");
  const p7 = await person(db, u.d1, "Pola");
  const p8 = await person(db, u.b1, "Piet");
  const gone = await person(db, u.a1, "Gerda", "LEFT");
  const leaving = await person(db, u.a1a, "Lutz");
  await db.person.update({ where: { id: leaving.id }, data: { exitDate: new Date("2026-11-20") } });
  await req(db, privacy, p1, { dueOn: "2027-03-01", completedOn: "2026-03-01", validUntil: "2027-03-01" });
  await req(db, privacy, p2, { dueOn: "2026-11-01" });
  await req(db, privacy, p3, { dueOn: "2026-12-10" });
  await req(db, privacy, p4, { dueOn: "2026-09-01", exemptUntil: "2027-01-31" });
  await req(db, privacy, p5, { dueOn: "2026-08-01", pausedFrom: "2026-06-01" });
  await req(db, privacy, p6, { dueOn: "2026-10-01", completedOn: "2025-10-01", validUntil: "2026-10-01" });
  await req(db, privacy, p7, { dueOn: "2027-06-01", completedOn: "2026-06-01", validUntil: "2027-06-01" });
  await req(db, privacy, p8, { dueOn: "2027-02-01", completedOn: "2026-02-01", validUntil: "2027-02-01" });
  await req(db, safety, p8, { dueOn: "2026-10-15" });
  // Left: closed when they left, or past their last working day.
  await req(db, privacy, gone, { dueOn: "2026-10-01", closedOn: "2026-10-15" });
  await req(db, privacy, leaving, { dueOn: "2026-10-01", activeUntil: "2026-11-20" });
  return { s, u, privacy, safety };
}

const rowOf = (o: ComplianceOverview, unitId: string) => o.dezernate.find((d) => d.unit?.id === unitId)!;
const ruleIndex = (o: ComplianceOverview, ruleId: string) => o.rules.findIndex((r) => r.id === ruleId);

describe("HR compliance overview", () => {
  it("counts per Dezernat and rule: open, compliant, rate without exempt and paused, overdue incl. expired, due within 30 days", async () => {
    const w = await world();
    const hr = await actorFor(db, w.s.hrUser.id);
    const o = await getComplianceOverview(db, hr, { today: TODAY });
    expect(o.dueLimit).toBe("2026-12-27");
    const iPrivacy = ruleIndex(o, w.privacy.id);
    const iSafety = ruleIndex(o, w.safety.id);
    expect(iPrivacy).toBeGreaterThanOrEqual(0);

    const d1 = rowOf(o, w.u.d1.id);
    expect(d1.unit).toMatchObject({ id: w.u.d1.id, type: "DEZERNAT" });
    expect(d1.cells[iPrivacy]).toMatchObject({ total: 7, required: 5, compliant: 2, overdue: 2, dueSoon: 1, exempt: 1, paused: 1 });
    expect(d1.cells[iPrivacy]!.rate).toBeCloseTo(2 / 5);
    expect(d1.cells[iSafety]).toMatchObject({ total: 0, required: 0, rate: null });
    // People who left are no headcount either: Paula, Peter, Pia, Paul, Petra, Pit, Pola.
    expect(d1.people).toBe(7);

    const d2 = rowOf(o, w.u.d2.id);
    expect(d2.cells[iPrivacy]).toMatchObject({ total: 1, required: 1, compliant: 1, rate: 1 });
    expect(d2.cells[iSafety]).toMatchObject({ total: 1, required: 1, compliant: 0, overdue: 1, rate: 0 });
    expect(d2.total).toMatchObject({ total: 2, required: 2, compliant: 1, overdue: 1, rate: 0.5 });
    expect(d2.people).toBe(1);

    // The rules with their coverage, organisation-wide.
    expect(o.rules[iPrivacy]).toMatchObject({ id: w.privacy.id, total: 8, required: 6, compliant: 3, overdue: 2, dueSoon: 1, exempt: 1, paused: 1 });
    expect(o.rules[iPrivacy]!.rate).toBeCloseTo(3 / 6);
    expect(o.rules[iSafety]).toMatchObject({ total: 1, required: 1, compliant: 0, overdue: 1, rate: 0 });
  });

  it("rolls units below an Amt up to the Amt and a Dezernat's staff units without an Amt into the Dezernat's own row", async () => {
    const w = await world();
    const hr = await actorFor(db, w.s.hrUser.id);
    const o = await getComplianceOverview(db, hr, { today: TODAY });
    const i = ruleIndex(o, w.privacy.id);
    const d1 = rowOf(o, w.u.d1.id);
    expect(d1.amter.map((a) => a.unit?.id ?? null).sort()).toEqual([w.u.a1.id, w.u.a2.id, null].sort());
    // The Dezernat's own staff (the Dezernat itself and the Stabsstelle) come last.
    expect(d1.amter.at(-1)!.unit).toBeNull();
    const a1 = d1.amter.find((a) => a.unit?.id === w.u.a1.id)!;
    expect(a1.cells[i]).toMatchObject({ total: 3, required: 3, compliant: 1, overdue: 1, dueSoon: 1 });
    expect(a1.cells[i]!.rate).toBeCloseTo(1 / 3);
    expect(a1.people).toBe(3);
    const a2 = d1.amter.find((a) => a.unit?.id === w.u.a2.id)!;
    expect(a2.cells[i]).toMatchObject({ total: 2, required: 0, exempt: 1, paused: 1, rate: null });
    const staff = d1.amter.at(-1)!;
    expect(staff.cells[i]).toMatchObject({ total: 2, required: 2, compliant: 1, overdue: 1, rate: 0.5 });
    expect(staff.people).toBe(2);
    // The Ämter add up to the Dezernat.
    expect(d1.amter.reduce((sum, a) => sum + a.cells[i]!.total, 0)).toBe(d1.cells[i]!.total);
    // The scenario's Ämter without a Dezernat are grouped under "ohne Dezernat" (unit null), last.
    const without = o.dezernate.at(-1)!;
    expect(without.unit).toBeNull();
    expect(without.amter.some((a) => a.unit?.id === w.s.amtA.id)).toBe(true);
  });

  it("drops a person who leaves, through the same sync the application uses", async () => {
    const s = await createScenario(db);
    const u = await createDezernate(db);
    const rule = await createOverviewRule(db, { audience: { everyone: false, units: [{ unitId: u.d2.id, includeSubunits: true }], positionIds: [], roleProfileIds: [], leaders: false, flags: [], excludeUnits: [], excludePositionIds: [], excludePersonIds: [] } });
    const stays = await person(db, u.b1, "Stefan");
    const leaves = await person(db, u.b1, "Lena");
    await db.$transaction((tx) => syncRequirements(tx, { personIds: [stays.id, leaves.id], ruleIds: [rule.id], cause: "test", today: TODAY }));
    const hr = await actorFor(db, s.hrUser.id);
    const before = await getComplianceOverview(db, hr, { today: TODAY });
    const i = ruleIndex(before, rule.id);
    // Due 30 days after joining in 2020: both overdue.
    expect(rowOf(before, u.d2.id).cells[i]).toMatchObject({ total: 2, required: 2, overdue: 2, compliant: 0 });
    expect(rowOf(before, u.d2.id).people).toBe(2);

    await db.$transaction(async (tx) => {
      await tx.person.update({ where: { id: leaves.id }, data: { status: "LEFT", exitDate: new Date("2026-11-15") } });
      await syncRequirements(tx, { personIds: [leaves.id], ruleIds: [rule.id], cause: "person.left", today: TODAY });
    });
    const after = await getComplianceOverview(db, hr, { today: TODAY });
    expect(rowOf(after, u.d2.id).cells[i]).toMatchObject({ total: 1, required: 1, overdue: 1 });
    expect(after.rules[i]).toMatchObject({ total: 1, overdue: 1 });
    expect(rowOf(after, u.d2.id).people).toBe(1);
  });

  it("shows the trend: eleven stored month-ends and the live current month", async () => {
    const w = await world();
    await db.complianceSnapshot.createMany({
      data: [
        { month: "2026-10", ruleId: w.privacy.id, unitId: w.u.d1.id, required: 4, compliant: 1, overdue: 2 },
        { month: "2026-10", ruleId: w.privacy.id, unitId: w.u.d2.id, required: 1, compliant: 1, overdue: 0 },
        { month: "2025-12", ruleId: w.privacy.id, unitId: w.u.d1.id, required: 2, compliant: 2, overdue: 0 },
        // Older than the twelve months: not shown.
        { month: "2025-11", ruleId: w.privacy.id, unitId: w.u.d1.id, required: 9, compliant: 0, overdue: 9 },
      ],
    });
    const hr = await actorFor(db, w.s.hrUser.id);
    const o = await getComplianceOverview(db, hr, { today: TODAY });
    const i = ruleIndex(o, w.privacy.id);
    expect(o.trend.map((m) => m.month)).toEqual([
      "2025-12", "2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11",
    ]);
    expect(o.trend[0]!.cells[i]).toEqual({ required: 2, compliant: 2, overdue: 0, rate: 1 });
    expect(o.trend[1]!.cells[i]).toBeNull();
    expect(o.trend[10]).toMatchObject({ month: "2026-10", live: false });
    expect(o.trend[10]!.cells[i]).toEqual({ required: 5, compliant: 2, overdue: 2, rate: 0.4 });
    expect(o.trend[11]).toMatchObject({ month: "2026-11", live: true });
    expect(o.trend[11]!.cells[i]).toEqual({ required: 6, compliant: 3, overdue: 2, rate: 0.5 });
    expect(monthBefore("2026-03-31", 1)).toBe("2026-02");
    expect(monthBefore("2026-01-15", 1)).toBe("2025-12");
  });

  it("gives the start page card with the rate per Dezernat to HR only", async () => {
    const w = await world();
    const hr = await actorFor(db, w.s.hrUser.id);
    const card = await getComplianceOverallCard(db, hr, { today: TODAY });
    const d1 = card!.dezernate.find((d) => d.unit?.id === w.u.d1.id)!;
    expect(d1).toMatchObject({ required: 5, compliant: 2, overdue: 2 });
    expect(d1.rate).toBeCloseTo(0.4);
    expect(card!.dezernate.find((d) => d.unit?.id === w.u.d2.id)).toMatchObject({ required: 2, compliant: 1, overdue: 1, rate: 0.5 });
    expect(await getComplianceOverallCard(db, await actorFor(db, w.s.leaderUser.id), { today: TODAY })).toBeNull();
    expect(await getComplianceOverallCard(db, await actorFor(db, w.s.employeeUser.id), { today: TODAY })).toBeNull();
  });

  it("is forbidden for leaders and employees", async () => {
    const s = await createScenario(db);
    for (const user of [s.leaderUser, s.employeeUser]) {
      await expect(getComplianceOverview(db, await actorFor(db, user.id), { today: TODAY })).rejects.toBeInstanceOf(AccessDeniedError);
    }
  });
});
