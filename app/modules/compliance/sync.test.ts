// The stored requirements against the database: syncRequirements starts, changes, closes and
// reopens rows with their history; completions recorded by the completions module update them in
// the same transaction; and the status SQL gives what the engine gives (SQLite and PostgreSQL).
import { Prisma } from "~/generated/sqlite/client.ts";
import { db } from "~/utils/db.server.ts";
import { activeKeyOf } from "~/modules/training/enrolment.server.ts";
import { confirmCompletion, recordAttendance } from "~/modules/training/completions.server.ts";
import { berlinDate } from "~/modules/training/berlin-time.ts";
import { addDays, addMonths, todayInBerlin, toInstant } from "./days.ts";
import { isCompliantOn, REQUIREMENT_STATUSES, statusOn, type RequirementStatus, type StoredDays } from "./engine.ts";
import { compliantCaseSql, openOnSql, statusCaseSql } from "./status.server.ts";
import { syncAfterCompletions, syncRequirements } from "./sync.server.ts";
import { actorFor, createScenario } from "../../../tests/factories.ts";
import { createTraining } from "../../../tests/training-factories.ts";
import { createPosition, createRule, createTrainingOnly } from "../../../tests/life-events-factories.ts";

const today = "2026-11-27";

async function setup() {
  const s = await createScenario(db);
  const training = await createTrainingOnly(db, "Datenschutz");
  const rule = await createRule(db, { trainingIds: [training.id], audience: { units: [{ unitId: s.amtA.id, includeSubunits: true }] }, firstDueDays: 30, intervalMonths: 12 });
  return { s, training, rule, hr: await actorFor(db, s.hrUser.id) };
}

const sync = (scope: Parameters<typeof syncRequirements>[1]) => db.$transaction((tx) => syncRequirements(tx, scope));

function requirementOf(ruleId: string, personId: string) {
  return db.complianceRequirement.findUnique({ where: { ruleId_personId: { ruleId, personId } }, include: { events: { orderBy: { createdAt: "asc" } } } });
}

const kinds = (r: { events: { kind: string }[] } | null) => r?.events.map((e) => e.kind);
const detail = (r: { events: { detail: string }[] } | null, index = -1) => JSON.parse(r!.events.at(index)!.detail) as Record<string, unknown>;

