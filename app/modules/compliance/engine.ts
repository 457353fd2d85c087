// The mandatory-training rules as pure functions: which rule applies to whom since when, and
// which days follow from that (due, due soon, overdue, paused, exempt). No database, no clock:
// callers pass `today`, so every rule, recurrence and life event can be tested with concrete days.
// The stored requirement rows are exactly `computeRequirement`'s output (sync.server.ts); the
// day-dependent status is `statusOn` here and the same CASE in SQL (status.server.ts).
import type { Audience, AudienceReason, PersonFlagKey } from "./audience.ts";
import { addDays, addMonths, daysBetween, maxDay, minDay, nextYearlyOnOrAfter, type Day } from "./days.ts";

export type FirstDueMode = "AFTER_ENTRY" | "AFTER_JOINING" | "FIXED_DATE";
export type RecurrenceMode = "NONE" | "ROLLING" | "FIXED_YEARLY";

export interface RuleSpec {
  id: string;
  audience: Audience;
  trainingIds: readonly string[];
  firstDueMode: FirstDueMode;
  firstDueDays: number;
  firstDueDate: Day | null;
  recurrence: RecurrenceMode;
  intervalMonths: number | null;
  yearlyMonth: number | null;
  yearlyDay: number | null;
  dueSoonDays: number;
  graceDays: number;
}

export interface AssignmentFact {
  positionId: string;
  unitId: string;
  roleProfileId: string | null;
  isLeadership: boolean;
  startOn: Day;
  /** Inclusive last day, null while running. */
  endOn: Day | null;
}

export interface PersonFacts {
  personId: string;
  status: "ACTIVE" | "ON_LEAVE" | "LEFT";
  entryOn: Day;
  exitOn: Day | null;
  orgUnitId: string | null;
  /** Primary position assignments, any order. */
  assignments: readonly AssignmentFact[];
  /** Leads an org unit (OrgUnit.leaderId). */
  leadsUnit: boolean;
  flags: readonly { flag: PersonFlagKey; since: Day }[];
  absences: readonly { startOn: Day; endOn: Day | null }[];
  /** Confirmed, not failed completions of any training. */
  completions: readonly { id: string; trainingId: string; completedOn: Day; expiresOn: Day | null }[];
  /** Active (not revoked) exemptions from this rule. */
  exemptions: readonly { validUntil: Day }[];
}

export interface OrgContext {
  /** Materialised path ("/a/b/") of every org unit. */
  unitPath(unitId: string): string | undefined;
}

export interface RequirementState {
  audienceSince: Day;
  reasons: AudienceReason[];
  completionId: string | null;
  completedOn: Day | null;
  validUntil: Day | null;
  dueOn: Day | null;
  dueSoonFrom: Day | null;
  overdueFrom: Day | null;
  pausedFrom: Day | null;
  pausedUntil: Day | null;
  exemptUntil: Day | null;
  activeUntil: Day | null;
}

export type CloseReason = "LEFT_AUDIENCE" | "LEFT_ORGANISATION" | "RULE_ARCHIVED";

export type ComputeResult = { applies: true; state: RequirementState } | { applies: false; reason: CloseReason };

/**
 * On a fixed yearly date, a completion this close before the date counts for that date's
 * cycle: a newcomer who completes in February is not due again at the end of March.
 */
export const FIXED_YEARLY_MIN_GAP_DAYS = 90;

function isCurrent(a: AssignmentFact, today: Day) {
  return a.startOn <= today && (a.endOn === null || a.endOn >= today);
}

/** The current primary assignment (the latest started one if several overlap). */
export function currentAssignment(facts: PersonFacts, today: Day): AssignmentFact | null {
  let best: AssignmentFact | null = null;
  for (const a of facts.assignments) {
    if (isCurrent(a, today) && (!best || a.startOn > best.startOn)) best = a;
  }
  return best;
}

/**
 * Start of the unbroken stretch of assignments, ending with the current one, that all satisfy
 * the predicate: moving between two positions of the same Amt does not restart its rules.
 */
function stretchSince(facts: PersonFacts, today: Day, matches: (a: AssignmentFact) => boolean): Day | null {
  const current = currentAssignment(facts, today);
  if (!current || !matches(current)) return null;
  let since = current.startOn;
  const earlier = facts.assignments
    .filter((a) => a !== current && a.startOn < current.startOn)
    .sort((x, y) => (x.startOn < y.startOn ? 1 : -1));
  for (const a of earlier) {
    if (!matches(a) || a.endOn === null || addDays(a.endOn, 1) < since) break;
    since = a.startOn;
  }
  return since;
}

