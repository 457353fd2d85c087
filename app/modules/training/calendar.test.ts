import { db } from "~/utils/db.server.ts";
import { NotFoundError } from "~/modules/errors.ts";
import { berlinWallClock, createFeedToken, personalFeed, sessionCalendar } from "./calendar.server.ts";
import { enrol } from "./enrolment.server.ts";
import { actorFor, createScenario } from "../../../tests/factories.ts";
import { createTraining } from "../../../tests/training-factories.ts";

describe("calendar files", () => {
  it("writes Berlin wall-clock times with TZID and a VTIMEZONE, one event per day", async () => {
    const s = await createScenario(db);
    const employee = await actorFor(db, s.employeeUser.id);
    const { training, session } = await createTraining(db, { title: "Zwei Tage Agil", requiresApproval: false });
    // Winter day (UTC+1) and summer day (UTC+2), both 09:00–16:00 in the town hall.
    const days = [
      { startsAt: new Date("2030-03-12T08:00:00Z"), endsAt: new Date("2030-03-12T15:00:00Z") },
      { startsAt: new Date("2030-04-02T07:00:00Z"), endsAt: new Date("2030-04-02T14:00:00Z") },
    ];
    await db.sessionDay.deleteMany({ where: { sessionId: session.id } });
    await db.trainingSession.update({
      where: { id: session.id },
      data: { startsAt: days[0]!.startsAt, endsAt: days[1]!.endsAt, onlineUrl: "https://video.example/raum", days: { create: days } },
    });
    const { body, filename } = await sessionCalendar(db, employee, session.id);
    expect(filename).toBe(`${training.code}-2030-03-12.ics`);
    expect(body).toContain("BEGIN:VTIMEZONE");
    expect(body).toContain("DTSTART;TZID=Europe/Berlin:20300312T090000");
    expect(body).toContain("DTEND;TZID=Europe/Berlin:20300312T160000");
    expect(body).toContain("DTSTART;TZID=Europe/Berlin:20300402T090000");
    expect(body.match(/BEGIN:VEVENT/g)).toHaveLength(2);
    expect(body).toContain("SUMMARY:Zwei Tage Agil (Tag 1/2)");
    expect(body).toContain("https://video.example/raum");
    await expect(sessionCalendar(db, employee, "missing")).rejects.toBeInstanceOf(NotFoundError);

    // The personal feed holds confirmed places only.
    await enrol(db, employee, { sessionId: session.id });
    const token = await createFeedToken(db, employee);
    expect(await personalFeed(db, token)).toContain("SUMMARY:Zwei Tage Agil (Tag 2/2)");
    await expect(personalFeed(db, "kein-gueltiges-token-aber-lang-genug")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("berlinWallClock gives the local fields of Berlin time", () => {
    const d = berlinWallClock(new Date("2030-07-01T22:30:00Z"));
    expect([d.getFullYear(), d.getMonth() + 1, d.getDate(), d.getHours(), d.getMinutes()]).toEqual([2030, 7, 2, 0, 30]);
  });
});
