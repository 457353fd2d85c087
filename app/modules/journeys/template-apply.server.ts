// Template changes are offered, never forced (docs/decisions/022). A journey built from an older
// template version shows what changed since (steps added, removed, changed) and its owner, their
// leader or HR can apply it: new steps are added with due days relative to the journey's start,
// open steps take the template's title, description, due day and training, open steps removed
// from the template are removed. Steps in progress, done or skipped and steps added by hand are
// never touched.
import { randomUUID } from "node:crypto";
import type { Db, Tx } from "~/utils/db.server.ts";
import { recordAudit } from "~/modules/audit/audit.server.ts";
import type { Actor } from "~/modules/auth/permissions.ts";
import { ValidationError } from "~/modules/errors.ts";
import type { Day } from "~/modules/compliance/days.ts";
import { relativeDue, type JourneyStatus, type RelativeUnit, type StepKind, type StepStatus } from "./model.ts";
import { appendJourneyEvents } from "./store.server.ts";
import { requireJourneyAccess } from "./access.server.ts";
import { actorName } from "./cohorts.server.ts";
import { relativeLabel } from "./templates.server.ts";

export type ChangedField = "title" | "description" | "dueOn" | "trainingId" | "kind" | "url" | "competencyId" | "targetLevel";

export interface TemplateDiff {
  journeyId: string;
  journeyTitle: string;
  templateId: string;
  templateTitle: string;
  fromVersion: number;
  toVersion: number;
  /** The journey can take changes (not completed or cancelled). */
  applicable: boolean;
  added: { templateStepId: string; title: string; kind: StepKind; phaseTitle: string; dueOn: Day; dueLabel: string; trainingTitle: string | null }[];
  removed: { stepId: string; title: string; status: StepStatus; willRemove: boolean }[];
  changed: {
    stepId: string;
    title: string;
    status: StepStatus;
    willApply: boolean;
    fields: { field: ChangedField; from: string; to: string }[];
  }[];
}

const FINISHED: readonly JourneyStatus[] = ["COMPLETED", "CANCELLED"];

async function load(tx: Db | Tx, journeyId: string) {
  const journey = await tx.learningJourney.findUnique({
    where: { id: journeyId },
    select: {
      id: true,
      title: true,
      status: true,
      startsOn: true,
      templateId: true,
      templateVersion: true,
      phases: { orderBy: { position: "asc" }, select: { id: true, title: true, position: true } },
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
          competencyId: true,
          targetLevel: true,
          dueOn: true,
          status: true,
          templateStepId: true,
          training: { select: { title: true } },
        },
      },
    },
  });
  if (!journey?.templateId) return null;
  const template = await tx.journeyTemplate.findUnique({
    where: { id: journey.templateId },
    select: {
      id: true,
      title: true,
      version: true,
      phases: { orderBy: { position: "asc" }, select: { id: true, title: true } },
      steps: {
        orderBy: { position: "asc" },
        select: {
          id: true,
          phaseId: true,
          kind: true,
          title: true,
          description: true,
          url: true,
          trainingId: true,
          competencyId: true,
          targetLevel: true,
          dueAmount: true,
          dueUnit: true,
          training: { select: { title: true } },
          competency: { select: { lineageId: true } },
        },
      },
    },
  });
  return template ? { journey, template } : null;
}
type Loaded = NonNullable<Awaited<ReturnType<typeof load>>>;

function diffOf({ journey, template }: Loaded): TemplateDiff {
  const phaseTitle = new Map(template.phases.map((p) => [p.id, p.title]));
  const journeyByTemplateStep = new Map(journey.steps.filter((s) => s.templateStepId).map((s) => [s.templateStepId!, s]));
  const templateStepIds = new Set(template.steps.map((s) => s.id));
  const applicable = !FINISHED.includes(journey.status as JourneyStatus);
  const added: TemplateDiff["added"] = [];
  const changed: TemplateDiff["changed"] = [];
  for (const ts of template.steps) {
    const dueOn = relativeDue(journey.startsOn, ts.dueAmount, ts.dueUnit as RelativeUnit);
    const js = journeyByTemplateStep.get(ts.id);
    if (!js) {
      added.push({ templateStepId: ts.id, title: ts.title, kind: ts.kind as StepKind, phaseTitle: phaseTitle.get(ts.phaseId) ?? "", dueOn, dueLabel: relativeLabel(ts.dueAmount, ts.dueUnit as RelativeUnit), trainingTitle: ts.training?.title ?? null });
      continue;
    }
    const fields: TemplateDiff["changed"][number]["fields"] = [];
    const cmp = (field: ChangedField, from: string | number | null, to: string | number | null, fromLabel?: string | null, toLabel?: string | null) => {
      if ((from ?? "") !== (to ?? "")) fields.push({ field, from: String(fromLabel ?? from ?? ""), to: String(toLabel ?? to ?? "") });
    };
    cmp("title", js.title, ts.title);
    cmp("description", js.description, ts.description);
    cmp("kind", js.kind, ts.kind);
    cmp("url", js.url, ts.url);
    cmp("dueOn", js.dueOn, dueOn);
    cmp("trainingId", js.trainingId, ts.trainingId, js.training?.title, ts.training?.title);
    cmp("competencyId", js.competencyId, ts.competencyId);
    cmp("targetLevel", js.targetLevel, ts.targetLevel);
    if (fields.length > 0) changed.push({ stepId: js.id, title: js.title, status: js.status as StepStatus, willApply: applicable && js.status === "OPEN", fields });
  }
  const removed = journey.steps
    .filter((s) => s.templateStepId && !templateStepIds.has(s.templateStepId))
    .map((s) => ({ stepId: s.id, title: s.title, status: s.status as StepStatus, willRemove: applicable && s.status === "OPEN" }));
  return {
    journeyId: journey.id,
    journeyTitle: journey.title,
    templateId: template.id,
    templateTitle: template.title,
    fromVersion: journey.templateVersion ?? 0,
    toVersion: template.version,
    applicable,
    added,
    removed,
    changed,
  };
}

