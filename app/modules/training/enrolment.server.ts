// Enrolment in training sessions: requests, approvals, seats, waiting list, cancellation
// (docs/decisions/015). Seats are counted in TrainingSession.confirmedCount, which changes only
// through a guarded conditional update, so a session can never hold more confirmed places than
// its capacity, even with concurrent requests. One active enrolment per person and session is
// enforced by the unique Enrolment.activeKey.
import { searchTerms } from "~/utils/query.ts";
import type { Db, Tx } from "~/utils/db.server.ts";
import type { Prisma } from "~/generated/sqlite/client.ts";
import { hasPermission, pathInTeam, type Access, type Actor } from "~/modules/auth/permissions.ts";
import { AccessDeniedError, NotFoundError, ValidationError } from "~/modules/errors.ts";
import { leadersOf, personInSubtrees } from "~/modules/org/org.server.ts";
import { recordAudit } from "~/modules/audit/audit.server.ts";
import { notify } from "~/modules/notifications/notify.server.ts";
import { formatDateTime } from "~/utils/i18n.ts";

export type EnrolmentStatus = "REQUESTED" | "WAITLISTED" | "CONFIRMED" | "DECLINED" | "CANCELLED";
export const ACTIVE_STATUSES: EnrolmentStatus[] = ["REQUESTED", "WAITLISTED", "CONFIRMED"];

/** The unique key of an active enrolment (null once it is declined or cancelled). */
export function activeKeyOf(personId: string, sessionId: string) {
  return `${personId}:${sessionId}`;
}

/**
 * Takes one seat of a scheduled session if one is free. A single conditional UPDATE
 * (`… WHERE status = 'SCHEDULED' AND confirmedCount < capacity`): on PostgreSQL a concurrent
 * update of the same row waits and re-checks the condition; SQLite serialises writers. Returns
 * whether a seat was taken.
 */
export async function takeSeat(tx: Tx, sessionId: string) {
  const { count } = await tx.trainingSession.updateMany({
    where: { id: sessionId, status: "SCHEDULED", confirmedCount: { lt: tx.trainingSession.fields.capacity } },
    data: { confirmedCount: { increment: 1 } },
  });
  return count === 1;
}

/** Gives a seat back (never below zero). */
export async function releaseSeat(tx: Tx, sessionId: string) {
  await tx.trainingSession.updateMany({
    where: { id: sessionId, confirmedCount: { gt: 0 } },
    data: { confirmedCount: { decrement: 1 } },
  });
}

/** Values the notification texts need ({{training}}, {{date}}). Dates in German format. */
export function sessionParams(session: { startsAt: Date; training: { title: string } }) {
  return { training: session.training.title, date: formatDateTime(session.startsAt, "de") };
}

export function enrolmentLink(_sessionId?: string) {
  return "/anmeldungen";
}

/**
 * Fills the free seats of a scheduled, not yet ended session from its waiting list, earliest
 * `waitlistedAt` first. Each promoted person is notified ("enrolment.promoted") and each move is
 * audited, all in the caller's transaction. `actor` is null for system-triggered moves.
 * Returns the promoted enrolments.
 */
export async function promoteFromWaitlist(tx: Tx, actor: Actor | null, sessionId: string) {
  const session = await tx.trainingSession.findUnique({
    where: { id: sessionId },
    select: { id: true, status: true, capacity: true, confirmedCount: true, startsAt: true, endsAt: true, training: { select: { id: true, title: true } } },
  });
  if (!session || session.status !== "SCHEDULED" || session.endsAt <= new Date()) return [];
  const free = session.capacity - session.confirmedCount;
  if (free <= 0) return [];
  const candidates = await tx.enrolment.findMany({
    where: { sessionId, status: "WAITLISTED" },
    orderBy: [{ waitlistedAt: "asc" }, { createdAt: "asc" }, { id: "asc" }],
    take: free,
    select: { id: true, personId: true },
  });
  const now = new Date();
  const promoted: { id: string; personId: string }[] = [];
  for (const candidate of candidates) {
    if (!(await takeSeat(tx, sessionId))) break;
    const { count } = await tx.enrolment.updateMany({
      where: { id: candidate.id, status: "WAITLISTED" },
      data: { status: "CONFIRMED", decidedAt: now },
    });
    if (count === 0) {
      // Changed meanwhile (e.g. cancelled): give the seat back and try the next one.
      await releaseSeat(tx, sessionId);
      continue;
    }
    promoted.push(candidate);
  }
  if (promoted.length === 0) return [];
  await notify(
    tx,
    promoted.map((p) => ({ personId: p.personId, kind: "enrolment.promoted" as const, params: sessionParams(session), link: enrolmentLink(sessionId) })),
  );
  for (const p of promoted) {
    await recordAudit(tx, {
      actorUserId: actor?.userId ?? null,
      action: "enrolment.promote",
      entityType: "Enrolment",
      entityId: p.id,
      affectedPersonId: p.personId,
      summary: `Von der Warteliste nachgerückt: ${session.training.title}`,
    });
  }
  return tx.enrolment.findMany({ where: { id: { in: promoted.map((p) => p.id) } } });
}

