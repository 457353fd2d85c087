import { db } from "~/utils/db.server.ts";
import { AccessDeniedError, NotFoundError, ValidationError } from "~/modules/errors.ts";
import {
  activeKeyOf,
  cancelEnrolment,
  cancelSession,
  countPendingApprovals,
  decideEnrolment,
  enrol,
  getSessionParticipants,
  getTrainingEnrolmentState,
  listEnrolCandidates,
  listEnrolmentsOfPerson,
  listNextSessions,
  listPendingApprovals,
  promoteFromWaitlist,
} from "./enrolment.server.ts";
import { actorFor, createAccount, createPerson, createScenario, createUnit, makeLeader } from "../../../tests/factories.ts";
import { createTraining } from "../../../tests/training-factories.ts";

async function setup() {
  const s = await createScenario(db);
  return {
    s,
    employee: await actorFor(db, s.employeeUser.id),
    leader: await actorFor(db, s.leaderUser.id),
    hr: await actorFor(db, s.hrUser.id),
  };
}

async function seats(sessionId: string) {
  return (await db.trainingSession.findUniqueOrThrow({ where: { id: sessionId } })).confirmedCount;
}

async function accountFor(person: { id: string; email: string }) {
  return actorFor(db, (await createAccount(db, person)).id);
}

describe("promoteFromWaitlist", () => {
  it("fills free seats from the waiting list, earliest first, notifies and audits", async () => {
    const s = await createScenario(db);
    const { training, session } = await createTraining(db, { capacity: 2, requiresApproval: false });
    const people = await Promise.all([1, 2, 3].map(() => createPerson(db, { unit: s.abteilungA1 })));
    const base = Date.now() - 60_000;
    // Waitlisted out of creation order: the third person waited longest.
    const order = [people[2]!, people[0]!, people[1]!];
    for (const [i, p] of order.entries()) {
      await db.enrolment.create({
        data: { personId: p.id, trainingId: training.id, sessionId: session.id, status: "WAITLISTED", activeKey: activeKeyOf(p.id, session.id), waitlistedAt: new Date(base + i * 1000), requestedById: s.hrUser.id },
      });
    }
    const promoted = await db.$transaction((tx) => promoteFromWaitlist(tx, null, session.id));
    expect(promoted.map((e) => e.personId).sort()).toEqual([people[2]!.id, people[0]!.id].sort());
    expect(promoted.every((e) => e.status === "CONFIRMED")).toBe(true);
    expect(await seats(session.id)).toBe(2);
    const stillWaiting = await db.enrolment.findMany({ where: { sessionId: session.id, status: "WAITLISTED" } });
    expect(stillWaiting.map((e) => e.personId)).toEqual([people[1]!.id]);
    const notes = await db.notification.findMany({ where: { kind: "enrolment.promoted", personId: { in: people.map((p) => p.id) } } });
    expect(notes).toHaveLength(2);
    expect(JSON.parse(notes[0]!.params).training).toBe(training.title);
    expect(await db.outboxMail.count({ where: { notificationId: { in: notes.map((n) => n.id) } } })).toBe(2);
    expect(await db.auditEvent.count({ where: { action: "enrolment.promote", entityId: { in: promoted.map((e) => e.id) } } })).toBe(2);

    // Nothing free: nothing moves.
    expect(await db.$transaction((tx) => promoteFromWaitlist(tx, null, session.id))).toEqual([]);
  });

  it("does not promote into a cancelled session", async () => {
    const s = await createScenario(db);
    const { training, session } = await createTraining(db, { capacity: 2 });
    await db.trainingSession.update({ where: { id: session.id }, data: { status: "CANCELLED" } });
    await db.enrolment.create({
      data: { personId: s.employee.id, trainingId: training.id, sessionId: session.id, status: "WAITLISTED", activeKey: activeKeyOf(s.employee.id, session.id), waitlistedAt: new Date(), requestedById: s.employeeUser.id },
    });
    expect(await db.$transaction((tx) => promoteFromWaitlist(tx, null, session.id))).toEqual([]);
  });
});

