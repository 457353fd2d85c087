// Feedback pages as Remix calls them: the list, answering (own requests only, once), the level
// proposal after a transfer check and the leaders' decision page — with the forbidden paths.
import { db } from "~/utils/db.server.ts";
import { loader as listLoader } from "~/routes/feedback._index.tsx";
import { action as answerAction, loader as answerLoader } from "~/routes/feedback.$requestId.tsx";
import { action as decideAction, loader as proposalsLoader } from "~/routes/feedback.stufenvorschlaege.tsx";
import { createAccount, createPerson, createScenario, makeLeader, requestAs } from "../factories.ts";
import { createTraining } from "../training-factories.ts";
import { createPublishedFramework } from "../competency-factories.ts";
import { completeWithFeedback, createQuestionnaire, DAY_MS, setEvaluation } from "../feedback-factories.ts";

type Args = Parameters<typeof listLoader>[0];
const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} }) as Args;

async function outcome(promise: Promise<unknown>): Promise<{ status: number; body: unknown }> {
  try {
    const value = await promise;
    if (value && typeof value === "object" && "init" in value && "data" in value) {
      const d = value as { data: unknown; init: { status?: number } | null };
      return { status: d.init?.status ?? 200, body: d.data };
    }
    return { status: 200, body: value };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, body: thrown.headers.get("Location") ?? (await thrown.text()) };
    throw thrown;
  }
}

const post = (userId: string, url: string, fields: [string, string][]) => {
  const body = new URLSearchParams(fields);
  return requestAs(userId, url, { method: "POST", body, headers: { "Content-Type": "application/x-www-form-urlencoded" } });
};

async function setup() {
  const s = await createScenario(db);
  const framework = await createPublishedFramework(db);
  const { training, session } = await createTraining(db, { title: "Bürgerdialog", competencies: [{ node: framework.writing, targetLevel: 3 }] });
  const immediateQ = await createQuestionnaire(db, { kind: "IMMEDIATE" });
  const transferQ = await createQuestionnaire(db, { kind: "TRANSFER_PARTICIPANT", items: [{ key: "applied", type: "SINGLE", text: "Angewendet?", options: [{ value: "yes", label: "Ja" }, { value: "no", label: "Nein" }], required: true }] });
  await setEvaluation(db, training.id, { immediate: immediateQ.id, transfer: transferQ.id });
  const now = new Date();
  const fresh = await completeWithFeedback(db, { personId: s.employee.id, trainingId: training.id, sessionId: session.id, completedAt: new Date(now.getTime() - DAY_MS) }, now);
  const old = await completeWithFeedback(db, { personId: s.colleague.id, trainingId: training.id, sessionId: session.id, completedAt: new Date(now.getTime() - 60 * DAY_MS) }, new Date(now.getTime() - 60 * DAY_MS));
  const claraUser = await createAccount(db, s.colleague);
  const [scale, nps, single, , text] = immediateQ.items;
  const answer: [string, string][] = [
    ["intent", "answer"],
    [`item-${scale!.id}`, "5"],
    [`item-${nps!.id}`, "10"],
    [`item-${single!.id}`, "yes"],
    [`item-${text!.id}`, "Sehr praxisnah"],
  ];
  return { s, framework, training, fresh, old, claraUser, answer, immediateQ, transferQ };
}

