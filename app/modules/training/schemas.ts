// Validation of catalogue input (trainings, competency mappings, sessions) and of the catalogue's
// search filters. Messages are i18n keys under `catalogue.validation` (app/locales/catalogue.*).
// Form fields arrive as strings; the schemas turn them into the values the modules store.
import { z } from "zod";
import { berlinToUtc, endOfBerlinDay } from "./berlin-time.ts";

export const TRAINING_FORMATS = ["CLASSROOM", "WEBINAR", "ELEARNING", "BLENDED", "ON_THE_JOB", "MENTORING"] as const;
export type TrainingFormatValue = (typeof TRAINING_FORMATS)[number];
export const TRAINING_STATUSES = ["DRAFT", "PUBLISHED", "ARCHIVED"] as const;
export type TrainingStatusValue = (typeof TRAINING_STATUSES)[number];
/** Languages a training is held in: German, English, or both. */
export const TRAINING_LANGUAGES = ["de", "en", "de-en"] as const;

export const MAX_SESSION_DAYS = 20;

const v = (key: string) => `catalogue.validation.${key}`;

const text = (max: number, key = "tooLong") => z.string().trim().max(max, { error: v(key) }).default("");

/**
 * A decimal number as people type it: "7,5", "7.5", "1.250,50", "1250" (German and English).
 * Returns null for text that is not a plain non-negative number with at most `maxDecimals` decimals.
 */
export function parseDecimal(input: string, maxDecimals = 2): number | null {
  let s = input.replace(/[\s\u00a0€]/g, "").replace(/eur$/i, "");
  if (s === "") return null;
  if (s.includes(",")) {
    s = s.replace(/\./g, "").replace(",", ".");
  } else if (/^\d{1,3}(\.\d{3})+$/.test(s)) {
    // "1.250" is a thousands separator in German.
    s = s.replace(/\./g, "");
  }
  if (!new RegExp(`^\\d+(\\.\\d{1,${maxDecimals}})?$`).test(s)) return null;
  return Number(s);
}

/** Hours with up to two decimals → whole minutes. Empty means "not stated" (0). */
const durationField = z
  .string()
  .trim()
  .default("")
  .transform((value, ctx) => {
    if (value === "") return 0;
    const hours = parseDecimal(value);
    if (hours === null || hours > 2000) {
      ctx.addIssue({ code: "custom", message: v("durationInvalid") });
      return z.NEVER;
    }
    return Math.round(hours * 60);
  });

/** Euros with up to two decimals → cents. Empty means free of charge. */
const costField = z
  .string()
  .trim()
  .default("")
  .transform((value, ctx) => {
    if (value === "") return 0;
    const euros = parseDecimal(value);
    if (euros === null || euros > 1_000_000) {
      ctx.addIssue({ code: "custom", message: v("costInvalid") });
      return z.NEVER;
    }
    return Math.round(euros * 100);
  });

