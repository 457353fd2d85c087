// `lernreise mail send` and `lernreise reminders send` as a real process against a temporary
// database, and the mail settings' validation.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { inject } from "vitest";
import { createDb } from "~/utils/db.server.ts";
import { parseEnv } from "~/utils/env.server.ts";
import { root } from "../setup/database.ts";
import { createAccount, createPerson, createUnit } from "../factories.ts";
import { createTraining } from "../training-factories.ts";

const template = inject("templateDb");
// Like cli.test.ts: the CLI needs its own SQLite files, so the PostgreSQL run skips it.
const describeSqlite = template ? describe : describe.skip;

function freshDb() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "lernreise-mail-cli-"));
  const file = path.join(dir, "cli.db");
  copyFileSync(template, file);
  return `file:${file}`;
}

function cli(args: string[], { url, env = {} }: { url: string; env?: Record<string, string> }) {
  const result = spawnSync(process.execPath, [path.join(root, "app/cli/bin.js"), ...args], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, NODE_ENV: "development", DATABASE_URL: url, SMTP_URL: "", MAIL_FROM: "", ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function closedPort() {
  return new Promise<number>((resolve) => {
    const probe = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

describeSqlite("lernreise mail send / reminders send", () => {
  it("delivers due mails once into the local outbox and reports the counts", async () => {
    const url = freshDb();
    const db = createDb(url);
    await db.outboxMail.createMany({
      data: [
        { toAddress: "a@test.example", subject: "Eins", textBody: "Text", nextAttemptAt: new Date(Date.now() - 60_000) },
        { toAddress: "b@test.example", subject: "Zwei", textBody: "Text", nextAttemptAt: new Date(Date.now() - 60_000) },
        { toAddress: "c@test.example", subject: "Später", textBody: "Text", nextAttemptAt: new Date(Date.now() + 3_600_000) },
      ],
    });
    const first = cli(["mail", "send"], { url });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain("2 gesendet, 0 erneut geplant, 0 endgültig fehlgeschlagen, 0 zurückgestellt (lokaler Postausgang");
    const again = cli(["mail", "send"], { url });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("0 gesendet");
    expect(await db.outboxMail.count({ where: { status: "SENT" } })).toBe(2);
    await db.$disconnect();
  });

  it("exits with 1 when the mail server cannot be reached, and with 2 on a wrong call", async () => {
    const url = freshDb();
    const db = createDb(url);
    await db.outboxMail.create({ data: { toAddress: "a@test.example", subject: "Eins", textBody: "Text", nextAttemptAt: new Date(Date.now() - 60_000) } });
    const failed = cli(["mail", "send"], { url, env: { SMTP_URL: `smtp://127.0.0.1:${await closedPort()}`, MAIL_FROM: "lernreise@stadt.example" } });
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/0 gesendet, 1 erneut geplant, .*über smtp:\/\/127\.0\.0\.1:/);
    expect(failed.stderr).toContain("1 E-Mail konnte nicht gesendet werden");
    expect(await db.outboxMail.findFirstOrThrow()).toMatchObject({ status: "PENDING", attempts: 1 });

    const badBatch = cli(["mail", "send", "--batch", "null"], { url });
    expect(badBatch.code).toBe(2);
    expect(badBatch.stderr).toContain("--batch muss eine ganze Zahl sein.");
    const noSender = cli(["mail", "send"], { url, env: { SMTP_URL: "smtp://mail.example:587" } });
    expect(noSender.code).toBe(1);
    expect(noSender.stderr).toContain("MAIL_FROM: fehlt");
    await db.$disconnect();
  });

  it("queues session reminders once", async () => {
    const url = freshDb();
    const db = createDb(url);
    const unit = await createUnit(db);
    const person = await createPerson(db, { unit });
    const user = await createAccount(db, person);
    const { training, session } = await createTraining(db, { title: "Arbeitsschutz-Unterweisung", startsInDays: 1 });
    await db.enrolment.create({
      data: { personId: person.id, trainingId: training.id, sessionId: session.id, status: "CONFIRMED", activeKey: `${person.id}:${session.id}`, requestedById: user.id },
    });
    const first = cli(["reminders", "send"], { url });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain("1 Erinnerung an Termine der nächsten 2 Tage vorgemerkt.");
    expect(cli(["reminders", "send", "--days", "5"], { url }).stdout).toContain("0 Erinnerungen an Termine der nächsten 5 Tage");
    expect(cli(["reminders", "send", "--days", "0"], { url }).code).toBe(2);
    expect(await db.outboxMail.count({ where: { toAddress: person.email, subject: { contains: "Arbeitsschutz-Unterweisung" } } })).toBe(1);
    await db.$disconnect();
  });
});

describe("mail settings", () => {
  it("have working defaults: no SMTP server, worker on, reminders two days ahead", () => {
    const env = parseEnv({});
    expect(env.SMTP_URL).toBeUndefined();
    expect(env.MAIL_FROM).toBeUndefined();
    expect(env.MAIL_WORKER).toBe("on");
    expect(env.SESSION_REMINDER_DAYS).toBe(2);
    expect(parseEnv({ SMTP_URL: "", MAIL_FROM: "" }).SMTP_URL).toBeUndefined();
  });

  it("accept an SMTP server with a sender and explain what is wrong otherwise", () => {
    const env = parseEnv({ SMTP_URL: "smtps://lernreise:geheim@mail.stadt.example:465", MAIL_FROM: "Lernreise <lernreise@stadt.example>", MAIL_WORKER: "off" });
    expect(env.SMTP_URL).toBe("smtps://lernreise:geheim@mail.stadt.example:465");
    expect(env.MAIL_WORKER).toBe("off");
    expect(() => parseEnv({ SMTP_URL: "smtp://mail.stadt.example" })).toThrowError(/MAIL_FROM: fehlt/);
    expect(() => parseEnv({ SMTP_URL: "mail.stadt.example", MAIL_FROM: "a@b.example" })).toThrowError(/SMTP_URL: muss eine Adresse wie smtp:/);
    expect(() => parseEnv({ MAIL_FROM: "niemand" })).toThrowError(/MAIL_FROM: muss eine E-Mail-Adresse sein/);
    expect(() => parseEnv({ MAIL_WORKER: "vielleicht" })).toThrowError(/MAIL_WORKER: muss on oder off sein/);
    expect(() => parseEnv({ APP_URL: "lernreise.example" })).toThrowError(/APP_URL/);
  });
});
