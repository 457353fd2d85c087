// Questionnaire pages and the training feedback settings, as Remix calls them: HR lists, creates a
// copy, adds and edits items, archives; bad input changes nothing; locked items after responses;
// employees, leaders and anonymous visitors are turned away.
import { db } from "~/utils/db.server.ts";
import { loader as listLoader } from "~/routes/wirksamkeit.frageboegen._index.tsx";
import { action as newAction, loader as newLoader } from "~/routes/wirksamkeit.frageboegen.neu.tsx";
import { action as editAction, loader as editLoader } from "~/routes/wirksamkeit.frageboegen.$questionnaireId.tsx";
import { action as settingsAction, loader as settingsLoader } from "~/routes/schulungen.$trainingId_.feedback.tsx";
import { ensureDefaultQuestionnaires } from "~/modules/feedback/defaults.ts";
import { createScenario, requestAs } from "../factories.ts";
import { createTraining } from "../training-factories.ts";
import { createQuestionnaire, respondTo } from "../questionnaire-factories.ts";

type Args = Parameters<typeof listLoader>[0];
const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} }) as Args;

async function outcome(promise: Promise<unknown>): Promise<{ status: number; body: unknown; location?: string | null }> {
  try {
    const value = await promise;
    if (value instanceof Response) return { status: value.status, body: null, location: value.headers.get("Location") };
    // data() results carry their status in `init`.
    const wrapped = value as { type?: string; data?: unknown; init?: { status?: number } };
    if (wrapped && wrapped.type === "DataWithResponseInit") return { status: wrapped.init?.status ?? 200, body: wrapped.data };
    return { status: 200, body: value };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, body: await thrown.text(), location: thrown.headers.get("Location") };
    throw thrown;
  }
}

const post = async (userId: string | null, url: string, fields: Record<string, string>) =>
  requestAs(userId, url, { method: "POST", body: new URLSearchParams(fields) });

