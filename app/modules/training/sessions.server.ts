// Sessions of a training: one or several days, place or online link, trainer, capacity and
// enrolment deadline. HR development creates and edits them; cancelling a whole session (with
// its enrolments) belongs to the enrolment module. startsAt/endsAt are the first day's start and
// the last day's end, kept in step with the days for the catalogue's date filter.
import type { Db, Tx } from "~/utils/db.server.ts";
import { recordAudit } from "~/modules/audit/audit.server.ts";
import type { Actor } from "~/modules/auth/permissions.ts";
import { NotFoundError, ValidationError } from "~/modules/errors.ts";
import { notify } from "~/modules/notifications/notify.server.ts";
import { ACTIVE_STATUSES, promoteFromWaitlist, sessionParams } from "./enrolment.server.ts";
import { requireCatalogueEditor } from "./catalogue.server.ts";
import type { SessionInput } from "./schemas.ts";
import { formatDateTime } from "~/utils/i18n.ts";

/** The trainer who works here, by e-mail address or personnel number (people who left do not count). */
async function resolveTrainer(tx: Tx, reference: string) {
  if (!reference) return null;
  const key = reference.trim();
  const person = await tx.person.findFirst({
    where: { status: { not: "LEFT" }, OR: [{ email: key.toLowerCase() }, { email: key }, { personnelNumber: key }] },
    select: { id: true, firstName: true, lastName: true },
  });
  if (!person) throw new ValidationError("form.checkFields", { trainerPerson: ["catalogue.validation.trainerUnknown"] });
  return person;
}

function bounds(days: SessionInput["days"]) {
  return { startsAt: days[0]!.startsAt, endsAt: days.reduce((max, d) => (d.endsAt > max ? d.endsAt : max), days[0]!.endsAt) };
}

function placeOf(s: { location: string; onlineUrl: string }) {
  return [s.location, s.onlineUrl].filter(Boolean).join(" · ");
}

export async function createSession(db: Db, actor: Actor, trainingId: string, input: SessionInput) {
  requireCatalogueEditor(actor);
  return db.$transaction(async (tx) => {
    const training = await tx.training.findUnique({ where: { id: trainingId }, select: { id: true, code: true, title: true, status: true } });
    if (!training) throw new NotFoundError("Schulung nicht gefunden");
    if (training.status === "ARCHIVED") throw new ValidationError("catalogue.validation.trainingArchived");
    const trainer = await resolveTrainer(tx, input.trainerPerson);
    const session = await tx.trainingSession.create({
      data: {
        trainingId,
        ...bounds(input.days),
        location: input.location,
        onlineUrl: input.onlineUrl,
        trainerName: input.trainerName || (trainer ? `${trainer.firstName} ${trainer.lastName}` : ""),
        trainerPersonId: trainer?.id ?? null,
        capacity: input.capacity,
        enrolmentDeadline: input.enrolmentDeadline,
        days: { create: input.days.map((d) => ({ startsAt: d.startsAt, endsAt: d.endsAt })) },
      },
    });
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: "session.create",
      entityType: "TrainingSession",
      entityId: session.id,
      summary: `${training.code} ${training.title}: ${formatDateTime(session.startsAt, "de")}, ${input.days.length} Tag(e), ${input.capacity} Plätze`,
    });
    return session;
  });
}

/**
 * Changes a session. The capacity may not go below the confirmed places (checked in the same
 * guarded UPDATE that writes it, so a seat taken meanwhile is not lost); when it grows, people
 * move up from the waiting list. People with an active enrolment are told when dates or place
 * change.
 */
