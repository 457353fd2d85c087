// Assessment rounds: self-assessment (private until submitted) → leader rating → agreed levels.
// Explicit states; every level that becomes official is written to the append-only history.
import type { Db, Tx } from "~/utils/db.server.ts";
import { recordLevels } from "./level-records.server.ts";
import { recordAudit } from "~/modules/audit/audit.server.ts";
import { hasPermission, type Access, type Actor } from "~/modules/auth/permissions.ts";
import { AccessDeniedError, NotFoundError, ValidationError } from "~/modules/errors.ts";
import { requirePersonAccess, leadersOf } from "~/modules/org/org.server.ts";
import { effectiveRequirements } from "~/modules/competency/profiles.server.ts";

export type RoundStatus = "OPEN" | "SELF_ASSESSED" | "LEADER_RATED" | "AGREED" | "CANCELLED";
const ACTIVE: RoundStatus[] = ["OPEN", "SELF_ASSESSED", "LEADER_RATED"];

export interface ItemInput {
  competencyId: string;
  level: number | null;
  comment?: string;
}

async function currentPrimaryPosition(tx: Tx, personId: string) {
  const now = new Date();
  const assignment = await tx.positionAssignment.findFirst({
    where: { personId, startDate: { lte: now }, OR: [{ endDate: null }, { endDate: { gte: now } }] },
    orderBy: [{ isPrimary: "desc" }, { fte: "desc" }, { startDate: "desc" }],
    select: { positionId: true, position: { select: { profile: { select: { id: true } } } } },
  });
  return assignment;
}

/** May the actor rate this person as their leader (team access)? HR does not rate. */
function canLead(access: Access) {
  return access === "team";
}

/** Starts a round for a person from the requirements of their current position. */
export async function startRound(db: Db, actor: Actor, input: { personId: string; dueAt?: Date | null }) {
  return db.$transaction(async (tx) => {
    const access = await requirePersonAccess(tx, actor, input.personId);
    if (access === "any" && !hasPermission(actor.roles, "update:profile:any")) throw new AccessDeniedError();
    const open = await tx.assessmentRound.findFirst({ where: { personId: input.personId, status: { in: ACTIVE } }, select: { id: true } });
    if (open) throw new ValidationError("assessment.roundAlreadyOpen");
    const assignment = await currentPrimaryPosition(tx, input.personId);
    const profileId = assignment?.position.profile?.id;
    if (!assignment || !profileId) throw new ValidationError("assessment.noProfile");
    const { rows } = await effectiveRequirements(tx, profileId);
    if (rows.length === 0) throw new ValidationError("assessment.noRequirements");
    const person = await tx.person.findUniqueOrThrow({ where: { id: input.personId }, select: { id: true, orgUnit: { select: { path: true } } } });
    const leader = (await leadersOf(tx, person))[0]?.leader ?? null;
    const round = await tx.assessmentRound.create({
      data: {
        personId: input.personId,
        positionId: assignment.positionId,
        leaderPersonId: leader?.id ?? null,
        startedById: actor.userId,
        dueAt: input.dueAt ?? null,
        items: { create: rows.map((r) => ({ competencyId: r.competency.id, targetLevel: r.targetLevel, importance: r.importance })) },
      },
    });
    await recordAudit(tx, { actorUserId: actor.userId, action: "assessment.start", entityType: "AssessmentRound", entityId: round.id, affectedPersonId: input.personId, summary: `${rows.length} Kompetenzen` });
    return round;
  });
}

/**
 * A round as the actor may see it: the person sees everything; their leader sees the
 * self-assessment only once it is submitted; HR sees status and agreed levels only.
 */
