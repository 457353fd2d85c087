import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { migrate, root } from "../setup/database.ts";

export const LOCK_TEST_EMAIL = "sperrtest@beispielstadt.example";

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

export default async function setup(project: TestProject) {
  if (!existsSync(path.join(root, "build/index.js"))) throw new Error("Bitte zuerst `npm run build` (npm run test:e2e tut das).");
  if (!existsSync("/usr/bin/chromium")) throw new Error("Browser-Tests brauchen Debians Chromium: apt-get install -y chromium");
  const dir = mkdtempSync(path.join(os.tmpdir(), "lernreise-e2e-"));
  const databaseUrl = `file:${path.join(dir, "e2e.db")}`;
  migrate(databaseUrl);
  const env = { ...process.env, DATABASE_URL: databaseUrl, UPLOAD_DIR: path.join(dir, "uploads"), NODE_ENV: "production" as const, COOKIE_SECURE: "false", LOG_REQUESTS: "false" };
  const cli = (args: string[], input?: string) => {
    const r = spawnSync(process.execPath, [path.join(root, "app/cli/bin.js"), ...args], { cwd: root, env, input, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`lernreise ${args.join(" ")}: ${r.stderr}`);
  };
  cli(["seed", "--demo", "--force"]);
  cli(["user", "create", "--email", LOCK_TEST_EMAIL, "--role", "employee"], "Sperrtest-Passwort-2026\n");

  const port = await freePort();
  const server: ChildProcess = spawn(process.execPath, [path.join(root, "app/server/serve.js")], {
    cwd: root,
    env: { ...env, PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      if ((await fetch(`${baseUrl}/healthz`)).ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error("Server did not start");
    await new Promise((r) => setTimeout(r, 200));
  }
  project.provide("baseUrl", baseUrl);
  project.provide("e2eDatabaseUrl", databaseUrl);
  return () => {
    server.kill();
    rmSync(dir, { recursive: true, force: true });
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    e2eDatabaseUrl: string;
  }
}
