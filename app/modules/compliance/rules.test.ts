// Mandatory-training rules: create / update / archive keep the requirements in step in the same
// transaction (with audit events), bad input changes nothing, only HR development maintains
// rules, and the what-if preview counts with concrete dates — by Amt, and against the stored rule.
import { randomUUID } from "node:crypto";
import { db } from "~/utils/db.server.ts";
import { AccessDeniedError, NotFoundError, ValidationError } from "~/modules/errors.ts";
import { actorFor, createPerson, createScenario, createUnit } from "../../../tests/factories.ts";
import { createTraining } from "../../../tests/training-factories.ts";
import { previewRule } from "./preview.server.ts";
import { factsForRule, loadFactsOfEveryone, loadPersonFacts, RULE_SPEC_SELECT, ruleSpecOf } from "./sync.server.ts";
import { EMPTY_DRAFT, type RuleDraft } from "./rule-form.ts";
import { archiveRule, createRule, getRule, listRules, parseRuleInput, searchPicker, updateRule } from "./rules.server.ts";

const TODAY = "2026-11-27";

async function complete(personId: string, trainingId: string, day: string) {
  await db.trainingCompletion.create({
    data: { personId, trainingId, completedAt: new Date(`${day}T00:00:00.000Z`), certificateNumber: `RT-${randomUUID()}` },
  });
}

/**
 * Amt A (with Abteilung A1): the leader (no completion: overdue since 31 Jan 2020), the employee
 * (completed 1 Jun 2026: valid until 1 Jun 2027) and the colleague (completed 10 Dec 2025: due
 * 10 Dec 2026, so due soon on 27 Nov 2026). Amt B: the outsider and HR, no completions.
 */
async function setup() {
  const s = await createScenario(db);
  const hr = await actorFor(db, s.hrUser.id);
  const { training } = await createTraining(db, { title: "Datenschutz E-Learning", format: "ELEARNING" });
  await complete(s.employee.id, training.id, "2026-06-01");
  await complete(s.colleague.id, training.id, "2025-12-10");
  const draft = (overrides: Partial<RuleDraft> = {}): RuleDraft => ({
    ...EMPTY_DRAFT,
    name: `Datenschutz ${randomUUID().slice(0, 8)}`,
    legalBasis: "Art. 39 DSGVO",
    trainingIds: [training.id],
    units: [{ unitId: s.amtA.id, includeSubunits: true }],
    firstDueMode: "AFTER_JOINING",
    firstDueDays: "30",
    recurrence: "ROLLING",
    intervalMonths: "12",
    dueSoonDays: "30",
    graceDays: "0",
    ...overrides,
  });
  return { s, hr, training, draft };
}

async function requirementsOf(ruleId: string) {
  return db.complianceRequirement.findMany({ where: { ruleId }, select: { personId: true, closedOn: true, closedReason: true, dueOn: true } });
}

