import { randomUUID } from "node:crypto";
import { db } from "~/utils/db.server.ts";
import { isoWeekOf, queueComplianceReminders, reminderKeys } from "./reminders.server.ts";
import { createAccount, createPerson, createScenario } from "../../../tests/factories.ts";
import { createTraining } from "../../../tests/training-factories.ts";
import { createRule, sync } from "../../../tests/compliance-mine-factories.ts";

// Berlin mornings of concrete days (CET, UTC+1).
const at = (day: string) => new Date(`${day}T07:30:00.000Z`);

/**
 * Amt A (leader Lea) with Abteilung A1 (Emil, Clara, Frida), Amt B (Otto, HR Hanna). One rule for
 * Amt A with sub-units: fixed first due date 10 Dec 2026, due soon 30 days before, no grace.
 */
async function setup({ graceDays = 0 }: { graceDays?: number } = {}) {
  const s = await createScenario(db);
  const frida = await createPerson(db, { unit: s.abteilungA1, firstName: "Frida" });
  const { training } = await createTraining(db, { title: "Datenschutz-Grundlagen" });
  const rule = await createRule(db, {
    name: `Datenschutz ${randomUUID().slice(0, 6)}`,
    audience: { units: [{ unitId: s.amtA.id, includeSubunits: true }] },
    trainingIds: [training.id],
    firstDueMode: "FIXED_DATE",
    firstDueDays: 0,
    firstDueDate: "2026-12-10",
    recurrence: "ROLLING",
    intervalMonths: 24,
    dueSoonDays: 30,
    graceDays,
  });
  const people = [s.leader.id, s.employee.id, s.colleague.id, frida.id, s.outsider.id];
  await sync(db, people, [rule.id], "2026-11-01");
  const requirement = (personId: string) => db.complianceRequirement.findUniqueOrThrow({ where: { ruleId_personId: { ruleId: rule.id, personId } } });
  const reminders = (recipientPersonId: string, kind?: string) => db.complianceReminder.findMany({ where: { recipientPersonId, ...(kind ? { kind } : {}) }, orderBy: { sentAt: "asc" } });
  return { s, frida, training, rule, people, requirement, reminders };
}

describe("isoWeekOf", () => {
  it("numbers weeks as ISO 8601 does, across year ends", () => {
    expect(isoWeekOf("2026-11-27")).toBe("2026-W48");
    expect(isoWeekOf("2026-11-30")).toBe("2026-W49");
    expect(isoWeekOf("2026-11-29")).toBe("2026-W48");
    expect(isoWeekOf("2021-01-03")).toBe("2020-W53");
    expect(isoWeekOf("2024-12-30")).toBe("2025-W01");
    expect(isoWeekOf("2026-01-01")).toBe("2026-W01");
  });
});

