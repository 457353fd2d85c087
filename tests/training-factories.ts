import { randomUUID } from "node:crypto";
import type { Db } from "~/utils/db.server.ts";

const DAY = 24 * 60 * 60 * 1000;

/**
 * A published training with one scheduled one-day session starting `startsInDays` from now.
 * `competencies` maps competency nodes to the level the training leads to.
 */
export async function createTraining(
  db: Db,
  {
    title = "Testschulung",
    format = "CLASSROOM" as "CLASSROOM" | "WEBINAR" | "ELEARNING" | "BLENDED" | "ON_THE_JOB" | "MENTORING",
    requiresApproval = true,
    status = "PUBLISHED" as "DRAFT" | "PUBLISHED" | "ARCHIVED",
    capacity = 10,
    startsInDays = 30,
    durationMinutes = 240,
    competencies = [] as { node: { id: string; lineageId: string }; targetLevel: number }[],
    trainerPersonId = null as string | null,
  } = {},
) {
  const code = `T-${randomUUID().slice(0, 8)}`;
  return db.$transaction(async (tx) => {
    const training = await tx.training.create({
      data: {
        code,
        title,
        format,
        requiresApproval,
        status,
        durationMinutes,
        searchText: `${code} ${title}`.toLowerCase(),
        competencies: {
          create: competencies.map((c) => ({ competencyId: c.node.id, lineageId: c.node.lineageId, targetLevel: c.targetLevel })),
        },
      },
    });
    const startsAt = new Date(Date.now() + startsInDays * DAY);
    const endsAt = new Date(startsAt.getTime() + durationMinutes * 60 * 1000);
    const session = await tx.trainingSession.create({
      data: {
        trainingId: training.id,
        startsAt,
        endsAt,
        location: "Rathaus, Raum 101",
        capacity,
        trainerPersonId,
        days: { create: [{ startsAt, endsAt }] },
      },
    });
    return { training, session };
  });
}
