import { db } from "~/utils/db.server.ts";
import { AccessDeniedError, NotFoundError, ValidationError } from "~/modules/errors.ts";
import { statusOn } from "./engine.ts";
import {
  changePosition,
  endAbsence,
  getPersonAdministration,
  getPersonExemptions,
  grantExemption,
  recordAbsence,
  recordExit,
  removeFlag,
  revokeExemption,
  setFlag,
} from "./life-events.server.ts";
import { actorFor, createScenario } from "../../../tests/factories.ts";
import { createPosition, createRule, createTrainingOnly } from "../../../tests/life-events-factories.ts";

const today = "2026-11-27";
const opts = { today };

async function setup() {
  const s = await createScenario(db);
  const training = await createTrainingOnly(db, "Arbeitsschutz");
  const ruleA = await createRule(db, { trainingIds: [training.id], audience: { units: [{ unitId: s.amtA.id, includeSubunits: true }] } });
  const ruleB = await createRule(db, { trainingIds: [training.id], audience: { units: [{ unitId: s.amtB.id, includeSubunits: true }] } });
  const ruleEveryone = await createRule(db, { trainingIds: [training.id], audience: { everyone: true }, intervalMonths: 24 });
  const firstAid = await createRule(db, { trainingIds: [training.id], audience: { flags: ["FIRST_AIDER"] }, firstDueDays: 90 });
  const positionB = await createPosition(db, s.amtB, "Sachbearbeitung Haushalt");
  const positionA1 = await createPosition(db, s.abteilungA1, "Sachbearbeitung Bürgerservice");
  const { syncRequirements } = await import("./sync.server.ts");
  await db.$transaction((tx) => syncRequirements(tx, { personIds: [s.employee.id, s.colleague.id], cause: "test", today }));
  return {
    s,
    training,
    ruleA,
    ruleB,
    ruleEveryone,
    firstAid,
    positionB,
    positionA1,
    hr: await actorFor(db, s.hrUser.id),
    leader: await actorFor(db, s.leaderUser.id),
    employee: await actorFor(db, s.employeeUser.id),
  };
}
type Setup = Awaited<ReturnType<typeof setup>>;

function requirement(ruleId: string, personId: string) {
  return db.complianceRequirement.findUnique({ where: { ruleId_personId: { ruleId, personId } }, include: { events: { orderBy: { createdAt: "asc" } } } });
}

async function fieldErrorsOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).fieldErrors;
}

async function snapshot(ctx: Setup) {
  const personId = ctx.s.employee.id;
  const [person, assignments, absences, flags, exemptions, requirements, audits] = await Promise.all([
    db.person.findUniqueOrThrow({ where: { id: personId }, select: { status: true, exitDate: true, orgUnitId: true } }),
    db.positionAssignment.findMany({ where: { personId }, orderBy: { startDate: "asc" }, select: { id: true, endDate: true } }),
    db.personAbsence.findMany({ where: { personId }, select: { id: true, endOn: true } }),
    db.personFlag.findMany({ where: { personId } }),
    db.complianceExemption.findMany({ where: { personId }, select: { id: true, revokedAt: true } }),
    db.complianceRequirement.findMany({ where: { personId }, orderBy: { ruleId: "asc" }, select: { ruleId: true, closedOn: true, dueOn: true, pausedFrom: true, exemptUntil: true } }),
    db.auditEvent.count({ where: { affectedPersonId: personId, action: { not: { endsWith: ".read" } } } }),
  ]);
  return { person, assignments, absences, flags, exemptions, requirements, audits };
}

