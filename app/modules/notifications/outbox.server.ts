// The transactional outbox (docs/decisions/016). notify() writes OutboxMail rows in the same
// transaction as the change it reports; this module sends them later, outside any request:
// the server's worker (worker.server.ts) and `lernreise mail send` call deliverPendingMail.
//
// Claiming: due rows are taken with one guarded UPDATE … RETURNING (status PENDING and
// nextAttemptAt ≤ now) that counts the attempt and pushes nextAttemptAt a lease ahead. A second
// worker's UPDATE finds the rows no longer due and claims none of them, so each attempt is sent
// at most once. If a worker dies mid-pass, its rows become due again when the lease ends.
import type { Db } from "~/utils/db.server.ts";
import { recordAudit } from "~/modules/audit/audit.server.ts";
import { hasPermission, type Actor } from "~/modules/auth/permissions.ts";
import { AccessDeniedError } from "~/modules/errors.ts";
import { DEFAULT_MAIL_FROM, isConnectionError, isPermanentRejection, type MailTransport } from "./mail-transport.server.ts";
import { OUTBOX_STATUSES, type OutboxStatus } from "./outbox-status.ts";

const MINUTE = 60_000;

/** Attempts before a mail is given up (FAILED). */
export const MAX_ATTEMPTS = 6;
/** Wait after the 1st, 2nd, … failed attempt: 1 min, 5 min, 30 min, 2 h, 12 h (about 15 h in all). */
export const RETRY_DELAYS_MS = [1 * MINUTE, 5 * MINUTE, 30 * MINUTE, 120 * MINUTE, 720 * MINUTE] as const;
/** How long a claimed mail belongs to the pass that claimed it. */
export const CLAIM_LEASE_MS = 15 * MINUTE;
export const DEFAULT_BATCH_SIZE = 50;

export function retryDelay(attempts: number) {
  return RETRY_DELAYS_MS[Math.min(Math.max(attempts, 1), RETRY_DELAYS_MS.length) - 1]!;
}

export interface DeliveryResult {
  /** Mails this pass took over. */
  claimed: number;
  sent: number;
  /** Failed this time, another attempt is scheduled. */
  retried: number;
  /** Given up: the last attempt failed or the server refused the mail for good. */
  failed: number;
  /** Claimed but not tried (server unreachable, or the pass ran out of time); due again later. */
  deferred: number;
}

export interface DeliverOptions {
  transport: MailTransport;
  from?: string;
  /** The pass's clock; defaults to the current time. */
  now?: Date;
  batchSize?: number;
}

function describeError(error: unknown) {
  const e = error as { code?: unknown; responseCode?: unknown; message?: unknown } | null;
  const parts = [typeof e?.code === "string" ? e.code : null, typeof e?.responseCode === "number" ? String(e.responseCode) : null].filter(Boolean);
  const message = typeof e?.message === "string" && e.message ? e.message : String(error);
  return `${parts.length ? `${parts.join(" ")}: ` : ""}${message}`.slice(0, 1000);
}

/**
 * Sends due mails (oldest due first, at most `batchSize`). Each mail is tried once per pass;
 * a failure schedules the next attempt with growing delays, the last one marks it FAILED.
 */
