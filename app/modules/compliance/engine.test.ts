// The rule engine with concrete days: every first-due mode, recurrence and life event.
import { AudienceSchema, type Audience } from "./audience.ts";
import {
  computeRequirement,
  daysOverdue,
  firstDueOn,
  isCompliantOn,
  matchAudience,
  statusOn,
  validUntilOf,
  type AssignmentFact,
  type OrgContext,
  type PersonFacts,
  type RequirementState,
  type RuleSpec,
} from "./engine.ts";

// Org: Dezernat D with Amt A (Abteilung A1) and Amt B.
const PATHS: Record<string, string> = { D: "/D/", A: "/D/A/", A1: "/D/A/A1/", B: "/D/B/" };
const org: OrgContext = { unitPath: (id) => PATHS[id] };

function rule(overrides: Partial<Omit<RuleSpec, "audience">> & { audience?: Partial<Audience> } = {}): RuleSpec {
  const { audience, ...rest } = overrides;
  return {
    id: "rule-1",
    audience: AudienceSchema.parse({ everyone: true, ...audience }),
    trainingIds: ["t-1", "t-2"],
    firstDueMode: "AFTER_JOINING",
    firstDueDays: 30,
    firstDueDate: null,
    recurrence: "ROLLING",
    intervalMonths: 12,
    yearlyMonth: null,
    yearlyDay: null,
    dueSoonDays: 30,
    graceDays: 0,
    ...rest,
  };
}

function assignment(overrides: Partial<AssignmentFact> = {}): AssignmentFact {
  return { positionId: "pos-a1", unitId: "A1", roleProfileId: null, isLeadership: false, startOn: "2020-01-01", endOn: null, ...overrides };
}

function person(overrides: Partial<PersonFacts> = {}): PersonFacts {
  return {
    personId: "p-1",
    status: "ACTIVE",
    entryOn: "2020-01-01",
    exitOn: null,
    orgUnitId: "A1",
    assignments: [assignment()],
    leadsUnit: false,
    flags: [],
    absences: [],
    completions: [],
    exemptions: [],
    ...overrides,
  };
}

function completion(completedOn: string, { id = `c-${completedOn}`, trainingId = "t-1", expiresOn = null as string | null } = {}) {
  return { id, trainingId, completedOn, expiresOn };
}

function state(r: RuleSpec, facts: PersonFacts, today: string): RequirementState {
  const result = computeRequirement(r, facts, org, today);
  if (!result.applies) throw new Error(`rule does not apply: ${result.reason}`);
  return result.state;
}