export async function updateSession(db: Db, actor: Actor, sessionId: string, input: SessionInput) {
  requireCatalogueEditor(actor);
  return db.$transaction(async (tx) => {
    const before = await tx.trainingSession.findUnique({
      where: { id: sessionId },
      select: {
        id: true,
        status: true,
        capacity: true,
        confirmedCount: true,
        startsAt: true,
        endsAt: true,
        location: true,
        onlineUrl: true,
        trainingId: true,
        training: { select: { code: true, title: true } },
        days: { orderBy: { startsAt: "asc" }, select: { startsAt: true, endsAt: true } },
      },
    });
    if (!before) throw new NotFoundError("Termin nicht gefunden");
    if (before.status === "CANCELLED") throw new ValidationError("catalogue.validation.sessionCancelled");
    const capacityError = new ValidationError("form.checkFields", { capacity: ["catalogue.validation.capacityBelowConfirmed"] });
    if (input.capacity < before.confirmedCount) throw capacityError;
    const trainer = await resolveTrainer(tx, input.trainerPerson);
    const { startsAt, endsAt } = bounds(input.days);
    const { count } = await tx.trainingSession.updateMany({
      where: { id: sessionId, status: "SCHEDULED", confirmedCount: { lte: input.capacity } },
      data: {
        startsAt,
        endsAt,
        location: input.location,
        onlineUrl: input.onlineUrl,
        trainerName: input.trainerName || (trainer ? `${trainer.firstName} ${trainer.lastName}` : ""),
        trainerPersonId: trainer?.id ?? null,
        capacity: input.capacity,
        enrolmentDeadline: input.enrolmentDeadline,
      },
    });
    if (count !== 1) throw capacityError;
    await tx.sessionDay.deleteMany({ where: { sessionId } });
    await tx.sessionDay.createMany({ data: input.days.map((d) => ({ sessionId, startsAt: d.startsAt, endsAt: d.endsAt })) });

    const promoted = input.capacity > before.capacity ? await promoteFromWaitlist(tx, actor, sessionId) : [];

    const sameDays =
      before.days.length === input.days.length &&
      before.days.every((d, i) => d.startsAt.getTime() === input.days[i]!.startsAt.getTime() && d.endsAt.getTime() === input.days[i]!.endsAt.getTime());
    const movedOrRelocated = !sameDays || before.location !== input.location || before.onlineUrl !== input.onlineUrl;
    let informed = 0;
    if (movedOrRelocated && endsAt > new Date()) {
      const enrolled = await tx.enrolment.findMany({ where: { sessionId, status: { in: ACTIVE_STATUSES } }, select: { personId: true } });
      const place = placeOf(input);
      await notify(
        tx,
        enrolled.map((e) => ({
          personId: e.personId,
          kind: "session.changed" as const,
          params: { ...sessionParams({ startsAt, training: before.training }), place },
          link: `/schulungen/${before.trainingId}`,
        })),
      );
      informed = enrolled.length;
    }
    const changes = [
      before.capacity !== input.capacity ? `Plätze ${before.capacity} → ${input.capacity}` : "",
      !sameDays ? `Termin ${formatDateTime(before.startsAt, "de")} → ${formatDateTime(startsAt, "de")}` : "",
      before.location !== input.location || before.onlineUrl !== input.onlineUrl ? `Ort → ${placeOf(input)}` : "",
      promoted.length ? `${promoted.length} nachgerückt` : "",
      informed ? `${informed} Angemeldete benachrichtigt` : "",
    ].filter(Boolean);
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: "session.update",
      entityType: "TrainingSession",
      entityId: sessionId,
      summary: `${before.training.code} ${before.training.title}: ${changes.join("; ") || "Angaben geändert"}`,
    });
    return { promoted: promoted.length, informed };
  });
}

/** A session with its days and training, for the edit form. */
export async function getSessionForEdit(db: Db, actor: Actor, sessionId: string) {
  requireCatalogueEditor(actor);
  const session = await db.trainingSession.findUnique({
    where: { id: sessionId },
    include: {
      days: { orderBy: { startsAt: "asc" }, select: { startsAt: true, endsAt: true } },
      trainer: { select: { email: true, firstName: true, lastName: true } },
      training: { select: { id: true, code: true, title: true, status: true } },
      _count: { select: { enrolments: { where: { status: "WAITLISTED" } } } },
    },
  });
  if (!session) throw new NotFoundError("Termin nicht gefunden");
  return session;
}

/** The training a new session is for (title for the page; archived ones take no new sessions). */
export async function getTrainingForNewSession(db: Db, actor: Actor, trainingId: string) {
  requireCatalogueEditor(actor);
  const training = await db.training.findUnique({ where: { id: trainingId }, select: { id: true, code: true, title: true, status: true, format: true } });
  if (!training) throw new NotFoundError("Schulung nicht gefunden");
  return training;
}
