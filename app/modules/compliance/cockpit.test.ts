import { db } from "~/utils/db.server.ts";
import { AccessDeniedError, NotFoundError, ValidationError } from "~/modules/errors.ts";
import { getCockpit, getCockpitExport, getComplianceStartCard, manualReminderKey, parseCockpitQuery, remindRequirements } from "./cockpit.server.ts";
import { syncRequirements } from "./sync.server.ts";
import { actorFor, createPerson, createScenario, createUnit } from "../../../tests/factories.ts";
import { createRule, createRequirement } from "../../../tests/compliance-cockpit-factories.ts";
import { createTraining } from "../../../tests/training-factories.ts";

const TODAY = "2026-11-27";
const NOW = new Date("2026-11-27T09:00:00.000Z");
const q = (params: Record<string, string> = {}) => parseCockpitQuery(new URLSearchParams(params));

/**
 * Amt A (leader Lea) with Abteilung A1 (and Sachgebiet A1x below it) and Abteilung A2; Amt B
 * elsewhere. Two rules with every status on 27 Nov 2026.
 */
async function world() {
  const s = await createScenario(db);
  const a1x = await createUnit(db, { parent: s.abteilungA1, type: "SACHGEBIET", name: "Sachgebiet A1x" });
  const a2 = await createUnit(db, { parent: s.amtA, type: "ABTEILUNG", name: "Abteilung A2" });
  const person = (unit: { id: string }, firstName: string, lastName: string) => createPerson(db, { unit, firstName, lastName });
  const emil = s.employee;
  const clara = s.colleague;
  await db.person.update({ where: { id: clara.id }, data: { lastName: "Berg" } });
  const emma = await person(s.abteilungA1, "Emma", "Ebert");
  const fritz = await person(a1x, "Fritz", "Fuchs");
  const gerd = await person(s.amtA, "Gerd", "Graf");
  const dora = await person(a2, "Dora", "Dietz");
  const hilde = await person(a2, "Hilde", "Hahn");
  const karl = await person(a2, "Karl", "Adler");
  const ida = await person(a2, "Ida", "Iske");
  const jan = await person(a2, "Jan", "Jung");
  const privacy = await createRule(db, { name: `Datenschutz ${Math.random().toString(36).slice(2, 7)}` });
  const safety = await createRule(db, { name: `Arbeitsschutz ${Math.random().toString(36).slice(2, 7)}` });

  const r = {
    emilPrivacy: await createRequirement(db, privacy, emil, { dueOn: "2027-03-01", completedOn: "2026-03-01", validUntil: "2027-03-01" }),
    claraPrivacy: await createRequirement(db, privacy, clara, { dueOn: "2026-11-01" }),
    doraPrivacy: await createRequirement(db, privacy, dora, { dueOn: "2026-12-10" }),
    fritzPrivacy: await createRequirement(db, privacy, fritz, { dueOn: "2026-10-01", completedOn: "2025-10-01", validUntil: "2026-10-01" }),
    gerdPrivacy: await createRequirement(db, privacy, gerd, { dueOn: "2026-09-01", exemptUntil: "2027-01-31" }),
    hildePrivacy: await createRequirement(db, privacy, hilde, { dueOn: "2026-08-01", pausedFrom: "2026-06-01" }),
    karlPrivacy: await createRequirement(db, privacy, karl, { dueOn: "2026-12-28" }),
    emmaPrivacy: await createRequirement(db, privacy, emma, { dueOn: "2026-12-15", completedOn: "2025-12-15", validUntil: "2026-12-15" }),
    leaPrivacy: await createRequirement(db, privacy, s.leader, { dueOn: "2026-10-15" }),
    idaPrivacy: await createRequirement(db, privacy, ida, { dueOn: "2026-10-01", closedOn: "2026-10-15" }),
    janPrivacy: await createRequirement(db, privacy, jan, { dueOn: "2026-10-01", activeUntil: "2026-11-20" }),
    ottoPrivacy: await createRequirement(db, privacy, s.outsider, { dueOn: "2026-10-01" }),
    // Safety: due exactly on today + 30 (counts as due within 30 days), today + 31 (later), grace period.
    emilSafety: await createRequirement(db, safety, emil, { dueOn: "2026-12-27", dueSoonDays: 14 }),
    claraSafety: await createRequirement(db, safety, clara, { dueOn: "2026-12-28", dueSoonDays: 14 }),
    doraSafety: await createRequirement(db, safety, dora, { dueOn: "2026-11-25", graceDays: 7 }),
  };
  return { s, a1x, a2, emil, clara, emma, fritz, gerd, dora, hilde, karl, ida, jan, privacy, safety, r };
}