describe("rule validation", () => {
  const base = { ...EMPTY_DRAFT, name: "Regel", legalBasis: "§ 12 ArbSchG", trainingIds: ["t1"], everyone: true };
  const errorsOf = (input: unknown) => {
    try {
      parseRuleInput(input);
    } catch (error) {
      if (error instanceof ValidationError) return error.fieldErrors;
      throw error;
    }
    return {};
  };

  it("accepts a complete rule and drops fields that do not belong to the chosen modes", () => {
    const input = parseRuleInput({ ...base, firstDueDate: "2027-01-15", yearlyMonth: "3", yearlyDay: "1" });
    expect(input.firstDueDate).toBeNull();
    expect(input.yearlyMonth).toBeNull();
    expect(input.intervalMonths).toBe(12);
    expect(input.audience.everyone).toBe(true);
  });

  it("names every wrong field with a German message key", () => {
    expect(errorsOf({ ...base, name: " ", legalBasis: "" })).toEqual({ name: ["complianceRules.validation.nameRequired"], legalBasis: ["complianceRules.validation.legalBasisRequired"] });
    expect(errorsOf({ ...base, trainingIds: [] }).trainingIds).toEqual(["complianceRules.validation.trainingsRequired"]);
    expect(errorsOf({ ...base, everyone: false }).audience).toEqual(["complianceRules.validation.audienceEmpty"]);
    expect(errorsOf({ ...base, intervalMonths: "" }).intervalMonths).toEqual(["complianceRules.validation.intervalMonths"]);
    expect(errorsOf({ ...base, intervalMonths: "121" }).intervalMonths).toEqual(["complianceRules.validation.intervalMonths"]);
    expect(errorsOf({ ...base, intervalMonths: "1,5" }).intervalMonths).toEqual(["complianceRules.validation.intervalMonths"]);
    expect(errorsOf({ ...base, intervalMonths: "1", dueSoonDays: "30" }).dueSoonDays).toEqual(["complianceRules.validation.dueSoonTooLong"]);
    expect(errorsOf({ ...base, firstDueMode: "FIXED_DATE", firstDueDate: "" }).firstDueDate).toEqual(["complianceRules.validation.firstDueDateRequired"]);
    expect(errorsOf({ ...base, firstDueMode: "FIXED_DATE", firstDueDate: "2026-02-30" }).firstDueDate).toEqual(["complianceRules.validation.dateInvalid"]);
    expect(errorsOf({ ...base, recurrence: "FIXED_YEARLY", yearlyMonth: "2", yearlyDay: "30" }).yearlyDay).toEqual(["complianceRules.validation.yearlyDay"]);
    expect(errorsOf({ ...base, recurrence: "FIXED_YEARLY", yearlyMonth: "", yearlyDay: "1" }).yearlyMonth).toEqual(["complianceRules.validation.yearlyMonth"]);
    expect(errorsOf({ ...base, firstDueDays: "-1", graceDays: "x" })).toMatchObject({ firstDueDays: ["complianceRules.validation.firstDueDays"], graceDays: ["complianceRules.validation.graceDays"] });
    expect(errorsOf({ ...base, positionIds: ["p1"], excludePositionIds: ["p1"] }).excludePositionIds).toEqual(["complianceRules.validation.positionBothWays"]);
    expect(errorsOf({ ...base, recurrence: "WEEKLY" }).recurrence).toEqual(["complianceRules.validation.recurrenceRequired"]);
  });

  it("allows 29 February as a yearly date and a fixed yearly rule without a first date", () => {
    const input = parseRuleInput({ ...base, firstDueMode: "FIXED_DATE", firstDueDate: "", recurrence: "FIXED_YEARLY", yearlyMonth: "2", yearlyDay: "29" });
    expect(input).toMatchObject({ firstDueDate: null, yearlyMonth: 2, yearlyDay: 29, intervalMonths: null });
  });
});

