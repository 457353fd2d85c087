import { copyFileSync, mkdtempSync } from "node:fs";
import os from "node:os";
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
// Uploaded files (evidence, also from the demo seed) go to a directory of this file's own,
// beside its database copy, so tests never write into ./data/uploads.
process.env.UPLOAD_DIR = template
  ? path.join(path.dirname(template), `uploads-${process.pid}-${Math.random().toString(36).slice(2)}`)
  : mkdtempSync(path.join(os.tmpdir(), "lernreise-uploads-"));
process.env.NODE_ENV = "test";
