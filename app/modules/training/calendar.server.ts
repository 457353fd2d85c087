// iCalendar files (RFC 5545) with ical-generator: one session as a download, and a personal feed
// of one's confirmed sessions behind a secret URL for calendar apps, which cannot sign in
// (docs/decisions/015). Only the SHA-256 of a feed token is stored; the token is shown once.
import { createHash, randomBytes } from "node:crypto";
import ical, { ICalCalendarMethod, ICalEventStatus } from "ical-generator";
import type { Db } from "~/utils/db.server.ts";
import { hasPermission, type Actor } from "~/modules/auth/permissions.ts";
import { AccessDeniedError, NotFoundError } from "~/modules/errors.ts";
import { recordAudit } from "~/modules/audit/audit.server.ts";

export const TIME_ZONE = "Europe/Berlin";

/** VTIMEZONE of Europe/Berlin (CET/CEST, EU rules since 1996), so clients need no lookup. */
const BERLIN_VTIMEZONE = [
  "BEGIN:VTIMEZONE",
  "TZID:Europe/Berlin",
  "X-LIC-LOCATION:Europe/Berlin",
  "BEGIN:DAYLIGHT",
  "TZOFFSETFROM:+0100",
  "TZOFFSETTO:+0200",
  "TZNAME:CEST",
  "DTSTART:19700329T020000",
  "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
  "END:DAYLIGHT",
  "BEGIN:STANDARD",
  "TZOFFSETFROM:+0200",
  "TZOFFSETTO:+0100",
  "TZNAME:CET",
  "DTSTART:19701025T030000",
  "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
  "END:STANDARD",
  "END:VTIMEZONE",
].join("\r\n");

