// What follows a new training completion in other parts of the product, in the completion's
// transaction: journey steps are ticked (Lernreisen); feedback requests are created (Wirksamkeit).
import type { Tx } from "~/utils/db.server.ts";
import { completeJourneySteps } from "~/modules/journeys/step-completion.server.ts";
import { createFeedbackRequests } from "~/modules/feedback/requests.server.ts";

export interface NewCompletion {
  id: string;
  personId: string;
  trainingId: string;
  sessionId: string | null;
  completedAt: Date;
  result: "PARTICIPATED" | "PASSED" | "FAILED";
}

export async function afterCompletionsCreated(tx: Tx, completions: readonly NewCompletion[], { now = new Date() }: { now?: Date } = {}) {
  // A failed exam does not tick a step.
  const counting = completions.filter((c) => c.result !== "FAILED");
  await completeJourneySteps(
    tx,
    counting.map((c) => ({ completionId: c.id, personId: c.personId, trainingId: c.trainingId })),
    { now },
  );
  // Feedback requests for completions with attendance (the module filters failed and external ones).
  await createFeedbackRequests(tx, completions, { now });
}