// ── Access ──────────────────────────────────────────────────────────────────────────────────

type EnrolmentAction = "read" | "create" | "update";

async function personForEnrolment(tx: Tx, personId: string) {
  const person = await tx.person.findUnique({
    where: { id: personId },
    select: { id: true, firstName: true, lastName: true, status: true, orgUnit: { select: { path: true } } },
  });
  if (!person) throw new NotFoundError("Person nicht gefunden");
  return person;
}

/**
 * How the actor may act on this person's enrolments: "own", "team" (the person is in a unit the
 * actor leads) or "any" (HR development); throws 403 otherwise. Row-level check of every call.
 */
export function enrolmentAccessTo(actor: Actor, action: EnrolmentAction, person: { id: string; orgUnit: { path: string } | null }): Access {
  if (person.id === actor.personId && hasPermission(actor.roles, `${action}:enrolment:own`)) return "own";
  if (hasPermission(actor.roles, `${action}:enrolment:any`)) return "any";
  if (hasPermission(actor.roles, `${action}:enrolment:team`) && pathInTeam(actor, person.orgUnit?.path)) return "team";
  throw new AccessDeniedError(
    action === "create"
      ? "Sie dürfen nur sich selbst oder Personen Ihres Teams anmelden."
      : action === "update"
        ? "Sie dürfen nur Anmeldungen Ihres Teams bearbeiten."
        : "Sie dürfen die Anmeldungen dieser Person nicht sehen.",
  );
}

export function canManageAll(actor: Pick<Actor, "roles">) {
  return hasPermission(actor.roles, "update:enrolment:any");
}

// ── Reading helpers ─────────────────────────────────────────────────────────────────────────

const sessionSelect = {
  id: true,
  status: true,
  capacity: true,
  confirmedCount: true,
  startsAt: true,
  endsAt: true,
  enrolmentDeadline: true,
  location: true,
  onlineUrl: true,
  trainerPersonId: true,
  training: { select: { id: true, title: true, code: true, status: true, requiresApproval: true } },
} as const;

async function loadSession(tx: Tx, sessionId: string) {
  const session = await tx.trainingSession.findUnique({ where: { id: sessionId }, select: sessionSelect });
  if (!session) throw new NotFoundError("Termin nicht gefunden");
  return session;
}

/**
 * Waiting-list positions (1 = next to move up) of the given enrolments, computed from the order of
 * `waitlistedAt` among the WAITLISTED enrolments of each session: one query for all sessions.
 */
export async function waitlistPositions(tx: Tx, sessionIds: string[]) {
  const positions = new Map<string, number>();
  if (sessionIds.length === 0) return positions;
  const waiting = await tx.enrolment.findMany({
    where: { sessionId: { in: [...new Set(sessionIds)] }, status: "WAITLISTED" },
    orderBy: [{ sessionId: "asc" }, { waitlistedAt: "asc" }, { createdAt: "asc" }, { id: "asc" }],
    select: { id: true, sessionId: true },
  });
  let current = "";
  let rank = 0;
  for (const w of waiting) {
    if (w.sessionId !== current) {
      current = w.sessionId;
      rank = 0;
    }
    positions.set(w.id, ++rank);
  }
  return positions;
}

/** Leader and deputy of the person's nearest led unit (org tree), without the person. */
async function approversOf(tx: Tx, person: { id: string; orgUnit: { path: string } | null }) {
  const nearest = (await leadersOf(tx, person))[0];
  if (!nearest) return [];
  return [nearest.leader.id, nearest.deputy?.id].filter((id): id is string => !!id && id !== person.id);
}

function isUniqueViolation(error: unknown) {
  return typeof error === "object" && error !== null && "code" in error && (error as { code?: string }).code === "P2002";
}

function assertOpenForEnrolment(session: Awaited<ReturnType<typeof loadSession>>, now: Date, { ignoreDeadline }: { ignoreDeadline: boolean }) {
  if (session.training.status !== "PUBLISHED") throw new ValidationError("enrolment.error.trainingNotOpen");
  if (session.status !== "SCHEDULED") throw new ValidationError("enrolment.error.sessionCancelled");
  if (session.startsAt <= now) throw new ValidationError("enrolment.error.sessionPast");
  if (!ignoreDeadline && session.enrolmentDeadline && session.enrolmentDeadline < now) throw new ValidationError("enrolment.error.deadlinePassed");
}