describe("compliance cockpit", () => {
  it("counts per rule for the leader's unit: rate, overdue, due within 30 days, completed, exempt, paused; left people and the leader's own items never count", async () => {
    const w = await world();
    const leader = await actorFor(db, w.s.leaderUser.id);
    const cockpit = await getCockpit(db, leader, q(), { today: TODAY });
    expect(cockpit.scope.unit?.id).toBe(w.s.amtA.id);
    expect(cockpit.dueLimit).toBe("2026-12-27");
    const privacy = cockpit.rules.find((r) => r.id === w.privacy.id)!;
    expect(privacy).toMatchObject({ total: 8, required: 6, compliant: 2, overdue: 2, dueSoon: 2, exempt: 1, paused: 1 });
    expect(privacy.rate).toBeCloseTo(2 / 6);
    const safety = cockpit.rules.find((r) => r.id === w.safety.id)!;
    expect(safety).toMatchObject({ total: 3, required: 3, compliant: 0, overdue: 0, dueSoon: 2, exempt: 0, paused: 0, rate: 0 });
    expect(cockpit.overall).toMatchObject({ total: 11, required: 9, compliant: 2, overdue: 2, dueSoon: 4 });

    // HR sees the same unit with the leader's own item.
    const hr = await actorFor(db, w.s.hrUser.id);
    const hrView = await getCockpit(db, hr, q({ unit: w.s.amtA.id }), { today: TODAY });
    expect(hrView.rules.find((r) => r.id === w.privacy.id)).toMatchObject({ total: 9, required: 7, compliant: 2, overdue: 3 });
  });

  it("has a rule × sub-unit matrix whose rows aggregate their whole subtree, and drills down", async () => {
    const w = await world();
    const leader = await actorFor(db, w.s.leaderUser.id);
    const cockpit = await getCockpit(db, leader, q(), { today: TODAY });
    const privacyIndex = cockpit.rules.findIndex((r) => r.id === w.privacy.id);
    const safetyIndex = cockpit.rules.findIndex((r) => r.id === w.safety.id);
    // The unit's own staff first, then the sub-units in tree order (sort order, code).
    expect(cockpit.matrix[0]!.unit.id).toBe(w.s.amtA.id);
    expect(cockpit.matrix.map((m) => [m.unit.id, m.direct])).toEqual(
      expect.arrayContaining([
        [w.s.amtA.id, true],
        [w.s.abteilungA1.id, false],
        [w.a2.id, false],
      ]),
    );
    expect(cockpit.matrix).toHaveLength(3);
    const direct = cockpit.matrix[0];
    const a1 = cockpit.matrix.find((m) => m.unit.id === w.s.abteilungA1.id);
    const a2 = cockpit.matrix.find((m) => m.unit.id === w.a2.id);
    expect(direct!.cells[privacyIndex]).toMatchObject({ total: 1, required: 0, exempt: 1, rate: null });
    // A1 includes Sachgebiet A1x (Fritz, expired).
    expect(a1!.cells[privacyIndex]).toMatchObject({ total: 4, required: 4, compliant: 2, overdue: 2, rate: 0.5 });
    expect(a1!.cells[safetyIndex]).toMatchObject({ required: 2, compliant: 0, dueSoon: 1 });
    expect(a2!.cells[privacyIndex]).toMatchObject({ total: 3, required: 2, compliant: 0, paused: 1, dueSoon: 1, rate: 0 });
    expect(a1!.total).toMatchObject({ required: 6, compliant: 2 });

    const drilled = await getCockpit(db, leader, q({ unit: w.s.abteilungA1.id }), { today: TODAY });
    expect(drilled.scope.breadcrumb.map((b) => b.id)).toEqual([w.s.amtA.id]);
    expect(drilled.scope.rows.map((u) => u.id)).toEqual([w.a1x.id]);
    expect(drilled.matrix.map((m) => [m.unit.id, m.direct])).toEqual([
      [w.s.abteilungA1.id, true],
      [w.a1x.id, false],
    ]);
    expect(drilled.rules.find((r) => r.id === w.privacy.id)).toMatchObject({ required: 4, compliant: 2, overdue: 2 });
    expect(drilled.items.map((i) => i.person.firstName)).toEqual(["Fritz", "Clara", "Emma", "Emil", "Clara"]);
  });

  it("lists open items by due date, then name — with status, days overdue and renewals — and filters by rule, status and sub-unit", async () => {
    const w = await world();
    const leader = await actorFor(db, w.s.leaderUser.id);
    const cockpit = await getCockpit(db, leader, q(), { today: TODAY });
    expect(cockpit.items.map((i) => [i.person.firstName, i.rule.id === w.privacy.id ? "privacy" : "safety", i.dueOn, i.status, i.daysOverdue])).toEqual([
      ["Fritz", "privacy", "2026-10-01", "EXPIRED", 57],
      ["Clara", "privacy", "2026-11-01", "OVERDUE", 26],
      ["Dora", "safety", "2026-11-25", "DUE_SOON", 0],
      ["Dora", "privacy", "2026-12-10", "DUE_SOON", 0],
      ["Emma", "privacy", "2026-12-15", "DUE_SOON", 0],
      ["Emil", "safety", "2026-12-27", "NOT_DUE", 0],
      // Same day: by last name (Adler before Berg).
      ["Karl", "privacy", "2026-12-28", "NOT_DUE", 0],
      ["Clara", "safety", "2026-12-28", "NOT_DUE", 0],
    ]);
    expect(cockpit.total).toBe(8);
    expect(cockpit.items.find((i) => i.person.firstName === "Emma")!.validUntil).toBe("2026-12-15");
    expect(cockpit.items.find((i) => i.person.firstName === "Dora")!.validUntil).toBeNull();
    expect(cockpit.items[0]!.unit?.id).toBe(w.a1x.id);

    const names = async (params: Record<string, string>) => {
      const page = await getCockpit(db, leader, q(params), { today: TODAY });
      // The count comes from the aggregates; it must agree with the list.
      expect(page.total).toBe(page.items.length);
      return page.items.map((i) => `${i.person.firstName}/${i.rule.id === w.privacy.id ? "P" : "S"}`);
    };
    expect(await names({ status: "overdue" })).toEqual(["Fritz/P", "Clara/P"]);
    expect(await names({ status: "due30" })).toEqual(["Dora/S", "Dora/P", "Emma/P", "Emil/S"]);
    expect(await names({ status: "later" })).toEqual(["Karl/P", "Clara/S"]);
    expect(await names({ status: "EXPIRED" })).toEqual(["Fritz/P"]);
    expect(await names({ rule: w.safety.id })).toEqual(["Dora/S", "Emil/S", "Clara/S"]);
    expect(await names({ status: "DUE_SOON" })).toEqual(["Dora/S", "Dora/P", "Emma/P"]);
    expect(await names({ status: "NOT_DUE", rule: w.safety.id })).toEqual(["Emil/S", "Clara/S"]);
    expect(await names({ status: "overdue", sub: w.a2.id })).toEqual([]);
    expect(await names({ sub: w.a2.id })).toEqual(["Dora/S", "Dora/P", "Karl/P"]);
    expect(await names({ sub: w.s.abteilungA1.id, status: "overdue" })).toEqual(["Fritz/P", "Clara/P"]);
    // The unit itself as filter: only its own staff (Gerd is exempt, so nothing is open).
    expect(await names({ sub: w.s.amtA.id })).toEqual([]);
    // A unit that is not a row is ignored.
    expect(await names({ sub: w.s.amtB.id })).toHaveLength(8);

    const export_ = await getCockpitExport(db, leader, q({ status: "overdue" }), { today: TODAY });
    expect(export_.items.map((i) => i.person.firstName)).toEqual(["Fritz", "Clara"]);
    expect(await db.auditEvent.count({ where: { action: "compliance.cockpit-export", actorUserId: w.s.leaderUser.id } })).toBe(1);
  });

  it("pages the list", async () => {
    const w = await world();
    const leader = await actorFor(db, w.s.leaderUser.id);
    const { listOpenItems, resolveCockpitScope } = await import("./cockpit.server.ts");
    const scope = await resolveCockpitScope(db, leader, w.s.amtA.id);
    const page2 = await listOpenItems(db, scope, {}, { today: TODAY, page: 2, pageSize: 3 });
    expect(page2).toMatchObject({ total: 8, page: 2, pageCount: 3 });
    expect(page2.items.map((i) => i.person.firstName)).toEqual(["Dora", "Emma", "Emil"]);
    const beyond = await listOpenItems(db, scope, {}, { today: TODAY, page: 9, pageSize: 3 });
    expect(beyond).toMatchObject({ items: [], total: 8, pageCount: 3 });
  });

  it("refuses employees, units outside the leader's subtrees and unknown units", async () => {
    const w = await world();
    const leader = await actorFor(db, w.s.leaderUser.id);
    const employee = await actorFor(db, w.s.employeeUser.id);
    const admin = await actorFor(db, w.s.adminUser.id);
    await expect(getCockpit(db, employee, q(), { today: TODAY })).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(getCockpit(db, admin, q(), { today: TODAY })).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(getCockpit(db, leader, q({ unit: w.s.amtB.id }), { today: TODAY })).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(getCockpitExport(db, leader, q({ unit: w.s.amtB.id }), { today: TODAY })).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(getCockpit(db, leader, q({ unit: "no-such-unit" }), { today: TODAY })).rejects.toBeInstanceOf(NotFoundError);
    // A leader of a sub-unit sees neither the Amt above nor its breadcrumb.
    const subLeader = await createPerson(db, { unit: w.a2, firstName: "Sina" });
    await db.orgUnit.update({ where: { id: w.a2.id }, data: { leaderId: subLeader.id } });
    const { createAccount } = await import("../../../tests/factories.ts");
    const subLeaderActor = await actorFor(db, (await createAccount(db, subLeader)).id);
    await expect(getCockpit(db, subLeaderActor, q({ unit: w.s.amtA.id }), { today: TODAY })).rejects.toBeInstanceOf(AccessDeniedError);
    const own = await getCockpit(db, subLeaderActor, q(), { today: TODAY });
    expect(own.scope.unit?.id).toBe(w.a2.id);
    expect(own.scope.breadcrumb).toEqual([]);
    expect(own.items.map((i) => i.person.firstName)).toEqual(["Dora", "Dora", "Karl"]);
  });

  it("shows HR the whole administration by its top units", async () => {
    const w = await world();
    const hr = await actorFor(db, w.s.hrUser.id);
    const cockpit = await getCockpit(db, hr, q(), { today: TODAY });
    expect(cockpit.scope.unit).toBeNull();
    expect(cockpit.scope.rows.map((u) => u.id)).toEqual(expect.arrayContaining([w.s.amtA.id, w.s.amtB.id]));
    const privacyIndex = cockpit.rules.findIndex((r) => r.id === w.privacy.id);
    const amtB = cockpit.matrix.find((m) => m.unit.id === w.s.amtB.id)!;
    expect(amtB.cells[privacyIndex]).toMatchObject({ required: 1, overdue: 1 });
    // Filtered by this test's rule: on the shared PostgreSQL test database other files' items come first.
    const privacyItems = await getCockpit(db, hr, q({ rule: w.privacy.id }), { today: TODAY });
    expect(privacyItems.items.map((i) => i.person.firstName)).toContain("Otto");
  });

  it("follows the stored requirements that sync writes (a completion makes the item compliant)", async () => {
    const s = await createScenario(db);
    const { training } = await createTraining(db, { title: "Datenschutz-Grundlagen" });
    const rule = await db.complianceRule.create({
      data: {
        name: `Datenschutz sync ${Math.random().toString(36).slice(2, 7)}`,
        legalBasis: "Art. 39 DSGVO",
        audience: JSON.stringify({ units: [{ unitId: s.amtA.id, includeSubunits: true }] }),
        firstDueMode: "AFTER_ENTRY",
        firstDueDays: 30,
        recurrence: "ROLLING",
        intervalMonths: 24,
        trainings: { create: { trainingId: training.id } },
      },
    });
    const people = [s.leader.id, s.employee.id, s.colleague.id, s.outsider.id];
    await db.$transaction((tx) => syncRequirements(tx, { personIds: people, ruleIds: [rule.id], cause: "test", today: TODAY }));
    const leader = await actorFor(db, s.leaderUser.id);
    const before = await getCockpit(db, leader, q({ rule: rule.id }), { today: TODAY });
    expect(before.rules.find((r) => r.id === rule.id)).toMatchObject({ required: 2, compliant: 0, overdue: 2 });
    await db.trainingCompletion.create({
      data: { personId: s.employee.id, trainingId: training.id, completedAt: new Date("2026-05-04T00:00:00Z"), certificateNumber: `LR-T-${Math.random().toString(36).slice(2, 10)}` },
    });
    await db.$transaction((tx) => syncRequirements(tx, { personIds: [s.employee.id], ruleIds: [rule.id], cause: "test", today: TODAY }));
    const after = await getCockpit(db, leader, q({ rule: rule.id }), { today: TODAY });
    expect(after.rules.find((r) => r.id === rule.id)).toMatchObject({ required: 2, compliant: 1, overdue: 1, rate: 0.5 });
    expect(after.items.map((i) => i.person.id)).toEqual([s.colleague.id]);
  });

  it("gives leaders a start-page card over all their units, and nobody else", async () => {
    const w = await world();
    const card = await getComplianceStartCard(db, await actorFor(db, w.s.leaderUser.id), { today: TODAY });
    expect(card!.rules.find((r) => r.id === w.privacy.id)).toMatchObject({ required: 6, compliant: 2, overdue: 2, dueSoon: 2 });
    expect(card!.overall).toMatchObject({ overdue: 2, dueSoon: 4 });
    expect(await getComplianceStartCard(db, await actorFor(db, w.s.employeeUser.id), { today: TODAY })).toBeNull();
  });
});

