// GET /lernreisen/:journeyId/kalender.ics as Remix calls it: due days as all-day events, chosen
// sessions with their times; only for the owner, their leader and HR.
import { db } from "~/utils/db.server.ts";
import { loader } from "~/routes/lernreisen.$journeyId_.kalender[.]ics.ts";
import { createAccount, createScenario, makeLeader, requestAs } from "../factories.ts";
import { createTraining } from "../training-factories.ts";
import { createJourney } from "../journey-proposal-factories.ts";

type Args = Parameters<typeof loader>[0];

async function ics(userId: string | null, journeyId: string) {
  try {
    const res = await loader({ request: await requestAs(userId, `/lernreisen/${journeyId}/kalender.ics`), params: { journeyId }, context: {} } as Args);
    return { status: res.status, type: res.headers.get("Content-Type"), disposition: res.headers.get("Content-Disposition"), body: await res.text() };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, type: null, disposition: null, body: "" };
    throw thrown;
  }
}

/** Unfolds RFC 5545 folded lines, so long texts can be searched. */
const unfold = (body: string) => body.replace(/\r\n[ \t]/g, "");

describe("GET /lernreisen/:journeyId/kalender.ics", () => {
  it("has an all-day event per due step and the chosen session's times", async () => {
    const s = await createScenario(db);
    const { training, session } = await createTraining(db, { title: "Schreibwerkstatt", startsInDays: 10 });
    await db.trainingSession.update({ where: { id: session.id }, data: { startsAt: new Date("2026-12-10T08:00:00Z"), endsAt: new Date("2026-12-10T15:00:00Z") } });
    await db.sessionDay.updateMany({ where: { sessionId: session.id }, data: { startsAt: new Date("2026-12-10T08:00:00Z"), endsAt: new Date("2026-12-10T15:00:00Z") } });
    const journey = await createJourney(db, {
      personId: s.employee.id,
      status: "ACTIVE",
      title: "Verständlich schreiben",
      steps: [
        { title: "Schreibwerkstatt", kind: "TRAINING", trainingId: training.id, sessionId: session.id, dueOn: "2026-12-10" },
        { title: "Leitfaden lesen", dueOn: "2027-01-15" },
        { title: "Übersprungen", dueOn: "2027-01-20", status: "SKIPPED" },
        { title: "Ohne Datum" },
      ],
    });

    const res = await ics(s.employeeUser.id, journey.id);
    expect(res.status).toBe(200);
    expect(res.type).toBe("text/calendar; charset=utf-8");
    expect(res.disposition).toBe('attachment; filename="Lernreise-Verstandlich-schreiben.ics"');
    const body = unfold(res.body);
    expect(body).toContain("BEGIN:VCALENDAR");
    expect(body).toContain("SUMMARY:Fällig: Schreibwerkstatt");
    expect(body).toContain("DTSTART;VALUE=DATE:20261210");
    expect(body).toContain("SUMMARY:Fällig: Leitfaden lesen");
    expect(body).toContain("DTSTART;VALUE=DATE:20270115");
    expect(body).toContain("DTEND;VALUE=DATE:20270116");
    // The session: 09:00–16:00 Berlin time, at its place.
    expect(body).toContain("DTSTART;TZID=Europe/Berlin:20261210T090000");
    expect(body).toContain("DTEND;TZID=Europe/Berlin:20261210T160000");
    expect(body).toContain("LOCATION:Rathaus\\, Raum 101");
    expect(body).toContain(`/lernreisen/${journey.id}`);
    expect(body).not.toContain("Übersprungen");
    expect(body).not.toContain("Ohne Datum");
    expect(body.match(/BEGIN:VEVENT/g)).toHaveLength(3);

    // The leader and HR may download it too.
    expect((await ics(s.leaderUser.id, journey.id)).status).toBe(200);
    expect((await ics(s.hrUser.id, journey.id)).status).toBe(200);
  });

  it("is forbidden for others and unknown journeys", async () => {
    const s = await createScenario(db);
    const journey = await createJourney(db, { personId: s.employee.id, steps: [{ title: "Lesen", dueOn: "2027-01-15" }] });
    const claraUser = await createAccount(db, s.colleague);
    // Otto leads another office.
    await makeLeader(db, s.amtB.id, s.outsider.id);
    const ottoUser = await createAccount(db, s.outsider);
    expect((await ics(claraUser.id, journey.id)).status).toBe(403);
    expect((await ics(ottoUser.id, journey.id)).status).toBe(403);
    expect((await ics(s.adminUser.id, journey.id)).status).toBe(403);
    expect((await ics(s.employeeUser.id, "gibt-es-nicht")).status).toBe(404);
    expect((await ics(null, journey.id)).status).toBe(302);
  });
});
