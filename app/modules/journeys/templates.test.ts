// Journey templates, group assignment, offered template changes and HR's aggregates: every saved
// change raises the version, assignment builds dated journeys for the right people (skipping those
// already on the template), a template change leaves running journeys alone until applied, and
// only HR development maintains templates.
import { db } from "~/utils/db.server.ts";
import { AccessDeniedError, NotFoundError, ValidationError } from "~/modules/errors.ts";
import { actorFor, createPerson, createScenario, createUnit, makeLeader } from "../../../tests/factories.ts";
import { createTraining } from "../../../tests/training-factories.ts";
import { createJourneyTemplate } from "../../../tests/journey-template-factories.ts";
import { addPhase, addStep, archiveTemplate, createTemplate, getTemplate, listTemplates, removeStep, updateStep, updateTemplateHeader } from "./templates.server.ts";
import { assignTemplate, journeyStart, previewAssignment } from "./cohorts.server.ts";
import { applyTemplateChanges, templateDiff } from "./template-apply.server.ts";
import { cohortView, completionRate, journeyOverview } from "./overview.server.ts";

const NOW = new Date("2026-11-27T10:00:00Z");

async function setup() {
  const s = await createScenario(db);
  const hr = await actorFor(db, s.hrUser.id);
  const leader = await actorFor(db, s.leaderUser.id);
  const employee = await actorFor(db, s.employeeUser.id);
  return { s, hr, leader, employee };
}

async function stepsOf(journeyId: string) {
  return db.journeyStep.findMany({ where: { journeyId }, orderBy: { position: "asc" }, select: { id: true, title: true, dueOn: true, status: true, templateStepId: true, trainingId: true, phase: { select: { title: true } } } });
}

