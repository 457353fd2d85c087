import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { migrate } from "./database.ts";

export default async function setup(project: TestProject) {
  const pgUrl = process.env.LERNREISE_TEST_PG ? process.env.TEST_DATABASE_URL : undefined;
  if (process.env.LERNREISE_TEST_PG && !pgUrl) throw new Error("test:pg braucht TEST_DATABASE_URL (postgresql://…)");
  if (pgUrl) {
    // A clean schema for every run, then the PostgreSQL migrations.
    const client = new pg.Client({ connectionString: pgUrl });
    await client.connect();
    await client.query("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;");
    await client.end();
    migrate(pgUrl);
    project.provide("databaseUrl", pgUrl);
    project.provide("templateDb", "");
    return;
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), "lernreise-test-"));
  const template = path.join(dir, "template.db");
  migrate(`file:${template}`);
  project.provide("databaseUrl", "");
  project.provide("templateDb", template);
  return () => rmSync(dir, { recursive: true, force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    templateDb: string;
  }
}