const berlinParts = new Intl.DateTimeFormat("en-GB", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

/**
 * ical-generator writes a native Date with a time zone from its local-time fields. This returns a
 * Date whose local fields are the Berlin wall-clock time of the instant, so the file says
 * "DTSTART;TZID=Europe/Berlin:20260310T090000" whatever the server's own time zone is.
 */
export function berlinWallClock(instant: Date) {
  const p = Object.fromEntries(berlinParts.formatToParts(instant).map((x) => [x.type, Number(x.value)]));
  return new Date(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
}

export interface CalendarSession {
  id: string;
  status: string;
  location: string;
  onlineUrl: string;
  trainerName: string;
  trainer: { firstName: string; lastName: string } | null;
  days: { id: string; startsAt: Date; endsAt: Date }[];
  startsAt: Date;
  endsAt: Date;
  training: { id: string; code: string; title: string; description: string };
}

export const calendarSessionSelect = {
  id: true,
  status: true,
  location: true,
  onlineUrl: true,
  trainerName: true,
  trainer: { select: { firstName: true, lastName: true } },
  days: { orderBy: { startsAt: "asc" }, select: { id: true, startsAt: true, endsAt: true } },
  startsAt: true,
  endsAt: true,
  training: { select: { id: true, code: true, title: true, description: true } },
} as const;

export function appUrl() {
  return (process.env.APP_URL ?? "http://localhost:3000").replace(/\/$/, "");
}

export function addSessionEvents(calendar: ReturnType<typeof ical>, session: CalendarSession) {
  const days = session.days.length ? session.days : [{ id: session.id, startsAt: session.startsAt, endsAt: session.endsAt }];
  const trainer = session.trainerName || (session.trainer ? `${session.trainer.firstName} ${session.trainer.lastName}` : "");
  const link = `${appUrl()}/schulungen/${session.training.id}`;
  days.forEach((day, index) => {
    const description = [
      session.training.description,
      trainer ? `Trainer/in: ${trainer}` : "",
      session.onlineUrl ? `Online: ${session.onlineUrl}` : "",
      days.length > 1 ? `Tag ${index + 1} von ${days.length}` : "",
      `Lernreise: ${link}`,
    ]
      .filter(Boolean)
      .join("\n\n");
    calendar.createEvent({
      id: `${session.id}-${day.id}@lernreise`,
      start: berlinWallClock(day.startsAt),
      end: berlinWallClock(day.endsAt),
      timezone: TIME_ZONE,
      summary: `${session.training.title}${days.length > 1 ? ` (Tag ${index + 1}/${days.length})` : ""}`,
      description,
      location: session.location || session.onlineUrl || undefined,
      url: session.onlineUrl || link,
      status: session.status === "CANCELLED" ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  });
}

export function newCalendar(name: string) {
  const calendar = ical({ name, prodId: { company: "Stadtverwaltung", product: "Lernreise", language: "DE" } });
  calendar.timezone({ name: TIME_ZONE, generator: () => BERLIN_VTIMEZONE });
  return calendar;
}

/** One session as an .ics file (one event per day), for anyone who may read the training. */
export async function sessionCalendar(db: Db, actor: Actor, sessionId: string) {
  if (!hasPermission(actor.roles, "read:training:any")) throw new AccessDeniedError();
  const session = await db.trainingSession.findUnique({ where: { id: sessionId }, select: { ...calendarSessionSelect, training: { select: { ...calendarSessionSelect.training.select, status: true } } } });
  // Drafts exist only for the catalogue editors (as on the training page).
  if (!session || (session.training.status === "DRAFT" && !hasPermission(actor.roles, "update:training:any"))) throw new NotFoundError("Termin nicht gefunden");
  const calendar = newCalendar(session.training.title);
  calendar.method(ICalCalendarMethod.PUBLISH);
  addSessionEvents(calendar, session);
  return { filename: `${session.training.code}-${session.startsAt.toISOString().slice(0, 10)}.ics`, body: calendar.toString() };
}

export function hashFeedToken(token: string) {
  return createHash("sha256").update(token).digest("hex");
}

/** Whether the actor has a personal feed (and since when); the token itself is never readable. */
export async function getFeedStatus(db: Db, actor: Actor) {
  if (!actor.personId) return null;
  return db.calendarFeedToken.findUnique({ where: { personId: actor.personId }, select: { createdAt: true } });
}

/**
 * Creates or renews the actor's feed: a new random token (256 bit), of which only the hash is
 * stored; renewing replaces the old hash, so the old URL stops working at once.
 */
export async function createFeedToken(db: Db, actor: Actor) {
  if (!actor.personId || !hasPermission(actor.roles, "read:enrolment:own")) throw new AccessDeniedError("Ihrem Konto ist keine Person zugeordnet.");
  const personId = actor.personId;
  const token = randomBytes(32).toString("base64url");
  return db.$transaction(async (tx) => {
    const existed = await tx.calendarFeedToken.findUnique({ where: { personId }, select: { id: true } });
    await tx.calendarFeedToken.upsert({
      where: { personId },
      create: { personId, tokenHash: hashFeedToken(token) },
      update: { tokenHash: hashFeedToken(token), createdAt: new Date() },
    });
    await recordAudit(tx, { actorUserId: actor.userId, action: existed ? "calendar.feed-renew" : "calendar.feed-create", entityType: "CalendarFeedToken", affectedPersonId: personId });
    return token;
  });
}

export async function deleteFeedToken(db: Db, actor: Actor) {
  if (!actor.personId) throw new AccessDeniedError("Ihrem Konto ist keine Person zugeordnet.");
  const personId = actor.personId;
  await db.$transaction(async (tx) => {
    const { count } = await tx.calendarFeedToken.deleteMany({ where: { personId } });
    if (count) await recordAudit(tx, { actorUserId: actor.userId, action: "calendar.feed-delete", entityType: "CalendarFeedToken", affectedPersonId: personId });
  });
}

/** How far back the feed reaches, so calendars keep recent sessions without growing forever. */
const FEED_PAST_DAYS = 180;

/**
 * The personal feed for a token (no sign-in): the person's confirmed places in scheduled sessions
 * (a cancelled place or session drops out, and subscribed calendars remove it). Unknown token → 404.
 */
export async function personalFeed(db: Db, token: string) {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw new NotFoundError();
  const feed = await db.calendarFeedToken.findUnique({
    where: { tokenHash: hashFeedToken(token) },
    select: { personId: true, person: { select: { status: true } } },
  });
  if (!feed || feed.person.status === "LEFT") throw new NotFoundError();
  const since = new Date(Date.now() - FEED_PAST_DAYS * 24 * 3_600_000);
  const enrolments = await db.enrolment.findMany({
    where: {
      personId: feed.personId,
      session: { status: "SCHEDULED", endsAt: { gte: since } },
      status: "CONFIRMED",
    },
    orderBy: { session: { startsAt: "asc" } },
    take: 500,
    select: { session: { select: calendarSessionSelect } },
  });
  const calendar = newCalendar("Lernreise – meine Schulungstermine");
  for (const e of enrolments) addSessionEvents(calendar, e.session);
  return calendar.toString();
}
