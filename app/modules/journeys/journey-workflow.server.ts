// The journey workflow (docs/decisions/020): propose, send back, agree (= approval of the chosen
// training sessions), start, step status, reflection, comments, complete (freezes a record),
// cancel. Explicit state checks with canMove; each change in one transaction with an audit event
// and a history event; notifications go to the other side.
import type { Db, Tx } from "~/utils/db.server.ts";
import type { Actor } from "~/modules/auth/permissions.ts";
import { AccessDeniedError, ValidationError } from "~/modules/errors.ts";
import { recordAudit } from "~/modules/audit/audit.server.ts";
import { notify, type NotifyInput } from "~/modules/notifications/notify.server.ts";
import { leadersOf } from "~/modules/org/org.server.ts";
import { enrolApprovedInTx } from "~/modules/training/enrolment.server.ts";
import { canAgree, requireJourneyAccess } from "./access.server.ts";
import { appendJourneyEvents, type JourneyAuthor } from "./store.server.ts";
import { allStepsResolved, canMove, progressOf, type JourneyStatus, type StepStatus } from "./model.ts";
import { CommentSchema, fieldErrorsOf, ReflectionSchema, StepStatusSchema } from "./journey-schemas.ts";
import { authorOf, personName, type CompletionRecord } from "./journeys.server.ts";

const link = (journeyId: string) => `/lernreisen/${journeyId}`;

async function loadForChange(tx: Tx, actor: Actor, journeyId: string) {
  const { journey, access } = await requireJourneyAccess(tx, actor, journeyId, "update");
  return { journey: { ...journey, status: journey.status as JourneyStatus }, access, author: await authorOf(tx, actor) };
}

function assertMove(from: JourneyStatus, to: JourneyStatus) {
  if (!canMove(from, to)) throw new ValidationError(`journeys.error.cannotMoveTo.${to}`);
}

/** Leader and deputy of the person's nearest led unit (the people who agree), without the person. */
async function approversOf(tx: Tx, person: { id: string; orgUnit: { path: string } | null }) {
  const nearest = (await leadersOf(tx, person))[0];
  if (!nearest) return [];
  return [nearest.leader.id, nearest.deputy?.id].filter((id): id is string => !!id && id !== person.id);
}

/** Moves the status with a guarded update (a concurrent change makes the second one fail). */
async function move(tx: Tx, journeyId: string, from: JourneyStatus, to: JourneyStatus, data: Record<string, unknown> = {}) {
  assertMove(from, to);
  const { count } = await tx.learningJourney.updateMany({ where: { id: journeyId, status: from }, data: { status: to, ...data } });
  if (count !== 1) throw new ValidationError("journeys.error.changedMeanwhile");
}

async function finish(tx: Tx, actor: Actor, author: JourneyAuthor, journey: { id: string; personId: string; title: string }, event: { kind: Parameters<typeof appendJourneyEvents>[2][number]["kind"]; comment?: string; detail?: Record<string, unknown> }, audit: { action: string; summary: string }, now: Date) {
  await appendJourneyEvents(tx, author, [{ journeyId: journey.id, ...event }], { now });
  await recordAudit(tx, { actorUserId: actor.userId, action: audit.action, entityType: "LearningJourney", entityId: journey.id, affectedPersonId: journey.personId, summary: `${journey.title}: ${audit.summary}`.slice(0, 500) });
}

/** Draft → proposed. The owner proposes to their leaders; a leader or HR proposes to the person. */
export async function proposeJourney(db: Db, actor: Actor, journeyId: string, { now = new Date() }: { now?: Date } = {}) {
  return db.$transaction(async (tx) => {
    const { journey, access, author } = await loadForChange(tx, actor, journeyId);
    await move(tx, journey.id, journey.status, "PROPOSED", { proposedAt: now });
    const steps = await tx.journeyStep.count({ where: { journeyId } });
    if (steps === 0) throw new ValidationError("journeys.error.noSteps");
    if (access === "own") {
      const approvers = await approversOf(tx, journey.person);
      await notify(tx, approvers.map((personId): NotifyInput => ({ personId, kind: "journey.proposed", params: { title: journey.title, person: personName(journey.person) }, link: link(journey.id) })));
    } else {
      await notify(tx, { personId: journey.personId, kind: "journey.proposedToPerson", params: { title: journey.title, sender: author.name }, link: link(journey.id) });
    }
    await finish(tx, actor, author, journey, { kind: "PROPOSED", detail: { from: journey.status, to: "PROPOSED", by: access } }, { action: "journey.propose", summary: access === "own" ? "zur Abstimmung vorgelegt" : `der Person vorgeschlagen (Zugriff: ${access})` }, now);
    return { id: journey.id, access };
  });
}

