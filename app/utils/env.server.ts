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
