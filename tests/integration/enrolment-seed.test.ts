// The enrolment part of the demo seed: what the demo employee and the demo leader see on their
// enrolment pages, and seat counters that still equal the confirmed enrolments.
import type { Db } from "~/utils/db.server.ts";
import { seedDemo } from "~/modules/seed/seed.server.ts";
import { DEMO_EMAILS } from "~/modules/seed/generator.ts";
import { getSessionParticipants, listEnrolmentsOfPerson, listPendingApprovals } from "~/modules/training/enrolment.server.ts";
import { actorFor } from "../factories.ts";
import { emptyDatabase } from "../setup/empty-database.ts";

let db: Db;
let drop: () => Promise<void>;
let seeded: Awaited<ReturnType<typeof seedDemo>>;

beforeAll(async () => {
  ({ db, drop } = await emptyDatabase());
  seeded = await seedDemo(db);
}, 180_000);

afterAll(async () => {
  await drop?.();
});

async function demoActor(email: string) {
  const user = await db.user.findUniqueOrThrow({ where: { email } });
  return actorFor(db, user.id);
}

describe("enrolment seed", () => {
  it("writes every kind of enrolment and keeps the seat counters true", async () => {
    expect(seeded.enrolment).toMatchObject({ REQUESTED: 4, WAITLISTED: 3, DECLINED: 2, CANCELLED: 2 });
    expect(seeded.enrolment.CONFIRMED).toBeGreaterThanOrEqual(10);
    const sessions = await db.trainingSession.findMany({ select: { id: true, capacity: true, confirmedCount: true, _count: { select: { enrolments: { where: { status: "CONFIRMED" } } } } } });
    for (const s of sessions) {
      expect(s.confirmedCount).toBe(s._count.enrolments);
      expect(s.confirmedCount).toBeLessThanOrEqual(s.capacity);
    }
    // Waiting lists only where the session is full.
    const waiting = await db.enrolment.findMany({ where: { status: "WAITLISTED" }, select: { session: { select: { capacity: true, confirmedCount: true } } } });
    expect(waiting.every((w) => w.session.confirmedCount === w.session.capacity)).toBe(true);
  });

  it("gives the demo employee requests, places, a waiting-list position and history", async () => {
    const employee = await demoActor(DEMO_EMAILS.employee);
    const mine = await listEnrolmentsOfPerson(db, employee, employee.personId!);
    const statuses = mine.upcoming.map((e) => e.status);
    expect(statuses).toEqual(expect.arrayContaining(["REQUESTED", "CONFIRMED", "WAITLISTED", "DECLINED", "CANCELLED"]));
    expect(mine.upcoming.find((e) => e.status === "WAITLISTED")?.position).toBe(3);
    expect(mine.past.filter((e) => e.status === "CONFIRMED").length).toBeGreaterThanOrEqual(2);
  });

  it("gives the demo leader pending requests of the team, including the demo employee's", async () => {
    const leader = await demoActor(DEMO_EMAILS.leader);
    const employee = await demoActor(DEMO_EMAILS.employee);
    const pending = await listPendingApprovals(db, leader, { page: 1 });
    expect(pending.total).toBe(4);
    expect(pending.requests.map((r) => r.person.id)).toContain(employee.personId);
    // The full session's waiting list in order, as the leader sees it (all in the team).
    const full = await db.enrolment.findFirstOrThrow({ where: { status: "WAITLISTED" }, select: { sessionId: true } });
    const view = await getSessionParticipants(db, leader, full.sessionId);
    expect(view.waitlist.map((w) => w.position)).toEqual([1, 2, 3]);
    expect(view.waitlist[2]!.person.id).toBe(employee.personId);
  });
});
