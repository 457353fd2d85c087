// Overbooking must be impossible even when many people ask for the last seats at the same moment.
// Runs on SQLite (serialised writers) and on PostgreSQL (npm run test:pg: concurrent transactions
// in READ COMMITTED, where the guarded UPDATE re-checks the seat condition after waiting).
import { db } from "~/utils/db.server.ts";
import { ValidationError } from "~/modules/errors.ts";
import { cancelEnrolment, enrol } from "./enrolment.server.ts";
import { actorFor, createAccount, createPerson, createUnit } from "../../../tests/factories.ts";
import { createTraining } from "../../../tests/training-factories.ts";

const CAPACITY = 3;
const PEOPLE = 16;

async function people(n: number) {
  const unit = await createUnit(db);
  return Promise.all(
    Array.from({ length: n }, async () => {
      const person = await createPerson(db, { unit });
      const user = await createAccount(db, person);
      return { person, actor: await actorFor(db, user.id) };
    }),
  );
}

describe("concurrent enrolment", () => {
  it("never confirms more people than seats; the rest wait in line", async () => {
    const { session } = await createTraining(db, { capacity: CAPACITY, requiresApproval: false });
    const crowd = await people(PEOPLE);
    const results = await Promise.allSettled(crowd.map(({ actor }) => enrol(db, actor, { sessionId: session.id })));
    const failed = results.filter((r) => r.status === "rejected");
    expect(failed.map((f) => String((f as PromiseRejectedResult).reason))).toEqual([]);
    const rows = await db.enrolment.findMany({ where: { sessionId: session.id } });
    const confirmed = rows.filter((r) => r.status === "CONFIRMED").length;
    const waiting = rows.filter((r) => r.status === "WAITLISTED").length;
    const after = await db.trainingSession.findUniqueOrThrow({ where: { id: session.id } });
    expect(confirmed).toBeLessThanOrEqual(CAPACITY);
    expect(confirmed).toBe(CAPACITY);
    expect(after.confirmedCount).toBe(confirmed);
    expect(waiting).toBe(PEOPLE - CAPACITY);
  });

  it("lets one person in only once, however often they click", async () => {
    const { session } = await createTraining(db, { capacity: CAPACITY, requiresApproval: false });
    const [one] = await people(1);
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => enrol(db, one!.actor, { sessionId: session.id })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results.filter((r) => r.status === "rejected")) {
      expect((r as PromiseRejectedResult).reason).toBeInstanceOf(ValidationError);
    }
    expect(await db.enrolment.count({ where: { sessionId: session.id } })).toBe(1);
    expect((await db.trainingSession.findUniqueOrThrow({ where: { id: session.id } })).confirmedCount).toBe(1);
  });

  it("cancellations and new requests at the same time keep seats and counter in step", async () => {
    const { session } = await createTraining(db, { capacity: CAPACITY, requiresApproval: false });
    const crowd = await people(PEOPLE);
    const first = crowd.slice(0, 8);
    const enrolled: Awaited<ReturnType<typeof enrol>>["enrolment"][] = [];
    for (const { actor } of first) enrolled.push((await enrol(db, actor, { sessionId: session.id })).enrolment);
    const confirmed = enrolled.filter((e) => e.status === "CONFIRMED");
    await Promise.allSettled([
      ...confirmed.map((e, i) => cancelEnrolment(db, first[enrolled.indexOf(e)]!.actor, { enrolmentId: e.id, reason: `Grund ${i}` })),
      ...crowd.slice(8).map(({ actor }) => enrol(db, actor, { sessionId: session.id })),
    ]);
    const rows = await db.enrolment.findMany({ where: { sessionId: session.id } });
    const nowConfirmed = rows.filter((r) => r.status === "CONFIRMED").length;
    const after = await db.trainingSession.findUniqueOrThrow({ where: { id: session.id } });
    expect(nowConfirmed).toBeLessThanOrEqual(CAPACITY);
    expect(after.confirmedCount).toBe(nowConfirmed);
    // Seats freed by the cancellations went to the waiting list (nobody waits while a seat is free).
    expect(nowConfirmed).toBe(CAPACITY);
  });
});
