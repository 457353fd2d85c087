// Learning journeys (docs/decisions/020): reading a person's journeys and one journey, creating
// one by hand. Editing lives in journey-editor.server.ts, the workflow in journey-workflow.server.ts.
// Row-level checks through access.server.ts; a step's reflection text is shown to its owner only.
import type { Db, Tx } from "~/utils/db.server.ts";
import { hasPermission, type Access, type Actor } from "~/modules/auth/permissions.ts";
import { AccessDeniedError, NotFoundError, ValidationError } from "~/modules/errors.ts";
import { recordAudit } from "~/modules/audit/audit.server.ts";
import { todayInBerlin } from "~/modules/compliance/days.ts";
import { canAgree, journeyAccessTo, requireJourneyAccess } from "./access.server.ts";
import { insertJourneys, type JourneyAuthor } from "./store.server.ts";
import { allStepsResolved, isEditable, isStepOverdue, progressOf, type JourneyStatus, type StepKind, type StepStatus } from "./model.ts";
import { fieldErrorsOf, JourneyMetaSchema, type JourneyMetaInput } from "./journey-schemas.ts";

/** Display name of the actor for the journey's history. */
export async function authorOf(tx: Tx, actor: Actor): Promise<JourneyAuthor> {
  const person = actor.personId ? await tx.person.findUnique({ where: { id: actor.personId }, select: { firstName: true, lastName: true } }) : null;
  return { userId: actor.userId, name: person ? `${person.firstName} ${person.lastName}` : actor.email };
}

export function personName(p: { firstName: string; lastName: string }) {
  return `${p.firstName} ${p.lastName}`;
}

async function loadOwner(tx: Tx, personId: string) {
  const person = await tx.person.findUnique({ where: { id: personId }, select: { id: true, firstName: true, lastName: true, status: true, orgUnit: { select: { path: true } } } });
  if (!person) throw new NotFoundError("Person nicht gefunden");
  return person;
}

const STATUS_ORDER: Record<JourneyStatus, number> = { ACTIVE: 0, AGREED: 1, PROPOSED: 2, DRAFT: 3, COMPLETED: 4, CANCELLED: 5 };

/** Journeys of one person with progress and their next open steps (due first). */
async function journeysOf(tx: Tx, personId: string, today: string) {
  const journeys = await tx.learningJourney.findMany({
    where: { personId },
    select: {
      id: true,
      title: true,
      status: true,
      goalKind: true,
      startsOn: true,
      endsOn: true,
      completedAt: true,
      createdAt: true,
      steps: { select: { id: true, title: true, kind: true, status: true, dueOn: true, position: true, trainingId: true, phaseId: true }, orderBy: { position: "asc" } },
    },
  });
  return journeys
    .map((j) => {
      const open = j.steps.filter((s) => s.status === "OPEN" || s.status === "IN_PROGRESS");
      const nextSteps = [...open]
        .sort((a, b) => (a.dueOn ?? "9999-99-99").localeCompare(b.dueOn ?? "9999-99-99") || a.position - b.position)
        .map((s) => ({ id: s.id, title: s.title, kind: s.kind as StepKind, status: s.status as StepStatus, dueOn: s.dueOn, overdue: isStepOverdue({ status: s.status as StepStatus, dueOn: s.dueOn }, today), trainingId: s.trainingId }));
      return {
        id: j.id,
        title: j.title,
        status: j.status as JourneyStatus,
        goalKind: j.goalKind,
        startsOn: j.startsOn,
        endsOn: j.endsOn,
        completedAt: j.completedAt,
        createdAt: j.createdAt,
        progress: progressOf(j.steps.map((s) => ({ status: s.status as StepStatus }))),
        overdueCount: nextSteps.filter((s) => s.overdue).length,
        nextSteps,
      };
    })
    .sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || (a.nextSteps[0]?.dueOn ?? "9999").localeCompare(b.nextSteps[0]?.dueOn ?? "9999") || b.createdAt.getTime() - a.createdAt.getTime());
}

