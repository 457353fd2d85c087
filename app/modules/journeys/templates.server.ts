// Journey templates (HR development, docs/decisions/022): reusable journeys with phases and steps
// whose due dates are relative to the journey's start ("Woche 2", "Monat 3"). Every saved change
// raises the template's version by one in the same transaction as the change and its audit event;
// journeys keep the version they were built from and are offered the changes
// (template-apply.server.ts), never rewritten silently.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Db, Tx } from "~/utils/db.server.ts";
import { recordAudit } from "~/modules/audit/audit.server.ts";
import { hasPermission, type Actor } from "~/modules/auth/permissions.ts";
import { AccessDeniedError, NotFoundError, ValidationError } from "~/modules/errors.ts";
import { notify } from "~/modules/notifications/notify.server.ts";
import { PROGRAMMES, RELATIVE_UNITS, STEP_KINDS, type JourneyStatus, type Programme, type RelativeUnit, type StepKind } from "./model.ts";

const v = (key: string) => `journeyTemplates.validation.${key}`;

export function canEditTemplates(actor: Pick<Actor, "roles">) {
  return hasPermission(actor.roles, "update:journeytemplate:any");
}

export function requireTemplateEditor(actor: Pick<Actor, "roles">) {
  if (!canEditTemplates(actor)) throw new AccessDeniedError("Nur die Personalentwicklung pflegt Lernreise-Vorlagen.");
}

// ── Validation ──────────────────────────────────────────────────────────────────────────────

const blank = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
const text = (key: string, max: number) => z.string({ error: v(key) }).trim().min(1, { error: v(key) }).max(max, { error: v("tooLong") });
const optionalText = (max: number) => z.string().trim().max(max, { error: v("tooLong") }).default("");
const optionalId = z.preprocess(blank, z.string().trim().max(64).optional());

export const TemplateHeaderSchema = z.object({
  title: text("titleRequired", 200),
  description: optionalText(5000),
  programme: z.enum(PROGRAMMES, { error: v("programmeRequired") }),
  durationWeeks: z.preprocess(blank, z.coerce.number({ error: v("durationWeeks") }).int({ error: v("durationWeeks") }).min(1, { error: v("durationWeeks") }).max(260, { error: v("durationWeeks") })),
});
export type TemplateHeader = z.infer<typeof TemplateHeaderSchema>;

export const TemplateStepSchema = z
  .object({
    phaseId: z.string({ error: v("phaseRequired") }).trim().min(1, { error: v("phaseRequired") }).max(64),
    kind: z.enum(STEP_KINDS, { error: v("kindRequired") }),
    title: text("stepTitleRequired", 200),
    description: optionalText(5000),
    url: z.preprocess(blank, z.string().trim().max(1000, { error: v("tooLong") }).url({ error: v("urlInvalid") }).optional()),
    trainingId: optionalId,
    competencyId: optionalId,
    targetLevel: z.preprocess(blank, z.coerce.number({ error: v("targetLevel") }).int({ error: v("targetLevel") }).min(1, { error: v("targetLevel") }).max(8, { error: v("targetLevel") }).optional()),
    dueAmount: z.preprocess(blank, z.coerce.number({ error: v("dueAmount") }).int({ error: v("dueAmount") }).min(0, { error: v("dueAmount") }).max(1000, { error: v("dueAmount") })),
    dueUnit: z.enum(RELATIVE_UNITS, { error: v("dueUnit") }),
  })
  .superRefine((s, ctx) => {
    if (s.kind === "TRAINING" && !s.trainingId) ctx.addIssue({ code: "custom", path: ["trainingId"], message: v("trainingRequired") });
    if (s.kind === "ELEARNING" && !s.url) ctx.addIssue({ code: "custom", path: ["url"], message: v("urlRequired") });
    if (s.targetLevel !== undefined && !s.competencyId) ctx.addIssue({ code: "custom", path: ["competencyId"], message: v("competencyForLevel") });
  });
export type TemplateStepInput = z.infer<typeof TemplateStepSchema>;

export const PhaseSchema = z.object({ title: text("phaseTitleRequired", 200) });

function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) (fieldErrors[issue.path.join(".") || "form"] ??= []).push(issue.message);
  throw new ValidationError("form.checkFields", fieldErrors);
}

export const parseTemplateHeader = (input: unknown) => parse(TemplateHeaderSchema, input);
export const parseTemplateStep = (input: unknown) => parse(TemplateStepSchema, input);
export const parsePhase = (input: unknown) => parse(PhaseSchema, input);

