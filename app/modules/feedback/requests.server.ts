// Collecting feedback (issue 8): a completion with attendance asks the participant for feedback at
// once, and after the training's transfer delay the participant and their nearest leader get the
// transfer check. The reminder run notifies requests that became available, reminds once a week
// after, and lets unanswered requests expire. Answers are stored anonymously (responses.server.ts).
import type { Db, Tx } from "~/utils/db.server.ts";
import { getEnv } from "~/utils/env.server.ts";
import { formatDate } from "~/utils/i18n.ts";
import { idsInPath } from "~/modules/org/org.server.ts";
import { notify, type NotificationKind, type NotifyInput } from "~/modules/notifications/notify.server.ts";
import { ensureDefaultQuestionnaires } from "./defaults.ts";

const DAY_MS = 86_400_000;
const CHUNK = 500;
export const DEFAULT_TRANSFER_DELAY_DAYS = 56;
/** A request is reminded once, this many days after its notification. */
export const REMINDER_AFTER_DAYS = 7;

export type FeedbackKindValue = "IMMEDIATE" | "TRANSFER_PARTICIPANT" | "TRANSFER_LEADER";

export interface CompletionForFeedback {
  id: string;
  personId: string;
  trainingId: string;
  sessionId: string | null;
  completedAt: Date;
  result: "PARTICIPATED" | "PASSED" | "FAILED";
}

