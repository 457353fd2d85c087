// Reminders for due journey steps: every open or started step of an agreed or active journey that
// is due today or within the next days gets one "journey.stepDue" for the journey's owner (in-app
// and e-mail). Run by the server's worker every hour and by `lernreise reminders send`; safe to
// run as often and as concurrently as wanted.
import type { Db } from "~/utils/db.server.ts";
import { recordAudit } from "~/modules/audit/audit.server.ts";
import { notify } from "~/modules/notifications/notify.server.ts";
import { addDays, todayInBerlin } from "~/modules/compliance/days.ts";
import { germanDay } from "./proposal.ts";

/** A step is reminded when its due day is at most this many days ahead (today included). */
export const STEP_REMINDER_DAYS = 7;
const BATCH = 500;
const OPEN_STEP = ["OPEN", "IN_PROGRESS"] as const;
const REMINDED_JOURNEYS = ["AGREED", "ACTIVE"] as const;

/**
 * Queues the step reminders due at `now`. Each step is claimed with a guarded update
 * (reminderSentOn still empty, step still open) in the same transaction as its notification, so
 * nobody is reminded twice, not even by two runs at once. Returns how many reminders were queued.
 */
export async function queueJourneyStepReminders(db: Db, { now = new Date(), withinDays = STEP_REMINDER_DAYS }: { now?: Date; withinDays?: number } = {}) {
  const today = todayInBerlin(now);
  const until = addDays(today, withinDays);
  const due = {
    status: { in: [...OPEN_STEP] },
    reminderSentOn: null,
    dueOn: { gte: today, lte: until },
    journey: { status: { in: [...REMINDED_JOURNEYS] } },
  };
  let reminded = 0;
  for (;;) {
    const pass = await db.$transaction(
      async (tx) => {
        const candidates = await tx.journeyStep.findMany({ where: due, orderBy: [{ dueOn: "asc" }, { id: "asc" }], select: { id: true }, take: BATCH });
        if (candidates.length === 0) return { seen: 0, queued: 0 };
        // The guard is repeated in the update: a concurrent run that got there first wins.
        const claimed = await tx.journeyStep.updateManyAndReturn({
          where: { id: { in: candidates.map((s) => s.id) }, reminderSentOn: null, status: { in: [...OPEN_STEP] } },
          data: { reminderSentOn: today },
          select: { id: true, title: true, dueOn: true, journeyId: true },
        });
        if (claimed.length === 0) return { seen: candidates.length, queued: 0 };
        const journeys = await tx.learningJourney.findMany({ where: { id: { in: [...new Set(claimed.map((s) => s.journeyId))] } }, select: { id: true, title: true, personId: true } });
        const byId = new Map(journeys.map((j) => [j.id, j]));
        await notify(
          tx,
          claimed.map((step) => {
            const journey = byId.get(step.journeyId)!;
            return {
              personId: journey.personId,
              kind: "journey.stepDue" as const,
              params: { step: step.title, title: journey.title, date: germanDay(step.dueOn!) },
              link: `/lernreisen/${journey.id}`,
            };
          }),
        );
        await recordAudit(tx, {
          actorUserId: null,
          action: "journey.step-remind",
          entityType: "JourneyStep",
          summary: `${claimed.length} Erinnerungen an fällige Lernreise-Schritte (${journeys.length} Lernreisen, fällig bis ${germanDay(until)})`,
        });
        return { seen: candidates.length, queued: claimed.length };
      },
      { timeout: 60_000, maxWait: 10_000 },
    );
    reminded += pass.queued;
    if (pass.seen < BATCH) return { reminded };
  }
}
