// The outbox worker against a real database: retries with growing delays, giving up, permanent
// refusals, an unreachable server, and two workers at once. Every test works at its own fixed
// clock far in the past, so mails of other tests (also on the shared PostgreSQL database, where
// notify() writes mails due "now") are never due in it.
import net from "node:net";
import { randomUUID } from "node:crypto";
import { db } from "~/utils/db.server.ts";
import { createMailTransport, type MailTransport, type OutgoingMail } from "./mail-transport.server.ts";
import { CLAIM_LEASE_MS, deliverPendingMail, MAX_ATTEMPTS, RETRY_DELAYS_MS } from "./outbox.server.ts";
import { notify } from "./notify.server.ts";
import { createPerson, createUnit } from "../../../tests/factories.ts";

const MINUTE = 60_000;
const DOMAIN = "@outbox-test.example";

async function createMail(nextAttemptAt: Date, subject = `Betreff ${randomUUID().slice(0, 6)}`) {
  return db.outboxMail.create({
    data: { toAddress: `${randomUUID().slice(0, 8)}${DOMAIN}`, subject, textBody: `Text zu ${subject}`, nextAttemptAt, createdAt: nextAttemptAt },
  });
}

function recordingTransport(delayMs = 0): MailTransport & { sent: OutgoingMail[] } {
  const sent: OutgoingMail[] = [];
  return {
    sent,
    async sendMail(mail) {
      if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
      sent.push(mail);
      return { messageId: randomUUID() };
    },
  };
}

function failingTransport(error: () => Error): MailTransport & { calls: number } {
  const transport = {
    calls: 0,
    async sendMail() {
      transport.calls++;
      throw error();
    },
  };
  return transport;
}

const smtpError = (message: string, props: Record<string, unknown>) => Object.assign(new Error(message), props);

afterEach(async () => {
  await db.outboxMail.deleteMany({ where: { toAddress: { endsWith: DOMAIN } } });
});