describe("job change", () => {
  test("HR moves a person to another unit: old requirement closed, new one started, history kept", async () => {
    const ctx = await setup();
    const personId = ctx.s.employee.id;
    expect((await requirement(ctx.ruleA.id, personId))?.closedOn).toBeNull();
    expect(await requirement(ctx.ruleB.id, personId)).toBeNull();

    const result = await changePosition(db, ctx.hr, { personId, positionId: ctx.positionB.id, startOn: "2026-11-01" }, opts);
    expect(result.synced).toMatchObject({ started: 1, closed: 1 });

    const assignments = await db.positionAssignment.findMany({ where: { personId }, orderBy: { startDate: "asc" } });
    expect(assignments.map((a) => [a.positionId, a.startDate.toISOString().slice(0, 10), a.endDate?.toISOString().slice(0, 10) ?? null])).toEqual([
      [ctx.s.employee.position.id, "2020-01-01", "2026-10-31"],
      [ctx.positionB.id, "2026-11-01", null],
    ]);
    expect((await db.person.findUniqueOrThrow({ where: { id: personId } })).orgUnitId).toBe(ctx.s.amtB.id);

    const closed = await requirement(ctx.ruleA.id, personId);
    expect(closed).toMatchObject({ closedOn: today, closedReason: "LEFT_AUDIENCE" });
    expect(closed!.events.map((e) => e.kind)).toEqual(["STARTED", "CLOSED"]);
    expect(JSON.parse(closed!.events[1]!.detail)).toMatchObject({ cause: "lifeevent.position" });
    const started = await requirement(ctx.ruleB.id, personId);
    expect(started).toMatchObject({ closedOn: null, audienceSince: "2026-11-01", dueOn: "2026-12-01", orgUnitId: ctx.s.amtB.id });
    // The everyone rule is untouched by the move (apart from the unit copied for the cockpit).
    expect(await requirement(ctx.ruleEveryone.id, personId)).toMatchObject({ closedOn: null, audienceSince: "2020-01-01", orgUnitId: ctx.s.amtB.id });

    const audit = await db.auditEvent.findFirst({ where: { action: "lifeevent.position-change", affectedPersonId: personId } });
    expect(audit?.summary).toContain("2026-11-01");

    // Back to Amt A a week later: the Amt A requirement is reopened with a fresh start.
    await changePosition(db, ctx.hr, { personId, positionId: ctx.positionA1.id, startOn: "2026-11-20" }, opts);
    const reopened = await requirement(ctx.ruleA.id, personId);
    expect(reopened).toMatchObject({ closedOn: null, audienceSince: "2026-11-20", dueOn: "2026-12-20" });
    expect(reopened!.events.map((e) => e.kind)).toEqual(["STARTED", "CLOSED", "REOPENED"]);
    expect(await requirement(ctx.ruleB.id, personId)).toMatchObject({ closedReason: "LEFT_AUDIENCE" });
  });

  test("a move inside the same Amt keeps the requirement as it was", async () => {
    const ctx = await setup();
    const personId = ctx.s.employee.id;
    const before = await requirement(ctx.ruleA.id, personId);
    const result = await changePosition(db, ctx.hr, { personId, positionId: ctx.positionA1.id, startOn: "2026-11-15" }, opts);
    expect(result.synced).toMatchObject({ started: 0, closed: 0, reopened: 0 });
    const after = await requirement(ctx.ruleA.id, personId);
    expect(after).toMatchObject({ audienceSince: before!.audienceSince, dueOn: before!.dueOn, closedOn: null });
  });

  test("refused: leader, employee, unknown person; bad input changes nothing", async () => {
    const ctx = await setup();
    const personId = ctx.s.employee.id;
    const before = await snapshot(ctx);
    const input = { personId, positionId: ctx.positionB.id, startOn: "2026-11-01" };
    await expect(changePosition(db, ctx.leader, input, opts)).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(changePosition(db, ctx.employee, input, opts)).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(changePosition(db, ctx.hr, { ...input, personId: "no-such-person" }, opts)).rejects.toBeInstanceOf(NotFoundError);
    expect(await fieldErrorsOf(changePosition(db, ctx.hr, { ...input, startOn: "2026-12-01" }, opts))).toEqual({ startOn: ["lifeEvents.error.startInFuture"] });
    expect(await fieldErrorsOf(changePosition(db, ctx.hr, { ...input, startOn: "2026-02-30" }, opts))).toEqual({ startOn: ["lifeEvents.error.dateInvalid"] });
    expect(await fieldErrorsOf(changePosition(db, ctx.hr, { ...input, startOn: "" }, opts))).toEqual({ startOn: ["lifeEvents.error.startRequired"] });
    expect(await fieldErrorsOf(changePosition(db, ctx.hr, { ...input, startOn: "2019-12-31" }, opts))).toEqual({ startOn: ["lifeEvents.error.beforeEntry"] });
    expect(await fieldErrorsOf(changePosition(db, ctx.hr, { ...input, startOn: "2020-01-01" }, opts))).toEqual({ startOn: ["lifeEvents.error.startNotAfterCurrent"] });
    expect(await fieldErrorsOf(changePosition(db, ctx.hr, { ...input, positionId: "" }, opts))).toEqual({ positionId: ["lifeEvents.error.positionRequired"] });
    expect(await fieldErrorsOf(changePosition(db, ctx.hr, { ...input, positionId: "unknown" }, opts))).toEqual({ positionId: ["lifeEvents.error.positionUnknown"] });
    expect(await fieldErrorsOf(changePosition(db, ctx.hr, { ...input, positionId: ctx.s.employee.position.id }, opts))).toEqual({ positionId: ["lifeEvents.error.samePosition"] });
    expect(await snapshot(ctx)).toEqual(before);
  });
});

