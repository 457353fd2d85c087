import { db } from "~/utils/db.server.ts";
import { AccessDeniedError, NotFoundError, ValidationError } from "~/modules/errors.ts";
import {
  createRoleProfile,
  getPositionProfile,
  listDueReviews,
  markReviewed,
  removePositionRequirement,
  requirePositionAccess,
  setPositionRoleProfile,
  upsertPositionRequirement,
  upsertRoleRequirement,
} from "./profiles.server.ts";
import { actorFor, createScenario } from "../../../tests/factories.ts";
import { createPublishedFramework } from "../../../tests/competency-factories.ts";

describe("position profiles", () => {
  it("inherits from the role profile, with per-position override, exclusion and own rows", async () => {
    const s = await createScenario(db);
    const hr = await actorFor(db, s.hrUser.id);
    const { writing, listening, framework } = await createPublishedFramework(db);
    const extra = await db.competencyNode.create({ data: { frameworkId: framework.id, parentId: null, kind: "COMPETENCY", code: "E", name: "Extra", lineageId: `e-${framework.id}` } });
    const role = await createRoleProfile(db, hr, { name: `Sachbearbeitung ${framework.id}`, description: "" });
    await upsertRoleRequirement(db, hr, role.id, { competencyId: writing.id, targetLevel: 2, importance: "IMPORTANT" });
    await upsertRoleRequirement(db, hr, role.id, { competencyId: listening.id, targetLevel: 3, importance: "ESSENTIAL" });
    const positionId = s.employee.position.id;
    await setPositionRoleProfile(db, hr, positionId, role.id);

    let profile = await getPositionProfile(db, hr, positionId);
    expect(profile.requirements.rows.map((r) => [r.competency.code, r.targetLevel, r.source])).toEqual([
      ["K.2", 3, "role"],
      ["K.1", 2, "role"],
    ]);

    await upsertPositionRequirement(db, hr, positionId, { competencyId: writing.id, targetLevel: 4, importance: "ESSENTIAL" });
    await removePositionRequirement(db, hr, positionId, listening.id, true);
    await upsertPositionRequirement(db, hr, positionId, { competencyId: extra.id, targetLevel: 1, importance: "DESIRABLE" });
    profile = await getPositionProfile(db, hr, positionId);
    expect(profile.requirements.rows.map((r) => [r.competency.code, r.targetLevel, r.source])).toEqual([
      ["K.1", 4, "override"],
      ["E", 1, "position"],
    ]);
    expect(profile.requirements.rows[0]!.inherited).toEqual({ targetLevel: 2, importance: "IMPORTANT" });
    expect(profile.requirements.excluded.map((e) => e.competency.code)).toEqual(["K.2"]);

    // Taking the exclusion and the override back restores the inherited rows.
    await removePositionRequirement(db, hr, positionId, listening.id, false);
    await removePositionRequirement(db, hr, positionId, writing.id, false);
    profile = await getPositionProfile(db, hr, positionId);
    expect(profile.requirements.rows.map((r) => [r.competency.code, r.targetLevel, r.source])).toEqual([
      ["K.2", 3, "role"],
      ["K.1", 2, "role"],
      ["E", 1, "position"],
    ]);
    expect(await db.auditEvent.count({ where: { entityType: "PositionProfile", entityId: profile.profile!.id } })).toBeGreaterThanOrEqual(5);
  });

  it("rejects levels outside the scale, clusters and unpublished competencies", async () => {
    const s = await createScenario(db);
    const hr = await actorFor(db, s.hrUser.id);
    const { writing, cluster } = await createPublishedFramework(db);
    const draft = await createPublishedFramework(db, { status: "DRAFT" });
    const positionId = s.employee.position.id;
    await expect(upsertPositionRequirement(db, hr, positionId, { competencyId: writing.id, targetLevel: 5, importance: "IMPORTANT" })).rejects.toThrow("profile.levelOutOfScale");
    await expect(upsertPositionRequirement(db, hr, positionId, { competencyId: cluster.id, targetLevel: 2, importance: "IMPORTANT" })).rejects.toThrow("profile.clusterNotAllowed");
    await expect(upsertPositionRequirement(db, hr, positionId, { competencyId: draft.writing.id, targetLevel: 2, importance: "IMPORTANT" })).rejects.toBeInstanceOf(ValidationError);
    expect(await db.positionRequirement.count({ where: { profile: { positionId } } })).toBe(0);
  });

  it("shows a position's profile to its holder, the unit's leader and HR; refuses others", async () => {
    const s = await createScenario(db);
    const positionId = s.employee.position.id;
    expect(await requirePositionAccess(db, await actorFor(db, s.employeeUser.id), positionId)).toBe("own");
    expect(await requirePositionAccess(db, await actorFor(db, s.leaderUser.id), positionId)).toBe("team");
    expect(await requirePositionAccess(db, await actorFor(db, s.hrUser.id), positionId)).toBe("any");
    await expect(requirePositionAccess(db, await actorFor(db, s.employeeUser.id), s.colleague.position.id)).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(requirePositionAccess(db, await actorFor(db, s.leaderUser.id), s.outsider.position.id)).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(requirePositionAccess(db, await actorFor(db, s.adminUser.id), positionId)).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(requirePositionAccess(db, await actorFor(db, s.hrUser.id), "nope")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("refuses edits by employees and leaders", async () => {
    const s = await createScenario(db);
    const { writing } = await createPublishedFramework(db);
    for (const user of [s.employeeUser, s.leaderUser]) {
      const actor = await actorFor(db, user.id);
      await expect(upsertPositionRequirement(db, actor, s.employee.position.id, { competencyId: writing.id, targetLevel: 2, importance: "IMPORTANT" })).rejects.toBeInstanceOf(AccessDeniedError);
    }
  });
});

describe("reviews", () => {
  it("records who reviewed when, keeps history and lists what is due", async () => {
    const s = await createScenario(db);
    const hr = await actorFor(db, s.hrUser.id);
    const positionId = s.employee.position.id;
    await setPositionRoleProfile(db, hr, positionId, null); // creates the profile
    await db.positionProfile.update({ where: { positionId }, data: { nextReviewAt: new Date(Date.now() - 86_400_000) } });
    let due = await listDueReviews(db, hr, { withinDays: 30, take: 1000 });
    expect(due.positionProfiles.map((p) => p.position.id)).toContain(positionId);

    await expect(markReviewed(db, hr, { entityType: "PositionProfile", entityId: positionId, note: "", nextReviewAt: new Date(Date.now() - 1000) })).rejects.toThrow("validation.nextReviewInPast");
    const next = new Date(Date.now() + 365 * 86_400_000);
    await markReviewed(db, hr, { entityType: "PositionProfile", entityId: positionId, note: "Mit Amtsleitung abgestimmt", nextReviewAt: next });
    await markReviewed(db, hr, { entityType: "PositionProfile", entityId: positionId, note: "Zweite Runde", nextReviewAt: next });
    due = await listDueReviews(db, hr, { withinDays: 30, take: 1000 });
    expect(due.positionProfiles.map((p) => p.position.id)).not.toContain(positionId);
    const history = (await getPositionProfile(db, hr, positionId)).reviews;
    expect(history.map((r) => r.note)).toEqual(["Zweite Runde", "Mit Amtsleitung abgestimmt"]);
    expect(history[0]!.reviewedById).toBe(s.hrUser.id);

    const { framework } = await createPublishedFramework(db);
    await markReviewed(db, hr, { entityType: "Framework", entityId: framework.id, note: "", nextReviewAt: next });
    expect(await db.reviewRecord.count({ where: { entityType: "Framework", entityId: framework.key } })).toBe(1);
    await expect(listDueReviews(db, await actorFor(db, s.employeeUser.id))).rejects.toBeInstanceOf(AccessDeniedError);
  });
});