describe("deliverPendingMail", () => {
  it("sends due mails oldest first, marks them sent and leaves mails that are not due", async () => {
    const t0 = new Date("2001-03-01T08:00:00Z");
    const older = await createMail(new Date(t0.getTime() - 2 * MINUTE), "Erste");
    const newer = await createMail(new Date(t0.getTime() - MINUTE), "Zweite");
    const later = await createMail(new Date(t0.getTime() + MINUTE), "Später");
    const transport = recordingTransport();

    const result = await deliverPendingMail(db, { transport, from: "Lernreise <lernreise@stadt.example>", now: t0 });

    expect(result).toEqual({ claimed: 2, sent: 2, retried: 0, failed: 0, deferred: 0 });
    expect(transport.sent.map((m) => m.subject)).toEqual(["Erste", "Zweite"]);
    expect(transport.sent[0]).toEqual({ from: "Lernreise <lernreise@stadt.example>", to: older.toAddress, subject: "Erste", text: "Text zu Erste" });
    const rows = await db.outboxMail.findMany({ where: { id: { in: [older.id, newer.id, later.id] } } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(older.id)).toMatchObject({ status: "SENT", attempts: 1, lastError: "" });
    expect(byId.get(older.id)!.sentAt!.getTime()).toBeGreaterThanOrEqual(t0.getTime());
    expect(byId.get(later.id)).toMatchObject({ status: "PENDING", attempts: 0, sentAt: null });

    // Sent mails are never sent again.
    expect(await deliverPendingMail(db, { transport, now: new Date(t0.getTime() + 2 * MINUTE) })).toMatchObject({ claimed: 1, sent: 1 });
    expect(transport.sent.map((m) => m.subject)).toEqual(["Erste", "Zweite", "Später"]);
  });

  it("retries after 1, 5, 30 minutes, 2 and 12 hours, then gives up after the sixth attempt", async () => {
    const t0 = new Date("2002-03-01T08:00:00Z");
    const mail = await createMail(t0);
    const transport = failingTransport(() => smtpError("Greeting never received", { code: "EPROTOCOL" }));
    let now = t0;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS - 1; attempt++) {
      const result = await deliverPendingMail(db, { transport, now });
      expect(result).toMatchObject({ claimed: 1, retried: 1, failed: 0 });
      const row = await db.outboxMail.findUniqueOrThrow({ where: { id: mail.id } });
      expect(row).toMatchObject({ status: "PENDING", attempts: attempt, lastError: "EPROTOCOL: Greeting never received" });
      const delay = row.nextAttemptAt.getTime() - now.getTime();
      expect(delay).toBeGreaterThanOrEqual(RETRY_DELAYS_MS[attempt - 1]!);
      expect(delay).toBeLessThan(RETRY_DELAYS_MS[attempt - 1]! + 5_000);
      // Not due before its time.
      expect(await deliverPendingMail(db, { transport, now: new Date(row.nextAttemptAt.getTime() - 1) })).toMatchObject({ claimed: 0 });
      now = row.nextAttemptAt;
    }
    expect(RETRY_DELAYS_MS).toEqual([MINUTE, 5 * MINUTE, 30 * MINUTE, 120 * MINUTE, 720 * MINUTE]);

    const last = await deliverPendingMail(db, { transport, now });
    expect(last).toMatchObject({ claimed: 1, retried: 0, failed: 1 });
    const row = await db.outboxMail.findUniqueOrThrow({ where: { id: mail.id } });
    expect(row).toMatchObject({ status: "FAILED", attempts: MAX_ATTEMPTS, sentAt: null });
    expect(transport.calls).toBe(MAX_ATTEMPTS);
    // A failed mail stays failed.
    expect(await deliverPendingMail(db, { transport, now: new Date(now.getTime() + 24 * 60 * MINUTE) })).toMatchObject({ claimed: 0 });
  });

  it("gives up at once when the server refuses the mail for good", async () => {
    const t0 = new Date("2003-03-01T08:00:00Z");
    const mail = await createMail(t0);
    const transport = failingTransport(() => smtpError("Mailbox unavailable", { code: "EENVELOPE", responseCode: 550, permanent: true }));
    expect(await deliverPendingMail(db, { transport, now: t0 })).toMatchObject({ failed: 1, retried: 0 });
    expect(await db.outboxMail.findUniqueOrThrow({ where: { id: mail.id } })).toMatchObject({ status: "FAILED", attempts: 1, lastError: "EENVELOPE 550: Mailbox unavailable" });
  });

  it("puts the rest of the pass back without counting an attempt when the server is unreachable", async () => {
    const t0 = new Date("2004-03-01T08:00:00Z");
    const mails = [await createMail(t0), await createMail(new Date(t0.getTime() + 1)), await createMail(new Date(t0.getTime() + 2))];
    const transport = failingTransport(() => smtpError("Connection refused", { code: "ESOCKET" }));
    const now = new Date(t0.getTime() + 10);
    expect(await deliverPendingMail(db, { transport, now })).toEqual({ claimed: 3, sent: 0, retried: 1, failed: 0, deferred: 2 });
    expect(transport.calls).toBe(1);
    const rows = await db.outboxMail.findMany({ where: { id: { in: mails.map((m) => m.id) } }, orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => r.attempts)).toEqual([1, 0, 0]);
    expect(rows.every((r) => r.status === "PENDING")).toBe(true);
    // All of them wait for the same retry time.
    expect(new Set(rows.map((r) => r.nextAttemptAt.getTime())).size).toBe(1);
    expect(rows[0]!.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(now.getTime() + MINUTE);
  });

  it("sends every mail exactly once when two workers run at the same time", async () => {
    const t0 = new Date("2005-03-01T08:00:00Z");
    const mails = [];
    for (let i = 0; i < 12; i++) mails.push(await createMail(new Date(t0.getTime() - i)));
    const a = recordingTransport(3);
    const b = recordingTransport(3);

    const [first, second] = await Promise.all([deliverPendingMail(db, { transport: a, now: t0 }), deliverPendingMail(db, { transport: b, now: t0 })]);

    const sentTo = [...a.sent, ...b.sent].map((m) => m.to).sort();
    expect(sentTo).toEqual(mails.map((m) => m.toAddress).sort());
    expect(first.sent + second.sent).toBe(12);
    expect(first.claimed + second.claimed).toBe(12);
    const rows = await db.outboxMail.findMany({ where: { id: { in: mails.map((m) => m.id) } } });
    expect(rows.every((r) => r.status === "SENT" && r.attempts === 1)).toBe(true);
  });

  it("leaves a claimed mail alone until its lease has run out", async () => {
    const t0 = new Date("2006-03-01T08:00:00Z");
    const mail = await createMail(t0);
    // A worker that claimed the mail and died before recording the outcome.
    await db.outboxMail.update({ where: { id: mail.id }, data: { attempts: 1, nextAttemptAt: new Date(t0.getTime() + CLAIM_LEASE_MS) } });
    const transport = recordingTransport();
    expect(await deliverPendingMail(db, { transport, now: new Date(t0.getTime() + CLAIM_LEASE_MS - 1) })).toMatchObject({ claimed: 0 });
    expect(await deliverPendingMail(db, { transport, now: new Date(t0.getTime() + CLAIM_LEASE_MS) })).toMatchObject({ claimed: 1, sent: 1 });
    expect(await db.outboxMail.findUniqueOrThrow({ where: { id: mail.id } })).toMatchObject({ status: "SENT", attempts: 2 });
  });
});

describe("sending never blocks the change that queues the mail", () => {
  it("commits notify() at once with an unreachable SMTP server; the worker fails later and retries", async () => {
    // A server that accepts connections and never answers, and a port where nobody listens.
    const connections: net.Socket[] = [];
    const blackHole = net.createServer((socket) => connections.push(socket));
    await new Promise<void>((resolve) => blackHole.listen(0, "127.0.0.1", resolve));
    const closedPort = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, "127.0.0.1", () => {
        const { port } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const previous = process.env.SMTP_URL;
    process.env.SMTP_URL = `smtp://127.0.0.1:${(blackHole.address() as net.AddressInfo).port}`;
    try {
      const unit = await createUnit(db);
      const person = await createPerson(db, { unit });
      const started = performance.now();
      await db.$transaction(async (tx) => {
        await tx.person.update({ where: { id: person.id }, data: { firstName: "Erika" } });
        await notify(tx, { personId: person.id, kind: "enrolment.confirmed", params: { training: "Datenschutz", date: "01.02.2027, 09:00" }, link: "/anmeldungen" });
      });
      expect(performance.now() - started).toBeLessThan(2_000);
      expect(connections).toHaveLength(0);
      const mail = await db.outboxMail.findFirstOrThrow({ where: { toAddress: person.email } });
      expect(mail).toMatchObject({ status: "PENDING", attempts: 0 });

      // The worker's attempt fails against the unreachable server and is rescheduled.
      const t0 = new Date("2007-03-01T08:00:00Z");
      await db.outboxMail.update({ where: { id: mail.id }, data: { nextAttemptAt: t0 } });
      const smtp = createMailTransport({ SMTP_URL: `smtp://127.0.0.1:${closedPort}`, MAIL_FROM: "lernreise@stadt.example" });
      expect(smtp.kind).toBe("smtp");
      const result = await deliverPendingMail(db, { transport: smtp.transport, from: smtp.from, now: t0 });
      expect(result).toMatchObject({ claimed: 1, sent: 0, retried: 1 });
      const after = await db.outboxMail.findUniqueOrThrow({ where: { id: mail.id } });
      expect(after.status).toBe("PENDING");
      expect(after.attempts).toBe(1);
      expect(after.lastError).toMatch(/ECONNREFUSED|ESOCKET|ECONNECTION/);
      expect(after.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(t0.getTime() + MINUTE);
      await db.outboxMail.delete({ where: { id: mail.id } });
    } finally {
      if (previous === undefined) delete process.env.SMTP_URL;
      else process.env.SMTP_URL = previous;
      for (const socket of connections) socket.destroy();
      await new Promise((resolve) => blackHole.close(resolve));
    }
  });

  it("keeps mails in the local outbox and marks them delivered when no SMTP server is configured", async () => {
    const t0 = new Date("2008-03-01T08:00:00Z");
    const mail = await createMail(t0);
    const local = createMailTransport({ SMTP_URL: undefined, MAIL_FROM: undefined });
    expect(local.kind).toBe("local");
    expect(local.server).toBeNull();
    expect(await deliverPendingMail(db, { transport: local.transport, from: local.from, now: t0 })).toMatchObject({ sent: 1 });
    expect(await db.outboxMail.findUniqueOrThrow({ where: { id: mail.id } })).toMatchObject({ status: "SENT", textBody: mail.textBody });
  });
});
