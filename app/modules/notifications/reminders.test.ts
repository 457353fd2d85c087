// Session reminders: who gets one, exactly once, also with two runs at once. The sessions lie
// about two years ahead and the runs use a clock just before them, so enrolments of other tests
// (also on the shared PostgreSQL database) are never in the window.
import { db } from "~/utils/db.server.ts";
import { placeOf, queueSessionReminders } from "./reminders.server.ts";
import { createPerson, createScenario } from "../../../tests/factories.ts";
import { createTraining } from "../../../tests/training-factories.ts";

const DAY = 86_400_000;

async function enrol(person: { id: string }, session: { id: string; trainingId: string }, requestedById: string, status: "CONFIRMED" | "WAITLISTED" | "REQUESTED" | "CANCELLED" = "CONFIRMED") {
  const active = status !== "CANCELLED";
  return db.enrolment.create({
    data: {
      personId: person.id,
      trainingId: session.trainingId,
      sessionId: session.id,
      status,
      activeKey: active ? `${person.id}:${session.id}` : null,
      waitlistedAt: status === "WAITLISTED" ? new Date() : null,
      requestedById,
    },
  });
}

describe("queueSessionReminders", () => {
  it("reminds confirmed participants of scheduled sessions starting within the window, once", async () => {
    const s = await createScenario(db);
    const soon = await createTraining(db, { title: "Datenschutz kompakt", startsInDays: 700.5 });
    const later = await createTraining(db, { title: "Projektmanagement", startsInDays: 703 });
    const cancelled = await createTraining(db, { title: "Abgesagt", startsInDays: 700.6 });
    await db.trainingSession.update({ where: { id: cancelled.session.id }, data: { status: "CANCELLED" } });
    await db.trainingSession.update({ where: { id: soon.session.id }, data: { location: "Rathaus, Raum 101", onlineUrl: "" } });
    const extra = await createPerson(db, { unit: s.abteilungA1 });

    const confirmed = await enrol(s.employee, soon.session, s.employeeUser.id);
    const waitlisted = await enrol(s.colleague, soon.session, s.employeeUser.id, "WAITLISTED");
    const requested = await enrol(s.outsider, soon.session, s.employeeUser.id, "REQUESTED");
    const gone = await enrol(extra, soon.session, s.employeeUser.id, "CANCELLED");
    const notYet = await enrol(s.employee, later.session, s.employeeUser.id);
    const offSession = await enrol(s.colleague, cancelled.session, s.employeeUser.id);

    const now = new Date(soon.session.startsAt.getTime() - 1.5 * DAY);
    const first = await queueSessionReminders(db, { now, withinDays: 2 });
    expect(first.reminded).toBe(1);

    const rows = await db.enrolment.findMany({ where: { id: { in: [confirmed.id, waitlisted.id, requested.id, gone.id, notYet.id, offSession.id] } } });
    const reminded = rows.filter((r) => r.reminderSentAt).map((r) => r.id);
    expect(reminded).toEqual([confirmed.id]);
    expect(rows.find((r) => r.id === confirmed.id)!.reminderSentAt!.getTime()).toBe(now.getTime());

    const notes = await db.notification.findMany({ where: { personId: { in: [s.employee.id, s.colleague.id, s.outsider.id, extra.id] } } });
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ personId: s.employee.id, kind: "session.reminder", link: "/anmeldungen" });
    const params = JSON.parse(notes[0]!.params);
    expect(params).toMatchObject({ training: "Datenschutz kompakt", place: "Rathaus, Raum 101" });
    expect(params.date).toMatch(/^\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}$/);
    const mail = await db.outboxMail.findFirstOrThrow({ where: { toAddress: s.employee.email } });
    expect(mail.subject).toBe(`Lernreise: Erinnerung: Datenschutz kompakt am ${params.date}`);
    expect(mail.notificationId).toBe(notes[0]!.id);

    // Never twice, also not an hour later; the later session comes when it is in the window.
    expect((await queueSessionReminders(db, { now: new Date(now.getTime() + 3_600_000), withinDays: 2 })).reminded).toBe(0);
    const whenLaterIsDue = new Date(later.session.startsAt.getTime() - DAY);
    expect((await queueSessionReminders(db, { now: whenLaterIsDue, withinDays: 2 })).reminded).toBe(1);
    expect(await db.notification.count({ where: { personId: s.employee.id, kind: "session.reminder" } })).toBe(2);
  });

  it("does not remind about sessions that have already started, and honours the window", async () => {
    const s = await createScenario(db);
    const { session } = await createTraining(db, { startsInDays: 710 });
    const enrolment = await enrol(s.employee, session, s.employeeUser.id);
    // Three days ahead is outside a two-day window but inside a four-day one.
    const threeDaysBefore = new Date(session.startsAt.getTime() - 3 * DAY);
    expect((await queueSessionReminders(db, { now: threeDaysBefore, withinDays: 2 })).reminded).toBe(0);
    // After the start it is too late.
    expect((await queueSessionReminders(db, { now: new Date(session.startsAt.getTime() + 1), withinDays: 2 })).reminded).toBe(0);
    expect((await db.enrolment.findUniqueOrThrow({ where: { id: enrolment.id } })).reminderSentAt).toBeNull();
    expect((await queueSessionReminders(db, { now: threeDaysBefore, withinDays: 4 })).reminded).toBe(1);
  });

  it("queues each reminder once when two runs happen at the same time", async () => {
    const s = await createScenario(db);
    const { session } = await createTraining(db, { title: "Informationssicherheit", startsInDays: 720, capacity: 20 });
    const people = [s.employee, s.colleague, s.outsider, s.leader, s.hrPerson];
    for (const person of people) await enrol(person, session, s.employeeUser.id);
    const now = new Date(session.startsAt.getTime() - DAY);

    const [a, b] = await Promise.all([queueSessionReminders(db, { now }), queueSessionReminders(db, { now })]);

    expect(a.reminded + b.reminded).toBe(people.length);
    const notes = await db.notification.groupBy({ by: ["personId"], where: { personId: { in: people.map((p) => p.id) }, kind: "session.reminder" }, _count: { _all: true } });
    expect(notes).toHaveLength(people.length);
    expect(notes.every((n) => n._count._all === 1)).toBe(true);
    expect(await db.outboxMail.count({ where: { toAddress: { in: people.map((p) => p.email) } } })).toBe(people.length);
  });
});

describe("placeOf", () => {
  it("names the room, the online link or both", () => {
    expect(placeOf({ location: "Rathaus", onlineUrl: "" })).toBe("Rathaus");
    expect(placeOf({ location: "", onlineUrl: "https://video.example/raum" })).toBe("online: https://video.example/raum");
    expect(placeOf({ location: "Rathaus", onlineUrl: "https://video.example/raum" })).toBe("Rathaus / online: https://video.example/raum");
    expect(placeOf({ location: " ", onlineUrl: "" })).toBe("–");
  });
});