/** Takes a seat if one is free, else puts the enrolment on the waiting list. */
async function seatOrWaitlist(tx: Tx, sessionId: string, now: Date) {
  return (await takeSeat(tx, sessionId)) ? ({ status: "CONFIRMED", waitlistedAt: null } as const) : ({ status: "WAITLISTED", waitlistedAt: now } as const);
}

function personName(p: { firstName: string; lastName: string }) {
  return `${p.firstName} ${p.lastName}`;
}

// ── Enrolling ───────────────────────────────────────────────────────────────────────────────

export interface EnrolInput {
  sessionId: string;
  /** Defaults to the actor's own person. */
  personId?: string;
  note?: string;
}

/**
 * A place in a session, for oneself (a request) or for someone else (leaders for their team, HR
 * for anyone; skips approval). Needs approval when the training requires it and the actor asks
 * for themselves without being HR: then REQUESTED and the nearest leader (and deputy) are
 * notified. Otherwise a seat (CONFIRMED) or the waiting list (WAITLISTED).
 */
export async function enrol(db: Db, actor: Actor, input: EnrolInput) {
  const personId = input.personId ?? actor.personId;
  if (!personId) throw new AccessDeniedError("Ihrem Konto ist keine Person zugeordnet.");
  const note = (input.note ?? "").trim();
  if (note.length > NOTE_MAX) throw new ValidationError("form.checkFields", { note: ["enrolment.validation.noteTooLong"] });
  try {
    return await db.$transaction(async (tx) => {
      const now = new Date();
      const person = await personForEnrolment(tx, personId);
      const access = enrolmentAccessTo(actor, "create", person);
      const session = await loadSession(tx, input.sessionId);
      if (session.training.status === "DRAFT" && !canManageAll(actor)) throw new NotFoundError("Termin nicht gefunden");
      assertOpenForEnrolment(session, now, { ignoreDeadline: access === "any" });
      if (person.status === "LEFT") throw new ValidationError("enrolment.error.personLeft");
      const activeKey = activeKeyOf(person.id, session.id);
      if (await tx.enrolment.findUnique({ where: { activeKey }, select: { id: true } })) {
        throw new ValidationError(access === "own" ? "enrolment.error.alreadyEnrolled" : "enrolment.error.personAlreadyEnrolled");
      }
      const needsApproval = session.training.requiresApproval && access === "own" && !canManageAll(actor);
      const placement = needsApproval ? ({ status: "REQUESTED", waitlistedAt: null } as const) : await seatOrWaitlist(tx, session.id, now);
      const enrolment = await tx.enrolment.create({
        data: {
          personId: person.id,
          trainingId: session.training.id,
          sessionId: session.id,
          status: placement.status,
          waitlistedAt: placement.waitlistedAt,
          activeKey,
          requestedById: actor.userId,
          requestNote: note,
          ...(access !== "own" ? { decidedById: actor.userId, decidedAt: now } : {}),
        },
      });
      const params = sessionParams(session);
      const position = placement.status === "WAITLISTED" ? ((await waitlistPositions(tx, [session.id])).get(enrolment.id) ?? null) : null;
      if (placement.status === "REQUESTED") {
        const approvers = await approversOf(tx, person);
        await notify(tx, approvers.map((id) => ({ personId: id, kind: "enrolment.requested" as const, params: { ...params, person: personName(person) }, link: "/freigaben" })));
      } else if (placement.status === "CONFIRMED") {
        await notify(tx, { personId: person.id, kind: "enrolment.confirmed", params, link: enrolmentLink(session.id) });
      } else {
        await notify(tx, { personId: person.id, kind: "enrolment.waitlisted", params: { ...params, position: position ?? 1 }, link: enrolmentLink(session.id) });
      }
      await recordAudit(tx, {
        actorUserId: actor.userId,
        action: access === "own" ? "enrolment.request" : "enrolment.enrol",
        entityType: "Enrolment",
        entityId: enrolment.id,
        affectedPersonId: person.id,
        summary: `${session.training.code} ${session.training.title}, ${params.date}: ${placement.status}${access === "own" ? "" : ` (Zugriff: ${access})`}`,
      });
      return { enrolment, position };
    });
  } catch (error) {
    // Two requests at the same moment: the unique activeKey lets only one through.
    if (isUniqueViolation(error)) throw new ValidationError(input.personId && input.personId !== actor.personId ? "enrolment.error.personAlreadyEnrolled" : "enrolment.error.alreadyEnrolled");
    throw error;
  }
}

export const NOTE_MAX = 1000;

async function loadEnrolment(tx: Tx, enrolmentId: string) {
  const enrolment = await tx.enrolment.findUnique({
    where: { id: enrolmentId },
    select: {
      id: true,
      status: true,
      personId: true,
      sessionId: true,
      person: { select: { id: true, firstName: true, lastName: true, orgUnit: { select: { path: true } } } },
      session: { select: sessionSelect },
    },
  });
  if (!enrolment) throw new NotFoundError("Anmeldung nicht gefunden");
  return enrolment;
}

