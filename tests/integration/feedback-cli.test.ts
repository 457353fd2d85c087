// `lernreise reminders send --now …` as a real process: the immediate feedback request goes out at
// once; the transfer checks (participant and leader) only after the delay; each only once.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { inject } from "vitest";
import { createDb } from "~/utils/db.server.ts";
import { root } from "../setup/database.ts";
import { createScenario } from "../factories.ts";
import { createTraining } from "../training-factories.ts";
import { completeWithFeedback } from "../feedback-factories.ts";

const template = inject("templateDb");
// Like compliance-reminders-cli.test.ts: the CLI needs its own SQLite file, so the PostgreSQL run skips it.
const describeSqlite = template ? describe : describe.skip;

function freshDb() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "lernreise-feedback-cli-"));
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

describeSqlite("lernreise reminders send (feedback)", () => {
  it("sends the feedback request at once and the transfer checks after the delay, each once", async () => {
    const url = freshDb();
    const db = createDb(url);
    try {
      const s = await createScenario(db);
      const { training, session } = await createTraining(db, { title: "Bürgernahe Sprache" });
      // Completed on 1 October; default delay 8 weeks (56 days) → transfer checks from 26 November.
      const completedAt = new Date("2026-10-01T08:00:00.000Z");
      const r = await completeWithFeedback(db, { personId: s.employee.id, trainingId: training.id, sessionId: session.id, completedAt });

      const first = cli(["reminders", "send", "--now", "2026-10-01T09:00:00Z"], url);
      expect(first.code, first.stderr).toBe(0);
      expect(first.stdout).toContain("Feedback: 1 Anfrage verschickt, 0 Erinnerungen, 0 abgelaufen.");
      const early = cli(["reminders", "send", "--now", "2026-11-20"], url);
      expect(early.stdout).toContain("Feedback: 0 Anfragen verschickt, 0 Erinnerungen, 1 abgelaufen.");
      expect(await db.notification.count({ where: { personId: s.leader.id, kind: "feedback.leaderTransferRequested" } })).toBe(0);

      // Completion + 57 days.
      const due = cli(["reminders", "send", "--now", "2026-11-27"], url);
      expect(due.code, due.stderr).toBe(0);
      expect(due.stdout).toContain("Feedback: 2 Anfragen verschickt, 0 Erinnerungen, 0 abgelaufen.");
      const participant = await db.notification.findMany({ where: { personId: s.employee.id, kind: "feedback.transferRequested" } });
      expect(participant.map((n) => n.link)).toEqual([`/feedback/${r.transfer!.id}`]);
      const leader = await db.notification.findMany({ where: { personId: s.leader.id, kind: "feedback.leaderTransferRequested" } });
      expect(leader.map((n) => n.link)).toEqual([`/feedback/${r.leaderCheck!.id}`]);
      expect(await db.outboxMail.count({ where: { notificationId: { in: [...participant, ...leader].map((n) => n.id) } } })).toBe(2);

      const again = cli(["reminders", "send", "--now", "2026-11-27"], url);
      expect(again.stdout).toContain("Feedback: 0 Anfragen verschickt, 0 Erinnerungen, 0 abgelaufen.");
      // A week later: one reminder each.
      const week = cli(["reminders", "send", "--now", "2026-12-04"], url);
      expect(week.stdout).toContain("Feedback: 0 Anfragen verschickt, 2 Erinnerungen, 0 abgelaufen.");
    } finally {
      await db.$disconnect();
    }
  }, 300_000);
});
