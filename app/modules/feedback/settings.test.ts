// Training feedback settings: defaults without a row, only matching active questionnaires, weeks
// 1–52 stored as days, audited; only HR development.
import { db } from "~/utils/db.server.ts";
import { AccessDeniedError, NotFoundError, ValidationError } from "~/modules/errors.ts";
import { actorFor, createScenario } from "../../../tests/factories.ts";
import { createTraining } from "../../../tests/training-factories.ts";
import { createQuestionnaire } from "../../../tests/questionnaire-factories.ts";
import { getTrainingFeedbackSettings, updateTrainingFeedbackSettings } from "./settings.server.ts";

async function setup() {
  const s = await createScenario(db);
  const hr = await actorFor(db, s.hrUser.id);
  const { training } = await createTraining(db);
  return { s, hr, training };
}

describe("training feedback settings", () => {
  it("shows the defaults without a row and the matching questionnaires per kind", async () => {
    const { hr, training } = await setup();
    const transfer = await createQuestionnaire(db, { kind: "TRANSFER_PARTICIPANT" });
    const archived = await createQuestionnaire(db, { kind: "TRANSFER_PARTICIPANT" });
    await db.questionnaire.update({ where: { id: archived.id }, data: { archivedAt: new Date() } });
    const result = await getTrainingFeedbackSettings(db, hr, training.id);
    expect(result.settings).toMatchObject({ enabled: true, immediateQuestionnaireId: "", transferDelayWeeks: 8, stored: false });
    expect(result.options.TRANSFER_PARTICIPANT.map((o) => o.id)).toContain(transfer.id);
    expect(result.options.TRANSFER_PARTICIPANT.map((o) => o.id)).not.toContain(archived.id);
    expect(result.options.IMMEDIATE.map((o) => o.id)).not.toContain(transfer.id);
    expect(result.defaultTitles.IMMEDIATE).toBe("Feedback direkt nach der Schulung");
  });

  it("saves the choice, the weeks as days and an audit event", async () => {
    const { hr, training } = await setup();
    const immediate = await createQuestionnaire(db, { kind: "IMMEDIATE" });
    await updateTrainingFeedbackSettings(db, hr, training.id, { enabled: "on", immediateQuestionnaireId: immediate.id, transferQuestionnaireId: "", leaderQuestionnaireId: "", transferDelayWeeks: "12" });
    expect(await db.trainingEvaluationSetting.findUniqueOrThrow({ where: { trainingId: training.id } })).toMatchObject({
      enabled: true,
      immediateQuestionnaireId: immediate.id,
      transferQuestionnaireId: null,
      transferDelayDays: 84,
    });
    expect(await db.auditEvent.count({ where: { entityId: training.id, action: "training.feedbackSettings" } })).toBe(1);
    const again = await getTrainingFeedbackSettings(db, hr, training.id);
    expect(again.settings).toMatchObject({ immediateQuestionnaireId: immediate.id, transferDelayWeeks: 12, stored: true });
    // Switched off (no checkbox sent).
    await updateTrainingFeedbackSettings(db, hr, training.id, { transferDelayWeeks: "8" });
    expect((await db.trainingEvaluationSetting.findUniqueOrThrow({ where: { trainingId: training.id } })).enabled).toBe(false);
  });

  it("refuses a questionnaire of another kind, an archived one, bad weeks, other roles and unknown trainings", async () => {
    const { s, hr, training } = await setup();
    const leaderQ = await createQuestionnaire(db, { kind: "TRANSFER_LEADER" });
    const archived = await createQuestionnaire(db, { kind: "IMMEDIATE" });
    await db.questionnaire.update({ where: { id: archived.id }, data: { archivedAt: new Date() } });
    for (const [input, field] of [
      [{ enabled: "on", immediateQuestionnaireId: leaderQ.id, transferDelayWeeks: "8" }, "immediateQuestionnaireId"],
      [{ enabled: "on", immediateQuestionnaireId: archived.id, transferDelayWeeks: "8" }, "immediateQuestionnaireId"],
      [{ enabled: "on", transferDelayWeeks: "0" }, "transferDelayWeeks"],
      [{ enabled: "on", transferDelayWeeks: "53" }, "transferDelayWeeks"],
      [{ enabled: "on", transferDelayWeeks: "abc" }, "transferDelayWeeks"],
    ] as const) {
      const error = await updateTrainingFeedbackSettings(db, hr, training.id, input).then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect(Object.keys((error as ValidationError).fieldErrors)).toEqual([field]);
    }
    expect(await db.trainingEvaluationSetting.count({ where: { trainingId: training.id } })).toBe(0);
    for (const userId of [s.employeeUser.id, s.leaderUser.id]) {
      const actor = await actorFor(db, userId);
      await expect(getTrainingFeedbackSettings(db, actor, training.id)).rejects.toBeInstanceOf(AccessDeniedError);
      await expect(updateTrainingFeedbackSettings(db, actor, training.id, { enabled: "on", transferDelayWeeks: "8" })).rejects.toBeInstanceOf(AccessDeniedError);
    }
    await expect(getTrainingFeedbackSettings(db, hr, "unknown")).rejects.toBeInstanceOf(NotFoundError);
  });
});