/**
 * The leader's (or HR's) decision on a request: approve → a seat or the waiting list; decline →
 * with a required comment. Only for requests of the actor's team (HR: any); never one's own.
 */
export async function decideEnrolment(db: Db, actor: Actor, input: { enrolmentId: string; decision: "approve" | "decline"; comment?: string }) {
  const comment = (input.comment ?? "").trim();
  if (input.decision === "decline" && !comment) throw new ValidationError("form.checkFields", { comment: ["enrolment.validation.commentRequired"] });
  if (comment.length > NOTE_MAX) throw new ValidationError("form.checkFields", { comment: ["enrolment.validation.noteTooLong"] });
  return db.$transaction(async (tx) => {
    const now = new Date();
    const enrolment = await loadEnrolment(tx, input.enrolmentId);
    // A leader's own request is decided by their leader, not by themselves.
    const access = enrolment.personId === actor.personId ? null : enrolmentAccessTo({ ...actor, personId: null }, "update", enrolment.person);
    if (!access || access === "own") throw new AccessDeniedError("Über Ihre eigene Anmeldung entscheidet Ihre Führungskraft.");
    if (enrolment.status !== "REQUESTED") throw new ValidationError("enrolment.error.alreadyDecided");
    const session = enrolment.session;
    const params = sessionParams(session);
    let status: EnrolmentStatus;
    let position: number | null = null;
    if (input.decision === "decline") {
      status = "DECLINED";
      const { count } = await tx.enrolment.updateMany({
        where: { id: enrolment.id, status: "REQUESTED" },
        data: { status, activeKey: null, decidedById: actor.userId, decidedAt: now, decisionNote: comment },
      });
      if (count === 0) throw new ValidationError("enrolment.error.alreadyDecided");
      await notify(tx, { personId: enrolment.personId, kind: "enrolment.declined", params: { ...params, note: comment }, link: enrolmentLink(session.id) });
    } else {
      if (session.status !== "SCHEDULED") throw new ValidationError("enrolment.error.sessionCancelled");
      if (session.startsAt <= now) throw new ValidationError("enrolment.error.sessionPast");
      const placement = await seatOrWaitlist(tx, session.id, now);
      status = placement.status;
      const { count } = await tx.enrolment.updateMany({
        where: { id: enrolment.id, status: "REQUESTED" },
        data: { status, waitlistedAt: placement.waitlistedAt, decidedById: actor.userId, decidedAt: now, decisionNote: comment },
      });
      if (count === 0) throw new ValidationError("enrolment.error.alreadyDecided");
      if (status === "CONFIRMED") {
        await notify(tx, { personId: enrolment.personId, kind: "enrolment.approved", params, link: enrolmentLink(session.id) });
      } else {
        position = (await waitlistPositions(tx, [session.id])).get(enrolment.id) ?? null;
        await notify(tx, { personId: enrolment.personId, kind: "enrolment.waitlisted", params: { ...params, position: position ?? 1 }, link: enrolmentLink(session.id) });
      }
    }
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: input.decision === "approve" ? "enrolment.approve" : "enrolment.decline",
      entityType: "Enrolment",
      entityId: enrolment.id,
      affectedPersonId: enrolment.personId,
      summary: `${session.training.code} ${session.training.title}, ${params.date}: ${status} (Zugriff: ${access})`,
    });
    return { status, position };
  });
}

/**
 * Cancels an active enrolment (the person's own, their leader's team, HR any) with an optional
 * reason. A confirmed place frees its seat and the first on the waiting list moves up.
 */
export async function cancelEnrolment(db: Db, actor: Actor, input: { enrolmentId: string; reason?: string }) {
  const reason = (input.reason ?? "").trim();
  if (reason.length > NOTE_MAX) throw new ValidationError("form.checkFields", { reason: ["enrolment.validation.noteTooLong"] });
  return db.$transaction(async (tx) => {
    const now = new Date();
    const enrolment = await loadEnrolment(tx, input.enrolmentId);
    const access = enrolmentAccessTo(actor, "update", enrolment.person);
    if (!ACTIVE_STATUSES.includes(enrolment.status)) throw new ValidationError("enrolment.error.notActive");
    const session = enrolment.session;
    if (session.startsAt <= now) throw new ValidationError("enrolment.error.cancelPast");
    const { count } = await tx.enrolment.updateMany({
      where: { id: enrolment.id, status: enrolment.status },
      data: { status: "CANCELLED", activeKey: null, cancelledById: actor.userId, cancelledAt: now, cancelReason: reason },
    });
    if (count === 0) throw new ValidationError("enrolment.error.notActive");
    let promoted: Awaited<ReturnType<typeof promoteFromWaitlist>> = [];
    if (enrolment.status === "CONFIRMED") {
      await releaseSeat(tx, session.id);
      promoted = await promoteFromWaitlist(tx, actor, session.id);
    }
    const params = sessionParams(session);
    await notify(tx, { personId: enrolment.personId, kind: "enrolment.cancelled", params, link: enrolmentLink(session.id) });
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: "enrolment.cancel",
      entityType: "Enrolment",
      entityId: enrolment.id,
      affectedPersonId: enrolment.personId,
      summary: `${session.training.code} ${session.training.title}, ${params.date}: war ${enrolment.status}${reason ? `, Grund: ${reason}` : ""} (Zugriff: ${access})`,
    });
    return { promoted };
  });
}