describe("syncRequirements", () => {
  test("starts, changes, closes and reopens requirements and keeps their history", async () => {
    const { s, training, rule } = await setup();
    const team = [s.leader.id, s.employee.id, s.colleague.id];

    // Start: everyone in Amt A and below (not Amt B).
    const first = await sync({ ruleIds: [rule.id], cause: "test.start", today });
    expect(first.started).toBeGreaterThanOrEqual(3);
    for (const personId of team) {
      const r = await requirementOf(rule.id, personId);
      expect(r).toMatchObject({ audienceSince: "2020-01-01", dueOn: "2020-01-31", closedOn: null, syncedOn: today });
      expect(kinds(r)).toEqual(["STARTED"]);
      expect(detail(r)).toEqual({ audienceSince: "2020-01-01", dueOn: "2020-01-31", cause: "test.start" });
      expect(statusOn(r!, today)).toBe("OVERDUE");
    }
    expect(await requirementOf(rule.id, s.outsider.id)).toBeNull();
    const employeeRow = await requirementOf(rule.id, s.employee.id);
    expect(employeeRow).toMatchObject({ orgUnitId: s.abteilungA1.id });
    expect(JSON.parse(employeeRow!.reasons)).toEqual([{ kind: "unit", unitId: s.amtA.id, includeSubunits: true, since: "2020-01-01" }]);

    // Nothing changed: nothing written.
    expect(await sync({ personIds: team, ruleIds: [rule.id], cause: "test.again", today })).toEqual({ started: 0, reopened: 0, changed: 0, closed: 0 });
    expect(kinds(await requirementOf(rule.id, s.employee.id))).toEqual(["STARTED"]);

    // Change: a completion.
    const completion = await db.trainingCompletion.create({
      data: { personId: s.employee.id, trainingId: training.id, completedAt: new Date("2026-11-20T10:00:00.000Z"), result: "PASSED", status: "CONFIRMED", certificateNumber: `LR-2026-9${Math.floor(Math.random() * 99999).toString().padStart(5, "0")}` },
    });
    expect(await sync({ personIds: [s.employee.id], ruleIds: [rule.id], cause: "test.completion", today })).toMatchObject({ changed: 1 });
    const completed = await requirementOf(rule.id, s.employee.id);
    expect(completed).toMatchObject({ completionId: completion.id, completedOn: "2026-11-20", validUntil: "2027-11-20", dueOn: "2027-11-20", dueSoonFrom: "2027-10-21", overdueFrom: "2027-11-21" });
    expect(statusOn(completed!, today)).toBe("COMPLETED");
    expect(kinds(completed)).toEqual(["STARTED", "CHANGED"]);
    expect(detail(completed)).toMatchObject({ dueOn: "2027-11-20", previousDueOn: "2020-01-31", completedOn: "2026-11-20", cause: "test.completion" });

    // Close: the colleague moves to Amt B.
    const positionB = await createPosition(db, s.amtB);
    await db.positionAssignment.updateMany({ where: { personId: s.colleague.id }, data: { endDate: toInstant("2026-10-31") } });
    await db.positionAssignment.create({ data: { personId: s.colleague.id, positionId: positionB.id, startDate: toInstant("2026-11-01") } });
    await db.person.update({ where: { id: s.colleague.id }, data: { orgUnitId: s.amtB.id } });
    expect(await sync({ personIds: [s.colleague.id], ruleIds: [rule.id], cause: "test.move", today })).toMatchObject({ closed: 1 });
    const closed = await requirementOf(rule.id, s.colleague.id);
    expect(closed).toMatchObject({ closedOn: today, closedReason: "LEFT_AUDIENCE", audienceSince: "2020-01-01" });
    expect(kinds(closed)).toEqual(["STARTED", "CLOSED"]);
    expect(detail(closed)).toEqual({ reason: "LEFT_AUDIENCE", cause: "test.move" });
    // Closed stays closed (no new event) while nothing changes.
    expect(await sync({ personIds: [s.colleague.id], ruleIds: [rule.id], cause: "test.again", today: "2026-11-28" })).toEqual({ started: 0, reopened: 0, changed: 0, closed: 0 });

    // Reopen: back to Abteilung A1 on 1 December, with a fresh fair due date.
    await db.positionAssignment.updateMany({ where: { personId: s.colleague.id, positionId: positionB.id }, data: { endDate: toInstant("2026-11-30") } });
    await db.positionAssignment.create({ data: { personId: s.colleague.id, positionId: s.colleague.position.id, startDate: toInstant("2026-12-01") } });
    expect(await sync({ personIds: [s.colleague.id], ruleIds: [rule.id], cause: "test.back", today: "2026-12-01" })).toMatchObject({ reopened: 1 });
    const reopened = await requirementOf(rule.id, s.colleague.id);
    expect(reopened).toMatchObject({ closedOn: null, closedReason: null, audienceSince: "2026-12-01", dueOn: "2026-12-31" });
    expect(kinds(reopened)).toEqual(["STARTED", "CLOSED", "REOPENED"]);
    expect(detail(reopened)).toEqual({ audienceSince: "2026-12-01", dueOn: "2026-12-31", cause: "test.back" });

    // Archiving the rule closes every open requirement; restoring it reopens them.
    await db.complianceRule.update({ where: { id: rule.id }, data: { archivedAt: new Date() } });
    const archived = await sync({ ruleIds: [rule.id], cause: "rule.archived", today: "2026-12-01" });
    expect(archived.closed).toBeGreaterThanOrEqual(3);
    const archivedRow = await requirementOf(rule.id, s.employee.id);
    expect(archivedRow).toMatchObject({ closedOn: "2026-12-01", closedReason: "RULE_ARCHIVED", completionId: completion.id });
    expect(detail(archivedRow)).toEqual({ reason: "RULE_ARCHIVED", cause: "rule.archived" });
    // A sync of everything leaves archived rules alone.
    await sync({ personIds: team, cause: "test.all", today: "2026-12-01" });
    expect(kinds(await requirementOf(rule.id, s.employee.id))).toEqual(["STARTED", "CHANGED", "CLOSED"]);
    await db.complianceRule.update({ where: { id: rule.id }, data: { archivedAt: null } });
    expect(await sync({ personIds: team, ruleIds: [rule.id], cause: "rule.restored", today: "2026-12-01" })).toMatchObject({ reopened: 3 });
    expect(await requirementOf(rule.id, s.employee.id)).toMatchObject({ closedOn: null, dueOn: "2027-11-20" });
  });

  test("writes only inside the caller's transaction: a failing change leaves the requirement as it was", async () => {
    const { s, training, rule } = await setup();
    await sync({ personIds: [s.employee.id], cause: "test.start", today });
    const before = await requirementOf(rule.id, s.employee.id);
    await expect(
      db.$transaction(async (tx) => {
        await tx.trainingCompletion.create({
          data: { personId: s.employee.id, trainingId: training.id, completedAt: new Date("2026-11-20T10:00:00.000Z"), result: "PASSED", status: "CONFIRMED", certificateNumber: `LR-2026-8${Math.floor(Math.random() * 99999).toString().padStart(5, "0")}` },
        });
        const summary = await syncAfterCompletions(tx, [s.employee.id], [training.id]);
        expect(summary).toMatchObject({ changed: 1 });
        throw new Error("later step failed");
      }),
    ).rejects.toThrow("later step failed");
    expect(await requirementOf(rule.id, s.employee.id)).toEqual(before);
  });

  test("people who left and exit dates", async () => {
    const { s, rule } = await setup();
    await db.person.update({ where: { id: s.employee.id }, data: { exitDate: toInstant("2026-12-31") } });
    await db.person.update({ where: { id: s.colleague.id }, data: { exitDate: toInstant("2026-11-26"), status: "LEFT" } });
    await sync({ personIds: [s.employee.id, s.colleague.id], cause: "test", today });
    expect(await requirementOf(rule.id, s.employee.id)).toMatchObject({ closedOn: null, activeUntil: "2026-12-31" });
    // Someone who already left never gets a requirement.
    expect(await requirementOf(rule.id, s.colleague.id)).toBeNull();
  });
});

