// Role profiles and position profiles (Stellenprofile): which competencies at which level a
// position requires, inherited from a reusable role profile and adjusted per position.
import type { Db, Tx } from "~/utils/db.server.ts";
import { recordAudit } from "~/modules/audit/audit.server.ts";
import { hasPermission, pathInTeam, type Access, type Actor } from "~/modules/auth/permissions.ts";
import { AccessDeniedError, NotFoundError, ValidationError } from "~/modules/errors.ts";
import type { ImportanceValue } from "./schemas.ts";

export const IMPORTANCE_ORDER: Record<ImportanceValue, number> = { ESSENTIAL: 0, IMPORTANT: 1, DESIRABLE: 2 };

function requireProfileEditor(actor: Actor) {
  if (!hasPermission(actor.roles, "update:profile:any")) throw new AccessDeniedError("Nur die Personalentwicklung pflegt Stellenprofile.");
}

/** own: the actor holds the position now; team: it belongs to a unit the actor leads; any: HR. */
export async function requirePositionAccess(tx: Tx, actor: Actor, positionId: string): Promise<Access> {
  const position = await tx.position.findUnique({ where: { id: positionId }, select: { id: true, orgUnit: { select: { path: true } } } });
  if (!position) throw new NotFoundError("Stelle nicht gefunden");
  if (hasPermission(actor.roles, "read:profile:any")) return "any";
  if (actor.personId && hasPermission(actor.roles, "read:profile:own")) {
    const now = new Date();
    const holds = await tx.positionAssignment.count({
      where: { personId: actor.personId, positionId, startDate: { lte: now }, OR: [{ endDate: null }, { endDate: { gte: now } }] },
    });
    if (holds > 0) return "own";
  }
  if (hasPermission(actor.roles, "read:profile:team") && pathInTeam(actor, position.orgUnit.path)) return "team";
  throw new AccessDeniedError("Sie dürfen das Profil dieser Stelle nicht sehen.");
}

const competencySelect = {
  id: true,
  code: true,
  name: true,
  description: true,
  indicators: true,
  lineageId: true,
  descriptors: { select: { ordinal: true, text: true } },
  framework: {
    select: { id: true, key: true, name: true, version: true, status: true, attribution: true, scale: { select: { id: true, name: true, levels: { orderBy: { ordinal: "asc" as const }, select: { ordinal: true, label: true, band: true } } } } },
  },
} as const;

export type RequirementSource = "role" | "position" | "override";

/** The requirements that apply to a position: role profile rows, overridden or excluded per position. */
export async function effectiveRequirements(tx: Tx, profileId: string) {
  const profile = await tx.positionProfile.findUniqueOrThrow({
    where: { id: profileId },
    include: {
      requirements: { include: { competency: { select: competencySelect } } },
      roleProfile: { include: { requirements: { include: { competency: { select: competencySelect } } } } },
    },
  });
  const own = new Map(profile.requirements.map((r) => [r.competencyId, r]));
  const rows: {
    competency: (typeof profile.requirements)[number]["competency"];
    targetLevel: number;
    importance: ImportanceValue;
    source: RequirementSource;
    inherited: { targetLevel: number; importance: ImportanceValue } | null;
    requirementId: string | null;
  }[] = [];
  const excluded: { competency: (typeof profile.requirements)[number]["competency"]; requirementId: string }[] = [];
  for (const r of profile.roleProfile?.requirements ?? []) {
    const override = own.get(r.competencyId);
    if (override?.excluded) {
      excluded.push({ competency: override.competency, requirementId: override.id });
      continue;
    }
    rows.push({
      competency: r.competency,
      targetLevel: override?.targetLevel ?? r.targetLevel,
      importance: (override?.importance ?? r.importance) as ImportanceValue,
      source: override ? "override" : "role",
      inherited: { targetLevel: r.targetLevel, importance: r.importance as ImportanceValue },
      requirementId: override?.id ?? null,
    });
    own.delete(r.competencyId);
  }
  for (const r of own.values()) {
    if (r.excluded) continue; // excludes a role row that no longer exists
    rows.push({ competency: r.competency, targetLevel: r.targetLevel, importance: r.importance as ImportanceValue, source: "position", inherited: null, requirementId: r.id });
  }
  rows.sort((a, b) => IMPORTANCE_ORDER[a.importance] - IMPORTANCE_ORDER[b.importance] || a.competency.code.localeCompare(b.competency.code, "de"));
  return { rows, excluded };
}

