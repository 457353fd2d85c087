// Benchmark of the training catalogue search: builds a scratch SQLite database (or uses
// BENCH_DATABASE_URL) with a large catalogue — by default 5,000 trainings, 20,000 sessions with
// their days and about 10,000 competency mappings — and a viewer with gaps in their position
// profile, then times typical searches as the loaders call them. Prints numbers; asserts nothing.
// Usage: npm run bench:catalogue [-- --trainings 5000 --sessions 20000 --runs 20 --fresh]
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";

const root = path.resolve(import.meta.dirname, "../..");
const { values } = parseArgs({
  options: {
    trainings: { type: "string", default: "5000" },
    sessions: { type: "string", default: "20000" },
    runs: { type: "string", default: "20" },
    fresh: { type: "boolean", default: false },
  },
});
const opts = z
  .object({
    trainings: z.coerce.number().int().min(100).max(200_000),
    sessions: z.coerce.number().int().min(100).max(1_000_000),
    runs: z.coerce.number().int().min(1).max(1000),
  })
  .parse(values);

const file = path.join(root, "data", `bench-catalogue-${opts.trainings}-${opts.sessions}.db`);
const url = process.env.BENCH_DATABASE_URL ?? `file:${file}`;
process.env.DATABASE_URL = url;
mkdirSync(path.join(root, "data"), { recursive: true });
if (values.fresh && url.startsWith("file:")) rmSync(file, { force: true });
const needsSeed = !url.startsWith("file:") || !existsSync(file);
execFileSync(process.execPath, [path.join(root, "app/cli/bin.js"), "db", "migrate"], { cwd: root, env: process.env, stdio: "inherit" });

const { db, isPostgres } = await import("~/utils/db.server.ts");
const { loadActor } = await import("~/modules/auth/actor.server.ts");
const { bulkInsert } = await import("~/modules/seed/bulk-insert.server.ts");
const { createScale, insertFramework } = await import("~/modules/competency/frameworks.server.ts");
const { searchTextOfTraining, searchCatalogue, getTraining, listCatalogueCompetencies, viewerGaps } = await import("~/modules/training/catalogue.server.ts");
const { CatalogueQuerySchema } = await import("~/modules/training/schemas.ts");
const { mulberry32 } = await import("~/modules/seed/assessment-seed.server.ts");

const dialect = isPostgres(url) ? "postgresql" : "sqlite";
const DAY = 86_400_000;
const COMPETENCIES = 40;
const VIEWER_EMAIL = "bench-katalog@beispielstadt.example";

const TOPICS = ["Datenschutz", "Informationssicherheit", "E-Akte", "Projektmanagement", "Scrum", "Kanban", "Führung", "Bürgerservice", "Tabellenkalkulation", "OZG", "Prozessmanagement", "KI", "Vergaberecht", "Haushalt", "Moderation", "Resilienz", "Barrierefreiheit", "Arbeitsschutz", "Deeskalation", "Verwaltungsrecht"];
const KINDS = ["Grundlagen", "Aufbau", "Vertiefung", "Praxis", "kompakt", "Werkstatt", "für Führungskräfte", "für die Sachbearbeitung"];
const PROVIDERS = ["Studieninstitut", "Interne Fortbildung", "HZD", "ekom21", "Externer Anbieter"];
const FORMATS = ["CLASSROOM", "WEBINAR", "ELEARNING", "BLENDED", "ON_THE_JOB", "MENTORING"] as const;
type Row = Record<string, string | number | boolean | Date | null>;

