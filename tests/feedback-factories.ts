// Factories for feedback collection tests: completions with a session, custom questionnaires,
// and the requests the completion hook creates.
import { randomUUID } from "node:crypto";
import type { Db } from "~/utils/db.server.ts";
import { createFeedbackRequests } from "~/modules/feedback/requests.server.ts";

export const DAY_MS = 86_400_000;

/** A confirmed completion of the session (attendance) — without running the completion hook. */
export async function createCompletion(
  db: Db,
  {
    personId,
    trainingId,
    sessionId,
    completedAt,
    result = "PARTICIPATED" as "PARTICIPATED" | "PASSED" | "FAILED",
  }: { personId: string; trainingId: string; sessionId: string | null; completedAt: Date; result?: "PARTICIPATED" | "PASSED" | "FAILED" },
) {
  return db.trainingCompletion.create({
    data: { personId, trainingId, sessionId, completedAt, result, certificateNumber: `TEST-${randomUUID()}` },
  });
}

/** A completion and its feedback requests, as the completion transaction creates them. */
export async function completeWithFeedback(
  db: Db,
  input: { personId: string; trainingId: string; sessionId: string | null; completedAt: Date; result?: "PARTICIPATED" | "PASSED" | "FAILED" },
  now = input.completedAt,
) {
  const completion = await createCompletion(db, input);
  await db.$transaction((tx) => createFeedbackRequests(tx, [completion], { now }));
  const requests = await db.feedbackRequest.findMany({ where: { completionId: completion.id } });
  const byKind = (kind: string) => requests.find((r) => r.kind === kind);
  return { completion, requests, immediate: byKind("IMMEDIATE"), transfer: byKind("TRANSFER_PARTICIPANT"), leaderCheck: byKind("TRANSFER_LEADER") };
}

export type ItemSpec = {
  key?: string;
  type: "SCALE5" | "NPS" | "SINGLE" | "MULTI" | "TEXT";
  level?: "REACTION" | "LEARNING" | "TRANSFER";
  text: string;
  options?: { value: string; label: string }[];
  required?: boolean;
};

/** A questionnaire with one item of every type (unless `items` says otherwise). */
export async function createQuestionnaire(
  db: Db,
  {
    kind = "IMMEDIATE" as "IMMEDIATE" | "TRANSFER_PARTICIPANT" | "TRANSFER_LEADER",
    learningGain = false,
    items = [
      { type: "SCALE5", text: "Wie nützlich war die Schulung?", required: true },
      { key: "recommendation", type: "NPS", text: "Würden Sie die Schulung empfehlen?", required: true },
      { key: "applied", type: "SINGLE", text: "Haben Sie das Gelernte angewendet?", options: [{ value: "yes", label: "Ja" }, { value: "partly", label: "Teilweise" }, { value: "no", label: "Nein" }], required: true },
      { key: "barriers", type: "MULTI", text: "Was hat Sie gehindert?", options: [{ value: "no_time", label: "Keine Zeit" }, { value: "technology", label: "Fehlende Technik" }, { value: "other", label: "Anderes" }] },
      { key: "improve", type: "TEXT", text: "Was sollte besser werden?" },
    ] as ItemSpec[],
  } = {},
) {
  return db.questionnaire.create({
    data: {
      code: `TEST-${randomUUID().slice(0, 8)}`,
      title: `Testfragebogen ${kind}`,
      kind,
      learningGain,
      items: {
        create: items.map((item, position) => ({
          position,
          key: item.key ?? "",
          type: item.type,
          level: item.level ?? "REACTION",
          text: item.text,
          options: JSON.stringify(item.options ?? []),
          required: item.required ?? false,
        })),
      },
    },
    include: { items: { orderBy: { position: "asc" } } },
  });
}

/** Uses these questionnaires (and delay) for the training. */
export async function setEvaluation(
  db: Db,
  trainingId: string,
  { enabled = true, immediate, transfer, leader, transferDelayDays = 56 }: { enabled?: boolean; immediate?: string; transfer?: string; leader?: string; transferDelayDays?: number } = {},
) {
  return db.trainingEvaluationSetting.upsert({
    where: { trainingId },
    create: { trainingId, enabled, immediateQuestionnaireId: immediate ?? null, transferQuestionnaireId: transfer ?? null, leaderQuestionnaireId: leader ?? null, transferDelayDays },
    update: { enabled, immediateQuestionnaireId: immediate ?? null, transferQuestionnaireId: transfer ?? null, leaderQuestionnaireId: leader ?? null, transferDelayDays },
  });
}
