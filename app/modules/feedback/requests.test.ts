import { db } from "~/utils/db.server.ts";
import { createFeedbackRequests, processFeedbackRequests } from "./requests.server.ts";
import { recordAttendance } from "~/modules/training/completions.server.ts";
import { activeKeyOf } from "~/modules/training/enrolment.server.ts";
import { actorFor, createScenario, createPerson } from "../../../tests/factories.ts";
import { createTraining } from "../../../tests/training-factories.ts";
import { completeWithFeedback, createCompletion, createQuestionnaire, DAY_MS, setEvaluation } from "../../../tests/feedback-factories.ts";

const completedAt = new Date("2026-10-01T14:00:00.000Z");
const plusDays = (d: Date, days: number) => new Date(d.getTime() + days * DAY_MS);

async function setup() {
  const s = await createScenario(db);
  const { training, session } = await createTraining(db, { title: `Moderation ${Math.random().toString(36).slice(2, 6)}` });
  return { s, training, session };
}

const notificationsOf = (personId: string, kind?: string) => db.notification.findMany({ where: { personId, ...(kind ? { kind } : {}) } });

describe("createFeedbackRequests", () => {
  it("creates the immediate request, the participant's and the nearest leader's transfer check with their dates", async () => {
    const { s, training, session } = await setup();
    const now = plusDays(completedAt, 1);
    const { requests, immediate, transfer, leaderCheck } = await completeWithFeedback(db, { personId: s.employee.id, trainingId: training.id, sessionId: session.id, completedAt }, now);
    expect(requests).toHaveLength(3);
    expect(immediate).toMatchObject({ personId: s.employee.id, subjectPersonId: null, status: "PENDING", availableFrom: now, expiresAt: plusDays(now, 28), sessionId: session.id });
    expect(transfer).toMatchObject({ personId: s.employee.id, availableFrom: plusDays(completedAt, 56), expiresAt: plusDays(completedAt, 56 + 28) });
    // Abteilung A1 has no leader: the nearest is Amt A's.
    expect(leaderCheck).toMatchObject({ personId: s.leader.id, subjectPersonId: s.employee.id, availableFrom: plusDays(completedAt, 56) });
    const questionnaires = await db.questionnaire.findMany({ where: { id: { in: requests.map((r) => r.questionnaireId) } } });
    expect(questionnaires.map((q) => q.code).sort()).toEqual(["DEFAULT_IMMEDIATE", "DEFAULT_TRANSFER_LEADER", "DEFAULT_TRANSFER_PARTICIPANT"]);
  });

  it("asks nobody after a failed exam, without attendance or when the training's evaluation is off; runs twice without duplicates", async () => {
    const { s, training, session } = await setup();
    const failed = await completeWithFeedback(db, { personId: s.employee.id, trainingId: training.id, sessionId: session.id, completedAt, result: "FAILED" });
    expect(failed.requests).toHaveLength(0);
    const external = await completeWithFeedback(db, { personId: s.colleague.id, trainingId: training.id, sessionId: null, completedAt });
    expect(external.requests).toHaveLength(0);

    const other = await createTraining(db, { title: "Ohne Evaluation" });
    await setEvaluation(db, other.training.id, { enabled: false });
    const off = await completeWithFeedback(db, { personId: s.employee.id, trainingId: other.training.id, sessionId: other.session.id, completedAt });
    expect(off.requests).toHaveLength(0);

    const again = await completeWithFeedback(db, { personId: s.colleague.id, trainingId: training.id, sessionId: session.id, completedAt });
    expect(again.requests).toHaveLength(3);
    await db.$transaction((tx) => createFeedbackRequests(tx, [again.completion], { now: completedAt }));
    expect(await db.feedbackRequest.count({ where: { completionId: again.completion.id } })).toBe(3);
  });

  it("uses the training's questionnaires and delay; a leader's own completion goes to the leader above, or to nobody", async () => {
    const { s, training, session } = await setup();
    const q = await createQuestionnaire(db, { kind: "TRANSFER_PARTICIPANT" });
    await setEvaluation(db, training.id, { transfer: q.id, transferDelayDays: 30 });
    const r = await completeWithFeedback(db, { personId: s.employee.id, trainingId: training.id, sessionId: session.id, completedAt });
    expect(r.transfer).toMatchObject({ questionnaireId: q.id, availableFrom: plusDays(completedAt, 30) });
    expect(r.leaderCheck?.availableFrom).toEqual(plusDays(completedAt, 30));

    // Lea leads Amt A, a root unit: nobody above her.
    const lea = await completeWithFeedback(db, { personId: s.leader.id, trainingId: training.id, sessionId: session.id, completedAt });
    expect(lea.requests.map((x) => x.kind).sort()).toEqual(["IMMEDIATE", "TRANSFER_PARTICIPANT"]);
  });

  it("finds the nearest leaders of many participants in one go", async () => {
    const { s, training, session } = await setup();
    const subLeader = await createPerson(db, { unit: s.abteilungA1, firstName: "Sina" });
    await db.orgUnit.update({ where: { id: s.abteilungA1.id }, data: { leaderId: subLeader.id } });
    const completions = await Promise.all(
      [s.employee.id, s.colleague.id, subLeader.id, s.outsider.id].map((personId) => createCompletion(db, { personId, trainingId: training.id, sessionId: session.id, completedAt })),
    );
    await db.$transaction((tx) => createFeedbackRequests(tx, completions, { now: completedAt }));
    const checks = await db.feedbackRequest.findMany({ where: { completionId: { in: completions.map((c) => c.id) }, kind: "TRANSFER_LEADER" } });
    const leaderOf = new Map(checks.map((c) => [c.subjectPersonId, c.personId]));
    expect(leaderOf.get(s.employee.id)).toBe(subLeader.id);
    expect(leaderOf.get(s.colleague.id)).toBe(subLeader.id);
    // The Abteilung's leader is checked by the Amt's leader, not by herself.
    expect(leaderOf.get(subLeader.id)).toBe(s.leader.id);
    // Amt B has no leader.
    expect(leaderOf.has(s.outsider.id)).toBe(false);
  });
});

