// Questionnaires (HR development, *:questionnaire:any): the list with their use, create (blank or
// as a copy), edit the details and the items, archive. Once a questionnaire has responses, its
// items keep their meaning: they are locked, and HR edits a copy instead. Every write is audited in
// its transaction; bad input throws a ValidationError with German message keys and changes nothing.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Db, Tx } from "~/utils/db.server.ts";
import { recordAudit } from "~/modules/audit/audit.server.ts";
import { hasPermission, type Actor, type Permission } from "~/modules/auth/permissions.ts";
import { AccessDeniedError, NotFoundError, ValidationError } from "~/modules/errors.ts";
import {
  APPLIED_OPTIONS,
  ensureDefaultQuestionnaires,
  EVALUATION_LEVELS,
  FEEDBACK_KINDS,
  isDefaultCode,
  ITEM_TYPES,
  MEANINGFUL_KEYS,
  type FeedbackKindName,
  type ItemOption,
} from "./defaults.ts";

const v = (key: string) => `feedback.questionnaires.validation.${key}`;

function requirePermission(actor: Actor, permission: Permission) {
  if (!hasPermission(actor.roles, permission)) throw new AccessDeniedError();
}

/** Which item type a meaningful key needs (reports rely on it). */
export const KEY_TYPES: Record<(typeof MEANINGFUL_KEYS)[number], (typeof ITEM_TYPES)[number]> = {
  recommendation: "NPS",
  applied: "SINGLE",
  frequency: "SINGLE",
  example: "TEXT",
  support: "SCALE5",
  barriers: "MULTI",
  best: "TEXT",
  improve: "TEXT",
};

// ── Options: one per line, "wert = Bezeichnung" or just "Bezeichnung" ───────────────────────

export function slugOf(label: string) {
  return label
    .toLowerCase()
    .replace(/ä/g, "ae")
    .replace(/ö/g, "oe")
    .replace(/ü/g, "ue")
    .replace(/ß/g, "ss")
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 40);
}

export function parseOptions(text: string): ItemOption[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const eq = line.indexOf("=");
      if (eq > 0) {
        const value = line.slice(0, eq).trim();
        const label = line.slice(eq + 1).trim();
        return { value: slugOf(value) || slugOf(label), label: label || value };
      }
      return { value: slugOf(line), label: line };
    });
}

export function optionsText(options: readonly ItemOption[]) {
  return options.map((o) => `${o.value} = ${o.label}`).join("\n");
}

export function parseStoredOptions(json: string): ItemOption[] {
  try {
    const parsed = JSON.parse(json) as unknown;
    return Array.isArray(parsed) ? parsed.filter((o): o is ItemOption => typeof o?.value === "string" && typeof o?.label === "string") : [];
  } catch {
    return [];
  }
}

// ── Validation ──────────────────────────────────────────────────────────────────────────────

const checkbox = z.preprocess((value) => value === "on" || value === "true" || value === true, z.boolean());

export const DetailsSchema = z.object({
  title: z.string({ message: v("titleRequired") }).trim().min(1, v("titleRequired")).max(200, v("titleTooLong")),
  description: z.string().trim().max(2000, v("descriptionTooLong")).default(""),
  kind: z.enum(FEEDBACK_KINDS, { message: v("kindRequired") }),
  learningGain: checkbox.default(false),
});
export type DetailsInput = z.infer<typeof DetailsSchema>;

export const CreateSchema = DetailsSchema.extend({
  copyFromId: z.string().trim().max(100).default(""),
});

export const ItemSchema = z
  .object({
    text: z.string({ message: v("textRequired") }).trim().min(1, v("textRequired")).max(500, v("textTooLong")),
    type: z.enum(ITEM_TYPES, { message: v("typeRequired") }),
    level: z.enum(EVALUATION_LEVELS, { message: v("levelRequired") }),
    key: z.union([z.literal(""), z.enum(MEANINGFUL_KEYS)], { message: v("keyInvalid") }).default(""),
    required: checkbox.default(false),
    options: z.string().max(4000, v("optionsTooLong")).default(""),
  })
  .transform((item, ctx) => {
    const choice = item.type === "SINGLE" || item.type === "MULTI";
    const options = choice ? parseOptions(item.options) : [];
    if (choice) {
      if (options.length < 2) ctx.addIssue({ code: "custom", path: ["options"], message: v("optionsTooFew") });
      if (options.length > 20) ctx.addIssue({ code: "custom", path: ["options"], message: v("optionsTooMany") });
      if (options.some((o) => !o.value)) ctx.addIssue({ code: "custom", path: ["options"], message: v("optionInvalid") });
      if (new Set(options.map((o) => o.value)).size !== options.length) ctx.addIssue({ code: "custom", path: ["options"], message: v("optionsDuplicate") });
    }
    if (item.key && KEY_TYPES[item.key] !== item.type) ctx.addIssue({ code: "custom", path: ["key"], message: v("keyTypeMismatch") });
    if (item.key === "applied") {
      const values = new Set(options.map((o) => o.value));
      if (values.size !== APPLIED_OPTIONS.length || APPLIED_OPTIONS.some((o) => !values.has(o.value))) {
        ctx.addIssue({ code: "custom", path: ["options"], message: v("appliedOptions") });
      }
    }
    return { text: item.text, type: item.type, level: item.level, key: item.key, required: item.required, options };
  });
