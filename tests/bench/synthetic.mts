// Shared by the benchmarks on the synthetic administration: options, the scratch database
// (seeded once per size and seed, kept in data/), accounts and the timing loop.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";

export const root = path.resolve(import.meta.dirname, "../..");

/** Parses --employees/--seed/--runs/--fresh, points DATABASE_URL at the scratch database and seeds it if needed. */
export function prepareSyntheticDatabase({ runs: defaultRuns }: { runs: number }) {
  const { values } = parseArgs({
    options: {
      employees: { type: "string", default: "50000" },
      seed: { type: "string", default: "1" },
      runs: { type: "string", default: String(defaultRuns) },
      fresh: { type: "boolean", default: false },
    },
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
  return { ...opts, url, dialect: url.startsWith("file:") ? "SQLite" : "PostgreSQL" };
}

/** An account for the person (created once, reused on later runs). */
export async function accountFor(personId: string, roles: ("EMPLOYEE" | "HR_DEVELOPMENT")[]) {
  const { db } = await import("~/utils/db.server.ts");
  const { hashPassword } = await import("~/modules/auth/password.server.ts");
  const person = await db.person.findUniqueOrThrow({ where: { id: personId } });
  const existing = await db.user.findUnique({ where: { email: person.email } });
  return existing ?? db.user.create({ data: { email: person.email, personId, passwordHash: await hashPassword("bench-passwort-123"), roles: { create: roles.map((role) => ({ role })) } } });
}

/** Runs `fn` once to warm up, then `runs` times, and prints p50 and p95. */
export function timer(runs: number, width = 58) {
  return async function time(label: string, fn: () => Promise<unknown>) {
    await fn();
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await fn();
      samples.push(performance.now() - t0);
    }
    samples.sort((a, b) => a - b);
    const q = (p: number) => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))]!.toFixed(1);
    console.log(`${label.padEnd(width)} p50 ${q(0.5).padStart(7)} ms   p95 ${q(0.95).padStart(7)} ms`);
  };
}
