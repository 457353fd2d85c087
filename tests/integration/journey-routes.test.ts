// "Meine Lernreise", a person's journeys and the journey page as Remix calls them, with the
// forbidden paths: someone else's journey without being their leader or HR, agreeing outside
// one's team, agreeing one's own journey, another person's reflection, unknown ids.
import { db } from "~/utils/db.server.ts";
import { addDays, todayInBerlin } from "~/modules/compliance/days.ts";
import { loader as mineLoader, action as mineAction } from "~/routes/lernreise.tsx";
import { loader as detailLoader, action as detailAction } from "~/routes/lernreisen.$journeyId.tsx";
import { loader as personLoader, action as personAction } from "~/routes/personen.$personId_.lernreisen.tsx";
import { loader as startLoader } from "~/routes/_index.tsx";
import { createAccount, createScenario, makeLeader, requestAs } from "../factories.ts";
import { createTraining } from "../training-factories.ts";
import { createJourney, stepsOf } from "../journey-factories.ts";

type Args = Parameters<typeof mineLoader>[0];
const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} }) as Args;

async function outcome(promise: Promise<unknown>): Promise<{ status: number; body: unknown }> {
  try {
    const result = await promise;
    if (result instanceof Response) return { status: result.status, body: result.headers.get("Location") ?? (await result.text()) };
    // Remix `data()` results carry their status in `init`.
    const wrapped = result as { type?: string; data?: unknown; init?: { status?: number } };
    if (wrapped && wrapped.type === "DataWithResponseInit") return { status: wrapped.init?.status ?? 200, body: wrapped.data };
    return { status: 200, body: result };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, body: thrown.headers.get("Location") ?? (await thrown.text()) };
    throw thrown;
  }
}

const post = (userId: string, url: string, fields: Record<string, string>) => requestAs(userId, url, { method: "POST", body: new URLSearchParams(fields) });

async function setup() {
  const s = await createScenario(db);
  await makeLeader(db, s.amtB.id, s.outsider.id);
  const ottoUser = await createAccount(db, s.outsider);
  const claraUser = await createAccount(db, s.colleague);
  const { training, session } = await createTraining(db, { title: "Bürgernahe Sprache", startsInDays: 14, requiresApproval: true });
  const journeyId = await createJourney(db, {
    personId: s.employee.id,
    authorUserId: s.employeeUser.id,
    title: "Emils Lernreise",
    status: "PROPOSED",
    steps: [
      { kind: "TRAINING", title: "Bürgernahe Sprache", trainingId: training.id, sessionId: session.id, dueOn: addDays(todayInBerlin(), 20) },
      { kind: "REFLECTION", title: "Was nehme ich mit?" },
    ],
  });
  const [, reflectionStep] = await stepsOf(db, journeyId);
  await db.journeyStep.update({ where: { id: reflectionStep!.id }, data: { reflection: "Geheime Gedanken zu meinem Team" } });
  return { s, ottoUser, claraUser, training, session, journeyId, reflectionStepId: reflectionStep!.id };
}