describe("completions recorded by the completions module", () => {
  test("attendance recorded by HR updates the requirement in the same call", async () => {
    const { s, hr } = await setup();
    const { training, session } = await createTraining(db, { title: "Datenschutz kompakt", startsInDays: -1, requiresApproval: false });
    const rule = await createRule(db, { trainingIds: [training.id], audience: { everyone: true }, intervalMonths: 24 });
    const now = todayInBerlin();
    await sync({ personIds: [s.employee.id], ruleIds: [rule.id], cause: "test.start", today: now });
    expect(await requirementOf(rule.id, s.employee.id)).toMatchObject({ completionId: null, dueOn: "2020-01-31" });
    const enrolment = await db.enrolment.create({
      data: { personId: s.employee.id, trainingId: training.id, sessionId: session.id, status: "CONFIRMED", activeKey: activeKeyOf(s.employee.id, session.id), requestedById: s.hrUser.id },
    });
    await db.trainingSession.update({ where: { id: session.id }, data: { confirmedCount: 1 } });

    await recordAttendance(db, hr, { sessionId: session.id, rows: [{ enrolmentId: enrolment.id, attendance: "ATTENDED" }] });
    const completion = await db.trainingCompletion.findFirstOrThrow({ where: { enrolmentId: enrolment.id } });
    const completedOn = berlinDate(session.endsAt);
    const r = await requirementOf(rule.id, s.employee.id);
    expect(r).toMatchObject({ completionId: completion.id, completedOn, dueOn: addMonths(completedOn, 24) });
    expect(statusOn(r!, now)).toBe("COMPLETED");
    expect(detail(r)).toMatchObject({ cause: "completion", previousDueOn: "2020-01-31" });

    // Corrected to absent: the completion goes and the requirement is open again.
    await recordAttendance(db, hr, { sessionId: session.id, rows: [{ enrolmentId: enrolment.id, attendance: "ABSENT" }] });
    expect(await requirementOf(rule.id, s.employee.id)).toMatchObject({ completionId: null, dueOn: "2020-01-31" });
  });

  test("a certificate confirmed by HR updates the requirement", async () => {
    const { s, training, rule, hr } = await setup();
    const now = todayInBerlin();
    await sync({ personIds: [s.employee.id], ruleIds: [rule.id], cause: "test.start", today: now });
    const completedOn = addDays(now, -3);
    const pending = await db.trainingCompletion.create({
      data: {
        personId: s.employee.id,
        trainingId: training.id,
        completedAt: new Date(`${completedOn}T11:00:00.000Z`),
        result: "PARTICIPATED",
        status: "PENDING",
        certificateNumber: `LR-2026-7${Math.floor(Math.random() * 99999).toString().padStart(5, "0")}`,
        uploadStorageKey: "test/not-read.pdf",
        uploadFileName: "zertifikat.pdf",
        uploadMimeType: "application/pdf",
        uploadSizeBytes: 1,
      },
    });
    // A pending upload does not count yet.
    await sync({ personIds: [s.employee.id], ruleIds: [rule.id], cause: "test", today: now });
    expect(await requirementOf(rule.id, s.employee.id)).toMatchObject({ completionId: null });
    await confirmCompletion(db, hr, { completionId: pending.id, result: "PASSED" });
    expect(await requirementOf(rule.id, s.employee.id)).toMatchObject({ completionId: pending.id, completedOn, dueOn: addMonths(completedOn, 12) });
  });
});