describe("absences", () => {
  test("an open absence pauses, its end gives the remaining time again", async () => {
    const ctx = await setup();
    const personId = ctx.s.colleague.id;
    // A fresh requirement for the colleague: joined Amt B on 1 Nov, due 1 Dec.
    await changePosition(db, ctx.hr, { personId, positionId: ctx.positionB.id, startOn: "2026-11-01" }, opts);
    expect(await requirement(ctx.ruleB.id, personId)).toMatchObject({ dueOn: "2026-12-01", pausedFrom: null });

    const { absenceId } = await recordAbsence(db, ctx.hr, { personId, kind: "PARENTAL_LEAVE", startOn: "2026-11-10", endOn: "", note: "Elternzeit" }, opts);
    const paused = await requirement(ctx.ruleB.id, personId);
    expect(paused).toMatchObject({ pausedFrom: "2026-11-10", pausedUntil: null });
    expect(statusOn(paused!, today)).toBe("PAUSED");
    expect(paused!.events.at(-1)).toMatchObject({ kind: "CHANGED" });
    expect(JSON.parse(paused!.events.at(-1)!.detail)).toMatchObject({ cause: "lifeevent.absence", pausedFrom: "2026-11-10" });

    // Overlapping absences are refused.
    expect(await fieldErrorsOf(recordAbsence(db, ctx.hr, { personId, kind: "LONG_ILLNESS", startOn: "2027-01-01", endOn: "2027-02-01" }, opts))).toEqual({
      startOn: ["lifeEvents.error.absenceOverlap"],
    });

    // Back on 19 Nov: 10 days of absence (10–19 Nov) are given again, due 11 Dec.
    await endAbsence(db, ctx.hr, { personId, absenceId, endOn: "2026-11-19" }, opts);
    const resumed = await requirement(ctx.ruleB.id, personId);
    expect(resumed).toMatchObject({ pausedFrom: "2026-11-10", pausedUntil: "2026-11-19", dueOn: "2026-12-11" });
    expect(statusOn(resumed!, today)).toBe("DUE_SOON");
    expect(await db.auditEvent.count({ where: { affectedPersonId: personId, action: { in: ["lifeevent.absence-record", "lifeevent.absence-end"] } } })).toBe(2);
  });

  test("refused and invalid absences change nothing", async () => {
    const ctx = await setup();
    const personId = ctx.s.employee.id;
    const { absenceId } = await recordAbsence(db, ctx.hr, { personId, kind: "SECONDMENT", startOn: "2027-03-01", endOn: "2027-08-31" }, opts);
    const before = await snapshot(ctx);
    const input = { personId, kind: "LONG_ILLNESS", startOn: "2026-10-01", endOn: "2026-10-31" };
    await expect(recordAbsence(db, ctx.leader, input, opts)).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(recordAbsence(db, ctx.employee, input, opts)).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(recordAbsence(db, ctx.hr, { ...input, personId: "nobody" }, opts)).rejects.toBeInstanceOf(NotFoundError);
    expect(await fieldErrorsOf(recordAbsence(db, ctx.hr, { ...input, kind: "HOLIDAY" }, opts))).toEqual({ kind: ["lifeEvents.error.kindInvalid"] });
    expect(await fieldErrorsOf(recordAbsence(db, ctx.hr, { ...input, endOn: "2026-09-30" }, opts))).toEqual({ endOn: ["lifeEvents.error.endBeforeStart"] });
    expect(await fieldErrorsOf(recordAbsence(db, ctx.hr, { ...input, startOn: "2027-08-01", endOn: "" }, opts))).toEqual({ startOn: ["lifeEvents.error.absenceOverlap"] });
    expect(await fieldErrorsOf(endAbsence(db, ctx.hr, { personId, absenceId, endOn: "2027-02-28" }, opts))).toEqual({ endOn: ["lifeEvents.error.endBeforeStart"] });
    await expect(endAbsence(db, ctx.hr, { personId: ctx.s.colleague.id, absenceId, endOn: "2027-09-30" }, opts)).rejects.toBeInstanceOf(NotFoundError);
    await expect(endAbsence(db, ctx.leader, { personId, absenceId, endOn: "2027-09-30" }, opts)).rejects.toBeInstanceOf(AccessDeniedError);
    expect(await snapshot(ctx)).toEqual(before);
  });
});

