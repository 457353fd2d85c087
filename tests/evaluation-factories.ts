// Test data for the evaluation reports: questionnaires with the item keys of the feedback
// conventions, and anonymous responses, answers, learning gains and requests written directly.
// Every value is unique per call, so tests also run against a shared PostgreSQL database.
import { randomUUID } from "node:crypto";
import type { Db } from "~/utils/db.server.ts";
import { APPLIED_OPTIONS, BARRIER_OPTIONS, FREQUENCY_OPTIONS } from "~/modules/feedback/defaults.ts";

type Kind = "IMMEDIATE" | "TRANSFER_PARTICIPANT" | "TRANSFER_LEADER";
type ItemDef = { name: string; key: string; type: "SCALE5" | "NPS" | "SINGLE" | "MULTI" | "TEXT"; level: "REACTION" | "LEARNING" | "TRANSFER"; text: string; options?: { value: string; label: string }[] };

const IMMEDIATE_ITEMS: ItemDef[] = [
  { name: "relevance", key: "", type: "SCALE5", level: "REACTION", text: "Die Inhalte sind relevant." },
  { name: "trainer", key: "", type: "SCALE5", level: "REACTION", text: "Der Trainer hat verständlich erklärt." },
  { name: "learned", key: "", type: "SCALE5", level: "LEARNING", text: "Ich habe Neues gelernt." },
  { name: "recommendation", key: "recommendation", type: "NPS", level: "REACTION", text: "Weiterempfehlung (0–10)" },
  { name: "best", key: "best", type: "TEXT", level: "REACTION", text: "Was war am besten?" },
  { name: "improve", key: "improve", type: "TEXT", level: "REACTION", text: "Was sollten wir verbessern?" },
];
const TRANSFER_ITEMS: ItemDef[] = [
  { name: "applied", key: "applied", type: "SINGLE", level: "TRANSFER", text: "Angewendet?", options: APPLIED_OPTIONS },
  { name: "frequency", key: "frequency", type: "SINGLE", level: "TRANSFER", text: "Wie oft?", options: FREQUENCY_OPTIONS },
  { name: "example", key: "example", type: "TEXT", level: "TRANSFER", text: "Beispiel" },
  { name: "support", key: "support", type: "SCALE5", level: "TRANSFER", text: "Unterstützung" },
  { name: "barriers", key: "barriers", type: "MULTI", level: "TRANSFER", text: "Hindernisse", options: BARRIER_OPTIONS },
];

export type TestQuestionnaire = { id: string; kind: Kind; title: string; items: Record<string, { id: string; type: ItemDef["type"] }> };

export async function createQuestionnaire(db: Db, kind: Kind): Promise<TestQuestionnaire> {
  const defs = kind === "IMMEDIATE" ? IMMEDIATE_ITEMS : TRANSFER_ITEMS;
  const title = `Testbogen ${kind} ${randomUUID().slice(0, 6)}`;
  const q = await db.questionnaire.create({
    data: {
      code: `TEST_${randomUUID().slice(0, 12)}`,
      title,
      kind,
      learningGain: kind === "IMMEDIATE",
      items: { create: defs.map((d, position) => ({ position, key: d.key, type: d.type, level: d.level, text: d.text, options: JSON.stringify(d.options ?? []) })) },
    },
    select: { id: true, items: { select: { id: true, position: true, type: true } } },
  });
  const items: TestQuestionnaire["items"] = {};
  for (const item of q.items) items[defs[item.position]!.name] = { id: item.id, type: item.type };
  return { id: q.id, kind, title, items };
}

export async function createQuestionnaires(db: Db) {
  return {
    immediate: await createQuestionnaire(db, "IMMEDIATE"),
    participant: await createQuestionnaire(db, "TRANSFER_PARTICIPANT"),
    leader: await createQuestionnaire(db, "TRANSFER_LEADER"),
  };
}

