// Journeys for tests, written through the one writer (insertJourneys).
import type { Db } from "~/utils/db.server.ts";
import { insertJourneys, type NewJourneyStep } from "~/modules/journeys/store.server.ts";
import type { JourneyStatus } from "~/modules/journeys/model.ts";
import { addDays, todayInBerlin } from "~/modules/compliance/days.ts";

export async function createJourney(
  db: Db,
  {
    personId,
    authorUserId,
    title = "Testlernreise",
    status = "DRAFT" as JourneyStatus,
    steps = [{ kind: "READING", title: "Fachbuch lesen" }] as NewJourneyStep[],
    phases = null as { title: string; steps: NewJourneyStep[] }[] | null,
    startsOn = todayInBerlin(),
    endsOn = addDays(todayInBerlin(), 180),
    eventDetail = undefined as Record<string, unknown> | undefined,
  }: {
    personId: string;
    authorUserId: string;
    title?: string;
    status?: JourneyStatus;
    steps?: NewJourneyStep[];
    phases?: { title: string; steps: NewJourneyStep[] }[] | null;
    startsOn?: string;
    endsOn?: string;
    eventDetail?: Record<string, unknown>;
  },
) {
  const [id] = await db.$transaction((tx) =>
    insertJourneys(tx, { userId: authorUserId, name: "Test" }, [{ personId, title, goalKind: "FREE", goalText: "Ziel", startsOn, endsOn, status, phases: phases ?? [{ title: "Phase 1", steps }], eventDetail }]),
  );
  return id!;
}

export async function stepsOf(db: Db, journeyId: string) {
  return db.journeyStep.findMany({ where: { journeyId }, orderBy: { position: "asc" } });
}