describe("audience", () => {
  test("everyone applies from the day of entry", () => {
    expect(matchAudience(rule().audience, person({ entryOn: "2026-09-01" }), org, "2026-11-27")).toEqual([{ kind: "everyone", since: "2026-09-01" }]);
  });

  test("units with and without sub-units", () => {
    const facts = person();
    expect(matchAudience(rule({ audience: { everyone: false, units: [{ unitId: "A", includeSubunits: true }] } }).audience, facts, org, "2026-11-27")).toEqual([
      { kind: "unit", unitId: "A", includeSubunits: true, since: "2020-01-01" },
    ]);
    expect(matchAudience(rule({ audience: { everyone: false, units: [{ unitId: "A", includeSubunits: false }] } }).audience, facts, org, "2026-11-27")).toBeNull();
    expect(matchAudience(rule({ audience: { everyone: false, units: [{ unitId: "A1", includeSubunits: false }] } }).audience, facts, org, "2026-11-27")).not.toBeNull();
    expect(matchAudience(rule({ audience: { everyone: false, units: [{ unitId: "B", includeSubunits: true }] } }).audience, facts, org, "2026-11-27")).toBeNull();
  });

  test("positions, role profiles, leaders and flags", () => {
    const facts = person({
      assignments: [assignment({ positionId: "pos-lead", roleProfileId: "rp-lead", isLeadership: true, startOn: "2025-04-01" })],
      flags: [
        { flag: "FIRST_AIDER", since: "2026-02-01" },
        { flag: "DIGITAL_PILOT", since: "2027-01-01" },
      ],
    });
    const today = "2026-11-27";
    expect(matchAudience(rule({ audience: { everyone: false, positionIds: ["pos-lead"] } }).audience, facts, org, today)).toEqual([{ kind: "position", positionId: "pos-lead", since: "2025-04-01" }]);
    expect(matchAudience(rule({ audience: { everyone: false, roleProfileIds: ["rp-lead"] } }).audience, facts, org, today)).toEqual([{ kind: "roleProfile", roleProfileId: "rp-lead", since: "2025-04-01" }]);
    expect(matchAudience(rule({ audience: { everyone: false, leaders: true } }).audience, facts, org, today)).toEqual([{ kind: "leader", since: "2025-04-01" }]);
    expect(matchAudience(rule({ audience: { everyone: false, flags: ["FIRST_AIDER"] } }).audience, facts, org, today)).toEqual([{ kind: "flag", flag: "FIRST_AIDER", since: "2026-02-01" }]);
    // A flag given from a future day does not count yet.
    expect(matchAudience(rule({ audience: { everyone: false, flags: ["DIGITAL_PILOT"] } }).audience, facts, org, today)).toBeNull();
  });

  test("a unit leader on a non-leadership position counts as leader since the current assignment", () => {
    const facts = person({ leadsUnit: true, assignments: [assignment({ startOn: "2024-07-01" })] });
    expect(matchAudience(rule({ audience: { everyone: false, leaders: true } }).audience, facts, org, "2026-11-27")).toEqual([{ kind: "leader", since: "2024-07-01" }]);
  });

  test("exclusions by unit, position and person win over every match", () => {
    const facts = person();
    const today = "2026-11-27";
    expect(matchAudience(rule({ audience: { excludeUnits: [{ unitId: "A", includeSubunits: true }] } }).audience, facts, org, today)).toBeNull();
    expect(matchAudience(rule({ audience: { excludeUnits: [{ unitId: "A", includeSubunits: false }] } }).audience, facts, org, today)).not.toBeNull();
    expect(matchAudience(rule({ audience: { excludePositionIds: ["pos-a1"] } }).audience, facts, org, today)).toBeNull();
    expect(matchAudience(rule({ audience: { excludePersonIds: ["p-1"] } }).audience, facts, org, today)).toBeNull();
    expect(computeRequirement(rule({ audience: { excludePersonIds: ["p-1"] } }), facts, org, today)).toEqual({ applies: false, reason: "LEFT_AUDIENCE" });
  });

  test("a move between two positions of the same unit keeps the audience stretch", () => {
    const facts = person({
      assignments: [
        assignment({ positionId: "pos-a1", unitId: "A1", startOn: "2021-03-01", endOn: "2025-06-30" }),
        assignment({ positionId: "pos-a1-b", unitId: "A1", startOn: "2025-07-01" }),
      ],
    });
    const r = rule({ audience: { everyone: false, units: [{ unitId: "A1", includeSubunits: false }] } });
    expect(state(r, facts, "2026-11-27").audienceSince).toBe("2021-03-01");
    // The position criterion does restart: the new position is new.
    const byPosition = rule({ audience: { everyone: false, positionIds: ["pos-a1-b"] } });
    expect(state(byPosition, facts, "2026-11-27").audienceSince).toBe("2025-07-01");
  });

  test("a gap between two assignments of the same unit starts a new stretch", () => {
    const facts = person({
      assignments: [
        assignment({ startOn: "2021-03-01", endOn: "2025-06-29" }),
        assignment({ positionId: "pos-a1-b", startOn: "2025-07-01" }),
      ],
    });
    const r = rule({ audience: { everyone: false, units: [{ unitId: "A1", includeSubunits: false }] } });
    expect(state(r, facts, "2026-11-27").audienceSince).toBe("2025-07-01");
  });

  test("nobody is in an audience before their entry", () => {
    const facts = person({ entryOn: "2026-05-01", assignments: [assignment({ startOn: "2026-04-01" })] });
    const r = rule({ audience: { everyone: false, units: [{ unitId: "A1", includeSubunits: false }] } });
    expect(state(r, facts, "2026-11-27").audienceSince).toBe("2026-05-01");
  });

  test("several matching criteria: the earliest joining counts and every reason is kept", () => {
    const facts = person({ flags: [{ flag: "FIRST_AIDER", since: "2026-02-01" }] });
    const r = rule({ audience: { everyone: false, flags: ["FIRST_AIDER"], units: [{ unitId: "A", includeSubunits: true }] } });
    const s = state(r, facts, "2026-11-27");
    expect(s.audienceSince).toBe("2020-01-01");
    expect(s.reasons.map((x) => x.kind)).toEqual(["unit", "flag"]);
  });
});