/** Answers by item name: a number (scale, 0–10), an array of option values (single/multiple choice) or a text. */
export type AnswerSet = Record<string, number | string[] | string | undefined>;

/** Writes anonymous responses (one per answer set) as FeedbackResponse + FeedbackAnswer rows. */
export async function addResponses(
  db: Db,
  q: TestQuestionnaire,
  {
    trainingId,
    sessionId = null,
    period = "2026-09",
    provider = "",
    unitPath = "",
    answers,
    gains = [],
  }: { trainingId: string; sessionId?: string | null; period?: string; provider?: string; unitPath?: string; answers: AnswerSet[]; gains?: { lineageId: string; before: number; after: number }[][] },
) {
  const responses = answers.map(() => ({ id: randomUUID(), questionnaireId: q.id, kind: q.kind, trainingId, sessionId, provider, period, unitPath }));
  await db.feedbackResponse.createMany({ data: responses });
  const rows = responses.flatMap((r, i) =>
    Object.entries(answers[i]!)
      .filter(([, v]) => v !== undefined)
      .map(([name, v]) => {
        const item = q.items[name];
        if (!item) throw new Error(`no item ${name}`);
        return {
          id: randomUUID(),
          responseId: r.id,
          itemId: item.id,
          value: typeof v === "number" ? v : null,
          choices: Array.isArray(v) ? JSON.stringify(v) : null,
          text: typeof v === "string" ? v : null,
        };
      }),
  );
  if (rows.length) await db.feedbackAnswer.createMany({ data: rows });
  const gainRows = responses.flatMap((r, i) => (gains[i] ?? []).map((g) => ({ id: randomUUID(), responseId: r.id, ...g })));
  if (gainRows.length) await db.feedbackLearningGain.createMany({ data: gainRows });
  return responses.map((r) => r.id);
}

/** Feedback requests of the given statuses for one person each of the given people (cycled). */
export async function addRequests(
  db: Db,
  {
    trainingId,
    sessionId = null,
    questionnaireId,
    kind,
    personIds,
    statuses,
    availableFrom = new Date("2026-09-15T08:00:00Z"),
    completionIds,
  }: { trainingId: string; sessionId?: string | null; questionnaireId: string; kind: Kind; personIds: string[]; statuses: Partial<Record<"PENDING" | "ANSWERED" | "EXPIRED", number>>; availableFrom?: Date; completionIds?: string[] },
) {
  const list = (Object.entries(statuses) as ["PENDING" | "ANSWERED" | "EXPIRED", number][]).flatMap(([status, n]) => Array.from({ length: n }, () => status));
  await db.feedbackRequest.createMany({
    data: list.map((status, i) => ({
      id: randomUUID(),
      personId: personIds[i % personIds.length]!,
      kind,
      questionnaireId,
      trainingId,
      sessionId,
      completionId: completionIds?.[i] ?? randomUUID(),
      availableFrom,
      expiresAt: new Date(availableFrom.getTime() + 28 * 86_400_000),
      status,
    })),
  });
}

/** Another session of a training (past by default). */
export async function addSession(db: Db, trainingId: string, { startsAt = new Date("2026-09-10T07:00:00Z"), trainerPersonId = null as string | null, location = "Rathaus" } = {}) {
  const endsAt = new Date(startsAt.getTime() + 4 * 3_600_000);
  return db.trainingSession.create({ data: { trainingId, startsAt, endsAt, capacity: 20, location, trainerPersonId, days: { create: [{ startsAt, endsAt }] } } });
}

/** `n` immediate answer sets with the given scale value, recommendation and texts. */
export function immediateAnswers(n: number, { scale = 4, recommendation = 9, best, improve }: { scale?: number; recommendation?: number; best?: (i: number) => string; improve?: (i: number) => string } = {}): AnswerSet[] {
  return Array.from({ length: n }, (_, i) => ({ relevance: scale, trainer: scale, learned: scale, recommendation, best: best?.(i), improve: improve?.(i) }));
}