describe("templates", () => {
  it("creates a template and raises the version with every saved change, audited", async () => {
    const { hr } = await setup();
    const { training } = await createTraining(db, { title: "Führen im Wandel" });
    const t = await createTemplate(db, hr, { title: "Führungskräfte-Programm", description: "", programme: "LEADERSHIP", durationWeeks: "26" });
    let detail = await getTemplate(db, hr, t.id);
    expect(detail.version).toBe(1);
    expect(detail.phases).toHaveLength(1);
    await addPhase(db, hr, t.id, { title: "Führen im Wandel" });
    const phaseId = (await getTemplate(db, hr, t.id)).phases[1]!.id;
    await addStep(db, hr, t.id, { phaseId, kind: "TRAINING", title: "Seminar", trainingId: training.id, dueAmount: "3", dueUnit: "MONTHS" });
    detail = await getTemplate(db, hr, t.id);
    expect(detail.version).toBe(3);
    const step = detail.phases[1]!.steps[0]!;
    expect(step.label).toBe("Monat 3");
    await updateStep(db, hr, t.id, step.id, { phaseId, kind: "TRAINING", title: "Seminar Führen im Wandel", trainingId: training.id, dueAmount: "10", dueUnit: "WEEKS" });
    await updateTemplateHeader(db, hr, t.id, { title: "Führungskräfte-Programm 2027", description: "Neu", programme: "LEADERSHIP", durationWeeks: "30" });
    detail = await getTemplate(db, hr, t.id);
    expect(detail.version).toBe(5);
    expect(detail.phases[1]!.steps[0]!.title).toBe("Seminar Führen im Wandel");
    const audits = await db.auditEvent.count({ where: { entityType: "JourneyTemplate", entityId: t.id } });
    expect(audits).toBe(5);
    const rows = await listTemplates(db, hr);
    expect(rows.find((r) => r.id === t.id)).toMatchObject({ version: 5, steps: 1, programme: "LEADERSHIP" });
  });

  it("rejects bad input with German message keys and changes nothing", async () => {
    const { hr } = await setup();
    const t = await createJourneyTemplate(db);
    const phaseId = t.phases[0]!.id;
    const error = await addStep(db, hr, t.id, { phaseId, kind: "TRAINING", title: "", dueAmount: "-1", dueUnit: "WEEKS" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors).toMatchObject({
      title: ["journeyTemplates.validation.stepTitleRequired"],
      dueAmount: ["journeyTemplates.validation.dueAmount"],
      trainingId: ["journeyTemplates.validation.trainingRequired"],
    });
    const eError = await addStep(db, hr, t.id, { phaseId, kind: "ELEARNING", title: "Kurs", dueAmount: "1", dueUnit: "WEEKS" }).catch((e: unknown) => e);
    expect((eError as ValidationError).fieldErrors.url).toEqual(["journeyTemplates.validation.urlRequired"]);
    await expect(createTemplate(db, hr, { title: "X", programme: "NOPE", durationWeeks: "0" })).rejects.toBeInstanceOf(ValidationError);
    expect((await db.journeyTemplate.findUniqueOrThrow({ where: { id: t.id } })).version).toBe(1);
    expect(await db.journeyTemplateStep.count({ where: { templateId: t.id } })).toBe(3);
  });

  it("is for HR development only; archived templates cannot be edited or assigned", async () => {
    const { s, hr, leader, employee } = await setup();
    const t = await createJourneyTemplate(db);
    await expect(listTemplates(db, leader)).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(getTemplate(db, employee, t.id)).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(addPhase(db, leader, t.id, { title: "Heimlich" })).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(assignTemplate(db, leader, t.id, { startsOn: "2026-12-01", audience: { kind: "PERSONS", personIds: [s.employee.id] } })).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(getTemplate(db, hr, "nope")).rejects.toBeInstanceOf(NotFoundError);
    await archiveTemplate(db, hr, t.id, { now: NOW });
    await expect(addPhase(db, hr, t.id, { title: "Zu spät" })).rejects.toBeInstanceOf(ValidationError);
    await expect(assignTemplate(db, hr, t.id, { startsOn: "2026-12-01", audience: { kind: "PERSONS", personIds: [s.employee.id] } })).rejects.toBeInstanceOf(ValidationError);
    expect((await listTemplates(db, hr)).some((r) => r.id === t.id)).toBe(false);
  });
});

describe("assignment", () => {
  it("assigns to one person without a cohort: ACTIVE journey with dates from the start, notified", async () => {
    const { s, hr } = await setup();
    const t = await createJourneyTemplate(db, { durationWeeks: 12 });
    const result = await assignTemplate(db, hr, t.id, { startsOn: "2026-12-01", audience: { kind: "PERSONS", personIds: [s.employee.id] } }, { now: NOW });
    expect(result).toMatchObject({ cohortId: null, created: 1, skipped: 0 });
    const journey = await db.learningJourney.findUniqueOrThrow({ where: { id: result.journeyIds[0]! } });
    expect(journey).toMatchObject({ personId: s.employee.id, status: "ACTIVE", startsOn: "2026-12-01", endsOn: "2027-02-23", templateVersion: 1, goalKind: "PROGRAMME" });
    expect(journey.activatedAt).not.toBeNull();
    expect((await stepsOf(journey.id)).map((x) => [x.phase.title, x.title, x.dueOn])).toEqual([
      ["Ankommen", "Begrüßung im Team", "2026-12-04"],
      ["Ankommen", "Leitbild lesen", "2026-12-15"],
      ["Vertiefen", "Reflexion nach zwei Monaten", "2027-02-01"],
    ]);
    const n = await db.notification.findMany({ where: { personId: s.employee.id, kind: "journey.proposedToPerson" } });
    expect(n).toHaveLength(1);
    expect(await db.journeyEvent.count({ where: { journeyId: journey.id, kind: "CREATED" } })).toBe(1);
    // The same person again: skipped while the journey runs.
    await expect(assignTemplate(db, hr, t.id, { startsOn: "2026-12-01", audience: { kind: "PERSONS", personIds: [s.employee.id] } })).rejects.toThrow("allSkipped");
  });

  it("assigns to a unit with sub-units as a cohort, only active people, skipping those already on the template", async () => {
    const { s, hr } = await setup();
    const gone = await createPerson(db, { unit: s.abteilungA1, status: "LEFT" });
    const t = await createJourneyTemplate(db);
    await assignTemplate(db, hr, t.id, { startsOn: "2026-12-01", audience: { kind: "PERSONS", personIds: [s.colleague.id] } }, { now: NOW });
    const preview = await previewAssignment(db, hr, t.id, { startsOn: "2026-12-01", audience: { kind: "UNIT", unitId: s.amtA.id, includeSubunits: true } });
    expect(preview).toMatchObject({ count: 2, skipped: 1 });
    const result = await assignTemplate(db, hr, t.id, { title: "Amt A 2026", startsOn: "2026-12-01", audience: { kind: "UNIT", unitId: s.amtA.id, includeSubunits: true } }, { now: NOW });
    expect(result).toMatchObject({ created: 2, skipped: 1 });
    const journeys = await db.learningJourney.findMany({ where: { cohortId: result.cohortId! }, select: { personId: true } });
    expect(journeys.map((j) => j.personId).sort()).toEqual([s.employee.id, s.leader.id].sort());
    expect(journeys.some((j) => j.personId === gone.id)).toBe(false);
    const cohort = await db.journeyCohort.findUniqueOrThrow({ where: { id: result.cohortId! } });
    expect(JSON.parse(cohort.audience)).toEqual({ kind: "UNIT", unitId: s.amtA.id, includeSubunits: true });
    // Without sub-units only the unit's own members.
    const t2 = await createJourneyTemplate(db);
    expect(await previewAssignment(db, hr, t2.id, { startsOn: "2026-12-01", audience: { kind: "UNIT", unitId: s.amtA.id, includeSubunits: false } })).toMatchObject({ count: 1, skipped: 0 });
  });

  it("new hires start on their entry day or the cohort start, whichever is later; flags and leaders", async () => {
    const { s, hr } = await setup();
    const unit = await createUnit(db, { type: "AMT" });
    const early = await createPerson(db, { unit });
    const late = await createPerson(db, { unit });
    await db.person.update({ where: { id: early.id }, data: { entryDate: new Date("2031-01-02T00:00:00Z") } });
    await db.person.update({ where: { id: late.id }, data: { entryDate: new Date("2031-02-15T00:00:00Z") } });
    const t = await createJourneyTemplate(db);
    const result = await assignTemplate(db, hr, t.id, { startsOn: "2031-01-15", audience: { kind: "NEW_HIRES", from: "2031-01-01", to: "2031-02-28" } }, { now: NOW });
    expect(result.created).toBe(2);
    const byPerson = new Map((await db.learningJourney.findMany({ where: { cohortId: result.cohortId! } })).map((j) => [j.personId, j]));
    expect(byPerson.get(early.id)!.startsOn).toBe("2031-01-15");
    expect(byPerson.get(late.id)!.startsOn).toBe("2031-02-15");
    expect(journeyStart({ kind: "FLAG", flag: "DIGITAL_PILOT" }, "2026-12-01", "2027-01-01")).toBe("2026-12-01");

    await db.personFlag.create({ data: { personId: s.outsider.id, flag: "DIGITAL_PILOT", since: "2026-01-01" } });
    const t2 = await createJourneyTemplate(db, { programme: "DIGITAL_PILOT" });
    const pilots = await previewAssignment(db, hr, t2.id, { startsOn: "2026-12-01", audience: { kind: "FLAG", flag: "DIGITAL_PILOT" } });
    expect(pilots.sample.some((n) => n.startsWith(s.outsider.lastName))).toBe(true);

    const deputyUnit = await createUnit(db, { parent: s.amtA, type: "ABTEILUNG" });
    await db.orgUnit.update({ where: { id: deputyUnit.id }, data: { deputyId: s.colleague.id } });
    await makeLeader(db, s.amtB.id, s.outsider.id);
    const leaders = await previewAssignment(db, hr, t2.id, { startsOn: "2026-12-01", audience: { kind: "LEADERS", unitId: s.amtA.id, includeSubunits: true } });
    expect(leaders.count).toBe(2);
    expect(leaders.sample.sort()).toEqual([`${s.leader.lastName}, ${s.leader.firstName}`, `${s.colleague.lastName}, ${s.colleague.firstName}`].sort());
  });

  it("refuses a bad audience with a message and writes nothing", async () => {
    const { hr } = await setup();
    const t = await createJourneyTemplate(db);
    const e = await assignTemplate(db, hr, t.id, { startsOn: "kein Datum", audience: { kind: "NEW_HIRES", from: "2026-02-01", to: "2026-01-01" } }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as ValidationError).fieldErrors).toMatchObject({ startsOn: ["journeyTemplates.validation.startRequired"], to: ["journeyTemplates.validation.periodOrder"] });
    const nobody = await assignTemplate(db, hr, t.id, { startsOn: "2026-12-01", audience: { kind: "NEW_HIRES", from: "1990-01-01", to: "1990-01-02" } }).catch((x: unknown) => x);
    expect((nobody as ValidationError).message).toBe("journeyTemplates.validation.nobody");
    expect(await db.journeyCohort.count({ where: { templateId: t.id } })).toBe(0);
  });
});

