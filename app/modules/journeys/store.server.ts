// The one writer of new journeys (from a gap proposal, a template or by hand): journeys, phases,
// steps and their CREATED event in multi-row inserts, so assigning a template to a group of 300
// people is a handful of statements, not 300 round trips. Callers check permissions and write
// their audit event in the same transaction.
import { randomUUID } from "node:crypto";
import type { Prisma } from "~/generated/sqlite/client.ts";
import type { Tx } from "~/utils/db.server.ts";
import type { Day } from "~/modules/compliance/days.ts";
import type { GoalKind, JourneyEventKind, JourneyStatus, StepKind } from "./model.ts";

export interface NewJourneyStep {
  kind: StepKind;
  title: string;
  description?: string;
  url?: string;
  trainingId?: string | null;
  sessionId?: string | null;
  competencyId?: string | null;
  lineageId?: string | null;
  targetLevel?: number | null;
  dueOn?: Day | null;
  /** Why the step is there (gap proposal) or where it came from (template). */
  rationale?: string;
  templateStepId?: string | null;
}

export interface NewJourneyPhase {
  title: string;
  steps: NewJourneyStep[];
}

export interface NewJourney {
  personId: string;
  title: string;
  goalKind: GoalKind;
  goalText?: string;
  targetPositionId?: string | null;
  startsOn: Day;
  endsOn: Day;
  status?: JourneyStatus;
  templateId?: string | null;
  templateVersion?: number | null;
  cohortId?: string | null;
  phases: NewJourneyPhase[];
  /** Extra detail for the CREATED event, e.g. { unclosableGaps: [...] } of a gap proposal. */
  eventDetail?: Record<string, unknown>;
}

export interface JourneyAuthor {
  userId: string;
  /** Display name kept on the event (accounts may go, history stays readable). */
  name: string;
}

const CHUNK = 200;

async function inChunks<T>(rows: T[], write: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += CHUNK) await write(rows.slice(i, i + CHUNK));
}

/** Inserts the journeys with their phases, steps and a CREATED event; returns the new ids in input order. */
export async function insertJourneys(tx: Tx, author: JourneyAuthor, journeys: readonly NewJourney[], { now = new Date(), eventKind = "CREATED" as JourneyEventKind, comment = "" } = {}) {
  const journeyRows: Prisma.LearningJourneyCreateManyInput[] = [];
  const phaseRows: Prisma.JourneyPhaseCreateManyInput[] = [];
  const stepRows: Prisma.JourneyStepCreateManyInput[] = [];
  const eventRows: Prisma.JourneyEventCreateManyInput[] = [];
  const ids: string[] = [];
  for (const j of journeys) {
    const journeyId = randomUUID();
    ids.push(journeyId);
    const status = j.status ?? "DRAFT";
    journeyRows.push({
      id: journeyId,
      personId: j.personId,
      title: j.title,
      goalKind: j.goalKind,
      goalText: j.goalText ?? "",
      targetPositionId: j.targetPositionId ?? null,
      status,
      startsOn: j.startsOn,
      endsOn: j.endsOn,
      templateId: j.templateId ?? null,
      templateVersion: j.templateVersion ?? null,
      cohortId: j.cohortId ?? null,
      createdById: author.userId,
      proposedAt: status === "PROPOSED" ? now : null,
      createdAt: now,
    });
    let stepPosition = 0;
    j.phases.forEach((phase, phaseIndex) => {
      const phaseId = randomUUID();
      phaseRows.push({ id: phaseId, journeyId, position: phaseIndex, title: phase.title });
      for (const s of phase.steps) {
        stepRows.push({
          id: randomUUID(),
          journeyId,
          phaseId,
          position: stepPosition++,
          kind: s.kind,
          title: s.title,
          description: s.description ?? "",
          url: s.url ?? "",
          trainingId: s.trainingId ?? null,
          sessionId: s.sessionId ?? null,
          competencyId: s.competencyId ?? null,
          lineageId: s.lineageId ?? null,
          targetLevel: s.targetLevel ?? null,
          dueOn: s.dueOn ?? null,
          rationale: s.rationale ?? "",
          templateStepId: s.templateStepId ?? null,
        });
      }
    });
    eventRows.push({ id: randomUUID(), journeyId, kind: eventKind, actorUserId: author.userId, actorName: author.name, comment, detail: JSON.stringify({ status, ...(j.eventDetail ?? {}) }), createdAt: now });
  }
  await inChunks(journeyRows, (data) => tx.learningJourney.createMany({ data }));
  await inChunks(phaseRows, (data) => tx.journeyPhase.createMany({ data }));
  await inChunks(stepRows, (data) => tx.journeyStep.createMany({ data }));
  await inChunks(eventRows, (data) => tx.journeyEvent.createMany({ data }));
  return ids;
}

/** Appends history events (state changes, comments, step changes). */
export async function appendJourneyEvents(
  tx: Tx,
  author: JourneyAuthor | null,
  events: readonly { journeyId: string; kind: JourneyEventKind; comment?: string; detail?: Record<string, unknown> }[],
  { now = new Date() } = {},
) {
  if (events.length === 0) return;
  await inChunks(
    events.map((e) => ({
      id: randomUUID(),
      journeyId: e.journeyId,
      kind: e.kind,
      actorUserId: author?.userId ?? null,
      actorName: author?.name ?? "",
      comment: e.comment ?? "",
      detail: JSON.stringify(e.detail ?? {}),
      createdAt: now,
    })),
    (data) => tx.journeyEvent.createMany({ data }),
  );
}