/** What applying the current template version would change in this journey (null: nothing to offer). */
export async function templateDiff(db: Db | Tx, actor: Actor, journeyId: string) {
  const { access } = await requireJourneyAccess(db, actor, journeyId, "read");
  const loaded = await load(db, journeyId);
  if (!loaded) return { diff: null, canApply: false };
  const diff = diffOf(loaded);
  if ((loaded.journey.templateVersion ?? 0) >= loaded.template.version) return { diff: null, canApply: false };
  let canApply = false;
  try {
    await requireJourneyAccess(db, actor, journeyId, "update");
    canApply = diff.applicable;
  } catch {
    canApply = false;
  }
  return { diff, canApply, access };
}

/** Applies the offered changes; returns what was done. */
export async function applyTemplateChanges(db: Db, actor: Actor, journeyId: string, { now = new Date() } = {}) {
  return db.$transaction(async (tx) => {
    const { journey: owner } = await requireJourneyAccess(tx, actor, journeyId, "update");
    const loaded = await load(tx, journeyId);
    if (!loaded || (loaded.journey.templateVersion ?? 0) >= loaded.template.version) throw new ValidationError("journeys.templateUpdate.nothingToApply");
    const diff = diffOf(loaded);
    if (!diff.applicable) throw new ValidationError("journeys.templateUpdate.notApplicableError");
    const { journey, template } = loaded;

    // New steps go into the journey's phase of the same title, or a new phase at the end.
    const phaseByTitle = new Map(journey.phases.map((p) => [p.title, p.id]));
    let nextPhasePosition = journey.phases.reduce((m, p) => Math.max(m, p.position), -1) + 1;
    let nextStepPosition = journey.steps.reduce((m, s) => Math.max(m, s.position), -1) + 1;
    const newPhases: { id: string; journeyId: string; position: number; title: string }[] = [];
    const newSteps = [];
    const templateSteps = new Map(template.steps.map((s) => [s.id, s]));
    for (const a of diff.added) {
      const ts = templateSteps.get(a.templateStepId)!;
      let phaseId = phaseByTitle.get(a.phaseTitle);
      if (!phaseId) {
        phaseId = randomUUID();
        phaseByTitle.set(a.phaseTitle, phaseId);
        newPhases.push({ id: phaseId, journeyId, position: nextPhasePosition++, title: a.phaseTitle });
      }
      newSteps.push({
        id: randomUUID(),
        journeyId,
        phaseId,
        position: nextStepPosition++,
        kind: ts.kind,
        title: ts.title,
        description: ts.description,
        url: ts.url,
        trainingId: ts.trainingId,
        competencyId: ts.competencyId,
        lineageId: ts.competency?.lineageId ?? null,
        targetLevel: ts.targetLevel,
        dueOn: a.dueOn,
        rationale: `Aus der Vorlage „${template.title}“ (Version ${template.version}), fällig ${a.dueLabel}`,
        templateStepId: ts.id,
      });
    }
    if (newPhases.length > 0) await tx.journeyPhase.createMany({ data: newPhases });
    if (newSteps.length > 0) await tx.journeyStep.createMany({ data: newSteps });

    const journeyStepById = new Map(journey.steps.map((s) => [s.id, s]));
    const updated = diff.changed.filter((c) => c.willApply);
    for (const c of updated) {
      const ts = templateSteps.get(journeyStepById.get(c.stepId)!.templateStepId!)!;
      // Guarded by status, so a step that moved on meanwhile is left alone.
      await tx.journeyStep.updateMany({
        where: { id: c.stepId, status: "OPEN" },
        data: {
          kind: ts.kind,
          title: ts.title,
          description: ts.description,
          url: ts.url,
          trainingId: ts.trainingId,
          sessionId: ts.trainingId === journeyStepById.get(c.stepId)!.trainingId ? undefined : null,
          competencyId: ts.competencyId,
          lineageId: ts.competency?.lineageId ?? null,
          targetLevel: ts.targetLevel,
          dueOn: relativeDue(journey.startsOn, ts.dueAmount, ts.dueUnit as RelativeUnit),
        },
      });
    }
    const removedIds = diff.removed.filter((r) => r.willRemove).map((r) => r.stepId);
    if (removedIds.length > 0) await tx.journeyStep.deleteMany({ where: { id: { in: removedIds }, status: "OPEN" } });
    await tx.learningJourney.update({ where: { id: journeyId }, data: { templateVersion: template.version } });
    const name = await actorName(tx, actor);
    const detail = { fromVersion: diff.fromVersion, toVersion: template.version, added: newSteps.length, changed: updated.length, removed: removedIds.length };
    await appendJourneyEvents(tx, { userId: actor.userId, name }, [{ journeyId, kind: "TEMPLATE_APPLIED", detail }], { now });
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: "journey.templateApplied",
      entityType: "LearningJourney",
      entityId: journeyId,
      affectedPersonId: owner.personId,
      summary: `${template.title} v${diff.fromVersion} → v${template.version}: ${newSteps.length} neu, ${updated.length} geändert, ${removedIds.length} entfernt`,
    });
    return detail;
  });
}