/**
 * HR cancels a whole session: the session is CANCELLED, every active enrolment is cancelled with
 * the reason, and everyone affected is told ("session.cancelled"). Set-based updates.
 */
export async function cancelSession(db: Db, actor: Actor, input: { sessionId: string; reason?: string }) {
  if (!hasPermission(actor.roles, "update:training:any")) throw new AccessDeniedError("Nur die Personalentwicklung sagt Termine ab.");
  const reason = (input.reason ?? "").trim();
  if (reason.length > NOTE_MAX) throw new ValidationError("form.checkFields", { reason: ["enrolment.validation.noteTooLong"] });
  return db.$transaction(async (tx) => {
    const now = new Date();
    const session = await loadSession(tx, input.sessionId);
    if (session.status === "CANCELLED") throw new ValidationError("enrolment.error.sessionCancelled");
    if (session.endsAt <= now) throw new ValidationError("enrolment.error.cancelSessionPast");
    const affected = await tx.enrolment.findMany({ where: { sessionId: session.id, status: { in: ACTIVE_STATUSES } }, select: { id: true, personId: true } });
    await tx.trainingSession.update({ where: { id: session.id }, data: { status: "CANCELLED", confirmedCount: 0 } });
    await tx.enrolment.updateMany({
      where: { sessionId: session.id, status: { in: ACTIVE_STATUSES } },
      data: { status: "CANCELLED", activeKey: null, cancelledById: actor.userId, cancelledAt: now, cancelReason: reason || "Termin abgesagt" },
    });
    const params = sessionParams(session);
    await notify(tx, affected.map((e) => ({ personId: e.personId, kind: "session.cancelled" as const, params, link: enrolmentLink(session.id) })));
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: "session.cancel",
      entityType: "TrainingSession",
      entityId: session.id,
      summary: `${session.training.code} ${session.training.title}, ${params.date}: abgesagt, ${affected.length} Anmeldungen storniert${reason ? `, Grund: ${reason}` : ""}`,
    });
    return { cancelled: affected.length };
  });
}

// ── Views ───────────────────────────────────────────────────────────────────────────────────

const listSessionSelect = {
  id: true,
  status: true,
  startsAt: true,
  endsAt: true,
  location: true,
  onlineUrl: true,
  capacity: true,
  confirmedCount: true,
  enrolmentDeadline: true,
  training: { select: { id: true, code: true, title: true, format: true } },
} as const;

/**
 * "Meine Anmeldungen" (or a team member's, for their leader; anyone's for HR): upcoming and past
 * enrolments with status, waiting-list position and whether it can still be cancelled. Reads of
 * someone else's enrolments are audited.
 */
export async function listEnrolmentsOfPerson(db: Db, actor: Actor, personId: string) {
  return db.$transaction(async (tx) => {
    const person = await personForEnrolment(tx, personId);
    const access = enrolmentAccessTo(actor, "read", person);
    const now = new Date();
    const rows = await tx.enrolment.findMany({
      where: { personId },
      orderBy: [{ session: { startsAt: "asc" } }, { createdAt: "desc" }],
      take: 500,
      select: {
        id: true,
        status: true,
        requestNote: true,
        decisionNote: true,
        cancelReason: true,
        createdAt: true,
        decidedAt: true,
        cancelledAt: true,
        attendance: true,
        session: { select: listSessionSelect },
      },
    });
    const positions = await waitlistPositions(tx, rows.filter((r) => r.status === "WAITLISTED").map((r) => r.session.id));
    const mayCancel = access === "own" ? hasPermission(actor.roles, "update:enrolment:own") : true;
    const items = rows.map((r) => ({
      ...r,
      position: positions.get(r.id) ?? null,
      canCancel: mayCancel && ACTIVE_STATUSES.includes(r.status) && r.session.startsAt > now,
      canDownload: r.session.status === "SCHEDULED" && (r.status === "CONFIRMED" || r.status === "WAITLISTED" || r.status === "REQUESTED"),
    }));
    if (access !== "own") {
      await recordAudit(tx, { actorUserId: actor.userId, action: "enrolment.read", entityType: "Person", entityId: personId, affectedPersonId: personId, summary: `Anmeldungen angesehen (Zugriff: ${access})` });
    }
    return {
      access,
      person: { id: person.id, firstName: person.firstName, lastName: person.lastName },
      upcoming: items.filter((i) => i.session.endsAt > now),
      past: items.filter((i) => i.session.endsAt <= now).reverse(),
    };
  });
}