describe("the completion transaction", () => {
  it("recording attendance creates the requests of attendees, not of absentees or failed exams", async () => {
    const s = await createScenario(db);
    const { training, session } = await createTraining(db, { title: "Anwesenheit mit Feedback", startsInDays: -1, requiresApproval: false });
    const people = [s.employee, s.colleague, s.outsider];
    const enrolments = [];
    for (const p of people) {
      enrolments.push(await db.enrolment.create({ data: { personId: p.id, trainingId: training.id, sessionId: session.id, status: "CONFIRMED", activeKey: activeKeyOf(p.id, session.id), requestedById: s.hrUser.id } }));
    }
    await db.trainingSession.update({ where: { id: session.id }, data: { confirmedCount: people.length } });
    const hr = await actorFor(db, s.hrUser.id);
    await recordAttendance(db, hr, {
      sessionId: session.id,
      rows: [
        { enrolmentId: enrolments[0]!.id, attendance: "ATTENDED", result: "PASSED" },
        { enrolmentId: enrolments[1]!.id, attendance: "ATTENDED", result: "FAILED" },
        { enrolmentId: enrolments[2]!.id, attendance: "ABSENT" },
      ],
    });
    const requests = await db.feedbackRequest.findMany({ where: { trainingId: training.id } });
    expect(requests.map((r) => `${r.kind}:${r.personId}`).sort()).toEqual([`IMMEDIATE:${s.employee.id}`, `TRANSFER_LEADER:${s.leader.id}`, `TRANSFER_PARTICIPANT:${s.employee.id}`].sort());
  });
});