describe("exit", () => {
  test("an exit in the past closes every requirement and marks the person LEFT", async () => {
    const ctx = await setup();
    const personId = ctx.s.employee.id;
    const result = await recordExit(db, ctx.hr, { personId, exitOn: "2026-11-26" }, opts);
    expect(result.left).toBe(true);
    expect(await db.person.findUniqueOrThrow({ where: { id: personId } })).toMatchObject({ status: "LEFT", exitDate: new Date("2026-11-26T00:00:00.000Z") });
    const rows = await db.complianceRequirement.findMany({ where: { personId } });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.closedOn === today && r.closedReason === "LEFT_ORGANISATION")).toBe(true);
    const assignment = await db.positionAssignment.findFirstOrThrow({ where: { personId } });
    expect(assignment.endDate?.toISOString().slice(0, 10)).toBe("2026-11-26");
    // Nothing more to record for someone who left.
    expect(await fieldErrorsOf(recordExit(db, ctx.hr, { personId, exitOn: "2026-11-27" }, opts))).toEqual({ exitOn: ["lifeEvents.error.personLeft"] });
  });

  test("an exit today or in the future keeps the requirements open until the last day", async () => {
    const ctx = await setup();
    const personId = ctx.s.employee.id;
    expect((await recordExit(db, ctx.hr, { personId, exitOn: "2026-12-31" }, opts)).left).toBe(false);
    expect(await db.person.findUniqueOrThrow({ where: { id: personId } })).toMatchObject({ status: "ACTIVE" });
    expect(await requirement(ctx.ruleA.id, personId)).toMatchObject({ closedOn: null, activeUntil: "2026-12-31" });

    // Leaving today: LEFT from today on, out of every requirement.
    const colleague = ctx.s.colleague.id;
    expect((await recordExit(db, ctx.hr, { personId: colleague, exitOn: today }, opts)).left).toBe(true);
    expect(await requirement(ctx.ruleA.id, colleague)).toMatchObject({ closedOn: today, closedReason: "LEFT_ORGANISATION" });
  });

  test("refused and invalid exits change nothing", async () => {
    const ctx = await setup();
    const before = await snapshot(ctx);
    const input = { personId: ctx.s.employee.id, exitOn: "2026-12-31" };
    await expect(recordExit(db, ctx.leader, input, opts)).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(recordExit(db, ctx.employee, input, opts)).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(recordExit(db, ctx.hr, { ...input, personId: "nobody" }, opts)).rejects.toBeInstanceOf(NotFoundError);
    expect(await fieldErrorsOf(recordExit(db, ctx.hr, { ...input, exitOn: "31.12.2026" }, opts))).toEqual({ exitOn: ["lifeEvents.error.dateInvalid"] });
    expect(await fieldErrorsOf(recordExit(db, ctx.hr, { ...input, exitOn: "2019-06-30" }, opts))).toEqual({ exitOn: ["lifeEvents.error.beforeEntry"] });
    expect(await snapshot(ctx)).toEqual(before);
  });
});