function chunks<T>(list: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

const addDaysTo = (instant: Date, days: number) => new Date(instant.getTime() + days * DAY_MS);

/** The nearest leader of a person whose unit has this path (not the person themselves). */
export function nearestLeader(personId: string, path: string | null | undefined, leaderOfUnit: ReadonlyMap<string, string | null>): string | null {
  if (!path) return null;
  const ids = idsInPath(path);
  for (let i = ids.length - 1; i >= 0; i--) {
    const leaderId = leaderOfUnit.get(ids[i]!);
    if (leaderId && leaderId !== personId) return leaderId;
  }
  return null;
}

/** Nearest leaders of many people at once: their units and every unit on their paths in two queries per chunk. */
export async function nearestLeaders(tx: Tx, personIds: readonly string[]) {
  const people: { id: string; orgUnit: { path: string } | null }[] = [];
  for (const part of chunks([...new Set(personIds)])) {
    people.push(...(await tx.person.findMany({ where: { id: { in: part } }, select: { id: true, orgUnit: { select: { path: true } } } })));
  }
  const unitIds = [...new Set(people.flatMap((p) => (p.orgUnit ? idsInPath(p.orgUnit.path) : [])))];
  const leaderOfUnit = new Map<string, string | null>();
  for (const part of chunks(unitIds)) {
    for (const u of await tx.orgUnit.findMany({ where: { id: { in: part } }, select: { id: true, leaderId: true } })) leaderOfUnit.set(u.id, u.leaderId);
  }
  return new Map(people.map((p) => [p.id, { path: p.orgUnit?.path ?? null, leaderId: nearestLeader(p.id, p.orgUnit?.path, leaderOfUnit) }]));
}

/**
 * Creates the feedback requests of new completions (in the completion's transaction): for each
 * completion with attendance (a session) that was not failed, of a training whose evaluation is
 * enabled (no setting = enabled with defaults): the immediate feedback, the participant's transfer
 * check and the nearest leader's transfer check. Requests that exist already are left alone.
 */
export async function createFeedbackRequests(tx: Tx, completions: readonly CompletionForFeedback[], { now = new Date() }: { now?: Date } = {}) {
  const eligible = completions.filter((c) => c.sessionId && c.result !== "FAILED");
  if (eligible.length === 0) return { created: 0 };
  const trainingIds = [...new Set(eligible.map((c) => c.trainingId))];
  const settings = new Map<string, { enabled: boolean; immediateQuestionnaireId: string | null; transferQuestionnaireId: string | null; leaderQuestionnaireId: string | null; transferDelayDays: number }>();
  for (const part of chunks(trainingIds)) {
    for (const s of await tx.trainingEvaluationSetting.findMany({ where: { trainingId: { in: part } } })) settings.set(s.trainingId, s);
  }
  const active = eligible.filter((c) => settings.get(c.trainingId)?.enabled !== false);
  if (active.length === 0) return { created: 0 };
  const needsDefault = active.some((c) => {
    const s = settings.get(c.trainingId);
    return !s || !s.immediateQuestionnaireId || !s.transferQuestionnaireId || !s.leaderQuestionnaireId;
  });
  const defaults = needsDefault ? await ensureDefaultQuestionnaires(tx) : null;
  const questionnaireFor = (trainingId: string, kind: FeedbackKindValue) => {
    const s = settings.get(trainingId);
    const chosen = kind === "IMMEDIATE" ? s?.immediateQuestionnaireId : kind === "TRANSFER_PARTICIPANT" ? s?.transferQuestionnaireId : s?.leaderQuestionnaireId;
    return chosen ?? defaults![kind];
  };
  const leaders = await nearestLeaders(tx, active.map((c) => c.personId));
  const expiryDays = getEnv().FEEDBACK_EXPIRY_DAYS;

  type NewRequest = {
    personId: string;
    subjectPersonId: string | null;
    kind: FeedbackKindValue;
    questionnaireId: string;
    trainingId: string;
    sessionId: string | null;
    completionId: string;
    availableFrom: Date;
    expiresAt: Date;
  };
  const wanted: NewRequest[] = [];
  for (const c of active) {
    const delay = settings.get(c.trainingId)?.transferDelayDays ?? DEFAULT_TRANSFER_DELAY_DAYS;
    const base = { trainingId: c.trainingId, sessionId: c.sessionId, completionId: c.id };
    const immediateFrom = now;
    const transferFrom = addDaysTo(c.completedAt, delay);
    wanted.push({ ...base, personId: c.personId, subjectPersonId: null, kind: "IMMEDIATE", questionnaireId: questionnaireFor(c.trainingId, "IMMEDIATE"), availableFrom: immediateFrom, expiresAt: addDaysTo(immediateFrom, expiryDays) });
    wanted.push({ ...base, personId: c.personId, subjectPersonId: null, kind: "TRANSFER_PARTICIPANT", questionnaireId: questionnaireFor(c.trainingId, "TRANSFER_PARTICIPANT"), availableFrom: transferFrom, expiresAt: addDaysTo(transferFrom, expiryDays) });
    const leaderId = leaders.get(c.personId)?.leaderId;
    if (leaderId) {
      wanted.push({ ...base, personId: leaderId, subjectPersonId: c.personId, kind: "TRANSFER_LEADER", questionnaireId: questionnaireFor(c.trainingId, "TRANSFER_LEADER"), availableFrom: transferFrom, expiresAt: addDaysTo(transferFrom, expiryDays) });
    }
  }
  // No skipDuplicates on SQLite: leave out what exists (the unique key guards the rest).
  const existing = new Set<string>();
  for (const part of chunks([...new Set(wanted.map((w) => w.completionId))])) {
    for (const r of await tx.feedbackRequest.findMany({ where: { completionId: { in: part } }, select: { completionId: true, kind: true, personId: true } })) {
      existing.add(`${r.completionId}|${r.kind}|${r.personId}`);
    }
  }
  const seen = new Set<string>();
  const fresh = wanted.filter((w) => {
    const key = `${w.completionId}|${w.kind}|${w.personId}`;
    if (existing.has(key) || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  for (const part of chunks(fresh, 200)) await tx.feedbackRequest.createMany({ data: part });
  return { created: fresh.length };
}

const KIND_NOTIFICATION: Record<FeedbackKindValue, NotificationKind> = {
  IMMEDIATE: "feedback.requested",
  TRANSFER_PARTICIPANT: "feedback.transferRequested",
  TRANSFER_LEADER: "feedback.leaderTransferRequested",
};

class ClaimConflict extends Error {}

/** Retries a chunk whose guarded claim lost rows to an overlapping run (or hit a write lock). */
async function withRetry<T>(fn: () => Promise<T>, attempts = 5): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (error) {
      const message = (error as Error)?.message ?? "";
      const code = (error as { code?: string })?.code;
      const retriable = error instanceof ClaimConflict || code === "P2034" || /locked|busy|deadlock|could not serialize|write conflict/i.test(message);
      if (!retriable || i >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * i + Math.floor(Math.random() * 30)));
    }
  }
}

type Candidate = {
  id: string;
  personId: string;
  subjectPersonId: string | null;
  kind: FeedbackKindValue;
  expiresAt: Date;
  training: { title: string };
};

/**
 * Claims a chunk of candidates with a guarded update and notifies them, in one transaction. When
 * an overlapping run claimed some of them first, the update counts fewer rows: the transaction is
 * rolled back and the chunk read again, so every request is notified (or reminded) exactly once.
 */
async function claimAndNotify(
  db: Db,
  find: (tx: Tx) => Promise<Candidate[]>,
  claim: (tx: Tx, ids: string[]) => Promise<number>,
  message: (c: Candidate, subjects: Map<string, string>) => NotifyInput,
) {
  let total = 0;
  for (;;) {
    const done = await withRetry(() =>
      db.$transaction(async (tx) => {
        const candidates = await find(tx);
        if (candidates.length === 0) return null;
        const count = await claim(tx, candidates.map((c) => c.id));
        if (count !== candidates.length) throw new ClaimConflict();
        const subjectIds = [...new Set(candidates.map((c) => c.subjectPersonId).filter((id): id is string => !!id))];
        const subjects = new Map(
          subjectIds.length
            ? (await tx.person.findMany({ where: { id: { in: subjectIds } }, select: { id: true, firstName: true, lastName: true } })).map((p) => [p.id, `${p.firstName} ${p.lastName}`])
            : [],
        );
        await notify(tx, candidates.map((c) => message(c, subjects)));
        return candidates.length;
      }),
    );
    if (done === null) return total;
    total += done;
  }
}

const candidateSelect = { id: true, personId: true, subjectPersonId: true, kind: true, expiresAt: true, training: { select: { title: true } } } as const;

/**
 * The feedback part of the reminder run: expires unanswered requests past their date, notifies
 * requests that became available, and reminds once, REMINDER_AFTER_DAYS after the notification.
 * Safe to run often and in parallel (guarded updates).
 */
export async function processFeedbackRequests(db: Db, { now = new Date() }: { now?: Date } = {}) {
  const expired = (await db.feedbackRequest.updateMany({ where: { status: "PENDING", expiresAt: { lte: now } }, data: { status: "EXPIRED" } })).count;
  const open = { status: "PENDING" as const, expiresAt: { gt: now } };
  const notified = await claimAndNotify(
    db,
    async (tx) => (await tx.feedbackRequest.findMany({ where: { ...open, notifiedAt: null, availableFrom: { lte: now } }, select: candidateSelect, orderBy: { id: "asc" }, take: CHUNK })) as Candidate[],
    async (tx, ids) => (await tx.feedbackRequest.updateMany({ where: { id: { in: ids }, notifiedAt: null, status: "PENDING" }, data: { notifiedAt: now } })).count,
    (c, subjects) => ({
      personId: c.personId,
      kind: KIND_NOTIFICATION[c.kind],
      params: { training: c.training.title, date: formatDate(lastDay(c.expiresAt), "de"), ...(c.subjectPersonId ? { person: subjects.get(c.subjectPersonId) ?? "" } : {}) },
      link: `/feedback/${c.id}`,
    }),
  );
  const remindBefore = addDaysTo(now, -REMINDER_AFTER_DAYS);
  const reminded = await claimAndNotify(
    db,
    async (tx) => (await tx.feedbackRequest.findMany({ where: { ...open, remindedAt: null, notifiedAt: { lte: remindBefore } }, select: candidateSelect, orderBy: { id: "asc" }, take: CHUNK })) as Candidate[],
    async (tx, ids) => (await tx.feedbackRequest.updateMany({ where: { id: { in: ids }, remindedAt: null, status: "PENDING" }, data: { remindedAt: now } })).count,
    (c) => ({
      personId: c.personId,
      kind: "feedback.reminder",
      params: { training: c.training.title, date: formatDate(lastDay(c.expiresAt), "de") },
      link: `/feedback/${c.id}`,
    }),
  );
  return { notified, reminded, expired };
}

/** The last moment a request can be answered, for "bitte antworten Sie bis zum …". */
export function lastDay(expiresAt: Date) {
  return new Date(expiresAt.getTime() - 1);
}