describe("first due date", () => {
  test("AFTER_ENTRY: N days after entry, but never before joining the audience", () => {
    const r = rule({ firstDueMode: "AFTER_ENTRY", firstDueDays: 90 });
    expect(firstDueOn(r, { entryOn: "2026-10-01" }, "2026-10-01")).toBe("2026-12-30");
    // Joined the audience long after entry: due on the day of joining.
    expect(firstDueOn(r, { entryOn: "2020-01-01" }, "2026-06-01")).toBe("2026-06-01");
    const facts = person({ entryOn: "2026-10-01", assignments: [assignment({ startOn: "2026-10-01" })] });
    expect(state(r, facts, "2026-11-27")).toMatchObject({ audienceSince: "2026-10-01", dueOn: "2026-12-30", dueSoonFrom: "2026-11-30", overdueFrom: "2026-12-31" });
  });

  test("AFTER_JOINING: N days after joining the audience", () => {
    const r = rule({ firstDueMode: "AFTER_JOINING", firstDueDays: 60, audience: { everyone: false, units: [{ unitId: "B", includeSubunits: false }] } });
    const facts = person({
      assignments: [assignment({ startOn: "2020-01-01", endOn: "2026-08-31" }), assignment({ positionId: "pos-b", unitId: "B", startOn: "2026-09-01" })],
    });
    expect(state(r, facts, "2026-11-27")).toMatchObject({ audienceSince: "2026-09-01", dueOn: "2026-10-31" });
  });

  test("FIXED_DATE: the fixed date, or N days after joining for people who join later", () => {
    const r = rule({ firstDueMode: "FIXED_DATE", firstDueDate: "2026-12-31", firstDueDays: 60, recurrence: "NONE", intervalMonths: null });
    expect(state(r, person(), "2026-11-27").dueOn).toBe("2026-12-31");
    const late = person({ entryOn: "2026-11-15", assignments: [assignment({ startOn: "2026-11-15" })] });
    expect(state(r, late, "2026-11-27").dueOn).toBe("2027-01-14");
  });

  test("month end: joining on 31 January with a one-month interval rule", () => {
    const r = rule({ firstDueMode: "AFTER_JOINING", firstDueDays: 0, intervalMonths: 1 });
    const facts = person({ entryOn: "2026-01-31", assignments: [assignment({ startOn: "2026-01-31" })], completions: [completion("2026-01-31")] });
    expect(state(r, facts, "2026-02-01")).toMatchObject({ completedOn: "2026-01-31", validUntil: "2026-02-28", dueOn: "2026-02-28" });
  });
});

