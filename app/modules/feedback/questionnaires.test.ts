// Questionnaires: HR lists (with the defaults), creates blank or as a copy, edits details and items
// (keys keep their report meaning), and cannot change the items once there are responses. Others
// may not read or write; bad input changes nothing.
import { db } from "~/utils/db.server.ts";
import { AccessDeniedError, NotFoundError, ValidationError } from "~/modules/errors.ts";
import { actorFor, createScenario } from "../../../tests/factories.ts";
import { createTraining } from "../../../tests/training-factories.ts";
import { createQuestionnaire, respondTo } from "../../../tests/questionnaire-factories.ts";
import { ensureDefaultQuestionnaires } from "./defaults.ts";
import {
  addItem,
  archiveQuestionnaire,
  createQuestionnaire as create,
  getQuestionnaire,
  listQuestionnaires,
  moveItem,
  parseOptions,
  removeItem,
  updateItem,
  updateQuestionnaireDetails,
} from "./questionnaires.server.ts";

async function setup() {
  const s = await createScenario(db);
  const hr = await actorFor(db, s.hrUser.id);
  const employee = await actorFor(db, s.employeeUser.id);
  const leader = await actorFor(db, s.leaderUser.id);
  return { s, hr, employee, leader };
}

const scaleItem = { text: "Die Schulung war praxisnah.", type: "SCALE5", level: "REACTION", key: "", required: "on", options: "" };

async function validationOf(promise: Promise<unknown>) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ValidationError);
  return error as ValidationError;
}

