// Validation of competency-model input, shared by forms, imports and the CLI. Messages are
// i18n keys (app/locales) or plain German where they carry data.
import { z } from "zod";

export const IMPORTANCES = ["ESSENTIAL", "IMPORTANT", "DESIRABLE"] as const;
export type ImportanceValue = (typeof IMPORTANCES)[number];

const optionalDate = z
  .union([z.literal(""), z.iso.date({ error: "validation.dateInvalid" })])
  .optional()
  .transform((v) => (v ? new Date(`${v}T00:00:00.000Z`) : null));

export const FrameworkMetaSchema = z.object({
  name: z.string({ error: "validation.nameRequired" }).trim().min(1, { error: "validation.nameRequired" }).max(200),
  description: z.string().trim().max(5000).default(""),
  source: z.string().trim().max(500).default(""),
  licence: z.string().trim().max(200).default(""),
  attribution: z.string().trim().max(1000).default(""),
  nextReviewAt: optionalDate,
  responsiblePersonId: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || null),
});

export const NewFrameworkSchema = FrameworkMetaSchema.extend({
  key: z
    .string({ error: "validation.keyRequired" })
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9-]{1,60}$/, { error: "validation.keyInvalid" }),
  scaleId: z.string({ error: "validation.scaleRequired" }).min(1, { error: "validation.scaleRequired" }),
});

export const NodeSchema = z.object({
  kind: z.enum(["CLUSTER", "COMPETENCY"], { error: "validation.nodeKind" }),
  code: z
    .string({ error: "validation.codeRequired" })
    .trim()
    .min(1, { error: "validation.codeRequired" })
    .max(100)
    .regex(/^\S+$/, { error: "validation.codeNoSpaces" }),
  name: z.string({ error: "validation.nameRequired" }).trim().min(1, { error: "validation.nameRequired" }).max(300),
  description: z.string().trim().max(10000).default(""),
  indicators: z.string().trim().max(10000).default(""),
});

export const ScaleSchema = z.object({
  name: z.string().trim().min(1, { error: "validation.nameRequired" }).max(200),
  description: z.string().trim().max(2000).default(""),
  levels: z
    .array(z.object({ label: z.string().trim().min(1).max(100), band: z.string().trim().max(100).optional(), description: z.string().trim().max(2000).default("") }))
    .min(2, { error: "validation.scaleTooFewLevels" })
    .max(20, { error: "validation.scaleTooManyLevels" }),
});

export const RequirementSchema = z.object({
  competencyId: z.string().min(1, { error: "validation.competencyRequired" }),
  targetLevel: z.coerce.number({ error: "validation.levelRequired" }).int().min(1, { error: "validation.levelRequired" }),
  importance: z.enum(IMPORTANCES, { error: "validation.importanceRequired" }),
});

export const ReviewSchema = z.object({
  note: z.string().trim().max(2000).default(""),
  nextReviewAt: z.iso.date({ error: "validation.nextReviewRequired" }).transform((v) => new Date(`${v}T00:00:00.000Z`)),
});
