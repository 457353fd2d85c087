// `npm start`: build if needed, apply migrations, seed the demo administration into an empty
// database (never in production), then serve. One command from a fresh clone to a running app.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const cli = path.join(root, "app/cli/bin.js");

function step(label, command, args) {
  console.log(`» ${label}`);
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: process.env });
  if (result.status !== 0) {
    console.error(`Abbruch: „${label}“ ist fehlgeschlagen.`);
    process.exit(result.status ?? 1);
  }
}

if (!existsSync(path.join(root, "build/index.js")) || process.env.LERNREISE_SKIP_BUILD !== "true") {
  // Always rebuilt (2-3 s) so a pulled change never serves a stale bundle.
  step("Anwendung bauen", process.execPath, [path.join(root, "node_modules/@remix-run/dev/dist/cli.js"), "build"]);
}
step("Datenbank migrieren", process.execPath, [cli, "db", "migrate"]);
if (process.env.NODE_ENV !== "production" && process.env.LERNREISE_DEMO !== "false") {
  const check = spawnSync(process.execPath, [cli, "seed", "--demo"], { cwd: root, encoding: "utf8", env: process.env });
  if (check.status === 0) console.log(check.stdout.trim());
  else if (!check.stderr.includes("bereits Daten")) {
    console.error(check.stderr.trim());
    process.exit(1);
  }
}
const { startServer } = await import("./serve.js");
await startServer();