describe("requesting and approving", () => {
  it("request → leader notified → approve → seat, person notified, audited", async () => {
    const { s, employee, leader } = await setup();
    const { session } = await createTraining(db, { capacity: 3, requiresApproval: true });
    const { enrolment, position } = await enrol(db, employee, { sessionId: session.id, note: "Brauche ich für die E-Akte" });
    expect(enrolment.status).toBe("REQUESTED");
    expect(enrolment.requestNote).toBe("Brauche ich für die E-Akte");
    expect(position).toBeNull();
    expect(await seats(session.id)).toBe(0);
    const requested = await db.notification.findMany({ where: { kind: "enrolment.requested", personId: s.leader.id } });
    expect(requested).toHaveLength(1);
    expect(JSON.parse(requested[0]!.params).person).toBe(`${s.employee.firstName} ${s.employee.lastName}`);
    expect(requested[0]!.link).toBe("/freigaben");

    // Double request refused, nothing changes.
    await expect(enrol(db, employee, { sessionId: session.id })).rejects.toThrow("enrolment.error.alreadyEnrolled");

    expect(await countPendingApprovals(db, leader)).toBe(1);
    expect(await countPendingApprovals(db, employee)).toBeNull();
    const pending = await listPendingApprovals(db, leader, { page: 1 });
    expect(pending.requests.map((r) => r.id)).toEqual([enrolment.id]);

    const decision = await decideEnrolment(db, leader, { enrolmentId: enrolment.id, decision: "approve" });
    expect(decision.status).toBe("CONFIRMED");
    expect(await seats(session.id)).toBe(1);
    const row = await db.enrolment.findUniqueOrThrow({ where: { id: enrolment.id } });
    expect(row.decidedById).toBe(s.leaderUser.id);
    expect(await db.notification.count({ where: { kind: "enrolment.approved", personId: s.employee.id } })).toBe(1);
    expect(await db.auditEvent.count({ where: { action: { in: ["enrolment.request", "enrolment.approve"] }, entityId: enrolment.id } })).toBe(2);
    await expect(decideEnrolment(db, leader, { enrolmentId: enrolment.id, decision: "decline", comment: "zu spät" })).rejects.toThrow("enrolment.error.alreadyDecided");
    expect(await countPendingApprovals(db, leader)).toBe(0);

    const next = await listNextSessions(db, employee);
    expect(next?.map((e) => e.session.id)).toEqual([session.id]);
  });

  it("approving when the session is full puts the person on the waiting list", async () => {
    const { s, employee, leader } = await setup();
    const { session } = await createTraining(db, { capacity: 1, requiresApproval: true });
    const colleague = await accountFor(s.colleague);
    const first = await enrol(db, employee, { sessionId: session.id });
    const second = await enrol(db, colleague, { sessionId: session.id });
    await decideEnrolment(db, leader, { enrolmentId: first.enrolment.id, decision: "approve" });
    const d = await decideEnrolment(db, leader, { enrolmentId: second.enrolment.id, decision: "approve" });
    expect(d).toEqual({ status: "WAITLISTED", position: 1 });
    expect(await seats(session.id)).toBe(1);
    const waitNote = await db.notification.findFirstOrThrow({ where: { kind: "enrolment.waitlisted", personId: s.colleague.id } });
    expect(JSON.parse(waitNote.params).position).toBe(1);
  });

  it("declining needs a comment and frees the person to ask again", async () => {
    const { s, employee, leader } = await setup();
    const { session } = await createTraining(db, { capacity: 3, requiresApproval: true });
    const { enrolment } = await enrol(db, employee, { sessionId: session.id });
    await expect(decideEnrolment(db, leader, { enrolmentId: enrolment.id, decision: "decline", comment: "  " })).rejects.toBeInstanceOf(ValidationError);
    expect((await db.enrolment.findUniqueOrThrow({ where: { id: enrolment.id } })).status).toBe("REQUESTED");
    await decideEnrolment(db, leader, { enrolmentId: enrolment.id, decision: "decline", comment: "Bitte im nächsten Quartal" });
    const row = await db.enrolment.findUniqueOrThrow({ where: { id: enrolment.id } });
    expect([row.status, row.activeKey, row.decisionNote]).toEqual(["DECLINED", null, "Bitte im nächsten Quartal"]);
    const note = await db.notification.findFirstOrThrow({ where: { kind: "enrolment.declined", personId: s.employee.id } });
    expect(JSON.parse(note.params).note).toBe("Bitte im nächsten Quartal");
    const state = await getTrainingEnrolmentState(db, employee, session.trainingId);
    expect(state.sessions[session.id]).toMatchObject({ own: { status: "DECLINED", decisionNote: "Bitte im nächsten Quartal" }, canRequest: true, canCancel: false });
    // A new request is possible after a decline.
    expect((await enrol(db, employee, { sessionId: session.id })).enrolment.status).toBe("REQUESTED");
  });

  it("only the person's leaders (or HR) decide; never the person, an outside leader or on their own request", async () => {
    const { s, employee, leader, hr } = await setup();
    const { session } = await createTraining(db, { capacity: 3, requiresApproval: true });
    const { enrolment } = await enrol(db, employee, { sessionId: session.id });
    // The employee cannot approve (not even their own).
    await expect(decideEnrolment(db, employee, { enrolmentId: enrolment.id, decision: "approve" })).rejects.toBeInstanceOf(AccessDeniedError);
    // A leader of another unit cannot.
    const otherLeaderPerson = await createPerson(db, { unit: s.amtB, firstName: "Bernd" });
    await makeLeader(db, s.amtB.id, otherLeaderPerson.id);
    const otherLeader = await accountFor(otherLeaderPerson);
    await expect(decideEnrolment(db, otherLeader, { enrolmentId: enrolment.id, decision: "approve" })).rejects.toBeInstanceOf(AccessDeniedError);
    expect(await listPendingApprovals(db, otherLeader, { page: 1 }).then((r) => r.total)).toBe(0);
    await expect(listPendingApprovals(db, employee, { page: 1 })).rejects.toBeInstanceOf(AccessDeniedError);
    // Unknown request.
    await expect(decideEnrolment(db, leader, { enrolmentId: "missing", decision: "approve" })).rejects.toBeInstanceOf(NotFoundError);
    // HR may decide any request.
    expect((await listPendingApprovals(db, hr, { page: 1 })).requests.some((r) => r.id === enrolment.id)).toBe(true);
    await decideEnrolment(db, hr, { enrolmentId: enrolment.id, decision: "approve" });

    // A leader's own request goes to their leader; they cannot approve it themselves.
    const dezernat = await createUnit(db, { type: "DEZERNAT" });
    await db.orgUnit.update({ where: { id: s.amtA.id }, data: { parentId: dezernat.id, path: `${dezernat.path}${s.amtA.id}/` } });
    await db.orgUnit.update({ where: { id: s.abteilungA1.id }, data: { path: `${dezernat.path}${s.amtA.id}/${s.abteilungA1.id}/` } });
    const head = await createPerson(db, { unit: dezernat, firstName: "Dora" });
    await makeLeader(db, dezernat.id, head.id);
    const own = await enrol(db, leader, { sessionId: session.id });
    expect(own.enrolment.status).toBe("REQUESTED");
    expect(await db.notification.count({ where: { kind: "enrolment.requested", personId: head.id } })).toBe(1);
    await expect(decideEnrolment(db, leader, { enrolmentId: own.enrolment.id, decision: "approve" })).rejects.toBeInstanceOf(AccessDeniedError);
    expect((await listPendingApprovals(db, leader, { page: 1 })).requests.map((r) => r.id)).not.toContain(own.enrolment.id);
  });

  it("notifies leader and deputy of the nearest led unit", async () => {
    const { s, employee } = await setup();
    const deputy = await createPerson(db, { unit: s.amtA, firstName: "Vera" });
    await db.orgUnit.update({ where: { id: s.amtA.id }, data: { deputyId: deputy.id } });
    const { session } = await createTraining(db, { requiresApproval: true });
    await enrol(db, employee, { sessionId: session.id });
    const to = await db.notification.findMany({ where: { kind: "enrolment.requested", personId: { in: [s.leader.id, deputy.id] } } });
    expect(to.map((n) => n.personId).sort()).toEqual([s.leader.id, deputy.id].sort());
  });
});

