import { db } from "~/utils/db.server.ts";
import { AccessDeniedError, NotFoundError, ValidationError } from "~/modules/errors.ts";
import { addDays, todayInBerlin } from "~/modules/compliance/days.ts";
import { recordAttendance } from "~/modules/training/completions.server.ts";
import { createJourney, getJourney, listJourneysOfPerson, listMyJourneys, nextJourneySteps } from "./journeys.server.ts";
import { addPhase, addStep, moveStep, removeStep, updateJourneyMeta, updateStep } from "./journey-editor.server.ts";
import { agreeJourney, cancelJourney, commentJourney, completeJourney, proposeJourney, sendBackJourney, setStepStatus, startJourney, writeReflection } from "./journey-workflow.server.ts";
import { actorFor, createAccount, createScenario, makeLeader } from "../../../tests/factories.ts";
import { createTraining } from "../../../tests/training-factories.ts";
import { createPublishedFramework } from "../../../tests/competency-factories.ts";
import { createJourney as createJourneyRow, stepsOf } from "../../../tests/journey-factories.ts";

const DAY = 86_400_000;

async function setup() {
  const s = await createScenario(db);
  await makeLeader(db, s.amtB.id, s.outsider.id);
  const otherLeaderUser = await createAccount(db, s.outsider);
  const colleagueUser = await createAccount(db, s.colleague);
  return {
    s,
    employee: await actorFor(db, s.employeeUser.id),
    leader: await actorFor(db, s.leaderUser.id),
    hr: await actorFor(db, s.hrUser.id),
    otherLeader: await actorFor(db, otherLeaderUser.id),
    colleague: await actorFor(db, colleagueUser.id),
  };
}

const today = todayInBerlin();
const meta = { title: "Meine Lernreise", goalKind: "FREE" as const, goalText: "Besser schreiben", startsOn: today, endsOn: addDays(today, 120) };

async function rejects(promise: Promise<unknown>, type: new (...args: never[]) => Error, message?: string) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(type);
  if (message) expect((error as Error).message).toBe(message);
  return error as Error;
}

