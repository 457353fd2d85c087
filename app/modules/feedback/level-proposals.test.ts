import { db } from "~/utils/db.server.ts";
import { AccessDeniedError, NotFoundError, ValidationError } from "~/modules/errors.ts";
import { decideLevelProposal, getProposalForm, levelField, listLevelProposals, proposeLevels } from "./level-proposals.server.ts";
import { itemField, submitFeedback } from "./responses.server.ts";
import { actorFor, createAccount, createPerson, createScenario, makeLeader } from "../../../tests/factories.ts";
import { createTraining } from "../../../tests/training-factories.ts";
import { createPublishedFramework } from "../../../tests/competency-factories.ts";
import { completeWithFeedback, createQuestionnaire, DAY_MS, setEvaluation } from "../../../tests/feedback-factories.ts";

const completedAt = new Date("2026-09-01T09:00:00.000Z");
const after = new Date(completedAt.getTime() + 57 * DAY_MS);

async function setup() {
  const s = await createScenario(db);
  const framework = await createPublishedFramework(db);
  const { training, session } = await createTraining(db, { title: "Schreibwerkstatt", competencies: [{ node: framework.writing, targetLevel: 3 }] });
  const transferQ = await createQuestionnaire(db, { kind: "TRANSFER_PARTICIPANT", items: [{ key: "applied", type: "SINGLE", text: "Angewendet?", options: [{ value: "yes", label: "Ja" }, { value: "no", label: "Nein" }], required: true }] });
  await setEvaluation(db, training.id, { transfer: transferQ.id });
  const r = await completeWithFeedback(db, { personId: s.employee.id, trainingId: training.id, sessionId: session.id, completedAt });
  const employee = await actorFor(db, s.employeeUser.id);
  const leader = await actorFor(db, s.leaderUser.id);
  const hr = await actorFor(db, s.hrUser.id);
  const answer = () => submitFeedback(db, employee, r.transfer!.id, { [itemField(transferQ.items[0]!.id)]: ["yes"] }, { now: after });
  return { s, framework, training, r, employee, leader, hr, answer };
}