describe("questionnaires", () => {
  it("lists the defaults with their use and responses", async () => {
    const { hr } = await setup();
    const { questionnaires } = await listQuestionnaires(db, hr);
    const defaults = await ensureDefaultQuestionnaires(db);
    const immediate = questionnaires.find((q) => q.id === defaults.IMMEDIATE)!;
    expect(immediate.isDefault).toBe(true);
    expect(immediate.items).toBe(10);
    expect(immediate.trainings).toBeGreaterThanOrEqual(0);
  });

  it("creates a blank questionnaire and a copy with the same items", async () => {
    const { hr } = await setup();
    const defaults = await ensureDefaultQuestionnaires(db);
    const blank = await create(db, hr, { title: "Leer", kind: "IMMEDIATE" });
    expect(await db.questionnaireItem.count({ where: { questionnaireId: blank.id } })).toBe(0);
    const copy = await create(db, hr, { title: "Kopie", kind: "TRANSFER_PARTICIPANT", copyFromId: defaults.TRANSFER_PARTICIPANT });
    const items = await db.questionnaireItem.findMany({ where: { questionnaireId: copy.id }, orderBy: { position: "asc" } });
    expect(items.map((i) => i.key)).toEqual(["applied", "frequency", "example", "support", "barriers"]);
    expect(await db.auditEvent.count({ where: { entityId: copy.id, action: "questionnaire.create" } })).toBe(1);
    const error = await validationOf(create(db, hr, { title: "", kind: "NOPE" }));
    expect(Object.keys(error.fieldErrors).sort()).toEqual(["kind", "title"]);
  });

  it("adds, edits, moves and removes items, keeping keys meaningful", async () => {
    const { hr } = await setup();
    const q = await createQuestionnaire(db, { items: 2 });
    const added = await addItem(db, hr, q.id, scaleItem);
    let full = await getQuestionnaire(db, hr, q.id);
    expect(full.questionnaire.items.map((i) => i.id)).toEqual([q.items[0]!.id, q.items[1]!.id, added.id]);

    await moveItem(db, hr, q.id, added.id, "up");
    full = await getQuestionnaire(db, hr, q.id);
    expect(full.questionnaire.items.map((i) => i.id)).toEqual([q.items[0]!.id, added.id, q.items[1]!.id]);

    await updateItem(db, hr, q.id, added.id, { text: "Wurde das Gelernte angewendet?", type: "SINGLE", level: "TRANSFER", key: "applied", options: "yes = Ja\npartly = Teilweise\nno = Nein" });
    full = await getQuestionnaire(db, hr, q.id);
    const applied = full.questionnaire.items.find((i) => i.id === added.id)!;
    expect(applied.options.map((o) => o.value)).toEqual(["yes", "partly", "no"]);
    expect(applied.required).toBe(false);

    // Keys need their type and the report's option values, and are unique in a questionnaire.
    let error = await validationOf(addItem(db, hr, q.id, { ...scaleItem, key: "recommendation" }));
    expect(error.fieldErrors.key).toEqual(["feedback.questionnaires.validation.keyTypeMismatch"]);
    error = await validationOf(addItem(db, hr, q.id, { ...scaleItem, type: "SINGLE", key: "applied", options: "Ja\nNein" }));
    expect(error.fieldErrors.options).toContain("feedback.questionnaires.validation.appliedOptions");
    error = await validationOf(addItem(db, hr, q.id, { ...scaleItem, type: "SINGLE", key: "applied", options: "yes = Ja\npartly = Teilweise\nno = Nein" }));
    expect(error.fieldErrors.key).toEqual(["feedback.questionnaires.validation.keyTaken"]);
    error = await validationOf(addItem(db, hr, q.id, { ...scaleItem, type: "MULTI", options: "Nur eine" }));
    expect(error.fieldErrors.options).toEqual(["feedback.questionnaires.validation.optionsTooFew"]);

    await removeItem(db, hr, q.id, q.items[0]!.id);
    full = await getQuestionnaire(db, hr, q.id);
    expect(full.questionnaire.items.map((i) => i.position)).toEqual([0, 1]);
    expect(full.questionnaire.items.map((i) => i.id)).toEqual([added.id, q.items[1]!.id]);
  });

  it("locks the items once there are responses, but the title stays editable", async () => {
    const { hr } = await setup();
    const { training } = await createTraining(db);
    const q = await createQuestionnaire(db, { items: 2 });
    await respondTo(db, q, training.id);
    const full = await getQuestionnaire(db, hr, q.id);
    expect(full.locked).toBe(true);
    // One attempt at a time: started together, a later refusal could land before it is awaited.
    for (const attempt of [
      () => addItem(db, hr, q.id, scaleItem),
      () => updateItem(db, hr, q.id, q.items[0]!.id, scaleItem),
      () => moveItem(db, hr, q.id, q.items[1]!.id, "up"),
      () => removeItem(db, hr, q.id, q.items[0]!.id),
    ]) {
      expect((await validationOf(attempt())).message).toBe("feedback.questionnaires.validation.locked");
    }
    const error = await validationOf(updateQuestionnaireDetails(db, hr, q.id, { title: "Neu", kind: "TRANSFER_LEADER" }));
    expect(error.fieldErrors.kind).toEqual(["feedback.questionnaires.validation.kindLocked"]);
    await updateQuestionnaireDetails(db, hr, q.id, { title: "Neuer Titel", description: "x", kind: "IMMEDIATE", learningGain: "on" });
    const stored = await db.questionnaire.findUniqueOrThrow({ where: { id: q.id }, include: { items: true } });
    expect(stored.title).toBe("Neuer Titel");
    expect(stored.learningGain).toBe(true);
    expect(stored.items.map((i) => i.text).sort()).toEqual(["Frage 1", "Frage 2"]);
  });

  it("archives custom questionnaires, not the defaults nor one a training uses", async () => {
    const { hr } = await setup();
    const defaults = await ensureDefaultQuestionnaires(db);
    expect((await validationOf(archiveQuestionnaire(db, hr, defaults.IMMEDIATE))).message).toBe("feedback.questionnaires.validation.defaultNotArchivable");
    const { training } = await createTraining(db);
    const used = await createQuestionnaire(db);
    await db.trainingEvaluationSetting.create({ data: { trainingId: training.id, immediateQuestionnaireId: used.id } });
    expect((await validationOf(archiveQuestionnaire(db, hr, used.id))).message).toBe("feedback.questionnaires.validation.inUse");
    const free = await createQuestionnaire(db);
    await archiveQuestionnaire(db, hr, free.id);
    expect((await db.questionnaire.findUniqueOrThrow({ where: { id: free.id } })).archivedAt).not.toBeNull();
    expect((await validationOf(addItem(db, hr, free.id, scaleItem))).message).toBe("feedback.questionnaires.validation.archived");
  });

  it("refuses employees and leaders, and unknown ids", async () => {
    const { hr, employee, leader } = await setup();
    const q = await createQuestionnaire(db);
    for (const actor of [employee, leader]) {
      await expect(listQuestionnaires(db, actor)).rejects.toBeInstanceOf(AccessDeniedError);
      await expect(getQuestionnaire(db, actor, q.id)).rejects.toBeInstanceOf(AccessDeniedError);
      await expect(create(db, actor, { title: "X", kind: "IMMEDIATE" })).rejects.toBeInstanceOf(AccessDeniedError);
      await expect(addItem(db, actor, q.id, scaleItem)).rejects.toBeInstanceOf(AccessDeniedError);
      await expect(archiveQuestionnaire(db, actor, q.id)).rejects.toBeInstanceOf(AccessDeniedError);
    }
    await expect(getQuestionnaire(db, hr, "unknown")).rejects.toBeInstanceOf(NotFoundError);
    await expect(updateItem(db, hr, q.id, "unknown", scaleItem)).rejects.toBeInstanceOf(NotFoundError);
    expect(await db.questionnaireItem.count({ where: { questionnaireId: q.id } })).toBe(2);
  });

  it("parses options with and without explicit values", () => {
    expect(parseOptions("Täglich\n\n weekly = Wöchentlich \nGar nicht")).toEqual([
      { value: "taeglich", label: "Täglich" },
      { value: "weekly", label: "Wöchentlich" },
      { value: "gar_nicht", label: "Gar nicht" },
    ]);
  });
});
