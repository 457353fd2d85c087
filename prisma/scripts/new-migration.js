#!/usr/bin/env node
// Creates a migration for SQLite and for PostgreSQL from the change in prisma/schema.prisma.
// `prisma migrate dev` does not work with the JS schema engine (stack.md); instead we diff the
// schema against a snapshot of the schema as of the last migration. The PostgreSQL diff needs a
// reachable server (start one with `bash .ci/pg-start.sh`).
// Usage: npm run db:new-migration -- NAME
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("Usage: npm run db:new-migration -- name_in_snake_case");
  process.exit(1);
}
execFileSync("node", [path.join(root, "prisma/scripts/pg-schema.js")], { stdio: "inherit" });

const stamp = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);
const targets = [
  { provider: "sqlite", config: "prisma.config.ts", schema: "prisma/schema.prisma", dir: "prisma/migrations", env: {} },
  {
    provider: "postgresql",
    config: "prisma.postgresql.config.ts",
    schema: "prisma/postgresql/schema.prisma",
    dir: "prisma/postgresql/migrations",
    env: { DATABASE_URL: process.env.TEST_DATABASE_URL ?? "postgresql://lernreise:lernreise@127.0.0.1:54329/lernreise_test" },
  },
];
for (const t of targets) {
  const snapshot = path.join(root, t.dir, "schema.snapshot.prisma");
  const from = existsSync(snapshot) ? ["--from-schema-datamodel", snapshot] : ["--from-empty"];
  const result = spawnSync(
    "npx",
    ["prisma", "migrate", "diff", "--config", t.config, ...from, "--to-schema-datamodel", t.schema, "--script", "--exit-code"],
    { cwd: root, encoding: "utf8", env: { ...process.env, ...t.env } },
  );
  if (result.status === 0) {
    console.log(`${t.provider}: no change`);
    continue;
  }
  if (result.status !== 2) {
    console.error(result.stderr || result.stdout);
    process.exit(1);
  }
  const folder = path.join(root, t.dir, `${stamp}_${name}`);
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, "migration.sql"), result.stdout);
  writeFileSync(path.join(root, t.dir, "migration_lock.toml"), `provider = "${t.provider}"\n`);
  copyFileSync(path.join(root, t.schema), snapshot);
  console.log(`${t.provider}: wrote ${path.relative(root, folder)}/migration.sql`);
}
