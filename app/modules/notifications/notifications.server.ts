// In-app notifications: each person reads and marks only their own. Texts are not stored: the
// page renders title and body from kind + params in the reader's language.
import type { Db, Tx } from "~/utils/db.server.ts";
import { recordAudit } from "~/modules/audit/audit.server.ts";
import { hasPermission, type Actor } from "~/modules/auth/permissions.ts";
import { AccessDeniedError, NotFoundError } from "~/modules/errors.ts";

export const NOTIFICATION_PAGE_SIZE = 20;

export type NotificationParams = Record<string, string | number>;

/** The person whose notifications the actor may read: always their own, nobody else's. */
function ownPerson(actor: Actor, action: "read" | "update") {
  if (!actor.personId || !hasPermission(actor.roles, `${action}:notification:own`)) throw new AccessDeniedError();
  return actor.personId;
}

/** Whether the actor has an inbox at all (a person and the permission), e.g. for the navigation. */
export function hasInbox(actor: Pick<Actor, "personId" | "roles">) {
  return !!actor.personId && hasPermission(actor.roles, "read:notification:own");
}

/** One indexed COUNT (personId, readAt): cheap enough for every page's navigation. */
export function countUnread(db: Db | Tx, personId: string) {
  return db.notification.count({ where: { personId, readAt: null } });
}

export function parseParams(raw: string): NotificationParams {
  try {
    const value: unknown = JSON.parse(raw);
    if (!value || typeof value !== "object" || Array.isArray(value)) return {};
    return Object.fromEntries(Object.entries(value).filter((e): e is [string, string | number] => typeof e[1] === "string" || typeof e[1] === "number"));
  } catch {
    return {};
  }
}

/** Only links inside the app are shown. */
export function safeLink(link: string) {
  return link.startsWith("/") && !link.startsWith("//") && !link.startsWith("/\\") ? link : null;
}

export async function listNotifications(db: Db, actor: Actor, { page, unreadOnly = false }: { page: number; unreadOnly?: boolean }) {
  const personId = ownPerson(actor, "read");
  const where = { personId, ...(unreadOnly ? { readAt: null } : {}) };
  const [all, unread, rows] = await Promise.all([
    db.notification.count({ where: { personId } }),
    countUnread(db, personId),
    db.notification.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * NOTIFICATION_PAGE_SIZE,
      take: NOTIFICATION_PAGE_SIZE,
      select: { id: true, kind: true, params: true, link: true, readAt: true, createdAt: true },
    }),
  ]);
  const notifications = rows.map((n) => ({ id: n.id, kind: n.kind, params: parseParams(n.params), link: safeLink(n.link), readAt: n.readAt, createdAt: n.createdAt }));
  /** total: matching the filter (for paging); all: every notification of the person. */
  return { total: unreadOnly ? unread : all, all, unread, notifications, pageSize: NOTIFICATION_PAGE_SIZE };
}

/** Marks one of the actor's own notifications as read; anyone else's is "not found". */
export async function markNotificationRead(db: Db, actor: Actor, notificationId: string) {
  const personId = ownPerson(actor, "update");
  return db.$transaction(async (tx) => {
    const notification = await tx.notification.findUnique({ where: { id: notificationId }, select: { id: true, personId: true, readAt: true, kind: true } });
    if (!notification || notification.personId !== personId) throw new NotFoundError("notifications.page.notFound");
    if (notification.readAt) return { changed: false };
    await tx.notification.updateMany({ where: { id: notification.id, readAt: null }, data: { readAt: new Date() } });
    await recordAudit(tx, { actorUserId: actor.userId, action: "notification.read", entityType: "Notification", entityId: notification.id, affectedPersonId: personId, summary: notification.kind });
    return { changed: true };
  });
}

export async function markAllNotificationsRead(db: Db, actor: Actor) {
  const personId = ownPerson(actor, "update");
  return db.$transaction(async (tx) => {
    const { count } = await tx.notification.updateMany({ where: { personId, readAt: null }, data: { readAt: new Date() } });
    if (count > 0) {
      await recordAudit(tx, { actorUserId: actor.userId, action: "notification.readAll", entityType: "Notification", affectedPersonId: personId, summary: `${count} als gelesen markiert` });
    }
    return { count };
  });
}
