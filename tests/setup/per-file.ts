import { copyFileSync } from "node:fs";
import path from "node:path";
import { inject } from "vitest";

// Runs before each test file imports the app: gives the file its own copy of the migrated
// SQLite template (or the shared PostgreSQL database) through DATABASE_URL.
const template = inject("templateDb");
if (template) {
  const file = path.join(path.dirname(template), `file-${process.pid}-${Math.random().toString(36).slice(2)}.db`);
  copyFileSync(template, file);
  process.env.DATABASE_URL = `file:${file}`;
} else {
  process.env.DATABASE_URL = inject("databaseUrl");
}
process.env.NODE_ENV = "test";
