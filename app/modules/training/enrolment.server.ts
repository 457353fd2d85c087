// Enrolment in training sessions: requests, approvals, seats, waiting list, cancellation
// (docs/decisions/015). Seats are counted in TrainingSession.confirmedCount, which changes only
// through a guarded conditional update, so a session can never hold more confirmed places than
// its capacity, even with concurrent requests. One active enrolment per person and session is
// enforced by the unique Enrolment.activeKey.
import type { Tx } from "~/utils/db.server.ts";
import type { Actor } from "~/modules/auth/permissions.ts";
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