describe("rules: create, update, archive", () => {
  it("creating a rule starts the requirements of its audience in the same transaction, with an audit event", async () => {
    const { s, hr, draft, training } = await setup();
    const rule = await createRule(db, hr, draft(), { today: TODAY });
    expect(rule.sync).toMatchObject({ started: 3, closed: 0 });
    const rows = await requirementsOf(rule.id);
    expect(rows.map((r) => r.personId).sort()).toEqual([s.leader.id, s.employee.id, s.colleague.id].sort());
    expect(rows.find((r) => r.personId === s.leader.id)?.dueOn).toBe("2020-01-31");
    expect(rows.find((r) => r.personId === s.employee.id)?.dueOn).toBe("2027-06-01");
    expect(rows.find((r) => r.personId === s.colleague.id)?.dueOn).toBe("2026-12-10");
    const events = await db.complianceRequirementEvent.findMany({ where: { requirement: { ruleId: rule.id } } });
    expect(events).toHaveLength(3);
    expect(events.every((e) => e.kind === "STARTED" && JSON.parse(e.detail).cause === "rule.created")).toBe(true);
    const audit = await db.auditEvent.findMany({ where: { entityId: rule.id } });
    expect(audit.map((a) => a.action)).toEqual(["compliancerule.create"]);
    expect(audit[0]!.actorUserId).toBe(s.hrUser.id);
    expect(audit[0]!.summary).toContain("3 begonnen");

    // The list shows the coverage: 3 affected, 2 fulfilled, 1 overdue, 1 due soon.
    const list = await listRules(db, hr, { today: TODAY });
    const listed = list.rules.find((r) => r.id === rule.id)!;
    expect(listed.trainings.map((t) => t.id)).toEqual([training.id]);
    expect(listed.coverage).toMatchObject({ open: 3, required: 3, compliant: 2, overdue: 1, dueSoon: 1 });
    // The colleague is due soon but still holds a valid completion: fulfilled.
    expect(listed.coverage.rate).toBeCloseTo(2 / 3);

    const got = await getRule(db, hr, rule.id, { today: TODAY });
    expect(got.draft).toMatchObject({ trainingIds: [training.id], units: [{ unitId: s.amtA.id, includeSubunits: true }], intervalMonths: "12", firstDueDate: "" });
  });

  it("updating a rule closes the requirements of people who left the audience and starts new ones", async () => {
    const { s, hr, draft } = await setup();
    const created = await createRule(db, hr, draft(), { today: TODAY });
    const edited = draft({ name: `${created.name} neu`, units: [{ unitId: s.amtA.id, includeSubunits: false }, { unitId: s.amtB.id, includeSubunits: false }] });
    const result = await updateRule(db, hr, created.id, edited, { today: TODAY });
    expect(result.sync).toMatchObject({ started: 2, closed: 2 });
    const rows = await requirementsOf(created.id);
    const open = rows.filter((r) => r.closedOn === null).map((r) => r.personId).sort();
    expect(open).toEqual([s.leader.id, s.outsider.id, s.hrPerson.id].sort());
    const closed = rows.filter((r) => r.closedOn !== null);
    expect(closed.map((r) => [r.personId, r.closedOn, r.closedReason]).sort()).toEqual(
      [
        [s.employee.id, TODAY, "LEFT_AUDIENCE"],
        [s.colleague.id, TODAY, "LEFT_AUDIENCE"],
      ].sort(),
    );
    const causes = await db.complianceRequirementEvent.findMany({ where: { requirement: { ruleId: created.id }, kind: { in: ["CLOSED", "STARTED"] } }, select: { kind: true, detail: true } });
    expect(causes.filter((e) => JSON.parse(e.detail).cause === "rule.updated")).toHaveLength(4);
    const audit = await db.auditEvent.findMany({ where: { entityId: created.id }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["compliancerule.create", "compliancerule.update"]);
    expect(audit[1]!.summary).toContain(`(vorher ${created.name})`);

    // A shorter interval moves the employee's due date (completed 1 Jun 2026 + 6 months).
    await updateRule(db, hr, created.id, { ...edited, units: [{ unitId: s.amtA.id, includeSubunits: true }], intervalMonths: "6" }, { today: TODAY });
    const after = await requirementsOf(created.id);
    expect(after.find((r) => r.personId === s.employee.id)).toMatchObject({ closedOn: null, dueOn: "2026-12-01" });
  });

  it("archiving closes every open requirement, keeps the rows, and the rule leaves the default list", async () => {
    const { hr, draft } = await setup();
    const rule = await createRule(db, hr, draft(), { today: TODAY });
    const result = await archiveRule(db, hr, rule.id, { today: TODAY });
    expect(result.sync.closed).toBe(3);
    const rows = await requirementsOf(rule.id);
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.closedOn === TODAY && r.closedReason === "RULE_ARCHIVED")).toBe(true);
    const events = await db.complianceRequirementEvent.findMany({ where: { requirement: { ruleId: rule.id }, kind: "CLOSED" } });
    expect(events.every((e) => JSON.parse(e.detail).cause === "rule.archived")).toBe(true);
    expect((await db.auditEvent.findMany({ where: { entityId: rule.id, action: "compliancerule.archive" } })).length).toBe(1);
    expect((await listRules(db, hr, { today: TODAY })).rules.some((r) => r.id === rule.id)).toBe(false);
    const withArchived = (await listRules(db, hr, { today: TODAY, includeArchived: true })).rules.find((r) => r.id === rule.id)!;
    expect(withArchived.archivedAt).not.toBeNull();
    expect(withArchived.coverage.open).toBe(0);
    // Archived rules can be neither archived again nor edited.
    await expect(archiveRule(db, hr, rule.id, { today: TODAY })).rejects.toBeInstanceOf(ValidationError);
    await expect(updateRule(db, hr, rule.id, draft(), { today: TODAY })).rejects.toThrow("complianceRules.validation.archived");
  });

  it("bad input changes nothing: no rule, no requirements, no audit event", async () => {
    const { s, hr, draft } = await setup();
    const { training: unpublished } = await createTraining(db, { status: "DRAFT" });
    const audits = await db.auditEvent.count();
    const rules = await db.complianceRule.count();
    const requirements = await db.complianceRequirement.count();
    const attempts: [Partial<RuleDraft>, string, string][] = [
      [{ units: [] }, "audience", "complianceRules.validation.audienceEmpty"],
      [{ trainingIds: [unpublished.id] }, "trainingIds", "complianceRules.validation.trainingNotPublished"],
      [{ trainingIds: ["gibt-es-nicht"] }, "trainingIds", "complianceRules.validation.trainingUnknown"],
      [{ units: [{ unitId: "gibt-es-nicht", includeSubunits: true }] }, "units", "complianceRules.validation.unitUnknown"],
      [{ positionIds: ["gibt-es-nicht"] }, "positionIds", "complianceRules.validation.positionUnknown"],
      [{ recurrence: "FIXED_YEARLY", yearlyMonth: "4", yearlyDay: "31" }, "yearlyDay", "complianceRules.validation.yearlyDay"],
    ];
    for (const [overrides, field, message] of attempts) {
      const error = await createRule(db, hr, draft(overrides), { today: TODAY }).catch((e: unknown) => e);
      expect(error, field).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).fieldErrors[field]).toEqual([message]);
    }
    // A second rule with the same name.
    const first = await createRule(db, hr, draft(), { today: TODAY });
    const duplicate = await createRule(db, hr, draft({ name: first.name, everyone: true }), { today: TODAY }).catch((e: unknown) => e);
    expect((duplicate as ValidationError).fieldErrors.name).toEqual(["complianceRules.validation.nameTaken"]);
    expect(await db.complianceRule.count()).toBe(rules + 1);
    expect(await db.complianceRequirement.count()).toBe(requirements + 3);
    expect(await db.auditEvent.count()).toBe(audits + 1);

    // A failed update leaves the rule and its requirements as they were.
    const before = await requirementsOf(first.id);
    const stored = await db.complianceRule.findUniqueOrThrow({ where: { id: first.id } });
    await expect(updateRule(db, hr, first.id, draft({ name: first.name, units: [{ unitId: s.amtB.id, includeSubunits: false }], intervalMonths: "0" }), { today: TODAY })).rejects.toBeInstanceOf(ValidationError);
    expect(await requirementsOf(first.id)).toEqual(before);
    expect(await db.complianceRule.findUniqueOrThrow({ where: { id: first.id } })).toEqual(stored);
    await expect(updateRule(db, hr, "gibt-es-nicht", draft(), { today: TODAY })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("only HR development maintains, lists and previews rules", async () => {
    const { s, hr, draft } = await setup();
    const rule = await createRule(db, hr, draft(), { today: TODAY });
    for (const user of [s.employeeUser, s.leaderUser, s.adminUser]) {
      const actor = await actorFor(db, user.id);
      await expect(createRule(db, actor, draft(), { today: TODAY })).rejects.toBeInstanceOf(AccessDeniedError);
      await expect(updateRule(db, actor, rule.id, draft(), { today: TODAY })).rejects.toBeInstanceOf(AccessDeniedError);
      await expect(archiveRule(db, actor, rule.id, { today: TODAY })).rejects.toBeInstanceOf(AccessDeniedError);
      await expect(listRules(db, actor, { today: TODAY })).rejects.toBeInstanceOf(AccessDeniedError);
      await expect(getRule(db, actor, rule.id, { today: TODAY })).rejects.toBeInstanceOf(AccessDeniedError);
      await expect(previewRule(db, actor, draft(), { today: TODAY })).rejects.toBeInstanceOf(AccessDeniedError);
      await expect(searchPicker(db, actor, "units", "Amt")).rejects.toBeInstanceOf(AccessDeniedError);
    }
    expect((await requirementsOf(rule.id)).every((r) => r.closedOn === null)).toBe(true);
  });
});