describe("journey routes", () => {
  it("shows the owner's journey with the reflection; leader and HR see it without the text; others get 403/404", async () => {
    const ctx = await setup();
    const url = `/lernreisen/${ctx.journeyId}`;
    const params = { journeyId: ctx.journeyId };
    const own = await outcome(detailLoader(args(await requestAs(ctx.s.employeeUser.id, url), params)));
    expect(own.status).toBe(200);
    expect(JSON.stringify(own.body)).toContain("Geheime Gedanken");
    for (const userId of [ctx.s.leaderUser.id, ctx.s.hrUser.id]) {
      const other = await outcome(detailLoader(args(await requestAs(userId, url), params)));
      expect(other.status).toBe(200);
      expect(JSON.stringify(other.body)).not.toContain("Geheime Gedanken");
      expect(JSON.stringify(other.body)).toContain('"hasReflection":true');
    }
    expect((await outcome(detailLoader(args(await requestAs(ctx.ottoUser.id, url), params)))).status).toBe(403);
    expect((await outcome(detailLoader(args(await requestAs(ctx.claraUser.id, url), params)))).status).toBe(403);
    expect((await outcome(detailLoader(args(await requestAs(ctx.s.employeeUser.id, "/lernreisen/unbekannt"), { journeyId: "unbekannt" })))).status).toBe(404);
    expect((await outcome(detailLoader(args(await requestAs(null, url), params)))).status).toBe(302);
  });

  it("refuses edits and agreements outside one's team, the owner's own agreement; the leader agrees and books the session", async () => {
    const ctx = await setup();
    const url = `/lernreisen/${ctx.journeyId}`;
    const params = { journeyId: ctx.journeyId };
    const phaseId = (await db.journeyPhase.findFirstOrThrow({ where: { journeyId: ctx.journeyId } })).id;
    // Editing someone else's journey without being their leader or HR.
    for (const userId of [ctx.ottoUser.id, ctx.claraUser.id]) {
      const edit = await outcome(detailAction(args(await post(userId, url, { intent: "addStep", phaseId, kind: "READING", title: "Fremd" }), params)));
      expect(edit.status).toBe(403);
    }
    // Agreeing outside one's team, and the owner agreeing their own journey.
    expect((await outcome(detailAction(args(await post(ctx.ottoUser.id, url, { intent: "agree" }), params)))).status).toBe(403);
    expect((await outcome(detailAction(args(await post(ctx.s.employeeUser.id, url, { intent: "agree" }), params)))).status).toBe(403);
    expect((await outcome(detailAction(args(await post(ctx.s.employeeUser.id, url, { intent: "sendBack", comment: "x" }), params)))).status).toBe(403);
    // Another person's reflection cannot be written by the leader.
    expect((await outcome(detailAction(args(await post(ctx.s.leaderUser.id, url, { intent: "reflection", stepId: ctx.reflectionStepId, reflection: "x" }), params)))).status).toBe(403);
    // Bad input: a 400 with the field's message, nothing changed.
    const bad = await outcome(detailAction(args(await post(ctx.s.employeeUser.id, url, { intent: "addStep", phaseId, kind: "ELEARNING", url: "nicht-gültig" }), params)));
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain("journeys.validation.urlInvalid");
    expect(await db.journeyStep.count({ where: { journeyId: ctx.journeyId } })).toBe(2);
    // The owner edits while proposed; the leader agrees: the session is booked (approval included).
    expect((await outcome(detailAction(args(await post(ctx.s.employeeUser.id, url, { intent: "addStep", phaseId, kind: "READING", title: "Leitfaden lesen" }), params)))).status).toBe(200);
    expect((await outcome(detailAction(args(await post(ctx.s.leaderUser.id, url, { intent: "agree" }), params)))).status).toBe(200);
    const enrolment = await db.enrolment.findFirstOrThrow({ where: { personId: ctx.s.employee.id, sessionId: ctx.session.id } });
    expect(enrolment.status).toBe("CONFIRMED");
    expect((await db.learningJourney.findUniqueOrThrow({ where: { id: ctx.journeyId } })).status).toBe("AGREED");
    // Unknown intent.
    expect((await outcome(detailAction(args(await post(ctx.s.employeeUser.id, url, { intent: "hack" }), params)))).status).toBe(400);
  });

  it("lists my journeys, creates one, shows the person page to leader and HR only, and the start card", async () => {
    const ctx = await setup();
    const mine = await outcome(mineLoader(args(await requestAs(ctx.s.employeeUser.id, "/lernreise"))));
    expect(mine.status).toBe(200);
    expect((mine.body as { journeys: { title: string }[] }).journeys.map((j) => j.title)).toEqual(["Emils Lernreise"]);
    const created = await outcome(
      mineAction(args(await post(ctx.s.employeeUser.id, "/lernreise", { intent: "create", title: "Selbst angelegt", goalKind: "FREE", goalText: "", startsOn: todayInBerlin(), endsOn: addDays(todayInBerlin(), 30) }))),
    );
    expect(created.status).toBe(302);
    expect(String(created.body)).toMatch(/^\/lernreisen\//);
    const bad = await outcome(mineAction(args(await post(ctx.s.employeeUser.id, "/lernreise", { intent: "create", title: "", goalKind: "FREE", startsOn: "gestern", endsOn: "" }))));
    expect(bad.status).toBe(400);
    // The person's journeys page: leader and HR yes, another leader and a colleague no.
    const personUrl = `/personen/${ctx.s.employee.id}/lernreisen`;
    const params = { personId: ctx.s.employee.id };
    for (const userId of [ctx.s.leaderUser.id, ctx.s.hrUser.id]) {
      const page = await outcome(personLoader(args(await requestAs(userId, personUrl), params)));
      expect(page.status).toBe(200);
      expect((page.body as { journeys: unknown[]; canCreate: boolean }).journeys).toHaveLength(2);
      expect((page.body as { canCreate: boolean }).canCreate).toBe(true);
    }
    expect((await outcome(personLoader(args(await requestAs(ctx.ottoUser.id, personUrl), params)))).status).toBe(403);
    expect((await outcome(personLoader(args(await requestAs(ctx.claraUser.id, personUrl), params)))).status).toBe(403);
    expect((await outcome(personLoader(args(await requestAs(ctx.s.leaderUser.id, "/personen/x/lernreisen"), { personId: "x" })))).status).toBe(404);
    const fields = { intent: "create", title: "Von der Führungskraft", goalKind: "FREE", startsOn: todayInBerlin(), endsOn: addDays(todayInBerlin(), 60) };
    expect((await outcome(personAction(args(await post(ctx.ottoUser.id, personUrl, fields), params)))).status).toBe(403);
    expect((await outcome(personAction(args(await post(ctx.s.leaderUser.id, personUrl, fields), params)))).status).toBe(302);
    // Start page card: only for people with journeys.
    const start = await outcome(startLoader(args(await requestAs(ctx.s.employeeUser.id, "/"))));
    expect((start.body as { journey: { journeyCount: number } | null }).journey?.journeyCount).toBe(3);
    const startClara = await outcome(startLoader(args(await requestAs(ctx.claraUser.id, "/"))));
    expect((startClara.body as { journey: unknown }).journey).toBeNull();
  });
});