describe("recurrence", () => {
  test("NONE: one completion is enough for ever", () => {
    const r = rule({ recurrence: "NONE", intervalMonths: null });
    const s = state(r, person({ completions: [completion("2021-05-10")] }), "2026-11-27");
    expect(s).toMatchObject({ completedOn: "2021-05-10", validUntil: null, dueOn: null, dueSoonFrom: null, overdueFrom: null });
    expect(statusOn(s, "2026-11-27")).toBe("COMPLETED");
    expect(isCompliantOn(s, "2026-11-27")).toBe(true);
  });

  test("NONE with a certificate that expires: due again on its expiry", () => {
    const r = rule({ recurrence: "NONE", intervalMonths: null });
    const s = state(r, person({ completions: [completion("2025-05-10", { expiresOn: "2027-05-10" })] }), "2026-11-27");
    expect(s).toMatchObject({ validUntil: "2027-05-10", dueOn: "2027-05-10" });
  });

  test("ROLLING: every N months from the last completion, the latest completion counts", () => {
    const r = rule({ intervalMonths: 24 });
    const facts = person({ completions: [completion("2022-03-15"), completion("2025-01-20", { trainingId: "t-2" }), completion("2024-02-01")] });
    const s = state(r, facts, "2026-11-27");
    expect(s).toMatchObject({ completionId: "c-2025-01-20", completedOn: "2025-01-20", validUntil: "2027-01-20", dueOn: "2027-01-20", dueSoonFrom: "2026-12-21" });
    expect(statusOn(s, "2026-11-27")).toBe("COMPLETED");
  });

  test("ROLLING: a completion of another training does not count, nor a future one", () => {
    const r = rule({ intervalMonths: 12 });
    const facts = person({ entryOn: "2026-10-01", assignments: [assignment({ startOn: "2026-10-01" })], completions: [completion("2026-10-05", { trainingId: "other" }), completion("2026-12-01")] });
    expect(state(r, facts, "2026-11-27")).toMatchObject({ completionId: null, dueOn: "2026-10-31" });
  });

  test("ROLLING: leap year, 29 February + 12 months is 28 February", () => {
    const r = rule({ intervalMonths: 12 });
    const s = state(r, person({ completions: [completion("2024-02-29")] }), "2024-06-01");
    expect(s).toMatchObject({ validUntil: "2025-02-28", dueOn: "2025-02-28", dueSoonFrom: "2025-01-29", overdueFrom: "2025-03-01" });
    const four = state(rule({ intervalMonths: 48 }), person({ completions: [completion("2024-02-29")] }), "2024-06-01");
    expect(four.dueOn).toBe("2028-02-29");
  });

  test("ROLLING: month end, 31 January + 1 month is 28 February", () => {
    const r = rule({ intervalMonths: 1 });
    expect(state(r, person({ completions: [completion("2026-01-31")] }), "2026-02-10").dueOn).toBe("2026-02-28");
    expect(state(r, person({ completions: [completion("2024-01-31")] }), "2024-02-10").dueOn).toBe("2024-02-29");
  });

  test("completion exactly on the due date is on time and starts the next period from that day", () => {
    const r = rule({ intervalMonths: 12, dueSoonDays: 30 });
    const before = state(r, person({ completions: [completion("2025-11-27")] }), "2026-11-27");
    expect(before.dueOn).toBe("2026-11-27");
    expect(statusOn(before, "2026-11-27")).toBe("DUE_SOON");
    expect(statusOn(before, "2026-11-28")).toBe("EXPIRED");
    const after = state(r, person({ completions: [completion("2025-11-27"), completion("2026-11-27")] }), "2026-11-27");
    expect(after).toMatchObject({ completedOn: "2026-11-27", dueOn: "2027-11-27" });
    expect(statusOn(after, "2026-11-27")).toBe("COMPLETED");
  });

  test("FIXED_YEARLY: due every year on the fixed date", () => {
    const r = rule({ recurrence: "FIXED_YEARLY", intervalMonths: null, yearlyMonth: 3, yearlyDay: 31, firstDueMode: "FIXED_DATE", firstDueDays: 60 });
    // Completed on the due date: due again next year.
    expect(state(r, person({ completions: [completion("2026-03-31")] }), "2026-11-27")).toMatchObject({ validUntil: "2027-03-31", dueOn: "2027-03-31" });
    // Completed late: still the next fixed date, not a year after the completion.
    expect(state(r, person({ completions: [completion("2026-05-20")] }), "2026-11-27").dueOn).toBe("2027-03-31");
    // Completed within 90 days before the date: counts for that date's cycle.
    expect(state(r, person({ completions: [completion("2026-01-15")] }), "2026-02-01").dueOn).toBe("2027-03-31");
    expect(state(r, person({ completions: [completion("2025-12-31")] }), "2026-02-01").dueOn).toBe("2027-03-31");
    // Completed earlier than that: due on the coming date.
    expect(state(r, person({ completions: [completion("2025-12-30")] }), "2026-02-01").dueOn).toBe("2026-03-31");
  });

  test("FIXED_YEARLY: joining after the fixed date is due on the next one, with at least the fair number of days", () => {
    const r = rule({ recurrence: "FIXED_YEARLY", intervalMonths: null, yearlyMonth: 3, yearlyDay: 31, firstDueMode: "FIXED_DATE", firstDueDays: 60 });
    const joinedAfter = person({ entryOn: "2026-04-15", assignments: [assignment({ startOn: "2026-04-15" })] });
    expect(state(r, joinedAfter, "2026-11-27")).toMatchObject({ audienceSince: "2026-04-15", dueOn: "2027-03-31" });
    // Joining six weeks before the date would leave too little time: the next year's date.
    const joinedShortlyBefore = person({ entryOn: "2026-02-15", assignments: [assignment({ startOn: "2026-02-15" })] });
    expect(state(r, joinedShortlyBefore, "2026-02-20").dueOn).toBe("2027-03-31");
    const joinedEarly = person({ entryOn: "2026-01-15", assignments: [assignment({ startOn: "2026-01-15" })] });
    expect(state(r, joinedEarly, "2026-02-20").dueOn).toBe("2026-03-31");
  });

  test("FIXED_YEARLY: a fixed first date wins when it gives enough time", () => {
    const r = rule({ recurrence: "FIXED_YEARLY", intervalMonths: null, yearlyMonth: 6, yearlyDay: 30, firstDueMode: "FIXED_DATE", firstDueDate: "2027-06-30", firstDueDays: 30 });
    expect(state(r, person(), "2026-11-27").dueOn).toBe("2027-06-30");
  });

  test("FIXED_YEARLY on 29 February: 28 February in common years", () => {
    const r = rule({ recurrence: "FIXED_YEARLY", intervalMonths: null, yearlyMonth: 2, yearlyDay: 29, firstDueMode: "FIXED_DATE", firstDueDays: 30 });
    const joined = person({ entryOn: "2026-11-01", assignments: [assignment({ startOn: "2026-11-01" })] });
    expect(state(r, joined, "2026-11-27").dueOn).toBe("2027-02-28");
    expect(state(r, person({ completions: [completion("2027-02-28")] }), "2027-03-01").dueOn).toBe("2028-02-29");
    expect(state(r, person({ completions: [completion("2028-02-29")] }), "2028-03-01").dueOn).toBe("2029-02-28");
  });

  test("validUntilOf: an explicit expiry shortens the rule's period", () => {
    expect(validUntilOf(rule({ intervalMonths: 24 }), { completedOn: "2026-01-10", expiresOn: "2027-01-10" })).toBe("2027-01-10");
    expect(validUntilOf(rule({ intervalMonths: 12 }), { completedOn: "2026-01-10", expiresOn: "2028-01-10" })).toBe("2027-01-10");
    expect(validUntilOf(rule({ recurrence: "NONE", intervalMonths: null }), { completedOn: "2026-01-10", expiresOn: null })).toBeNull();
  });
});

