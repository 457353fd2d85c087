// The learning-journey part of the demo seed: three templates, four cohorts, journeys in every
// state with consistent dates and history, the demo employee's running Digitalisierungslots*innen
// journey (and no draft or proposal of hers), the demo leader in the leadership programme with a
// proposal from his Amt waiting for him, and an offered template change.
import type { Db } from "~/utils/db.server.ts";
import { seedDemo } from "~/modules/seed/seed.server.ts";
import { DEMO_EMAILS } from "~/modules/seed/generator.ts";
import { todayInBerlin } from "~/modules/compliance/days.ts";
import { JOURNEY_STATUSES } from "~/modules/journeys/model.ts";
import { emptyDatabase } from "../setup/empty-database.ts";

let db: Db;
let drop: () => Promise<void>;
let seeded: Awaited<ReturnType<typeof seedDemo>>;

beforeAll(async () => {
  ({ db, drop } = await emptyDatabase());
  seeded = await seedDemo(db);
}, 300_000);

afterAll(async () => {
  await drop?.();
});

async function personOf(email: string) {
  const user = await db.user.findUniqueOrThrow({ where: { email }, select: { personId: true } });
  return user.personId!;
}

describe("journey seed", () => {
  it("writes the three templates with phases and catalogue trainings, and four cohorts", async () => {
    const templates = await db.journeyTemplate.findMany({ orderBy: { code: "asc" }, include: { steps: { include: { training: true } }, phases: true, cohorts: true } });
    expect(templates.map((t) => [t.title, t.programme])).toEqual([
      ["Digitalisierungslots*innen", "DIGITAL_PILOT"],
      ["Führungskraft als Treiber der Transformation", "LEADERSHIP"],
      ["Onboarding in der Stadtverwaltung", "ONBOARDING"],
    ]);
    const leadership = templates.find((t) => t.programme === "LEADERSHIP")!;
    expect(leadership.phases.map((p) => p.title).sort()).toEqual(["Digitale Zusammenarbeit", "Führen im Wandel", "Standortbestimmung", "Transfer & Reflexion"]);
    for (const t of templates) {
      for (const s of t.steps.filter((x) => x.kind === "TRAINING")) expect(s.training, s.title).not.toBeNull();
    }
    expect(leadership.steps.some((s) => s.training?.code === "FÜ-01")).toBe(true);
    expect(templates.reduce((a, t) => a + t.cohorts.length, 0)).toBe(4);
    expect(seeded.journeys.templates).toBe(3);
    expect(seeded.journeys.journeys).toBe(await db.learningJourney.count());
  });

  it("has journeys in every state, with dates that fit the status and a record for completed ones", async () => {
    const today = todayInBerlin();
    const journeys = await db.learningJourney.findMany({ include: { steps: true, events: true } });
    expect(new Set(journeys.map((j) => j.status))).toEqual(new Set(JOURNEY_STATUSES));
    for (const j of journeys) {
      expect(j.startsOn < j.endsOn, j.title).toBe(true);
      expect(j.events.some((e) => e.kind === "CREATED")).toBe(true);
      expect(j.steps.length).toBeGreaterThan(0);
      for (const s of j.steps) expect(s.dueOn! >= j.startsOn, `${j.title}: ${s.title}`).toBe(true);
      if (j.status === "COMPLETED") {
        expect(j.completedAt).not.toBeNull();
        const record = JSON.parse(j.completionRecord!);
        expect(record.steps).toHaveLength(j.steps.length);
        expect(j.steps.every((s) => s.status === "DONE" || s.status === "SKIPPED")).toBe(true);
        expect(j.events.some((e) => e.kind === "COMPLETED")).toBe(true);
      }
      if (j.status === "CANCELLED") expect(j.events.find((e) => e.kind === "CANCELLED")!.comment).not.toBe("");
      if (j.status === "ACTIVE") expect(j.startsOn <= today).toBe(true);
      if (j.status === "AGREED") expect(j.agreedAt).not.toBeNull();
      if (j.status === "DRAFT" || j.status === "PROPOSED") expect(j.steps.every((s) => s.status === "OPEN")).toBe(true);
    }
    const overdue = journeys.filter((j) => j.status === "ACTIVE" && j.steps.some((s) => (s.status === "OPEN" || s.status === "IN_PROGRESS") && s.dueOn! < today));
    expect(overdue.length).toBeGreaterThan(0);
    // Programme journeys of the same cohort start on the cohort's day, new hires on their entry day at the earliest.
    const hires = journeys.filter((j) => j.cohortId && j.goalKind === "PROGRAMME" && j.title === "Onboarding in der Stadtverwaltung");
    expect(hires.length).toBeGreaterThan(0);
    const people = new Map((await db.person.findMany({ where: { id: { in: hires.map((j) => j.personId) } } })).map((p) => [p.id, p]));
    for (const j of hires) expect(j.startsOn >= people.get(j.personId)!.entryDate.toISOString().slice(0, 10)).toBe(true);
  });

  it("gives the demo employee only her running pilot journey, with steps done", async () => {
    const employee = await personOf(DEMO_EMAILS.employee);
    const journeys = await db.learningJourney.findMany({ where: { personId: employee }, include: { steps: true, template: true } });
    expect(journeys).toHaveLength(1);
    expect(journeys[0]).toMatchObject({ status: "ACTIVE" });
    expect(journeys[0]!.template!.programme).toBe("DIGITAL_PILOT");
    expect(journeys[0]!.steps.filter((s) => s.status === "DONE")).toHaveLength(2);
  });

  it("puts the demo leader in the leadership cohort and has a proposal from his Amt waiting for him", async () => {
    const leader = await personOf(DEMO_EMAILS.leader);
    const employee = await personOf(DEMO_EMAILS.employee);
    const own = await db.learningJourney.findFirstOrThrow({ where: { personId: leader, template: { programme: "LEADERSHIP" } }, include: { template: true, cohort: true } });
    expect(own.status).toBe("ACTIVE");
    expect(own.cohort!.title).toBe("Führungskräfteprogramm 2026");
    // Built from version 1: the collegial case consultation of version 2 is offered.
    expect(own.templateVersion).toBeLessThan(own.template!.version);
    const cohortSize = await db.learningJourney.count({ where: { cohortId: own.cohortId! } });
    expect(cohortSize).toBeGreaterThan(3);

    const units = await db.orgUnit.findMany({ where: { leaderId: leader }, select: { path: true } });
    const proposed = await db.learningJourney.findMany({ where: { status: "PROPOSED" }, include: { person: { include: { orgUnit: true } } } });
    expect(proposed.some((j) => j.personId !== employee && units.some((u) => j.person.orgUnit!.path.startsWith(u.path)))).toBe(true);
    expect(await db.notification.count({ where: { personId: leader, kind: "journey.proposed" } })).toBe(1);
  });
});
