// A journey's dates as an iCalendar file: one all-day event "Fällig: <step>" per step with a due
// day, and the session's days (with times and place) for steps with a chosen session. Same
// calendar helpers as the training calendar (ical-generator, Europe/Berlin).
import { ICalEventStatus } from "ical-generator";
import type { Db } from "~/utils/db.server.ts";
import type { Actor } from "~/modules/auth/permissions.ts";
import { addSessionEvents, appUrl, calendarSessionSelect, newCalendar } from "~/modules/training/calendar.server.ts";
import { requireJourneyAccess } from "./access.server.ts";

/** A Date whose local and UTC calendar day are both the given day (noon), for all-day events. */
function allDay(day: string, plusDays = 0) {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(y!, m! - 1, d! + plusDays, 12);
}

/** The journey's calendar for anyone who may read the journey (owner, their leader, HR). */
export async function journeyCalendar(db: Db, actor: Actor, journeyId: string) {
  const { journey } = await db.$transaction((tx) => requireJourneyAccess(tx, actor, journeyId, "read"));
  const steps = await db.journeyStep.findMany({
    where: { journeyId, status: { not: "SKIPPED" }, OR: [{ dueOn: { not: null } }, { sessionId: { not: null } }] },
    orderBy: [{ position: "asc" }],
    select: { id: true, title: true, description: true, dueOn: true, status: true, session: { select: calendarSessionSelect } },
  });
  const calendar = newCalendar(`Lernreise: ${journey.title}`);
  const link = `${appUrl()}/lernreisen/${journey.id}`;
  const cancelled = journey.status === "CANCELLED";
  const sessionsShown = new Set<string>();
  for (const step of steps) {
    if (step.dueOn) {
      calendar.createEvent({
        id: `${step.id}-due@lernreise`,
        allDay: true,
        start: allDay(step.dueOn),
        end: allDay(step.dueOn, 1),
        summary: `Fällig: ${step.title}${step.status === "DONE" ? " (erledigt)" : ""}`,
        description: [step.description, `Lernreise „${journey.title}“: ${link}`].filter(Boolean).join("\n\n"),
        url: link,
        status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      });
    }
    // A session chosen by two steps is shown once.
    if (step.session && !sessionsShown.has(step.session.id)) {
      sessionsShown.add(step.session.id);
      addSessionEvents(calendar, step.session);
    }
  }
  const slug = journey.title.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/ß/g, "ss").replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 60) || "lernreise";
  return { filename: `Lernreise-${slug}.ics`, body: calendar.toString() };
}