describe("status SQL mirrors the engine", () => {
  // Rows as the engine stores them, covering every status on 27 Nov 2026 and its boundaries.
  const base: StoredDays = { completedOn: null, validUntil: null, dueOn: null, dueSoonFrom: null, overdueFrom: null, pausedFrom: null, pausedUntil: null, exemptUntil: null };
  const open = (dueOn: string, soon = 30, grace = 0): StoredDays => ({ ...base, dueOn, dueSoonFrom: addDays(dueOn, -soon), overdueFrom: addDays(dueOn, grace + 1) });
  const done = (completedOn: string, validUntil: string | null, dueOn: string | null, soon = 30, grace = 0): StoredDays => ({
    ...(dueOn ? open(dueOn, soon, grace) : base),
    completedOn,
    validUntil,
  });
  const cases: { name: string; row: StoredDays; closedOn?: string | null; activeUntil?: string | null; expected: RequirementStatus }[] = [
    { name: "not due yet", row: open("2027-03-01"), expected: "NOT_DUE" },
    { name: "due soon, first day of the window", row: open("2026-12-27"), expected: "DUE_SOON" },
    { name: "due today", row: open("2026-11-27"), expected: "DUE_SOON" },
    { name: "in the grace period", row: open("2026-11-20", 30, 14), expected: "DUE_SOON" },
    { name: "overdue", row: open("2026-11-26"), expected: "OVERDUE" },
    { name: "overdue since the grace ended", row: open("2026-11-12", 30, 14), expected: "OVERDUE" },
    { name: "completed for ever", row: done("2021-05-10", null, null), expected: "COMPLETED" },
    { name: "completed, valid", row: done("2026-02-01", "2027-02-01", "2027-02-01"), expected: "COMPLETED" },
    { name: "completed, valid until today, due soon", row: done("2025-11-27", "2026-11-27", "2026-11-27"), expected: "DUE_SOON" },
    { name: "completed, expired yesterday, in grace", row: done("2025-11-26", "2026-11-26", "2026-11-26", 30, 7), expected: "DUE_SOON" },
    { name: "completed, expired", row: done("2025-11-20", "2026-11-20", "2026-11-20"), expected: "EXPIRED" },
    { name: "expired but due later (absence)", row: done("2025-06-01", "2026-06-01", "2027-04-01"), expected: "NOT_DUE" },
    { name: "certificate expiry before the rule's date", row: done("2026-01-10", "2026-12-10", "2026-12-10"), expected: "DUE_SOON" },
    { name: "exempt", row: { ...open("2026-10-01"), exemptUntil: "2026-12-31" }, expected: "EXEMPT" },
    { name: "exempt until today", row: { ...open("2026-10-01"), exemptUntil: "2026-11-27" }, expected: "EXEMPT" },
    { name: "exemption ended", row: { ...open("2026-10-01"), exemptUntil: "2026-11-26" }, expected: "OVERDUE" },
    { name: "paused, open end", row: { ...open("2026-10-01"), pausedFrom: "2026-09-15", pausedUntil: null }, expected: "PAUSED" },
    { name: "paused until today", row: { ...done("2026-01-10", "2027-01-10", "2027-03-10"), pausedFrom: "2026-11-01", pausedUntil: "2026-11-27" }, expected: "PAUSED" },
    { name: "pause ended", row: { ...open("2026-12-20"), pausedFrom: "2026-10-01", pausedUntil: "2026-11-26" }, expected: "DUE_SOON" },
    { name: "pause to come", row: { ...open("2027-02-20"), pausedFrom: "2026-12-01", pausedUntil: "2027-01-15" }, expected: "NOT_DUE" },
    { name: "exempt while paused", row: { ...open("2026-10-01"), pausedFrom: "2026-09-15", exemptUntil: "2027-01-01" }, expected: "EXEMPT" },
    { name: "closed", row: open("2026-10-01"), closedOn: "2026-11-01", expected: "OVERDUE" },
    { name: "leaving at the end of the year", row: open("2026-10-01"), activeUntil: "2026-12-31", expected: "OVERDUE" },
    { name: "left yesterday", row: open("2026-10-01"), activeUntil: "2026-11-26", expected: "OVERDUE" },
  ];

  test("statusCaseSql, compliantCaseSql and openOnSql equal statusOn, isCompliantOn and the open rule on every boundary day", async () => {
    const { s } = await setup();
    const ids = new Map<string, (typeof cases)[number]>();
    for (const c of cases) {
      const rule = await createRule(db, { trainingIds: [], audience: { everyone: true }, name: `SQL ${c.name} ${Math.random().toString(36).slice(2, 8)}` });
      const row = await db.complianceRequirement.create({
        data: { ruleId: rule.id, personId: s.employee.id, audienceSince: "2020-01-01", syncedOn: today, closedOn: c.closedOn ?? null, activeUntil: c.activeUntil ?? null, ...c.row },
      });
      ids.set(row.id, c);
    }
    // Every status occurs on the reference day.
    expect(new Set(cases.map((c) => statusOn(c.row, today)))).toEqual(new Set(REQUIREMENT_STATUSES));
    for (const c of cases) expect({ name: c.name, status: statusOn(c.row, today) }).toEqual({ name: c.name, status: c.expected });

    // Every day a stored day changes something: the day itself and its neighbours.
    const days = new Set<string>([today]);
    for (const c of cases) {
      for (const value of [...Object.values(c.row), c.closedOn, c.activeUntil]) {
        if (!value) continue;
        for (const d of [-1, 0, 1]) days.add(addDays(value, d));
      }
    }
    let compared = 0;
    for (const day of [...days].sort()) {
      const rows = await db.$queryRaw<{ id: string; status: string; compliant: number | bigint; open: number | bigint | boolean }[]>`
        SELECT r."id" AS "id", ${statusCaseSql(day, "r")} AS "status", ${compliantCaseSql(day, "r")} AS "compliant", ${openOnSql(day, "r")} AS "open"
        FROM "ComplianceRequirement" r
        WHERE r."id" IN (${Prisma.join([...ids.keys()])})`;
      expect(rows).toHaveLength(ids.size);
      for (const row of rows) {
        const c = ids.get(row.id)!;
        const open = c.closedOn == null && (c.activeUntil == null || c.activeUntil >= day);
        expect({ name: c.name, day, status: row.status, compliant: Number(row.compliant) === 1, open: row.open === true || Number(row.open) === 1 }).toEqual({
          name: c.name,
          day,
          status: statusOn(c.row, day),
          compliant: isCompliantOn(c.row, day),
          open,
        });
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });
});
