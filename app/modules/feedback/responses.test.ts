import { db } from "~/utils/db.server.ts";
import { NotFoundError, ValidationError } from "~/modules/errors.ts";
import { ALREADY_ANSWERED, getFeedbackForm, itemField, gainField, listMyFeedback, submitFeedback, type FeedbackInput } from "./responses.server.ts";
import { actorFor, createAccount, createScenario } from "../../../tests/factories.ts";
import { createTraining } from "../../../tests/training-factories.ts";
import { createPublishedFramework } from "../../../tests/competency-factories.ts";
import { completeWithFeedback, createQuestionnaire, DAY_MS, setEvaluation } from "../../../tests/feedback-factories.ts";

const completedAt = new Date("2026-10-01T14:00:00.000Z");
const plusDays = (d: Date, days: number) => new Date(d.getTime() + days * DAY_MS);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

async function setup({ learningGain = false } = {}) {
  const s = await createScenario(db);
  const framework = await createPublishedFramework(db);
  const competency = framework.writing;
  const { training, session } = await createTraining(db, { title: "Agile Methoden", competencies: [{ node: competency, targetLevel: 3 }] });
  await db.training.update({ where: { id: training.id }, data: { provider: "Studieninstitut Mittelhessen" } });
  const immediate = await createQuestionnaire(db, { kind: "IMMEDIATE", learningGain });
  const leaderQ = await createQuestionnaire(db, { kind: "TRANSFER_LEADER" });
  await setEvaluation(db, training.id, { immediate: immediate.id, leader: leaderQ.id });
  const r = await completeWithFeedback(db, { personId: s.employee.id, trainingId: training.id, sessionId: session.id, completedAt });
  const employee = await actorFor(db, s.employeeUser.id);
  const leader = await actorFor(db, s.leaderUser.id);
  const colleagueUser = await createAccount(db, s.colleague);
  const colleague = await actorFor(db, colleagueUser.id);
  const [scale, nps, single, multi, text] = immediate.items;
  const valid: FeedbackInput = {
    [itemField(scale!.id)]: ["4"],
    [itemField(nps!.id)]: ["9"],
    [itemField(single!.id)]: ["partly"],
    [itemField(multi!.id)]: ["no_time", "technology"],
    [itemField(text!.id)]: ["Mehr Praxisbeispiele"],
  };
  return { s, training, session, competency, immediate, leaderQ, r, employee, leader, colleague, valid, items: { scale: scale!, nps: nps!, single: single!, multi: multi!, text: text! } };
}

const now = plusDays(completedAt, 1);

