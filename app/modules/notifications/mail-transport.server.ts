// How e-mails leave the outbox (docs/decisions/016): SMTP through nodemailer when SMTP_URL is set;
// otherwise nodemailer's JSON transport, which "sends" into nothing, so the mails stay readable in
// the local outbox (/admin/postausgang) and are marked as delivered there.
import nodemailer from "nodemailer";
import type { Env } from "~/utils/env.server.ts";

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
}

/** What the outbox needs from a transport; a nodemailer transporter fits, tests pass fakes. */
export interface MailTransport {
  sendMail(mail: OutgoingMail): Promise<unknown>;
}

export type TransportKind = "smtp" | "local";

export const DEFAULT_MAIL_FROM = "Lernreise <lernreise@localhost>";

/** Connection limits, so an unreachable or stuck server fails an attempt instead of hanging it. */
export const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 } as const;

export interface ConfiguredTransport {
  kind: TransportKind;
  transport: MailTransport;
  from: string;
  /** Host and port of the SMTP server, without credentials (for the outbox page). */
  server: string | null;
}

export function describeSmtpServer(url: string) {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}`;
}

export function createMailTransport(env: Pick<Env, "SMTP_URL" | "MAIL_FROM">): ConfiguredTransport {
  const from = env.MAIL_FROM ?? DEFAULT_MAIL_FROM;
  if (!env.SMTP_URL) {
    return { kind: "local", transport: nodemailer.createTransport({ jsonTransport: true }), from, server: null };
  }
  return {
    kind: "smtp",
    transport: nodemailer.createTransport({ url: env.SMTP_URL, ...SMTP_TIMEOUTS }),
    from,
    server: describeSmtpServer(env.SMTP_URL),
  };
}

/**
 * Errors that say the server cannot be reached at all (as opposed to this one message being
 * refused): the rest of a delivery pass is put back instead of waiting for the same timeout.
 */
export function isConnectionError(error: unknown) {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && ["ECONNECTION", "ETIMEDOUT", "ESOCKET", "EDNS", "ETLS", "EAUTH", "ENOAUTH", "ECONNREFUSED", "ENOTFOUND"].includes(code);
}

/** The server refused this message for good (SMTP 5xx except 503): retrying would get the same answer. */
export function isPermanentRejection(error: unknown) {
  return (error as { permanent?: unknown } | null)?.permanent === true;
}
