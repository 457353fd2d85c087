// The catalogue part of the demo seed: about 40 trainings mapped to the demo frameworks, sessions
// in the past and future whose seat counts match the confirmed enrolments, and trainings that
// close the demo employee's and the demo leader's gaps.
import type { Db } from "~/utils/db.server.ts";
import { seedDemo } from "~/modules/seed/seed.server.ts";
import { addWorkdays, DEMO_TRAININGS } from "~/modules/seed/training-seed.server.ts";
import { DEMO_EMAILS } from "~/modules/seed/generator.ts";
import { searchCatalogue } from "~/modules/training/catalogue.server.ts";
import { CatalogueQuerySchema } from "~/modules/training/schemas.ts";
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

const allFilters = CatalogueQuerySchema.parse({});

describe("training seed", () => {
  it("counts workdays and skips weekends", () => {
    expect(addWorkdays("2026-11-27", 1)).toBe("2026-11-30"); // Friday → Monday
    expect(addWorkdays("2026-11-30", -1)).toBe("2026-11-27");
    expect(addWorkdays("2026-11-28", 0)).toBe("2026-11-30"); // a Saturday start moves to Monday
  });

  it("writes about 40 trainings across the clusters, each published one with competencies", async () => {
    expect(seeded.training.trainings).toBe(DEMO_TRAININGS.length);
    expect(DEMO_TRAININGS.length).toBeGreaterThanOrEqual(38);
    const trainings = await db.training.findMany({ include: { competencies: true, _count: { select: { sessions: true } } } });
    expect(new Set(trainings.map((t) => t.status))).toEqual(new Set(["PUBLISHED", "DRAFT", "ARCHIVED"]));
    for (const t of trainings) {
      expect(t.competencies.length, t.code).toBeGreaterThan(0);
      expect(t.searchText).toBe(`${t.code} ${t.title} ${t.description} ${t.provider}`.toLowerCase());
      if (t.format === "ELEARNING") expect(t.externalUrl).toMatch(/^https:\/\//);
    }
    for (const topic of ["Datenschutz", "Security Awareness", "Arbeitsschutz-Unterweisung", "E-Akte", "Projektmanagement", "Scrum und Kanban", "Führen in der digitalen Transformation", "Bürgerservice", "OZG", "Prozessmanagement", "KI-Grundlagen"]) {
      expect(trainings.some((t) => t.title.includes(topic)), topic).toBe(true);
    }
    // The competency clusters of both frameworks are covered.
    const clusters = await db.competencyNode.findMany({
      where: { id: { in: trainings.flatMap((t) => t.competencies.map((c) => c.competencyId)) } },
      select: { parent: { select: { code: true } } },
    });
    expect(new Set(clusters.map((c) => c.parent!.code))).toEqual(new Set(["FK", "MK", "SK", "SeK", "DK", "FüK", "1", "2", "3", "4", "5"]));
  });

  it("has sessions in the past and future whose seat counts match the confirmed enrolments", async () => {
    const now = new Date();
    const sessions = await db.trainingSession.findMany({ include: { days: true, _count: { select: { enrolments: { where: { status: "CONFIRMED" } } } } } });
    expect(sessions.some((s) => s.endsAt < now)).toBe(true);
    expect(sessions.filter((s) => s.startsAt > now).length).toBeGreaterThan(30);
    for (const s of sessions) {
      expect(s.confirmedCount).toBe(s._count.enrolments);
      expect(s.confirmedCount).toBeLessThanOrEqual(s.capacity);
      expect(s.startsAt).toEqual(s.days.map((d) => d.startsAt).sort((a, b) => a.getTime() - b.getTime())[0]);
      if (s.enrolmentDeadline) expect(s.enrolmentDeadline < s.startsAt).toBe(true);
      expect(s.location || s.onlineUrl).toBeTruthy();
    }
    const future = sessions.filter((s) => s.startsAt > now);
    expect(future.some((s) => s.confirmedCount === s.capacity)).toBe(true); // full
    expect(future.some((s) => s.capacity - s.confirmedCount === 1)).toBe(true); // nearly full
    expect(future.some((s) => s.enrolmentDeadline && s.enrolmentDeadline < now)).toBe(true); // deadline passed
    expect(sessions.some((s) => s.days.length >= 3)).toBe(true); // several days
    expect(sessions.some((s) => s.trainerPersonId)).toBe(true);
  });

  it("offers the demo employee and the demo leader trainings that close their gaps", async () => {
    for (const email of [DEMO_EMAILS.employee, DEMO_EMAILS.leader]) {
      const user = await db.user.findUniqueOrThrow({ where: { email } });
      const actor = await actorFor(db, user.id);
      const result = await searchCatalogue(db, actor, { ...allFilters, gaps: true }, { validityMonths: 24 });
      expect(result.hasGaps, email).toBe(true);
      expect(result.total, email).toBeGreaterThanOrEqual(3);
      expect(result.trainings.every((t) => t.closesGaps.length > 0)).toBe(true);
    }
  });
});