export type ItemInput = z.output<typeof ItemSchema>;

function parse<S extends z.ZodTypeAny>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of result.error.issues) (fieldErrors[issue.path.join(".") || "form"] ??= []).push(issue.message);
    throw new ValidationError("form.checkFields", fieldErrors);
  }
  return result.data;
}

// ── Reading ─────────────────────────────────────────────────────────────────────────────────

const KIND_COLUMN = {
  IMMEDIATE: "immediateQuestionnaireId",
  TRANSFER_PARTICIPANT: "transferQuestionnaireId",
  TRANSFER_LEADER: "leaderQuestionnaireId",
} as const satisfies Record<FeedbackKindName, string>;

/** How many trainings use each questionnaire (explicitly, or through the default of its kind). */
async function usage(tx: Tx, defaults: Record<FeedbackKindName, string>) {
  const [settings, trainings] = await Promise.all([
    tx.trainingEvaluationSetting.findMany({ select: { trainingId: true, enabled: true, immediateQuestionnaireId: true, transferQuestionnaireId: true, leaderQuestionnaireId: true } }),
    tx.training.count({ where: { status: { not: "ARCHIVED" } } }),
  ]);
  const counts = new Map<string, number>();
  const add = (id: string, n = 1) => counts.set(id, (counts.get(id) ?? 0) + n);
  const archivedTrainings = new Set(
    (await tx.training.findMany({ where: { status: "ARCHIVED", id: { in: settings.map((s) => s.trainingId) } }, select: { id: true } })).map((t) => t.id),
  );
  let withoutDefault: Record<FeedbackKindName, number> = { IMMEDIATE: trainings, TRANSFER_PARTICIPANT: trainings, TRANSFER_LEADER: trainings };
  for (const s of settings) {
    if (archivedTrainings.has(s.trainingId)) continue;
    for (const kind of FEEDBACK_KINDS) {
      const chosen = s[KIND_COLUMN[kind]];
      if (!s.enabled || chosen) withoutDefault = { ...withoutDefault, [kind]: withoutDefault[kind] - 1 };
      if (s.enabled && chosen) add(chosen);
    }
  }
  for (const kind of FEEDBACK_KINDS) add(defaults[kind], withoutDefault[kind]);
  return counts;
}

export async function listQuestionnaires(db: Db, actor: Actor) {
  requirePermission(actor, "read:questionnaire:any");
  const defaults = await db.$transaction((tx) => ensureDefaultQuestionnaires(tx));
  const [rows, responses, used] = await Promise.all([
    db.questionnaire.findMany({
      orderBy: [{ archivedAt: "asc" }, { kind: "asc" }, { title: "asc" }],
      select: { id: true, code: true, title: true, kind: true, learningGain: true, archivedAt: true, _count: { select: { items: true } } },
    }),
    db.feedbackResponse.groupBy({ by: ["questionnaireId"], _count: { _all: true } }),
    usage(db, defaults),
  ]);
  const responsesOf = new Map(responses.map((r) => [r.questionnaireId, r._count._all]));
  return {
    questionnaires: rows.map((q) => ({
      id: q.id,
      title: q.title,
      kind: q.kind,
      isDefault: isDefaultCode(q.code),
      learningGain: q.learningGain,
      archivedAt: q.archivedAt,
      items: q._count.items,
      trainings: used.get(q.id) ?? 0,
      responses: responsesOf.get(q.id) ?? 0,
    })),
  };
}