function inUnit(org: OrgContext, unitId: string, choice: { unitId: string; includeSubunits: boolean }) {
  if (unitId === choice.unitId) return true;
  if (!choice.includeSubunits) return false;
  const path = org.unitPath(unitId);
  return !!path && path.includes(`/${choice.unitId}/`);
}

/** The matched audience criteria, or null when the person is not (or no longer) in the audience. */
export function matchAudience(audience: Audience, facts: PersonFacts, org: OrgContext, today: Day): AudienceReason[] | null {
  const current = currentAssignment(facts, today);
  if (current) {
    if (audience.excludePositionIds.includes(current.positionId)) return null;
    if (audience.excludeUnits.some((choice) => inUnit(org, current.unitId, choice))) return null;
  }
  if (audience.excludePersonIds.includes(facts.personId)) return null;

  const reasons: AudienceReason[] = [];
  if (audience.everyone) reasons.push({ kind: "everyone", since: facts.entryOn });
  for (const choice of audience.units) {
    const since = stretchSince(facts, today, (a) => inUnit(org, a.unitId, choice));
    if (since) reasons.push({ kind: "unit", unitId: choice.unitId, includeSubunits: choice.includeSubunits, since });
  }
  for (const positionId of audience.positionIds) {
    const since = stretchSince(facts, today, (a) => a.positionId === positionId);
    if (since) reasons.push({ kind: "position", positionId, since });
  }
  for (const roleProfileId of audience.roleProfileIds) {
    const since = stretchSince(facts, today, (a) => a.roleProfileId === roleProfileId);
    if (since) reasons.push({ kind: "roleProfile", roleProfileId, since });
  }
  if (audience.leaders) {
    const since = stretchSince(facts, today, (a) => a.isLeadership) ?? (facts.leadsUnit ? (current?.startOn ?? facts.entryOn) : null);
    if (since) reasons.push({ kind: "leader", since });
  }
  for (const flag of audience.flags) {
    const held = facts.flags.find((f) => f.flag === flag && f.since <= today);
    if (held) reasons.push({ kind: "flag", flag, since: held.since });
  }
  if (reasons.length === 0) return null;
  // Nobody can be in an audience before they joined the administration.
  return reasons.map((r) => ({ ...r, since: maxDay(r.since, facts.entryOn) }));
}

/** The first due day for someone without a counting completion. */
export function firstDueOn(rule: RuleSpec, facts: Pick<PersonFacts, "entryOn">, audienceSince: Day): Day {
  const fair = addDays(audienceSince, rule.firstDueDays);
  switch (rule.firstDueMode) {
    case "AFTER_ENTRY":
      return maxDay(addDays(facts.entryOn, rule.firstDueDays), audienceSince);
    case "AFTER_JOINING":
      return fair;
    case "FIXED_DATE":
      if (rule.firstDueDate) return maxDay(rule.firstDueDate, fair);
      if (rule.recurrence === "FIXED_YEARLY" && rule.yearlyMonth && rule.yearlyDay) {
        return nextYearlyOnOrAfter(fair, rule.yearlyMonth, rule.yearlyDay);
      }
      return fair;
  }
}

/** Until when a completion counts (null: for ever). */
export function validUntilOf(rule: RuleSpec, completion: { completedOn: Day; expiresOn: Day | null }): Day | null {
  let until: Day | null = null;
  if (rule.recurrence === "ROLLING" && rule.intervalMonths) {
    until = addMonths(completion.completedOn, rule.intervalMonths);
  } else if (rule.recurrence === "FIXED_YEARLY" && rule.yearlyMonth && rule.yearlyDay) {
    const gap = Math.max(FIXED_YEARLY_MIN_GAP_DAYS, rule.dueSoonDays);
    until = nextYearlyOnOrAfter(addDays(completion.completedOn, gap + 1), rule.yearlyMonth, rule.yearlyDay);
  }
  if (completion.expiresOn) until = until ? minDay(until, completion.expiresOn) : completion.expiresOn;
  return until;
}