describe("journeys", () => {
  it("creates a journey by hand, edits phases and steps while editable, validates input", async () => {
    const ctx = await setup();
    await rejects(createJourney(db, ctx.employee, { ...meta, endsOn: addDays(today, -1) }), ValidationError);
    await rejects(createJourney(db, ctx.employee, { ...meta, personId: ctx.s.colleague.id }), AccessDeniedError);
    await rejects(createJourney(db, ctx.otherLeader, { ...meta, personId: ctx.s.employee.id }), AccessDeniedError);
    const { id } = await createJourney(db, ctx.employee, meta);
    const view = await getJourney(db, ctx.employee, id);
    expect(view.journey.status).toBe("DRAFT");
    expect(view.phases).toHaveLength(1);
    const phaseId = view.phases[0]!.id;
    const phase2 = await addPhase(db, ctx.employee, id, { title: "Vertiefung" });
    // Bad input: no title for reading, due day outside the frame, e-learning without a url.
    await rejects(addStep(db, ctx.employee, id, { phaseId, kind: "READING", title: "" }), ValidationError);
    const outside = await rejects(addStep(db, ctx.employee, id, { phaseId, kind: "READING", title: "Buch", dueOn: addDays(today, 200) }), ValidationError);
    expect((outside as ValidationError).fieldErrors.dueOn).toEqual(["journeys.validation.dueOutsideFrame"]);
    await rejects(addStep(db, ctx.employee, id, { phaseId, kind: "ELEARNING", url: "kein-link" }), ValidationError);
    const a = await addStep(db, ctx.employee, id, { phaseId, kind: "READING", title: "Buch", dueOn: addDays(today, 10) });
    const b = await addStep(db, ctx.employee, id, { phaseId, kind: "ELEARNING", url: "https://lernen.example/kurs" });
    await addStep(db, ctx.employee, id, { phaseId: phase2.id, kind: "REFLECTION", title: "Was habe ich gelernt?" });
    await moveStep(db, ctx.employee, id, b.id, "up");
    let steps = await stepsOf(db, id);
    expect(steps.map((x) => x.title)).toEqual(["E-Learning", "Buch", "Was habe ich gelernt?"]);
    await moveStep(db, ctx.employee, id, a.id, "down");
    steps = await stepsOf(db, id);
    expect(steps.map((x) => [x.title, x.phaseId])).toEqual([
      ["E-Learning", phaseId],
      ["Buch", phase2.id],
      ["Was habe ich gelernt?", phase2.id],
    ]);
    await updateStep(db, ctx.employee, id, a.id, { phaseId, kind: "READING", title: "Anderes Buch", dueOn: addDays(today, 5) });
    await removeStep(db, ctx.employee, id, b.id);
    await updateJourneyMeta(db, ctx.employee, id, { ...meta, title: "Neuer Titel" });
    const again = await getJourney(db, ctx.employee, id);
    expect(again.journey.title).toBe("Neuer Titel");
    expect(again.phases.flatMap((p) => p.steps.map((x) => x.title))).toEqual(["Anderes Buch", "Was habe ich gelernt?"]);
    expect(again.events.filter((e) => e.kind === "STEP_CHANGED").length).toBeGreaterThan(3);
    // A leader of another team may not edit it; the person's leader may.
    await rejects(addPhase(db, ctx.otherLeader, id, { title: "x" }), AccessDeniedError);
    await addPhase(db, ctx.leader, id, { title: "Von der Führungskraft" });
    expect(await db.auditEvent.count({ where: { entityId: id } })).toBeGreaterThan(5);
  });

  it("runs the workflow: propose, send back with comment, agree with enrolments, refused moves", async () => {
    const ctx = await setup();
    const { training: free, session: freeSession } = await createTraining(db, { title: "Schreibwerkstatt", startsInDays: 20, capacity: 5 });
    const { training: full, session: fullSession } = await createTraining(db, { title: "Ausgebucht", startsInDays: 25, capacity: 0 });
    const { training: already, session: alreadySession } = await createTraining(db, { title: "Schon angemeldet", startsInDays: 30, requiresApproval: false });
    const { training: noDate } = await createTraining(db, { title: "Ohne Termin" });
    const existing = await db.enrolment.create({ data: { personId: ctx.s.employee.id, trainingId: already.id, sessionId: alreadySession.id, status: "CONFIRMED", activeKey: `${ctx.s.employee.id}:${alreadySession.id}`, requestedById: ctx.s.employeeUser.id } });
    const { id } = await createJourney(db, ctx.employee, meta);
    const phaseId = (await getJourney(db, ctx.employee, id)).phases[0]!.id;
    // Proposing an empty journey is refused.
    await rejects(proposeJourney(db, ctx.employee, id), ValidationError, "journeys.error.noSteps");
    await addStep(db, ctx.employee, id, { phaseId, kind: "TRAINING", trainingId: free.id, sessionId: freeSession.id });
    await addStep(db, ctx.employee, id, { phaseId, kind: "TRAINING", trainingId: full.id, sessionId: fullSession.id });
    await addStep(db, ctx.employee, id, { phaseId, kind: "TRAINING", trainingId: already.id, sessionId: alreadySession.id });
    await addStep(db, ctx.employee, id, { phaseId, kind: "TRAINING", trainingId: noDate.id });
    // Not yet proposed: nobody can agree.
    await rejects(agreeJourney(db, ctx.leader, id), ValidationError, "journeys.error.cannotMoveTo.AGREED");
    await proposeJourney(db, ctx.employee, id);
    expect(await db.notification.count({ where: { personId: ctx.s.leader.id, kind: "journey.proposed" } })).toBe(1);
    await rejects(proposeJourney(db, ctx.employee, id), ValidationError);
    // The owner never agrees (even with HR rights), nor does a leader of another team.
    await rejects(agreeJourney(db, ctx.employee, id), AccessDeniedError);
    await rejects(agreeJourney(db, ctx.otherLeader, id), AccessDeniedError);
    await rejects(sendBackJourney(db, ctx.leader, id, { comment: "  " }), ValidationError);
    await sendBackJourney(db, ctx.leader, id, { comment: "Bitte einen Termin früher." });
    expect((await getJourney(db, ctx.employee, id)).journey.status).toBe("DRAFT");
    expect(await db.notification.count({ where: { personId: ctx.s.employee.id, kind: "journey.sentBack" } })).toBe(1);
    await proposeJourney(db, ctx.employee, id);
    await rejects(startJourney(db, ctx.employee, id), ValidationError, "journeys.error.cannotMoveTo.ACTIVE");
    const { enrolments } = await agreeJourney(db, ctx.leader, id);
    expect(enrolments.map((e) => [e.status, e.created])).toEqual([
      ["CONFIRMED", true],
      ["WAITLISTED", true],
      ["CONFIRMED", false],
    ]);
    const steps = await stepsOf(db, id);
    expect(steps[2]!.enrolmentId).toBe(existing.id);
    expect(steps[3]!.enrolmentId).toBeNull();
    const freeEnrolment = await db.enrolment.findUniqueOrThrow({ where: { id: steps[0]!.enrolmentId! } });
    expect(freeEnrolment.decidedById).toBe(ctx.s.leaderUser.id);
    expect((await db.trainingSession.findUniqueOrThrow({ where: { id: freeSession.id } })).confirmedCount).toBe(1);
    const view = await getJourney(db, ctx.employee, id);
    expect(view.journey.status).toBe("AGREED");
    expect(view.flags.canEdit).toBe(false);
    // No editing after the agreement.
    await rejects(addPhase(db, ctx.employee, id, { title: "Zu spät" }), ValidationError, "journeys.error.notEditable");
    // Agreeing twice is refused.
    await rejects(agreeJourney(db, ctx.leader, id), ValidationError);
  });

  it("a completion ticks the step; completing freezes the record; the reflection stays private", async () => {
    const ctx = await setup();
    const fw = await createPublishedFramework(db);
    const { training, session } = await createTraining(db, { title: "Verständlich schreiben", startsInDays: 3, requiresApproval: false, competencies: [{ node: fw.writing, targetLevel: 3 }] });
    const journeyId = await createJourneyRow(db, {
      personId: ctx.s.employee.id,
      authorUserId: ctx.s.leaderUser.id,
      status: "PROPOSED",
      steps: [
        { kind: "TRAINING", title: "Verständlich schreiben", trainingId: training.id, sessionId: session.id, competencyId: fw.writing.id, lineageId: fw.writing.lineageId, targetLevel: 3, dueOn: addDays(today, 10) },
        { kind: "REFLECTION", title: "Was nehme ich mit?" },
        { kind: "ON_THE_JOB", title: "Bescheid umschreiben" },
      ],
    });
    await agreeJourney(db, ctx.hr, journeyId);
    const [trainingStep, reflectionStep, jobStep] = await stepsOf(db, journeyId);
    await writeReflection(db, ctx.employee, journeyId, { stepId: reflectionStep!.id, reflection: "Kurze Sätze helfen." });
    await rejects(writeReflection(db, ctx.leader, journeyId, { stepId: reflectionStep!.id, reflection: "x" }), AccessDeniedError);
    const ownView = await getJourney(db, ctx.employee, journeyId);
    expect(ownView.phases[0]!.steps[1]!.reflection).toBe("Kurze Sätze helfen.");
    for (const other of [ctx.leader, ctx.hr]) {
      const view = await getJourney(db, other, journeyId);
      const step = view.phases[0]!.steps[1]!;
      expect(step.hasReflection).toBe(true);
      expect(step.reflection).toBeNull();
      expect(JSON.stringify(view)).not.toContain("Kurze Sätze");
    }
    // Attendance after the session ticks the training step and activates the journey.
    const enrolment = await db.enrolment.findUniqueOrThrow({ where: { id: trainingStep!.enrolmentId! } });
    const after = new Date(session.endsAt.getTime() + DAY);
    await recordAttendance(db, ctx.hr, { sessionId: session.id, rows: [{ enrolmentId: enrolment.id, attendance: "ATTENDED", result: "PASSED" }] }, { now: after });
    const ticked = await db.journeyStep.findUniqueOrThrow({ where: { id: trainingStep!.id } });
    expect(ticked.status).toBe("DONE");
    expect(ticked.completionId).not.toBeNull();
    expect((await getJourney(db, ctx.employee, journeyId)).journey.status).toBe("ACTIVE");
    // Not all steps resolved: completing is refused; skipping needs a reason.
    await rejects(completeJourney(db, ctx.employee, journeyId), ValidationError, "journeys.error.stepsOpen");
    await rejects(setStepStatus(db, ctx.employee, journeyId, { stepId: jobStep!.id, status: "SKIPPED" }), ValidationError);
    await rejects(setStepStatus(db, ctx.otherLeader, journeyId, { stepId: jobStep!.id, status: "DONE" }), AccessDeniedError);
    await setStepStatus(db, ctx.leader, journeyId, { stepId: jobStep!.id, status: "SKIPPED", skipReason: "Kein passender Bescheid" });
    await setStepStatus(db, ctx.employee, journeyId, { stepId: reflectionStep!.id, status: "DONE" });
    const { record } = await completeJourney(db, ctx.employee, journeyId);
    expect(record.progress).toEqual({ done: 2, total: 2, skipped: 1, percent: 100 });
    expect(record.steps.map((x) => [x.kind, x.status])).toEqual([
      ["TRAINING", "DONE"],
      ["REFLECTION", "DONE"],
      ["ON_THE_JOB", "SKIPPED"],
    ]);
    expect(record.steps[2]!.skipReason).toBe("Kein passender Bescheid");
    expect(record.levels[0]).toMatchObject({ code: fw.writing.code, targetLevel: 3, currentLevel: 3 });
    expect(JSON.stringify(record)).not.toContain("Kurze Sätze");
    const done = await getJourney(db, ctx.leader, journeyId);
    expect(done.journey.status).toBe("COMPLETED");
    expect(done.completionRecord?.title).toBe("Testlernreise");
    expect(await db.notification.count({ where: { personId: ctx.s.leader.id, kind: "journey.completed" } })).toBe(1);
    // A completed journey does not move any more.
    await rejects(cancelJourney(db, ctx.employee, journeyId, { reason: "x" }), ValidationError);
    await rejects(setStepStatus(db, ctx.employee, journeyId, { stepId: jobStep!.id, status: "DONE" }), ValidationError);
  });

  it("lists journeys running first, comments notify the other side, leaders propose to people, cancel needs a reason", async () => {
    const ctx = await setup();
    const draft = await createJourneyRow(db, { personId: ctx.s.employee.id, authorUserId: ctx.s.employeeUser.id, title: "Entwurf" });
    const active = await createJourneyRow(db, {
      personId: ctx.s.employee.id,
      authorUserId: ctx.s.employeeUser.id,
      title: "Läuft",
      status: "ACTIVE",
      steps: [
        { kind: "READING", title: "Später", dueOn: addDays(today, 30) },
        { kind: "READING", title: "Überfällig", dueOn: addDays(today, -2) },
        { kind: "READING", title: "Ohne Datum" },
      ],
    });
    const mine = await listMyJourneys(db, ctx.employee);
    expect(mine.journeys.map((j) => j.title)).toEqual(["Läuft", "Entwurf"]);
    expect(mine.journeys[0]!.nextSteps.map((s) => s.title)).toEqual(["Überfällig", "Später", "Ohne Datum"]);
    expect(mine.journeys[0]!.overdueCount).toBe(1);
    const card = await nextJourneySteps(db, ctx.employee);
    expect(card?.steps.map((s) => s.title)).toEqual(["Überfällig", "Später", "Ohne Datum"]);
    expect(await nextJourneySteps(db, ctx.colleague)).toBeNull();
    // The person's page for the leader; not for another team's leader or a colleague.
    expect((await listJourneysOfPerson(db, ctx.leader, ctx.s.employee.id)).journeys).toHaveLength(2);
    await rejects(listJourneysOfPerson(db, ctx.otherLeader, ctx.s.employee.id), AccessDeniedError);
    await rejects(listJourneysOfPerson(db, ctx.colleague, ctx.s.employee.id), AccessDeniedError);
    await rejects(getJourney(db, ctx.colleague, active), AccessDeniedError);
    await rejects(getJourney(db, ctx.employee, "gibt-es-nicht"), NotFoundError);
    // Comments: the owner's go to the leader, the leader's to the owner.
    await commentJourney(db, ctx.employee, active, { comment: "Ich brauche mehr Zeit." });
    await commentJourney(db, ctx.leader, active, { comment: "Gern, bis Ende Januar." });
    await rejects(commentJourney(db, ctx.otherLeader, active, { comment: "Hallo" }), AccessDeniedError);
    await rejects(commentJourney(db, ctx.employee, active, { comment: "" }), ValidationError);
    expect(await db.notification.count({ where: { personId: ctx.s.leader.id, kind: "journey.comment" } })).toBe(1);
    expect(await db.notification.count({ where: { personId: ctx.s.employee.id, kind: "journey.comment" } })).toBe(1);
    expect((await getJourney(db, ctx.employee, active)).comments.map((c) => c.comment)).toEqual(["Ich brauche mehr Zeit.", "Gern, bis Ende Januar."]);
    // A leader creates and proposes a journey to the person.
    const { id: fromLeader } = await createJourney(db, ctx.leader, { ...meta, personId: ctx.s.employee.id, title: "Vorschlag der Führungskraft" });
    const phaseId = (await getJourney(db, ctx.leader, fromLeader)).phases[0]!.id;
    await addStep(db, ctx.leader, fromLeader, { phaseId, kind: "MENTORING", title: "Hospitation" });
    await proposeJourney(db, ctx.leader, fromLeader);
    expect(await db.notification.count({ where: { personId: ctx.s.employee.id, kind: "journey.proposedToPerson" } })).toBe(1);
    await rejects(cancelJourney(db, ctx.employee, draft, { reason: "" }), ValidationError);
    await cancelJourney(db, ctx.employee, draft, { reason: "Doch nicht" });
    expect((await getJourney(db, ctx.employee, draft)).journey.status).toBe("CANCELLED");
  });
});