export async function getQuestionnaire(db: Db, actor: Actor, id: string) {
  requirePermission(actor, "read:questionnaire:any");
  const q = await db.questionnaire.findUnique({ where: { id }, include: { items: { orderBy: { position: "asc" } } } });
  if (!q) throw new NotFoundError();
  const defaults = await db.$transaction((tx) => ensureDefaultQuestionnaires(tx));
  const [responses, requests, used] = await Promise.all([
    db.feedbackResponse.count({ where: { questionnaireId: id } }),
    db.feedbackRequest.count({ where: { questionnaireId: id } }),
    usage(db, defaults),
  ]);
  return {
    questionnaire: {
      id: q.id,
      code: q.code,
      title: q.title,
      description: q.description,
      kind: q.kind,
      learningGain: q.learningGain,
      archivedAt: q.archivedAt,
      isDefault: isDefaultCode(q.code),
      items: q.items.map((item) => ({
        id: item.id,
        position: item.position,
        key: item.key,
        type: item.type,
        level: item.level,
        text: item.text,
        required: item.required,
        options: parseStoredOptions(item.options),
      })),
    },
    responses,
    requests,
    trainings: used.get(q.id) ?? 0,
    /** Items keep their meaning once there are responses. */
    locked: responses > 0,
    /** The kind stays while requests or trainings depend on it. */
    kindLocked: responses > 0 || requests > 0 || (used.get(q.id) ?? 0) > 0,
  };
}

/** Active questionnaires of each kind, for the training settings and the copy picker. */
export async function questionnaireOptions(db: Db | Tx) {
  const rows = await db.questionnaire.findMany({
    where: { archivedAt: null },
    orderBy: [{ kind: "asc" }, { title: "asc" }],
    select: { id: true, code: true, title: true, kind: true },
  });
  return rows.map((q) => ({ id: q.id, title: q.title, kind: q.kind, isDefault: isDefaultCode(q.code) }));
}

// ── Writing ─────────────────────────────────────────────────────────────────────────────────

async function loadForWrite(tx: Tx, id: string) {
  const q = await tx.questionnaire.findUnique({ where: { id }, include: { items: { orderBy: { position: "asc" } } } });
  if (!q) throw new NotFoundError();
  if (q.archivedAt) throw new ValidationError(v("archived"));
  return q;
}

async function assertItemsEditable(tx: Tx, id: string) {
  if ((await tx.feedbackResponse.count({ where: { questionnaireId: id } })) > 0) throw new ValidationError(v("locked"));
}

function assertKeyFree(items: readonly { id: string; key: string }[], key: string, exceptItemId?: string) {
  if (key && items.some((i) => i.key === key && i.id !== exceptItemId)) {
    throw new ValidationError("form.checkFields", { key: [v("keyTaken")] });
  }
}

