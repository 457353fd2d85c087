// Test data for "Lernreise vorschlagen", reminders, the journey calendar and the leader's team
// view: a scenario whose employee has gaps, trainings that close them, and journeys written
// straight through the journey writer.
import { randomUUID } from "node:crypto";
import type { Db } from "~/utils/db.server.ts";
import { upsertPositionRequirement } from "~/modules/competency/profiles.server.ts";
import { insertJourneys, type NewJourney } from "~/modules/journeys/store.server.ts";
import type { JourneyStatus, StepKind, StepStatus } from "~/modules/journeys/model.ts";
import { actorFor, createScenario } from "./factories.ts";
import { createPublishedFramework } from "./competency-factories.ts";

/**
 * createScenario plus a framework: Emil's position requires K.1 "Verständlich schreiben" at level 3
 * (ESSENTIAL, current 1) and K.2 "Zuhören" at level 2 (IMPORTANT, not assessed).
 */
export async function createGapScenario(db: Db) {
  const s = await createScenario(db);
  const hr = await actorFor(db, s.hrUser.id);
  const fw = await createPublishedFramework(db);
  await upsertPositionRequirement(db, hr, s.employee.position.id, { competencyId: fw.writing.id, targetLevel: 3, importance: "ESSENTIAL" });
  await upsertPositionRequirement(db, hr, s.employee.position.id, { competencyId: fw.listening.id, targetLevel: 2, importance: "IMPORTANT" });
  await db.competencyLevelRecord.create({ data: { personId: s.employee.id, competencyId: fw.writing.id, lineageId: fw.writing.lineageId, level: 1, source: "AGREED" } });
  return { ...s, fw, hr };
}

export interface StepSpec {
  title?: string;
  kind?: StepKind;
  status?: StepStatus;
  dueOn?: string | null;
  trainingId?: string | null;
  sessionId?: string | null;
}

/** A journey of one person in the given state, written with the journey writer (steps set to their status). */
export async function createJourney(
  db: Db,
  { personId, status = "ACTIVE", title = `Lernreise ${randomUUID().slice(0, 6)}`, startsOn = "2026-11-01", endsOn = "2027-02-28", steps = [] as StepSpec[], authorUserId = "test" }: {
    personId: string;
    status?: JourneyStatus;
    title?: string;
    startsOn?: string;
    endsOn?: string;
    steps?: StepSpec[];
    authorUserId?: string;
  },
) {
  const journey: NewJourney = {
    personId,
    title,
    goalKind: "FREE",
    startsOn,
    endsOn,
    status,
    phases: [
      {
        title: "Phase 1",
        steps: steps.map((s, i) => ({ kind: s.kind ?? "READING", title: s.title ?? `Schritt ${i + 1}`, dueOn: s.dueOn ?? null, trainingId: s.trainingId ?? null, sessionId: s.sessionId ?? null })),
      },
    ],
  };
  const id = await db.$transaction(async (tx) => (await insertJourneys(tx, { userId: authorUserId, name: "Test" }, [journey]))[0]!);
  const rows = await db.journeyStep.findMany({ where: { journeyId: id }, orderBy: { position: "asc" }, select: { id: true } });
  for (const [i, spec] of steps.entries()) {
    if (spec.status && spec.status !== "OPEN") await db.journeyStep.update({ where: { id: rows[i]!.id }, data: { status: spec.status } });
  }
  return { id, stepIds: rows.map((r) => r.id) };
}
