#!/usr/bin/env node
// Generates both Prisma clients (SQLite and PostgreSQL) into app/generated/. The app picks one
// at run time from DATABASE_URL (docs/decisions/003). Runs on postinstall.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const prisma = path.join(root, "node_modules/prisma/build/index.js");
execFileSync("node", [path.join(root, "prisma/scripts/pg-schema.js")], { cwd: root, stdio: "inherit" });
for (const config of ["prisma.config.ts", "prisma.postgresql.config.ts"]) {
  execFileSync("node", [prisma, "generate", "--config", config], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, DATABASE_URL: config.includes("postgresql") ? "postgresql://generate@127.0.0.1/none" : "file:./data/generate.db", PRISMA_HIDE_UPDATE_MESSAGE: "1" },
  });
}
console.log("Prisma clients generated (sqlite, postgresql)");
