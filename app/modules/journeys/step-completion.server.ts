// A recorded training completion ticks the matching training steps of the person's agreed or
// active journeys (issue "Lernreisen": completing the linked training completes the step).
import { randomUUID } from "node:crypto";
import type { Tx } from "~/utils/db.server.ts";

export interface CompletedTraining {
  completionId: string;
  personId: string;
  trainingId: string;
}

/**
 * Marks open training steps done for each completion (one query to find them, one update per
 * completion that matched), records a STEP_CHANGED event, and moves an agreed journey to active.
 * Returns the ids of the steps that were ticked.
 */
export async function completeJourneySteps(tx: Tx, completions: readonly CompletedTraining[], { now = new Date() } = {}) {
  if (completions.length === 0) return [];
  const ticked: string[] = [];
  const personIds = [...new Set(completions.map((c) => c.personId))];
  const trainingIds = [...new Set(completions.map((c) => c.trainingId))];
  for (let i = 0; i < personIds.length; i += 400) {
    const steps = await tx.journeyStep.findMany({
      where: {
        kind: "TRAINING",
        trainingId: { in: trainingIds },
        status: { in: ["OPEN", "IN_PROGRESS"] },
        journey: { personId: { in: personIds.slice(i, i + 400) }, status: { in: ["AGREED", "ACTIVE"] } },
      },
      select: { id: true, journeyId: true, trainingId: true, title: true, status: true, journey: { select: { personId: true, status: true } } },
    });
    const completionOf = new Map(completions.map((c) => [`${c.personId}:${c.trainingId}`, c.completionId]));
    const events = [];
    const activated = new Set<string>();
    for (const step of steps) {
      const completionId = completionOf.get(`${step.journey.personId}:${step.trainingId}`);
      if (!completionId) continue;
      await tx.journeyStep.update({ where: { id: step.id }, data: { status: "DONE", completionId, doneAt: now } });
      ticked.push(step.id);
      events.push({ id: randomUUID(), journeyId: step.journeyId, kind: "STEP_CHANGED", actorUserId: null, actorName: "", comment: "", detail: JSON.stringify({ stepId: step.id, step: step.title, from: step.status, to: "DONE", cause: "completion", completionId }), createdAt: now });
      if (step.journey.status === "AGREED") activated.add(step.journeyId);
    }
    if (activated.size > 0) {
      await tx.learningJourney.updateMany({ where: { id: { in: [...activated] }, status: "AGREED" }, data: { status: "ACTIVE", activatedAt: now } });
      for (const journeyId of activated) {
        events.push({ id: randomUUID(), journeyId, kind: "ACTIVATED", actorUserId: null, actorName: "", comment: "", detail: JSON.stringify({ cause: "completion" }), createdAt: now });
      }
    }
    if (events.length > 0) await tx.journeyEvent.createMany({ data: events });
  }
  return ticked;
}
