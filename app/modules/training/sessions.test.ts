import { db } from "~/utils/db.server.ts";
import { AccessDeniedError, NotFoundError, ValidationError } from "~/modules/errors.ts";
import { createSession, getSessionForEdit, updateSession } from "./sessions.server.ts";
import { SessionSchema, sessionFieldsOf } from "./schemas.ts";
import { berlinDate, berlinTime } from "./berlin-time.ts";
import { actorFor, createScenario } from "../../../tests/factories.ts";
import { createTraining } from "../../../tests/training-factories.ts";

const DAY = 86_400_000;
/** A date `days` from today as the form sends it. */
const day = (days: number) => berlinDate(new Date(Date.now() + days * DAY));

function form(fields: Record<string, string>) {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return sessionFieldsOf(data);
}

function sessionInput(fields: Record<string, string> = {}) {
  return SessionSchema.parse(form({ "day-0-date": day(30), "day-0-start": "09:00", "day-0-end": "16:00", location: "Rathaus, Raum 101", capacity: "12", ...fields }));
}

function issuesOf(fields: Record<string, string>) {
  const result = SessionSchema.safeParse(form(fields));
  expect(result.success).toBe(false);
  return Object.fromEntries(result.error!.issues.map((i) => [i.path.join("."), i.message]));
}

describe("session input", () => {
  it("reads several days on the Berlin clock, ignores empty rows and keeps startsAt/endsAt in step", () => {
    const input = sessionInput({ "day-1-date": "", "day-1-start": "", "day-1-end": "", "day-2-date": day(31), "day-2-start": "08:30", "day-2-end": "12:15", enrolmentDeadline: day(20) });
    expect(input.days).toHaveLength(2);
    expect(berlinTime(input.days[0]!.startsAt)).toBe("09:00");
    expect(berlinTime(input.days[1]!.endsAt)).toBe("12:15");
    expect(berlinDate(input.enrolmentDeadline!)).toBe(day(20));
    expect(berlinTime(input.enrolmentDeadline!)).toBe("23:59");
    // Summer and winter time: 09:00 in Berlin is 07:00 or 08:00 UTC.
    expect(sessionInput({ "day-0-date": "2030-07-01" }).days[0]!.startsAt.toISOString()).toBe("2030-07-01T07:00:00.000Z");
    expect(sessionInput({ "day-0-date": "2030-01-07" }).days[0]!.startsAt.toISOString()).toBe("2030-01-07T08:00:00.000Z");
  });

  it("names each wrong field in plain terms", () => {
    expect(issuesOf({ capacity: "0", location: "" })).toMatchObject({
      "days.0.date": "catalogue.validation.dayRequired",
      capacity: "catalogue.validation.capacityInvalid",
      location: "catalogue.validation.placeRequired",
    });
    expect(issuesOf({ "day-0-date": "2030-02-30", "day-0-start": "9 Uhr", "day-0-end": "16:00", location: "R", capacity: "3" })).toMatchObject({
      "days.0.date": "catalogue.validation.dateInvalid",
      "days.0.start": "catalogue.validation.timeInvalid",
    });
    expect(issuesOf({ "day-0-date": day(30), "day-0-start": "16:00", "day-0-end": "09:00", location: "R", capacity: "3" })).toMatchObject({ "days.0.end": "catalogue.validation.endBeforeStart" });
    expect(
      issuesOf({ "day-0-date": day(30), "day-0-start": "09:00", "day-0-end": "16:00", "day-1-date": day(30), "day-1-start": "15:00", "day-1-end": "17:00", location: "R", capacity: "3" }),
    ).toMatchObject({ "days.1.start": "catalogue.validation.daysOverlap" });
    expect(issuesOf({ "day-0-date": day(30), "day-0-start": "09:00", "day-0-end": "16:00", location: "R", capacity: "3", enrolmentDeadline: day(30) })).toMatchObject({
      enrolmentDeadline: "catalogue.validation.deadlineAfterStart",
    });
    expect(issuesOf({ "day-0-date": day(30), "day-0-start": "09:00", "day-0-end": "16:00", onlineUrl: "meet.example", capacity: "3" })).toMatchObject({
      onlineUrl: "catalogue.validation.onlineUrlInvalid",
    });
  });
});