describe("what-if preview", () => {
  it("counts affected, overdue at once, due soon and completed with concrete dates, and nothing is saved", async () => {
    const { s, hr, draft } = await setup();
    const rules = await db.complianceRule.count();
    const requirements = await db.complianceRequirement.count();
    const preview = await previewRule(db, hr, draft(), { today: TODAY });
    expect(preview.totals).toEqual({ affected: 3, overdue: 1, dueSoon: 1, completed: 1, notDue: 0, exemptOrPaused: 0 });
    expect(preview.diff).toBeNull();
    expect(preview.groups).toEqual([
      expect.objectContaining({ key: s.amtA.id, kind: "AMT", code: s.amtA.code, name: s.amtA.name, affected: 3, overdue: 1, dueSoon: 1, completed: 1 }),
    ]);

    // HR moves the first due date to a fixed day: nobody is overdue at once any more; the
    // colleague's completion still runs out on 10 Dec 2026 (due soon), the leader is due 15 Jan 2027.
    const adjusted = await previewRule(db, hr, draft({ firstDueMode: "FIXED_DATE", firstDueDate: "2027-01-15" }), { today: TODAY });
    expect(adjusted.totals).toEqual({ affected: 3, overdue: 0, dueSoon: 1, completed: 1, notDue: 1, exemptOrPaused: 0 });

    // A grace period of 14 days keeps an item due 20 Nov 2026 "due soon" until 4 Dec.
    const graced = await previewRule(db, hr, draft({ firstDueMode: "FIXED_DATE", firstDueDate: "2026-11-20", graceDays: "14" }), { today: TODAY });
    expect(graced.totals).toMatchObject({ overdue: 0, dueSoon: 2 });
    const noGrace = await previewRule(db, hr, draft({ firstDueMode: "FIXED_DATE", firstDueDate: "2026-11-20" }), { today: TODAY });
    expect(noGrace.totals).toMatchObject({ overdue: 1, dueSoon: 1 });

    // Read in bulk (as for large audiences), the result is the same.
    const bulk = await previewRule(db, hr, draft({ firstDueMode: "FIXED_DATE", firstDueDate: "2027-01-15" }), { today: TODAY, bulkFrom: 0 });
    expect(bulk.totals).toEqual(adjusted.totals);
    expect(bulk.groups).toEqual(adjusted.groups);

    // Everybody (read in bulk without a candidate query): all who have not left, the employee
    // excluded by name.
    const all = await previewRule(db, hr, draft({ units: [], everyone: true, excludePersonIds: [s.employee.id] }), { today: TODAY });
    const staying = await db.person.count({ where: { status: { not: "LEFT" }, OR: [{ exitDate: null }, { exitDate: { gte: new Date(`${TODAY}T00:00:00.000Z`) } }] } });
    expect(all.totals.affected).toBe(staying - 1);

    // A draft without a name can be previewed; a broken one cannot.
    expect((await previewRule(db, hr, draft({ name: "", legalBasis: "" }), { today: TODAY })).totals.affected).toBe(3);
    await expect(previewRule(db, hr, draft({ units: [] }), { today: TODAY })).rejects.toBeInstanceOf(ValidationError);

    expect(await db.complianceRule.count()).toBe(rules);
    expect(await db.complianceRequirement.count()).toBe(requirements);
  });

  it("groups by Amt: people in a Dezernat's staff units count for the Dezernat, Ämter below it separately", async () => {
    const { hr, training, draft } = await setup();
    const dezernat = await createUnit(db, { type: "DEZERNAT", name: "Dezernat Test" });
    const staff = await createUnit(db, { parent: dezernat, type: "STABSSTELLE", name: "Stabsstelle Digitalisierung" });
    const amt = await createUnit(db, { parent: dezernat, type: "AMT", name: "Amt C" });
    const division = await createUnit(db, { parent: amt, type: "ABTEILUNG", name: "Abteilung C1" });
    const inStaff = await createPerson(db, { unit: staff });
    await createPerson(db, { unit: dezernat, title: "Dezernent*in" });
    const inDivision = await createPerson(db, { unit: division });
    await createPerson(db, { unit: amt });
    await complete(inDivision.id, training.id, "2026-11-01");
    await complete(inStaff.id, training.id, "2024-01-10");

    const preview = await previewRule(db, hr, draft({ units: [{ unitId: dezernat.id, includeSubunits: true }] }), { today: TODAY });
    expect(preview.totals).toMatchObject({ affected: 4, overdue: 3, completed: 1 });
    expect(preview.groups.map((g) => [g.kind, g.name, g.affected, g.overdue, g.completed])).toEqual([
      ["AMT", "Amt C", 2, 1, 1],
      ["DEZERNAT_REST", "Dezernat Test", 2, 2, 0],
    ]);

    // Excluding the staff unit and a position narrows it.
    const narrowed = await previewRule(
      db,
      hr,
      draft({ units: [{ unitId: dezernat.id, includeSubunits: true }], excludeUnits: [{ unitId: staff.id, includeSubunits: false }], excludePositionIds: [inDivision.position.id] }),
      { today: TODAY },
    );
    expect(narrowed.totals.affected).toBe(2);
    expect(narrowed.groups.map((g) => [g.name, g.affected])).toEqual([
      ["Amt C", 1],
      ["Dezernat Test", 1],
    ]);
  });

  it("for a saved rule shows who would be newly affected, no longer affected and newly overdue", async () => {
    const { s, hr, draft } = await setup();
    const rule = await createRule(db, hr, draft(), { today: TODAY });
    const same = await previewRule(db, hr, draft(), { ruleId: rule.id, today: TODAY });
    expect(same.diff).toEqual({ current: 3, newlyAffected: 0, noLongerAffected: 0, newlyOverdue: 0 });

    // Without sub-units and with Amt B: employee and colleague drop out, outsider and HR come in overdue.
    const changed = await previewRule(db, hr, draft({ units: [{ unitId: s.amtA.id, includeSubunits: false }, { unitId: s.amtB.id, includeSubunits: true }] }), { ruleId: rule.id, today: TODAY });
    expect(changed.diff).toEqual({ current: 3, newlyAffected: 2, noLongerAffected: 2, newlyOverdue: 2 });
    const byKey = new Map(changed.groups.map((g) => [g.key, [g.affected, g.newlyAffected, g.noLongerAffected, g.newlyOverdue]]));
    expect(changed.groups).toHaveLength(2);
    expect(byKey.get(s.amtA.id)).toEqual([1, 0, 2, 0]);
    expect(byKey.get(s.amtB.id)).toEqual([2, 2, 0, 2]);
    // A six-month interval makes the colleague (completed 10 Dec 2025) overdue.
    const shorter = await previewRule(db, hr, draft({ intervalMonths: "6" }), { ruleId: rule.id, today: TODAY });
    expect(shorter.diff).toEqual({ current: 3, newlyAffected: 0, noLongerAffected: 0, newlyOverdue: 1 });
    // Nothing was written by the previews.
    expect((await requirementsOf(rule.id)).every((r) => r.closedOn === null)).toBe(true);
    await expect(previewRule(db, hr, draft(), { ruleId: "gibt-es-nicht", today: TODAY })).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("preview at scale", () => {
  it("reads everybody's facts in bulk exactly as the sync reads them per chunk", async () => {
    const { s, hr, draft } = await setup();
    const rule = await createRule(db, hr, draft(), { today: TODAY });
    await db.personFlag.create({ data: { personId: s.employee.id, flag: "FIRST_AIDER", since: "2024-01-01" } });
    await db.personAbsence.create({ data: { personId: s.employee.id, kind: "PARENTAL_LEAVE", startOn: "2026-01-01", endOn: "2026-06-30" } });
    await db.complianceExemption.create({ data: { ruleId: rule.id, personId: s.colleague.id, reason: "Test", validUntil: "2027-01-01", grantedById: s.hrUser.id } });
    const roleProfile = await db.roleProfile.create({ data: { name: `Rolle ${randomUUID().slice(0, 8)}` } });
    await db.positionProfile.create({ data: { positionId: s.colleague.position.id, roleProfileId: roleProfile.id } });
    await db.positionAssignment.create({ data: { personId: s.colleague.id, positionId: s.outsider.position.id, startDate: new Date("2019-01-01"), endDate: new Date("2019-12-31") } });
    const spec = ruleSpecOf(await db.complianceRule.findUniqueOrThrow({ where: { id: rule.id }, select: RULE_SPEC_SELECT }));
    const ids = [s.leader.id, s.employee.id, s.colleague.id, s.outsider.id, s.hrPerson.id];
    const [bulk, chunked] = await Promise.all([loadFactsOfEveryone(db, [spec]), loadPersonFacts(db, ids, [spec])]);
    const sorted = (f: ReturnType<typeof factsForRule>) => ({
      ...f,
      assignments: [...f.assignments].sort((a, b) => a.positionId.localeCompare(b.positionId)),
      completions: [...f.completions].sort((a, b) => a.id.localeCompare(b.id)),
      absences: [...f.absences].sort((a, b) => a.startOn.localeCompare(b.startOn)),
      flags: [...f.flags].sort((a, b) => a.flag.localeCompare(b.flag)),
    });
    for (const id of ids) {
      const a = sorted(factsForRule(bulk.get(id)!, rule.id));
      const b = sorted(factsForRule(chunked.get(id)!, rule.id));
      expect({ ...a, exemptionsByRule: undefined }, id).toEqual({ ...b, exemptionsByRule: undefined });
    }
    const colleague = factsForRule(bulk.get(s.colleague.id)!, rule.id);
    expect(colleague.exemptions).toEqual([{ validUntil: "2027-01-01" }]);
    expect(colleague.assignments.map((a) => a.roleProfileId).sort()).toEqual([null, roleProfile.id].sort());
    expect(bulk.get(s.leader.id)!.leadsUnit).toBe(true);

    // The rule narrowed to a role profile: the colleague only, exempt from this rule until
    // 1 Jan 2027. A new rule knows no exemptions: the same draft without the rule is not exempt.
    const edited = await previewRule(db, hr, draft({ units: [], roleProfileIds: [roleProfile.id] }), { ruleId: rule.id, today: TODAY });
    expect(edited.totals).toMatchObject({ affected: 1, exemptOrPaused: 1 });
    expect(edited.diff).toMatchObject({ current: 3, noLongerAffected: 2, newlyAffected: 0 });
    const fresh = await previewRule(db, hr, draft({ units: [], roleProfileIds: [roleProfile.id] }), { today: TODAY });
    expect(fresh.totals).toMatchObject({ affected: 1, exemptOrPaused: 0 });
  });
});

describe("pickers", () => {
  it("find published trainings, units, positions and people by words, case-insensitively", async () => {
    const { s, hr, training } = await setup();
    const { training: draftTraining } = await createTraining(db, { status: "DRAFT" });
    expect((await searchPicker(db, hr, "trainings", training.code.toLowerCase())).results.map((r) => r.id)).toEqual([training.id]);
    expect((await searchPicker(db, hr, "trainings", draftTraining.code)).results).toEqual([]);
    const units = await searchPicker(db, hr, "units", s.amtA.code.toLowerCase());
    expect(units.results).toEqual([{ id: s.amtA.id, label: `${s.amtA.code} ${s.amtA.name}` }]);
    const positions = await searchPicker(db, hr, "excludePositions", s.employee.position.code.toLowerCase());
    expect(positions.results.map((r) => r.id)).toEqual([s.employee.position.id]);
    const people = await searchPicker(db, hr, "excludePersons", s.outsider.lastName.toUpperCase());
    expect(people.results.map((r) => r.id)).toEqual([s.outsider.id]);
    expect((await searchPicker(db, hr, "units", "   ")).results).toEqual([]);
  });
});