describe("level proposals after the transfer check", () => {
  it("are offered only after the person answered their own transfer check", async () => {
    const { r, employee, leader, answer, framework } = await setup();
    expect(await getProposalForm(db, employee, r.transfer!.id)).toBeNull();
    await expect(proposeLevels(db, employee, r.transfer!.id, { [levelField(framework.writing.lineageId)]: ["3"] })).rejects.toBeInstanceOf(ValidationError);
    await answer();
    await expect(getProposalForm(db, leader, r.transfer!.id)).rejects.toBeInstanceOf(NotFoundError);
    // The immediate feedback offers none.
    expect(await getProposalForm(db, employee, r.immediate!.id)).toBeNull();
    const form = await getProposalForm(db, employee, r.transfer!.id);
    expect(form?.competencies.map((c) => [c.lineageId, c.targetLevel, c.current])).toEqual([[framework.writing.lineageId, 3, null]]);
  });

  it("goes to the nearest leader, who accepts it: the level is recorded (source LEADER) and the person told", async () => {
    const { s, r, employee, leader, answer, framework } = await setup();
    await answer();
    const bad = await proposeLevels(db, employee, r.transfer!.id, { [levelField(framework.writing.lineageId)]: ["9"] }).catch((e: unknown) => e);
    expect((bad as ValidationError).fieldErrors[levelField(framework.writing.lineageId)]).toEqual(["Bitte wählen Sie eine Stufe der Skala."]);
    await expect(proposeLevels(db, employee, r.transfer!.id, {})).rejects.toThrow(/mindestens eine Kompetenz/);
    const done = await proposeLevels(db, employee, r.transfer!.id, { [levelField(framework.writing.lineageId)]: ["3"], note: ["Ich schreibe jetzt alle Bescheide selbst."] });
    expect(done).toEqual({ count: 1, leaderNotified: true });
    const note = await db.notification.findFirstOrThrow({ where: { personId: s.leader.id, kind: "feedback.levelProposal" } });
    expect(JSON.parse(note.params)).toMatchObject({ person: `${s.employee.firstName} ${s.employee.lastName}`, level: 3, training: "Schreibwerkstatt" });
    // Not twice while it is open.
    await expect(proposeLevels(db, employee, r.transfer!.id, { [levelField(framework.writing.lineageId)]: ["4"] })).rejects.toBeInstanceOf(ValidationError);

    const list = await listLevelProposals(db, leader);
    expect(list.open).toHaveLength(1);
    const proposal = list.open[0]!;
    expect(proposal).toMatchObject({ person: `${s.employee.firstName} ${s.employee.lastName}`, proposedLevel: 3, note: "Ich schreibe jetzt alle Bescheide selbst." });
    // Not automatic: nothing recorded yet.
    expect(await db.currentCompetencyLevel.findUnique({ where: { personId_lineageId: { personId: s.employee.id, lineageId: framework.writing.lineageId } } })).toBeNull();

    await decideLevelProposal(db, leader, { proposalId: proposal.id, decision: "accept", note: "" }, { now: after });
    const current = await db.currentCompetencyLevel.findUniqueOrThrow({ where: { personId_lineageId: { personId: s.employee.id, lineageId: framework.writing.lineageId } } });
    expect(current).toMatchObject({ level: 3, source: "LEADER" });
    const told = await db.notification.findFirstOrThrow({ where: { personId: s.employee.id, kind: "feedback.levelProposalDecided" } });
    expect(JSON.parse(told.params)).toMatchObject({ decision: "angenommen", level: 3 });
    await expect(decideLevelProposal(db, leader, { proposalId: proposal.id, decision: "decline", note: "Doch nicht" })).rejects.toThrow(/schon entschieden/);
    expect((await listLevelProposals(db, leader)).decided.map((p) => p.status)).toEqual(["ACCEPTED"]);
  });

  it("HR declines with a note; a leader outside the unit, the person themselves and plain employees may not decide", async () => {
    const { s, r, employee, hr, answer, framework } = await setup();
    await answer();
    await proposeLevels(db, employee, r.transfer!.id, { [levelField(framework.writing.lineageId)]: ["4"] });
    const proposalId = (await db.levelUpdateProposal.findFirstOrThrow({ where: { personId: s.employee.id } })).id;

    // Leader of Amt B: not their person.
    const otherLeader = await createPerson(db, { unit: s.amtB, firstName: "Bernd" });
    await makeLeader(db, s.amtB.id, otherLeader.id);
    const otherLeaderActor = await actorFor(db, (await createAccount(db, otherLeader)).id);
    expect((await listLevelProposals(db, otherLeaderActor)).open).toHaveLength(0);
    await expect(decideLevelProposal(db, otherLeaderActor, { proposalId, decision: "accept", note: "" })).rejects.toBeInstanceOf(AccessDeniedError);
    // The person: no permission to decide at all.
    await expect(decideLevelProposal(db, employee, { proposalId, decision: "accept", note: "" })).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(listLevelProposals(db, employee)).rejects.toBeInstanceOf(AccessDeniedError);

    // A decline needs a reason.
    const noReason = await decideLevelProposal(db, hr, { proposalId, decision: "decline", note: " " }).catch((e: unknown) => e);
    expect((noReason as ValidationError).fieldErrors.note).toEqual(["Bitte begründen Sie die Ablehnung."]);
    expect((await listLevelProposals(db, hr)).open.map((p) => p.id)).toContain(proposalId);
    await decideLevelProposal(db, hr, { proposalId, decision: "decline", note: "Bitte erst im Mitarbeitergespräch besprechen." });
    expect(await db.levelUpdateProposal.findUniqueOrThrow({ where: { id: proposalId } })).toMatchObject({ status: "DECLINED", decisionNote: "Bitte erst im Mitarbeitergespräch besprechen." });
    expect(await db.currentCompetencyLevel.count({ where: { personId: s.employee.id, lineageId: framework.writing.lineageId } })).toBe(0);
  });

  it("nobody decides their own proposal, not even as a leader or HR", async () => {
    const { s, training, framework } = await setup();
    const q = await db.trainingEvaluationSetting.findUniqueOrThrow({ where: { trainingId: training.id } });
    const transferQ = await db.questionnaire.findUniqueOrThrow({ where: { id: q.transferQuestionnaireId! }, include: { items: true } });
    // Hanna (HR) took the training herself.
    const session = await db.trainingSession.findFirstOrThrow({ where: { trainingId: training.id } });
    const own = await completeWithFeedback(db, { personId: s.hrPerson.id, trainingId: training.id, sessionId: session.id, completedAt });
    const hr = await actorFor(db, s.hrUser.id);
    await submitFeedback(db, hr, own.transfer!.id, { [itemField(transferQ.items[0]!.id)]: ["yes"] }, { now: after });
    await proposeLevels(db, hr, own.transfer!.id, { [levelField(framework.writing.lineageId)]: ["4"] });
    const proposalId = (await db.levelUpdateProposal.findFirstOrThrow({ where: { personId: s.hrPerson.id } })).id;
    expect((await listLevelProposals(db, hr)).open.map((p) => p.id)).not.toContain(proposalId);
    await expect(decideLevelProposal(db, hr, { proposalId, decision: "accept", note: "" })).rejects.toBeInstanceOf(AccessDeniedError);
  });
});