describe("sessions", () => {
  it("lets HR create a multi-day session with a trainer from the administration; nobody else", async () => {
    const s = await createScenario(db);
    const hr = await actorFor(db, s.hrUser.id);
    const { training } = await createTraining(db);
    const input = sessionInput({ "day-1-date": day(31), "day-1-start": "09:00", "day-1-end": "12:00", trainerPerson: s.colleague.email.toUpperCase(), capacity: "8" });
    const session = await createSession(db, hr, training.id, input);
    const stored = await getSessionForEdit(db, hr, session.id);
    expect(stored.days).toHaveLength(2);
    expect(stored.startsAt).toEqual(input.days[0]!.startsAt);
    expect(stored.endsAt).toEqual(input.days[1]!.endsAt);
    expect(stored).toMatchObject({ capacity: 8, confirmedCount: 0, trainerPersonId: s.colleague.id, trainerName: `Clara ${s.colleague.lastName}` });
    expect(await db.auditEvent.count({ where: { action: "session.create", entityId: session.id } })).toBe(1);

    const unknown = await createSession(db, hr, training.id, sessionInput({ trainerPerson: "niemand@example.org" })).catch((e) => e);
    expect(unknown).toBeInstanceOf(ValidationError);
    expect(unknown.fieldErrors.trainerPerson).toEqual(["catalogue.validation.trainerUnknown"]);
    for (const user of [s.employeeUser, s.leaderUser, s.adminUser]) {
      const actor = await actorFor(db, user.id);
      await expect(createSession(db, actor, training.id, sessionInput())).rejects.toBeInstanceOf(AccessDeniedError);
      await expect(updateSession(db, actor, session.id, sessionInput({ capacity: "99" }))).rejects.toBeInstanceOf(AccessDeniedError);
    }
    expect(await db.trainingSession.count({ where: { trainingId: training.id } })).toBe(2);
    expect((await db.trainingSession.findUniqueOrThrow({ where: { id: session.id } })).capacity).toBe(8);
    await expect(createSession(db, hr, "unbekannt", sessionInput())).rejects.toBeInstanceOf(NotFoundError);
  });

  it("takes no new sessions for an archived training and no edits of a cancelled session", async () => {
    const s = await createScenario(db);
    const hr = await actorFor(db, s.hrUser.id);
    const { training, session } = await createTraining(db, { status: "ARCHIVED" });
    await expect(createSession(db, hr, training.id, sessionInput())).rejects.toMatchObject({ message: "catalogue.validation.trainingArchived" });
    await db.trainingSession.update({ where: { id: session.id }, data: { status: "CANCELLED" } });
    await expect(updateSession(db, hr, session.id, sessionInput())).rejects.toMatchObject({ message: "catalogue.validation.sessionCancelled" });
  });

  it("refuses a capacity below the confirmed places and changes nothing", async () => {
    const s = await createScenario(db);
    const hr = await actorFor(db, s.hrUser.id);
    const { session } = await createTraining(db, { capacity: 10 });
    await db.trainingSession.update({ where: { id: session.id }, data: { confirmedCount: 7 } });
    const error = await updateSession(db, hr, session.id, sessionInput({ capacity: "6", location: "Anderer Raum" })).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.fieldErrors.capacity).toEqual(["catalogue.validation.capacityBelowConfirmed"]);
    const after = await db.trainingSession.findUniqueOrThrow({ where: { id: session.id }, include: { days: true } });
    expect(after).toMatchObject({ capacity: 10, location: "Rathaus, Raum 101" });
    expect(after.days).toHaveLength(1);
    // Exactly the confirmed number is fine.
    await updateSession(db, hr, session.id, sessionInput({ capacity: "7" }));
    expect((await db.trainingSession.findUniqueOrThrow({ where: { id: session.id } })).capacity).toBe(7);
  });

  it("moves people up from the waiting list when the capacity grows, and tells the enrolled about a new date", async () => {
    const s = await createScenario(db);
    const hr = await actorFor(db, s.hrUser.id);
    const { training, session } = await createTraining(db, { capacity: 1 });
    const base = { trainingId: training.id, sessionId: session.id, requestedById: hr.userId };
    await db.enrolment.create({ data: { ...base, personId: s.employee.id, status: "CONFIRMED", activeKey: `${s.employee.id}:${session.id}` } });
    await db.trainingSession.update({ where: { id: session.id }, data: { confirmedCount: 1 } });
    const waiting = [s.colleague, s.outsider];
    for (const [i, p] of waiting.entries()) {
      await db.enrolment.create({ data: { ...base, personId: p.id, status: "WAITLISTED", activeKey: `${p.id}:${session.id}`, waitlistedAt: new Date(Date.now() - (10 - i) * 60_000) } });
    }
    const result = await updateSession(db, hr, session.id, sessionInput({ "day-0-date": day(45), capacity: "2" }));
    expect(result.promoted).toBe(1);
    const statuses = Object.fromEntries((await db.enrolment.findMany({ where: { sessionId: session.id } })).map((e) => [e.personId, e.status]));
    expect(statuses).toEqual({ [s.employee.id]: "CONFIRMED", [s.colleague.id]: "CONFIRMED", [s.outsider.id]: "WAITLISTED" });
    expect((await db.trainingSession.findUniqueOrThrow({ where: { id: session.id } })).confirmedCount).toBe(2);
    // The new date went to everyone still enrolled (confirmed or waiting).
    const changed = await db.notification.findMany({ where: { kind: "session.changed", link: `/schulungen/${training.id}` } });
    expect(changed.map((n) => n.personId).sort()).toEqual([s.employee.id, s.colleague.id, s.outsider.id].sort());
    expect(JSON.parse(changed[0]!.params)).toMatchObject({ training: "Testschulung", place: "Rathaus, Raum 101" });
    expect(await db.notification.count({ where: { kind: "enrolment.promoted", personId: s.colleague.id } })).toBe(1);
    expect((await db.auditEvent.findFirstOrThrow({ where: { action: "session.update", entityId: session.id } })).summary).toContain("Plätze 1 → 2");

    // Saving again without changes to dates or place informs nobody.
    const again = await updateSession(db, hr, session.id, sessionInput({ "day-0-date": day(45), capacity: "2" }));
    expect(again).toEqual({ promoted: 0, informed: 0 });
  });
});
