// Editing a journey while it is a draft or proposed (docs/decisions/020): meta, phases, steps.
// Owner, their leader or HR; each change in one transaction with an audit event and a history
// event (STEP_CHANGED with detail.edit).
import type { Db, Tx } from "~/utils/db.server.ts";
import type { Actor } from "~/modules/auth/permissions.ts";
import { NotFoundError, ValidationError } from "~/modules/errors.ts";
import { recordAudit } from "~/modules/audit/audit.server.ts";
import { requireJourneyAccess } from "./access.server.ts";
import { appendJourneyEvents } from "./store.server.ts";
import { isEditable, type JourneyStatus } from "./model.ts";
import { fieldErrorsOf, JourneyMetaSchema, PhaseSchema, StepSchema, type JourneyMetaInput, type StepInput } from "./journey-schemas.ts";
import { authorOf } from "./journeys.server.ts";

type EditContext = { journey: { id: string; personId: string; title: string; status: JourneyStatus }; startsOn: string; endsOn: string };

async function edit<T>(db: Db, actor: Actor, journeyId: string, what: string, fn: (tx: Tx, ctx: EditContext) => Promise<{ result: T; summary: string; step?: string }>, { now = new Date() } = {}) {
  return db.$transaction(async (tx) => {
    const { journey } = await requireJourneyAccess(tx, actor, journeyId, "update");
    const status = journey.status as JourneyStatus;
    if (!isEditable(status)) throw new ValidationError("journeys.error.notEditable");
    const frame = await tx.learningJourney.findUniqueOrThrow({ where: { id: journeyId }, select: { startsOn: true, endsOn: true } });
    const { result, summary, step } = await fn(tx, { journey: { id: journey.id, personId: journey.personId, title: journey.title, status }, ...frame });
    await tx.learningJourney.update({ where: { id: journeyId }, data: { updatedAt: now } });
    await appendJourneyEvents(tx, await authorOf(tx, actor), [{ journeyId, kind: "STEP_CHANGED", detail: { edit: what, ...(step ? { step } : {}) } }], { now });
    await recordAudit(tx, { actorUserId: actor.userId, action: `journey.${what}`, entityType: "LearningJourney", entityId: journeyId, affectedPersonId: journey.personId, summary: `${journey.title}: ${summary}` });
    return result;
  });
}

/** Title, goal, target position and time frame. Steps' due days must stay inside the frame. */
export async function updateJourneyMeta(db: Db, actor: Actor, journeyId: string, input: JourneyMetaInput, opts: { now?: Date } = {}) {
  const parsed = JourneyMetaSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError("form.checkFields", fieldErrorsOf(parsed.error));
  const meta = parsed.data;
  return edit(
    db,
    actor,
    journeyId,
    "editMeta",
    async (tx) => {
      if (meta.targetPositionId && !(await tx.position.findUnique({ where: { id: meta.targetPositionId }, select: { id: true } }))) {
        throw new ValidationError("form.checkFields", { targetPositionId: ["journeys.validation.targetPositionUnknown"] });
      }
      const outside = await tx.journeyStep.count({ where: { journeyId, OR: [{ dueOn: { lt: meta.startsOn } }, { dueOn: { gt: meta.endsOn } }] } });
      if (outside > 0) throw new ValidationError("form.checkFields", { endsOn: ["journeys.validation.stepsOutsideFrame"] });
      await tx.learningJourney.update({ where: { id: journeyId }, data: { title: meta.title, goalKind: meta.goalKind, goalText: meta.goalText, targetPositionId: meta.goalKind === "TARGET_POSITION" ? meta.targetPositionId : null, startsOn: meta.startsOn, endsOn: meta.endsOn } });
      return { result: { id: journeyId }, summary: "Angaben geändert" };
    },
    opts,
  );
}

