import { execFileSync } from "node:child_process";
import path from "node:path";

export const root = path.resolve(import.meta.dirname, "../..");

/** Applies all migrations to the database at `url` with the project's own CLI. */
export function migrate(url: string) {
  execFileSync(process.execPath, [path.join(root, "app/cli/bin.js"), "db", "migrate"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url },
    stdio: ["ignore", "ignore", "inherit"],
  });
}
