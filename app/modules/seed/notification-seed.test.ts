import { db } from "~/utils/db.server.ts";
import { seedNotifications } from "./notification-seed.server.ts";
import { createScenario } from "../../../tests/factories.ts";
import { createTraining } from "../../../tests/training-factories.ts";

describe("notification seed", () => {
  it("writes read and unread notifications for the demo employee and leader with matching e-mails", async () => {
    const s = await createScenario(db);
    await createTraining(db, { title: "Datenschutz-Grundschulung", startsInDays: 3 });
    await db.$transaction((tx) => seedNotifications(tx, { employeeId: s.employee.id, leaderId: s.leader.id }));

    const employeeNotes = await db.notification.findMany({ where: { personId: s.employee.id }, orderBy: { createdAt: "desc" } });
    expect(employeeNotes).toHaveLength(5);
    expect(employeeNotes.filter((n) => !n.readAt)).toHaveLength(3);
    expect(employeeNotes[0]!.kind).toBe("session.reminder");
    const leaderNotes = await db.notification.findMany({ where: { personId: s.leader.id } });
    expect(leaderNotes.filter((n) => !n.readAt)).toHaveLength(2);
    // The leader's requests name real people of the team.
    const requested = leaderNotes.filter((n) => n.kind === "enrolment.requested").map((n) => JSON.parse(n.params).person);
    expect(requested).toContain(`${s.employee.firstName} ${s.employee.lastName}`);
    expect(requested).toHaveLength(2);

    const mails = await db.outboxMail.findMany({ where: { notificationId: { in: [...employeeNotes, ...leaderNotes].map((n) => n.id) } } });
    expect(mails).toHaveLength(8);
    expect(mails.filter((m) => m.status === "PENDING").map((m) => m.toAddress)).toEqual([s.employee.email]);
    expect(mails.filter((m) => m.status === "FAILED").map((m) => m.lastError)).toEqual(["EENVELOPE 550: 5.2.2 Mailbox full"]);
    expect(mails.filter((m) => m.status === "SENT").every((m) => m.sentAt && m.attempts === 1)).toBe(true);
    expect(mails.every((m) => m.subject.startsWith("Lernreise: ") && m.textBody.includes("Öffnen: http"))).toBe(true);
  });
});
