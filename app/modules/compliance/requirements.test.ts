import { randomUUID } from "node:crypto";
import { db } from "~/utils/db.server.ts";
import { AccessDeniedError, NotFoundError } from "~/modules/errors.ts";
import { countOwnRequirements, listRequirementsOfPerson } from "./requirements.server.ts";
import { queueComplianceReminders } from "./reminders.server.ts";
import { actorFor, createAccount, createScenario, makeLeader } from "../../../tests/factories.ts";
import { createTraining } from "../../../tests/training-factories.ts";
import { createRule, sync } from "../../../tests/compliance-mine-factories.ts";

const TODAY = "2026-11-27";
const at = (day: string) => new Date(`${day}T07:30:00.000Z`);

async function setup() {
  const s = await createScenario(db);
  // Otto leads Amt B: a leader of another team.
  await makeLeader(db, s.amtB.id, s.outsider.id);
  const ottoUser = await createAccount(db, s.outsider);
  const claraUser = await createAccount(db, s.colleague);
  // Two trainings count for data protection; the e-learning has a session with seats in 10 days.
  const classroom = await createTraining(db, { title: "Datenschutz Präsenz", startsInDays: 40 });
  const elearning = await createTraining(db, { title: "Datenschutz E-Learning", startsInDays: 10 });
  const full = await createTraining(db, { title: "Arbeitsschutz", startsInDays: 5, capacity: 1 });
  await db.trainingSession.update({ where: { id: full.session.id }, data: { confirmedCount: 1 } });
  const privacy = await createRule(db, {
    name: `Datenschutz ${randomUUID().slice(0, 6)}`,
    legalBasis: "Art. 39 DSGVO",
    audience: { everyone: true },
    trainingIds: [classroom.training.id, elearning.training.id],
    firstDueMode: "FIXED_DATE",
    firstDueDays: 0,
    firstDueDate: "2026-12-10",
    recurrence: "ROLLING",
    intervalMonths: 24,
  });
  const safety = await createRule(db, {
    name: `Arbeitsschutz ${randomUUID().slice(0, 6)}`,
    legalBasis: "§ 12 ArbSchG",
    audience: { units: [{ unitId: s.abteilungA1.id, includeSubunits: false }] },
    trainingIds: [full.training.id],
    firstDueMode: "FIXED_DATE",
    firstDueDays: 0,
    firstDueDate: "2026-11-01",
    recurrence: "FIXED_YEARLY",
    intervalMonths: null,
    yearlyMonth: 11,
    yearlyDay: 1,
  });
  // Emil once belonged to a first-aid rule that has been archived since.
  const firstAid = await createRule(db, { name: `Erste Hilfe ${randomUUID().slice(0, 6)}`, audience: { everyone: true }, trainingIds: [classroom.training.id], firstDueDate: "2027-06-01" });
  const people = [s.leader.id, s.employee.id, s.colleague.id, s.outsider.id, s.hrPerson.id];
  await sync(db, people, [privacy.id, safety.id, firstAid.id], "2026-10-01");
  await db.complianceRule.update({ where: { id: firstAid.id }, data: { archivedAt: new Date("2026-11-01T00:00:00Z") } });
  await sync(db, people, [firstAid.id], "2026-11-01", "rule.archived");
  return {
    s,
    privacy,
    safety,
    firstAid,
    classroom,
    elearning,
    full,
    employee: await actorFor(db, s.employeeUser.id),
    leader: await actorFor(db, s.leaderUser.id),
    hr: await actorFor(db, s.hrUser.id),
    otto: await actorFor(db, ottoUser.id),
    clara: await actorFor(db, claraUser.id),
    admin: await actorFor(db, s.adminUser.id),
  };
}

