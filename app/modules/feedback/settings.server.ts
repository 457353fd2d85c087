// Per-training feedback settings (HR development): feedback on or off, the questionnaire of each
// kind (only active questionnaires of the matching kind; empty = the default) and the delay of the
// transfer check in weeks (1–52, default 8). Without a row the defaults apply.
import { z } from "zod";
import type { Db } from "~/utils/db.server.ts";
import { recordAudit } from "~/modules/audit/audit.server.ts";
import { hasPermission, type Actor } from "~/modules/auth/permissions.ts";
import { AccessDeniedError, NotFoundError, ValidationError } from "~/modules/errors.ts";
import { ensureDefaultQuestionnaires, FEEDBACK_KINDS, type FeedbackKindName } from "./defaults.ts";
import { questionnaireOptions } from "./questionnaires.server.ts";

const v = (key: string) => `feedback.settings.validation.${key}`;
export const DEFAULT_TRANSFER_WEEKS = 8;

const FIELD = {
  IMMEDIATE: "immediateQuestionnaireId",
  TRANSFER_PARTICIPANT: "transferQuestionnaireId",
  TRANSFER_LEADER: "leaderQuestionnaireId",
} as const satisfies Record<FeedbackKindName, string>;

export const SettingsSchema = z.object({
  enabled: z.preprocess((value) => value === "on" || value === "true" || value === true, z.boolean()),
  immediateQuestionnaireId: z.string().trim().max(100).default(""),
  transferQuestionnaireId: z.string().trim().max(100).default(""),
  leaderQuestionnaireId: z.string().trim().max(100).default(""),
  transferDelayWeeks: z.coerce
    .number({ message: v("weeksInvalid") })
    .int(v("weeksInvalid"))
    .min(1, v("weeksRange"))
    .max(52, v("weeksRange")),
});

async function loadTraining(db: Db, trainingId: string) {
  const training = await db.training.findUnique({ where: { id: trainingId }, select: { id: true, code: true, title: true, status: true } });
  if (!training) throw new NotFoundError();
  return training;
}

export async function getTrainingFeedbackSettings(db: Db, actor: Actor, trainingId: string) {
  if (!hasPermission(actor.roles, "read:questionnaire:any")) throw new AccessDeniedError();
  const training = await loadTraining(db, trainingId);
  const defaults = await db.$transaction((tx) => ensureDefaultQuestionnaires(tx));
  const [setting, options] = await Promise.all([db.trainingEvaluationSetting.findUnique({ where: { trainingId } }), questionnaireOptions(db)]);
  // A chosen questionnaire that was archived since stays selectable (shown as chosen).
  const chosenIds = setting ? FEEDBACK_KINDS.map((k) => setting[FIELD[k]]).filter((id): id is string => !!id) : [];
  const archivedChosen = chosenIds.length
    ? await db.questionnaire.findMany({ where: { id: { in: chosenIds }, archivedAt: { not: null } }, select: { id: true, title: true, kind: true } })
    : [];
  const byKind = Object.fromEntries(
    FEEDBACK_KINDS.map((kind) => [
      kind,
      [
        ...options.filter((o) => o.kind === kind && o.id !== defaults[kind]).map((o) => ({ id: o.id, title: o.title, archived: false })),
        ...archivedChosen.filter((o) => o.kind === kind).map((o) => ({ id: o.id, title: o.title, archived: true })),
      ],
    ]),
  ) as Record<FeedbackKindName, { id: string; title: string; archived: boolean }[]>;
  const defaultTitles = Object.fromEntries(FEEDBACK_KINDS.map((k) => [k, options.find((o) => o.id === defaults[k])?.title ?? ""])) as Record<FeedbackKindName, string>;
  return {
    training,
    settings: {
      enabled: setting?.enabled ?? true,
      immediateQuestionnaireId: setting?.immediateQuestionnaireId && setting.immediateQuestionnaireId !== defaults.IMMEDIATE ? setting.immediateQuestionnaireId : "",
      transferQuestionnaireId: setting?.transferQuestionnaireId && setting.transferQuestionnaireId !== defaults.TRANSFER_PARTICIPANT ? setting.transferQuestionnaireId : "",
      leaderQuestionnaireId: setting?.leaderQuestionnaireId && setting.leaderQuestionnaireId !== defaults.TRANSFER_LEADER ? setting.leaderQuestionnaireId : "",
      transferDelayWeeks: setting ? Math.max(1, Math.round(setting.transferDelayDays / 7)) : DEFAULT_TRANSFER_WEEKS,
      stored: !!setting,
    },
    options: byKind,
    defaultTitles,
  };
}

export async function updateTrainingFeedbackSettings(db: Db, actor: Actor, trainingId: string, input: unknown) {
  if (!hasPermission(actor.roles, "update:questionnaire:any")) throw new AccessDeniedError();
  const parsed = SettingsSchema.safeParse(input);
  // Field errors of the form and of the chosen questionnaires are reported together.
  const fieldErrors: Record<string, string[]> = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) (fieldErrors[issue.path.join(".") || "form"] ??= []).push(issue.message);
  }
  const raw = (input ?? {}) as Record<string, unknown>;
  const data = parsed.success
    ? parsed.data
    : {
        enabled: false,
        transferDelayWeeks: DEFAULT_TRANSFER_WEEKS,
        ...Object.fromEntries(FEEDBACK_KINDS.map((k) => [FIELD[k], typeof raw[FIELD[k]] === "string" ? String(raw[FIELD[k]]).trim() : ""])),
      } as z.output<typeof SettingsSchema>;
  await db.$transaction(async (tx) => {
    const training = await tx.training.findUnique({ where: { id: trainingId }, select: { id: true, title: true } });
    if (!training) throw new NotFoundError();
    const current = await tx.trainingEvaluationSetting.findUnique({ where: { trainingId } });
    const chosen = Object.fromEntries(FEEDBACK_KINDS.map((k) => [k, data[FIELD[k]]])) as Record<FeedbackKindName, string>;
    const ids = FEEDBACK_KINDS.map((k) => chosen[k]).filter(Boolean);
    const found = ids.length ? await tx.questionnaire.findMany({ where: { id: { in: ids } }, select: { id: true, kind: true, archivedAt: true } }) : [];
    for (const kind of FEEDBACK_KINDS) {
      const id = chosen[kind];
      if (!id) continue;
      const q = found.find((f) => f.id === id);
      // An archived questionnaire may stay where it was chosen before, but not be chosen anew.
      const keptArchived = q?.archivedAt && current?.[FIELD[kind]] === id;
      if (!q || q.kind !== kind || (q.archivedAt && !keptArchived)) fieldErrors[FIELD[kind]] = [v("questionnaireInvalid")];
    }
    if (Object.keys(fieldErrors).length) throw new ValidationError("form.checkFields", fieldErrors);
    const values = {
      enabled: data.enabled,
      immediateQuestionnaireId: chosen.IMMEDIATE || null,
      transferQuestionnaireId: chosen.TRANSFER_PARTICIPANT || null,
      leaderQuestionnaireId: chosen.TRANSFER_LEADER || null,
      transferDelayDays: data.transferDelayWeeks * 7,
    };
    await tx.trainingEvaluationSetting.upsert({ where: { trainingId }, create: { trainingId, ...values }, update: values });
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: "training.feedbackSettings",
      entityType: "Training",
      entityId: trainingId,
      summary: `Feedback für „${training.title}“: ${data.enabled ? "an" : "aus"}, Transfercheck nach ${data.transferDelayWeeks} Wochen`,
    });
  });
}