describe("completions from before joining the audience", () => {
  const r = rule({ intervalMonths: 24, firstDueDays: 30, audience: { everyone: false, units: [{ unitId: "B", includeSubunits: false }] } });
  const movedToB = (completions: PersonFacts["completions"]) =>
    person({
      assignments: [assignment({ endOn: "2026-08-31" }), assignment({ positionId: "pos-b", unitId: "B", startOn: "2026-09-01" })],
      completions,
    });

  test("still valid on the day of joining: counts", () => {
    const s = state(r, movedToB([completion("2025-03-10")]), "2026-11-27");
    expect(s).toMatchObject({ audienceSince: "2026-09-01", completedOn: "2025-03-10", validUntil: "2027-03-10", dueOn: "2027-03-10" });
    expect(statusOn(s, "2026-11-27")).toBe("COMPLETED");
  });

  test("valid until shortly after joining: due no earlier than the fair first due date", () => {
    const s = state(r, movedToB([completion("2024-09-05")]), "2026-09-02");
    expect(s).toMatchObject({ completedOn: "2024-09-05", validUntil: "2026-09-05", dueOn: "2026-10-01" });
    expect(statusOn(s, "2026-09-02")).toBe("DUE_SOON");
    expect(isCompliantOn(s, "2026-09-02")).toBe(true);
    expect(isCompliantOn(s, "2026-09-10")).toBe(false);
  });

  test("valid exactly until the day of joining: counts", () => {
    const s = state(r, movedToB([completion("2024-09-01")]), "2026-09-02");
    expect(s).toMatchObject({ completedOn: "2024-09-01", dueOn: "2026-10-01" });
  });

  test("expired before joining: does not count", () => {
    const s = state(r, movedToB([completion("2024-08-31")]), "2026-11-27");
    expect(s).toMatchObject({ completionId: null, completedOn: null, dueOn: "2026-10-01" });
    expect(statusOn(s, "2026-11-27")).toBe("OVERDUE");
  });
});