const httpUrl = (key: string) =>
  z
    .string()
    .trim()
    .max(2000, { error: v("tooLong") })
    .default("")
    .refine((value) => value === "" || /^https?:\/\/[^\s/$.?#][^\s]*$/i.test(value), { error: v(key) });

const checkbox = z
  .union([z.literal("on"), z.literal("true"), z.literal("1"), z.literal(""), z.undefined()])
  .transform((value) => value === "on" || value === "true" || value === "1");

export const TrainingSchema = z.object({
  code: z
    .string({ error: v("codeRequired") })
    .trim()
    .min(1, { error: v("codeRequired") })
    .max(30, { error: v("codeInvalid") })
    .regex(/^[A-Za-z0-9ÄÖÜäöü][A-Za-z0-9ÄÖÜäöü._-]*$/, { error: v("codeInvalid") })
    .transform((s) => s.toUpperCase()),
  title: z.string({ error: v("titleRequired") }).trim().min(1, { error: v("titleRequired") }).max(200, { error: v("tooLong") }),
  description: text(10_000),
  format: z.enum(TRAINING_FORMATS, { error: v("formatRequired") }),
  provider: text(200),
  durationHours: durationField,
  cost: costField,
  language: z.enum(TRAINING_LANGUAGES, { error: v("languageRequired") }).default("de"),
  prerequisites: text(2000),
  targetGroups: text(2000),
  contactName: text(200),
  contactEmail: z
    .string()
    .trim()
    .max(200, { error: v("tooLong") })
    .default("")
    .refine((value) => value === "" || z.email().safeParse(value).success, { error: v("emailInvalid") }),
  externalUrl: httpUrl("urlInvalid"),
  requiresApproval: checkbox,
});
export type TrainingInput = z.output<typeof TrainingSchema>;

export const TrainingCompetencySchema = z.object({
  competencyId: z.string({ error: v("competencyRequired") }).min(1, { error: v("competencyRequired") }),
  targetLevel: z.coerce.number({ error: v("levelRequired") }).int({ error: v("levelRequired") }).min(1, { error: v("levelRequired") }),
});

export const TrainingStatusSchema = z.object({ status: z.enum(["PUBLISHED", "ARCHIVED"], { error: v("statusInvalid") }) });

// ── Sessions ────────────────────────────────────────────────────────────────────────────────

const dateString = /^\d{4}-\d{2}-\d{2}$/;
const timeString = /^([01]\d|2[0-3]):[0-5]\d$/;

function isRealDate(value: string) {
  if (!dateString.test(value)) return false;
  const [y, m, d] = value.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d && y >= 2000 && y <= 2100;
}

const DayRowSchema = z.object({
  date: z.string().trim().default(""),
  start: z.string().trim().default(""),
  end: z.string().trim().default(""),
});

export const SessionSchema = z
  .object({
    days: z.array(DayRowSchema).max(MAX_SESSION_DAYS + 10),
    location: text(300),
    onlineUrl: httpUrl("onlineUrlInvalid"),
    trainerName: text(200),
    /** E-mail address or personnel number of a trainer who works here (optional). */
    trainerPerson: text(200),
    capacity: z.coerce
      .number({ error: v("capacityInvalid") })
      .int({ error: v("capacityInvalid") })
      .min(1, { error: v("capacityInvalid") })
      .max(10_000, { error: v("capacityInvalid") }),
    enrolmentDeadline: z.string().trim().default(""),
  })
  .superRefine((input, ctx) => {
    const filled = input.days.map((d, i) => ({ ...d, i })).filter((d) => d.date || d.start || d.end);
    if (filled.length === 0) ctx.addIssue({ code: "custom", path: ["days", 0, "date"], message: v("dayRequired") });
    if (filled.length > MAX_SESSION_DAYS) ctx.addIssue({ code: "custom", path: ["days"], message: v("tooManyDays") });
    const valid: { i: number; startsAt: Date; endsAt: Date; date: string }[] = [];
    for (const d of filled) {
      let ok = true;
      if (!isRealDate(d.date)) {
        ctx.addIssue({ code: "custom", path: ["days", d.i, "date"], message: v("dateInvalid") });
        ok = false;
      }
      if (!timeString.test(d.start)) {
        ctx.addIssue({ code: "custom", path: ["days", d.i, "start"], message: v("timeInvalid") });
        ok = false;
      }
      if (!timeString.test(d.end)) {
        ctx.addIssue({ code: "custom", path: ["days", d.i, "end"], message: v("timeInvalid") });
        ok = false;
      }
      if (!ok) continue;
      const startsAt = berlinToUtc(d.date, d.start);
      const endsAt = berlinToUtc(d.date, d.end);
      if (endsAt <= startsAt) {
        ctx.addIssue({ code: "custom", path: ["days", d.i, "end"], message: v("endBeforeStart") });
        continue;
      }
      valid.push({ i: d.i, startsAt, endsAt, date: d.date });
    }
    const sorted = [...valid].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
    for (let k = 1; k < sorted.length; k++) {
      if (sorted[k]!.startsAt < sorted[k - 1]!.endsAt) {
        ctx.addIssue({ code: "custom", path: ["days", sorted[k]!.i, "start"], message: v("daysOverlap") });
      }
    }
    if (!input.location && !input.onlineUrl) {
      ctx.addIssue({ code: "custom", path: ["location"], message: v("placeRequired") });
    }
    if (input.enrolmentDeadline) {
      if (!isRealDate(input.enrolmentDeadline)) {
        ctx.addIssue({ code: "custom", path: ["enrolmentDeadline"], message: v("dateInvalid") });
      } else if (sorted[0] && input.enrolmentDeadline >= sorted[0].date) {
        ctx.addIssue({ code: "custom", path: ["enrolmentDeadline"], message: v("deadlineAfterStart") });
      }
    }
  })
  .transform((input) => {
    const days = input.days
      .filter((d) => d.date || d.start || d.end)
      .map((d) => ({ startsAt: berlinToUtc(d.date, d.start), endsAt: berlinToUtc(d.date, d.end) }))
      .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
    return {
      days,
      location: input.location,
      onlineUrl: input.onlineUrl,
      trainerName: input.trainerName,
      trainerPerson: input.trainerPerson,
      capacity: input.capacity,
      enrolmentDeadline: input.enrolmentDeadline ? endOfBerlinDay(input.enrolmentDeadline) : null,
    };
  });
export type SessionInput = z.output<typeof SessionSchema>;

/** The session form's fields (`day-0-date`, `day-0-start`, … ) as the schema's input object. */
export function sessionFieldsOf(formData: FormData) {
  const field = (name: string) => {
    const value = formData.get(name);
    return typeof value === "string" ? value : undefined;
  };
  const days: { date?: string; start?: string; end?: string }[] = [];
  for (let i = 0; i < MAX_SESSION_DAYS + 10; i++) {
    const date = field(`day-${i}-date`);
    const start = field(`day-${i}-start`);
    const end = field(`day-${i}-end`);
    if (date === undefined && start === undefined && end === undefined) continue;
    days[i] = { date, start, end };
  }
  return {
    days: Array.from(days, (d) => d ?? {}),
    location: field("location"),
    onlineUrl: field("onlineUrl"),
    trainerName: field("trainerName"),
    trainerPerson: field("trainerPerson"),
    capacity: field("capacity"),
    enrolmentDeadline: field("enrolmentDeadline"),
  };
}

// ── Search ──────────────────────────────────────────────────────────────────────────────────

const optionalText = (max: number) => z.string().trim().max(max).optional().catch(undefined);
const optionalDate = z
  .string()
  .optional()
  .catch(undefined)
  .transform((value) => (value && isRealDate(value) ? value : undefined));
const flag = z
  .enum(["1", "0", "on"])
  .optional()
  .catch(undefined)
  .transform((value) => value === "1" || value === "on");

/** Query-string filters of the catalogue; wrong values fall back to "no filter" rather than failing. */
export const CatalogueQuerySchema = z.object({
  q: optionalText(100),
  competency: optionalText(100),
  format: z.enum(TRAINING_FORMATS).optional().catch(undefined),
  from: optionalDate,
  to: optionalDate,
  free: flag,
  gaps: flag,
  status: z.enum([...TRAINING_STATUSES, "ALL"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
export type CatalogueQuery = z.output<typeof CatalogueQuerySchema>;

export function parseCatalogueQuery(url: string | URL) {
  const params = Object.fromEntries(new URL(url).searchParams);
  for (const key of Object.keys(params)) if (params[key] === "") delete params[key];
  return CatalogueQuerySchema.parse(params);
}
