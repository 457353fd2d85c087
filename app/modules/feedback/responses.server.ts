// Answering feedback requests (issue 8). Only the request's person sees and answers it. The answer
// is stored anonymously: a FeedbackReceipt keeps the fact that the request was answered (its
// primary key is the database's one-answer guarantee), and the FeedbackResponse has a random id,
// no person, no request and no time — only the month of the completion (see
// docs/decisions/021-feedback-anonymity.md).
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Db, Tx } from "~/utils/db.server.ts";
import type { Actor } from "~/modules/auth/permissions.ts";
import { NotFoundError, ValidationError } from "~/modules/errors.ts";
import { recordAudit } from "~/modules/audit/audit.server.ts";
import { todayInBerlin } from "~/modules/compliance/days.ts";
import { lastDay, type FeedbackKindValue } from "./requests.server.ts";

export const ALREADY_ANSWERED = "Sie haben bereits geantwortet.";
export const EXPIRED = "Diese Anfrage ist abgelaufen. Antworten sind nicht mehr möglich.";

type ItemType = "SCALE5" | "NPS" | "SINGLE" | "MULTI" | "TEXT";
export type FormItem = { id: string; position: number; type: ItemType; text: string; required: boolean; options: { value: string; label: string }[] };
export type GainCompetency = { lineageId: string; competencyId: string; name: string; code: string; targetLevel: number; levels: { ordinal: number; label: string }[] };
/** Form input: every field's values (checkbox groups have several). */
export type FeedbackInput = Record<string, string[]>;

export const TEXT_MAX = 2000;
export const itemField = (itemId: string) => `item-${itemId}`;
export const gainField = (lineageId: string, when: "before" | "after") => `${when}-${lineageId}`;

function parseOptions(raw: string): { value: string; label: string }[] {
  try {
    const parsed = JSON.parse(raw) as unknown;
    return Array.isArray(parsed) ? parsed.filter((o): o is { value: string; label: string } => !!o && typeof o.value === "string" && typeof o.label === "string") : [];
  } catch {
    return [];
  }
}

/** A request of the actor that has become available; anything else is "not found" (its existence is not revealed). */
async function ownRequest(tx: Tx, actor: Actor, requestId: string, now: Date) {
  const request = await tx.feedbackRequest.findUnique({
    where: { id: requestId },
    include: {
      training: { select: { id: true, title: true, provider: true } },
      questionnaire: { include: { items: { orderBy: { position: "asc" } } } },
    },
  });
  if (!request || !actor.personId || request.personId !== actor.personId || request.availableFrom > now) throw new NotFoundError("Feedback-Anfrage nicht gefunden");
  return request;
}

export function stateOf(r: { status: string; expiresAt: Date }, now: Date): "open" | "answered" | "expired" {
  if (r.status === "ANSWERED") return "answered";
  if (r.status === "EXPIRED" || r.expiresAt <= now) return "expired";
  return "open";
}

async function personName(tx: Tx, personId: string | null) {
  if (!personId) return null;
  const p = await tx.person.findUnique({ where: { id: personId }, select: { firstName: true, lastName: true } });
  return p ? `${p.firstName} ${p.lastName}` : null;
}

/** The training's target competencies with their scale's levels (learning gain, level proposals). */
export async function targetCompetencies(tx: Tx, trainingId: string): Promise<GainCompetency[]> {
  const rows = await tx.trainingCompetency.findMany({
    where: { trainingId },
    select: {
      lineageId: true,
      targetLevel: true,
      competency: { select: { id: true, name: true, code: true, framework: { select: { scale: { select: { levels: { select: { ordinal: true, label: true }, orderBy: { ordinal: "asc" } } } } } } } },
    },
  });
  return rows
    .map((r) => ({ lineageId: r.lineageId, competencyId: r.competency.id, name: r.competency.name, code: r.competency.code, targetLevel: r.targetLevel, levels: r.competency.framework.scale.levels }))
    .sort((a, b) => a.code.localeCompare(b.code, "de"));
}

