// Validation of journey input (journey meta, phases, steps, workflow comments). Pure: routes and
// modules share it. Messages are i18n keys under `journeys.validation` (app/locales/journeys.*).
import { z } from "zod";
import { isDay } from "~/modules/compliance/days.ts";
import { GOAL_KINDS, STEP_KINDS, STEP_STATUSES } from "./model.ts";

const v = (key: string) => `journeys.validation.${key}`;

export const TITLE_MAX = 200;
export const TEXT_MAX = 2000;
export const COMMENT_MAX = 2000;
export const REFLECTION_MAX = 5000;

const optionalId = z
  .string()
  .trim()
  .optional()
  .transform((s) => (s ? s : null));

const day = (key: string) => z.string().trim().refine((s) => isDay(s), { error: v(key) });
const optionalDay = z
  .string()
  .trim()
  .optional()
  .transform((s) => (s ? s : null))
  .refine((s) => s === null || isDay(s), { error: v("dueInvalid") });

export const JourneyMetaSchema = z
  .object({
    title: z.string().trim().min(1, { error: v("titleRequired") }).max(TITLE_MAX, { error: v("titleTooLong") }),
    goalKind: z.enum(GOAL_KINDS, { error: v("goalKindInvalid") }),
    goalText: z.string().trim().max(TEXT_MAX, { error: v("textTooLong") }).default(""),
    targetPositionId: optionalId,
    startsOn: day("startInvalid"),
    endsOn: day("endInvalid"),
  })
  .refine((j) => !isDay(j.startsOn) || !isDay(j.endsOn) || j.endsOn >= j.startsOn, { error: v("endBeforeStart"), path: ["endsOn"] })
  .refine((j) => j.goalKind !== "TARGET_POSITION" || !!j.targetPositionId, { error: v("targetPositionRequired"), path: ["targetPositionId"] });
export type JourneyMetaInput = z.input<typeof JourneyMetaSchema>;

export const PhaseSchema = z.object({
  title: z.string().trim().min(1, { error: v("phaseTitleRequired") }).max(TITLE_MAX, { error: v("titleTooLong") }),
});

export const StepSchema = z
  .object({
    phaseId: z.string().trim().min(1, { error: v("phaseRequired") }),
    kind: z.enum(STEP_KINDS, { error: v("stepKindInvalid") }),
    title: z.string().trim().max(TITLE_MAX, { error: v("titleTooLong") }).default(""),
    description: z.string().trim().max(TEXT_MAX, { error: v("textTooLong") }).default(""),
    url: z.string().trim().max(1000, { error: v("urlInvalid") }).default(""),
    trainingId: optionalId,
    sessionId: optionalId,
    competencyId: optionalId,
    targetLevel: z
      .string()
      .trim()
      .optional()
      .transform((s, ctx) => {
        if (!s) return null;
        const n = Number(s);
        if (!Number.isInteger(n) || n < 0 || n > 10) {
          ctx.addIssue({ code: "custom", message: v("levelInvalid") });
          return z.NEVER;
        }
        return n;
      }),
    dueOn: optionalDay,
  })
  .refine((s) => s.kind !== "TRAINING" || !!s.trainingId, { error: v("trainingRequired"), path: ["trainingId"] })
  .refine((s) => s.kind !== "ELEARNING" || /^https?:\/\/\S+$/i.test(s.url), { error: v("urlInvalid"), path: ["url"] })
  .refine((s) => s.kind === "TRAINING" || s.kind === "ELEARNING" || s.title.length > 0, { error: v("titleRequired"), path: ["title"] })
  .refine((s) => !s.url || /^https?:\/\/\S+$/i.test(s.url), { error: v("urlInvalid"), path: ["url"] })
  .refine((s) => s.targetLevel === null || !!s.competencyId, { error: v("competencyRequired"), path: ["competencyId"] });
export type StepInput = z.input<typeof StepSchema>;

export const StepStatusSchema = z
  .object({
    stepId: z.string().min(1),
    status: z.enum(STEP_STATUSES, { error: v("stepStatusInvalid") }),
    skipReason: z.string().trim().max(TEXT_MAX, { error: v("textTooLong") }).default(""),
  })
  .refine((s) => s.status !== "SKIPPED" || s.skipReason.length > 0, { error: v("skipReasonRequired"), path: ["skipReason"] });

export const CommentSchema = z.object({
  comment: z.string().trim().min(1, { error: v("commentRequired") }).max(COMMENT_MAX, { error: v("commentTooLong") }),
});

export const ReflectionSchema = z.object({
  stepId: z.string().min(1),
  reflection: z.string().trim().max(REFLECTION_MAX, { error: v("reflectionTooLong") }).default(""),
});

/** Turns a Zod error into the module's ValidationError shape (message key + field errors). */
export function fieldErrorsOf(error: z.ZodError) {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) (fieldErrors[issue.path.join(".") || "form"] ??= []).push(issue.message);
  return fieldErrors;
}