/** "Meine Lernreise": the actor's own journeys, running ones first, next steps by due date. */
export async function listMyJourneys(db: Db, actor: Actor, { now = new Date() }: { now?: Date } = {}) {
  if (!actor.personId) throw new AccessDeniedError("Ihrem Konto ist keine Person zugeordnet.");
  if (!hasPermission(actor.roles, "read:journey:own")) throw new AccessDeniedError();
  const today = todayInBerlin(now);
  const journeys = await journeysOf(db, actor.personId, today);
  return { today, journeys };
}

/** The start page card: the next three open steps of the actor's running journeys. */
export async function nextJourneySteps(db: Db, actor: Actor, { now = new Date(), take = 3 }: { now?: Date; take?: number } = {}) {
  if (!actor.personId || !hasPermission(actor.roles, "read:journey:own")) return null;
  const count = await db.learningJourney.count({ where: { personId: actor.personId, status: { not: "CANCELLED" } } });
  if (count === 0) return null;
  const today = todayInBerlin(now);
  const steps = await db.journeyStep.findMany({
    where: { status: { in: ["OPEN", "IN_PROGRESS"] }, journey: { personId: actor.personId, status: { in: ["AGREED", "ACTIVE"] } } },
    select: { id: true, title: true, status: true, dueOn: true, position: true, journey: { select: { id: true, title: true } } },
    orderBy: [{ dueOn: "asc" }, { position: "asc" }],
  });
  // Steps without a due day last (databases sort nulls differently).
  const sorted = [...steps.filter((s) => s.dueOn), ...steps.filter((s) => !s.dueOn)].slice(0, take);
  return {
    journeyCount: count,
    steps: sorted.map((s) => ({ id: s.id, title: s.title, dueOn: s.dueOn, overdue: isStepOverdue({ status: s.status as StepStatus, dueOn: s.dueOn }, today), journeyId: s.journey.id, journeyTitle: s.journey.title })),
  };
}

/** A person's journeys for their leader and HR (and the person). */
export async function listJourneysOfPerson(db: Db, actor: Actor, personId: string, { now = new Date() }: { now?: Date } = {}) {
  const person = await db.person.findUnique({
    where: { id: personId },
    select: { id: true, firstName: true, lastName: true, status: true, orgUnit: { select: { path: true, name: true, code: true } } },
  });
  if (!person) throw new NotFoundError("Person nicht gefunden");
  const access = journeyAccessTo(actor, "read", person);
  if (!access) throw new AccessDeniedError("Sie dürfen die Lernreisen dieser Person nicht sehen.");
  const today = todayInBerlin(now);
  const canCreate = !!journeyAccessTo(actor, "update", person) && person.status !== "LEFT";
  return { person: { id: person.id, firstName: person.firstName, lastName: person.lastName, unit: person.orgUnit ? `${person.orgUnit.code} ${person.orgUnit.name}` : null }, access, canCreate, today, journeys: await journeysOf(db, person.id, today) };
}

export interface CompletionRecord {
  title: string;
  goalKind: string;
  goalText: string;
  startsOn: string;
  endsOn: string;
  agreedAt: string | null;
  activatedAt: string | null;
  completedAt: string;
  progress: ReturnType<typeof progressOf>;
  steps: {
    phase: string;
    kind: string;
    title: string;
    status: string;
    doneAt: string | null;
    skipReason: string;
    competency: { code: string; name: string } | null;
    targetLevel: number | null;
  }[];
  levels: { code: string; name: string; targetLevel: number | null; currentLevel: number | null }[];
}