export async function addPhase(db: Db, actor: Actor, journeyId: string, input: { title?: string }, opts: { now?: Date } = {}) {
  const parsed = PhaseSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError("form.checkFields", fieldErrorsOf(parsed.error));
  return edit(
    db,
    actor,
    journeyId,
    "addPhase",
    async (tx) => {
      const last = await tx.journeyPhase.findFirst({ where: { journeyId }, orderBy: { position: "desc" }, select: { position: true } });
      const phase = await tx.journeyPhase.create({ data: { journeyId, title: parsed.data.title, position: (last?.position ?? -1) + 1 } });
      return { result: phase, summary: `Phase hinzugefügt: ${phase.title}` };
    },
    opts,
  );
}

async function phaseOf(tx: Tx, journeyId: string, phaseId: string) {
  const phase = await tx.journeyPhase.findFirst({ where: { id: phaseId, journeyId }, select: { id: true, title: true, position: true } });
  if (!phase) throw new NotFoundError("Phase nicht gefunden");
  return phase;
}

export async function renamePhase(db: Db, actor: Actor, journeyId: string, phaseId: string, input: { title?: string }, opts: { now?: Date } = {}) {
  const parsed = PhaseSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError("form.checkFields", fieldErrorsOf(parsed.error));
  return edit(
    db,
    actor,
    journeyId,
    "renamePhase",
    async (tx) => {
      const phase = await phaseOf(tx, journeyId, phaseId);
      await tx.journeyPhase.update({ where: { id: phase.id }, data: { title: parsed.data.title } });
      return { result: { id: phase.id }, summary: `Phase umbenannt: ${phase.title} → ${parsed.data.title}` };
    },
    opts,
  );
}

/** Rewrites phase and step positions from an ordered list (a journey has a few dozen rows at most). */
async function writeOrder(tx: Tx, phases: { id: string; position: number }[], steps: { id: string; phaseId: string; position: number }[]) {
  for (const p of phases) await tx.journeyPhase.update({ where: { id: p.id }, data: { position: p.position } });
  for (const s of steps) await tx.journeyStep.update({ where: { id: s.id }, data: { phaseId: s.phaseId, position: s.position } });
}

async function orderedLayout(tx: Tx, journeyId: string) {
  const phases = await tx.journeyPhase.findMany({ where: { journeyId }, orderBy: { position: "asc" }, select: { id: true, position: true } });
  const steps = await tx.journeyStep.findMany({ where: { journeyId }, orderBy: { position: "asc" }, select: { id: true, phaseId: true, position: true, title: true } });
  return { phases, steps };
}

function renumber(phases: { id: string }[], steps: { id: string; phaseId: string }[]) {
  const newPhases = phases.map((p, i) => ({ id: p.id, position: i }));
  let position = 0;
  const newSteps: { id: string; phaseId: string; position: number }[] = [];
  for (const p of phases) for (const s of steps.filter((x) => x.phaseId === p.id)) newSteps.push({ id: s.id, phaseId: p.id, position: position++ });
  return { newPhases, newSteps };
}

export async function movePhase(db: Db, actor: Actor, journeyId: string, phaseId: string, direction: "up" | "down", opts: { now?: Date } = {}) {
  return edit(
    db,
    actor,
    journeyId,
    "movePhase",
    async (tx) => {
      const phase = await phaseOf(tx, journeyId, phaseId);
      const { phases, steps } = await orderedLayout(tx, journeyId);
      const i = phases.findIndex((p) => p.id === phase.id);
      const j = direction === "up" ? i - 1 : i + 1;
      if (j < 0 || j >= phases.length) throw new ValidationError("journeys.error.cannotMove");
      [phases[i], phases[j]] = [phases[j]!, phases[i]!];
      const { newPhases, newSteps } = renumber(phases, steps);
      await writeOrder(tx, newPhases, newSteps);
      return { result: { id: phase.id }, summary: `Phase verschoben: ${phase.title}` };
    },
    opts,
  );
}