async function requireAgreer(tx: Tx, actor: Actor, journeyId: string) {
  const loaded = await loadForChange(tx, actor, journeyId);
  // Never the person themself, even with HR rights: agreeing is the leader's (or HR's) approval.
  if (!canAgree(actor, loaded.journey.person)) throw new AccessDeniedError("Einer eigenen Lernreise stimmt Ihre Führungskraft zu.");
  return loaded;
}

/** Proposed → draft with a required comment (leader or HR only). */
export async function sendBackJourney(db: Db, actor: Actor, journeyId: string, input: { comment?: string }, { now = new Date() }: { now?: Date } = {}) {
  const parsed = CommentSchema.safeParse({ comment: input.comment ?? "" });
  if (!parsed.success) throw new ValidationError("form.checkFields", fieldErrorsOf(parsed.error));
  return db.$transaction(async (tx) => {
    const { journey, author } = await requireAgreer(tx, actor, journeyId);
    await move(tx, journey.id, journey.status, "DRAFT", { proposedAt: null });
    await notify(tx, { personId: journey.personId, kind: "journey.sentBack", params: { title: journey.title, sender: author.name, comment: parsed.data.comment }, link: link(journey.id) });
    await finish(tx, actor, author, journey, { kind: "SENT_BACK", comment: parsed.data.comment, detail: { from: "PROPOSED", to: "DRAFT" } }, { action: "journey.sendBack", summary: "zur Überarbeitung zurückgegeben" }, now);
    return { id: journey.id };
  });
}

/**
 * Proposed → agreed (leader or HR only, never the owner). The agreement approves the chosen
 * sessions of training steps: each gets an enrolment (a seat, else the waiting list), unless the
 * person already has an active one for it (that one is linked). Steps without a session stay open.
 */
export async function agreeJourney(db: Db, actor: Actor, journeyId: string, input: { comment?: string } = {}, { now = new Date() }: { now?: Date } = {}) {
  const comment = (input.comment ?? "").trim();
  if (comment.length > 2000) throw new ValidationError("form.checkFields", { comment: ["journeys.validation.commentTooLong"] });
  return db.$transaction(async (tx) => {
    const { journey, author } = await requireAgreer(tx, actor, journeyId);
    await move(tx, journey.id, journey.status, "AGREED", { agreedAt: now, agreedById: actor.userId });
    const steps = await tx.journeyStep.findMany({
      where: { journeyId, kind: "TRAINING", sessionId: { not: null }, enrolmentId: null, status: { in: ["OPEN", "IN_PROGRESS"] } },
      orderBy: { position: "asc" },
      select: { id: true, sessionId: true, title: true },
    });
    const enrolments: { stepId: string; enrolmentId: string; status: string; created: boolean }[] = [];
    for (const step of steps) {
      const result = await enrolApprovedInTx(tx, actor, { personId: journey.personId, sessionId: step.sessionId!, note: `Lernreise „${journey.title}“` }, { now });
      if (!result) continue;
      await tx.journeyStep.update({ where: { id: step.id }, data: { enrolmentId: result.enrolmentId } });
      enrolments.push({ stepId: step.id, ...result });
    }
    await notify(tx, { personId: journey.personId, kind: "journey.agreed", params: { title: journey.title, sender: author.name }, link: link(journey.id) });
    await finish(
      tx,
      actor,
      author,
      journey,
      { kind: "AGREED", comment, detail: { from: "PROPOSED", to: "AGREED", enrolments: enrolments.map((e) => ({ stepId: e.stepId, status: e.status, created: e.created })) } },
      { action: "journey.agree", summary: `vereinbart; ${enrolments.filter((e) => e.created).length} Anmeldung(en)` },
      now,
    );
    return { id: journey.id, enrolments };
  });
}

/** Agreed → active (also happens when a step is ticked). */
export async function startJourney(db: Db, actor: Actor, journeyId: string, { now = new Date() }: { now?: Date } = {}) {
  return db.$transaction(async (tx) => {
    const { journey, author } = await loadForChange(tx, actor, journeyId);
    await move(tx, journey.id, journey.status, "ACTIVE", { activatedAt: now });
    await finish(tx, actor, author, journey, { kind: "ACTIVATED", detail: { from: "AGREED", to: "ACTIVE" } }, { action: "journey.start", summary: "begonnen" }, now);
    return { id: journey.id };
  });
}