export async function createQuestionnaire(db: Db, actor: Actor, input: unknown) {
  requirePermission(actor, "create:questionnaire:any");
  const data = parse(CreateSchema, input);
  return db.$transaction(async (tx) => {
    const source = data.copyFromId
      ? await tx.questionnaire.findUnique({ where: { id: data.copyFromId }, include: { items: { orderBy: { position: "asc" } } } })
      : null;
    if (data.copyFromId && !source) throw new ValidationError("form.checkFields", { copyFromId: [v("copyFromMissing")] });
    const created = await tx.questionnaire.create({
      data: {
        code: `Q-${randomUUID()}`,
        title: data.title,
        description: data.description,
        kind: data.kind,
        learningGain: data.learningGain,
        items: source
          ? {
              create: source.items.map((item, position) => ({
                position,
                key: item.key,
                type: item.type,
                level: item.level,
                text: item.text,
                options: item.options,
                required: item.required,
              })),
            }
          : undefined,
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: "questionnaire.create",
      entityType: "Questionnaire",
      entityId: created.id,
      summary: source ? `Fragebogen „${data.title}“ als Kopie von „${source.title}“ angelegt` : `Fragebogen „${data.title}“ angelegt`,
    });
    return created;
  });
}

export async function updateQuestionnaireDetails(db: Db, actor: Actor, id: string, input: unknown) {
  requirePermission(actor, "update:questionnaire:any");
  const data = parse(DetailsSchema, input);
  await db.$transaction(async (tx) => {
    const q = await loadForWrite(tx, id);
    if (data.kind !== q.kind) {
      if (isDefaultCode(q.code)) throw new ValidationError("form.checkFields", { kind: [v("kindLocked")] });
      const [responses, requests, settings] = await Promise.all([
        tx.feedbackResponse.count({ where: { questionnaireId: id } }),
        tx.feedbackRequest.count({ where: { questionnaireId: id } }),
        tx.trainingEvaluationSetting.count({ where: { OR: [{ immediateQuestionnaireId: id }, { transferQuestionnaireId: id }, { leaderQuestionnaireId: id }] } }),
      ]);
      if (responses + requests + settings > 0) throw new ValidationError("form.checkFields", { kind: [v("kindLocked")] });
    }
    await tx.questionnaire.update({ where: { id }, data });
    await recordAudit(tx, { actorUserId: actor.userId, action: "questionnaire.update", entityType: "Questionnaire", entityId: id, summary: `Fragebogen „${data.title}“ geändert` });
  });
}

export async function addItem(db: Db, actor: Actor, id: string, input: unknown) {
  requirePermission(actor, "update:questionnaire:any");
  const item = parse(ItemSchema, input);
  return db.$transaction(async (tx) => {
    const q = await loadForWrite(tx, id);
    await assertItemsEditable(tx, id);
    assertKeyFree(q.items, item.key);
    if (q.items.length >= 50) throw new ValidationError(v("tooManyItems"));
    const position = q.items.length ? Math.max(...q.items.map((i) => i.position)) + 1 : 0;
    const created = await tx.questionnaireItem.create({
      data: { questionnaireId: id, position, key: item.key, type: item.type, level: item.level, text: item.text, options: JSON.stringify(item.options), required: item.required },
      select: { id: true },
    });
    await recordAudit(tx, { actorUserId: actor.userId, action: "questionnaire.item.add", entityType: "Questionnaire", entityId: id, summary: `Frage „${item.text}“ hinzugefügt` });
    return created;
  });
}

export async function updateItem(db: Db, actor: Actor, id: string, itemId: string, input: unknown) {
  requirePermission(actor, "update:questionnaire:any");
  const item = parse(ItemSchema, input);
  await db.$transaction(async (tx) => {
    const q = await loadForWrite(tx, id);
    if (!q.items.some((i) => i.id === itemId)) throw new NotFoundError();
    await assertItemsEditable(tx, id);
    assertKeyFree(q.items, item.key, itemId);
    await tx.questionnaireItem.update({
      where: { id: itemId },
      data: { key: item.key, type: item.type, level: item.level, text: item.text, options: JSON.stringify(item.options), required: item.required },
    });
    await recordAudit(tx, { actorUserId: actor.userId, action: "questionnaire.item.update", entityType: "Questionnaire", entityId: id, summary: `Frage „${item.text}“ geändert` });
  });
}

export async function moveItem(db: Db, actor: Actor, id: string, itemId: string, direction: "up" | "down") {
  requirePermission(actor, "update:questionnaire:any");
  await db.$transaction(async (tx) => {
    const q = await loadForWrite(tx, id);
    const index = q.items.findIndex((i) => i.id === itemId);
    if (index < 0) throw new NotFoundError();
    await assertItemsEditable(tx, id);
    const other = q.items[direction === "up" ? index - 1 : index + 1];
    if (!other) return;
    const item = q.items[index]!;
    // Renumber densely so that swapping never collides with gaps from earlier removals.
    const order = q.items.map((i) => i.id);
    order[index] = other.id;
    order[direction === "up" ? index - 1 : index + 1] = item.id;
    for (const [position, itemIdAt] of order.entries()) {
      const current = q.items.find((i) => i.id === itemIdAt)!;
      if (current.position !== position) await tx.questionnaireItem.update({ where: { id: itemIdAt }, data: { position } });
    }
    await recordAudit(tx, { actorUserId: actor.userId, action: "questionnaire.item.move", entityType: "Questionnaire", entityId: id, summary: `Frage „${item.text}“ verschoben` });
  });
}

export async function removeItem(db: Db, actor: Actor, id: string, itemId: string) {
  requirePermission(actor, "update:questionnaire:any");
  await db.$transaction(async (tx) => {
    const q = await loadForWrite(tx, id);
    const item = q.items.find((i) => i.id === itemId);
    if (!item) throw new NotFoundError();
    await assertItemsEditable(tx, id);
    if ((await tx.feedbackAnswer.count({ where: { itemId } })) > 0) throw new ValidationError(v("locked"));
    await tx.questionnaireItem.delete({ where: { id: itemId } });
    await tx.questionnaireItem.updateMany({ where: { questionnaireId: id, position: { gt: item.position } }, data: { position: { decrement: 1 } } });
    await recordAudit(tx, { actorUserId: actor.userId, action: "questionnaire.item.remove", entityType: "Questionnaire", entityId: id, summary: `Frage „${item.text}“ entfernt` });
  });
}

export async function archiveQuestionnaire(db: Db, actor: Actor, id: string) {
  requirePermission(actor, "update:questionnaire:any");
  await db.$transaction(async (tx) => {
    const q = await loadForWrite(tx, id);
    if (isDefaultCode(q.code)) throw new ValidationError(v("defaultNotArchivable"));
    const settings = await tx.trainingEvaluationSetting.count({ where: { OR: [{ immediateQuestionnaireId: id }, { transferQuestionnaireId: id }, { leaderQuestionnaireId: id }] } });
    if (settings > 0) throw new ValidationError(v("inUse"));
    await tx.questionnaire.update({ where: { id }, data: { archivedAt: new Date() } });
    await recordAudit(tx, { actorUserId: actor.userId, action: "questionnaire.archive", entityType: "Questionnaire", entityId: id, summary: `Fragebogen „${q.title}“ archiviert` });
  });
}