describe("direct enrolment and seats", () => {
  it("without approval a request takes a seat, then the waiting list with positions", async () => {
    const { s, employee } = await setup();
    const { session } = await createTraining(db, { capacity: 1, requiresApproval: false });
    const colleague = await accountFor(s.colleague);
    const outsider = await accountFor(s.outsider);
    const a = await enrol(db, employee, { sessionId: session.id });
    const b = await enrol(db, colleague, { sessionId: session.id });
    const c = await enrol(db, outsider, { sessionId: session.id });
    expect([a.enrolment.status, b.enrolment.status, c.enrolment.status]).toEqual(["CONFIRMED", "WAITLISTED", "WAITLISTED"]);
    expect([b.position, c.position]).toEqual([1, 2]);
    expect(await db.notification.count({ where: { kind: "enrolment.confirmed", personId: s.employee.id } })).toBe(1);
    const mine = await listEnrolmentsOfPerson(db, outsider, s.outsider.id);
    expect(mine.upcoming.map((e) => [e.status, e.position])).toEqual([["WAITLISTED", 2]]);
    const state = await getTrainingEnrolmentState(db, colleague, session.trainingId);
    expect(state.sessions[session.id]).toMatchObject({ own: { status: "WAITLISTED", position: 1 }, canRequest: false, canCancel: true });
  });

  it("leaders enrol their team directly (no approval), HR anyone; nobody else", async () => {
    const { s, employee, leader, hr } = await setup();
    const { session } = await createTraining(db, { capacity: 5, requiresApproval: true });
    const byLeader = await enrol(db, leader, { sessionId: session.id, personId: s.employee.id });
    expect(byLeader.enrolment.status).toBe("CONFIRMED");
    expect(byLeader.enrolment.decidedById).toBe(s.leaderUser.id);
    expect(await db.auditEvent.count({ where: { action: "enrolment.enrol", entityId: byLeader.enrolment.id } })).toBe(1);
    await expect(enrol(db, leader, { sessionId: session.id, personId: s.employee.id })).rejects.toThrow("enrolment.error.personAlreadyEnrolled");
    await expect(enrol(db, leader, { sessionId: session.id, personId: s.outsider.id })).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(enrol(db, employee, { sessionId: session.id, personId: s.colleague.id })).rejects.toBeInstanceOf(AccessDeniedError);
    expect((await enrol(db, hr, { sessionId: session.id, personId: s.outsider.id })).enrolment.status).toBe("CONFIRMED");
    expect(await db.enrolment.count({ where: { sessionId: session.id } })).toBe(2);

    const teamCandidates = await listEnrolCandidates(db, leader);
    expect(teamCandidates?.people.map((p) => p.id).sort()).toEqual([s.employee.id, s.colleague.id].sort());
    expect(await listEnrolCandidates(db, employee)).toBeNull();
    expect((await listEnrolCandidates(db, hr, { q: s.outsider.lastName }))?.people.map((p) => p.id)).toEqual([s.outsider.id]);
  });

  it("refuses past sessions, passed deadlines, cancelled sessions, drafts and people who left", async () => {
    const { s, employee, hr } = await setup();
    const past = await createTraining(db, { startsInDays: -2, requiresApproval: false });
    await expect(enrol(db, employee, { sessionId: past.session.id })).rejects.toThrow("enrolment.error.sessionPast");
    await expect(enrol(db, hr, { sessionId: past.session.id, personId: s.employee.id })).rejects.toThrow("enrolment.error.sessionPast");

    const late = await createTraining(db, { requiresApproval: false });
    await db.trainingSession.update({ where: { id: late.session.id }, data: { enrolmentDeadline: new Date(Date.now() - 60_000) } });
    await expect(enrol(db, employee, { sessionId: late.session.id })).rejects.toThrow("enrolment.error.deadlinePassed");
    // HR may still add someone after the deadline (until the session starts).
    expect((await enrol(db, hr, { sessionId: late.session.id, personId: s.employee.id })).enrolment.status).toBe("CONFIRMED");

    const cancelled = await createTraining(db, { requiresApproval: false });
    await db.trainingSession.update({ where: { id: cancelled.session.id }, data: { status: "CANCELLED" } });
    await expect(enrol(db, employee, { sessionId: cancelled.session.id })).rejects.toThrow("enrolment.error.sessionCancelled");

    const draft = await createTraining(db, { status: "DRAFT" });
    await expect(enrol(db, employee, { sessionId: draft.session.id })).rejects.toBeInstanceOf(NotFoundError);
    await expect(enrol(db, hr, { sessionId: draft.session.id, personId: s.employee.id })).rejects.toThrow("enrolment.error.trainingNotOpen");
    await expect(enrol(db, employee, { sessionId: "missing" })).rejects.toBeInstanceOf(NotFoundError);

    const open = await createTraining(db, { requiresApproval: false });
    await db.person.update({ where: { id: s.colleague.id }, data: { status: "LEFT" } });
    await expect(enrol(db, hr, { sessionId: open.session.id, personId: s.colleague.id })).rejects.toThrow("enrolment.error.personLeft");
    await expect(enrol(db, employee, { sessionId: open.session.id, note: "x".repeat(1001) })).rejects.toBeInstanceOf(ValidationError);
    expect(await db.enrolment.count({ where: { sessionId: { in: [past.session.id, cancelled.session.id, draft.session.id, open.session.id] } } })).toBe(0);
  });
});

