// Assigning a template to one person or to a group (docs/decisions/022). A group assignment
// creates a JourneyCohort (title, start day, audience JSON) and one journey per person, written
// with insertJourneys in multi-row statements. Only active people are included; people who already
// have a journey from the same template that is neither completed nor cancelled are skipped (and
// counted). Journeys assigned by HR start ACTIVE: HR's assignment is the agreement.
import { z } from "zod";
import type { Db, Tx } from "~/utils/db.server.ts";
import { recordAudit } from "~/modules/audit/audit.server.ts";
import type { Actor } from "~/modules/auth/permissions.ts";
import { NotFoundError, ValidationError } from "~/modules/errors.ts";
import { PERSON_FLAGS } from "~/modules/compliance/audience.ts";
import { addDays, dayOf, isDay, maxDay, todayInBerlin, toInstant, type Day } from "~/modules/compliance/days.ts";
import { notify } from "~/modules/notifications/notify.server.ts";
import { relativeDue, type GoalKind, type RelativeUnit, type StepKind } from "./model.ts";
import { insertJourneys, type NewJourney } from "./store.server.ts";
import { relativeLabel, requireTemplateEditor } from "./templates.server.ts";

const v = (key: string) => `journeyTemplates.validation.${key}`;
const CHUNK = 500;

const id = z.string().trim().min(1).max(64);
const day = (key: string) => z.string({ error: v(key) }).trim().refine(isDay, { error: v(key) });

export const AUDIENCE_KINDS = ["PERSONS", "UNIT", "NEW_HIRES", "FLAG", "LEADERS"] as const;
export type AudienceKind = (typeof AUDIENCE_KINDS)[number];

export const CohortAudienceSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("PERSONS"), personIds: z.array(id).min(1, { error: v("personsRequired") }).max(2000, { error: v("tooMany") }) }),
  z.object({ kind: z.literal("UNIT"), unitId: z.string({ error: v("unitRequired") }).trim().min(1, { error: v("unitRequired") }), includeSubunits: z.boolean() }),
  z.object({ kind: z.literal("NEW_HIRES"), from: day("fromInvalid"), to: day("toInvalid") }).refine((a) => a.from <= a.to, { error: v("periodOrder"), path: ["to"] }),
  z.object({ kind: z.literal("FLAG"), flag: z.enum(PERSON_FLAGS, { error: v("flagRequired") }) }),
  z.object({ kind: z.literal("LEADERS"), unitId: z.string().trim().max(64).optional(), includeSubunits: z.boolean().default(true) }),
]);
export type CohortAudience = z.infer<typeof CohortAudienceSchema>;

export const AssignmentSchema = z.object({
  title: z.string().trim().max(200, { error: v("tooLong") }).default(""),
  startsOn: day("startRequired"),
  audience: CohortAudienceSchema,
});
export type AssignmentInput = z.input<typeof AssignmentSchema>;

export function parseAssignment(input: unknown) {
  const parsed = AssignmentSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) {
    const union = issue.code === "invalid_union";
    const raw = issue.path.filter((p) => p !== "audience").join(".");
    const path = union ? "audienceKind" : raw === "personIds" ? "persons" : raw || "form";
    (fieldErrors[path] ??= []).push(union ? v("audienceRequired") : issue.message);
  }
  throw new ValidationError("form.checkFields", fieldErrors);
}