export async function getRound(db: Db, actor: Actor, roundId: string) {
  return db.$transaction(async (tx) => {
    const round = await tx.assessmentRound.findUnique({
      where: { id: roundId },
      include: {
        person: { select: { id: true, firstName: true, lastName: true } },
        leader: { select: { id: true, firstName: true, lastName: true } },
        position: { select: { id: true, title: true, code: true } },
        agreedBy: { select: { email: true } },
        items: {
          include: {
            competency: {
              select: {
                id: true,
                code: true,
                name: true,
                description: true,
                descriptors: { select: { ordinal: true, text: true } },
                framework: { select: { id: true, name: true, scale: { select: { levels: { orderBy: { ordinal: "asc" }, select: { ordinal: true, label: true, band: true } } } } } },
              },
            },
          },
        },
      },
    });
    if (!round) throw new NotFoundError("Einschätzung nicht gefunden");
    const access = await requirePersonAccess(tx, actor, round.personId);
    const showSelf = access === "own" || (canLead(access) && !!round.selfSubmittedAt);
    const showLeader = access === "own" ? !!round.leaderRatedAt : canLead(access);
    const items = round.items
      .map((item) => ({
        ...item,
        selfLevel: showSelf ? item.selfLevel : null,
        selfComment: showSelf ? item.selfComment : "",
        leaderLevel: showLeader ? item.leaderLevel : null,
        leaderComment: showLeader ? item.leaderComment : "",
      }))
      .sort((a, b) => a.competency.code.localeCompare(b.competency.code, "de"));
    if (access !== "own") {
      await recordAudit(tx, { actorUserId: actor.userId, action: "assessment.read", entityType: "AssessmentRound", entityId: round.id, affectedPersonId: round.personId, summary: `Zugriff: ${access}` });
    }
    return { round: { ...round, items }, access, canSelfAssess: access === "own" && round.status === "OPEN", canRate: canLead(access) && (round.status === "OPEN" || round.status === "SELF_ASSESSED"), canAgree: canLead(access) && round.status === "LEADER_RATED" };
  });
}

function validateItems(round: { items: { competencyId: string; competency: { framework: { scale: { _count: { levels: number } } } } }[] }, items: ItemInput[], requireAll: boolean) {
  const byId = new Map(round.items.map((i) => [i.competencyId, i]));
  for (const input of items) {
    const item = byId.get(input.competencyId);
    if (!item) throw new ValidationError("assessment.unknownCompetency");
    const max = item.competency.framework.scale._count.levels;
    if (input.level !== null && (!Number.isInteger(input.level) || input.level < 1 || input.level > max)) {
      throw new ValidationError("assessment.levelOutOfScale", { [`level-${input.competencyId}`]: ["assessment.levelOutOfScale"] });
    }
  }
  if (requireAll) {
    const missing = round.items.filter((i) => !items.some((x) => x.competencyId === i.competencyId && x.level !== null));
    if (missing.length) {
      throw new ValidationError("assessment.allLevelsRequired", Object.fromEntries(missing.map((m) => [`level-${m.competencyId}`, ["assessment.levelRequired"]])));
    }
  }
}

const roundForWrite = {
  items: { select: { id: true, competencyId: true, competency: { select: { lineageId: true, framework: { select: { scale: { select: { _count: { select: { levels: true } } } } } } } } } },
} as const;

/** The person's own self-assessment: saved as a draft, or submitted (then visible to the leader). */
export async function saveSelfAssessment(db: Db, actor: Actor, roundId: string, items: ItemInput[], submit: boolean) {
  await db.$transaction(async (tx) => {
    const round = await tx.assessmentRound.findUnique({ where: { id: roundId }, include: roundForWrite });
    if (!round) throw new NotFoundError();
    if (round.personId !== actor.personId) throw new AccessDeniedError("Nur die Person selbst schätzt sich ein.");
    if (round.status !== "OPEN") throw new ValidationError("assessment.selfClosed");
    validateItems(round, items, submit);
    for (const input of items) {
      await tx.assessmentItem.update({
        where: { roundId_competencyId: { roundId, competencyId: input.competencyId } },
        data: { selfLevel: input.level, selfComment: (input.comment ?? "").slice(0, 2000) },
      });
    }
    if (submit) {
      await tx.assessmentRound.update({ where: { id: roundId }, data: { status: "SELF_ASSESSED", selfSubmittedAt: new Date() } });
    }
    await recordAudit(tx, { actorUserId: actor.userId, action: submit ? "assessment.self-submit" : "assessment.self-save", entityType: "AssessmentRound", entityId: roundId, affectedPersonId: round.personId });
  });
}

/** The leader's rating; on submit each rated level is also recorded with source LEADER. */
export async function saveLeaderRating(db: Db, actor: Actor, roundId: string, items: ItemInput[], submit: boolean) {
  await db.$transaction(async (tx) => {
    const round = await tx.assessmentRound.findUnique({ where: { id: roundId }, include: roundForWrite });
    if (!round) throw new NotFoundError();
    const access = await requirePersonAccess(tx, actor, round.personId);
    if (!canLead(access)) throw new AccessDeniedError("Nur die Führungskraft bewertet.");
    if (round.status !== "OPEN" && round.status !== "SELF_ASSESSED") throw new ValidationError("assessment.leaderClosed");
    validateItems(round, items, submit);
    for (const input of items) {
      await tx.assessmentItem.update({
        where: { roundId_competencyId: { roundId, competencyId: input.competencyId } },
        data: { leaderLevel: input.level, leaderComment: (input.comment ?? "").slice(0, 2000) },
      });
    }
    if (submit) {
      const now = new Date();
      await tx.assessmentRound.update({ where: { id: roundId }, data: { status: "LEADER_RATED", leaderRatedAt: now } });
      const lineage = new Map(round.items.map((i) => [i.competencyId, i.competency.lineageId]));
      await recordLevels(
        tx,
        items
          .filter((i) => i.level !== null)
          .map((i) => ({ personId: round.personId, competencyId: i.competencyId, lineageId: lineage.get(i.competencyId)!, level: i.level!, source: "LEADER" as const, recordedAt: now, recordedById: actor.userId, roundId })),
      );
    }
    await recordAudit(tx, { actorUserId: actor.userId, action: submit ? "assessment.leader-submit" : "assessment.leader-save", entityType: "AssessmentRound", entityId: roundId, affectedPersonId: round.personId });
  });
}