describe("cancelling", () => {
  it("a cancelled confirmed place moves the first on the waiting list up", async () => {
    const { s, employee, leader } = await setup();
    const { session } = await createTraining(db, { capacity: 1, requiresApproval: false });
    const colleague = await accountFor(s.colleague);
    const outsider = await accountFor(s.outsider);
    const a = await enrol(db, employee, { sessionId: session.id });
    const b = await enrol(db, colleague, { sessionId: session.id });
    const c = await enrol(db, outsider, { sessionId: session.id });
    // Only the person, their leader or HR cancel.
    await expect(cancelEnrolment(db, outsider, { enrolmentId: a.enrolment.id })).rejects.toBeInstanceOf(AccessDeniedError);
    const { promoted } = await cancelEnrolment(db, employee, { enrolmentId: a.enrolment.id, reason: "Krank" });
    expect(promoted.map((p) => p.id)).toEqual([b.enrolment.id]);
    expect(await seats(session.id)).toBe(1);
    const cancelled = await db.enrolment.findUniqueOrThrow({ where: { id: a.enrolment.id } });
    expect([cancelled.status, cancelled.activeKey, cancelled.cancelReason, cancelled.cancelledById]).toEqual(["CANCELLED", null, "Krank", s.employeeUser.id]);
    expect(await db.notification.count({ where: { kind: "enrolment.promoted", personId: s.colleague.id } })).toBe(1);
    expect((await listEnrolmentsOfPerson(db, outsider, s.outsider.id)).upcoming[0]?.position).toBe(1);
    await expect(cancelEnrolment(db, employee, { enrolmentId: a.enrolment.id })).rejects.toThrow("enrolment.error.notActive");

    // The leader cancels for their team; a waitlisted cancellation frees no seat.
    await cancelEnrolment(db, leader, { enrolmentId: b.enrolment.id });
    expect((await db.enrolment.findUniqueOrThrow({ where: { id: c.enrolment.id } })).status).toBe("CONFIRMED");
    await cancelEnrolment(db, outsider, { enrolmentId: c.enrolment.id });
    expect(await seats(session.id)).toBe(0);
    // The employee can enrol again after cancelling.
    expect((await enrol(db, employee, { sessionId: session.id })).enrolment.status).toBe("CONFIRMED");
  });

  it("past sessions cannot be cancelled", async () => {
    const { s, employee } = await setup();
    const { training, session } = await createTraining(db, { startsInDays: -3 });
    const e = await db.enrolment.create({
      data: { personId: s.employee.id, trainingId: training.id, sessionId: session.id, status: "CONFIRMED", activeKey: activeKeyOf(s.employee.id, session.id), requestedById: s.employeeUser.id },
    });
    await expect(cancelEnrolment(db, employee, { enrolmentId: e.id })).rejects.toThrow("enrolment.error.cancelPast");
  });

  it("HR cancels a whole session: everyone active is cancelled and notified", async () => {
    const { s, employee, leader, hr } = await setup();
    const { session } = await createTraining(db, { capacity: 1, requiresApproval: true });
    const colleague = await accountFor(s.colleague);
    await enrol(db, leader, { sessionId: session.id, personId: s.employee.id });
    await enrol(db, leader, { sessionId: session.id, personId: s.colleague.id });
    const requested = await enrol(db, await accountFor(s.outsider), { sessionId: session.id });
    expect(requested.enrolment.status).toBe("REQUESTED");
    await expect(cancelSession(db, leader, { sessionId: session.id })).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(cancelSession(db, employee, { sessionId: session.id })).rejects.toBeInstanceOf(AccessDeniedError);
    const result = await cancelSession(db, hr, { sessionId: session.id, reason: "Trainerin erkrankt" });
    expect(result.cancelled).toBe(3);
    const after = await db.trainingSession.findUniqueOrThrow({ where: { id: session.id } });
    expect([after.status, after.confirmedCount]).toEqual(["CANCELLED", 0]);
    const rows = await db.enrolment.findMany({ where: { sessionId: session.id } });
    expect(rows.every((r) => r.status === "CANCELLED" && r.activeKey === null && r.cancelReason === "Trainerin erkrankt")).toBe(true);
    expect(await db.notification.count({ where: { kind: "session.cancelled", personId: { in: [s.employee.id, s.colleague.id, s.outsider.id] } } })).toBe(3);
    await expect(cancelSession(db, hr, { sessionId: session.id })).rejects.toThrow("enrolment.error.sessionCancelled");
    await expect(enrol(db, colleague, { sessionId: session.id })).rejects.toThrow("enrolment.error.sessionCancelled");
  });
});