export async function getPositionProfile(db: Db, actor: Actor, positionId: string) {
  return db.$transaction(async (tx) => {
    const access = await requirePositionAccess(tx, actor, positionId);
    const position = await tx.position.findUniqueOrThrow({
      where: { id: positionId },
      include: { orgUnit: { select: { id: true, code: true, name: true } }, profile: { include: { roleProfile: { select: { id: true, name: true } }, responsible: { select: { id: true, firstName: true, lastName: true } } } } },
    });
    const requirements = position.profile ? await effectiveRequirements(tx, position.profile.id) : { rows: [], excluded: [] };
    const reviews = position.profile
      ? await tx.reviewRecord.findMany({ where: { entityType: "PositionProfile", entityId: position.profile.id }, orderBy: { reviewedAt: "desc" }, include: { reviewedBy: { select: { email: true } } }, take: 20 })
      : [];
    return { access, position, profile: position.profile, requirements, reviews };
  });
}

async function ensureProfile(tx: Tx, positionId: string) {
  const position = await tx.position.findUnique({ where: { id: positionId }, select: { id: true, profile: true } });
  if (!position) throw new NotFoundError("Stelle nicht gefunden");
  return position.profile ?? (await tx.positionProfile.create({ data: { positionId } }));
}

/** The competency must belong to a published framework and the level to its scale. */
async function requirePublishedCompetency(tx: Tx, competencyId: string, targetLevel: number) {
  const competency = await tx.competencyNode.findUnique({
    where: { id: competencyId },
    select: { id: true, code: true, name: true, kind: true, framework: { select: { status: true, scale: { select: { _count: { select: { levels: true } } } } } } },
  });
  if (!competency || competency.framework.status !== "PUBLISHED") throw new ValidationError("profile.competencyNotPublished", { competencyId: ["profile.competencyNotPublished"] });
  if (competency.kind !== "COMPETENCY") throw new ValidationError("profile.clusterNotAllowed", { competencyId: ["profile.clusterNotAllowed"] });
  if (targetLevel < 1 || targetLevel > competency.framework.scale._count.levels) {
    throw new ValidationError("profile.levelOutOfScale", { targetLevel: ["profile.levelOutOfScale"] });
  }
  return competency;
}

export async function setPositionRoleProfile(db: Db, actor: Actor, positionId: string, roleProfileId: string | null) {
  requireProfileEditor(actor);
  await db.$transaction(async (tx) => {
    const profile = await ensureProfile(tx, positionId);
    if (roleProfileId && !(await tx.roleProfile.findUnique({ where: { id: roleProfileId } }))) throw new ValidationError("profile.roleProfileUnknown");
    await tx.positionProfile.update({ where: { id: profile.id }, data: { roleProfileId } });
    await recordAudit(tx, { actorUserId: actor.userId, action: "position-profile.role", entityType: "PositionProfile", entityId: profile.id, summary: `Rollenprofil: ${roleProfileId ?? "keins"}` });
  });
}

export async function setPositionProfileMeta(db: Db, actor: Actor, positionId: string, input: { responsiblePersonId: string | null; nextReviewAt: Date | null }) {
  requireProfileEditor(actor);
  await db.$transaction(async (tx) => {
    const profile = await ensureProfile(tx, positionId);
    await tx.positionProfile.update({ where: { id: profile.id }, data: input });
    await recordAudit(tx, { actorUserId: actor.userId, action: "position-profile.update", entityType: "PositionProfile", entityId: profile.id, summary: `Überprüfung bis ${input.nextReviewAt?.toISOString().slice(0, 10) ?? "–"}` });
  });
}

