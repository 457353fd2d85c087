import { db } from "~/utils/db.server.ts";
import { queueJourneyStepReminders } from "./reminders.server.ts";
import { createScenario } from "../../../tests/factories.ts";
import { createJourney } from "../../../tests/journey-proposal-factories.ts";

// 2026-12-01 08:00 Berlin: due window 2026-12-01 … 2026-12-08.
const NOW = new Date("2026-12-01T07:00:00Z");

describe("queueJourneyStepReminders", () => {
  it("reminds the owner once of each open step due within seven days, in agreed and active journeys only", async () => {
    const s = await createScenario(db);
    const active = await createJourney(db, {
      personId: s.employee.id,
      status: "ACTIVE",
      title: "Digital arbeiten",
      steps: [
        { title: "Heute fällig", dueOn: "2026-12-01" },
        { title: "In sieben Tagen", dueOn: "2026-12-08", status: "IN_PROGRESS" },
        { title: "In acht Tagen", dueOn: "2026-12-09" },
        { title: "Gestern fällig", dueOn: "2026-11-30" },
        { title: "Erledigt", dueOn: "2026-12-02", status: "DONE" },
        { title: "Übersprungen", dueOn: "2026-12-02", status: "SKIPPED" },
        { title: "Ohne Datum", dueOn: null },
      ],
    });
    const agreed = await createJourney(db, { personId: s.colleague.id, status: "AGREED", title: "Vereinbart", steps: [{ title: "Lesen", dueOn: "2026-12-03" }] });
    for (const status of ["DRAFT", "PROPOSED", "COMPLETED", "CANCELLED"] as const) {
      await createJourney(db, { personId: s.outsider.id, status, steps: [{ title: `In ${status}`, dueOn: "2026-12-02" }] });
    }

    await queueJourneyStepReminders(db, { now: NOW });
    const reminded = await db.journeyStep.findMany({ where: { journeyId: { in: [active.id, agreed.id] }, reminderSentOn: { not: null } }, orderBy: { title: "asc" }, select: { title: true, reminderSentOn: true } });
    expect(reminded).toEqual([
      { title: "Heute fällig", reminderSentOn: "2026-12-01" },
      { title: "In sieben Tagen", reminderSentOn: "2026-12-01" },
      { title: "Lesen", reminderSentOn: "2026-12-01" },
    ]);
    const mine = await db.notification.findMany({ where: { personId: s.employee.id, kind: "journey.stepDue" }, orderBy: { createdAt: "asc" } });
    expect(mine).toHaveLength(2);
    expect(mine.map((n) => JSON.parse(n.params))).toEqual(
      expect.arrayContaining([
        { step: "Heute fällig", title: "Digital arbeiten", date: "01.12.2026" },
        { step: "In sieben Tagen", title: "Digital arbeiten", date: "08.12.2026" },
      ]),
    );
    expect(mine[0]!.link).toBe(`/lernreisen/${active.id}`);
    expect(await db.outboxMail.count({ where: { toAddress: s.employee.email, subject: { contains: "Lernschritt bald fällig" } } })).toBe(2);
    expect(await db.notification.count({ where: { personId: s.colleague.id, kind: "journey.stepDue" } })).toBe(1);
    expect(await db.notification.count({ where: { personId: s.outsider.id, kind: "journey.stepDue" } })).toBe(0);

    // Again the same hour, and the next day: nothing twice; the step of 9 December comes in on the 2nd.
    await queueJourneyStepReminders(db, { now: NOW });
    expect(await db.notification.count({ where: { personId: s.employee.id, kind: "journey.stepDue" } })).toBe(2);
    await queueJourneyStepReminders(db, { now: new Date("2026-12-02T07:00:00Z") });
    expect(await db.notification.count({ where: { personId: s.employee.id, kind: "journey.stepDue" } })).toBe(3);
  });

  it("is safe when two runs overlap: each step is reminded once", async () => {
    const s = await createScenario(db);
    const journey = await createJourney(db, { personId: s.employee.id, status: "ACTIVE", steps: Array.from({ length: 12 }, (_, i) => ({ title: `Schritt ${i + 1}`, dueOn: "2026-12-04" })) });
    const runs = await Promise.all([queueJourneyStepReminders(db, { now: NOW }), queueJourneyStepReminders(db, { now: NOW })]);
    expect(runs[0]!.reminded + runs[1]!.reminded).toBeGreaterThanOrEqual(12);
    expect(await db.notification.count({ where: { personId: s.employee.id, kind: "journey.stepDue", link: `/lernreisen/${journey.id}` } })).toBe(12);
    expect(await db.journeyStep.count({ where: { journeyId: journey.id, reminderSentOn: "2026-12-01" } })).toBe(12);
  });
});
