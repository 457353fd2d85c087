// "Lernreisen im Team" and the leader's start-page card as Remix calls them; with the forbidden
// paths (employees, HR, other offices' units).
import { db } from "~/utils/db.server.ts";
import { loader } from "~/routes/lernreisen.team.tsx";
import { loader as startLoader } from "~/routes/_index.tsx";
import { createAccount, createScenario, makeLeader, requestAs } from "../factories.ts";
import { createJourney } from "../journey-proposal-factories.ts";

type Args = Parameters<typeof loader>[0];
const args = (request: Request) => ({ request, params: {}, context: {} }) as Args;

async function outcome<T>(promise: Promise<T>): Promise<{ status: number; body: T | string }> {
  try {
    return { status: 200, body: await promise };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, body: thrown.headers.get("Location") ?? (await thrown.text()) };
    throw thrown;
  }
}

const team = async (userId: string | null, query = "") => outcome(loader(args(await requestAs(userId, `/lernreisen/team${query}`))));

describe("GET /lernreisen/team", () => {
  it("shows the leader the team's pending and running journeys, never other offices'", async () => {
    const s = await createScenario(db);
    await makeLeader(db, s.amtB.id, s.outsider.id);
    const ottoUser = await createAccount(db, s.outsider);
    const pending = await createJourney(db, { personId: s.employee.id, status: "PROPOSED", title: "Zur Abstimmung" });
    const running = await createJourney(db, { personId: s.colleague.id, status: "ACTIVE", title: "Läuft", steps: [{ title: "Überfällig", dueOn: "2026-01-05" }] });
    const elsewhere = await createJourney(db, { personId: s.hrPerson.id, status: "PROPOSED", title: "Amt B" });

    const res = await team(s.leaderUser.id);
    expect(res.status).toBe(200);
    const view = res.body as Exclude<typeof res.body, string>;
    expect(view.pending.rows.map((r) => r.id)).toEqual([pending.id]);
    expect(view.journeys.map((j) => j.id)).toEqual([running.id]);
    expect(view.journeys[0]).toMatchObject({ overdueCount: 1 });

    // Otto leads Amt B: he sees Hanna's journey and nothing of Amt A.
    const otto = (await team(ottoUser.id)).body as Exclude<typeof res.body, string>;
    expect(otto.pending.rows.map((r) => r.id)).toEqual([elsewhere.id]);
    expect(otto.journeys).toEqual([]);
    // Neither may pick the other's unit.
    expect((await team(ottoUser.id, `?unit=${s.amtA.id}`)).status).toBe(403);
    expect((await team(s.leaderUser.id, `?unit=${s.amtB.id}`)).status).toBe(403);
    expect((await team(s.leaderUser.id, `?unit=${s.abteilungA1.id}&status=OVERDUE`)).status).toBe(200);
  });

  it("is forbidden for employees, HR without a unit and administrators", async () => {
    const s = await createScenario(db);
    expect((await team(s.employeeUser.id)).status).toBe(403);
    expect((await team(s.hrUser.id)).status).toBe(403);
    expect((await team(s.adminUser.id)).status).toBe(403);
    expect((await team(null)).status).toBe(302);
  });
});

describe("start page: Lernreisen zur Abstimmung", () => {
  it("counts the team's pending journeys for leaders only", async () => {
    const s = await createScenario(db);
    await createJourney(db, { personId: s.employee.id, status: "PROPOSED" });
    await createJourney(db, { personId: s.colleague.id, status: "PROPOSED" });
    await createJourney(db, { personId: s.outsider.id, status: "PROPOSED" });
    const leaderStart = await startLoader(args(await requestAs(s.leaderUser.id, "/")));
    expect(leaderStart.teamJourneys).toEqual({ pending: 2, running: 0, overdue: 0 });
    const employeeStart = await startLoader(args(await requestAs(s.employeeUser.id, "/")));
    expect(employeeStart.teamJourneys).toBeNull();
  });
});