/** A step's status while the journey runs (owner, leader or HR); skipping needs a reason. */
export async function setStepStatus(db: Db, actor: Actor, journeyId: string, input: { stepId?: string; status?: string; skipReason?: string }, { now = new Date() }: { now?: Date } = {}) {
  const parsed = StepStatusSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError("form.checkFields", fieldErrorsOf(parsed.error));
  const { stepId, status, skipReason } = parsed.data;
  return db.$transaction(async (tx) => {
    const { journey, author } = await loadForChange(tx, actor, journeyId);
    if (journey.status !== "AGREED" && journey.status !== "ACTIVE") throw new ValidationError("journeys.error.notRunning");
    const step = await tx.journeyStep.findFirst({ where: { id: stepId, journeyId }, select: { id: true, title: true, status: true } });
    if (!step) throw new ValidationError("journeys.error.stepUnknown");
    if (step.status === status && status !== "SKIPPED") return { id: step.id, activated: false };
    await tx.journeyStep.update({
      where: { id: step.id },
      data: { status, skipReason: status === "SKIPPED" ? skipReason : "", doneAt: status === "DONE" ? now : null },
    });
    const events: Parameters<typeof appendJourneyEvents>[2][number][] = [{ journeyId, kind: "STEP_CHANGED", comment: status === "SKIPPED" ? skipReason : "", detail: { stepId: step.id, step: step.title, from: step.status, to: status } }];
    let activated = false;
    if (journey.status === "AGREED" && status !== "OPEN") {
      await move(tx, journey.id, "AGREED", "ACTIVE", { activatedAt: now });
      events.push({ journeyId, kind: "ACTIVATED", detail: { from: "AGREED", to: "ACTIVE", cause: "step" } });
      activated = true;
    }
    await appendJourneyEvents(tx, author, events, { now });
    await recordAudit(tx, { actorUserId: actor.userId, action: "journey.stepStatus", entityType: "LearningJourney", entityId: journey.id, affectedPersonId: journey.personId, summary: `${journey.title}: ${step.title} ${step.status} → ${status}` });
    return { id: step.id, activated };
  });
}

/** The owner's reflection on a step: their own text, never shown to others. */
export async function writeReflection(db: Db, actor: Actor, journeyId: string, input: { stepId?: string; reflection?: string }, { now = new Date() }: { now?: Date } = {}) {
  const parsed = ReflectionSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError("form.checkFields", fieldErrorsOf(parsed.error));
  return db.$transaction(async (tx) => {
    const { journey, access, author } = await loadForChange(tx, actor, journeyId);
    if (access !== "own") throw new AccessDeniedError("Nur die Person selbst schreibt ihre Reflexion.");
    if (journey.status === "CANCELLED") throw new ValidationError("journeys.error.closed");
    const step = await tx.journeyStep.findFirst({ where: { id: parsed.data.stepId, journeyId }, select: { id: true, title: true } });
    if (!step) throw new ValidationError("journeys.error.stepUnknown");
    await tx.journeyStep.update({ where: { id: step.id }, data: { reflection: parsed.data.reflection } });
    // The history says that a reflection was written, never its text.
    await appendJourneyEvents(tx, author, [{ journeyId, kind: "STEP_CHANGED", detail: { stepId: step.id, step: step.title, edit: "reflection" } }], { now });
    await recordAudit(tx, { actorUserId: actor.userId, action: "journey.reflection", entityType: "LearningJourney", entityId: journey.id, affectedPersonId: journey.personId, summary: `${journey.title}: Reflexion zu ${step.title}` });
    return { id: step.id };
  });
}

/** A comment by the owner, their leader or HR; the other side is notified. */
export async function commentJourney(db: Db, actor: Actor, journeyId: string, input: { comment?: string }, { now = new Date() }: { now?: Date } = {}) {
  const parsed = CommentSchema.safeParse({ comment: input.comment ?? "" });
  if (!parsed.success) throw new ValidationError("form.checkFields", fieldErrorsOf(parsed.error));
  return db.$transaction(async (tx) => {
    const { journey, access, author } = await loadForChange(tx, actor, journeyId);
    const recipients = access === "own" ? await approversOf(tx, journey.person) : [journey.personId];
    await notify(tx, recipients.filter((id) => id !== actor.personId).map((personId): NotifyInput => ({ personId, kind: "journey.comment", params: { title: journey.title, sender: author.name, comment: parsed.data.comment.slice(0, 300) }, link: link(journey.id) })));
    await finish(tx, actor, author, journey, { kind: "COMMENT", comment: parsed.data.comment }, { action: "journey.comment", summary: "Kommentar" }, now);
    return { id: journey.id };
  });
}