/** Adds a requirement, or overrides an inherited one, for one position. */
export async function upsertPositionRequirement(db: Db, actor: Actor, positionId: string, input: { competencyId: string; targetLevel: number; importance: ImportanceValue }) {
  requireProfileEditor(actor);
  await db.$transaction(async (tx) => {
    const competency = await requirePublishedCompetency(tx, input.competencyId, input.targetLevel);
    const profile = await ensureProfile(tx, positionId);
    await tx.positionRequirement.upsert({
      where: { profileId_competencyId: { profileId: profile.id, competencyId: input.competencyId } },
      create: { profileId: profile.id, competencyId: input.competencyId, targetLevel: input.targetLevel, importance: input.importance },
      update: { targetLevel: input.targetLevel, importance: input.importance, excluded: false },
    });
    await recordAudit(tx, { actorUserId: actor.userId, action: "position-profile.requirement", entityType: "PositionProfile", entityId: profile.id, summary: `${competency.code} ${competency.name}: Stufe ${input.targetLevel}, ${input.importance}` });
  });
}

/** Removes a position's own row; for an inherited competency `exclude` hides it for this position. */
export async function removePositionRequirement(db: Db, actor: Actor, positionId: string, competencyId: string, exclude: boolean) {
  requireProfileEditor(actor);
  await db.$transaction(async (tx) => {
    const profile = await ensureProfile(tx, positionId);
    if (exclude) {
      const inherited = profile.roleProfileId
        ? await tx.roleProfileRequirement.findUnique({ where: { roleProfileId_competencyId: { roleProfileId: profile.roleProfileId, competencyId } } })
        : null;
      if (!inherited) throw new ValidationError("profile.notInherited");
      await tx.positionRequirement.upsert({
        where: { profileId_competencyId: { profileId: profile.id, competencyId } },
        create: { profileId: profile.id, competencyId, targetLevel: inherited.targetLevel, importance: inherited.importance, excluded: true },
        update: { excluded: true },
      });
    } else {
      await tx.positionRequirement.deleteMany({ where: { profileId: profile.id, competencyId } });
    }
    await recordAudit(tx, { actorUserId: actor.userId, action: exclude ? "position-profile.exclude" : "position-profile.requirement-remove", entityType: "PositionProfile", entityId: profile.id, summary: competencyId });
  });
}

export async function listRoleProfiles(db: Db) {
  return db.roleProfile.findMany({
    orderBy: { name: "asc" },
    include: { _count: { select: { requirements: true, positionProfiles: true } }, responsible: { select: { firstName: true, lastName: true } } },
  });
}

export async function getRoleProfile(db: Db, actor: Actor, roleProfileId: string) {
  if (!hasPermission(actor.roles, "read:profile:any")) throw new AccessDeniedError();
  const roleProfile = await db.roleProfile.findUnique({
    where: { id: roleProfileId },
    include: { requirements: { include: { competency: { select: competencySelect } } }, responsible: { select: { id: true, firstName: true, lastName: true } }, _count: { select: { positionProfiles: true } } },
  });
  if (!roleProfile) throw new NotFoundError("Rollenprofil nicht gefunden");
  roleProfile.requirements.sort((a, b) => IMPORTANCE_ORDER[a.importance as ImportanceValue] - IMPORTANCE_ORDER[b.importance as ImportanceValue] || a.competency.code.localeCompare(b.competency.code, "de"));
  const reviews = await db.reviewRecord.findMany({ where: { entityType: "RoleProfile", entityId: roleProfileId }, orderBy: { reviewedAt: "desc" }, include: { reviewedBy: { select: { email: true } } }, take: 20 });
  return { roleProfile, reviews };
}

