// Questionnaires for tests: a custom one with items, and an anonymous response that locks it.
import { randomUUID } from "node:crypto";
import type { Db } from "~/utils/db.server.ts";

export async function createQuestionnaire(
  db: Db,
  { kind = "IMMEDIATE" as "IMMEDIATE" | "TRANSFER_PARTICIPANT" | "TRANSFER_LEADER", title = `Fragebogen ${randomUUID().slice(0, 8)}`, items = 2 } = {},
) {
  return db.questionnaire.create({
    data: {
      code: `Q-${randomUUID()}`,
      title,
      kind,
      items: {
        create: Array.from({ length: items }, (_, position) => ({
          position,
          type: "SCALE5" as const,
          level: "REACTION" as const,
          text: `Frage ${position + 1}`,
        })),
      },
    },
    include: { items: { orderBy: { position: "asc" } } },
  });
}

/** An anonymous response to the questionnaire (locks its items). */
export async function respondTo(db: Db, questionnaire: { id: string; kind: "IMMEDIATE" | "TRANSFER_PARTICIPANT" | "TRANSFER_LEADER"; items: { id: string }[] }, trainingId: string) {
  return db.feedbackResponse.create({
    data: {
      id: randomUUID(),
      questionnaireId: questionnaire.id,
      kind: questionnaire.kind,
      trainingId,
      period: "2026-10",
      answers: { create: questionnaire.items.map((item) => ({ id: randomUUID(), itemId: item.id, value: 4 })) },
    },
  });
}
