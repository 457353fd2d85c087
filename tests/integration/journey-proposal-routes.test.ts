// "Lernreise vorschlagen" as Remix calls it: POST proposes and opens the draft, refusals are
// explained on the page, GET goes to "Meine Lernreise"; with the forbidden paths.
import { db } from "~/utils/db.server.ts";
import { action, loader } from "~/routes/lernreisen.vorschlagen.tsx";
import { createAccount, requestAs } from "../factories.ts";
import { createTraining } from "../training-factories.ts";
import { createGapScenario } from "../journey-proposal-factories.ts";

type Args = Parameters<typeof loader>[0];
const args = (request: Request) => ({ request, params: {}, context: {} }) as Args;

/** Status and redirect target (or body) of a loader/action, thrown or returned. */
async function outcome(promise: Promise<unknown>): Promise<{ status: number; location: string | null; body: unknown }> {
  try {
    const value = await promise;
    if (value instanceof Response) return { status: value.status, location: value.headers.get("Location"), body: null };
    return { status: 200, location: null, body: value };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, location: thrown.headers.get("Location"), body: await thrown.text() };
    throw thrown;
  }
}

const post = async (userId: string | null, form: Record<string, string> = {}) =>
  outcome(action(args(await requestAs(userId, "/lernreisen/vorschlagen", { method: "POST", body: new URLSearchParams(form) })) as Parameters<typeof action>[0]));
const get = async (userId: string | null, query = "") => outcome(loader(args(await requestAs(userId, `/lernreisen/vorschlagen${query}`))));

describe("POST /lernreisen/vorschlagen", () => {
  it("proposes the signed-in person's journey and opens it", async () => {
    const s = await createGapScenario(db);
    await createTraining(db, { title: "Schreiben und Zuhören", competencies: [{ node: s.fw.writing, targetLevel: 3 }, { node: s.fw.listening, targetLevel: 2 }] });
    const res = await post(s.employeeUser.id);
    expect(res.status).toBe(302);
    const journey = await db.learningJourney.findFirstOrThrow({ where: { personId: s.employee.id }, include: { steps: true } });
    expect(res.location).toBe(`/lernreisen/${journey.id}`);
    expect(journey).toMatchObject({ status: "DRAFT", goalKind: "POSITION_GAPS", createdById: s.employeeUser.id });
    expect(journey.steps.map((st) => st.title)).toEqual(["Schreiben und Zuhören"]);
  });

  it("lets the leader propose for a team member, not for others; an employee not for a colleague", async () => {
    const s = await createGapScenario(db);
    const res = await post(s.leaderUser.id, { personId: s.employee.id });
    expect(res.status).toBe(302);
    expect(res.location).toMatch(/^\/lernreisen\/[\w-]+$/);
    expect(await db.learningJourney.count({ where: { personId: s.employee.id, createdById: s.leaderUser.id } })).toBe(1);

    expect((await post(s.leaderUser.id, { personId: s.outsider.id })).status).toBe(403);
    expect((await post(s.employeeUser.id, { personId: s.colleague.id })).status).toBe(403);
    expect((await post(s.employeeUser.id, { personId: "gibt-es-nicht" })).status).toBe(404);
    // Administrators hold no journey permission; signed-out users go to the login.
    expect((await post(s.adminUser.id, { personId: s.employee.id })).status).toBe(403);
    expect((await post(null)).location).toMatch(/^\/login/);
    const otto = await createAccount(db, s.outsider);
    expect((await post(otto.id, { personId: s.employee.id })).status).toBe(403);
    expect(await db.learningJourney.count({ where: { personId: { in: [s.outsider.id, s.colleague.id] } } })).toBe(0);
  });

  it("explains a refusal on the page instead of failing", async () => {
    const s = await createGapScenario(db);
    // Clara's position has no profile; the leader asked for her.
    const res = await post(s.leaderUser.id, { personId: s.colleague.id });
    expect(res.status).toBe(302);
    expect(res.location).toBe(`/lernreisen/vorschlagen?grund=noProfile&person=${s.colleague.id}`);
    const page = await get(s.leaderUser.id, `?grund=noProfile&person=${s.colleague.id}`);
    expect(page.body).toEqual({ reason: "noProfile", back: `/personen/${s.colleague.id}/lernreisen`, gapsLink: `/personen/${s.colleague.id}/kompetenzen`, own: false });

    const claraUser = await createAccount(db, s.colleague);
    const own = await post(claraUser.id);
    expect(own.location).toBe("/lernreisen/vorschlagen?grund=noProfile");
    expect((await get(claraUser.id, "?grund=noProfile")).body).toMatchObject({ back: "/lernreise", gapsLink: "/kompetenzen", own: true });
    expect(await db.learningJourney.count({ where: { personId: s.colleague.id } })).toBe(0);
  });

  it("redirects a plain or unknown GET to Meine Lernreise", async () => {
    const s = await createGapScenario(db);
    expect(await get(s.employeeUser.id)).toMatchObject({ status: 302, location: "/lernreise" });
    expect(await get(s.employeeUser.id, "?grund=<script>")).toMatchObject({ status: 302, location: "/lernreise" });
    expect((await get(s.adminUser.id)).status).toBe(403);
  });
});