export async function deliverPendingMail(db: Db, { transport, from = DEFAULT_MAIL_FROM, now = new Date(), batchSize = DEFAULT_BATCH_SIZE }: DeliverOptions): Promise<DeliveryResult> {
  const result: DeliveryResult = { claimed: 0, sent: 0, retried: 0, failed: 0, deferred: 0 };
  const started = performance.now();
  const clock = () => new Date(now.getTime() + (performance.now() - started));
  const due = await db.outboxMail.findMany({
    where: { status: "PENDING", nextAttemptAt: { lte: now } },
    orderBy: [{ nextAttemptAt: "asc" }, { id: "asc" }],
    take: batchSize,
    select: { id: true },
  });
  if (due.length === 0) return result;
  const claimed = await db.outboxMail.updateManyAndReturn({
    where: { id: { in: due.map((m) => m.id) }, status: "PENDING", nextAttemptAt: { lte: now } },
    data: { attempts: { increment: 1 }, nextAttemptAt: new Date(now.getTime() + CLAIM_LEASE_MS) },
    select: { id: true, toAddress: true, subject: true, textBody: true, attempts: true, createdAt: true },
  });
  claimed.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
  result.claimed = claimed.length;

  /** Gives claimed but untried mails back, without counting an attempt. */
  const release = async (rest: typeof claimed, dueAt: Date) => {
    for (const attempts of new Set(rest.map((m) => m.attempts))) {
      const ids = rest.filter((m) => m.attempts === attempts).map((m) => m.id);
      await db.outboxMail.updateMany({ where: { id: { in: ids }, status: "PENDING", attempts }, data: { attempts: { decrement: 1 }, nextAttemptAt: dueAt } });
    }
    result.deferred += rest.length;
  };

  for (let i = 0; i < claimed.length; i++) {
    const mail = claimed[i]!;
    // Never send on a claim whose lease may have run out: another worker could own it by then.
    if (performance.now() - started > CLAIM_LEASE_MS / 2) {
      await release(claimed.slice(i), clock());
      break;
    }
    // Only the pass that holds this attempt may record its outcome.
    const mine = { id: mail.id, status: "PENDING" as const, attempts: mail.attempts };
    try {
      await transport.sendMail({ from, to: mail.toAddress, subject: mail.subject, text: mail.textBody });
      await db.outboxMail.updateMany({ where: mine, data: { status: "SENT", sentAt: clock(), lastError: "" } });
      result.sent++;
    } catch (error) {
      const lastError = describeError(error);
      const at = clock();
      if (isPermanentRejection(error) || mail.attempts >= MAX_ATTEMPTS) {
        await db.outboxMail.updateMany({ where: mine, data: { status: "FAILED", lastError, nextAttemptAt: at } });
        result.failed++;
      } else {
        const next = new Date(at.getTime() + retryDelay(mail.attempts));
        await db.outboxMail.updateMany({ where: mine, data: { lastError, nextAttemptAt: next } });
        result.retried++;
        // The server is unreachable: the other mails would only wait for the same timeout.
        if (isConnectionError(error)) {
          await release(claimed.slice(i + 1), next);
          break;
        }
      }
    }
  }
  return result;
}

export const OUTBOX_PAGE_SIZE = 25;

function requireOutboxAccess(actor: Actor) {
  if (!hasPermission(actor.roles, "read:outbox:any")) throw new AccessDeniedError();
}

/** Recent outbox mails, newest first, for the administration (the local outbox in development). */
export async function listOutbox(db: Db, actor: Actor, { page, status, to }: { page: number; status?: OutboxStatus; to?: string }) {
  requireOutboxAccess(actor);
  const where = { ...(status ? { status } : {}), ...(to ? { toAddress: { contains: to.toLowerCase() } } : {}) };
  return db.$transaction(async (tx) => {
    const [total, mails, byStatus] = await Promise.all([
      tx.outboxMail.count({ where }),
      tx.outboxMail.findMany({
        where,
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        skip: (page - 1) * OUTBOX_PAGE_SIZE,
        take: OUTBOX_PAGE_SIZE,
        select: { id: true, toAddress: true, subject: true, textBody: true, status: true, attempts: true, nextAttemptAt: true, lastError: true, sentAt: true, createdAt: true },
      }),
      tx.outboxMail.groupBy({ by: ["status"], _count: { _all: true } }),
    ]);
    const counts = Object.fromEntries(OUTBOX_STATUSES.map((s) => [s, 0])) as Record<OutboxStatus, number>;
    for (const row of byStatus) counts[row.status as OutboxStatus] = row._count._all;
    // Mails carry personal data (addresses, enrolment decisions): every look is logged.
    await recordAudit(tx, { actorUserId: actor.userId, action: "outbox.read", entityType: "OutboxMail", summary: `Seite ${page}${status ? `, Status ${status}` : ""}${to ? `, an „${to}“` : ""}` });
    return { total, mails, counts, pageSize: OUTBOX_PAGE_SIZE };
  });
}

/** "Jetzt senden" on the outbox page: one delivery pass, recorded in the audit log. */
export async function sendOutboxNow(db: Db, actor: Actor, options: DeliverOptions) {
  requireOutboxAccess(actor);
  const result = await deliverPendingMail(db, options);
  await db.$transaction((tx) =>
    recordAudit(tx, {
      actorUserId: actor.userId,
      action: "outbox.send",
      entityType: "OutboxMail",
      summary: `${result.sent} gesendet, ${result.retried} erneut geplant, ${result.failed} fehlgeschlagen, ${result.deferred} zurückgestellt`,
    }),
  );
  return result;
}
