import { db } from "~/utils/db.server.ts";
import { AccessDeniedError, ValidationError } from "~/modules/errors.ts";
import { upsertPositionRequirement } from "~/modules/competency/profiles.server.ts";
import { agreeRound, getRound, saveLeaderRating, saveSelfAssessment, startRound } from "./rounds.server.ts";
import { getPersonGaps } from "./gaps.server.ts";
import { actorFor, createScenario } from "../../../tests/factories.ts";
import { createPublishedFramework } from "../../../tests/competency-factories.ts";

async function setup() {
  const s = await createScenario(db);
  const fw = await createPublishedFramework(db);
  const hr = await actorFor(db, s.hrUser.id);
  await upsertPositionRequirement(db, hr, s.employee.position.id, { competencyId: fw.writing.id, targetLevel: 3, importance: "ESSENTIAL" });
  await upsertPositionRequirement(db, hr, s.employee.position.id, { competencyId: fw.listening.id, targetLevel: 2, importance: "IMPORTANT" });
  return { s, fw, hr, employee: await actorFor(db, s.employeeUser.id), leader: await actorFor(db, s.leaderUser.id) };
}

describe("assessment round", () => {
  it("runs self-assessment → leader rating → agreement and changes the gaps", async () => {
    const { s, fw, employee, leader } = await setup();
    const round = await startRound(db, employee, { personId: s.employee.id });
    expect(round.leaderPersonId).toBe(s.leader.id);
    await expect(startRound(db, leader, { personId: s.employee.id })).rejects.toThrow("assessment.roundAlreadyOpen");

    let gaps = await getPersonGaps(db, employee, s.employee.id, { validityMonths: 24 });
    expect(gaps.rows.map((r) => [r.competency.code, r.gap])).toEqual([
      ["K.1", 3],
      ["K.2", 2],
    ]);

    // A draft self-assessment stays private.
    await saveSelfAssessment(db, employee, round.id, [{ competencyId: fw.writing.id, level: 2, comment: "Übe noch" }], false);
    let leaderView = await getRound(db, leader, round.id);
    expect(leaderView.round.items.every((i) => i.selfLevel === null && i.selfComment === "")).toBe(true);
    await expect(saveSelfAssessment(db, employee, round.id, [{ competencyId: fw.writing.id, level: 2 }], true)).rejects.toThrow("assessment.allLevelsRequired");
    await saveSelfAssessment(db, employee, round.id, [{ competencyId: fw.writing.id, level: 2, comment: "Übe noch" }, { competencyId: fw.listening.id, level: 3 }], true);
    leaderView = await getRound(db, leader, round.id);
    expect(leaderView.round.status).toBe("SELF_ASSESSED");
    expect(leaderView.round.items.find((i) => i.competencyId === fw.writing.id)?.selfComment).toBe("Übe noch");
    await expect(saveSelfAssessment(db, employee, round.id, [{ competencyId: fw.writing.id, level: 4 }], false)).rejects.toThrow("assessment.selfClosed");

    // Only the leader rates; the employee cannot.
    await expect(saveLeaderRating(db, employee, round.id, [{ competencyId: fw.writing.id, level: 4 }], false)).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(saveLeaderRating(db, leader, round.id, [{ competencyId: fw.writing.id, level: 9 }], false)).rejects.toThrow("assessment.levelOutOfScale");
    await saveLeaderRating(db, leader, round.id, [{ competencyId: fw.writing.id, level: 2 }, { competencyId: fw.listening.id, level: 2 }], true);
    expect((await getRound(db, employee, round.id)).round.items.find((i) => i.competencyId === fw.writing.id)?.leaderLevel).toBe(2);

    await agreeRound(db, leader, round.id, [{ competencyId: fw.writing.id, level: 3 }, { competencyId: fw.listening.id, level: 2 }]);
    const done = await getRound(db, employee, round.id);
    expect(done.round.status).toBe("AGREED");
    expect(done.round.agreedBy?.email).toBe(s.leaderUser.email);

    gaps = await getPersonGaps(db, employee, s.employee.id, { validityMonths: 24 });
    expect(gaps.rows.map((r) => [r.competency.code, r.current?.level, r.current?.source, r.gap])).toEqual([
      ["K.1", 3, "AGREED", 0],
      ["K.2", 2, "AGREED", 0],
    ]);
    expect(gaps.rows[0]!.history.map((h) => h.source)).toEqual(["AGREED", "LEADER"]);
    expect(gaps.radar).toEqual([{ label: "K Kommunikation", target: 63, current: 63, count: 2 }]);
    expect(gaps.essentialGaps).toBe(0);
  });

  it("lets a leader rate without a self-assessment, which then closes", async () => {
    const { s, fw, employee, leader } = await setup();
    const round = await startRound(db, leader, { personId: s.employee.id });
    await saveLeaderRating(db, leader, round.id, [{ competencyId: fw.writing.id, level: 1 }, { competencyId: fw.listening.id, level: 1 }], true);
    await expect(saveSelfAssessment(db, employee, round.id, [{ competencyId: fw.writing.id, level: 1 }], false)).rejects.toBeInstanceOf(ValidationError);
    const gaps = await getPersonGaps(db, leader, s.employee.id, { validityMonths: 24 });
    expect(gaps.rows.map((r) => r.current?.source)).toEqual(["LEADER", "LEADER"]);
    expect(await db.auditEvent.count({ where: { action: "gaps.read", affectedPersonId: s.employee.id } })).toBe(1);
  });

  it("refuses other people, other teams and HR ratings", async () => {
    const { s, fw, hr, leader } = await setup();
    const colleague = await actorFor(db, (await db.user.create({ data: { email: `c-${s.colleague.id}@test.example`, passwordHash: "x", personId: s.colleague.id, roles: { create: [{ role: "EMPLOYEE" }] } } })).id);
    const round = await startRound(db, hr, { personId: s.employee.id });
    await expect(getRound(db, colleague, round.id)).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(startRound(db, colleague, { personId: s.employee.id })).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(saveLeaderRating(db, hr, round.id, [{ competencyId: fw.writing.id, level: 2 }], false)).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(startRound(db, leader, { personId: s.outsider.id })).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(getPersonGaps(db, colleague, s.employee.id, { validityMonths: 24 })).rejects.toBeInstanceOf(AccessDeniedError);
  });
});