describe("life events", () => {
  const unitRule = rule({ intervalMonths: 12, firstDueDays: 30, audience: { everyone: false, units: [{ unitId: "A", includeSubunits: true }] } });

  test("leaving the audience closes, re-joining starts again with a fresh fair due date", () => {
    const left = person({ assignments: [assignment({ endOn: "2026-03-31" }), assignment({ positionId: "pos-b", unitId: "B", startOn: "2026-04-01" })] });
    expect(computeRequirement(unitRule, left, org, "2026-05-01")).toEqual({ applies: false, reason: "LEFT_AUDIENCE" });
    const back = person({
      assignments: [
        assignment({ endOn: "2026-03-31" }),
        assignment({ positionId: "pos-b", unitId: "B", startOn: "2026-04-01", endOn: "2026-09-30" }),
        assignment({ positionId: "pos-a", unitId: "A", startOn: "2026-10-01" }),
      ],
      completions: [completion("2025-06-01")],
    });
    // The completion of June 2025 expired on 1 June 2026, before re-joining: due 30 days after.
    expect(state(unitRule, back, "2026-11-27")).toMatchObject({ audienceSince: "2026-10-01", completionId: null, dueOn: "2026-10-31" });
    // With a completion still valid on re-joining, nothing is due before it expires.
    const backValid = { ...back, completions: [completion("2026-02-15")] };
    expect(state(unitRule, backValid, "2026-11-27")).toMatchObject({ audienceSince: "2026-10-01", completedOn: "2026-02-15", dueOn: "2027-02-15" });
  });

  test("a job change within the audience changes nothing", () => {
    const moved = person({ assignments: [assignment({ endOn: "2026-06-30" }), assignment({ positionId: "pos-a", unitId: "A", startOn: "2026-07-01" })], completions: [completion("2026-02-01")] });
    expect(state(unitRule, moved, "2026-11-27")).toMatchObject({ audienceSince: "2020-01-01", dueOn: "2027-02-01" });
  });

  test("exit in the future: still required until the last day; exit in the past: closed", () => {
    const leaving = person({ exitOn: "2026-12-31" });
    expect(state(unitRule, leaving, "2026-11-27").activeUntil).toBe("2026-12-31");
    expect(state(unitRule, leaving, "2026-12-31").activeUntil).toBe("2026-12-31");
    expect(computeRequirement(unitRule, leaving, org, "2027-01-01")).toEqual({ applies: false, reason: "LEFT_ORGANISATION" });
    expect(computeRequirement(unitRule, person({ status: "LEFT" }), org, "2026-11-27")).toEqual({ applies: false, reason: "LEFT_ORGANISATION" });
  });

  test("an absence with an end pauses and gives the remaining time again", () => {
    // Joined 1 Oct 2026, due 31 Oct 2026; on leave 10–19 Oct (10 days): due 10 Nov 2026.
    const facts = person({ entryOn: "2026-10-01", assignments: [assignment({ startOn: "2026-10-01" })], absences: [{ startOn: "2026-10-10", endOn: "2026-10-19" }] });
    const s = state(unitRule, facts, "2026-10-15");
    expect(s).toMatchObject({ dueOn: "2026-11-10", pausedFrom: "2026-10-10", pausedUntil: "2026-10-19" });
    expect(statusOn(s, "2026-10-15")).toBe("PAUSED");
    expect(statusOn(s, "2026-10-19")).toBe("PAUSED");
    expect(statusOn(s, "2026-10-20")).toBe("DUE_SOON");
    expect(statusOn(s, "2026-11-10")).toBe("DUE_SOON");
    expect(statusOn(s, "2026-11-11")).toBe("OVERDUE");
  });

  test("a long absence around a completion's expiry moves the due date by the days of absence", () => {
    // Completed 1 Feb 2026 (valid till 1 Feb 2027); parental leave 1 Mar – 31 Aug 2026 (184 days).
    const facts = person({ completions: [completion("2026-02-01")], absences: [{ startOn: "2026-03-01", endOn: "2026-08-31" }] });
    const s = state(unitRule, facts, "2026-11-27");
    expect(s).toMatchObject({ validUntil: "2027-02-01", dueOn: "2027-08-04", pausedFrom: "2026-03-01", pausedUntil: "2026-08-31" });
    expect(statusOn(s, "2026-11-27")).toBe("COMPLETED");
  });

  test("an absence that began before the period only counts from the period's start", () => {
    // Joined 1 Oct 2026 while already on leave since 1 Sep until 14 Oct: 14 days given.
    const facts = person({ entryOn: "2026-10-01", assignments: [assignment({ startOn: "2026-10-01" })], absences: [{ startOn: "2026-09-01", endOn: "2026-10-14" }] });
    expect(state(unitRule, facts, "2026-11-27").dueOn).toBe("2026-11-14");
  });

  test("absences that ended before the period or start after the due date give no time", () => {
    const facts = person({
      completions: [completion("2026-02-01")],
      absences: [
        { startOn: "2025-05-01", endOn: "2025-06-30" },
        { startOn: "2027-03-01", endOn: "2027-03-31" },
      ],
    });
    expect(state(unitRule, facts, "2026-11-27")).toMatchObject({ dueOn: "2027-02-01" });
  });

  test("an absence without an end keeps the requirement paused", () => {
    const facts = person({ entryOn: "2026-10-01", assignments: [assignment({ startOn: "2026-10-01" })], absences: [{ startOn: "2026-10-10", endOn: null }] });
    const s = state(unitRule, facts, "2026-11-27");
    expect(s).toMatchObject({ dueOn: "2026-10-31", pausedFrom: "2026-10-10", pausedUntil: null });
    expect(statusOn(s, "2026-11-27")).toBe("PAUSED");
    expect(statusOn(s, "2030-01-01")).toBe("PAUSED");
    expect(isCompliantOn(s, "2026-11-27")).toBe(false);
  });

  test("two absences: both give their time, the current one is shown", () => {
    const facts = person({
      entryOn: "2026-09-01",
      assignments: [assignment({ startOn: "2026-09-01" })],
      absences: [
        { startOn: "2026-11-20", endOn: "2026-12-04" },
        { startOn: "2026-09-05", endOn: "2026-09-09" },
      ],
    });
    // Due 1 Oct + 5 days = 6 Oct, so the November absence starts after the due date.
    const s = state(unitRule, facts, "2026-09-07");
    expect(s.dueOn).toBe("2026-10-06");
    expect(s).toMatchObject({ pausedFrom: "2026-09-05", pausedUntil: "2026-09-09" });
  });

  test("an overdue person who goes on leave is paused while away and overdue again on return", () => {
    const facts = person({ entryOn: "2026-09-01", assignments: [assignment({ startOn: "2026-09-01" })], absences: [{ startOn: "2026-11-20", endOn: "2026-12-04" }] });
    const s = state(unitRule, facts, "2026-11-27");
    expect(s.dueOn).toBe("2026-10-01");
    expect(statusOn(s, "2026-11-19")).toBe("OVERDUE");
    expect(statusOn(s, "2026-11-27")).toBe("PAUSED");
    expect(statusOn(s, "2026-12-05")).toBe("OVERDUE");
    // Open-ended leave of an overdue person: paused.
    const open = state(unitRule, { ...facts, absences: [{ startOn: "2026-11-20", endOn: null }] }, "2026-11-27");
    expect(statusOn(open, "2026-11-27")).toBe("PAUSED");
    // Leave that ended before today gives no time: overdue.
    const ended = state(unitRule, { ...facts, absences: [{ startOn: "2026-11-01", endOn: "2026-11-10" }] }, "2026-11-27");
    expect(ended.dueOn).toBe("2026-10-01");
    expect(statusOn(ended, "2026-11-27")).toBe("OVERDUE");
  });

  test("an exemption until a day: EXEMPT, then back to the normal status", () => {
    const facts = person({ entryOn: "2026-09-01", assignments: [assignment({ startOn: "2026-09-01" })], exemptions: [{ validUntil: "2026-12-15" }, { validUntil: "2026-11-30" }] });
    const s = state(unitRule, facts, "2026-11-27");
    expect(s.exemptUntil).toBe("2026-12-15");
    expect(statusOn(s, "2026-11-27")).toBe("EXEMPT");
    expect(statusOn(s, "2026-12-15")).toBe("EXEMPT");
    expect(statusOn(s, "2026-12-16")).toBe("OVERDUE");
    expect(isCompliantOn(s, "2026-11-27")).toBe(false);
  });

  test("flags start and end a designated person's requirement", () => {
    const r = rule({ audience: { everyone: false, flags: ["FIRST_AIDER"] }, firstDueDays: 90, intervalMonths: 24 });
    expect(computeRequirement(r, person(), org, "2026-11-27")).toEqual({ applies: false, reason: "LEFT_AUDIENCE" });
    expect(state(r, person({ flags: [{ flag: "FIRST_AIDER", since: "2026-11-01" }] }), "2026-11-27")).toMatchObject({ audienceSince: "2026-11-01", dueOn: "2027-01-30" });
  });
});