describe("who sees what", () => {
  it("session participants: HR and trainer all, leaders their team, others nobody", async () => {
    const { s, employee, leader, hr } = await setup();
    const trainerPerson = await createPerson(db, { unit: s.amtB, firstName: "Tim" });
    const trainer = await accountFor(trainerPerson);
    const { session } = await createTraining(db, { capacity: 1, requiresApproval: false, trainerPersonId: trainerPerson.id });
    await enrol(db, hr, { sessionId: session.id, personId: s.outsider.id });
    await enrol(db, hr, { sessionId: session.id, personId: s.employee.id });
    const all = await getSessionParticipants(db, hr, session.id);
    expect(all.participants.map((p) => p.person.id)).toEqual([s.outsider.id]);
    expect(all.waitlist.map((p) => [p.person.id, p.position])).toEqual([[s.employee.id, 1]]);
    expect(all.canCancelSession).toBe(true);
    const asTrainer = await getSessionParticipants(db, trainer, session.id);
    expect(asTrainer.scope).toBe("all");
    expect(asTrainer.canCancelSession).toBe(false);
    const asLeader = await getSessionParticipants(db, leader, session.id);
    expect(asLeader.scope).toBe("team");
    expect([...asLeader.participants, ...asLeader.waitlist].map((p) => p.person.id)).toEqual([s.employee.id]);
    await expect(getSessionParticipants(db, employee, session.id)).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(getSessionParticipants(db, hr, "missing")).rejects.toBeInstanceOf(NotFoundError);
    expect(await db.auditEvent.count({ where: { action: "enrolment.read-session", entityId: session.id } })).toBe(3);
  });

  it("a person's enrolments: own, their leader, HR; reads of others are audited", async () => {
    const { s, employee, leader, hr } = await setup();
    const { session } = await createTraining(db, { requiresApproval: false });
    await enrol(db, employee, { sessionId: session.id });
    expect((await listEnrolmentsOfPerson(db, employee, s.employee.id)).upcoming).toHaveLength(1);
    expect((await listEnrolmentsOfPerson(db, leader, s.employee.id)).access).toBe("team");
    expect((await listEnrolmentsOfPerson(db, hr, s.employee.id)).access).toBe("any");
    await expect(listEnrolmentsOfPerson(db, employee, s.colleague.id)).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(listEnrolmentsOfPerson(db, leader, s.outsider.id)).rejects.toBeInstanceOf(AccessDeniedError);
    expect(await db.auditEvent.count({ where: { action: "enrolment.read", affectedPersonId: s.employee.id } })).toBe(2);
  });
});
