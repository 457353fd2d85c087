// `lernreise reminders send --now …` as a real process: journey step reminders are queued once,
// however often cron runs it.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { inject } from "vitest";
import { createDb } from "~/utils/db.server.ts";
import { root } from "../setup/database.ts";
import { createScenario } from "../factories.ts";
import { createJourney } from "../journey-proposal-factories.ts";

const template = inject("templateDb");
// Like notifications-cli.test.ts: the CLI needs its own SQLite file, so the PostgreSQL run skips it.
const describeSqlite = template ? describe : describe.skip;

function freshDb() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "lernreise-journey-cli-"));
  const file = path.join(dir, "cli.db");
  copyFileSync(template, file);
  return `file:${file}`;
}

function cli(args: string[], url: string) {
  const result = spawnSync(process.execPath, [path.join(root, "app/cli/bin.js"), ...args], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, NODE_ENV: "development", DATABASE_URL: url, SMTP_URL: "", MAIL_FROM: "" },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describeSqlite("lernreise reminders send (journey steps)", () => {
  it("reminds of each due journey step once, however often it runs", async () => {
    const url = freshDb();
    const db = createDb(url);
    const s = await createScenario(db);
    const journey = await createJourney(db, {
      personId: s.employee.id,
      status: "ACTIVE",
      title: "Digital arbeiten",
      steps: [
        { title: "Grundlagen lesen", dueOn: "2026-12-03" },
        { title: "Hospitation", dueOn: "2026-12-07" },
        { title: "Reflexion", dueOn: "2026-12-20" },
      ],
    });

    const first = cli(["reminders", "send", "--now", "2026-12-01"], url);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain("Lernreisen: 2 Erinnerungen an fällige Schritte vorgemerkt.");
    const again = cli(["reminders", "send", "--now", "2026-12-01"], url);
    expect(again.stdout).toContain("Lernreisen: 0 Erinnerungen an fällige Schritte vorgemerkt.");
    const later = cli(["reminders", "send", "--now", "2026-12-14T08:00:00Z"], url);
    expect(later.stdout).toContain("Lernreisen: 1 Erinnerung an fällige Schritte vorgemerkt.");

    expect(await db.notification.count({ where: { personId: s.employee.id, kind: "journey.stepDue", link: `/lernreisen/${journey.id}` } })).toBe(3);
    expect(await db.outboxMail.count({ where: { toAddress: s.employee.email, subject: { contains: "Lernschritt bald fällig: Hospitation" } } })).toBe(1);
    await db.$disconnect();
    // Three CLI processes (tsx compiles on start): slow on a busy machine.
  }, 300_000);
});
