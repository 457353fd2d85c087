// The server's background worker: off with MAIL_WORKER=off; a round queues due reminders and
// sends them; overlapping rounds do not run a job twice.
import { randomUUID } from "node:crypto";
import { db } from "~/utils/db.server.ts";
import type { OutgoingMail } from "./mail-transport.server.ts";
import { startBackgroundJobs } from "./worker.server.ts";
import { createScenario } from "../../../tests/factories.ts";
import { createTraining } from "../../../tests/training-factories.ts";

const env = { MAIL_WORKER: "on" as const, SMTP_URL: undefined, MAIL_FROM: undefined, SESSION_REMINDER_DAYS: 2 };

describe("background worker", () => {
  it("does not start with MAIL_WORKER=off", () => {
    expect(startBackgroundJobs({ db, env: { ...env, MAIL_WORKER: "off" } })).toBeNull();
  });

  it("queues due session reminders and sends their mails in one round, once", async () => {
    const s = await createScenario(db);
    const { training, session } = await createTraining(db, { title: `Brandschutz ${randomUUID().slice(0, 6)}`, startsInDays: 1 });
    await db.enrolment.create({
      data: { personId: s.employee.id, trainingId: training.id, sessionId: session.id, status: "CONFIRMED", activeKey: `${s.employee.id}:${session.id}`, requestedById: s.employeeUser.id },
    });
    const sent: OutgoingMail[] = [];
    const transport = {
      async sendMail(mail: OutgoingMail) {
        await new Promise((r) => setTimeout(r, 2));
        sent.push(mail);
      },
    };
    const messages: string[] = [];
    const log = { log: (m: string) => messages.push(m), error: (...m: unknown[]) => messages.push(`FEHLER ${m.join(" ")}`) };
    const jobs = startBackgroundJobs({ db, env, mail: { kind: "local", transport, from: "lernreise@stadt.example", server: null }, log, mailIntervalMs: 3_600_000, reminderIntervalMs: 3_600_000 })!;
    try {
      await Promise.all([jobs.runOnce(), jobs.runOnce()]);
      await jobs.runOnce();
    } finally {
      jobs.stop();
    }
    // Exactly one reminder mail for the employee, queued once.
    const queued = await db.outboxMail.findMany({ where: { toAddress: s.employee.email } });
    expect(queued).toHaveLength(1);
    expect(queued[0]!.subject).toContain(`Erinnerung: ${training.title}`);
    const mine = sent.filter((m) => m.to === s.employee.email);
    expect(mine.length).toBeLessThanOrEqual(1);
    // Sent in the same round, unless other test files' mails fill the batch (shared PostgreSQL test database).
    if (await db.outboxMail.count({ where: { status: "PENDING", toAddress: { not: s.employee.email } } }) === 0) expect(mine).toHaveLength(1);
    if (mine[0]) expect(mine[0].from).toBe("lernreise@stadt.example");
    expect(messages.some((m) => m.startsWith("Terminerinnerungen:"))).toBe(true);
    expect(messages.some((m) => m.startsWith("E-Mail-Versand (lokaler Postausgang):"))).toBe(true);
    expect(messages.filter((m) => m.startsWith("FEHLER"))).toEqual([]);
  });

  it("recomputes the organisation gap report when it is due, not on every round", async () => {
    const messages: string[] = [];
    const jobs = startBackgroundJobs({ db, env, mail: { kind: "local", transport: { sendMail: async () => undefined }, from: "x@y.example", server: null }, log: { log: (m: string) => messages.push(m), error: (m: string) => messages.push(`FEHLER ${m}`) } })!;
    await db.gapReportRun.deleteMany();
    await jobs.runOnce();
    // Without a report the first round computes one; a second round within 15 minutes adds none.
    expect(await db.gapReportRun.count()).toBe(1);
    await jobs.runOnce();
    jobs.stop();
    expect(await db.gapReportRun.count()).toBe(1);
    expect(messages.some((m) => m.startsWith("Lückenauswertung neu berechnet"))).toBe(true);
    expect(messages.filter((m) => m.startsWith("FEHLER"))).toEqual([]);
  });

  it("logs a failing job instead of throwing into the timer", async () => {
    const messages: string[] = [];
    const broken = { outboxMail: { findMany: () => Promise.reject(new Error("Datenbank weg")) }, $transaction: () => Promise.reject(new Error("Datenbank weg")) } as unknown as typeof db;
    const jobs = startBackgroundJobs({ db: broken, env, mail: { kind: "local", transport: { sendMail: async () => undefined }, from: "x@y.example", server: null }, log: { log: (m: string) => messages.push(m), error: (m: string) => messages.push(m) } })!;
    await expect(jobs.runOnce()).resolves.toBeUndefined();
    jobs.stop();
    expect(messages).toEqual(["Terminerinnerungen fehlgeschlagen:", "E-Mail-Versand fehlgeschlagen:", "Lückenauswertung fehlgeschlagen:", "Compliance-Monatsstand fehlgeschlagen:"]);
  });
});