describe("questionnaire routes", () => {
  it("lets HR list, copy a default, add and edit an item, and archive", async () => {
    const s = await createScenario(db);
    const defaults = await ensureDefaultQuestionnaires(db);
    const list = await outcome(listLoader(args(await requestAs(s.hrUser.id, "/wirksamkeit/frageboegen"))));
    expect(list.status).toBe(200);
    expect((list.body as { questionnaires: { id: string }[] }).questionnaires.map((q) => q.id)).toEqual(expect.arrayContaining(Object.values(defaults)));

    const prefilled = await outcome(newLoader(args(await requestAs(s.hrUser.id, `/wirksamkeit/frageboegen/neu?kopie=${defaults.IMMEDIATE}`))));
    expect((prefilled.body as { source: { id: string } }).source.id).toBe(defaults.IMMEDIATE);
    const created = await outcome(
      newAction(args(await post(s.hrUser.id, "/wirksamkeit/frageboegen/neu", { title: "Feedback Führungskräfteseminar", kind: "IMMEDIATE", learningGain: "on", copyFromId: defaults.IMMEDIATE }))),
    );
    expect(created.status).toBe(302);
    const id = created.location!.split("/").pop()!.split("?")[0]!;
    expect(await db.questionnaireItem.count({ where: { questionnaireId: id } })).toBe(10);

    const added = await outcome(
      editAction(args(await post(s.hrUser.id, `/wirksamkeit/frageboegen/${id}`, { intent: "addItem", text: "Die Dauer war angemessen.", type: "SCALE5", level: "REACTION", key: "", required: "on" }), { questionnaireId: id })),
    );
    expect(added.status).toBe(302);
    const item = await db.questionnaireItem.findFirstOrThrow({ where: { questionnaireId: id, text: "Die Dauer war angemessen." } });
    expect(item.position).toBe(10);

    const bad = await outcome(
      editAction(args(await post(s.hrUser.id, `/wirksamkeit/frageboegen/${id}`, { intent: "updateItem", itemId: item.id, text: "", type: "SCALE5", level: "REACTION" }), { questionnaireId: id })),
    );
    expect(bad.status).toBe(400);
    expect((bad.body as { fieldErrors: Record<string, string[]> }).fieldErrors.text).toEqual(["feedback.questionnaires.validation.textRequired"]);
    expect((await db.questionnaireItem.findUniqueOrThrow({ where: { id: item.id } })).text).toBe("Die Dauer war angemessen.");

    const moved = await outcome(editAction(args(await post(s.hrUser.id, `/wirksamkeit/frageboegen/${id}`, { intent: "up", itemId: item.id }), { questionnaireId: id })));
    expect(moved.status).toBe(302);
    expect((await db.questionnaireItem.findUniqueOrThrow({ where: { id: item.id } })).position).toBe(9);

    const page = await outcome(editLoader(args(await requestAs(s.hrUser.id, `/wirksamkeit/frageboegen/${id}`), { questionnaireId: id })));
    expect((page.body as { locked: boolean }).locked).toBe(false);

    const unconfirmed = await outcome(editAction(args(await post(s.hrUser.id, `/wirksamkeit/frageboegen/${id}`, { intent: "archive" }), { questionnaireId: id })));
    expect(unconfirmed.status).toBe(400);
    const archived = await outcome(editAction(args(await post(s.hrUser.id, `/wirksamkeit/frageboegen/${id}`, { intent: "archive", confirm: "on" }), { questionnaireId: id })));
    expect(archived.location).toBe("/wirksamkeit/frageboegen?archiviert=1");
    expect(await db.auditEvent.count({ where: { entityId: id, action: { startsWith: "questionnaire." } } })).toBe(4);
  });

  it("refuses item changes once there are responses", async () => {
    const s = await createScenario(db);
    const { training } = await createTraining(db);
    const q = await createQuestionnaire(db);
    await respondTo(db, q, training.id);
    const page = await outcome(editLoader(args(await requestAs(s.hrUser.id, `/wirksamkeit/frageboegen/${q.id}`), { questionnaireId: q.id })));
    expect((page.body as { locked: boolean }).locked).toBe(true);
    const removed = await outcome(editAction(args(await post(s.hrUser.id, `/wirksamkeit/frageboegen/${q.id}`, { intent: "remove", itemId: q.items[0]!.id }), { questionnaireId: q.id })));
    expect(removed.status).toBe(400);
    expect((removed.body as { formError: string }).formError).toBe("feedback.questionnaires.validation.locked");
    expect(await db.questionnaireItem.count({ where: { questionnaireId: q.id } })).toBe(2);
  });

  it("saves a training's feedback settings and refuses bad input", async () => {
    const s = await createScenario(db);
    const { training } = await createTraining(db);
    const q = await createQuestionnaire(db, { kind: "TRANSFER_LEADER" });
    const url = `/schulungen/${training.id}/feedback`;
    const page = await outcome(settingsLoader(args(await requestAs(s.hrUser.id, url), { trainingId: training.id })));
    expect((page.body as { settings: { transferDelayWeeks: number } }).settings.transferDelayWeeks).toBe(8);
    const bad = await outcome(settingsAction(args(await post(s.hrUser.id, url, { enabled: "on", immediateQuestionnaireId: q.id, transferDelayWeeks: "60" }), { trainingId: training.id })));
    expect(bad.status).toBe(400);
    expect(Object.keys((bad.body as { fieldErrors: object }).fieldErrors).sort()).toEqual(["immediateQuestionnaireId", "transferDelayWeeks"]);
    expect(await db.trainingEvaluationSetting.count({ where: { trainingId: training.id } })).toBe(0);
    const saved = await outcome(settingsAction(args(await post(s.hrUser.id, url, { enabled: "on", leaderQuestionnaireId: q.id, transferDelayWeeks: "6" }), { trainingId: training.id })));
    expect(saved.location).toBe(`${url}?gespeichert=1`);
    expect(await db.trainingEvaluationSetting.findUniqueOrThrow({ where: { trainingId: training.id } })).toMatchObject({ leaderQuestionnaireId: q.id, transferDelayDays: 42 });
    const unknown = await outcome(settingsLoader(args(await requestAs(s.hrUser.id, "/schulungen/unbekannt/feedback"), { trainingId: "unbekannt" })));
    expect(unknown.status).toBe(404);
  });

  it("turns away employees, leaders and anonymous visitors", async () => {
    const s = await createScenario(db);
    const { training } = await createTraining(db);
    const q = await createQuestionnaire(db);
    for (const userId of [s.employeeUser.id, s.leaderUser.id]) {
      expect((await outcome(listLoader(args(await requestAs(userId, "/wirksamkeit/frageboegen"))))).status).toBe(403);
      expect((await outcome(newAction(args(await post(userId, "/wirksamkeit/frageboegen/neu", { title: "X", kind: "IMMEDIATE" }))))).status).toBe(403);
      expect((await outcome(editLoader(args(await requestAs(userId, `/wirksamkeit/frageboegen/${q.id}`), { questionnaireId: q.id })))).status).toBe(403);
      expect((await outcome(editAction(args(await post(userId, `/wirksamkeit/frageboegen/${q.id}`, { intent: "remove", itemId: q.items[0]!.id }), { questionnaireId: q.id })))).status).toBe(403);
      expect((await outcome(settingsLoader(args(await requestAs(userId, `/schulungen/${training.id}/feedback`), { trainingId: training.id })))).status).toBe(403);
      expect((await outcome(settingsAction(args(await post(userId, `/schulungen/${training.id}/feedback`, { enabled: "on", transferDelayWeeks: "2" }), { trainingId: training.id })))).status).toBe(403);
    }
    const anonymous = await outcome(listLoader(args(await requestAs(null, "/wirksamkeit/frageboegen"))));
    expect(anonymous.status).toBe(302);
    expect(await db.questionnaireItem.count({ where: { questionnaireId: q.id } })).toBe(2);
    expect(await db.trainingEvaluationSetting.count({ where: { trainingId: training.id } })).toBe(0);
  });
});