export function computeRequirement(rule: RuleSpec, facts: PersonFacts, org: OrgContext, today: Day): ComputeResult {
  if (facts.status === "LEFT" || (facts.exitOn !== null && facts.exitOn < today)) {
    return { applies: false, reason: "LEFT_ORGANISATION" };
  }
  const reasons = matchAudience(rule.audience, facts, org, today);
  if (!reasons) return { applies: false, reason: "LEFT_AUDIENCE" };
  const audienceSince = reasons.reduce((min, r) => (r.since < min ? r.since : min), reasons[0]!.since);
  const firstDue = firstDueOn(rule, facts, audienceSince);

  // The latest completion of any of the rule's trainings; one from before joining the audience
  // counts only while it is still valid on the day of joining.
  let counting: { id: string; completedOn: Day; validUntil: Day | null } | null = null;
  for (const c of facts.completions) {
    if (!rule.trainingIds.includes(c.trainingId) || c.completedOn > today) continue;
    if (counting && c.completedOn <= counting.completedOn) continue;
    const validUntil = validUntilOf(rule, c);
    if (c.completedOn < audienceSince && validUntil !== null && validUntil < audienceSince) continue;
    counting = { id: c.id, completedOn: c.completedOn, validUntil };
  }

  let dueOn: Day | null;
  if (!counting) dueOn = firstDue;
  else if (counting.validUntil === null) dueOn = null;
  else dueOn = counting.completedOn < audienceSince ? maxDay(counting.validUntil, firstDue) : counting.validUntil;

  // Long absences pause the clock: the time left when an absence starts is given again when it
  // ends. An absence without an end keeps the requirement paused.
  let pausedFrom: Day | null = null;
  let pausedUntil: Day | null = null;
  if (dueOn !== null) {
    const periodStart = counting && counting.completedOn >= audienceSince ? counting.completedOn : audienceSince;
    const absences = [...facts.absences].sort((a, b) => (a.startOn < b.startOn ? -1 : 1));
    let shown: { startOn: Day; endOn: Day | null } | null = null;
    for (const absence of absences) {
      if (absence.endOn !== null && absence.endOn < periodStart) continue;
      // The absence shown as the pause: the current or next one, else the latest.
      if (!shown || (shown.endOn !== null && shown.endOn < today)) shown = absence;
      if (absence.endOn === null) break;
      // Someone already due when the absence starts is paused during it but gets no extra time.
      if (absence.startOn > dueOn) continue;
      const from = maxDay(absence.startOn, periodStart);
      dueOn = addDays(dueOn, daysBetween(from, absence.endOn) + 1);
    }
    if (shown) {
      pausedFrom = shown.startOn;
      pausedUntil = shown.endOn;
    }
  }

  const exemptUntil = facts.exemptions.reduce<Day | null>((max, e) => (max === null || e.validUntil > max ? e.validUntil : max), null);

  return {
    applies: true,
    state: {
      audienceSince,
      reasons,
      completionId: counting?.id ?? null,
      completedOn: counting?.completedOn ?? null,
      validUntil: counting?.validUntil ?? null,
      dueOn,
      dueSoonFrom: dueOn ? addDays(dueOn, -rule.dueSoonDays) : null,
      overdueFrom: dueOn ? addDays(dueOn, rule.graceDays + 1) : null,
      pausedFrom,
      pausedUntil,
      exemptUntil,
      activeUntil: facts.exitOn,
    },
  };
}

export const REQUIREMENT_STATUSES = ["NOT_DUE", "DUE_SOON", "OVERDUE", "COMPLETED", "EXPIRED", "EXEMPT", "PAUSED"] as const;
export type RequirementStatus = (typeof REQUIREMENT_STATUSES)[number];

export type StoredDays = Pick<
  RequirementState,
  "completedOn" | "validUntil" | "dueOn" | "dueSoonFrom" | "overdueFrom" | "pausedFrom" | "pausedUntil" | "exemptUntil"
>;

/** The status of a requirement on a day. Mirrors `statusCaseSql` in status.server.ts. */
export function statusOn(r: StoredDays, today: Day): RequirementStatus {
  if (r.exemptUntil !== null && today <= r.exemptUntil) return "EXEMPT";
  if (r.pausedFrom !== null && r.pausedFrom <= today && (r.pausedUntil === null || today <= r.pausedUntil)) return "PAUSED";
  if (r.dueOn === null) return "COMPLETED";
  if (r.dueSoonFrom !== null && today < r.dueSoonFrom) {
    return r.completedOn !== null && (r.validUntil === null || today <= r.validUntil) ? "COMPLETED" : "NOT_DUE";
  }
  if (r.overdueFrom !== null && today < r.overdueFrom) return "DUE_SOON";
  return r.completedOn !== null ? "EXPIRED" : "OVERDUE";
}

/** Counts as fulfilled today: a completion that is still valid. */
export function isCompliantOn(r: StoredDays, today: Day): boolean {
  const status = statusOn(r, today);
  if (status === "COMPLETED") return true;
  return status === "DUE_SOON" && r.completedOn !== null && (r.validUntil === null || today <= r.validUntil);
}

/** Days past the due date (0 when not overdue). */
export function daysOverdue(r: StoredDays, today: Day): number {
  return r.dueOn !== null && today > r.dueOn ? daysBetween(r.dueOn, today) : 0;
}