describe("template changes are offered, not forced", () => {
  it("leaves running journeys alone until applied; applying adds, updates and removes open steps only", async () => {
    const { s, hr, employee, leader } = await setup();
    const { training } = await createTraining(db, { title: "E-Akte" });
    const t = await createJourneyTemplate(db);
    const result = await assignTemplate(db, hr, t.id, { startsOn: "2026-12-01", audience: { kind: "PERSONS", personIds: [s.employee.id] } }, { now: NOW });
    const journeyId = result.journeyIds[0]!;
    const before = await stepsOf(journeyId);
    // The person finished the first step and added one of their own.
    await db.journeyStep.update({ where: { id: before[0]!.id }, data: { status: "DONE" } });
    await db.journeyStep.create({ data: { journeyId, phaseId: (await db.journeyPhase.findFirstOrThrow({ where: { journeyId } })).id, position: 10, kind: "READING", title: "Eigenes Buch" } });

    const [welcome, reading, reflection] = t.steps;
    // Template: the done step is renamed, the reading step gets a training and a new due, the reflection is removed, a step is added.
    await updateStep(db, hr, t.id, welcome!.id, { phaseId: welcome!.phaseId, kind: "ON_THE_JOB", title: "Begrüßung durch die Amtsleitung", dueAmount: "3", dueUnit: "DAYS" });
    await updateStep(db, hr, t.id, reading!.id, { phaseId: reading!.phaseId, kind: "TRAINING", title: "E-Akte-Schulung", trainingId: training.id, dueAmount: "4", dueUnit: "WEEKS" });
    await removeStep(db, hr, t.id, reflection!.id);
    await addStep(db, hr, t.id, { phaseId: t.phases[1]!.id, kind: "MENTORING", title: "Mentoring-Gespräch", dueAmount: "10", dueUnit: "DAYS" });

    // Nothing changed in the running journey.
    const unchanged = await stepsOf(journeyId);
    expect(unchanged.map((x) => x.title)).toEqual(["Begrüßung im Team", "Leitbild lesen", "Reflexion nach zwei Monaten", "Eigenes Buch"]);
    expect((await db.learningJourney.findUniqueOrThrow({ where: { id: journeyId } })).templateVersion).toBe(1);

    // The owner was told once (at the first change), not at every save.
    expect(await db.notification.count({ where: { personId: s.employee.id, kind: "journey.templateChanged" } })).toBe(1);

    const { diff, canApply } = await templateDiff(db, employee, journeyId);
    expect(canApply).toBe(true);
    expect(diff).toMatchObject({ fromVersion: 1, toVersion: 5 });
    expect(diff!.added.map((a) => [a.title, a.dueOn])).toEqual([["Mentoring-Gespräch", "2026-12-11"]]);
    expect(diff!.removed).toEqual([expect.objectContaining({ title: "Reflexion nach zwei Monaten", willRemove: true })]);
    expect(diff!.changed.map((c) => [c.title, c.willApply, c.fields.map((f) => f.field).sort()])).toEqual([
      ["Begrüßung im Team", false, ["title"]],
      ["Leitbild lesen", true, ["dueOn", "kind", "title", "trainingId"]],
    ]);

    // An outsider may neither see nor apply.
    const outsiderLeader = await actorFor(db, (await db.user.create({ data: { email: `x-${Date.now()}@t.example`, passwordHash: "x", personId: s.outsider.id, roles: { create: [{ role: "EMPLOYEE" }] } } })).id);
    await expect(templateDiff(db, outsiderLeader, journeyId)).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(applyTemplateChanges(db, outsiderLeader, journeyId)).rejects.toBeInstanceOf(AccessDeniedError);

    await applyTemplateChanges(db, leader, journeyId, { now: NOW });
    const after = await stepsOf(journeyId);
    expect(after.map((x) => [x.phase.title, x.title, x.dueOn, x.status])).toEqual([
      ["Ankommen", "Begrüßung im Team", "2026-12-04", "DONE"],
      ["Ankommen", "E-Akte-Schulung", "2026-12-29", "OPEN"],
      ["Ankommen", "Eigenes Buch", null, "OPEN"],
      ["Vertiefen", "Mentoring-Gespräch", "2026-12-11", "OPEN"],
    ]);
    expect(after[1]!.trainingId).toBe(training.id);
    const journey = await db.learningJourney.findUniqueOrThrow({ where: { id: journeyId } });
    expect(journey.templateVersion).toBe(5);
    const event = await db.journeyEvent.findFirstOrThrow({ where: { journeyId, kind: "TEMPLATE_APPLIED" } });
    expect(JSON.parse(event.detail)).toEqual({ fromVersion: 1, toVersion: 5, added: 1, changed: 1, removed: 1 });
    expect(await db.auditEvent.count({ where: { action: "journey.templateApplied", entityId: journeyId } })).toBe(1);
    expect((await templateDiff(db, employee, journeyId)).diff).toBeNull();
    await expect(applyTemplateChanges(db, employee, journeyId)).rejects.toBeInstanceOf(ValidationError);
  });

  it("does not apply to completed journeys", async () => {
    const { s, hr } = await setup();
    const t = await createJourneyTemplate(db);
    const { journeyIds } = await assignTemplate(db, hr, t.id, { startsOn: "2026-12-01", audience: { kind: "PERSONS", personIds: [s.employee.id] } }, { now: NOW });
    await db.learningJourney.update({ where: { id: journeyIds[0]! }, data: { status: "COMPLETED" } });
    await addPhase(db, hr, t.id, { title: "Neu" });
    const { diff, canApply } = await templateDiff(db, hr, journeyIds[0]!);
    expect(diff?.applicable).toBe(false);
    expect(canApply).toBe(false);
    await expect(applyTemplateChanges(db, hr, journeyIds[0]!)).rejects.toBeInstanceOf(ValidationError);
  });
});

