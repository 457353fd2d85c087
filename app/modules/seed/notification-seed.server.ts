// Notifications of the demo seed: a handful, read and unread, for the demo employee and the demo
// leader, each with its e-mail in the outbox as notify() would have written it (older ones sent,
// the newest still pending, one refused for good by the mail server), so "Benachrichtigungen", the
// unread count in the navigation and the administration's "Postausgang" show something on first
// start. Titles and dates come from the seeded catalogue where there is one.
import type { Tx } from "~/utils/db.server.ts";
import { recordAudit } from "~/modules/audit/audit.server.ts";
import { renderNotificationMail, type NotificationKind } from "~/modules/notifications/notify.server.ts";
import { placeOf } from "~/modules/notifications/reminders.server.ts";
import { formatDateTime } from "~/utils/i18n.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface NotificationSeedOptions {
  employeeId: string;
  leaderId: string;
  now?: Date;
}

interface Planned {
  personId: string;
  kind: NotificationKind;
  params: Record<string, string | number>;
  link: string;
  /** How long ago it was written. */
  ago: number;
  read: boolean;
  mail: "SENT" | "PENDING" | "FAILED";
}

const FALLBACK = [
  { title: "Datenschutz-Grundschulung", place: "Rathaus, Raum 101" },
  { title: "Informationssicherheit im Büroalltag", place: "online" },
  { title: "Die E-Akte im Sachgebiet", place: "Verwaltungsgebäude Nord, Schulungsraum 2" },
  { title: "Agile Methoden in der Verwaltung", place: "Rathaus, Raum 204" },
];

export async function seedNotifications(tx: Tx, { employeeId, leaderId, now = new Date() }: NotificationSeedOptions) {
  // Upcoming sessions of the catalogue, soonest first; fixed examples without a catalogue.
  const upcoming = await tx.trainingSession.findMany({
    where: { status: "SCHEDULED", startsAt: { gt: now }, training: { status: "PUBLISHED" } },
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    take: 4,
    select: { startsAt: true, location: true, onlineUrl: true, training: { select: { id: true, title: true } } },
  });
  const offers = FALLBACK.map((fallback, i) => {
    const session = upcoming[i];
    if (!session) return { title: fallback.title, date: formatDateTime(new Date(now.getTime() + (10 + 7 * i) * DAY), "de"), place: fallback.place, link: "/schulungen" };
    return { title: session.training.title, date: formatDateTime(session.startsAt, "de"), place: placeOf(session), link: `/schulungen/${session.training.id}` };
  });
  const [first, second, third, fourth] = offers as [(typeof offers)[number], (typeof offers)[number], (typeof offers)[number], (typeof offers)[number]];

  const employee = await tx.person.findUniqueOrThrow({ where: { id: employeeId }, select: { firstName: true, lastName: true } });
  const ledUnit = await tx.orgUnit.findFirst({ where: { leaderId }, orderBy: { depth: "asc" }, select: { path: true } });
  const colleague = ledUnit
    ? await tx.person.findFirst({
        where: { status: "ACTIVE", id: { notIn: [employeeId, leaderId] }, orgUnit: { path: { startsWith: ledUnit.path } } },
        orderBy: [{ lastName: "asc" }, { firstName: "asc" }],
        select: { firstName: true, lastName: true },
      })
    : null;

  const plan: Planned[] = [
    // The employee: a confirmed place and a waiting list long ago, read; a move up, an approval and a reminder, unread.
    { personId: employeeId, kind: "enrolment.confirmed", params: { training: first.title, date: first.date }, link: "/anmeldungen", ago: 21 * DAY, read: true, mail: "SENT" },
    { personId: employeeId, kind: "enrolment.waitlisted", params: { training: second.title, date: second.date, position: 2 }, link: "/anmeldungen", ago: 9 * DAY, read: true, mail: "SENT" },
    { personId: employeeId, kind: "enrolment.promoted", params: { training: second.title, date: second.date }, link: "/anmeldungen", ago: 2 * DAY, read: false, mail: "SENT" },
    { personId: employeeId, kind: "enrolment.approved", params: { training: third.title, date: third.date }, link: third.link, ago: 20 * HOUR, read: false, mail: "SENT" },
    { personId: employeeId, kind: "session.reminder", params: { training: first.title, date: first.date, place: first.place }, link: "/anmeldungen", ago: 3 * HOUR, read: false, mail: "PENDING" },
    // The leader: the employee's request (decided, read; its e-mail was refused by the mail
    // server), an own place, and a colleague's request still to decide.
    { personId: leaderId, kind: "enrolment.requested", params: { person: `${employee.firstName} ${employee.lastName}`, training: third.title, date: third.date }, link: "/freigaben", ago: 30 * HOUR, read: true, mail: "FAILED" },
    { personId: leaderId, kind: "enrolment.confirmed", params: { training: fourth.title, date: fourth.date }, link: fourth.link, ago: 4 * DAY, read: false, mail: "SENT" },
    ...(colleague
      ? [{ personId: leaderId, kind: "enrolment.requested" as const, params: { person: `${colleague.firstName} ${colleague.lastName}`, training: fourth.title, date: fourth.date }, link: "/freigaben", ago: 5 * HOUR, read: false, mail: "SENT" as const }]
      : []),
  ];

  const people = await tx.person.findMany({ where: { id: { in: [employeeId, leaderId] } }, select: { id: true, email: true, user: { select: { locale: true } } } });
  const byId = new Map(people.map((p) => [p.id, p]));
  for (const item of plan) {
    const createdAt = new Date(now.getTime() - item.ago);
    const notification = await tx.notification.create({
      data: { personId: item.personId, kind: item.kind, params: JSON.stringify(item.params), link: item.link, createdAt, readAt: item.read ? new Date(createdAt.getTime() + 2 * HOUR) : null },
    });
    const person = byId.get(item.personId)!;
    const mail = renderNotificationMail(item.kind, item.params, item.link, person.user?.locale === "en" ? "en" : "de");
    await tx.outboxMail.create({
      data: {
        toAddress: person.email,
        subject: mail.subject,
        textBody: mail.text,
        notificationId: notification.id,
        createdAt,
        status: item.mail,
        ...(item.mail === "SENT" ? { attempts: 1, sentAt: new Date(createdAt.getTime() + 30_000), nextAttemptAt: createdAt } : {}),
        ...(item.mail === "PENDING" ? { attempts: 0, nextAttemptAt: createdAt } : {}),
        ...(item.mail === "FAILED"
          ? { attempts: 1, nextAttemptAt: createdAt, lastError: "EENVELOPE 550: 5.2.2 Mailbox full" }
          : {}),
      },
    });
  }
  await recordAudit(tx, { actorUserId: null, action: "seed.notifications", entityType: "Notification", summary: `${plan.length} Benachrichtigungen mit E-Mails für die Demo-Mitarbeiterin und die Demo-Führungskraft` });
  return { notifications: plan.length, mails: plan.length };
}