/** Records the levels agreed in the talk (who, when) and closes the round. */
export async function agreeRound(db: Db, actor: Actor, roundId: string, items: ItemInput[]) {
  await db.$transaction(async (tx) => {
    const round = await tx.assessmentRound.findUnique({ where: { id: roundId }, include: roundForWrite });
    if (!round) throw new NotFoundError();
    const access = await requirePersonAccess(tx, actor, round.personId);
    if (!canLead(access)) throw new AccessDeniedError("Nur die Führungskraft hält die Vereinbarung fest.");
    if (round.status !== "LEADER_RATED") throw new ValidationError("assessment.agreeNeedsRating");
    validateItems(round, items, true);
    const now = new Date();
    for (const input of items) {
      await tx.assessmentItem.update({ where: { roundId_competencyId: { roundId, competencyId: input.competencyId } }, data: { agreedLevel: input.level } });
    }
    await tx.assessmentRound.update({ where: { id: roundId }, data: { status: "AGREED", agreedAt: now, agreedById: actor.userId } });
    const lineage = new Map(round.items.map((i) => [i.competencyId, i.competency.lineageId]));
    await recordLevels(
      tx,
      items.map((i) => ({ personId: round.personId, competencyId: i.competencyId, lineageId: lineage.get(i.competencyId)!, level: i.level!, source: "AGREED" as const, recordedAt: now, recordedById: actor.userId, roundId })),
    );
    await recordAudit(tx, { actorUserId: actor.userId, action: "assessment.agree", entityType: "AssessmentRound", entityId: roundId, affectedPersonId: round.personId, summary: `${items.length} Stufen vereinbart` });
  });
}

export async function cancelRound(db: Db, actor: Actor, roundId: string) {
  await db.$transaction(async (tx) => {
    const round = await tx.assessmentRound.findUnique({ where: { id: roundId } });
    if (!round) throw new NotFoundError();
    const access = await requirePersonAccess(tx, actor, round.personId);
    if (!canLead(access) && !hasPermission(actor.roles, "update:profile:any")) throw new AccessDeniedError();
    if (!ACTIVE.includes(round.status as RoundStatus)) throw new ValidationError("assessment.notActive");
    await tx.assessmentRound.update({ where: { id: roundId }, data: { status: "CANCELLED" } });
    await recordAudit(tx, { actorUserId: actor.userId, action: "assessment.cancel", entityType: "AssessmentRound", entityId: roundId, affectedPersonId: round.personId });
  });
}

/** Rounds of one person (newest first), as the actor may see them. */
export async function listRoundsOfPerson(db: Db, actor: Actor, personId: string) {
  await requirePersonAccess(db, actor, personId);
  return db.assessmentRound.findMany({
    where: { personId },
    orderBy: { createdAt: "desc" },
    select: { id: true, status: true, createdAt: true, dueAt: true, selfSubmittedAt: true, leaderRatedAt: true, agreedAt: true, position: { select: { title: true } }, _count: { select: { items: true } } },
  });
}

/** Open rounds in the actor's team (for the leader's start page and list). */
export async function listOpenRoundsOfTeam(db: Db, actor: Actor) {
  if (!hasPermission(actor.roles, "read:person:team") || actor.ledUnitPaths.length === 0) return [];
  return db.assessmentRound.findMany({
    where: { status: { in: ACTIVE }, person: { orgUnit: { OR: actor.ledUnitPaths.map((p) => ({ path: { startsWith: p } })) } }, NOT: actor.personId ? { personId: actor.personId } : undefined },
    orderBy: [{ status: "asc" }, { createdAt: "asc" }],
    take: 200,
    select: { id: true, status: true, createdAt: true, dueAt: true, person: { select: { id: true, firstName: true, lastName: true } } },
  });
}
