// "Meine Kompetenzen" and a person's "Kompetenzen und Lücken" as Remix calls them: who may see
// whose gaps, and the loader data after an agreed assessment round.
import { db } from "~/utils/db.server.ts";
import { upsertPositionRequirement } from "~/modules/competency/profiles.server.ts";
import { agreeRound, saveLeaderRating, startRound } from "~/modules/assessment/rounds.server.ts";
import { loader as ownLoader } from "~/routes/kompetenzen.tsx";
import { loader as personLoader } from "~/routes/personen.$personId_.kompetenzen.tsx";
import { actorFor, createAccount, createScenario, requestAs } from "../factories.ts";
import { createPublishedFramework } from "../competency-factories.ts";

type Args = Parameters<typeof personLoader>[0];
const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} }) as Args;

async function outcome(promise: Promise<unknown>) {
  try {
    const value = await promise;
    if (value instanceof Response) return { status: value.status, body: value.headers.get("Location") ?? "" };
    return { status: 200, body: "" };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, body: thrown.headers.get("Location") ?? (await thrown.text()) };
    throw thrown;
  }
}
const statusOf = async (promise: Promise<unknown>) => (await outcome(promise)).status;

async function setup() {
  const s = await createScenario(db);
  const fw = await createPublishedFramework(db);
  const hr = await actorFor(db, s.hrUser.id);
  await upsertPositionRequirement(db, hr, s.employee.position.id, { competencyId: fw.writing.id, targetLevel: 3, importance: "ESSENTIAL" });
  await upsertPositionRequirement(db, hr, s.employee.position.id, { competencyId: fw.listening.id, targetLevel: 2, importance: "IMPORTANT" });
  const colleagueUser = await createAccount(db, s.colleague);
  return { s, fw, colleagueUser };
}

describe("competencies and gaps pages", () => {
  it("shows the own page and refuses accounts without a person with a clear 404", async () => {
    const { s } = await setup();
    const own = await ownLoader(args(await requestAs(s.employeeUser.id, "/kompetenzen")));
    expect(own.person).toBeNull();
    expect(own.gaps.access).toBe("own");
    expect(own.gaps.essentialGaps).toBe(1);
    expect(own.gaps.rows.map((r) => [r.competency.code, r.targetLevel, r.current, r.gap])).toEqual([
      ["K.1", 3, null, 3],
      ["K.2", 2, null, 2],
    ]);
    const noPerson = await createAccount(db, null, ["EMPLOYEE"]);
    expect(await outcome(ownLoader(args(await requestAs(noPerson.id, "/kompetenzen"))))).toEqual({ status: 404, body: "gaps.noPersonAccount" });
    expect(await statusOf(ownLoader(args(await requestAs(null, "/kompetenzen"))))).toBe(302);
  });

  it("lets leaders see their team, HR everyone, and nobody else; unknown people are 404", async () => {
    const { s, colleagueUser } = await setup();
    const as = async (userId: string, personId: string) => statusOf(personLoader(args(await requestAs(userId, `/personen/${personId}/kompetenzen`), { personId })));
    expect(await as(colleagueUser.id, s.employee.id)).toBe(403);
    expect(await as(s.employeeUser.id, s.colleague.id)).toBe(403);
    expect(await as(s.leaderUser.id, s.employee.id)).toBe(200);
    expect(await as(s.leaderUser.id, s.outsider.id)).toBe(403);
    expect(await as(s.hrUser.id, s.outsider.id)).toBe(200);
    expect(await as(s.hrUser.id, "unknown")).toBe(404);
    // The own id on the person route leads to "Meine Kompetenzen".
    expect(await outcome(personLoader(args(await requestAs(s.employeeUser.id, "/"), { personId: s.employee.id })))).toEqual({ status: 302, body: "/kompetenzen" });
    // Leader and HR reads are logged; refused reads change nothing.
    expect(await db.auditEvent.count({ where: { action: "gaps.read", affectedPersonId: s.employee.id } })).toBe(1);
    expect(await db.auditEvent.count({ where: { action: "gaps.read", affectedPersonId: s.outsider.id } })).toBe(1);
  });

  it("reflects an agreed level after a round", async () => {
    const { s, fw } = await setup();
    const leader = await actorFor(db, s.leaderUser.id);
    const round = await startRound(db, leader, { personId: s.employee.id });
    await saveLeaderRating(db, leader, round.id, [{ competencyId: fw.writing.id, level: 2 }, { competencyId: fw.listening.id, level: 1 }], true);
    await agreeRound(db, leader, round.id, [{ competencyId: fw.writing.id, level: 3 }, { competencyId: fw.listening.id, level: 1 }]);

    const data = await personLoader(args(await requestAs(s.leaderUser.id, "/"), { personId: s.employee.id }));
    expect(data.person).toMatchObject({ id: s.employee.id, firstName: s.employee.firstName });
    const rows = data.gaps.rows.map((r) => [r.competency.code, r.current?.level, r.current?.source, r.current?.outdated, r.gap]);
    expect(rows).toEqual([
      ["K.1", 3, "AGREED", false, 0],
      ["K.2", 1, "AGREED", false, 1],
    ]);
    expect(data.gaps.essentialGaps).toBe(0);
    expect(data.gaps.rows[0]!.history.map((h) => [h.level, h.source])).toEqual([
      [3, "AGREED"],
      [2, "LEADER"],
    ]);
    expect(data.gaps.validityMonths).toBeGreaterThan(0);
    const own = await ownLoader(args(await requestAs(s.employeeUser.id, "/kompetenzen")));
    expect(own.gaps.radar).toEqual([{ label: "K Kommunikation", target: expect.any(Number), current: expect.any(Number), count: 2 }]);
    expect(own.gaps.rows.map((r) => r.current?.level)).toEqual([3, 1]);
  });

  it("answers with an empty list when the position has no profile", async () => {
    const s = await createScenario(db);
    const data = await ownLoader(args(await requestAs(s.employeeUser.id, "/kompetenzen")));
    expect(data.gaps.position?.id).toBe(s.employee.position.id);
    expect(data.gaps.rows).toEqual([]);
    expect(data.gaps.radar).toEqual([]);
  });
});