describe("processFeedbackRequests", () => {
  it("notifies the immediate request at once and the transfer checks only after the delay; reminds once; expires", async () => {
    const { s, training, session } = await setup();
    const { immediate, transfer, leaderCheck } = await completeWithFeedback(db, { personId: s.employee.id, trainingId: training.id, sessionId: session.id, completedAt });

    await processFeedbackRequests(db, { now: plusDays(completedAt, 0) });
    const requested = await notificationsOf(s.employee.id, "feedback.requested");
    expect(requested).toHaveLength(1);
    expect(requested[0]!.link).toBe(`/feedback/${immediate!.id}`);
    expect(JSON.parse(requested[0]!.params)).toMatchObject({ training: training.title, date: "29.10.2026" });
    expect(await db.outboxMail.count({ where: { notificationId: requested[0]!.id } })).toBe(1);
    expect(await notificationsOf(s.employee.id, "feedback.transferRequested")).toHaveLength(0);
    expect(await notificationsOf(s.leader.id, "feedback.leaderTransferRequested")).toHaveLength(0);

    // A week after the notification: one reminder, not two.
    await processFeedbackRequests(db, { now: plusDays(completedAt, 6) });
    expect(await notificationsOf(s.employee.id, "feedback.reminder")).toHaveLength(0);
    await processFeedbackRequests(db, { now: plusDays(completedAt, 7) });
    await processFeedbackRequests(db, { now: plusDays(completedAt, 8) });
    expect(await notificationsOf(s.employee.id, "feedback.reminder")).toHaveLength(1);

    // Expiry after 28 days.
    await processFeedbackRequests(db, { now: plusDays(completedAt, 28) });
    expect((await db.feedbackRequest.findUniqueOrThrow({ where: { id: immediate!.id } })).status).toBe("EXPIRED");

    // The transfer checks, the day before the delay ends: nothing; after: participant and leader.
    await processFeedbackRequests(db, { now: plusDays(completedAt, 55) });
    expect(await notificationsOf(s.employee.id, "feedback.transferRequested")).toHaveLength(0);
    await processFeedbackRequests(db, { now: plusDays(completedAt, 57) });
    const transferNote = await notificationsOf(s.employee.id, "feedback.transferRequested");
    expect(transferNote.map((n) => n.link)).toEqual([`/feedback/${transfer!.id}`]);
    const leaderNote = await notificationsOf(s.leader.id, "feedback.leaderTransferRequested");
    expect(leaderNote.map((n) => n.link)).toEqual([`/feedback/${leaderCheck!.id}`]);
    expect(JSON.parse(leaderNote[0]!.params)).toMatchObject({ training: training.title, person: `${s.employee.firstName} ${s.employee.lastName}` });
    // Nothing twice.
    await processFeedbackRequests(db, { now: plusDays(completedAt, 58) });
    expect(await notificationsOf(s.employee.id, "feedback.transferRequested")).toHaveLength(1);
    expect(await notificationsOf(s.employee.id, "feedback.requested")).toHaveLength(1);
  });

  it("does not notify or remind answered requests, and never expires them", async () => {
    const { s, training, session } = await setup();
    const { immediate } = await completeWithFeedback(db, { personId: s.colleague.id, trainingId: training.id, sessionId: session.id, completedAt });
    await db.feedbackRequest.update({ where: { id: immediate!.id }, data: { status: "ANSWERED" } });
    await processFeedbackRequests(db, { now: plusDays(completedAt, 40) });
    expect(await notificationsOf(s.colleague.id)).toHaveLength(0);
    expect((await db.feedbackRequest.findUniqueOrThrow({ where: { id: immediate!.id } })).status).toBe("ANSWERED");
  });

  it("two overlapping runs notify each request once", async () => {
    const { s, training, session } = await setup();
    const people = await Promise.all([1, 2, 3, 4, 5, 6].map((i) => createPerson(db, { unit: s.abteilungA1, firstName: `P${i}` })));
    const completions = await Promise.all(people.map((p) => createCompletion(db, { personId: p.id, trainingId: training.id, sessionId: session.id, completedAt })));
    await db.$transaction((tx) => createFeedbackRequests(tx, completions, { now: completedAt }));
    const now = plusDays(completedAt, 1);
    const [a, b] = await Promise.all([processFeedbackRequests(db, { now }), processFeedbackRequests(db, { now })]);
    const notes = await db.notification.findMany({ where: { personId: { in: people.map((p) => p.id) }, kind: "feedback.requested" } });
    expect(notes).toHaveLength(6);
    expect(new Set(notes.map((n) => n.personId)).size).toBe(6);
    expect(a.notified + b.notified).toBeGreaterThanOrEqual(6);
  });
});
