// Benchmark: seeds a synthetic administration (default 50,000 people) into a scratch SQLite
// database (or BENCH_DATABASE_URL) and times the people list and "Mein Team" of a Dezernat
// leader, as the loaders call them. Prints numbers; asserts nothing.
// Usage: npm run bench [-- --employees 50000 --seed 1 --runs 20]
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";

const root = path.resolve(import.meta.dirname, "../..");
const { values } = parseArgs({
  options: { employees: { type: "string", default: "50000" }, seed: { type: "string", default: "1" }, runs: { type: "string", default: "20" }, fresh: { type: "boolean", default: false } },
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
const { listPeople, listTeam, getPersonProfile } = await import("~/modules/org/org.server.ts");
const { hashPassword } = await import("~/modules/auth/password.server.ts");

// Accounts for the biggest Dezernat's leader and an HR person (created once).
const dezernat = (await db.orgUnit.findMany({ where: { type: "DEZERNAT" }, select: { id: true, path: true, leaderId: true, name: true } }))[0]!;
async function accountFor(personId: string, roles: ("EMPLOYEE" | "HR_DEVELOPMENT")[]) {
  const person = await db.person.findUniqueOrThrow({ where: { id: personId } });
  const existing = await db.user.findUnique({ where: { email: person.email } });
  return existing ?? db.user.create({ data: { email: person.email, personId, passwordHash: await hashPassword("bench-passwort-123"), roles: { create: roles.map((role) => ({ role })) } } });
}
const leaderUser = await accountFor(dezernat.leaderId!, ["EMPLOYEE"]);
const someone = await db.person.findFirstOrThrow({ where: { orgUnit: { type: "SACHGEBIET" } }, orderBy: { personnelNumber: "desc" } });
const hrUser = await accountFor(someone.id, ["EMPLOYEE", "HR_DEVELOPMENT"]);
const leader = (await loadActor(db, leaderUser.id))!;
const hr = (await loadActor(db, hrUser.id))!;
const amt = await db.orgUnit.findFirstOrThrow({ where: { type: "AMT" }, select: { id: true } });
const teamMember = await db.person.findFirstOrThrow({ where: { orgUnit: { path: { startsWith: dezernat.path } }, id: { not: leader.personId! } } });

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
  console.log(`${label.padEnd(58)} p50 ${q(0.5).padStart(7)} ms   p95 ${q(0.95).padStart(7)} ms`);
}

const [people, units] = await Promise.all([db.person.count(), db.orgUnit.count()]);
console.log(`\n${people} people, ${units} org units, ${url.startsWith("file:") ? "SQLite" : "PostgreSQL"}, ${opts.runs} runs each\n`);
const teamSize = (await listTeam(db, leader, { page: 1 })).total;
await time(`Mein Team, Dezernat leader (${teamSize} people), page 1`, () => listTeam(db, leader, { page: 1 }));
await time("Mein Team, Dezernat leader, page 200", () => listTeam(db, leader, { page: 200 }));
await time("Mein Team, Dezernat leader, search 'müller'", () => listTeam(db, leader, { page: 1, q: "müller" }));
await time("People list (HR), all, page 1", () => listPeople(db, hr, { page: 1 }));
await time("People list (HR), Amt with sub-units, page 1", () => listPeople(db, hr, { page: 1, unitId: amt.id, includeSubUnits: true }));
await time("People list (HR), search 'schmidt'", () => listPeople(db, hr, { page: 1, q: "schmidt" }));
await time("People list (HR), status LEFT", () => listPeople(db, hr, { page: 1, status: "LEFT" }));
await time("Person page of a team member (leader, audited read)", () => getPersonProfile(db, leader, teamMember.id));
await db.$disconnect();
