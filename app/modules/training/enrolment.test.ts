import { db } from "~/utils/db.server.ts";
import { activeKeyOf, promoteFromWaitlist } from "./enrolment.server.ts";
import { createPerson, createScenario } from "../../../tests/factories.ts";
import { createTraining } from "../../../tests/training-factories.ts";

describe("promoteFromWaitlist", () => {
  it("fills free seats from the waiting list, earliest first, notifies and audits", async () => {
    const s = await createScenario(db);
    const { training, session } = await createTraining(db, { capacity: 2, requiresApproval: false });
    const people = await Promise.all([1, 2, 3].map(() => createPerson(db, { unit: s.abteilungA1 })));
    const base = Date.now() - 60_000;
    // Waitlisted out of creation order: the third person waited longest.
    const order = [people[2]!, people[0]!, people[1]!];
    for (const [i, p] of order.entries()) {
      await db.enrolment.create({
        data: { personId: p.id, trainingId: training.id, sessionId: session.id, status: "WAITLISTED", activeKey: activeKeyOf(p.id, session.id), waitlistedAt: new Date(base + i * 1000), requestedById: s.hrUser.id },
      });
    }
    const promoted = await db.$transaction((tx) => promoteFromWaitlist(tx, null, session.id));
    expect(promoted.map((e) => e.personId).sort()).toEqual([people[2]!.id, people[0]!.id].sort());
    expect(promoted.every((e) => e.status === "CONFIRMED")).toBe(true);
    const after = await db.trainingSession.findUniqueOrThrow({ where: { id: session.id } });
    expect(after.confirmedCount).toBe(2);
    const stillWaiting = await db.enrolment.findMany({ where: { sessionId: session.id, status: "WAITLISTED" } });
    expect(stillWaiting.map((e) => e.personId)).toEqual([people[1]!.id]);
    const notes = await db.notification.findMany({ where: { kind: "enrolment.promoted", personId: { in: people.map((p) => p.id) } } });
    expect(notes).toHaveLength(2);
    expect(JSON.parse(notes[0]!.params).training).toBe(training.title);
    expect(await db.outboxMail.count({ where: { notificationId: { in: notes.map((n) => n.id) } } })).toBe(2);
    expect(await db.auditEvent.count({ where: { action: "enrolment.promote", entityId: { in: promoted.map((e) => e.id) } } })).toBe(2);

    // Nothing free: nothing moves.
    expect(await db.$transaction((tx) => promoteFromWaitlist(tx, null, session.id))).toEqual([]);
  });

  it("does not promote into a cancelled session", async () => {
    const s = await createScenario(db);
    const { training, session } = await createTraining(db, { capacity: 2 });
    await db.trainingSession.update({ where: { id: session.id }, data: { status: "CANCELLED" } });
    await db.enrolment.create({
      data: { personId: s.employee.id, trainingId: training.id, sessionId: session.id, status: "WAITLISTED", activeKey: activeKeyOf(s.employee.id, session.id), waitlistedAt: new Date(), requestedById: s.employeeUser.id },
    });
    expect(await db.$transaction((tx) => promoteFromWaitlist(tx, null, session.id))).toEqual([]);
  });
});