/**
 * The session page: who may see which participants. HR (any) and the session's trainer see
 * everyone; a leader sees the participants of their team only; anyone else gets 403.
 */
export async function getSessionParticipants(db: Db, actor: Actor, sessionId: string) {
  return db.$transaction(async (tx) => {
    const session = await tx.trainingSession.findUnique({
      where: { id: sessionId },
      select: {
        ...listSessionSelect,
        trainerName: true,
        trainerPersonId: true,
        trainer: { select: { firstName: true, lastName: true } },
        days: { orderBy: { startsAt: "asc" }, select: { id: true, startsAt: true, endsAt: true } },
        training: { select: { id: true, code: true, title: true, format: true, status: true, requiresApproval: true } },
      },
    });
    if (!session) throw new NotFoundError("Termin nicht gefunden");
    const all = hasPermission(actor.roles, "read:enrolment:any");
    const trainer = !!actor.personId && session.trainerPersonId === actor.personId;
    const leader = hasPermission(actor.roles, "read:enrolment:team") && actor.ledUnitPaths.length > 0;
    if (!all && !trainer && !leader) throw new AccessDeniedError("Sie dürfen die Teilnehmenden dieses Termins nicht sehen.");
    if (session.training.status === "DRAFT" && !all) throw new NotFoundError("Termin nicht gefunden");
    const scope = all || trainer ? "all" : "team";
    const inTeam = scope === "team" ? await personInSubtrees(tx, actor.ledUnitPaths) : {};
    const rows = await tx.enrolment.findMany({
      where: {
        sessionId,
        ...(scope === "team" ? { person: inTeam, NOT: actor.personId ? { personId: actor.personId } : undefined } : {}),
      },
      orderBy: [{ person: { lastName: "asc" } }, { person: { firstName: "asc" } }, { createdAt: "asc" }],
      select: {
        id: true,
        status: true,
        requestNote: true,
        decisionNote: true,
        cancelReason: true,
        waitlistedAt: true,
        createdAt: true,
        attendance: true,
        person: { select: { id: true, firstName: true, lastName: true, personnelNumber: true, orgUnit: { select: { code: true, name: true } } } },
      },
    });
    const positions = await waitlistPositions(tx, [sessionId]);
    const now = new Date();
    const withPos = rows.map((r) => ({ ...r, position: positions.get(r.id) ?? null }));
    const editable = session.status === "SCHEDULED" && session.startsAt > now;
    if (withPos.length > 0) {
      await recordAudit(tx, { actorUserId: actor.userId, action: "enrolment.read-session", entityType: "TrainingSession", entityId: sessionId, summary: `Teilnehmendenliste angesehen (${scope === "all" ? (all ? "alle" : "Trainer/in") : "Team"}, ${withPos.length} Einträge)` });
    }
    return {
      session,
      scope,
      participants: withPos.filter((r) => r.status === "CONFIRMED" || r.status === "REQUESTED"),
      waitlist: withPos.filter((r) => r.status === "WAITLISTED").sort((a, b) => (a.position ?? 0) - (b.position ?? 0)),
      closed: withPos.filter((r) => r.status === "DECLINED" || r.status === "CANCELLED"),
      canCancelEnrolments: editable && (all || leader),
      canDecide: editable && (hasPermission(actor.roles, "update:enrolment:any") || hasPermission(actor.roles, "update:enrolment:team")),
      canEnrolOthers: editable && (hasPermission(actor.roles, "create:enrolment:any") || (hasPermission(actor.roles, "create:enrolment:team") && actor.ledUnitPaths.length > 0)),
      canCancelSession: session.status === "SCHEDULED" && session.endsAt > now && hasPermission(actor.roles, "update:training:any"),
      freeSeats: Math.max(0, session.capacity - session.confirmedCount),
    };
  });
}

export const APPROVALS_PAGE_SIZE = 25;

async function pendingWhere(tx: Tx, actor: Actor): Promise<Prisma.EnrolmentWhereInput | null> {
  const notOwn = actor.personId ? { personId: { not: actor.personId } } : {};
  if (hasPermission(actor.roles, "update:enrolment:any")) return { status: "REQUESTED", ...notOwn };
  if (hasPermission(actor.roles, "update:enrolment:team") && actor.ledUnitPaths.length > 0) {
    return { status: "REQUESTED", ...notOwn, person: await personInSubtrees(tx, actor.ledUnitPaths) };
  }
  return null;
}

