// Benchmark for the gap views (issue "Assessments and gap analysis"): seeds the synthetic
// administration (default 50,000 people with profiles and assessment rounds) into a scratch
// SQLite database (or BENCH_DATABASE_URL) unless it exists, then times the team heatmap of a
// Dezernat leader and HR's organisation view as their loaders call them. Prints numbers; asserts
// nothing. Usage: npm run bench:gaps [-- --employees 50000 --seed 1 --runs 10 --fresh]
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";

const root = path.resolve(import.meta.dirname, "../..");
const { values } = parseArgs({
  options: { employees: { type: "string", default: "50000" }, seed: { type: "string", default: "1" }, runs: { type: "string", default: "10" }, fresh: { type: "boolean", default: false } },
});
const opts = z
  .object({ employees: z.coerce.number().int().min(100).max(200_000), seed: z.coerce.number().int().min(1), runs: z.coerce.number().int().min(1).max(1000) })
  .parse(values);

const file = path.join(root, "data", `bench-${opts.employees}-${opts.seed}.db`);
const url = process.env.BENCH_DATABASE_URL ?? `file:${file}`;
process.env.DATABASE_URL = url;
const cli = (args: string[]) => execFileSync(process.execPath, [path.join(root, "app/cli/bin.js"), ...args], { cwd: root, env: process.env, stdio: "inherit" });

mkdirSync(path.join(root, "data"), { recursive: true });
if (values.fresh && url.startsWith("file:")) rmSync(file, { force: true });
const needsSeed = !url.startsWith("file:") || !existsSync(file);
cli(["db", "migrate"]);
if (needsSeed) {
  const t0 = performance.now();
  cli(["seed", "--employees", String(opts.employees), "--seed", String(opts.seed)]);
  console.log(`seed ${opts.employees} people: ${((performance.now() - t0) / 1000).toFixed(1)} s (whole CLI process)`);
}

const { db } = await import("~/utils/db.server.ts");
const { loadActor } = await import("~/modules/auth/actor.server.ts");
const { hashPassword } = await import("~/modules/auth/password.server.ts");
const { getTeamHeatmap } = await import("~/modules/assessment/team.server.ts");
const { getOrganisationGaps } = await import("~/modules/assessment/organisation.server.ts");
const { refreshGapReport } = await import("~/modules/assessment/gap-report.server.ts");

async function accountFor(personId: string, roles: ("EMPLOYEE" | "HR_DEVELOPMENT")[]) {
  const person = await db.person.findUniqueOrThrow({ where: { id: personId } });
  const existing = await db.user.findUnique({ where: { email: person.email } });
  return existing ?? db.user.create({ data: { email: person.email, personId, passwordHash: await hashPassword("bench-passwort-123"), roles: { create: roles.map((role) => ({ role })) } } });
}
// The Dezernat with the most people, its leader, and the seed's HR account.
const dezernate = await db.orgUnit.findMany({ where: { type: "DEZERNAT" }, select: { id: true, path: true, leaderId: true, code: true } });
const sizes = await Promise.all(dezernate.map((d) => db.person.count({ where: { status: "ACTIVE", orgUnit: { path: { startsWith: d.path } } } })));
const biggest = dezernate[sizes.indexOf(Math.max(...sizes))]!;
const leader = (await loadActor(db, (await accountFor(biggest.leaderId!, ["EMPLOYEE"])).id))!;
const hrUser = await db.user.findFirstOrThrow({ where: { roles: { some: { role: "HR_DEVELOPMENT" } } } });
const hr = (await loadActor(db, hrUser.id))!;
const cluster = await db.competencyNode.findFirstOrThrow({ where: { kind: "CLUSTER", framework: { status: "PUBLISHED" } }, select: { id: true } });
const amt = await db.orgUnit.findFirstOrThrow({ where: { type: "AMT", path: { startsWith: biggest.path } }, select: { id: true } });
const validity = { validityMonths: 24 };

async function time(label: string, fn: () => Promise<unknown>) {
  await fn(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < opts.runs; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  const q = (p: number) => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))]!.toFixed(1);
  console.log(`${label.padEnd(62)} p50 ${q(0.5).padStart(7)} ms   p95 ${q(0.95).padStart(7)} ms`);
}

const [people, records, rounds] = await Promise.all([db.person.count(), db.competencyLevelRecord.count(), db.assessmentRound.count()]);
console.log(`\n${people} people, ${rounds} assessment rounds, ${records} level records, ${url.startsWith("file:") ? "SQLite" : "PostgreSQL"}, ${opts.runs} runs each\n`);
const heat = await getTeamHeatmap(db, leader, { page: 1 }, validity);
await time(`Team heatmap, Dezernat ${biggest.code} leader (${heat.total} people), page 1`, () => getTeamHeatmap(db, leader, { page: 1 }, validity));
await time("Team heatmap, Dezernat leader, last page", () => getTeamHeatmap(db, leader, { page: heat.pageCount }, validity));
await time("Team heatmap, Dezernat leader, one cluster", () => getTeamHeatmap(db, leader, { page: 1, clusterId: cluster.id }, validity));
await time("Team heatmap, Dezernat leader, one Amt", () => getTeamHeatmap(db, leader, { page: 1, unitId: amt.id }, validity));
// The report behind the organisation view is recomputed as a whole by the worker (every 15 min)
// or on HR's request; the view itself sums the stored per-unit rows.
await time("Gap report recompute (worker / 'Jetzt neu berechnen')", () => refreshGapReport(db));
const org = await getOrganisationGaps(db, hr, {}, validity);
await time(`Organisation view (HR), whole administration (${org.totalPeople} people)`, () => getOrganisationGaps(db, hr, {}, validity));
await time(`Organisation view (HR), Dezernat ${biggest.code}`, () => getOrganisationGaps(db, hr, { unitId: biggest.id }, validity));
await time("Organisation view (HR), one Amt", () => getOrganisationGaps(db, hr, { unitId: amt.id }, validity));
await db.$disconnect();