/** "Mein Feedback": the actor's open requests, and answered or expired ones (status only — never answer content). */
export async function listMyFeedback(db: Db, actor: Actor, { now = new Date() }: { now?: Date } = {}) {
  if (!actor.personId) return { open: [], closed: [] };
  const select = { id: true, kind: true, status: true, availableFrom: true, expiresAt: true, subjectPersonId: true, training: { select: { id: true, title: true } } } as const;
  const mine = { personId: actor.personId, availableFrom: { lte: now } };
  // All open ones (few per person), and the latest 50 answered or expired.
  const [openRows, closedRows] = await Promise.all([
    db.feedbackRequest.findMany({ where: { ...mine, status: "PENDING", expiresAt: { gt: now } }, select, orderBy: [{ expiresAt: "asc" }, { id: "asc" }] }),
    db.feedbackRequest.findMany({ where: { ...mine, OR: [{ status: { in: ["ANSWERED", "EXPIRED"] } }, { expiresAt: { lte: now } }] }, select, orderBy: [{ availableFrom: "desc" }, { id: "asc" }], take: 50 }),
  ]);
  const rows = [...openRows, ...closedRows];
  const subjectIds = [...new Set(rows.map((r) => r.subjectPersonId).filter((id): id is string => !!id))];
  const subjects = new Map(
    subjectIds.length ? (await db.person.findMany({ where: { id: { in: subjectIds } }, select: { id: true, firstName: true, lastName: true } })).map((p) => [p.id, `${p.firstName} ${p.lastName}`]) : [],
  );
  const items = rows.map((r) => ({
    id: r.id,
    kind: r.kind as FeedbackKindValue,
    state: stateOf(r, now),
    training: r.training,
    subject: r.subjectPersonId ? (subjects.get(r.subjectPersonId) ?? null) : null,
    availableFrom: r.availableFrom,
    answerBy: lastDay(r.expiresAt),
  }));
  return { open: items.filter((i) => i.state === "open"), closed: items.filter((i) => i.state !== "open") };
}

/** The questionnaire of one of the actor's requests, or its state when it cannot be answered any more. */
export async function getFeedbackForm(db: Db, actor: Actor, requestId: string, { now = new Date() }: { now?: Date } = {}) {
  return db.$transaction(async (tx) => {
    const request = await ownRequest(tx, actor, requestId, now);
    const state = stateOf(request, now);
    const items: FormItem[] = request.questionnaire.items.map((i) => ({ id: i.id, position: i.position, type: i.type as ItemType, text: i.text, required: i.required, options: parseOptions(i.options) }));
    const gains = state === "open" && request.questionnaire.learningGain ? await targetCompetencies(tx, request.trainingId) : [];
    return {
      request: { id: request.id, kind: request.kind as FeedbackKindValue, state, answerBy: lastDay(request.expiresAt), training: { id: request.training.id, title: request.training.title } },
      subject: await personName(tx, request.subjectPersonId),
      questionnaire: { title: request.questionnaire.title, description: request.questionnaire.description, learningGain: request.questionnaire.learningGain },
      items: state === "open" ? items : [],
      gains,
    };
  });
}

const first = (values: string[] | undefined) => (values ?? []).find((v) => v.trim() !== "")?.trim() ?? "";

/** The answer schema of a questionnaire (German messages); field names as in the form. */
export function answerSchema(items: readonly FormItem[], gains: readonly GainCompetency[]) {
  const shape: Record<string, z.ZodTypeAny> = {};
  for (const item of items) {
    const key = itemField(item.id);
    if (item.type === "SCALE5" || item.type === "NPS") {
      const [min, max] = item.type === "SCALE5" ? [1, 5] : [0, 10];
      shape[key] = z
        .array(z.string())
        .optional()
        .transform(first)
        .refine((v) => !item.required || v !== "", { message: "Bitte wählen Sie einen Wert." })
        .refine((v) => v === "" || (/^\d+$/.test(v) && Number(v) >= min && Number(v) <= max), { message: `Bitte wählen Sie einen Wert von ${min} bis ${max}.` })
        .transform((v) => (v === "" ? null : Number(v)));
    } else if (item.type === "SINGLE") {
      const allowed = new Set(item.options.map((o) => o.value));
      shape[key] = z
        .array(z.string())
        .optional()
        .transform(first)
        .refine((v) => !item.required || v !== "", { message: "Bitte wählen Sie eine Antwort." })
        .refine((v) => v === "" || allowed.has(v), { message: "Bitte wählen Sie eine der angebotenen Antworten." })
        .transform((v) => (v === "" ? null : [v]));
    } else if (item.type === "MULTI") {
      const allowed = new Set(item.options.map((o) => o.value));
      shape[key] = z
        .array(z.string())
        .optional()
        .transform((v) => [...new Set((v ?? []).map((x) => x.trim()).filter(Boolean))])
        .refine((v) => !item.required || v.length > 0, { message: "Bitte wählen Sie mindestens eine Antwort." })
        .refine((v) => v.every((x) => allowed.has(x)), { message: "Bitte wählen Sie nur angebotene Antworten." })
        .transform((v) => (v.length ? v : null));
    } else {
      shape[key] = z
        .array(z.string())
        .optional()
        .transform(first)
        .refine((v) => !item.required || v !== "", { message: "Bitte geben Sie eine Antwort ein." })
        .refine((v) => v.length <= TEXT_MAX, { message: `Bitte fassen Sie sich kürzer (höchstens ${TEXT_MAX} Zeichen).` })
        .transform((v) => (v === "" ? null : v));
    }
  }
  for (const gain of gains) {
    const ordinals = new Set(gain.levels.map((l) => l.ordinal));
    for (const when of ["before", "after"] as const) {
      shape[gainField(gain.lineageId, when)] = z
        .array(z.string())
        .optional()
        .transform(first)
        .refine((v) => v === "" || (/^\d+$/.test(v) && ordinals.has(Number(v))), { message: "Bitte wählen Sie eine Stufe der Skala." })
        .transform((v) => (v === "" ? null : Number(v)));
    }
  }
  return z.object(shape).superRefine((values, ctx) => {
    for (const gain of gains) {
      const before = values[gainField(gain.lineageId, "before")];
      const after = values[gainField(gain.lineageId, "after")];
      if ((before === null) !== (after === null)) {
        const missing = before === null ? "before" : "after";
        ctx.addIssue({ code: "custom", path: [gainField(gain.lineageId, missing)], message: "Bitte schätzen Sie sich vorher und nachher ein – oder lassen Sie beides leer." });
      }
    }
  });
}