/** "Woche 2", "Monat 3", "Tag 10" — the relative due date as HR writes it. */
export function relativeLabel(amount: number, unit: RelativeUnit, locale: "de" | "en" = "de") {
  const de = { DAYS: "Tag", WEEKS: "Woche", MONTHS: "Monat" } as const;
  const en = { DAYS: "Day", WEEKS: "Week", MONTHS: "Month" } as const;
  return `${(locale === "en" ? en : de)[unit]} ${amount}`;
}

// ── Reading ─────────────────────────────────────────────────────────────────────────────────

export interface TemplateListRow {
  id: string;
  code: string;
  title: string;
  programme: Programme;
  version: number;
  steps: number;
  durationWeeks: number;
  archived: boolean;
  journeys: number;
  running: number;
  completed: number;
}

/** All templates with their step count and how many journeys use them (two grouped queries). */
export async function listTemplates(db: Db | Tx, actor: Actor, { includeArchived = false } = {}): Promise<TemplateListRow[]> {
  requireTemplateEditor(actor);
  const templates = await db.journeyTemplate.findMany({
    where: includeArchived ? {} : { archivedAt: null },
    orderBy: [{ archivedAt: "asc" }, { title: "asc" }],
    select: { id: true, code: true, title: true, programme: true, version: true, durationWeeks: true, archivedAt: true, _count: { select: { steps: true } } },
  });
  const counts = await db.learningJourney.groupBy({ by: ["templateId", "status"], where: { templateId: { in: templates.map((t) => t.id) } }, _count: { _all: true } });
  const byTemplate = new Map<string, Partial<Record<JourneyStatus, number>>>();
  for (const c of counts) {
    const row = byTemplate.get(c.templateId!) ?? {};
    row[c.status as JourneyStatus] = c._count._all;
    byTemplate.set(c.templateId!, row);
  }
  return templates.map((t) => {
    const c = byTemplate.get(t.id) ?? {};
    return {
      id: t.id,
      code: t.code,
      title: t.title,
      programme: t.programme as Programme,
      version: t.version,
      steps: t._count.steps,
      durationWeeks: t.durationWeeks,
      archived: t.archivedAt !== null,
      journeys: Object.values(c).reduce((a, b) => a + (b ?? 0), 0),
      running: (c.AGREED ?? 0) + (c.ACTIVE ?? 0),
      completed: c.COMPLETED ?? 0,
    };
  });
}

export const TEMPLATE_STEP_SELECT = {
  id: true,
  phaseId: true,
  position: true,
  kind: true,
  title: true,
  description: true,
  url: true,
  trainingId: true,
  competencyId: true,
  targetLevel: true,
  dueAmount: true,
  dueUnit: true,
  training: { select: { title: true, code: true } },
  competency: { select: { name: true, lineageId: true } },
} as const;

/** A template with its phases and steps in order (and its cohorts). */
export async function getTemplate(db: Db | Tx, actor: Actor, templateId: string) {
  requireTemplateEditor(actor);
  const template = await db.journeyTemplate.findUnique({
    where: { id: templateId },
    select: {
      id: true,
      code: true,
      title: true,
      description: true,
      programme: true,
      goalKind: true,
      durationWeeks: true,
      version: true,
      archivedAt: true,
      updatedAt: true,
      phases: { orderBy: { position: "asc" }, select: { id: true, title: true, position: true } },
      steps: { orderBy: { position: "asc" }, select: TEMPLATE_STEP_SELECT },
      cohorts: { orderBy: [{ startsOn: "desc" }, { title: "asc" }], select: { id: true, title: true, startsOn: true, _count: { select: { journeys: true } } } },
    },
  });
  if (!template) throw new NotFoundError("Vorlage nicht gefunden");
  return {
    ...template,
    programme: template.programme as Programme,
    phases: template.phases.map((p) => ({
      ...p,
      steps: template.steps
        .filter((s) => s.phaseId === p.id)
        .map((s) => ({ ...s, kind: s.kind as StepKind, dueUnit: s.dueUnit as RelativeUnit, label: relativeLabel(s.dueAmount, s.dueUnit as RelativeUnit) })),
    })),
  };
}

/** Options for the step form: published trainings and competencies of published frameworks. */
export async function templateFormOptions(db: Db | Tx) {
  const [trainings, competencies] = await Promise.all([
    db.training.findMany({ where: { status: "PUBLISHED" }, orderBy: [{ code: "asc" }], select: { id: true, code: true, title: true } }),
    db.competencyNode.findMany({
      where: { kind: "COMPETENCY", framework: { status: "PUBLISHED" } },
      orderBy: [{ framework: { name: "asc" } }, { code: "asc" }],
      select: { id: true, code: true, name: true, framework: { select: { name: true } } },
    }),
  ]);
  return {
    trainings: trainings.map((t) => ({ value: t.id, label: `${t.code} – ${t.title}` })),
    competencies: competencies.map((c) => ({ value: c.id, label: `${c.framework.name}: ${c.code} ${c.name}` })),
  };
}