async function seedCatalogue() {
  const rand = mulberry32(42);
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const t0 = performance.now();
  const now = new Date();

  // A viewer with a position whose profile requires 8 competencies at level 3; current levels
  // 1–2 give 8 gaps. Plus one published framework with 40 competencies on a 4-level scale.
  const { framework, nodes } = await db.$transaction(async (tx) => {
    const scale = await createScale(tx, null, { name: `Benchmark-Skala ${randomUUID().slice(0, 6)}`, description: "", levels: ["Grundkenntnisse", "Anwendung", "Vertiefung", "Expertise"].map((label) => ({ label, description: "" })) });
    const framework = await insertFramework(tx, null, {
      key: `bench-${randomUUID().slice(0, 6)}`,
      name: "Benchmark-Kompetenzmodell",
      status: "PUBLISHED",
      scaleId: scale.id,
      nodes: [
        { ref: "C", parentRef: null, kind: "CLUSTER", code: "C", name: "Cluster" },
        ...Array.from({ length: COMPETENCIES }, (_, i) => ({
          ref: `C.${i + 1}`,
          parentRef: "C",
          kind: "COMPETENCY" as const,
          code: `C.${i + 1}`,
          name: `Kompetenz ${i + 1}`,
          descriptors: [1, 2, 3, 4].map((ordinal) => ({ ordinal, text: `Stufe ${ordinal}` })),
        })),
      ],
    });
    const nodes = await tx.competencyNode.findMany({ where: { frameworkId: framework.id, kind: "COMPETENCY" }, orderBy: { sortOrder: "asc" } });
    return { framework, nodes };
  });
  const unitId = randomUUID();
  await db.orgUnit.create({ data: { id: unitId, code: "B-1", name: "Benchmark-Amt", type: "AMT", path: `/${unitId}/`, depth: 0 } });
  const position = await db.position.create({ data: { code: "B-P1", title: "Sachbearbeitung", orgUnitId: unitId } });
  const person = await db.person.create({
    data: {
      personnelNumber: "B0001",
      firstName: "Bea",
      lastName: "Benchmark",
      email: VIEWER_EMAIL,
      entryDate: new Date("2020-01-01"),
      orgUnitId: unitId,
      searchText: "benchmark bea b0001",
      assignments: { create: { positionId: position.id, startDate: new Date("2020-01-01") } },
    },
  });
  await db.user.create({ data: { email: VIEWER_EMAIL, passwordHash: "-", personId: person.id, roles: { create: [{ role: "EMPLOYEE" }] } } });
  await db.positionProfile.create({
    data: { positionId: position.id, requirements: { create: nodes.slice(0, 8).map((n) => ({ competencyId: n.id, targetLevel: 3, importance: "ESSENTIAL" as const })) } },
  });
  await db.competencyLevelRecord.createMany({ data: nodes.slice(0, 8).map((n, i) => ({ personId: person.id, competencyId: n.id, lineageId: n.lineageId, level: 1 + (i % 2), source: "AGREED" as const })) });

  // Trainings, mappings, sessions and days, inserted in bulk.
  const trainings: (Row & { id: string })[] = [];
  const mappings: Row[] = [];
  for (let i = 0; i < opts.trainings; i++) {
    const id = randomUUID();
    const code = `B-${String(i + 1).padStart(6, "0")}`;
    const title = `${pick(TOPICS)} ${pick(KINDS)} ${i % 97}`;
    const description = `${pick(TOPICS)} und ${pick(TOPICS)} im Arbeitsalltag der Verwaltung.`;
    const provider = pick(PROVIDERS);
    const r = rand();
    trainings.push({
      id,
      code,
      title,
      description,
      format: FORMATS[i % FORMATS.length]!,
      provider,
      durationMinutes: 60 * (1 + (i % 8)),
      costCents: (i % 5) * 10_000,
      language: "de",
      prerequisites: "",
      targetGroups: "",
      contactName: "",
      contactEmail: "",
      externalUrl: "",
      requiresApproval: i % 3 !== 0,
      status: r < 0.9 ? "PUBLISHED" : r < 0.97 ? "DRAFT" : "ARCHIVED",
      searchText: searchTextOfTraining({ code, title, description, provider }),
      createdById: null,
      createdAt: now,
      updatedAt: now,
    });
    const count = 1 + (i % 3);
    const used = new Set<number>();
    for (let k = 0; k < count; k++) {
      const n = Math.floor(rand() * COMPETENCIES);
      if (used.has(n)) continue;
      used.add(n);
      mappings.push({ id: randomUUID(), trainingId: id, competencyId: nodes[n]!.id, lineageId: nodes[n]!.lineageId, targetLevel: 1 + Math.floor(rand() * 4) });
    }
  }
  const sessions: Row[] = [];
  const days: Row[] = [];
  for (let i = 0; i < opts.sessions; i++) {
    const id = randomUUID();
    const trainingId = trainings[Math.floor(rand() * trainings.length)]!.id;
    const start = new Date(now.getTime() + Math.round((rand() * 730 - 365) * DAY));
    start.setUTCHours(8, 0, 0, 0);
    const dayCount = rand() < 0.8 ? 1 : 2 + Math.floor(rand() * 2);
    const dayRows = Array.from({ length: dayCount }, (_, d) => ({ id: randomUUID(), sessionId: id, startsAt: new Date(start.getTime() + d * DAY), endsAt: new Date(start.getTime() + d * DAY + 7 * 3_600_000) }));
    const capacity = 8 + Math.floor(rand() * 23);
    const confirmed = Math.min(capacity, Math.floor(rand() * (capacity + 4)));
    sessions.push({
      id,
      trainingId,
      startsAt: dayRows[0]!.startsAt,
      endsAt: dayRows[dayCount - 1]!.endsAt,
      location: "Rathaus",
      onlineUrl: "",
      trainerName: "",
      trainerPersonId: null,
      capacity,
      confirmedCount: confirmed,
      enrolmentDeadline: rand() < 0.5 ? new Date(start.getTime() - 7 * DAY) : null,
      status: rand() < 0.05 ? "CANCELLED" : "SCHEDULED",
      createdAt: now,
      updatedAt: now,
    });
    days.push(...dayRows);
  }
  await db.$transaction(
    async (tx) => {
      await bulkInsert(tx, dialect, "Training", trainings);
      await bulkInsert(tx, dialect, "TrainingCompetency", mappings);
      await bulkInsert(tx, dialect, "TrainingSession", sessions);
      await bulkInsert(tx, dialect, "SessionDay", days);
    },
    { timeout: 600_000, maxWait: 60_000 },
  );
  console.log(`seeded ${trainings.length} trainings, ${mappings.length} competency mappings, ${sessions.length} sessions, ${days.length} days in ${((performance.now() - t0) / 1000).toFixed(1)} s (framework ${framework.id})`);
}