/** One journey with everything its page shows; flags say what the actor may do. */
export async function getJourney(db: Db, actor: Actor, journeyId: string, { now = new Date() }: { now?: Date } = {}) {
  const { journey: head, access } = await requireJourneyAccess(db, actor, journeyId, "read");
  const updateAccess = journeyAccessTo(actor, "update", head.person);
  const today = todayInBerlin(now);
  const j = await db.learningJourney.findUniqueOrThrow({
    where: { id: journeyId },
    select: {
      id: true,
      title: true,
      status: true,
      goalKind: true,
      goalText: true,
      targetPositionId: true,
      startsOn: true,
      endsOn: true,
      templateId: true,
      templateVersion: true,
      template: { select: { id: true, title: true, version: true } },
      cohortId: true,
      createdAt: true,
      proposedAt: true,
      agreedAt: true,
      activatedAt: true,
      completedAt: true,
      completionRecord: true,
      phases: { select: { id: true, title: true, position: true }, orderBy: { position: "asc" } },
      steps: {
        orderBy: { position: "asc" },
        select: {
          id: true,
          phaseId: true,
          position: true,
          kind: true,
          title: true,
          description: true,
          url: true,
          trainingId: true,
          training: { select: { id: true, code: true, title: true } },
          sessionId: true,
          session: { select: { id: true, startsAt: true, endsAt: true, location: true, status: true } },
          enrolmentId: true,
          competencyId: true,
          competency: { select: { id: true, code: true, name: true } },
          targetLevel: true,
          dueOn: true,
          status: true,
          skipReason: true,
          reflection: true,
          rationale: true,
          completionId: true,
          doneAt: true,
        },
      },
      events: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { id: true, kind: true, actorName: true, comment: true, detail: true, createdAt: true } },
    },
  });
  const targetPosition = j.targetPositionId ? await db.position.findUnique({ where: { id: j.targetPositionId }, select: { id: true, title: true } }) : null;
  const enrolmentIds = j.steps.map((s) => s.enrolmentId).filter((id): id is string => !!id);
  const enrolments = enrolmentIds.length ? await db.enrolment.findMany({ where: { id: { in: enrolmentIds } }, select: { id: true, status: true } }) : [];
  const enrolmentStatus = new Map(enrolments.map((e) => [e.id, e.status]));
  const isOwner = access === "own";
  const status = j.status as JourneyStatus;
  const steps = j.steps.map((s) => {
    const { reflection, ...rest } = s;
    return {
      ...rest,
      kind: s.kind as StepKind,
      status: s.status as StepStatus,
      overdue: isStepOverdue({ status: s.status as StepStatus, dueOn: s.dueOn }, today),
      enrolmentStatus: s.enrolmentId ? (enrolmentStatus.get(s.enrolmentId) ?? null) : null,
      hasReflection: reflection.trim().length > 0,
      // The reflection is the person's own text: never sent to their leader or HR.
      reflection: isOwner ? reflection : null,
    };
  });
  const phases = j.phases.map((p) => {
    const phaseSteps = steps.filter((s) => s.phaseId === p.id);
    return { ...p, steps: phaseSteps, progress: progressOf(phaseSteps) };
  });
  let unclosableGaps: { code: string; name: string; required: number; current: number | null }[] = [];
  const events = j.events.map((e) => {
    let detail: Record<string, unknown> = {};
    try {
      detail = JSON.parse(e.detail) as Record<string, unknown>;
    } catch {
      detail = {};
    }
    if (e.kind === "CREATED" && Array.isArray(detail.unclosableGaps)) unclosableGaps = detail.unclosableGaps as typeof unclosableGaps;
    return { id: e.id, kind: e.kind, actorName: e.actorName, comment: e.comment, createdAt: e.createdAt, detail: { from: detail.from as string | undefined, to: detail.to as string | undefined, step: detail.step as string | undefined, cause: detail.cause as string | undefined, edit: detail.edit as string | undefined } };
  });
  const mayUpdate = !!updateAccess && status !== "COMPLETED" && status !== "CANCELLED";
  const agreeable = canAgree(actor, head.person);
  const running = status === "AGREED" || status === "ACTIVE";
  return {
    access,
    isOwner,
    today,
    person: { id: head.person.id, firstName: head.person.firstName, lastName: head.person.lastName },
    journey: {
      id: j.id,
      title: j.title,
      status,
      goalKind: j.goalKind,
      goalText: j.goalText,
      targetPosition,
      startsOn: j.startsOn,
      endsOn: j.endsOn,
      createdAt: j.createdAt,
      proposedAt: j.proposedAt,
      agreedAt: j.agreedAt,
      activatedAt: j.activatedAt,
      completedAt: j.completedAt,
      templateId: j.templateId,
      templateVersion: j.templateVersion,
      template: j.template,
      templateOutdated: !!j.template && j.templateVersion !== null && j.templateVersion < j.template.version && status !== "COMPLETED" && status !== "CANCELLED",
    },
    phases,
    progress: progressOf(steps),
    overdueSteps: steps.filter((s) => s.overdue).map((s) => ({ id: s.id, title: s.title, dueOn: s.dueOn })),
    hasDates: steps.some((s) => !!s.dueOn),
    events,
    comments: events.filter((e) => e.kind === "COMMENT"),
    unclosableGaps,
    completionRecord: j.completionRecord ? (JSON.parse(j.completionRecord) as CompletionRecord) : null,
    flags: {
      canEdit: mayUpdate && isEditable(status),
      canPropose: mayUpdate && status === "DRAFT",
      canAgree: agreeable && status === "PROPOSED",
      canSendBack: agreeable && status === "PROPOSED",
      canStart: mayUpdate && status === "AGREED",
      canSetStepStatus: mayUpdate && running,
      canReflect: isOwner && status !== "CANCELLED",
      canComment: !!updateAccess,
      canComplete: mayUpdate && status === "ACTIVE" && allStepsResolved(steps),
      canCancel: mayUpdate,
    },
  };
}
export type JourneyView = Awaited<ReturnType<typeof getJourney>>;

