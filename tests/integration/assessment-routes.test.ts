// The assessment pages as Remix calls them: the person self-assesses, the leader sees only what is
// submitted, others get 403/404, and HR cannot rate.
import { db } from "~/utils/db.server.ts";
import { upsertPositionRequirement } from "~/modules/competency/profiles.server.ts";
import { startRound } from "~/modules/assessment/rounds.server.ts";
import { action as listAction, loader as listLoader } from "~/routes/einschaetzungen._index.tsx";
import { action as roundAction, loader as roundLoader } from "~/routes/einschaetzungen.$roundId.tsx";
import { actorFor, createAccount, createPerson, createScenario, makeLeader, requestAs } from "../factories.ts";
import { createPublishedFramework } from "../competency-factories.ts";

type Args = Parameters<typeof roundLoader>[0];
const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} }) as Args;
const post = (userId: string, url: string, fields: [string, string][]) => requestAs(userId, url, { method: "POST", body: new URLSearchParams(fields) });

async function statusOf(promise: Promise<unknown>) {
  try {
    const value = await promise;
    if (value instanceof Response) return value.status;
    if (value && typeof value === "object" && "init" in value) return (value as { init: { status?: number } }).init.status ?? 200;
    return 200;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}

/** The body of a `data()` result or a plain object. */
function bodyOf(value: unknown) {
  if (value && typeof value === "object" && "data" in value && "init" in value) return (value as { data: unknown }).data;
  return value;
}

async function setup() {
  const s = await createScenario(db);
  const fw = await createPublishedFramework(db);
  const hr = await actorFor(db, s.hrUser.id);
  await upsertPositionRequirement(db, hr, s.employee.position.id, { competencyId: fw.writing.id, targetLevel: 3, importance: "ESSENTIAL" });
  await upsertPositionRequirement(db, hr, s.employee.position.id, { competencyId: fw.listening.id, targetLevel: 2, importance: "IMPORTANT" });
  return { s, fw, hr };
}

type RoundData = { round: { status: string; items: { competencyId: string; selfLevel: number | null; selfComment: string; leaderLevel: number | null }[] }; canSelfAssess: boolean; canRate: boolean; canAgree: boolean };

describe("assessment pages", () => {
  it("lets the employee start, save a draft and submit the own self-assessment, keeping input after an error", async () => {
    const { s, fw } = await setup();
    const list = (await listLoader(args(await requestAs(s.employeeUser.id, "/einschaetzungen")))) as { own: unknown[]; isLeader: boolean };
    expect(list.own).toEqual([]);
    expect(list.isLeader).toBe(false);

    const started = await listAction(args(await post(s.employeeUser.id, "/einschaetzungen", [["intent", "start"], ["personId", s.employee.id]])));
    expect(started).toBeInstanceOf(Response);
    const location = (started as Response).headers.get("Location")!;
    expect(location).toMatch(/^\/einschaetzungen\/.+/);
    const roundId = location.split("/").pop()!;

    // Starting a second one is refused with a message, not an error page.
    const again = bodyOf(await listAction(args(await post(s.employeeUser.id, "/einschaetzungen", [["intent", "start"], ["personId", s.employee.id]]))));
    expect(again).toMatchObject({ ok: false, formError: "assessment.roundAlreadyOpen" });

    const view = (await roundLoader(args(await requestAs(s.employeeUser.id, location), { roundId }))) as RoundData;
    expect(view.canSelfAssess).toBe(true);
    expect(view.round.items).toHaveLength(2);

    const items = (level: Record<string, string>, comment = "") => [
      ["competencyId", fw.writing.id],
      ["competencyId", fw.listening.id],
      ...Object.entries(level).map(([id, l]) => [`level-${id}`, l] as [string, string]),
      [`comment-${fw.writing.id}`, comment],
    ] as [string, string][];

    const draft = await roundAction(args(await post(s.employeeUser.id, location, [["intent", "self-save"], ...items({ [fw.writing.id]: "2" }, "Übe noch")]), { roundId }));
    expect(bodyOf(draft)).toMatchObject({ ok: true, message: "assessment.saved" });

    const incomplete = await roundAction(args(await post(s.employeeUser.id, location, [["intent", "self-submit"], ...items({ [fw.writing.id]: "3" }, "Geändert")]), { roundId }));
    expect(await statusOf(Promise.resolve(incomplete))).toBe(400);
    const failure = bodyOf(incomplete) as { formError: string; fieldErrors: Record<string, string[]>; values: Record<string, string> };
    expect(failure.formError).toBe("assessment.allLevelsRequired");
    expect(failure.fieldErrors[`level-${fw.listening.id}`]).toEqual(["assessment.levelRequired"]);
    expect(failure.values[`level-${fw.writing.id}`]).toBe("3");
    expect(failure.values[`comment-${fw.writing.id}`]).toBe("Geändert");

    const bad = await roundAction(args(await post(s.employeeUser.id, location, [["intent", "self-save"], ...items({ [fw.writing.id]: "abc" })]), { roundId }));
    expect(await statusOf(Promise.resolve(bad))).toBe(400);
    expect(JSON.stringify(bodyOf(bad))).toContain("assessment.levelOutOfScale");

    const submitted = await roundAction(args(await post(s.employeeUser.id, location, [["intent", "self-submit"], ...items({ [fw.writing.id]: "2", [fw.listening.id]: "3" }, "Übe noch")]), { roundId }));
    expect(bodyOf(submitted)).toMatchObject({ ok: true, message: "assessment.selfSubmitted" });
    const round = await db.assessmentRound.findUniqueOrThrow({ where: { id: roundId }, include: { items: true } });
    expect(round.status).toBe("SELF_ASSESSED");
    expect(round.items.find((i) => i.competencyId === fw.writing.id)).toMatchObject({ selfLevel: 2, selfComment: "Übe noch" });

    // The employee cannot rate themselves.
    const selfRating = roundAction(args(await post(s.employeeUser.id, location, [["intent", "leader-submit"], ...items({ [fw.writing.id]: "4", [fw.listening.id]: "4" })]), { roundId }));
    expect(await statusOf(selfRating)).toBe(403);
  });

  it("refuses other employees, leaders of other teams and unknown ids", async () => {
    const { s, hr } = await setup();
    const round = await startRound(db, hr, { personId: s.employee.id });
    const colleagueUser = await createAccount(db, s.colleague);
    const otherLeader = await createPerson(db, { unit: s.amtB, firstName: "Olga", title: "Amtsleitung B" });
    await makeLeader(db, s.amtB.id, otherLeader.id);
    const otherLeaderUser = await createAccount(db, otherLeader);

    expect(await statusOf(roundLoader(args(await requestAs(colleagueUser.id, "/"), { roundId: round.id })))).toBe(403);
    expect(await statusOf(roundLoader(args(await requestAs(otherLeaderUser.id, "/"), { roundId: round.id })))).toBe(403);
    expect(await statusOf(roundLoader(args(await requestAs(s.employeeUser.id, "/"), { roundId: "unbekannt" })))).toBe(404);
    expect(await statusOf(roundLoader(args(await requestAs(null, "/einschaetzungen/x"), { roundId: round.id })))).not.toBe(200);
    expect(await statusOf(listLoader(args(await requestAs(colleagueUser.id, `/einschaetzungen?person=${s.employee.id}`))))).toBe(403);
    expect(await statusOf(listLoader(args(await requestAs(otherLeaderUser.id, `/einschaetzungen?person=${s.employee.id}`))))).toBe(403);
    expect(await statusOf(listAction(args(await post(colleagueUser.id, "/einschaetzungen", [["intent", "start"], ["personId", s.employee.id]]))))).toBe(403);
    const cancel = roundAction(args(await post(otherLeaderUser.id, "/", [["intent", "cancel"]]), { roundId: round.id }));
    expect(await statusOf(cancel)).toBe(403);
    expect((await db.assessmentRound.findUniqueOrThrow({ where: { id: round.id } })).status).toBe("OPEN");
  });

  it("hides an unsubmitted self-assessment from the leader and lets HR neither rate nor agree", async () => {
    const { s, fw } = await setup();
    const employee = await actorFor(db, s.employeeUser.id);
    const round = await startRound(db, employee, { personId: s.employee.id });
    const url = `/einschaetzungen/${round.id}`;
    const fields = (level: string, comment = ""): [string, string][] => [
      ["competencyId", fw.writing.id],
      ["competencyId", fw.listening.id],
      [`level-${fw.writing.id}`, level],
      [`level-${fw.listening.id}`, level],
      [`comment-${fw.writing.id}`, comment],
    ];
    await roundAction(args(await post(s.employeeUser.id, url, [["intent", "self-save"], ...fields("4", "Geheimer Entwurf")]), { roundId: round.id }));

    const leaderView = (await roundLoader(args(await requestAs(s.leaderUser.id, url), { roundId: round.id }))) as RoundData;
    expect(leaderView.canRate).toBe(true);
    expect(leaderView.round.items.every((i) => i.selfLevel === null && i.selfComment === "")).toBe(true);
    expect(JSON.stringify(leaderView)).not.toContain("Geheimer Entwurf");

    // The leader's team list shows the open round; the employee's list is theirs only.
    const teamList = (await listLoader(args(await requestAs(s.leaderUser.id, "/einschaetzungen")))) as { isLeader: boolean; team: { id: string }[] };
    expect(teamList.isLeader).toBe(true);
    expect(teamList.team.map((r) => r.id)).toContain(round.id);

    // HR: read-only view without self or leader levels; rating and agreeing are refused.
    const hrView = (await roundLoader(args(await requestAs(s.hrUser.id, url), { roundId: round.id }))) as RoundData & { canCancel: boolean };
    expect(hrView.canRate).toBe(false);
    expect(hrView.canCancel).toBe(true);
    expect(JSON.stringify(hrView)).not.toContain("Geheimer Entwurf");
    expect(await statusOf(roundAction(args(await post(s.hrUser.id, url, [["intent", "leader-submit"], ...fields("2")]), { roundId: round.id })))).toBe(403);
    expect(await statusOf(roundAction(args(await post(s.hrUser.id, url, [["intent", "leader-save"], ...fields("2")]), { roundId: round.id })))).toBe(403);
    expect(await statusOf(roundAction(args(await post(s.hrUser.id, url, [["intent", "agree"], ...fields("2")]), { roundId: round.id })))).toBe(403);
    const after = await db.assessmentRound.findUniqueOrThrow({ where: { id: round.id }, include: { items: true } });
    expect(after.status).toBe("OPEN");
    expect(after.items.every((i) => i.leaderLevel === null && i.agreedLevel === null)).toBe(true);
    expect(await db.competencyLevelRecord.count({ where: { personId: s.employee.id } })).toBe(0);

    // The leader rates (closing the self-assessment) and records the agreement through the page.
    expect(bodyOf(await roundAction(args(await post(s.leaderUser.id, url, [["intent", "leader-submit"], ...fields("2", "Gut")]), { roundId: round.id })))).toMatchObject({ ok: true });
    const rated = (await roundLoader(args(await requestAs(s.leaderUser.id, url), { roundId: round.id }))) as RoundData;
    expect(rated.canAgree).toBe(true);
    const early = bodyOf(await roundAction(args(await post(s.employeeUser.id, url, [["intent", "self-submit"], ...fields("3")]), { roundId: round.id })));
    expect(early).toMatchObject({ ok: false, formError: "assessment.selfClosed" });
    expect(bodyOf(await roundAction(args(await post(s.leaderUser.id, url, [["intent", "agree"], ...fields("3")]), { roundId: round.id })))).toMatchObject({ ok: true, message: "assessment.agreedDone" });
    const done = await db.assessmentRound.findUniqueOrThrow({ where: { id: round.id }, include: { items: true } });
    expect(done.status).toBe("AGREED");
    expect(done.agreedById).toBe(s.leaderUser.id);
    expect(done.items.every((i) => i.agreedLevel === 3)).toBe(true);
  });

  it("lets HR open a person's list and start a round for them", async () => {
    const { s } = await setup();
    const list = (await listLoader(args(await requestAs(s.hrUser.id, `/einschaetzungen?person=${s.employee.id}`)))) as { other: { person: { id: string }; rounds: unknown[] } };
    expect(list.other.person.id).toBe(s.employee.id);
    expect(list.other.rounds).toEqual([]);
    const started = await listAction(args(await post(s.hrUser.id, "/einschaetzungen", [["intent", "start"], ["personId", s.employee.id]])));
    expect(await statusOf(Promise.resolve(started))).toBe(302);
    // A person without a position profile gets an explained message.
    const noProfile = bodyOf(await listAction(args(await post(s.hrUser.id, "/einschaetzungen", [["intent", "start"], ["personId", s.outsider.id]]))));
    expect(noProfile).toMatchObject({ ok: false });
    expect(["assessment.noProfile", "assessment.noRequirements"]).toContain((noProfile as { formError: string }).formError);
  });
});