export function parseCohortAudience(json: string): CohortAudience | null {
  try {
    const parsed = CohortAudienceSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

interface Candidate {
  id: string;
  firstName: string;
  lastName: string;
  entryDay: Day;
}

const PERSON_SELECT = { id: true, firstName: true, lastName: true, entryDate: true } as const;
const toCandidate = (p: { id: string; firstName: string; lastName: string; entryDate: Date }): Candidate => ({ id: p.id, firstName: p.firstName, lastName: p.lastName, entryDay: dayOf(p.entryDate) });

async function unitPath(tx: Db | Tx, unitId: string) {
  const unit = await tx.orgUnit.findUnique({ where: { id: unitId }, select: { id: true, path: true } });
  if (!unit) throw new ValidationError("form.checkFields", { unitId: [v("unitRequired")] });
  return unit;
}

/** The active people an audience stands for, by name (one or a few set-based queries). */
export async function resolveAudience(tx: Db | Tx, audience: CohortAudience): Promise<Candidate[]> {
  const active = { status: "ACTIVE" as const };
  const orderBy = [{ lastName: "asc" as const }, { firstName: "asc" as const }, { id: "asc" as const }];
  switch (audience.kind) {
    case "PERSONS": {
      const ids = [...new Set(audience.personIds)];
      const rows: Candidate[] = [];
      for (let i = 0; i < ids.length; i += CHUNK) {
        rows.push(...(await tx.person.findMany({ where: { ...active, id: { in: ids.slice(i, i + CHUNK) } }, select: PERSON_SELECT })).map(toCandidate));
      }
      return rows.sort((a, b) => a.lastName.localeCompare(b.lastName, "de") || a.firstName.localeCompare(b.firstName, "de"));
    }
    case "UNIT": {
      const unit = await unitPath(tx, audience.unitId);
      const where = audience.includeSubunits ? { orgUnit: { path: { startsWith: unit.path } } } : { orgUnitId: unit.id };
      return (await tx.person.findMany({ where: { ...active, ...where }, orderBy, select: PERSON_SELECT })).map(toCandidate);
    }
    case "NEW_HIRES":
      return (
        await tx.person.findMany({ where: { ...active, entryDate: { gte: toInstant(audience.from), lt: toInstant(addDays(audience.to, 1)) } }, orderBy, select: PERSON_SELECT })
      ).map(toCandidate);
    case "FLAG":
      return (await tx.person.findMany({ where: { ...active, flags: { some: { flag: audience.flag } } }, orderBy, select: PERSON_SELECT })).map(toCandidate);
    case "LEADERS": {
      const unit = audience.unitId ? await unitPath(tx, audience.unitId) : null;
      const within = unit ? (audience.includeSubunits ? { path: { startsWith: unit.path } } : { id: unit.id }) : {};
      return (
        await tx.person.findMany({
          where: { ...active, OR: [{ leads: { some: within } }, { deputyOf: { some: within } }] },
          orderBy,
          select: PERSON_SELECT,
        })
      ).map(toCandidate);
    }
  }
}

/** People of the audience who already run (or plan) a journey from this template. */
async function alreadyOnTemplate(tx: Db | Tx, templateId: string, personIds: string[]) {
  const busy = new Set<string>();
  for (let i = 0; i < personIds.length; i += CHUNK) {
    const rows = await tx.learningJourney.findMany({
      where: { templateId, status: { in: ["DRAFT", "PROPOSED", "AGREED", "ACTIVE"] }, personId: { in: personIds.slice(i, i + CHUNK) } },
      select: { personId: true },
      distinct: ["personId"],
    });
    for (const r of rows) busy.add(r.personId);
  }
  return busy;
}

/**
 * Start day of a person's journey: the cohort's start, or — for new hires — the person's entry
 * day when that is later (nobody starts onboarding before their first day).
 */
export function journeyStart(audience: CohortAudience, cohortStart: Day, entryDay: Day): Day {
  return audience.kind === "NEW_HIRES" ? maxDay(cohortStart, entryDay) : cohortStart;
}

async function loadAssignable(tx: Db | Tx, templateId: string) {
  const template = await tx.journeyTemplate.findUnique({
    where: { id: templateId },
    select: {
      id: true,
      title: true,
      description: true,
      goalKind: true,
      durationWeeks: true,
      version: true,
      archivedAt: true,
      phases: { orderBy: { position: "asc" }, select: { id: true, title: true } },
      steps: {
        orderBy: { position: "asc" },
        select: { id: true, phaseId: true, kind: true, title: true, description: true, url: true, trainingId: true, competencyId: true, targetLevel: true, dueAmount: true, dueUnit: true, competency: { select: { lineageId: true } } },
      },
    },
  });
  if (!template) throw new NotFoundError("Vorlage nicht gefunden");
  if (template.archivedAt) throw new ValidationError(v("archived"));
  return template;
}
type AssignableTemplate = Awaited<ReturnType<typeof loadAssignable>>;

/** The journey a template gives for one start day (phases and steps with absolute due days). */
export function journeyFromTemplate(template: AssignableTemplate, personId: string, startsOn: Day, cohortId: string | null): NewJourney {
  return {
    personId,
    title: template.title,
    goalKind: template.goalKind as GoalKind,
    goalText: template.description,
    startsOn,
    endsOn: addDays(startsOn, template.durationWeeks * 7),
    status: "ACTIVE",
    templateId: template.id,
    templateVersion: template.version,
    cohortId,
    phases: template.phases.map((phase) => ({
      title: phase.title,
      steps: template.steps
        .filter((s) => s.phaseId === phase.id)
        .map((s) => ({
          kind: s.kind as StepKind,
          title: s.title,
          description: s.description,
          url: s.url,
          trainingId: s.trainingId,
          competencyId: s.competencyId,
          lineageId: s.competency?.lineageId ?? null,
          targetLevel: s.targetLevel,
          dueOn: relativeDue(startsOn, s.dueAmount, s.dueUnit as RelativeUnit),
          rationale: `Aus der Vorlage „${template.title}“ (Version ${template.version}), fällig ${relativeLabel(s.dueAmount, s.dueUnit as RelativeUnit)}`,
          templateStepId: s.id,
        })),
    })),
  };
}

async function plan(tx: Db | Tx, templateId: string, input: ReturnType<typeof parseAssignment>) {
  const template = await loadAssignable(tx, templateId);
  const candidates = await resolveAudience(tx, input.audience);
  const busy = await alreadyOnTemplate(
    tx,
    templateId,
    candidates.map((c) => c.id),
  );
  const included = candidates.filter((c) => !busy.has(c.id));
  return { template, included, skipped: candidates.length - included.length };
}

/** "N Personen, M übersprungen" before assigning, with the first names of the list. */
export async function previewAssignment(db: Db | Tx, actor: Actor, templateId: string, input: unknown) {
  requireTemplateEditor(actor);
  const parsed = parseAssignment(input);
  const { included, skipped } = await plan(db, templateId, parsed);
  return { count: included.length, skipped, sample: included.slice(0, 20).map((c) => `${c.lastName}, ${c.firstName}`) };
}

export async function actorName(tx: Db | Tx, actor: Actor) {
  if (!actor.personId) return actor.email;
  const p = await tx.person.findUnique({ where: { id: actor.personId }, select: { firstName: true, lastName: true } });
  return p ? `${p.firstName} ${p.lastName}` : actor.email;
}

export interface AssignmentResult {
  cohortId: string | null;
  journeyIds: string[];
  created: number;
  skipped: number;
}

/**
 * Assigns the template. One picked person gives one journey without a cohort; every other
 * audience creates a cohort. Nobody to assign is a validation error (nothing is written).
 */
export async function assignTemplate(db: Db, actor: Actor, templateId: string, input: unknown, { now = new Date() } = {}): Promise<AssignmentResult> {
  requireTemplateEditor(actor);
  const parsed = parseAssignment(input);
  return db.$transaction(
    async (tx) => {
      const { template, included, skipped } = await plan(tx, templateId, parsed);
      if (included.length === 0) throw new ValidationError(skipped > 0 ? v("allSkipped") : v("nobody"), {});
      const single = parsed.audience.kind === "PERSONS" && parsed.audience.personIds.length === 1;
      let cohortId: string | null = null;
      const title = parsed.title || `${template.title} ab ${parsed.startsOn}`;
      if (!single) {
        const cohort = await tx.journeyCohort.create({
          data: { templateId, title, startsOn: parsed.startsOn, audience: JSON.stringify(parsed.audience), createdById: actor.userId, createdAt: now },
          select: { id: true },
        });
        cohortId = cohort.id;
      }
      const name = await actorName(tx, actor);
      const journeys = included.map((c) => journeyFromTemplate(template, c.id, journeyStart(parsed.audience, parsed.startsOn, c.entryDay), cohortId));
      const journeyIds = await insertJourneys(tx, { userId: actor.userId, name }, journeys, { now, comment: cohortId ? `Gruppe „${title}“` : "" });
      for (let i = 0; i < journeyIds.length; i += CHUNK) {
        await tx.learningJourney.updateMany({ where: { id: { in: journeyIds.slice(i, i + CHUNK) } }, data: { agreedById: actor.userId, agreedAt: now, activatedAt: now } });
      }
      const notifications = journeyIds.map((jid, i) => ({ personId: journeys[i]!.personId, kind: "journey.proposedToPerson" as const, params: { title: template.title, sender: name }, link: `/lernreisen/${jid}` }));
      for (let i = 0; i < notifications.length; i += CHUNK) await notify(tx, notifications.slice(i, i + CHUNK));
      await recordAudit(tx, {
        actorUserId: actor.userId,
        action: "journeytemplate.assign",
        entityType: cohortId ? "JourneyCohort" : "LearningJourney",
        entityId: cohortId ?? journeyIds[0]!,
        affectedPersonId: single ? journeys[0]!.personId : null,
        summary: `${template.title} v${template.version}: ${journeyIds.length} Lernreisen, ${skipped} übersprungen (${parsed.audience.kind})`,
      });
      return { cohortId, journeyIds, created: journeyIds.length, skipped };
    },
    { timeout: 120_000, maxWait: 60_000 },
  );
}

/** Default start for the assignment form: today (Berlin). */
export const defaultStart = (now = new Date()) => todayInBerlin(now);

/** Org units for the assignment form (code and name, in tree order). */
export async function unitOptions(db: Db | Tx) {
  const units = await db.orgUnit.findMany({ orderBy: [{ path: "asc" }], select: { id: true, code: true, name: true } });
  return units.map((u) => ({ value: u.id, label: `${u.code} ${u.name}` }));
}

const formFlag = (value: FormDataEntryValue | null) => value === "on" || value === "true" || value === "1";
const formText = (formData: FormData, name: string) => {
  const value = formData.get(name);
  return typeof value === "string" ? value.trim() : "";
};

/**
 * The assignment form (works without JavaScript): the audience kind and its fields; people are
 * picked by personnel number or e-mail, one per line. Unknown entries are a validation error.
 */
export async function assignmentFromForm(db: Db | Tx, formData: FormData) {
  const kind = formText(formData, "audienceKind");
  const base = { title: formText(formData, "title"), startsOn: formText(formData, "startsOn") };
  switch (kind) {
    case "PERSONS": {
      const keys = [...new Set(formText(formData, "persons").split(/[\n,;]+/).map((k) => k.trim()).filter(Boolean))];
      if (keys.length === 0) throw new ValidationError("form.checkFields", { persons: [v("personsRequired")] });
      if (keys.length > 2000) throw new ValidationError("form.checkFields", { persons: [v("tooMany")] });
      const found: { id: string; personnelNumber: string; email: string }[] = [];
      for (let i = 0; i < keys.length; i += CHUNK) {
        const chunk = keys.slice(i, i + CHUNK);
        found.push(
          ...(await db.person.findMany({
            where: { OR: [{ personnelNumber: { in: chunk } }, { email: { in: chunk.map((k) => k.toLowerCase()) } }] },
            select: { id: true, personnelNumber: true, email: true },
          })),
        );
      }
      const known = new Set(found.flatMap((p) => [p.personnelNumber, p.email.toLowerCase()]));
      const unknown = keys.filter((k) => !known.has(k) && !known.has(k.toLowerCase()));
      if (unknown.length > 0) throw new ValidationError("form.checkFields", { persons: [v("personsUnknown")] });
      return { ...base, audience: { kind, personIds: found.map((p) => p.id) } };
    }
    case "UNIT":
      return { ...base, audience: { kind, unitId: formText(formData, "unitId"), includeSubunits: formFlag(formData.get("includeSubunits")) } };
    case "NEW_HIRES":
      return { ...base, audience: { kind, from: formText(formData, "from"), to: formText(formData, "to") } };
    case "FLAG":
      return { ...base, audience: { kind, flag: formText(formData, "flag") } };
    case "LEADERS":
      return { ...base, audience: { kind, unitId: formText(formData, "leaderUnitId") || undefined, includeSubunits: true } };
    default:
      throw new ValidationError("form.checkFields", { audienceKind: [v("audienceRequired")] });
  }
}