function isUniqueViolation(error: unknown) {
  return (error as { code?: string })?.code === "P2002" || /unique constraint/i.test((error as Error)?.message ?? "");
}

/**
 * Stores an answer: receipt (one per request, enforced by its primary key), request → ANSWERED
 * (guarded), the anonymous response with answers and learning gains, and the audit event — in one
 * transaction. Returns only what the thank-you page needs.
 */
export async function submitFeedback(db: Db, actor: Actor, requestId: string, input: FeedbackInput, { now = new Date() }: { now?: Date } = {}) {
  const form = await getFeedbackForm(db, actor, requestId, { now });
  if (form.request.state === "answered") throw new ValidationError(ALREADY_ANSWERED);
  if (form.request.state === "expired") throw new ValidationError(EXPIRED);
  const parsed = answerSchema(form.items, form.gains).safeParse(Object.fromEntries(Object.entries(input).filter(([k]) => k.startsWith("item-") || k.startsWith("before-") || k.startsWith("after-"))));
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[issue.path.join(".") || "form"] ??= []).push(issue.message);
    throw new ValidationError("Bitte prüfen Sie Ihre Angaben.", fieldErrors);
  }
  const values = parsed.data as Record<string, number | string | string[] | null>;
  try {
    await db.$transaction(async (tx) => {
      await tx.feedbackReceipt.create({ data: { requestId } });
      const moved = await tx.feedbackRequest.updateMany({ where: { id: requestId, status: "PENDING", expiresAt: { gt: now } }, data: { status: "ANSWERED" } });
      if (moved.count !== 1) throw new ValidationError(ALREADY_ANSWERED);
      const request = await tx.feedbackRequest.findUniqueOrThrow({
        where: { id: requestId },
        select: { kind: true, personId: true, subjectPersonId: true, trainingId: true, sessionId: true, questionnaireId: true, completionId: true, training: { select: { provider: true } } },
      });
      const completion = await tx.trainingCompletion.findUnique({ where: { id: request.completionId }, select: { completedAt: true } });
      const participant = await tx.person.findUnique({ where: { id: request.subjectPersonId ?? request.personId }, select: { orgUnit: { select: { path: true } } } });
      type AnswerRow = { id: string; itemId: string; value?: number; choices?: string; text?: string };
      const answers = form.items.flatMap((item): AnswerRow[] => {
        const value = values[itemField(item.id)];
        if (value === null || value === undefined) return [];
        const base = { id: randomUUID(), itemId: item.id };
        if (item.type === "SCALE5" || item.type === "NPS") return [{ ...base, value: value as number }];
        if (item.type === "SINGLE" || item.type === "MULTI") return [{ ...base, choices: JSON.stringify(value) }];
        return [{ ...base, text: value as string }];
      });
      const gains = form.gains.flatMap((g) => {
        const before = values[gainField(g.lineageId, "before")];
        const after = values[gainField(g.lineageId, "after")];
        return typeof before === "number" && typeof after === "number" ? [{ id: randomUUID(), lineageId: g.lineageId, before, after }] : [];
      });
      await tx.feedbackResponse.create({
        data: {
          id: randomUUID(),
          questionnaireId: request.questionnaireId,
          kind: request.kind,
          trainingId: request.trainingId,
          sessionId: request.sessionId,
          provider: request.training.provider ?? "",
          period: todayInBerlin(completion?.completedAt ?? now).slice(0, 7),
          unitPath: participant?.orgUnit?.path ?? "",
          answers: { create: answers },
          gains: { create: gains },
        },
      });
      await recordAudit(tx, { actorUserId: actor.userId, action: "feedback.answered", entityType: "FeedbackRequest", entityId: requestId, summary: "Feedback-Anfrage beantwortet" });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ValidationError(ALREADY_ANSWERED);
    throw error;
  }
  return { kind: form.request.kind, training: form.request.training };
}