/** Options for the step editor: published trainings with upcoming sessions, competencies. */
export async function journeyEditorOptions(db: Db, { now = new Date() }: { now?: Date } = {}) {
  const [trainings, competencies] = await Promise.all([
    db.training.findMany({
      where: { status: "PUBLISHED" },
      orderBy: { title: "asc" },
      take: 500,
      select: { id: true, code: true, title: true, sessions: { where: { status: "SCHEDULED", startsAt: { gt: now } }, orderBy: { startsAt: "asc" }, take: 10, select: { id: true, startsAt: true, location: true } } },
    }),
    db.competencyNode.findMany({
      where: { kind: "COMPETENCY", framework: { status: "PUBLISHED" } },
      orderBy: { code: "asc" },
      take: 500,
      select: { id: true, code: true, name: true },
    }),
  ]);
  return { trainings, competencies };
}

export interface CreateJourneyInput extends JourneyMetaInput {
  /** Defaults to the actor's own person. */
  personId?: string;
}

/** A journey by hand: for oneself (own) or, for a leader or HR, for a person (proposed to them later). */
export async function createJourney(db: Db, actor: Actor, input: CreateJourneyInput, { now = new Date() }: { now?: Date } = {}) {
  const personId = input.personId || actor.personId;
  if (!personId) throw new AccessDeniedError("Ihrem Konto ist keine Person zugeordnet.");
  const parsed = JourneyMetaSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError("form.checkFields", fieldErrorsOf(parsed.error));
  const meta = parsed.data;
  return db.$transaction(async (tx) => {
    const person = await loadOwner(tx, personId);
    const access = journeyAccessTo(actor, "update", person);
    if (!access || !hasPermission(actor.roles, `create:journey:${access}`)) throw new AccessDeniedError("Sie dürfen für diese Person keine Lernreise anlegen.");
    if (person.status === "LEFT") throw new ValidationError("journeys.validation.personLeft");
    if (meta.targetPositionId && !(await tx.position.findUnique({ where: { id: meta.targetPositionId }, select: { id: true } }))) {
      throw new ValidationError("form.checkFields", { targetPositionId: ["journeys.validation.targetPositionUnknown"] });
    }
    const author = await authorOf(tx, actor);
    const [id] = await insertJourneys(tx, author, [{ personId: person.id, title: meta.title, goalKind: meta.goalKind, goalText: meta.goalText, targetPositionId: meta.targetPositionId, startsOn: meta.startsOn, endsOn: meta.endsOn, phases: [{ title: "Phase 1", steps: [] }] }], { now });
    await recordAudit(tx, { actorUserId: actor.userId, action: "journey.create", entityType: "LearningJourney", entityId: id!, affectedPersonId: person.id, summary: `Lernreise angelegt: ${meta.title}${access === "own" ? "" : ` (Zugriff: ${access})`}` });
    return { id: id!, access: access as Access };
  });
}
