import type { Tx } from "~/utils/db.server.ts";
import { getT, isLocale, type Locale } from "~/utils/i18n.ts";

/**
 * Notification kinds. The text of each kind lives in the locale files under
 * `notifications.kinds.<kind>` (title and body with {{placeholders}} filled from params), so a
 * notification is shown in the reader's language, not the writer's.
 */
export type NotificationKind =
  | "enrolment.requested"
  | "enrolment.approved"
  | "enrolment.declined"
  | "enrolment.confirmed"
  | "enrolment.waitlisted"
  | "enrolment.promoted"
  | "enrolment.cancelled"
  | "session.cancelled"
  | "session.changed"
  | "session.reminder"
  | "completion.recorded"
  | "completion.confirmed"
  | "completion.rejected"
  | "compliance.dueSoon"
  | "compliance.dueToday"
  | "compliance.teamOverdue"
  | "compliance.hrDigest"
  | "compliance.manualReminder"
  | "journey.proposed"
  | "journey.proposedToPerson"
  | "journey.sentBack"
  | "journey.agreed"
  | "journey.comment"
  | "journey.stepDue"
  | "journey.completed"
  | "journey.templateChanged"
  | "feedback.requested"
  | "feedback.transferRequested"
  | "feedback.leaderTransferRequested"
  | "feedback.reminder"
  | "feedback.levelProposal"
  | "feedback.levelProposalDecided";

export interface NotifyInput {
  personId: string;
  kind: NotificationKind;
  params?: Record<string, string | number>;
  /** Relative link to the page the notification is about. */
  link?: string;
  /** Also send an e-mail (written to the outbox in the same transaction). Default true. */
  email?: boolean;
}

/** Absolute URL for links in e-mails (APP_URL, e.g. https://lernreise.giessen.de). */
function absoluteLink(link: string) {
  const base = (process.env.APP_URL ?? "http://localhost:3000").replace(/\/$/, "");
  return link ? `${base}${link}` : base;
}

/** Subject and text of a notification's e-mail in the given language. */
export function renderNotificationMail(kind: NotificationKind, params: Record<string, string | number>, link: string, locale: Locale) {
  const t = getT(locale);
  const subject = t(`notifications.kinds.${kind}.title`, params);
  const body = t(`notifications.kinds.${kind}.body`, params);
  const text = [body, "", t("notifications.mail.open", { url: absoluteLink(link) }), "", t("notifications.mail.footer")].join("\n");
  return { subject: `Lernreise: ${subject}`, text };
}

/**
 * Creates in-app notifications and queues their e-mails inside the caller's transaction, so a
 * notification exists exactly when the change it reports has been committed. Sending happens
 * later in the outbox worker; nothing here talks to a mail server.
 */
export async function notify(tx: Tx, inputs: NotifyInput | NotifyInput[]) {
  const list = Array.isArray(inputs) ? inputs : [inputs];
  if (list.length === 0) return;
  const people = await tx.person.findMany({
    where: { id: { in: [...new Set(list.map((n) => n.personId))] } },
    select: { id: true, email: true, status: true, user: { select: { locale: true, disabled: true } } },
  });
  const byId = new Map(people.map((p) => [p.id, p]));
  for (const input of list) {
    const person = byId.get(input.personId);
    if (!person) continue;
    const params = input.params ?? {};
    const link = input.link ?? "";
    const notification = await tx.notification.create({
      data: { personId: person.id, kind: input.kind, params: JSON.stringify(params), link },
    });
    if (input.email === false || person.status === "LEFT" || person.user?.disabled) continue;
    const locale = isLocale(person.user?.locale) ? person.user.locale : "de";
    const mail = renderNotificationMail(input.kind, params, link, locale);
    await tx.outboxMail.create({
      data: { toAddress: person.email, subject: mail.subject, textBody: mail.text, notificationId: notification.id },
    });
  }
}