describe("answering feedback", () => {
  it("lists and shows only the actor's own available requests", async () => {
    const { r, employee, colleague, leader } = await setup();
    const mine = await listMyFeedback(db, employee, { now });
    expect(mine.open.map((i) => i.id)).toEqual([r.immediate!.id]);
    // The transfer checks are not there before the delay.
    expect((await listMyFeedback(db, leader, { now })).open).toHaveLength(0);
    await expect(getFeedbackForm(db, employee, r.transfer!.id, { now })).rejects.toBeInstanceOf(NotFoundError);
    // Someone else's request: not found, as if it did not exist.
    await expect(getFeedbackForm(db, colleague, r.immediate!.id, { now })).rejects.toBeInstanceOf(NotFoundError);
    await expect(getFeedbackForm(db, leader, r.immediate!.id, { now })).rejects.toBeInstanceOf(NotFoundError);
    const form = await getFeedbackForm(db, employee, r.immediate!.id, { now });
    expect(form.request.state).toBe("open");
    expect(form.items.map((i) => i.type)).toEqual(["SCALE5", "NPS", "SINGLE", "MULTI", "TEXT"]);
  });

  it("stores an anonymous response: receipt, answered request, response without person, request or time", async () => {
    const { s, training, session, r, employee, valid, items } = await setup();
    await submitFeedback(db, employee, r.immediate!.id, valid, { now });
    expect(await db.feedbackReceipt.findUnique({ where: { requestId: r.immediate!.id } })).not.toBeNull();
    expect((await db.feedbackRequest.findUniqueOrThrow({ where: { id: r.immediate!.id } })).status).toBe("ANSWERED");
    const responses = await db.feedbackResponse.findMany({ where: { trainingId: training.id }, include: { answers: true, gains: true } });
    expect(responses).toHaveLength(1);
    const response = responses[0]!;
    expect(response).toMatchObject({ kind: "IMMEDIATE", sessionId: session.id, provider: "Studieninstitut Mittelhessen", period: "2026-10", unitPath: s.abteilungA1.path });
    // Random ids, not derived from anything.
    expect(response.id).toMatch(UUID);
    for (const a of response.answers) expect(a.id).toMatch(UUID);
    // The columns: nothing that points to a person or a request, no timestamp.
    const { answers, gains, ...row } = response;
    expect(Object.keys(row).sort()).toEqual(["id", "kind", "period", "provider", "questionnaireId", "sessionId", "trainingId", "unitPath"]);
    expect(Object.keys(answers[0]!).sort()).toEqual(["choices", "id", "itemId", "responseId", "text", "value"]);
    const everything = JSON.stringify({ row, answers, gains });
    for (const secret of [s.employee.id, r.immediate!.id, r.completion.id, employee.userId]) expect(everything).not.toContain(secret);
    expect(everything).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    const byItem = new Map(answers.map((a) => [a.itemId, a]));
    expect(byItem.get(items.scale.id)?.value).toBe(4);
    expect(byItem.get(items.nps.id)?.value).toBe(9);
    expect(JSON.parse(byItem.get(items.single.id)!.choices!)).toEqual(["partly"]);
    expect(JSON.parse(byItem.get(items.multi.id)!.choices!)).toEqual(["no_time", "technology"]);
    expect(byItem.get(items.text.id)?.text).toBe("Mehr Praxisbeispiele");
    // The audit trail names the request, never the response.
    const audit = await db.auditEvent.findFirst({ where: { action: "feedback.answered", entityId: r.immediate!.id } });
    expect(audit).toMatchObject({ entityType: "FeedbackRequest" });
    expect(await db.auditEvent.count({ where: { entityId: response.id } })).toBe(0);
    // Listed as answered, without content.
    const mine = await listMyFeedback(db, employee, { now });
    expect(mine.closed.find((i) => i.id === r.immediate!.id)).toMatchObject({ state: "answered" });
    expect(JSON.stringify(mine)).not.toContain("Mehr Praxisbeispiele");
  });

  it("refuses a second answer, also when two arrive at the same time", async () => {
    const { training, r, employee, valid } = await setup();
    const results = await Promise.allSettled([submitFeedback(db, employee, r.immediate!.id, valid, { now }), submitFeedback(db, employee, r.immediate!.id, valid, { now })]);
    expect(results.filter((x) => x.status === "fulfilled")).toHaveLength(1);
    expect(await db.feedbackResponse.count({ where: { trainingId: training.id } })).toBe(1);
    await expect(submitFeedback(db, employee, r.immediate!.id, valid, { now })).rejects.toThrow(ALREADY_ANSWERED);
    expect(await db.feedbackResponse.count({ where: { trainingId: training.id } })).toBe(1);
    // The database itself refuses a second receipt.
    await expect(db.feedbackReceipt.create({ data: { requestId: r.immediate!.id } })).rejects.toThrow();
  });

  it("refuses someone else's request and expired ones; bad input changes nothing", async () => {
    const { training, r, employee, colleague, leader, valid, items } = await setup();
    await expect(submitFeedback(db, colleague, r.immediate!.id, valid, { now })).rejects.toBeInstanceOf(NotFoundError);
    await expect(submitFeedback(db, leader, r.immediate!.id, valid, { now })).rejects.toBeInstanceOf(NotFoundError);
    const bad = await submitFeedback(db, employee, r.immediate!.id, { ...valid, [itemField(items.scale.id)]: ["7"], [itemField(items.nps.id)]: [], [itemField(items.multi.id)]: ["bribe"] }, { now }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(ValidationError);
    expect((bad as ValidationError).fieldErrors).toMatchObject({
      [itemField(items.scale.id)]: ["Bitte wählen Sie einen Wert von 1 bis 5."],
      [itemField(items.nps.id)]: ["Bitte wählen Sie einen Wert."],
      [itemField(items.multi.id)]: ["Bitte wählen Sie nur angebotene Antworten."],
    });
    expect(await db.feedbackReceipt.count({ where: { requestId: r.immediate!.id } })).toBe(0);
    expect(await db.feedbackResponse.count({ where: { trainingId: training.id } })).toBe(0);
    // After expiry (28 days): refused, shown as expired.
    const later = plusDays(completedAt, 30);
    await expect(submitFeedback(db, employee, r.immediate!.id, valid, { now: later })).rejects.toThrow(/abgelaufen/);
    expect((await getFeedbackForm(db, employee, r.immediate!.id, { now: later })).request.state).toBe("expired");
  });

  it("records the learning gain, and the leader's transfer check counts for the participant's unit", async () => {
    const { s, training, competency, r, employee, leader, valid, leaderQ } = await setup({ learningGain: true });
    const form = await getFeedbackForm(db, employee, r.immediate!.id, { now });
    expect(form.gains.map((g) => g.lineageId)).toEqual([competency.lineageId]);
    const halfGain = await submitFeedback(db, employee, r.immediate!.id, { ...valid, [gainField(competency.lineageId, "before")]: ["1"] }, { now }).catch((e: unknown) => e);
    expect((halfGain as ValidationError).fieldErrors[gainField(competency.lineageId, "after")]).toBeDefined();
    await submitFeedback(db, employee, r.immediate!.id, { ...valid, [gainField(competency.lineageId, "before")]: ["1"], [gainField(competency.lineageId, "after")]: ["3"] }, { now });
    const gains = await db.feedbackLearningGain.findMany({ where: { response: { trainingId: training.id } } });
    expect(gains.map((g) => [g.lineageId, g.before, g.after])).toEqual([[competency.lineageId, 1, 3]]);

    const after = plusDays(completedAt, 57);
    const check = await getFeedbackForm(db, leader, r.leaderCheck!.id, { now: after });
    expect(check.subject).toBe(`${s.employee.firstName} ${s.employee.lastName}`);
    const input: FeedbackInput = Object.fromEntries(leaderQ.items.map((i) => [itemField(i.id), i.type === "SINGLE" ? ["yes"] : i.type === "TEXT" ? ["Setzt Kanban im Team ein"] : i.type === "MULTI" ? [] : ["5"]]));
    await submitFeedback(db, leader, r.leaderCheck!.id, input, { now: after });
    const leaderResponse = await db.feedbackResponse.findFirstOrThrow({ where: { trainingId: training.id, kind: "TRANSFER_LEADER" } });
    expect(leaderResponse.unitPath).toBe(s.abteilungA1.path);
  });
});