describe("manual reminders", () => {
  it("notifies the people of the selected open items once a day, records the reminder and audits it", async () => {
    const w = await world();
    const leader = await actorFor(db, w.s.leaderUser.id);
    const ids = [w.r.claraPrivacy.id, w.r.doraPrivacy.id, w.r.doraSafety.id];
    const result = await remindRequirements(db, leader, { requirementIds: ids }, { now: NOW });
    expect(result).toEqual({ sent: 3, people: 2, alreadyToday: 0, notOpen: 0 });

    const notifications = await db.notification.findMany({ where: { personId: w.clara.id, kind: "compliance.manualReminder" } });
    expect(notifications).toHaveLength(1);
    expect(JSON.parse(notifications[0]!.params)).toEqual({ rule: w.privacy.name, date: "01.11.2026", sender: `Lea ${w.s.leader.lastName}` });
    expect(notifications[0]!.link).toBe("/pflichtschulungen");
    expect(await db.outboxMail.count({ where: { toAddress: w.clara.email } })).toBe(1);
    const reminders = await db.complianceReminder.findMany({ where: { requirementId: { in: ids } }, orderBy: { key: "asc" } });
    expect(reminders).toHaveLength(3);
    expect(reminders.find((r) => r.requirementId === w.r.claraPrivacy.id)).toMatchObject({
      key: manualReminderKey(w.r.claraPrivacy.id, TODAY),
      kind: "MANUAL",
      recipientPersonId: w.clara.id,
      subjectPersonId: w.clara.id,
      ruleId: w.privacy.id,
      dueOn: "2026-11-01",
      sentById: w.s.leaderUser.id,
    });
    expect(await db.auditEvent.count({ where: { action: "compliance.remind", affectedPersonId: w.dora.id } })).toBe(2);

    // Second click the same day: nothing again. An already completed item is not reminded.
    const again = await remindRequirements(db, leader, { requirementIds: [...ids, w.r.emilPrivacy.id] }, { now: new Date("2026-11-27T15:00:00Z") });
    expect(again).toEqual({ sent: 0, people: 0, alreadyToday: 3, notOpen: 1 });
    expect(await db.notification.count({ where: { personId: { in: [w.clara.id, w.dora.id, w.emil.id] }, kind: "compliance.manualReminder" } })).toBe(3);

    // The cockpit marks them as reminded today.
    const cockpit = await getCockpit(db, leader, q(), { today: TODAY });
    expect(cockpit.remindedToday.sort()).toEqual([...ids].sort());

    // Next day (Berlin), a new reminder may go out.
    const nextDay = await remindRequirements(db, leader, { requirementIds: [w.r.claraPrivacy.id] }, { now: new Date("2026-11-27T23:30:00Z") });
    expect(nextDay.sent).toBe(1);
  });

  it("refuses items outside the actor's scope without sending anything", async () => {
    const w = await world();
    const leader = await actorFor(db, w.s.leaderUser.id);
    const count = () => db.notification.count({ where: { kind: "compliance.manualReminder" } });
    const before = await count();
    await expect(remindRequirements(db, leader, { requirementIds: [w.r.claraPrivacy.id, w.r.ottoPrivacy.id] }, { now: NOW })).rejects.toBeInstanceOf(AccessDeniedError);
    // The leader's own item is not in their cockpit either.
    await expect(remindRequirements(db, leader, { requirementIds: [w.r.leaPrivacy.id] }, { now: NOW })).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(remindRequirements(db, await actorFor(db, w.s.employeeUser.id), { requirementIds: [w.r.claraPrivacy.id] }, { now: NOW })).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(remindRequirements(db, leader, { requirementIds: ["missing"] }, { now: NOW })).rejects.toBeInstanceOf(NotFoundError);
    await expect(remindRequirements(db, leader, { requirementIds: [] }, { now: NOW })).rejects.toBeInstanceOf(ValidationError);
    expect(await count()).toBe(before);
    expect(await db.complianceReminder.count({ where: { requirementId: w.r.claraPrivacy.id } })).toBe(0);

    // HR may remind anyone.
    const hr = await actorFor(db, w.s.hrUser.id);
    expect(await remindRequirements(db, hr, { requirementIds: [w.r.ottoPrivacy.id, w.r.leaPrivacy.id] }, { now: NOW })).toMatchObject({ sent: 2 });
  });
});
