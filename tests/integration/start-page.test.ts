import { db } from "~/utils/db.server.ts";
import { getStartOverview } from "~/modules/org/dashboard.server.ts";
import { upsertPositionRequirement } from "~/modules/competency/profiles.server.ts";
import { startRound } from "~/modules/assessment/rounds.server.ts";
import { actorFor, createScenario } from "../factories.ts";
import { createPublishedFramework } from "../competency-factories.ts";

describe("start page", () => {
  it("shows the employee's essential gaps and active round, and the leader's open team rounds", async () => {
    const s = await createScenario(db);
    const fw = await createPublishedFramework(db);
    const hr = await actorFor(db, s.hrUser.id);
    await upsertPositionRequirement(db, hr, s.employee.position.id, { competencyId: fw.writing.id, targetLevel: 3, importance: "ESSENTIAL" });
    const employee = await actorFor(db, s.employeeUser.id);
    let overview = await getStartOverview(db, employee, { validityMonths: 24 });
    expect(overview.competencies).toEqual({ required: 1, withGap: 1, essentialGaps: 1, notAssessed: 1, activeRound: null });
    expect(overview.teamRoundCounts).toBeNull();
    const round = await startRound(db, employee, { personId: s.employee.id });
    overview = await getStartOverview(db, employee, { validityMonths: 24 });
    expect(overview.competencies?.activeRound).toEqual({ id: round.id, status: "OPEN" });
    const leader = await getStartOverview(db, await actorFor(db, s.leaderUser.id), { validityMonths: 24 });
    expect(leader.teamRoundCounts).toEqual({ OPEN: 1, SELF_ASSESSED: 0, LEADER_RATED: 0 });
    const admin = await getStartOverview(db, await actorFor(db, s.adminUser.id), { validityMonths: 24 });
    expect(admin.competencies).toBeNull();
  });
});