export async function createRoleProfile(db: Db, actor: Actor, input: { name: string; description: string }) {
  requireProfileEditor(actor);
  return db.$transaction(async (tx) => {
    if (await tx.roleProfile.findUnique({ where: { name: input.name } })) throw new ValidationError("validation.nameTaken", { name: ["validation.nameTaken"] });
    const roleProfile = await tx.roleProfile.create({ data: input });
    await recordAudit(tx, { actorUserId: actor.userId, action: "role-profile.create", entityType: "RoleProfile", entityId: roleProfile.id, summary: input.name });
    return roleProfile;
  });
}

export async function upsertRoleRequirement(db: Db, actor: Actor, roleProfileId: string, input: { competencyId: string; targetLevel: number; importance: ImportanceValue }) {
  requireProfileEditor(actor);
  await db.$transaction(async (tx) => {
    if (!(await tx.roleProfile.findUnique({ where: { id: roleProfileId } }))) throw new NotFoundError("Rollenprofil nicht gefunden");
    const competency = await requirePublishedCompetency(tx, input.competencyId, input.targetLevel);
    await tx.roleProfileRequirement.upsert({
      where: { roleProfileId_competencyId: { roleProfileId, competencyId: input.competencyId } },
      create: { roleProfileId, ...input },
      update: { targetLevel: input.targetLevel, importance: input.importance },
    });
    await recordAudit(tx, { actorUserId: actor.userId, action: "role-profile.requirement", entityType: "RoleProfile", entityId: roleProfileId, summary: `${competency.code}: Stufe ${input.targetLevel}, ${input.importance}` });
  });
}

export async function removeRoleRequirement(db: Db, actor: Actor, roleProfileId: string, competencyId: string) {
  requireProfileEditor(actor);
  await db.$transaction(async (tx) => {
    await tx.roleProfileRequirement.deleteMany({ where: { roleProfileId, competencyId } });
    await recordAudit(tx, { actorUserId: actor.userId, action: "role-profile.requirement-remove", entityType: "RoleProfile", entityId: roleProfileId, summary: competencyId });
  });
}

/** Competencies of published frameworks, for requirement pickers, with their scale levels. */
export async function listPublishedCompetencies(db: Db) {
  const frameworks = await db.framework.findMany({
    where: { status: "PUBLISHED" },
    orderBy: { name: "asc" },
    select: { id: true, name: true, scale: { select: { levels: { orderBy: { ordinal: "asc" }, select: { ordinal: true, label: true } } } }, nodes: { where: { kind: "COMPETENCY" }, orderBy: { code: "asc" }, select: { id: true, code: true, name: true } } },
  });
  return frameworks;
}

export type ReviewEntity = "Framework" | "RoleProfile" | "PositionProfile";

/** Records a review (who, when, note) and sets the next review date; history is kept. */
export async function markReviewed(db: Db, actor: Actor, input: { entityType: ReviewEntity; entityId: string; note: string; nextReviewAt: Date }) {
  if (input.entityType === "Framework") {
    if (!hasPermission(actor.roles, "update:competency:any")) throw new AccessDeniedError();
  } else requireProfileEditor(actor);
  if (input.nextReviewAt.getTime() <= Date.now()) throw new ValidationError("validation.nextReviewInPast", { nextReviewAt: ["validation.nextReviewInPast"] });
  await db.$transaction(async (tx) => {
    let recordId = input.entityId;
    if (input.entityType === "Framework") {
      const framework = await tx.framework.findUnique({ where: { id: input.entityId } });
      if (!framework) throw new NotFoundError();
      // Reviews belong to the framework as a whole (all versions share the key).
      recordId = framework.key;
      await tx.framework.updateMany({ where: { key: framework.key, status: { in: ["DRAFT", "PUBLISHED"] } }, data: { nextReviewAt: input.nextReviewAt } });
    } else if (input.entityType === "RoleProfile") {
      await tx.roleProfile.update({ where: { id: input.entityId }, data: { nextReviewAt: input.nextReviewAt } });
    } else {
      const profile = await ensureProfile(tx, input.entityId);
      recordId = profile.id;
      await tx.positionProfile.update({ where: { id: profile.id }, data: { nextReviewAt: input.nextReviewAt } });
    }
    await tx.reviewRecord.create({ data: { entityType: input.entityType, entityId: recordId, reviewedById: actor.userId, note: input.note, nextReviewAt: input.nextReviewAt } });
    await recordAudit(tx, { actorUserId: actor.userId, action: "review.mark", entityType: input.entityType, entityId: recordId, summary: `überprüft; nächste Überprüfung ${input.nextReviewAt.toISOString().slice(0, 10)}` });
  });
}

