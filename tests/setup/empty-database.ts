// A fresh, migrated, empty database of the kind under test (a copy of the SQLite template, or a
// new PostgreSQL database in test:pg) for tests that need to start from nothing, e.g. the seeds.
import { copyFileSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { inject } from "vitest";
import { createDb, type Db } from "~/utils/db.server.ts";
import { migrate } from "./database.ts";

export async function emptyDatabase(): Promise<{ db: Db; drop: () => Promise<void> }> {
  const template = inject("templateDb");
  if (template) {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "lernreise-seed-")), "seed.db");
    copyFileSync(template, file);
    const db = createDb(`file:${file}`);
    return { db, drop: () => db.$disconnect() };
  }
  const base = new URL(inject("databaseUrl"));
  const name = `lernreise_seed_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: base.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  migrate(url.toString());
  const db = createDb(url.toString());
  return {
    db,
    drop: async () => {
      await db.$disconnect();
      // A plain DROP: WITH (FORCE) fails for a non-superuser when an autovacuum worker happens to
      // be in the database, whereas a plain DROP cancels autovacuum itself. Retry while our own
      // pool's connections are still closing.
      for (let attempt = 1; ; attempt++) {
        try {
          await admin.query(`DROP DATABASE ${name}`);
          break;
        } catch (error) {
          const inUse = (error as { code?: string }).code === "55006";
          if (!inUse || attempt >= 20) throw error;
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
      }
      await admin.end();
    },
  };
}