describe("listRequirementsOfPerson", () => {
  it("shows a person's requirements by due date with status, trainings, sessions and why", async () => {
    const x = await setup();
    const data = await listRequirementsOfPerson(db, x.employee, x.s.employee.id, { today: TODAY, now: at(TODAY) });
    expect(data.access).toBe("own");
    expect(data.open.map((r) => r.rule.name)).toEqual([x.safety.name, x.privacy.name]);
    const [safety, privacy] = data.open;
    expect(safety).toMatchObject({ status: "OVERDUE", dueOn: "2026-11-01", daysOverdue: 26, completedOn: null, rule: { legalBasis: "§ 12 ArbSchG" } });
    expect(privacy).toMatchObject({ status: "DUE_SOON", dueOn: "2026-12-10", daysOverdue: 0 });
    expect(data.counts).toMatchObject({ OVERDUE: 1, DUE_SOON: 1, COMPLETED: 0 });

    // Trainings that count, by title, with the next session that has free seats (set-based).
    expect(privacy!.trainings.map((t) => t.title)).toEqual(["Datenschutz E-Learning", "Datenschutz Präsenz"]);
    expect(privacy!.trainings[0]!.nextSession).toMatchObject({ id: x.elearning.session.id, freeSeats: 10 });
    expect(privacy!.trainings[1]!.nextSession?.id).toBe(x.classroom.session.id);
    // The only session of the safety training is full.
    expect(safety!.trainings[0]!.nextSession).toBeNull();

    // Why: everyone since entry, first due on a fixed date, rolling every 24 months.
    expect(privacy!.why.audience).toEqual([{ key: "compliance.why.audience.everyone", params: { since: { day: "2020-01-01" } } }]);
    expect(privacy!.why.due.map((l) => l.key)).toEqual([
      "compliance.why.first.fixedDate",
      "compliance.why.recurrence.rolling",
      "compliance.why.dueOn",
      "compliance.why.dueSoonFrom",
      "compliance.why.overdueFrom",
    ]);
    expect(safety!.why.audience[0]).toEqual({
      key: "compliance.why.audience.unit",
      params: { since: { day: "2020-01-01" }, unit: "Abteilung A1" },
    });

    // The archived rule is history, with its events.
    expect(data.closed).toEqual([expect.objectContaining({ ruleName: x.firstAid.name, closedOn: "2026-11-01", reason: "RULE_ARCHIVED" })]);
    const kinds = data.history.filter((h) => h.ruleName === x.firstAid.name).map((h) => h.message.key);
    expect(kinds.sort()).toEqual(["compliance.history.event.CLOSED", "compliance.history.event.STARTED"]);
    // Own reads are not logged.
    expect(await db.auditEvent.count({ where: { action: "compliance.read", affectedPersonId: x.s.employee.id } })).toBe(0);
  });

  it("shows an active enrolment, a completion and an exemption with its reason to the person", async () => {
    const x = await setup();
    await db.enrolment.create({
      data: {
        personId: x.s.employee.id,
        trainingId: x.elearning.training.id,
        sessionId: x.elearning.session.id,
        status: "CONFIRMED",
        activeKey: `${x.s.employee.id}:${x.elearning.session.id}`,
        requestedById: x.s.employeeUser.id,
      },
    });
    const completion = await db.trainingCompletion.create({
      data: { personId: x.s.employee.id, trainingId: x.full.training.id, completedAt: new Date("2026-11-20T00:00:00Z"), certificateNumber: `LR-T-${randomUUID().slice(0, 8)}` },
    });
    await db.complianceExemption.create({ data: { ruleId: x.privacy.id, personId: x.s.employee.id, reason: "Abordnung an das Land", validUntil: "2027-06-30", grantedById: x.s.hrUser.id } });
    await sync(db, [x.s.employee.id], [x.privacy.id, x.safety.id], TODAY);

    const data = await listRequirementsOfPerson(db, x.employee, x.s.employee.id, { today: TODAY, now: at(TODAY) });
    const privacy = data.open.find((r) => r.rule.id === x.privacy.id)!;
    const safety = data.open.find((r) => r.rule.id === x.safety.id)!;
    expect(privacy.status).toBe("EXEMPT");
    expect(privacy.trainings.find((t) => t.id === x.elearning.training.id)!.enrolment).toMatchObject({ status: "CONFIRMED", sessionId: x.elearning.session.id });
    expect(privacy.why.special).toEqual([
      { key: "compliance.why.exempt", params: { until: { day: "2027-06-30" } } },
      { key: "compliance.why.exemptReason", params: { reason: "Abordnung an das Land" } },
    ]);
    expect(safety).toMatchObject({ status: "COMPLETED", completedOn: "2026-11-20", validUntil: "2027-11-01" });
    expect(safety.why.due[0]).toEqual({ key: "compliance.why.completion.done", params: { training: "Arbeitsschutz", completedOn: { day: "2026-11-20" } } });
    expect(completion.id).toBeTruthy();

    // The leader sees the exemption, not its reason; HR sees both.
    const asLeader = await listRequirementsOfPerson(db, x.leader, x.s.employee.id, { today: TODAY, now: at(TODAY) });
    expect(asLeader.open.find((r) => r.rule.id === x.privacy.id)!.why.special.map((l) => l.key)).toEqual(["compliance.why.exempt"]);
    const asHr = await listRequirementsOfPerson(db, x.hr, x.s.employee.id, { today: TODAY, now: at(TODAY) });
    expect(asHr.open.find((r) => r.rule.id === x.privacy.id)!.why.special.map((l) => l.key)).toEqual(["compliance.why.exempt", "compliance.why.exemptReason"]);
    expect(asHr.canManageExemptions).toBe(true);
    expect(asLeader.canManageExemptions).toBe(false);
  });

  it("lets the leader see the team and HR anyone, logged; refuses others with 403 and unknown people with 404", async () => {
    const x = await setup();
    const team = await listRequirementsOfPerson(db, x.leader, x.s.employee.id, { today: TODAY, now: at(TODAY) });
    expect(team.access).toBe("team");
    expect(team.open).toHaveLength(2);
    const any = await listRequirementsOfPerson(db, x.hr, x.s.outsider.id, { today: TODAY, now: at(TODAY) });
    expect(any.access).toBe("any");
    const logged = await db.auditEvent.findMany({ where: { action: "compliance.read", affectedPersonId: { in: [x.s.employee.id, x.s.outsider.id] } } });
    expect(logged.map((e) => e.actorUserId).sort()).toEqual([x.s.leaderUser.id, x.s.hrUser.id].sort());

    // Another team's leader, a colleague, an administrator without HR rights.
    await expect(listRequirementsOfPerson(db, x.otto, x.s.employee.id, { today: TODAY })).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(listRequirementsOfPerson(db, x.clara, x.s.employee.id, { today: TODAY })).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(listRequirementsOfPerson(db, x.admin, x.s.employee.id, { today: TODAY })).rejects.toBeInstanceOf(AccessDeniedError);
    // The leader of Amt A does not see Amt B.
    await expect(listRequirementsOfPerson(db, x.leader, x.s.outsider.id, { today: TODAY })).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(listRequirementsOfPerson(db, x.hr, "no-such-person", { today: TODAY })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("lists the reminders sent to the person; a leader sees only those about the person's own trainings", async () => {
    const x = await setup();
    // Data protection is due soon from 10 Nov; the safety instruction has been overdue since 2 Nov,
    // so Lea (leader of Amt A) is reminded about Emil and Clara.
    await queueComplianceReminders(db, { now: at("2026-11-10") });
    const own = await listRequirementsOfPerson(db, x.employee, x.s.employee.id, { today: TODAY, now: at(TODAY) });
    expect(own.reminders.map((r) => [r.kind, r.ruleName, r.dueOn])).toEqual([["BEFORE_DUE", x.privacy.name, "2026-12-10"]]);

    const leaderOwn = await listRequirementsOfPerson(db, x.leader, x.s.leader.id, { today: TODAY, now: at(TODAY) });
    const escalations = leaderOwn.reminders.filter((r) => r.kind === "LEADER_OVERDUE");
    expect(escalations.map((r) => r.subject).sort()).toEqual([`Clara ${x.s.colleague.lastName}`, `Emil ${x.s.employee.lastName}`].sort());
    expect(escalations.every((r) => r.ruleName === x.safety.name)).toBe(true);

    // HR looking at Lea sees all of them; nobody else's escalations leak into a team view.
    const hrView = await listRequirementsOfPerson(db, x.hr, x.s.leader.id, { today: TODAY, now: at(TODAY) });
    expect(hrView.reminders.filter((r) => r.kind === "LEADER_OVERDUE")).toHaveLength(2);
    const hrOwn = await listRequirementsOfPerson(db, x.hr, x.s.hrPerson.id, { today: TODAY, now: at(TODAY) });
    expect(hrOwn.reminders.map((r) => r.kind)).toContain("HR_DIGEST");
    // Otto leads Amt B, where Hanna works: her weekly digest is not about her own trainings.
    const ottoView = await listRequirementsOfPerson(db, x.otto, x.s.hrPerson.id, { today: TODAY, now: at(TODAY) });
    expect(ottoView.access).toBe("team");
    expect(ottoView.reminders.map((r) => r.kind)).toEqual(["BEFORE_DUE"]);
  });
});

describe("countOwnRequirements", () => {
  it("counts the actor's open requirements by status, and nothing for an account without a person", async () => {
    const x = await setup();
    expect(await countOwnRequirements(db, x.employee, { today: TODAY })).toMatchObject({ total: 2, counts: { OVERDUE: 1, DUE_SOON: 1 } });
    expect(await countOwnRequirements(db, x.admin, { today: TODAY })).toBeNull();
  });
});