/** What is due for review within `withinDays` (or overdue), for HR development's start page. */
export async function listDueReviews(db: Db, actor: Actor, { withinDays = 30, take = 20 } = {}) {
  if (!hasPermission(actor.roles, "update:profile:any")) throw new AccessDeniedError();
  const now = new Date();
  const until = new Date(now.getTime() + withinDays * 86_400_000);
  const [frameworks, roleProfiles, positionProfiles, positionCount, overduePositions] = await Promise.all([
    db.framework.findMany({ where: { status: { in: ["PUBLISHED", "DRAFT"] }, nextReviewAt: { lte: until } }, orderBy: { nextReviewAt: "asc" }, select: { id: true, name: true, version: true, status: true, nextReviewAt: true } }),
    db.roleProfile.findMany({ where: { nextReviewAt: { lte: until } }, orderBy: { nextReviewAt: "asc" }, select: { id: true, name: true, nextReviewAt: true } }),
    db.positionProfile.findMany({
      where: { nextReviewAt: { lte: until } },
      orderBy: { nextReviewAt: "asc" },
      take,
      select: { id: true, nextReviewAt: true, position: { select: { id: true, code: true, title: true } } },
    }),
    db.positionProfile.count({ where: { nextReviewAt: { lte: until } } }),
    db.positionProfile.count({ where: { nextReviewAt: { lt: now } } }),
  ]);
  return { now, until, frameworks, roleProfiles, positionProfiles, positionCount, overduePositions };
}

export const POSITIONS_PAGE_SIZE = 25;
/** Positions with their profile state, for HR's "Stellenprofile" list. */
export async function listPositionProfiles(db: Db, actor: Actor, filter: { q?: string; unitId?: string; state?: "ALL" | "MISSING" | "DUE"; page: number }) {
  if (!hasPermission(actor.roles, "read:profile:any")) throw new AccessDeniedError();
  const now = new Date();
  const where = {
    AND: [
      filter.q ? { OR: [{ title: { contains: filter.q } }, { code: { contains: filter.q } }] } : {},
      filter.unitId ? { orgUnitId: filter.unitId } : {},
      filter.state === "MISSING" ? { profile: { is: null } } : {},
      filter.state === "DUE" ? { profile: { is: { nextReviewAt: { lt: now } } } } : {},
    ],
  };
  const [total, positions] = await Promise.all([
    db.position.count({ where }),
    db.position.findMany({
      where,
      orderBy: { code: "asc" },
      skip: (filter.page - 1) * POSITIONS_PAGE_SIZE,
      take: POSITIONS_PAGE_SIZE,
      select: {
        id: true,
        code: true,
        title: true,
        orgUnit: { select: { code: true, name: true } },
        profile: { select: { nextReviewAt: true, roleProfile: { select: { name: true } }, _count: { select: { requirements: true } } } },
      },
    }),
  ]);
  return { total, page: filter.page, pageCount: Math.max(1, Math.ceil(total / POSITIONS_PAGE_SIZE)), positions };
}

/** One published competency with its levels and descriptors, for the level choice. */
export async function getPublishedCompetency(db: Db, competencyId: string) {
  const competency = await db.competencyNode.findUnique({
    where: { id: competencyId },
    select: { ...competencySelect, kind: true },
  });
  if (!competency || competency.kind !== "COMPETENCY" || competency.framework.status !== "PUBLISHED") return null;
  return competency;
}
