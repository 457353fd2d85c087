// /benachrichtigungen and /admin/postausgang as Remix calls them: own notifications only (another
// person's is "not found"), the unread count in the root loader, and the outbox for admins only.
import { db } from "~/utils/db.server.ts";
import { notify } from "~/modules/notifications/notify.server.ts";
import { action as inboxAction, loader as inboxLoader } from "~/routes/benachrichtigungen.tsx";
import { action as outboxAction, loader as outboxLoader } from "~/routes/admin.postausgang.tsx";
import { loader as rootLoader } from "~/root.tsx";
import { createScenario, requestAs } from "../factories.ts";

type Args = Parameters<typeof inboxLoader>[0];
const args = (request: Request) => ({ request, params: {}, context: {} }) as Args;
const post = (userId: string, url: string, fields: [string, string][]) => requestAs(userId, url, { method: "POST", body: new URLSearchParams(fields) });

async function statusOf(promise: Promise<unknown>) {
  try {
    const value = await promise;
    if (value instanceof Response) return value.status;
    return 200;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}

async function seedNotifications(personId: string, titles: string[]) {
  for (const [i, training] of titles.entries()) {
    await db.$transaction((tx) => notify(tx, { personId, kind: "enrolment.confirmed", params: { training, date: `0${i + 1}.03.2027, 09:00` }, link: "/anmeldungen" }));
    // Distinct creation times, so "newest first" is well defined.
    await new Promise((r) => setTimeout(r, 5));
  }
  return db.notification.findMany({ where: { personId }, orderBy: { createdAt: "asc" } });
}

type InboxData = { notifications: { id: string; kind: string; params: Record<string, string>; link: string | null; readAt: unknown }[]; total: number; unread: number; all: number };

describe("Benachrichtigungen", () => {
  it("lists the reader's own notifications newest first, with the unread count in the navigation", async () => {
    const s = await createScenario(db);
    await seedNotifications(s.employee.id, ["Datenschutz", "Informationssicherheit", "Arbeitsschutz"]);
    await seedNotifications(s.colleague.id, ["Fremd"]);

    const data = (await inboxLoader(args(await requestAs(s.employeeUser.id, "/benachrichtigungen")))) as InboxData;
    expect(data.notifications.map((n) => n.params.training)).toEqual(["Arbeitsschutz", "Informationssicherheit", "Datenschutz"]);
    expect(data).toMatchObject({ total: 3, unread: 3, all: 3 });
    expect(data.notifications[0]).toMatchObject({ kind: "enrolment.confirmed", link: "/anmeldungen", readAt: null });

    const root = (await rootLoader(args(await requestAs(s.employeeUser.id, "/")))) as { user: { unreadNotifications: number; navigation: { items: { to: string }[] }[] } };
    expect(root.user.unreadNotifications).toBe(3);
    expect(root.user.navigation.flatMap((sec) => sec.items.map((i) => i.to))).toContain("/benachrichtigungen");
  });

  it("marks one and then all as read, lowering the count, and records it in the audit log", async () => {
    const s = await createScenario(db);
    const [first] = await seedNotifications(s.employee.id, ["Eins", "Zwei", "Drei"]);

    const one = await inboxAction(args(await post(s.employeeUser.id, "/benachrichtigungen", [["intent", "read"], ["id", first!.id]])));
    expect(one).toMatchObject({ ok: true, intent: "read" });
    let data = (await inboxLoader(args(await requestAs(s.employeeUser.id, "/benachrichtigungen?show=unread")))) as InboxData;
    expect(data).toMatchObject({ unread: 2, total: 2, all: 3 });
    expect(data.notifications.map((n) => n.params.training)).toEqual(["Drei", "Zwei"]);
    expect(await db.auditEvent.count({ where: { action: "notification.read", entityId: first!.id } })).toBe(1);

    // Marking it again changes nothing.
    await inboxAction(args(await post(s.employeeUser.id, "/benachrichtigungen", [["intent", "read"], ["id", first!.id]])));
    expect(await db.auditEvent.count({ where: { action: "notification.read", entityId: first!.id } })).toBe(1);

    const all = await inboxAction(args(await post(s.employeeUser.id, "/benachrichtigungen", [["intent", "read-all"]])));
    expect(all).toMatchObject({ ok: true, intent: "read-all", count: 2 });
    data = (await inboxLoader(args(await requestAs(s.employeeUser.id, "/benachrichtigungen")))) as InboxData;
    expect(data.unread).toBe(0);
    const root = (await rootLoader(args(await requestAs(s.employeeUser.id, "/")))) as { user: { unreadNotifications: number } };
    expect(root.user.unreadNotifications).toBe(0);
  });

  it("does not let anyone read or mark another person's notification", async () => {
    const s = await createScenario(db);
    const [foreign] = await seedNotifications(s.employee.id, ["Vertraulich"]);

    // Not even the employee's leader sees or marks it.
    const leaderView = (await inboxLoader(args(await requestAs(s.leaderUser.id, "/benachrichtigungen")))) as InboxData;
    expect(leaderView.notifications.map((n) => n.id)).not.toContain(foreign!.id);
    for (const user of [s.leaderUser, s.hrUser]) {
      expect(await statusOf(inboxAction(args(await post(user.id, "/benachrichtigungen", [["intent", "read"], ["id", foreign!.id]]))))).toBe(404);
    }
    // "All" means the reader's own.
    await inboxAction(args(await post(s.leaderUser.id, "/benachrichtigungen", [["intent", "read-all"]])));
    expect((await db.notification.findUniqueOrThrow({ where: { id: foreign!.id } })).readAt).toBeNull();
    expect(await statusOf(inboxAction(args(await post(s.employeeUser.id, "/benachrichtigungen", [["intent", "read"], ["id", "gibt-es-nicht"]]))))).toBe(404);
    expect(await statusOf(inboxAction(args(await post(s.employeeUser.id, "/benachrichtigungen", [["intent", "delete"], ["id", foreign!.id]]))))).toBe(400);
    // An account without a person has no inbox.
    expect(await statusOf(inboxLoader(args(await requestAs(s.adminUser.id, "/benachrichtigungen"))))).toBe(403);
    expect(await statusOf(inboxLoader(args(await requestAs(null, "/benachrichtigungen"))))).toBe(302);
  });
});

describe("Postausgang", () => {
  it("is for administrators only", async () => {
    const s = await createScenario(db);
    for (const user of [s.employeeUser, s.leaderUser, s.hrUser]) {
      expect(await statusOf(outboxLoader(args(await requestAs(user.id, "/admin/postausgang"))))).toBe(403);
      expect(await statusOf(outboxAction(args(await post(user.id, "/admin/postausgang", [["intent", "send"]]))))).toBe(403);
    }
  });

  it("shows the mails with their text and sends the due ones on request", async () => {
    const s = await createScenario(db);
    await seedNotifications(s.employee.id, ["Postausgangstest"]);
    const queued = await db.outboxMail.findFirstOrThrow({ where: { toAddress: s.employee.email } });
    // Oldest due first: on the shared PostgreSQL database other files' mails may be waiting too.
    const mail = await db.outboxMail.update({ where: { id: queued.id }, data: { nextAttemptAt: new Date("1999-01-01T00:00:00Z") } });

    type OutboxData = { mails: { id: string; toAddress: string; subject: string; textBody: string; status: string }[]; counts: Record<string, number>; delivery: { kind: string } };
    const data = (await outboxLoader(args(await requestAs(s.adminUser.id, "/admin/postausgang?status=PENDING")))) as OutboxData;
    const row = data.mails.find((m) => m.id === mail.id);
    expect(row).toMatchObject({ toAddress: s.employee.email, subject: "Lernreise: Platz bestätigt: Postausgangstest", status: "PENDING" });
    expect(row!.textBody).toContain("„Postausgangstest“");
    expect(data.counts.PENDING).toBeGreaterThanOrEqual(1);
    expect(data.delivery.kind).toBe("local");
    expect(await db.auditEvent.count({ where: { action: "outbox.read", actorUserId: s.adminUser.id } })).toBe(1);

    const sent = await outboxAction(args(await post(s.adminUser.id, "/admin/postausgang", [["intent", "send"]])));
    expect(sent).toMatchObject({ ok: true, result: { failed: 0, retried: 0 } });
    expect((await db.outboxMail.findUniqueOrThrow({ where: { id: mail.id } })).status).toBe("SENT");
    expect(await db.auditEvent.count({ where: { action: "outbox.send", actorUserId: s.adminUser.id } })).toBe(1);
    expect(await statusOf(outboxAction(args(await post(s.adminUser.id, "/admin/postausgang", [["intent", "alles-loeschen"]]))))).toBe(400);
  });
});