describe("flags", () => {
  test("a designation starts the rule for it; removing it closes the requirement", async () => {
    const ctx = await setup();
    const personId = ctx.s.employee.id;
    expect(await requirement(ctx.firstAid.id, personId)).toBeNull();
    await setFlag(db, ctx.hr, { personId, flag: "FIRST_AIDER", since: "2026-11-02" }, opts);
    expect(await requirement(ctx.firstAid.id, personId)).toMatchObject({ closedOn: null, audienceSince: "2026-11-02", dueOn: "2027-01-31" });
    // Correcting the day moves the due date.
    await setFlag(db, ctx.hr, { personId, flag: "FIRST_AIDER", since: "2026-10-01" }, opts);
    expect(await requirement(ctx.firstAid.id, personId)).toMatchObject({ audienceSince: "2026-10-01", dueOn: "2026-12-30" });
    await removeFlag(db, ctx.hr, { personId, flag: "FIRST_AIDER" }, opts);
    const closed = await requirement(ctx.firstAid.id, personId);
    expect(closed).toMatchObject({ closedOn: today, closedReason: "LEFT_AUDIENCE" });
    expect(closed!.events.map((e) => e.kind)).toEqual(["STARTED", "CHANGED", "CLOSED"]);
    expect(await db.auditEvent.count({ where: { affectedPersonId: personId, action: { startsWith: "lifeevent.flag" } } })).toBe(3);
  });

  test("refused and invalid flags change nothing", async () => {
    const ctx = await setup();
    const before = await snapshot(ctx);
    const personId = ctx.s.employee.id;
    await expect(setFlag(db, ctx.leader, { personId, flag: "FIRST_AIDER", since: today }, opts)).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(setFlag(db, ctx.employee, { personId, flag: "FIRST_AIDER", since: today }, opts)).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(setFlag(db, ctx.hr, { personId: "nobody", flag: "FIRST_AIDER", since: today }, opts)).rejects.toBeInstanceOf(NotFoundError);
    expect(await fieldErrorsOf(setFlag(db, ctx.hr, { personId, flag: "ASTRONAUT", since: "" }, opts))).toEqual({ flag: ["lifeEvents.error.flagInvalid"], since: ["lifeEvents.error.sinceRequired"] });
    await expect(removeFlag(db, ctx.hr, { personId, flag: "FIRE_WARDEN" }, opts)).rejects.toBeInstanceOf(NotFoundError);
    await expect(removeFlag(db, ctx.leader, { personId, flag: "FIRE_WARDEN" }, opts)).rejects.toBeInstanceOf(AccessDeniedError);
    expect(await snapshot(ctx)).toEqual(before);
  });
});

describe("exemptions", () => {
  test("HR exempts until a day (EXEMPT) and revokes (normal again); both audited", async () => {
    const ctx = await setup();
    const personId = ctx.s.employee.id;
    const { exemptionId } = await grantExemption(db, ctx.hr, { personId, ruleId: ctx.ruleA.id, reason: "  Ärztliches Attest liegt vor  ", validUntil: "2027-03-31" }, opts);
    const exempt = await requirement(ctx.ruleA.id, personId);
    expect(exempt).toMatchObject({ exemptUntil: "2027-03-31" });
    expect(statusOn(exempt!, today)).toBe("EXEMPT");
    expect(statusOn(exempt!, "2027-04-01")).not.toBe("EXEMPT");
    // Only that rule.
    expect(await requirement(ctx.ruleEveryone.id, personId)).toMatchObject({ exemptUntil: null });
    expect(await db.complianceExemption.findUniqueOrThrow({ where: { id: exemptionId } })).toMatchObject({ reason: "Ärztliches Attest liegt vor", grantedById: ctx.s.hrUser.id, revokedAt: null });

    const list = await getPersonExemptions(db, ctx.hr, personId, opts);
    expect(list.active.map((e) => e.id)).toEqual([exemptionId]);
    expect(list.past).toEqual([]);
    expect(list.rules.map((r) => r.id)).toContain(ctx.ruleA.id);

    await revokeExemption(db, ctx.hr, { personId, exemptionId }, opts);
    const back = await requirement(ctx.ruleA.id, personId);
    expect(back).toMatchObject({ exemptUntil: null });
    expect(statusOn(back!, today)).not.toBe("EXEMPT");
    expect(back!.events.map((e) => e.kind)).toEqual(["STARTED", "CHANGED", "CHANGED"]);
    expect(await fieldErrorsOf(revokeExemption(db, ctx.hr, { personId, exemptionId }, opts))).toEqual({ exemptionId: ["lifeEvents.error.alreadyRevoked"] });
    const after = await getPersonExemptions(db, ctx.hr, personId, opts);
    expect(after.active).toEqual([]);
    expect(after.past[0]).toMatchObject({ id: exemptionId, revokedOn: expect.any(String), active: false });
    expect(await db.auditEvent.count({ where: { affectedPersonId: personId, action: { in: ["exemption.grant", "exemption.revoke"] } } })).toBe(2);
  });

  test("exemption without HR role, for oneself, or with bad input is refused and changes nothing", async () => {
    const ctx = await setup();
    const personId = ctx.s.employee.id;
    const { exemptionId } = await grantExemption(db, ctx.hr, { personId, ruleId: ctx.ruleEveryone.id, reason: "Abordnung", validUntil: "2027-01-31" }, opts);
    const before = await snapshot(ctx);
    const input = { personId, ruleId: ctx.ruleA.id, reason: "Attest", validUntil: "2027-03-31" };
    await expect(grantExemption(db, ctx.leader, input, opts)).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(grantExemption(db, ctx.employee, input, opts)).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(grantExemption(db, ctx.hr, { ...input, personId: ctx.s.hrPerson.id }, opts)).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(grantExemption(db, ctx.hr, { ...input, personId: "nobody" }, opts)).rejects.toBeInstanceOf(NotFoundError);
    expect(await fieldErrorsOf(grantExemption(db, ctx.hr, { ...input, reason: "   " }, opts))).toEqual({ reason: ["lifeEvents.error.reasonRequired"] });
    expect(await fieldErrorsOf(grantExemption(db, ctx.hr, { ...input, validUntil: today }, opts))).toEqual({ validUntil: ["lifeEvents.error.untilNotFuture"] });
    expect(await fieldErrorsOf(grantExemption(db, ctx.hr, { ...input, validUntil: "2031-11-28" }, opts))).toEqual({ validUntil: ["lifeEvents.error.untilTooFar"] });
    expect(await fieldErrorsOf(grantExemption(db, ctx.hr, { ...input, ruleId: "unknown" }, opts))).toEqual({ ruleId: ["lifeEvents.error.ruleUnknown"] });
    expect(await fieldErrorsOf(grantExemption(db, ctx.hr, { personId, ruleId: "", reason: "", validUntil: "" }, opts))).toEqual({
      ruleId: ["lifeEvents.error.ruleRequired"],
      reason: ["lifeEvents.error.reasonRequired"],
      validUntil: ["lifeEvents.error.untilRequired"],
    });
    await expect(revokeExemption(db, ctx.leader, { personId, exemptionId }, opts)).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(revokeExemption(db, ctx.hr, { personId: ctx.s.colleague.id, exemptionId }, opts)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getPersonExemptions(db, ctx.leader, personId, opts)).rejects.toBeInstanceOf(AccessDeniedError);
    expect(await snapshot(ctx)).toEqual(before);
    // Five years ahead is still allowed.
    await grantExemption(db, ctx.hr, { ...input, validUntil: "2031-11-27" }, opts);
  });
});