/** Removes a phase with its steps; the last phase stays. */
export async function removePhase(db: Db, actor: Actor, journeyId: string, phaseId: string, opts: { now?: Date } = {}) {
  return edit(
    db,
    actor,
    journeyId,
    "removePhase",
    async (tx) => {
      const phase = await phaseOf(tx, journeyId, phaseId);
      if ((await tx.journeyPhase.count({ where: { journeyId } })) <= 1) throw new ValidationError("journeys.error.lastPhase");
      await tx.journeyStep.deleteMany({ where: { phaseId: phase.id } });
      await tx.journeyPhase.delete({ where: { id: phase.id } });
      const { phases, steps } = await orderedLayout(tx, journeyId);
      const { newPhases, newSteps } = renumber(phases, steps);
      await writeOrder(tx, newPhases, newSteps);
      return { result: { id: phase.id }, summary: `Phase entfernt: ${phase.title}` };
    },
    opts,
  );
}

/** Checks a step's references and due day; returns the row data to write. */
async function stepData(tx: Tx, ctx: EditContext, input: StepInput, now: Date) {
  const parsed = StepSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError("form.checkFields", fieldErrorsOf(parsed.error));
  const s = parsed.data;
  await phaseOf(tx, ctx.journey.id, s.phaseId);
  let title = s.title;
  let trainingId: string | null = null;
  let sessionId: string | null = null;
  if (s.kind === "TRAINING") {
    const training = await tx.training.findUnique({ where: { id: s.trainingId! }, select: { id: true, title: true, status: true } });
    if (!training || training.status !== "PUBLISHED") throw new ValidationError("form.checkFields", { trainingId: ["journeys.validation.trainingUnknown"] });
    trainingId = training.id;
    if (!title) title = training.title;
    if (s.sessionId) {
      const session = await tx.trainingSession.findFirst({ where: { id: s.sessionId, trainingId: training.id }, select: { id: true, status: true, startsAt: true } });
      if (!session || session.status !== "SCHEDULED" || session.startsAt <= now) throw new ValidationError("form.checkFields", { sessionId: ["journeys.validation.sessionUnknown"] });
      sessionId = session.id;
    }
  }
  if (!title) title = s.kind === "ELEARNING" ? "E-Learning" : s.kind;
  let competencyId: string | null = null;
  let lineageId: string | null = null;
  if (s.competencyId) {
    const node = await tx.competencyNode.findUnique({ where: { id: s.competencyId }, select: { id: true, lineageId: true, kind: true } });
    if (!node || node.kind !== "COMPETENCY") throw new ValidationError("form.checkFields", { competencyId: ["journeys.validation.competencyUnknown"] });
    competencyId = node.id;
    lineageId = node.lineageId;
  }
  if (s.dueOn && (s.dueOn < ctx.startsOn || s.dueOn > ctx.endsOn)) throw new ValidationError("form.checkFields", { dueOn: ["journeys.validation.dueOutsideFrame"] });
  return {
    phaseId: s.phaseId,
    kind: s.kind,
    title,
    description: s.description,
    url: s.kind === "TRAINING" ? "" : s.url,
    trainingId,
    sessionId,
    competencyId,
    lineageId,
    targetLevel: competencyId ? s.targetLevel : null,
    dueOn: s.dueOn,
  };
}

/** A new step at the end of its phase. */
export async function addStep(db: Db, actor: Actor, journeyId: string, input: StepInput, opts: { now?: Date } = {}) {
  const now = opts.now ?? new Date();
  return edit(
    db,
    actor,
    journeyId,
    "addStep",
    async (tx, ctx) => {
      const data = await stepData(tx, ctx, input, now);
      const step = await tx.journeyStep.create({ data: { journeyId, position: 0, ...data } });
      const { phases, steps } = await orderedLayout(tx, journeyId);
      // The new step goes last in its phase.
      const others = steps.filter((s) => s.id !== step.id);
      const { newPhases, newSteps } = renumber(phases, [...others, { id: step.id, phaseId: step.phaseId, position: Number.MAX_SAFE_INTEGER, title: step.title }]);
      await writeOrder(tx, newPhases, newSteps);
      return { result: { id: step.id }, summary: `Schritt hinzugefügt: ${step.title}`, step: step.title };
    },
    opts,
  );
}

