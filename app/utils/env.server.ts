import path from "node:path";
import { z } from "zod";

/** public/ is served without sign-in; uploads must never land there. */
function insidePublic(dir: string) {
  const pub = path.resolve("public");
  const resolved = path.resolve(dir);
  return resolved === pub || resolved.startsWith(pub + path.sep);
}

/** Every setting the server reads, validated once at start-up (README lists them). */
export const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .default("file:./data/lernreise.db")
    .refine((v) => v.startsWith("file:") || v.startsWith("postgresql://") || v.startsWith("postgres://"), {
      message: "muss mit file: (SQLite) oder postgresql:// (PostgreSQL) beginnen",
    }),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(5).max(24 * 60).default(60),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(7 * 24).default(12),
  COOKIE_SECURE: z
    .enum(["true", "false"])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === "true")),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
  /** How long a recorded competency level stays current before it is shown as outdated. */
  LEVEL_VALIDITY_MONTHS: z.coerce.number().int().min(1).max(120).default(24),
  /** Comma-separated extra origins allowed to POST (behind a proxy that rewrites Host). */
  ALLOWED_ORIGINS: z.string().default(""),
  /** Where uploaded files (evidence, certificates) are kept; never below public/. */
  UPLOAD_DIR: z
    .string()
    .trim()
    .min(1)
    .default("./data/uploads")
    .refine((v) => !insidePublic(v), { message: "darf nicht in public/ liegen (Dateien wären dort ohne Anmeldung abrufbar)" }),
  /** Largest accepted upload in megabytes. */
  UPLOAD_MAX_MB: z.coerce.number().int().min(1).max(100).default(10),
  /** Mail server, e.g. smtp://user:pass@host:587 or smtps://…:465; unset: mails stay in the local outbox. */
  SMTP_URL: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z
      .string()
      .trim()
      .refine((v) => /^smtps?:\/\/[^/\s]+/.test(v) && URL.canParse(v), { message: "muss eine Adresse wie smtp://benutzer:passwort@mail.example:587 oder smtps://… sein" })
      .optional(),
  ),
  /** Sender of all e-mails, e.g. "Lernreise <lernreise@stadt.example>". */
  MAIL_FROM: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z
      .string()
      .trim()
      .regex(/^(?:[^<>@]*<[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+)$/, { message: "muss eine E-Mail-Adresse sein, z. B. Lernreise <lernreise@stadt.example>" })
      .optional(),
  ),
  /** Public address of the app for links in e-mails (notify.server.ts reads it), e.g. https://lernreise.stadt.example. */
  APP_URL: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z
      .string()
      .trim()
      .refine((v) => /^https?:\/\//.test(v) && URL.canParse(v), { message: "muss eine Adresse wie https://lernreise.stadt.example sein" })
      .optional(),
  ),
  /** The server's background worker (mail delivery, session reminders): on, or off (tests). */
  MAIL_WORKER: z.enum(["on", "off"], { error: "muss on oder off sein" }).default("on"),
  /** Session reminders go out this many days before a session starts. */
  SESSION_REMINDER_DAYS: z.coerce.number().int().min(1).max(30).default(2),
  /** Smallest group of feedback responses whose results are shown; can be raised, never below 5 (staff council). */
  FEEDBACK_MIN_GROUP: z.coerce.number().int().min(5, { message: "darf nicht unter 5 liegen (Anonymität der Rückmeldungen)" }).max(100).default(5),
  /** Feedback requests expire this many days after they become available. */
  FEEDBACK_EXPIRY_DAYS: z.coerce.number().int().min(7).max(180).default(28),
}).superRefine((env, ctx) => {
  if (env.SMTP_URL && !env.MAIL_FROM) {
    ctx.addIssue({ code: "custom", path: ["MAIL_FROM"], message: "fehlt: mit SMTP_URL braucht es eine Absenderadresse, z. B. Lernreise <lernreise@stadt.example>" });
  }
});

export type Env = z.infer<typeof EnvSchema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = EnvSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Ungültige Konfiguration (Umgebungsvariablen):\n${lines.join("\n")}`);
  }
  return result.data;
}

let cached: Env | undefined;
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

export function cookieSecure(env = getEnv()): boolean {
  return env.COOKIE_SECURE ?? env.NODE_ENV === "production";
}
