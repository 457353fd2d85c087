import { db } from "~/utils/db.server.ts";
import { AccessDeniedError } from "~/modules/errors.ts";
import { upsertPositionRequirement } from "~/modules/competency/profiles.server.ts";
import { agreeRound, saveLeaderRating, startRound } from "./rounds.server.ts";
import { getTeamHeatmap } from "./team.server.ts";
import { actorFor, createScenario } from "../../../tests/factories.ts";
import { createPublishedFramework } from "../../../tests/competency-factories.ts";

describe("team heatmap", () => {
  it("shows people of the team alphabetically with a gap per required competency", async () => {
    const s = await createScenario(db);
    const fw = await createPublishedFramework(db);
    const hr = await actorFor(db, s.hrUser.id);
    const leader = await actorFor(db, s.leaderUser.id);
    await upsertPositionRequirement(db, hr, s.employee.position.id, { competencyId: fw.writing.id, targetLevel: 3, importance: "ESSENTIAL" });
    await upsertPositionRequirement(db, hr, s.colleague.position.id, { competencyId: fw.listening.id, targetLevel: 2, importance: "IMPORTANT" });
    const round = await startRound(db, leader, { personId: s.employee.id });
    await saveLeaderRating(db, leader, round.id, [{ competencyId: fw.writing.id, level: 2 }], true);
    await agreeRound(db, leader, round.id, [{ competencyId: fw.writing.id, level: 2 }]);

    const heatmap = await getTeamHeatmap(db, leader, { page: 1 }, { validityMonths: 24 });
    expect(heatmap.columns.map((c) => c.code)).toEqual(["K.1", "K.2"]);
    const names = heatmap.rows.map((r) => r.person.firstName);
    expect(names).toEqual(expect.arrayContaining(["Emil", "Clara"]));
    expect(heatmap.rows.map((r) => r.person.lastName)).toEqual([...heatmap.rows.map((r) => r.person.lastName)].sort((a, b) => a.localeCompare(b)));
    const emil = heatmap.rows.find((r) => r.person.id === s.employee.id)!;
    expect(emil.cells).toEqual([{ targetLevel: 3, importance: "ESSENTIAL", current: 2, outdated: false, gap: 1 }, null]);
    const clara = heatmap.rows.find((r) => r.person.id === s.colleague.id)!;
    expect(clara.cells).toEqual([null, { targetLevel: 2, importance: "IMPORTANT", current: null, outdated: false, gap: 2 }]);
    expect(heatmap.rows.map((r) => r.person.id)).not.toContain(s.outsider.id);

    const byCluster = await getTeamHeatmap(db, leader, { page: 1, clusterId: fw.cluster.id }, { validityMonths: 24 });
    expect(byCluster.columns).toHaveLength(2);
  });

  it("is refused to employees and for units outside the team", async () => {
    const s = await createScenario(db);
    await expect(getTeamHeatmap(db, await actorFor(db, s.employeeUser.id), { page: 1 }, { validityMonths: 24 })).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(getTeamHeatmap(db, await actorFor(db, s.leaderUser.id), { page: 1, unitId: s.amtB.id }, { validityMonths: 24 })).rejects.toBeInstanceOf(AccessDeniedError);
  });
});