async function stepOf(tx: Tx, journeyId: string, stepId: string) {
  const step = await tx.journeyStep.findFirst({ where: { id: stepId, journeyId }, select: { id: true, title: true, phaseId: true } });
  if (!step) throw new NotFoundError("Schritt nicht gefunden");
  return step;
}

export async function updateStep(db: Db, actor: Actor, journeyId: string, stepId: string, input: StepInput, opts: { now?: Date } = {}) {
  const now = opts.now ?? new Date();
  return edit(
    db,
    actor,
    journeyId,
    "editStep",
    async (tx, ctx) => {
      const step = await stepOf(tx, journeyId, stepId);
      const data = await stepData(tx, ctx, input, now);
      await tx.journeyStep.update({ where: { id: step.id }, data });
      if (data.phaseId !== step.phaseId) {
        const { phases, steps } = await orderedLayout(tx, journeyId);
        const { newPhases, newSteps } = renumber(phases, steps);
        await writeOrder(tx, newPhases, newSteps);
      }
      return { result: { id: step.id }, summary: `Schritt geändert: ${data.title}`, step: data.title };
    },
    opts,
  );
}

/** Moves a step up or down; at the edge of its phase it moves into the neighbouring phase. */
export async function moveStep(db: Db, actor: Actor, journeyId: string, stepId: string, direction: "up" | "down", opts: { now?: Date } = {}) {
  return edit(
    db,
    actor,
    journeyId,
    "moveStep",
    async (tx) => {
      const step = await stepOf(tx, journeyId, stepId);
      const { phases, steps } = await orderedLayout(tx, journeyId);
      const phaseIndex = phases.findIndex((p) => p.id === step.phaseId);
      const inPhase = steps.filter((s) => s.phaseId === step.phaseId);
      const i = inPhase.findIndex((s) => s.id === step.id);
      let layout = steps.map((s) => ({ ...s }));
      if (direction === "up" && i > 0) {
        const a = layout.findIndex((s) => s.id === inPhase[i - 1]!.id);
        const b = layout.findIndex((s) => s.id === step.id);
        [layout[a], layout[b]] = [layout[b]!, layout[a]!];
      } else if (direction === "down" && i < inPhase.length - 1) {
        const a = layout.findIndex((s) => s.id === inPhase[i + 1]!.id);
        const b = layout.findIndex((s) => s.id === step.id);
        [layout[a], layout[b]] = [layout[b]!, layout[a]!];
      } else {
        const target = phases[direction === "up" ? phaseIndex - 1 : phaseIndex + 1];
        if (!target) throw new ValidationError("journeys.error.cannotMove");
        const moved = { ...layout.find((s) => s.id === step.id)!, phaseId: target.id };
        layout = layout.filter((s) => s.id !== step.id);
        if (direction === "up") layout.push(moved);
        else layout.unshift(moved);
      }
      const { newPhases, newSteps } = renumber(phases, layout);
      await writeOrder(tx, newPhases, newSteps);
      return { result: { id: step.id }, summary: `Schritt verschoben: ${step.title}`, step: step.title };
    },
    opts,
  );
}

export async function removeStep(db: Db, actor: Actor, journeyId: string, stepId: string, opts: { now?: Date } = {}) {
  return edit(
    db,
    actor,
    journeyId,
    "removeStep",
    async (tx) => {
      const step = await stepOf(tx, journeyId, stepId);
      await tx.journeyStep.delete({ where: { id: step.id } });
      return { result: { id: step.id }, summary: `Schritt entfernt: ${step.title}`, step: step.title };
    },
    opts,
  );
}
