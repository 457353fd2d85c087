// `lernreise reminders send --now …` as a real process: compliance reminders are queued once,
// however often cron runs it.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { inject } from "vitest";
import { createDb } from "~/utils/db.server.ts";
import { root } from "../setup/database.ts";
import { createScenario } from "../factories.ts";
import { createTraining } from "../training-factories.ts";
import { createRule, sync } from "../compliance-mine-factories.ts";

const template = inject("templateDb");
// Like notifications-cli.test.ts: the CLI needs its own SQLite file, so the PostgreSQL run skips it.
const describeSqlite = template ? describe : describe.skip;

function freshDb() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "lernreise-compliance-cli-"));
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

describeSqlite("lernreise reminders send (mandatory trainings)", () => {
  it("sends each compliance reminder once, however often it runs", async () => {
    const url = freshDb();
    const db = createDb(url);
    const s = await createScenario(db);
    const { training } = await createTraining(db, { title: "Unterweisung Arbeitsschutz" });
    const rule = await createRule(db, {
      name: "Arbeitsschutz-Unterweisung",
      legalBasis: "§ 12 ArbSchG",
      audience: { units: [{ unitId: s.amtA.id, includeSubunits: true }] },
      trainingIds: [training.id],
      firstDueMode: "FIXED_DATE",
      firstDueDays: 0,
      firstDueDate: "2026-12-10",
      recurrence: "FIXED_YEARLY",
      intervalMonths: null,
      yearlyMonth: 12,
      yearlyDay: 10,
      dueSoonDays: 30,
    });
    await sync(db, [s.leader.id, s.employee.id, s.colleague.id, s.outsider.id], [rule.id], "2026-11-01");

    // Before due: the three people of Amt A, and the weekly digest to HR.
    const first = cli(["reminders", "send", "--now", "2026-11-27"], url);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain("Pflichtschulungen: 3 vor Fälligkeit, 0 am Fälligkeitstag, 0 an Führungskräfte (überfällig), 1 Wochenübersicht vorgemerkt.");
    const again = cli(["reminders", "send", "--now", "2026-11-27"], url);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain("Pflichtschulungen: 0 vor Fälligkeit, 0 am Fälligkeitstag, 0 an Führungskräfte (überfällig), 0 Wochenübersichten vorgemerkt.");

    // Overdue (the due day was missed): Emil and Clara are escalated to Lea, once; a new ISO week brings a new digest.
    const overdue = cli(["reminders", "send", "--now", "2026-12-11T08:00:00Z"], url);
    expect(overdue.stdout).toContain("Pflichtschulungen: 0 vor Fälligkeit, 0 am Fälligkeitstag, 2 an Führungskräfte (überfällig), 1 Wochenübersicht vorgemerkt.");
    expect(cli(["reminders", "send", "--now", "2026-12-11T09:00:00Z"], url).stdout).toContain("Pflichtschulungen: 0 vor Fälligkeit, 0 am Fälligkeitstag, 0 an Führungskräfte");

    expect(await db.complianceReminder.count({ where: { recipientPersonId: s.employee.id } })).toBe(1);
    expect(await db.complianceReminder.count({ where: { recipientPersonId: s.leader.id, kind: "LEADER_OVERDUE" } })).toBe(2);
    expect(await db.notification.count({ where: { personId: s.employee.id, kind: "compliance.dueSoon" } })).toBe(1);
    expect(await db.outboxMail.count({ where: { toAddress: s.employee.email, subject: { contains: "Arbeitsschutz-Unterweisung" } } })).toBe(1);
    expect(await db.outboxMail.count({ where: { toAddress: s.leader.email, subject: { contains: "Überfällige Pflichtschulung" } } })).toBe(2);
    expect(await db.notification.count({ where: { personId: s.hrPerson.id, kind: "compliance.hrDigest" } })).toBe(2);

    const bad = cli(["reminders", "send", "--now", "2026-02-30"], url);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--now muss ein Datum wie 2026-12-10");
    await db.$disconnect();
    // Seven CLI processes (tsx compiles on start): slow on a busy machine.
  }, 300_000);
});
