// Session reminders: every confirmed participant of a scheduled session that starts within the
// next days gets one "session.reminder" (in-app and e-mail). Run by the server's worker every
// hour and by `lernreise reminders send`; safe to run as often and as concurrently as wanted.
import type { Db } from "~/utils/db.server.ts";
import { recordAudit } from "~/modules/audit/audit.server.ts";
import { formatDateTime } from "~/utils/i18n.ts";
import { notify } from "./notify.server.ts";

const DAY = 86_400_000;
export const DEFAULT_REMINDER_DAYS = 2;
const BATCH = 500;

export function placeOf(session: { location: string; onlineUrl: string }) {
  const location = session.location.trim();
  const online = session.onlineUrl.trim();
  if (location && online) return `${location} / online: ${online}`;
  return location || (online ? `online: ${online}` : "–");
}

/**
 * Queues the reminders that are due at `now`. Each enrolment is claimed with a guarded update
 * (reminderSentAt still empty) in the same transaction as its notification, so nobody is reminded
 * twice, not even by two runs at once. Returns how many reminders were queued.
 */
export async function queueSessionReminders(db: Db, { now = new Date(), withinDays = DEFAULT_REMINDER_DAYS }: { now?: Date; withinDays?: number } = {}) {
  const until = new Date(now.getTime() + withinDays * DAY);
  let reminded = 0;
  for (;;) {
    const pass = await db.$transaction(async (tx) => {
      const due = await tx.enrolment.findMany({
        where: { status: "CONFIRMED", reminderSentAt: null, session: { status: "SCHEDULED", startsAt: { gt: now, lte: until } } },
        select: { id: true },
        take: BATCH,
      });
      if (due.length === 0) return { seen: 0, queued: 0 };
      // The guard is repeated in the update: a concurrent run that got there first wins.
      const claimed = await tx.enrolment.updateManyAndReturn({
        where: { id: { in: due.map((e) => e.id) }, status: "CONFIRMED", reminderSentAt: null },
        data: { reminderSentAt: now },
        select: { id: true, personId: true, sessionId: true },
      });
      if (claimed.length === 0) return { seen: due.length, queued: 0 };
      const sessions = await tx.trainingSession.findMany({
        where: { id: { in: [...new Set(claimed.map((e) => e.sessionId))] } },
        select: { id: true, startsAt: true, location: true, onlineUrl: true, training: { select: { title: true } } },
      });
      const byId = new Map(sessions.map((s) => [s.id, s]));
      await notify(
        tx,
        claimed.map((e) => {
          const session = byId.get(e.sessionId)!;
          return {
            personId: e.personId,
            kind: "session.reminder" as const,
            params: { training: session.training.title, date: formatDateTime(session.startsAt, "de"), place: placeOf(session) },
            link: "/anmeldungen",
          };
        }),
      );
      await recordAudit(tx, {
        actorUserId: null,
        action: "session.remind",
        entityType: "Enrolment",
        summary: `${claimed.length} Erinnerungen an ${sessions.length} Termine (Beginn bis ${formatDateTime(until, "de")})`,
      });
      return { seen: due.length, queued: claimed.length };
    }, { timeout: 60_000, maxWait: 10_000 });
    reminded += pass.queued;
    if (pass.seen < BATCH) return { reminded };
  }
}