// ── Writing ─────────────────────────────────────────────────────────────────────────────────

/**
 * Raises the version (with the audit event) and tells the owners of running journeys that were
 * up to date until now that a change is waiting for them — once: journeys already behind are not
 * told again until they apply the changes.
 */
async function bumpVersion(tx: Tx, actor: Actor, templateId: string, summary: string) {
  const t = await tx.journeyTemplate.update({ where: { id: templateId }, data: { version: { increment: 1 } }, select: { id: true, version: true, title: true } });
  await recordAudit(tx, { actorUserId: actor.userId, action: "journeytemplate.update", entityType: "JourneyTemplate", entityId: templateId, summary: `${t.title} v${t.version}: ${summary}` });
  const outdated = await tx.learningJourney.findMany({
    where: { templateId, templateVersion: t.version - 1, status: { in: ["AGREED", "ACTIVE"] } },
    select: { id: true, personId: true, title: true },
  });
  for (let i = 0; i < outdated.length; i += 500) {
    await notify(
      tx,
      outdated.slice(i, i + 500).map((j) => ({ personId: j.personId, kind: "journey.templateChanged" as const, params: { title: j.title, template: t.title }, link: `/lernreisen/${j.id}/vorlage` })),
    );
  }
  return t;
}

async function loadEditable(tx: Tx, templateId: string) {
  const t = await tx.journeyTemplate.findUnique({ where: { id: templateId }, select: { id: true, archivedAt: true, title: true } });
  if (!t) throw new NotFoundError("Vorlage nicht gefunden");
  if (t.archivedAt) throw new ValidationError(v("archived"));
  return t;
}

function codeOf(title: string) {
  const slug = title
    .normalize("NFKD")
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/[^A-Za-z0-9-]/g, "")
    .replace(/^-+|-+$/g, "")
    .toUpperCase()
    .slice(0, 32);
  return `${slug || "VORLAGE"}-${randomUUID().slice(0, 6).toUpperCase()}`;
}

/** A new template (version 1) with one empty phase to start from. */
export async function createTemplate(db: Db, actor: Actor, input: unknown, { code }: { code?: string } = {}) {
  requireTemplateEditor(actor);
  const header = parseTemplateHeader(input);
  return db.$transaction(async (tx) => {
    const template = await tx.journeyTemplate.create({
      data: { code: code ?? codeOf(header.title), ...header, goalKind: "PROGRAMME", version: 1, phases: { create: [{ position: 0, title: "Phase 1" }] } },
      select: { id: true, title: true },
    });
    await recordAudit(tx, { actorUserId: actor.userId, action: "journeytemplate.create", entityType: "JourneyTemplate", entityId: template.id, summary: `${template.title} v1` });
    return template;
  });
}

export async function updateTemplateHeader(db: Db, actor: Actor, templateId: string, input: unknown) {
  requireTemplateEditor(actor);
  const header = parseTemplateHeader(input);
  return db.$transaction(async (tx) => {
    await loadEditable(tx, templateId);
    await tx.journeyTemplate.update({ where: { id: templateId }, data: header });
    return bumpVersion(tx, actor, templateId, "Stammdaten");
  });
}

export async function addPhase(db: Db, actor: Actor, templateId: string, input: unknown) {
  requireTemplateEditor(actor);
  const { title } = parsePhase(input);
  return db.$transaction(async (tx) => {
    await loadEditable(tx, templateId);
    const last = await tx.journeyTemplatePhase.aggregate({ where: { templateId }, _max: { position: true } });
    await tx.journeyTemplatePhase.create({ data: { templateId, title, position: (last._max.position ?? -1) + 1 } });
    return bumpVersion(tx, actor, templateId, `Phase „${title}“ angelegt`);
  });
}

export async function renamePhase(db: Db, actor: Actor, templateId: string, phaseId: string, input: unknown) {
  requireTemplateEditor(actor);
  const { title } = parsePhase(input);
  return db.$transaction(async (tx) => {
    await loadEditable(tx, templateId);
    const { count } = await tx.journeyTemplatePhase.updateMany({ where: { id: phaseId, templateId }, data: { title } });
    if (count === 0) throw new NotFoundError("Phase nicht gefunden");
    return bumpVersion(tx, actor, templateId, `Phase „${title}“ umbenannt`);
  });
}