/** "Freigaben": pending requests of the actor's team (HR: all), soonest session first. */
export async function listPendingApprovals(db: Db, actor: Actor, { page }: { page: number }) {
  const where = await pendingWhere(db, actor);
  if (!where) throw new AccessDeniedError("Nur Führungskräfte und die Personalentwicklung geben Anmeldungen frei.");
  const [total, rows] = await Promise.all([
    db.enrolment.count({ where }),
    db.enrolment.findMany({
      where,
      orderBy: [{ session: { startsAt: "asc" } }, { createdAt: "asc" }, { id: "asc" }],
      skip: (page - 1) * APPROVALS_PAGE_SIZE,
      take: APPROVALS_PAGE_SIZE,
      select: {
        id: true,
        requestNote: true,
        createdAt: true,
        person: { select: { id: true, firstName: true, lastName: true, orgUnit: { select: { code: true, name: true } } } },
        session: { select: listSessionSelect },
      },
    }),
  ]);
  return { total, page, pageSize: APPROVALS_PAGE_SIZE, pageCount: Math.max(1, Math.ceil(total / APPROVALS_PAGE_SIZE)), requests: rows, scope: hasPermission(actor.roles, "update:enrolment:any") ? ("any" as const) : ("team" as const) };
}

/** Number of pending requests the actor can decide (start page), or null if they decide none. */
export async function countPendingApprovals(db: Db, actor: Actor) {
  const where = await pendingWhere(db, actor);
  return where ? db.enrolment.count({ where }) : null;
}

/** The actor's next confirmed sessions (start page). */
export async function listNextSessions(db: Db, actor: Actor, take = 5) {
  if (!actor.personId || !hasPermission(actor.roles, "read:enrolment:own")) return null;
  return db.enrolment.findMany({
    where: { personId: actor.personId, status: "CONFIRMED", session: { status: "SCHEDULED", endsAt: { gt: new Date() } } },
    orderBy: [{ session: { startsAt: "asc" } }],
    take,
    select: { id: true, session: { select: { id: true, startsAt: true, endsAt: true, location: true, onlineUrl: true, training: { select: { id: true, title: true } } } } },
  });
}

export const CANDIDATE_LIMIT = 300;
/** Up to this many people, the training page offers "Person anmelden" as a selection in each session. */
export const INLINE_CANDIDATES = 80;

/**
 * People the actor may enrol directly: their team (leader) or anyone (HR), active or on leave,
 * optionally filtered by name, personnel number or e-mail. `more` says the list was cut.
 */
export async function listEnrolCandidates(db: Db, actor: Actor, { q, take = CANDIDATE_LIMIT }: { q?: string; take?: number } = {}) {
  const any = hasPermission(actor.roles, "create:enrolment:any");
  const team = hasPermission(actor.roles, "create:enrolment:team") && actor.ledUnitPaths.length > 0;
  if (!any && !team) return null;
  const where: Prisma.PersonWhereInput = {
    AND: [
      { status: { in: ["ACTIVE", "ON_LEAVE"] } },
      any ? {} : await personInSubtrees(db, actor.ledUnitPaths),
      actor.personId ? { id: { not: actor.personId } } : {},
      ...searchTerms(q).map((term) => ({ searchText: { contains: term } })),
    ],
  };
  const people = await db.person.findMany({
    where,
    orderBy: [{ lastName: "asc" }, { firstName: "asc" }, { id: "asc" }],
    take: take + 1,
    select: { id: true, firstName: true, lastName: true, personnelNumber: true, orgUnit: { select: { code: true } } },
  });
  return { people: people.slice(0, take), more: people.length > take, scope: any ? ("any" as const) : ("team" as const) };
}

/**
 * What the training page needs per session for the viewer: their latest enrolment (status,
 * waiting-list position, decision note), whether they may request a place or cancel, and for
 * leaders and HR the people they may enrol. Two queries, whatever the number of sessions.
 */