describe("queueComplianceReminders", () => {
  it("reminds each person once when the due-soon window opens, and once on the due day", async () => {
    const { s, frida, rule, requirement, reminders } = await setup();
    // Before the window (due soon from 10 Nov): nothing for these people.
    await queueComplianceReminders(db, { now: at("2026-11-05") });
    expect(await reminders(s.employee.id)).toHaveLength(0);

    const first = await queueComplianceReminders(db, { now: at("2026-11-27") });
    expect(first.beforeDue).toBeGreaterThanOrEqual(4);
    const emil = await reminders(s.employee.id);
    expect(emil).toHaveLength(1);
    const req = await requirement(s.employee.id);
    expect(emil[0]).toMatchObject({ kind: "BEFORE_DUE", key: reminderKeys.beforeDue(req.id, "2026-12-10"), ruleId: rule.id, dueOn: "2026-12-10", requirementId: req.id });
    expect(emil[0]!.sentAt.toISOString()).toBe(at("2026-11-27").toISOString());
    const notes = await db.notification.findMany({ where: { personId: s.employee.id } });
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ kind: "compliance.dueSoon", link: "/pflichtschulungen" });
    expect(JSON.parse(notes[0]!.params)).toEqual({ rule: rule.name, date: "10.12.2026" });
    expect(await db.outboxMail.count({ where: { toAddress: s.employee.email, subject: { contains: rule.name } } })).toBe(1);
    // Not in the rule's audience: nothing.
    expect(await reminders(s.outsider.id, "BEFORE_DUE")).toHaveLength(0);

    // Twice (and later in the window): nothing new.
    const again = await queueComplianceReminders(db, { now: at("2026-11-27") });
    expect(again).toMatchObject({ beforeDue: 0, onDue: 0, leaderOverdue: 0 });
    await queueComplianceReminders(db, { now: at("2026-12-05") });
    expect(await reminders(s.employee.id)).toHaveLength(1);
    expect(await reminders(frida.id)).toHaveLength(1);

    // The due day.
    const dueDay = await queueComplianceReminders(db, { now: at("2026-12-10") });
    expect(dueDay.onDue).toBeGreaterThanOrEqual(4);
    const onDue = await reminders(s.employee.id, "ON_DUE");
    expect(onDue).toHaveLength(1);
    expect(onDue[0]!.key).toBe(reminderKeys.onDue(req.id, "2026-12-10"));
    expect(await db.notification.count({ where: { personId: s.employee.id, kind: "compliance.dueToday" } })).toBe(1);
    // Counts are checked per person: on the shared PostgreSQL test database other files' people exist.
    await queueComplianceReminders(db, { now: at("2026-12-10") });
    expect(await reminders(s.employee.id, "ON_DUE")).toHaveLength(1);
    expect(await db.notification.count({ where: { personId: s.employee.id } })).toBe(2);
  });

  it("escalates an overdue item once to the nearest leader, never a leader's own item to themselves", async () => {
    const { s, frida, rule, requirement, reminders } = await setup();
    const overdue = await queueComplianceReminders(db, { now: at("2026-12-11") });
    expect(overdue.leaderOverdue).toBeGreaterThanOrEqual(3);
    const toLea = await reminders(s.leader.id, "LEADER_OVERDUE");
    // Emil, Clara and Frida in A1 go to Lea (A1 has no leader of its own); Lea's own item goes nowhere (Amt A is a root).
    expect(toLea.map((r) => r.subjectPersonId).sort()).toEqual([s.employee.id, s.colleague.id, frida.id].sort());
    const emilReq = await requirement(s.employee.id);
    expect(toLea.find((r) => r.subjectPersonId === s.employee.id)!.key).toBe(reminderKeys.leader(emilReq.id, "2026-12-10"));
    expect(await db.complianceReminder.count({ where: { kind: "LEADER_OVERDUE", subjectPersonId: s.leader.id } })).toBe(0);
    const note = await db.notification.findFirstOrThrow({ where: { personId: s.leader.id, kind: "compliance.teamOverdue", params: { contains: s.employee.lastName } } });
    expect(JSON.parse(note.params)).toEqual({ person: `Emil ${s.employee.lastName}`, rule: rule.name, date: "10.12.2026" });
    expect(note.link).toBe("/pflichtschulungen/team");
    // Running on (and twice) escalates nothing again.
    await queueComplianceReminders(db, { now: at("2026-12-11") });
    await queueComplianceReminders(db, { now: at("2026-12-20") });
    expect(await reminders(s.leader.id, "LEADER_OVERDUE")).toHaveLength(3);
    // A missed due day: the person still gets no ON_DUE once the item is overdue.
    expect(await reminders(s.employee.id, "ON_DUE")).toHaveLength(0);
  });

  it("escalates only items that became overdue in the last two weeks, not old ones when reminders start", async () => {
    const { s, reminders } = await setup();
    // First run long after the due date (10 Dec 2026): the items are old news for the cockpit.
    await queueComplianceReminders(db, { now: at("2027-01-15") });
    expect(await reminders(s.leader.id, "LEADER_OVERDUE")).toHaveLength(0);
    // 14 days after the due day's end is still caught up (a fortnight of missed cron runs).
    await queueComplianceReminders(db, { now: at("2026-12-25") });
    expect(await reminders(s.leader.id, "LEADER_OVERDUE")).toHaveLength(3);
  });

  it("reminds on the due day during the grace period and escalates only after it", async () => {
    const { s, reminders } = await setup({ graceDays: 5 });
    await queueComplianceReminders(db, { now: at("2026-12-12") });
    expect((await reminders(s.employee.id)).map((r) => r.kind)).toEqual(["ON_DUE"]);
    await queueComplianceReminders(db, { now: at("2026-12-15") });
    expect(await reminders(s.leader.id, "LEADER_OVERDUE")).toHaveLength(0);
    await queueComplianceReminders(db, { now: at("2026-12-16") });
    expect(await reminders(s.leader.id, "LEADER_OVERDUE")).toHaveLength(3);
  });

  it("does not remind people who are exempt, paused, done, have left or are outside the audience any more", async () => {
    const { s, frida, training, rule, people, reminders } = await setup();
    const hanna = s.hrUser;
    // Clara is exempt until the end of next year.
    await db.complianceExemption.create({ data: { ruleId: rule.id, personId: s.colleague.id, reason: "Langzeitprojekt", validUntil: "2027-12-31", grantedById: hanna.id } });
    // Frida is on parental leave without a known end.
    await db.personAbsence.create({ data: { personId: frida.id, kind: "PARENTAL_LEAVE", startOn: "2026-11-01", endOn: null } });
    // Emil completed the training in October.
    await db.trainingCompletion.create({
      data: { personId: s.employee.id, trainingId: training.id, completedAt: new Date("2026-10-15T00:00:00.000Z"), certificateNumber: `LR-T-${randomUUID().slice(0, 8)}` },
    });
    // Lea has left.
    await db.person.update({ where: { id: s.leader.id }, data: { status: "LEFT", exitDate: new Date("2026-11-20T00:00:00.000Z") } });
    await sync(db, people, [rule.id], "2026-11-26");

    for (const day of ["2026-11-27", "2026-12-10", "2026-12-11"]) await queueComplianceReminders(db, { now: at(day) });
    expect(await reminders(s.colleague.id)).toHaveLength(0);
    expect(await reminders(frida.id)).toHaveLength(0);
    expect(await reminders(s.employee.id)).toHaveLength(0);
    expect(await reminders(s.leader.id)).toHaveLength(0);
    expect(await db.notification.count({ where: { personId: { in: [s.colleague.id, frida.id, s.employee.id, s.leader.id] } } })).toBe(0);
  });

  it("reminds again for the next cycle after a completion moves the due date", async () => {
    const { s, training, rule, people, reminders } = await setup();
    await queueComplianceReminders(db, { now: at("2026-11-27") });
    await db.trainingCompletion.create({
      data: { personId: s.employee.id, trainingId: training.id, completedAt: new Date("2026-12-01T00:00:00.000Z"), certificateNumber: `LR-T-${randomUUID().slice(0, 8)}` },
    });
    await sync(db, people, [rule.id], "2026-12-01");
    // 24 months later the new cycle's window opens (due 1 Dec 2028, due soon from 1 Nov 2028).
    await queueComplianceReminders(db, { now: at("2028-11-02") });
    const keys = (await reminders(s.employee.id)).map((r) => r.key);
    expect(keys).toHaveLength(2);
    expect(keys[1]).toMatch(/:2028-12-01$/);
  });

  it("sends HR development one weekly digest per ISO week with counts and rate", async () => {
    const { s } = await setup();
    const hr2Person = await createPerson(db, { unit: s.amtB, firstName: "Henri" });
    await createAccount(db, hr2Person, ["EMPLOYEE", "HR_DEVELOPMENT"]);
    const disabledPerson = await createPerson(db, { unit: s.amtB, firstName: "Dora" });
    const disabled = await createAccount(db, disabledPerson, ["HR_DEVELOPMENT"]);
    await db.user.update({ where: { id: disabled.id }, data: { disabled: true } });

    const friday = await queueComplianceReminders(db, { now: at("2026-11-27") });
    expect(friday.hrDigest).toBeGreaterThanOrEqual(2);
    const digest = await db.complianceReminder.findMany({ where: { kind: "HR_DIGEST", recipientPersonId: { in: [s.hrPerson.id, hr2Person.id, disabledPerson.id] } } });
    expect(digest.map((d) => d.key).sort()).toEqual([reminderKeys.digest("2026-W48", s.hrPerson.id), reminderKeys.digest("2026-W48", hr2Person.id)].sort());
    const note = await db.notification.findFirstOrThrow({ where: { personId: s.hrPerson.id, kind: "compliance.hrDigest" } });
    const params = JSON.parse(note.params) as Record<string, unknown>;
    expect(params.date).toBe("27.11.2026");
    expect(typeof params.overdue).toBe("number");
    expect(params.dueSoon as number).toBeGreaterThanOrEqual(4);
    expect(params.rate).toMatch(/%$/);
    expect(note.link).toBe("/pflichtschulungen/uebersicht");

    // Same week (Friday again, Sunday): nothing; next Monday: the next digest.
    await queueComplianceReminders(db, { now: at("2026-11-27") });
    await queueComplianceReminders(db, { now: at("2026-11-29") });
    expect(await db.notification.count({ where: { personId: s.hrPerson.id, kind: "compliance.hrDigest" } })).toBe(1);
    await queueComplianceReminders(db, { now: at("2026-11-30") });
    expect(await db.notification.count({ where: { personId: s.hrPerson.id, kind: "compliance.hrDigest" } })).toBe(2);
  });

  it("sends nothing twice when two runs overlap", async () => {
    const { s } = await setup();
    const runs = await Promise.all([queueComplianceReminders(db, { now: at("2026-12-11") }), queueComplianceReminders(db, { now: at("2026-12-11") })]);
    expect(runs[0].leaderOverdue + runs[1].leaderOverdue).toBeGreaterThanOrEqual(3);
    expect(await db.notification.count({ where: { personId: s.leader.id, kind: "compliance.teamOverdue" } })).toBe(3);
    expect(await db.notification.count({ where: { personId: s.hrPerson.id, kind: "compliance.hrDigest" } })).toBe(1);
  });
});