if (needsSeed) await seedCatalogue();

const viewerUser = await db.user.findUniqueOrThrow({ where: { email: VIEWER_EMAIL } });
const viewer = (await loadActor(db, viewerUser.id))!;
const hr = { ...viewer, roles: [...viewer.roles, "HR_DEVELOPMENT" as const] };
const someLineage = (await db.trainingCompetency.findFirstOrThrow({ orderBy: { id: "asc" } })).lineageId;
const someTraining = await db.training.findFirstOrThrow({ where: { status: "PUBLISHED", sessions: { some: {} } }, orderBy: { code: "asc" } });
const dateOf = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);
const base = CatalogueQuerySchema.parse({});
const opt = { validityMonths: 24 };

async function time(label: string, fn: () => Promise<{ total?: number } | unknown>) {
  const first = (await fn()) as { total?: number }; // warm-up
  const samples: number[] = [];
  for (let i = 0; i < opts.runs; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  const q = (p: number) => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))]!.toFixed(1);
  const hits = typeof first?.total === "number" ? `${first.total} hits` : "";
  console.log(`${label.padEnd(62)} ${hits.padStart(11)}   p50 ${q(0.5).padStart(7)} ms   p95 ${q(0.95).padStart(7)} ms`);
}

const [trainingCount, sessionCount] = await Promise.all([db.training.count(), db.trainingSession.count()]);
console.log(`\n${trainingCount} trainings, ${sessionCount} sessions, ${dialect === "sqlite" ? "SQLite" : "PostgreSQL"}, ${opts.runs} runs each (searches include the viewer's gap analysis)\n`);
await time("Viewer's gap analysis alone (part of every search)", () => viewerGaps(db, viewer, opt));
await time("Catalogue, no filter, page 1", () => searchCatalogue(db, viewer, base, opt));
await time("Catalogue, no filter, page 100", () => searchCatalogue(db, viewer, { ...base, page: 100 }, opt));
await time("Full text 'datenschutz'", () => searchCatalogue(db, viewer, { ...base, q: "datenschutz" }, opt));
await time("Full text, two words 'ki werkstatt'", () => searchCatalogue(db, viewer, { ...base, q: "ki werkstatt" }, opt));
await time("Full text, no hit 'xylophon'", () => searchCatalogue(db, viewer, { ...base, q: "xylophon" }, opt));
await time("Competency (one lineage)", () => searchCatalogue(db, viewer, { ...base, competency: someLineage }, opt));
await time("Format WEBINAR", () => searchCatalogue(db, viewer, { ...base, format: "WEBINAR" }, opt));
await time("Date range: next 30 days", () => searchCatalogue(db, viewer, { ...base, from: dateOf(0), to: dateOf(30) }, opt));
await time("Only free seats", () => searchCatalogue(db, viewer, { ...base, free: true }, opt));
await time("Free seats + next 30 days + format CLASSROOM", () => searchCatalogue(db, viewer, { ...base, free: true, from: dateOf(0), to: dateOf(30), format: "CLASSROOM" }, opt));
await time("Only trainings for my gaps", () => searchCatalogue(db, viewer, { ...base, gaps: true }, opt));
await time("Gaps + free seats + text 'grundlagen'", () => searchCatalogue(db, viewer, { ...base, gaps: true, free: true, q: "grundlagen" }, opt));
await time("HR: all statuses, text 'führung'", () => searchCatalogue(db, hr, { ...base, status: "ALL", q: "führung" }, opt));
await time("Competency filter options", () => listCatalogueCompetencies(db, viewer));
await time(`Training page (${someTraining.code})`, () => getTraining(db, viewer, someTraining.id, opt));
await db.$disconnect();