/** Removes an empty phase (steps must be removed or moved first, so nothing goes by accident). */
export async function removePhase(db: Db, actor: Actor, templateId: string, phaseId: string) {
  requireTemplateEditor(actor);
  return db.$transaction(async (tx) => {
    await loadEditable(tx, templateId);
    const phase = await tx.journeyTemplatePhase.findFirst({ where: { id: phaseId, templateId }, select: { title: true, _count: { select: { steps: true } } } });
    if (!phase) throw new NotFoundError("Phase nicht gefunden");
    if (phase._count.steps > 0) throw new ValidationError(v("phaseNotEmpty"));
    await tx.journeyTemplatePhase.delete({ where: { id: phaseId } });
    return bumpVersion(tx, actor, templateId, `Phase „${phase.title}“ entfernt`);
  });
}

async function checkReferences(tx: Tx, step: TemplateStepInput, templateId: string) {
  const errors: Record<string, string[]> = {};
  const phase = await tx.journeyTemplatePhase.findFirst({ where: { id: step.phaseId, templateId }, select: { id: true } });
  if (!phase) errors.phaseId = [v("phaseRequired")];
  if (step.trainingId && !(await tx.training.findFirst({ where: { id: step.trainingId, status: { not: "ARCHIVED" } }, select: { id: true } }))) errors.trainingId = [v("trainingUnknown")];
  if (step.competencyId && !(await tx.competencyNode.findUnique({ where: { id: step.competencyId }, select: { id: true } }))) errors.competencyId = [v("competencyUnknown")];
  if (Object.keys(errors).length > 0) throw new ValidationError("form.checkFields", errors);
}

function stepData(step: TemplateStepInput) {
  return {
    phaseId: step.phaseId,
    kind: step.kind,
    title: step.title,
    description: step.description,
    url: step.url ?? "",
    trainingId: step.kind === "TRAINING" ? (step.trainingId ?? null) : null,
    competencyId: step.competencyId ?? null,
    targetLevel: step.competencyId ? (step.targetLevel ?? null) : null,
    dueAmount: step.dueAmount,
    dueUnit: step.dueUnit,
  };
}

/** Adds a step at the end of its phase (positions are template-wide, phases keep their order). */
export async function addStep(db: Db, actor: Actor, templateId: string, input: unknown) {
  requireTemplateEditor(actor);
  const step = parseTemplateStep(input);
  return db.$transaction(async (tx) => {
    await loadEditable(tx, templateId);
    await checkReferences(tx, step, templateId);
    const last = await tx.journeyTemplateStep.aggregate({ where: { templateId }, _max: { position: true } });
    await tx.journeyTemplateStep.create({ data: { templateId, position: (last._max.position ?? -1) + 1, ...stepData(step) } });
    return bumpVersion(tx, actor, templateId, `Schritt „${step.title}“ angelegt`);
  });
}

export async function updateStep(db: Db, actor: Actor, templateId: string, stepId: string, input: unknown) {
  requireTemplateEditor(actor);
  const step = parseTemplateStep(input);
  return db.$transaction(async (tx) => {
    await loadEditable(tx, templateId);
    await checkReferences(tx, step, templateId);
    const { count } = await tx.journeyTemplateStep.updateMany({ where: { id: stepId, templateId }, data: stepData(step) });
    if (count === 0) throw new NotFoundError("Schritt nicht gefunden");
    return bumpVersion(tx, actor, templateId, `Schritt „${step.title}“ geändert`);
  });
}

/** Removes a template step. Journeys built from it keep their step (the change is offered). */
export async function removeStep(db: Db, actor: Actor, templateId: string, stepId: string) {
  requireTemplateEditor(actor);
  return db.$transaction(async (tx) => {
    await loadEditable(tx, templateId);
    const step = await tx.journeyTemplateStep.findFirst({ where: { id: stepId, templateId }, select: { title: true } });
    if (!step) throw new NotFoundError("Schritt nicht gefunden");
    await tx.journeyTemplateStep.delete({ where: { id: stepId } });
    return bumpVersion(tx, actor, templateId, `Schritt „${step.title}“ entfernt`);
  });
}

/** Archived templates cannot be assigned or edited; their journeys go on unchanged. */
export async function archiveTemplate(db: Db, actor: Actor, templateId: string, { now = new Date() } = {}) {
  requireTemplateEditor(actor);
  return db.$transaction(async (tx) => {
    const t = await loadEditable(tx, templateId);
    await tx.journeyTemplate.update({ where: { id: templateId }, data: { archivedAt: now } });
    await recordAudit(tx, { actorUserId: actor.userId, action: "journeytemplate.archive", entityType: "JourneyTemplate", entityId: templateId, summary: t.title });
  });
}