describe("administration page data", () => {
  test("HR sees position, history, absences, flags and searches positions; others are refused", async () => {
    const ctx = await setup();
    const personId = ctx.s.employee.id;
    await recordAbsence(db, ctx.hr, { personId, kind: "LONG_ILLNESS", startOn: "2026-11-01", endOn: "" }, opts);
    await setFlag(db, ctx.hr, { personId, flag: "FIRE_WARDEN", since: "2026-01-01" }, opts);
    const page = await getPersonAdministration(db, ctx.hr, personId, { today });
    expect(page.current?.position.id).toBe(ctx.s.employee.position.id);
    expect(page.person).toMatchObject({ entryOn: "2020-01-01", exitOn: null, status: "ACTIVE" });
    expect(page.absences).toEqual([expect.objectContaining({ kind: "LONG_ILLNESS", startOn: "2026-11-01", endOn: null, running: true })]);
    expect(page.flags).toEqual([{ flag: "FIRE_WARDEN", since: "2026-01-01" }]);
    expect(page.positions.map((p) => p.id)).not.toContain(ctx.s.employee.position.id);
    const searched = await getPersonAdministration(db, ctx.hr, personId, { today, q: "HAUSHALT" });
    expect(searched.positions.map((p) => p.id)).toContain(ctx.positionB.id);
    expect(searched.positions.every((p) => p.title.includes("Haushalt"))).toBe(true);
    const byUnit = await getPersonAdministration(db, ctx.hr, personId, { today, q: `bürgerservice ${ctx.s.abteilungA1.code.toLowerCase()}` });
    expect(byUnit.positions.map((p) => p.id)).toEqual([ctx.positionA1.id]);
    expect(byUnit.positions[0]).toMatchObject({ unitCode: ctx.s.abteilungA1.code, unitName: "Abteilung A1" });
    await expect(getPersonAdministration(db, ctx.leader, personId, { today })).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(getPersonAdministration(db, ctx.employee, personId, { today })).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(getPersonAdministration(db, ctx.hr, "nobody", { today })).rejects.toBeInstanceOf(NotFoundError);
  });
});