describe("status on a day", () => {
  const r = rule({ intervalMonths: 12, dueSoonDays: 30, graceDays: 14 });
  const open = state(r, person({ entryOn: "2026-10-01", assignments: [assignment({ startOn: "2026-10-01" })] }), "2026-10-01");
  const done = state(r, person({ completions: [completion("2026-01-15")] }), "2026-11-27");

  test("without a completion: NOT_DUE → DUE_SOON → (grace) → OVERDUE", () => {
    expect(open).toMatchObject({ dueOn: "2026-10-31", dueSoonFrom: "2026-10-01", overdueFrom: "2026-11-15" });
    const early = state(rule({ dueSoonDays: 10 }), person({ entryOn: "2026-10-01", assignments: [assignment({ startOn: "2026-10-01" })] }), "2026-10-01");
    expect(statusOn(early, "2026-10-20")).toBe("NOT_DUE");
    expect(statusOn(early, "2026-10-21")).toBe("DUE_SOON");
    expect(statusOn(open, "2026-10-31")).toBe("DUE_SOON");
    expect(statusOn(open, "2026-11-14")).toBe("DUE_SOON");
    expect(statusOn(open, "2026-11-15")).toBe("OVERDUE");
    expect(daysOverdue(open, "2026-10-31")).toBe(0);
    expect(daysOverdue(open, "2026-11-27")).toBe(27);
  });

  test("with a completion: COMPLETED → DUE_SOON → (grace) → EXPIRED", () => {
    expect(done).toMatchObject({ dueOn: "2027-01-15", dueSoonFrom: "2026-12-16", overdueFrom: "2027-01-30" });
    expect(statusOn(done, "2026-11-27")).toBe("COMPLETED");
    expect(isCompliantOn(done, "2026-11-27")).toBe(true);
    expect(statusOn(done, "2026-12-16")).toBe("DUE_SOON");
    expect(isCompliantOn(done, "2026-12-16")).toBe(true);
    expect(isCompliantOn(done, "2027-01-15")).toBe(true);
    // In the grace period the completion is no longer valid: due soon, but not compliant.
    expect(statusOn(done, "2027-01-29")).toBe("DUE_SOON");
    expect(isCompliantOn(done, "2027-01-29")).toBe(false);
    expect(statusOn(done, "2027-01-30")).toBe("EXPIRED");
    expect(daysOverdue(done, "2027-01-30")).toBe(15);
  });
});