describe("overview and cohort view", () => {
  it("counts per template, programme and cohort with progress, phases and overdue steps; HR only", async () => {
    const { s, hr, leader } = await setup();
    const t = await createJourneyTemplate(db, { programme: "LEADERSHIP" });
    const { cohortId, journeyIds } = await assignTemplate(db, hr, t.id, { title: "Gruppe", startsOn: "2026-10-01", audience: { kind: "UNIT", unitId: s.amtA.id, includeSubunits: true } }, { now: NOW });
    // Three journeys (leader, employee, colleague); one completed, one step done in another.
    const [a, b] = journeyIds;
    await db.learningJourney.update({ where: { id: a! }, data: { status: "COMPLETED" } });
    await db.journeyStep.updateMany({ where: { journeyId: a! }, data: { status: "DONE" } });
    const firstOfB = await db.journeyStep.findFirstOrThrow({ where: { journeyId: b! }, orderBy: { position: "asc" } });
    await db.journeyStep.update({ where: { id: firstOfB.id }, data: { status: "DONE" } });
    const view = await cohortView(db, hr, cohortId!, { now: NOW });
    expect(view.total).toBe(3);
    expect(view.counts).toMatchObject({ ACTIVE: 2, COMPLETED: 1 });
    expect(view.completionRate).toBe(33);
    // (100 + 33.3 + 0) / 3
    expect(view.avgProgress).toBe(44);
    // Started 1 Oct: day 3 and week 2 are overdue on 27 Nov in the two running journeys, minus b's done first step.
    expect(view.overdue).toBe(3);
    expect(view.phases.map((p) => [p.title, p.done, p.counted])).toEqual([
      ["Ankommen", 3, 6],
      ["Vertiefen", 1, 3],
    ]);
    expect(view.participants.map((p) => p.name)).toEqual([...view.participants.map((p) => p.name)].sort((x, y) => x.localeCompare(y, "de")));

    const overview = await journeyOverview(db, hr, { now: NOW });
    const row = overview.templates.find((r) => r.id === t.id)!;
    expect(row.counts).toMatchObject({ ACTIVE: 2, COMPLETED: 1 });
    expect(row.completionRate).toBe(33);
    expect(overview.cohorts.find((c) => c.id === cohortId)).toMatchObject({ total: 3, avgProgress: 44, overdue: 3 });
    expect(overview.programmes.find((p) => p.programme === "LEADERSHIP")!.total).toBeGreaterThanOrEqual(3);
    expect(completionRate({ DRAFT: 5, PROPOSED: 0, AGREED: 1, ACTIVE: 1, COMPLETED: 2, CANCELLED: 9 })).toBe(50);

    await expect(journeyOverview(db, leader)).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(cohortView(db, leader, cohortId!)).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(cohortView(db, hr, "nope")).rejects.toBeInstanceOf(NotFoundError);
  });
});