/** Active → completed when every step is done or skipped; freezes the completion record. */
export async function completeJourney(db: Db, actor: Actor, journeyId: string, { now = new Date() }: { now?: Date } = {}) {
  return db.$transaction(async (tx) => {
    const { journey, access, author } = await loadForChange(tx, actor, journeyId);
    assertMove(journey.status, "COMPLETED");
    const full = await tx.learningJourney.findUniqueOrThrow({
      where: { id: journeyId },
      select: {
        title: true,
        goalKind: true,
        goalText: true,
        startsOn: true,
        endsOn: true,
        agreedAt: true,
        activatedAt: true,
        phases: { orderBy: { position: "asc" }, select: { id: true, title: true } },
        steps: { orderBy: { position: "asc" }, select: { phaseId: true, kind: true, title: true, status: true, doneAt: true, skipReason: true, lineageId: true, targetLevel: true, competency: { select: { code: true, name: true, lineageId: true } } } },
      },
    });
    const stepStatuses = full.steps.map((s) => ({ status: s.status as StepStatus }));
    if (!allStepsResolved(stepStatuses)) throw new ValidationError("journeys.error.stepsOpen");
    const phaseTitle = new Map(full.phases.map((p) => [p.id, p.title]));
    const lineages = [...new Set(full.steps.map((s) => s.lineageId ?? s.competency?.lineageId).filter((id): id is string => !!id))];
    const current = lineages.length ? await tx.currentCompetencyLevel.findMany({ where: { personId: journey.personId, lineageId: { in: lineages } }, select: { lineageId: true, level: true } }) : [];
    const currentOf = new Map(current.map((c) => [c.lineageId, c.level]));
    const levels = new Map<string, CompletionRecord["levels"][number]>();
    for (const s of full.steps) {
      const lineage = s.lineageId ?? s.competency?.lineageId;
      if (!lineage || !s.competency) continue;
      const prior = levels.get(lineage);
      const target = Math.max(prior?.targetLevel ?? 0, s.targetLevel ?? 0) || null;
      levels.set(lineage, { code: s.competency.code, name: s.competency.name, targetLevel: target, currentLevel: currentOf.get(lineage) ?? null });
    }
    const record: CompletionRecord = {
      title: full.title,
      goalKind: full.goalKind,
      goalText: full.goalText,
      startsOn: full.startsOn,
      endsOn: full.endsOn,
      agreedAt: full.agreedAt?.toISOString() ?? null,
      activatedAt: full.activatedAt?.toISOString() ?? null,
      completedAt: now.toISOString(),
      progress: progressOf(stepStatuses),
      steps: full.steps.map((s) => ({
        phase: phaseTitle.get(s.phaseId) ?? "",
        kind: s.kind,
        title: s.title,
        status: s.status,
        doneAt: s.doneAt?.toISOString() ?? null,
        skipReason: s.skipReason,
        competency: s.competency ? { code: s.competency.code, name: s.competency.name } : null,
        targetLevel: s.targetLevel,
      })),
      levels: [...levels.values()],
    };
    await move(tx, journey.id, journey.status, "COMPLETED", { completedAt: now, completionRecord: JSON.stringify(record) });
    const recipients = access === "own" ? await approversOf(tx, journey.person) : [journey.personId];
    await notify(tx, recipients.filter((id) => id !== actor.personId).map((personId): NotifyInput => ({ personId, kind: "journey.completed", params: { title: journey.title }, link: link(journey.id) })));
    await finish(tx, actor, author, journey, { kind: "COMPLETED", detail: { from: "ACTIVE", to: "COMPLETED" } }, { action: "journey.complete", summary: `abgeschlossen (${record.progress.percent} %)` }, now);
    return { id: journey.id, record };
  });
}

/** Cancels a journey that is not completed; a reason is required. */
export async function cancelJourney(db: Db, actor: Actor, journeyId: string, input: { reason?: string }, { now = new Date() }: { now?: Date } = {}) {
  const reason = (input.reason ?? "").trim();
  if (!reason) throw new ValidationError("form.checkFields", { reason: ["journeys.validation.cancelReasonRequired"] });
  if (reason.length > 2000) throw new ValidationError("form.checkFields", { reason: ["journeys.validation.commentTooLong"] });
  return db.$transaction(async (tx) => {
    const { journey, author } = await loadForChange(tx, actor, journeyId);
    await move(tx, journey.id, journey.status, "CANCELLED");
    await finish(tx, actor, author, journey, { kind: "CANCELLED", comment: reason, detail: { from: journey.status, to: "CANCELLED" } }, { action: "journey.cancel", summary: `abgebrochen: ${reason}` }, now);
    return { id: journey.id };
  });
}