describe("feedback routes", () => {
  it("lists own open requests; leaders see the transfer checks about their team members", async () => {
    const { s, fresh, old, claraUser } = await setup();
    const emil = (await outcome(listLoader(args(await requestAs(s.employeeUser.id, "/feedback"))))).body as Awaited<ReturnType<typeof listLoader>>;
    expect(emil.open.map((i) => i.id)).toEqual([fresh.immediate!.id]);
    expect(emil.minGroup).toBeGreaterThanOrEqual(5);
    const clara = (await outcome(listLoader(args(await requestAs(claraUser.id, "/feedback"))))).body as Awaited<ReturnType<typeof listLoader>>;
    // Her immediate request expired after 28 days; the transfer check is open.
    expect(clara.open.map((i) => i.id)).toEqual([old.transfer!.id]);
    expect(clara.closed.map((i) => [i.id, i.state])).toEqual([[old.immediate!.id, "expired"]]);
    const lea = (await outcome(listLoader(args(await requestAs(s.leaderUser.id, "/feedback"))))).body as Awaited<ReturnType<typeof listLoader>>;
    expect(lea.open.map((i) => [i.id, i.subject])).toEqual([[old.leaderCheck!.id, `${s.colleague.firstName} ${s.colleague.lastName}`]]);
    expect((await outcome(listLoader(args(await requestAs(null, "/feedback"))))).status).toBe(302);
  });

  it("opens and answers only the person's own request, once", async () => {
    const { s, training, fresh, claraUser, answer, immediateQ } = await setup();
    const url = `/feedback/${fresh.immediate!.id}`;
    const params = { requestId: fresh.immediate!.id };
    expect((await outcome(answerLoader(args(await requestAs(s.employeeUser.id, url), params)))).status).toBe(200);
    // Another person's pending request: 404, as if it did not exist; also for the leader and HR.
    for (const userId of [claraUser.id, s.leaderUser.id, s.hrUser.id]) {
      expect((await outcome(answerLoader(args(await requestAs(userId, url), params)))).status).toBe(404);
      expect((await outcome(answerAction(args(await post(userId, url, answer), params)))).status).toBe(404);
    }
    expect((await outcome(answerLoader(args(await requestAs(s.employeeUser.id, "/feedback/unbekannt"), { requestId: "unbekannt" })))).status).toBe(404);

    // Bad input: German messages, values kept (checkboxes too), nothing stored.
    const multi = immediateQ.items[3]!;
    const bad = await outcome(answerAction(args(await post(s.employeeUser.id, url, [["intent", "answer"], [`item-${immediateQ.items[0]!.id}`, "8"], [`item-${multi.id}`, "no_time"], [`item-${multi.id}`, "other"]]), params)));
    expect(bad.status).toBe(400);
    const failure = bad.body as { fieldErrors: Record<string, string[]>; values: Record<string, string[]> };
    expect(failure.fieldErrors[`item-${immediateQ.items[0]!.id}`]).toEqual(["Bitte wählen Sie einen Wert von 1 bis 5."]);
    expect(failure.fieldErrors[`item-${immediateQ.items[1]!.id}`]).toEqual(["Bitte wählen Sie einen Wert."]);
    expect(failure.values[`item-${multi.id}`]).toEqual(["no_time", "other"]);
    expect(await db.feedbackResponse.count({ where: { trainingId: training.id } })).toBe(0);

    const done = await outcome(answerAction(args(await post(s.employeeUser.id, url, answer), params)));
    expect(done).toEqual({ status: 302, body: `${url}?danke=1` });
    const shown = (await outcome(answerLoader(args(await requestAs(s.employeeUser.id, `${url}?danke=1`), params)))).body as Awaited<ReturnType<typeof answerLoader>>;
    expect(shown.request.state).toBe("answered");
    expect(shown.items).toEqual([]);
    const again = await outcome(answerAction(args(await post(s.employeeUser.id, url, answer), params)));
    expect(again.status).toBe(400);
    expect((again.body as { formError: string }).formError).toBe("Sie haben bereits geantwortet.");
    expect(await db.feedbackResponse.count({ where: { trainingId: training.id } })).toBe(1);
  });

  it("after the transfer check the person proposes a level; the leader of the unit decides, nobody else", async () => {
    const { s, framework, old, claraUser, transferQ } = await setup();
    const url = `/feedback/${old.transfer!.id}`;
    const params = { requestId: old.transfer!.id };
    const before = (await outcome(answerLoader(args(await requestAs(claraUser.id, url), params)))).body as Awaited<ReturnType<typeof answerLoader>>;
    expect(before.proposal).toBeNull();
    expect((await outcome(answerAction(args(await post(claraUser.id, url, [["intent", "answer"], [`item-${transferQ.items[0]!.id}`, "yes"]]), params)))).status).toBe(302);
    const after = (await outcome(answerLoader(args(await requestAs(claraUser.id, url), params)))).body as Awaited<ReturnType<typeof answerLoader>>;
    expect(after.proposal?.competencies.map((c) => c.lineageId)).toEqual([framework.writing.lineageId]);
    const proposed = await outcome(answerAction(args(await post(claraUser.id, url, [["intent", "propose"], [`level-${framework.writing.lineageId}`, "3"], ["note", "Ich moderiere jetzt die Bürgerversammlungen."]]), params)));
    expect(proposed.body).toMatchObject({ ok: true, leaderNotified: true });

    // The employee may not open the decision page.
    expect((await outcome(proposalsLoader(args(await requestAs(s.employeeUser.id, "/feedback/stufenvorschlaege"))))).status).toBe(403);
    // A leader of another Amt does not see it and may not decide it.
    const bernd = await createPerson(db, { unit: s.amtB, firstName: "Bernd" });
    await makeLeader(db, s.amtB.id, bernd.id);
    const berndUser = await createAccount(db, bernd);
    const berndList = (await outcome(proposalsLoader(args(await requestAs(berndUser.id, "/feedback/stufenvorschlaege"))))).body as Awaited<ReturnType<typeof proposalsLoader>>;
    expect(berndList.open).toHaveLength(0);
    const lea = (await outcome(proposalsLoader(args(await requestAs(s.leaderUser.id, "/feedback/stufenvorschlaege"))))).body as Awaited<ReturnType<typeof proposalsLoader>>;
    expect(lea.open).toHaveLength(1);
    const proposalId = lea.open[0]!.id;
    expect((await outcome(decideAction(args(await post(berndUser.id, "/feedback/stufenvorschlaege", [["intent", "accept"], ["proposalId", proposalId]]))))).status).toBe(403);
    expect((await outcome(decideAction(args(await post(s.employeeUser.id, "/feedback/stufenvorschlaege", [["intent", "accept"], ["proposalId", proposalId]]))))).status).toBe(403);
    const noReason = await outcome(decideAction(args(await post(s.leaderUser.id, "/feedback/stufenvorschlaege", [["intent", "decline"], ["proposalId", proposalId], ["note", ""]]))));
    expect(noReason.status).toBe(400);
    const accepted = await outcome(decideAction(args(await post(s.leaderUser.id, "/feedback/stufenvorschlaege", [["intent", "accept"], ["proposalId", proposalId]]))));
    expect(accepted.body).toMatchObject({ ok: true, intent: "accept" });
    expect(await db.currentCompetencyLevel.findUnique({ where: { personId_lineageId: { personId: s.colleague.id, lineageId: framework.writing.lineageId } } })).toMatchObject({ level: 3, source: "LEADER" });
  });
});