export async function getTrainingEnrolmentState(db: Db, actor: Actor, trainingId: string) {
  const now = new Date();
  const sessions = await db.trainingSession.findMany({
    where: { trainingId },
    select: { id: true, status: true, startsAt: true, enrolmentDeadline: true, trainerPersonId: true, training: { select: { status: true } } },
  });
  const seesParticipants = hasPermission(actor.roles, "read:enrolment:any") || (hasPermission(actor.roles, "read:enrolment:team") && actor.ledUnitPaths.length > 0);
  const own = actor.personId
    ? await db.enrolment.findMany({
        where: { personId: actor.personId, trainingId },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        select: { id: true, sessionId: true, status: true, decisionNote: true, cancelReason: true },
      })
    : [];
  const latest = new Map<string, (typeof own)[number]>();
  for (const e of own) if (!latest.has(e.sessionId)) latest.set(e.sessionId, e);
  const positions = await waitlistPositions(db, [...latest.values()].filter((e) => e.status === "WAITLISTED").map((e) => e.sessionId));
  const canRequest = !!actor.personId && hasPermission(actor.roles, "create:enrolment:own");
  const canCancelOwn = hasPermission(actor.roles, "update:enrolment:own");
  // A selection per session only for small teams; larger ones search on the session page.
  const candidates = await listEnrolCandidates(db, actor, { take: INLINE_CANDIDATES });
  const bySession: Record<string, SessionEnrolmentState> = {};
  for (const s of sessions) {
    const mine = latest.get(s.id) ?? null;
    const active = !!mine && ACTIVE_STATUSES.includes(mine.status);
    const open = s.training.status === "PUBLISHED" && s.status === "SCHEDULED" && s.startsAt > now;
    const deadlinePassed = !!s.enrolmentDeadline && s.enrolmentDeadline < now;
    bySession[s.id] = {
      own: mine ? { id: mine.id, status: mine.status, position: positions.get(mine.id) ?? null, decisionNote: mine.decisionNote, cancelReason: mine.cancelReason } : null,
      canRequest: canRequest && open && !deadlinePassed && !active,
      canCancel: canCancelOwn && active && s.startsAt > now,
      canEnrolOthers: !!candidates && open && (!deadlinePassed || candidates.scope === "any"),
      canSeeParticipants: seesParticipants || (!!actor.personId && s.trainerPersonId === actor.personId),
    };
  }
  return { sessions: bySession, candidates };
}

export interface SessionEnrolmentState {
  own: { id: string; status: EnrolmentStatus; position: number | null; decisionNote: string; cancelReason: string } | null;
  canRequest: boolean;
  canCancel: boolean;
  canEnrolOthers: boolean;
  /** HR, leaders (their team's participants) and the session's trainer open the session page. */
  canSeeParticipants: boolean;
}

/** Start page: the actor's next confirmed sessions and, for leaders and HR, the pending requests. */
export async function getStartEnrolment(db: Db, actor: Actor) {
  const [next, pendingApprovals] = await Promise.all([listNextSessions(db, actor, 3), countPendingApprovals(db, actor)]);
  return { next, pendingApprovals };
}

/**
 * An enrolment that a leader's (or HR's) agreement to a learning journey already approved
 * (docs/decisions/020), in the caller's transaction: a seat when one is free, else the waiting
 * list; the person is notified and the step audited like `enrol` by a leader. Returns null (and
 * changes nothing) when the session is no longer open for enrolment or the person is gone; returns
 * the existing enrolment when the person already has an active one for the session.
 */
export async function enrolApprovedInTx(tx: Tx, actor: Actor, input: { personId: string; sessionId: string; note?: string }, { now = new Date() }: { now?: Date } = {}) {
  const session = await tx.trainingSession.findUnique({ where: { id: input.sessionId }, select: sessionSelect });
  if (!session) return null;
  try {
    assertOpenForEnrolment(session, now, { ignoreDeadline: true });
  } catch {
    return null;
  }
  const person = await personForEnrolment(tx, input.personId);
  if (person.status === "LEFT") return null;
  const activeKey = activeKeyOf(person.id, session.id);
  const existing = await tx.enrolment.findUnique({ where: { activeKey }, select: { id: true, status: true } });
  if (existing) return { enrolmentId: existing.id, status: existing.status as EnrolmentStatus, created: false };
  const placement = await seatOrWaitlist(tx, session.id, now);
  const enrolment = await tx.enrolment.create({
    data: {
      personId: person.id,
      trainingId: session.training.id,
      sessionId: session.id,
      status: placement.status,
      waitlistedAt: placement.waitlistedAt,
      activeKey,
      requestedById: actor.userId,
      requestNote: (input.note ?? "").slice(0, NOTE_MAX),
      decidedById: actor.userId,
      decidedAt: now,
    },
  });
  const params = sessionParams(session);
  if (placement.status === "CONFIRMED") {
    await notify(tx, { personId: person.id, kind: "enrolment.confirmed", params, link: enrolmentLink(session.id) });
  } else {
    const position = (await waitlistPositions(tx, [session.id])).get(enrolment.id) ?? 1;
    await notify(tx, { personId: person.id, kind: "enrolment.waitlisted", params: { ...params, position }, link: enrolmentLink(session.id) });
  }
  await recordAudit(tx, {
    actorUserId: actor.userId,
    action: "enrolment.enrol",
    entityType: "Enrolment",
    entityId: enrolment.id,
    affectedPersonId: person.id,
    summary: `${session.training.code} ${session.training.title}, ${params.date}: ${placement.status} (Lernreise vereinbart)`,
  });
  return { enrolmentId: enrolment.id, status: placement.status as EnrolmentStatus, created: true };
}
