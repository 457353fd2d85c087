// "Why does this apply to me?": plain-language lines about a requirement, built from what is
// stored (the matched audience criteria, the rule's dates, the requirement's days). Pure: it
// returns i18n keys with parameters, and the page renders them in German or English
// (app/components/requirement-list.tsx). Keys live under `compliance.why.*` and
// `compliance.history.*` in app/locales/compliance.*.json.
import type { AudienceReason } from "./audience.ts";
import { PERSON_FLAGS } from "./audience.ts";
import { addDays, type Day } from "./days.ts";
import { validUntilOf, type FirstDueMode, type RecurrenceMode, type RuleSpec } from "./engine.ts";

/** A parameter: plain text or number, a day (shown as a local date), or another message key. */
export type ExplainParam = string | number | { day: Day } | { key: string } | { monthDay: { month: number; day: number } };
export interface ExplainLine {
  key: string;
  params: Record<string, ExplainParam>;
}

export interface ExplainRule {
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

export interface ExplainRequirement {
  audienceSince: Day;
  reasons: readonly AudienceReason[];
  completedOn: Day | null;
  validUntil: Day | null;
  dueOn: Day | null;
  dueSoonFrom: Day | null;
  overdueFrom: Day | null;
  pausedFrom: Day | null;
  pausedUntil: Day | null;
  exemptUntil: Day | null;
}

export interface ExplainNames {
  units: ReadonlyMap<string, string>;
  positions: ReadonlyMap<string, string>;
  roleProfiles: ReadonlyMap<string, string>;
}

export interface ExplainContext {
  /** The person's entry into the administration. */
  entryOn: Day;
  today: Day;
  names: ExplainNames;
  /** The title of the training whose completion counts, if any. */
  completedTraining?: string | null;
  /** The reason of the current exemption, when the viewer may see it. */
  exemptionReason?: string | null;
}

export interface Explanation {
  /** Why the person is in the rule's audience, one line per matched criterion. */
  audience: ExplainLine[];
  /** How the due date came about (first due date or recurrence), and what follows. */
  due: ExplainLine[];
  /** Pauses and exemptions in force or ahead. */
  special: ExplainLine[];
}

const day = (value: Day): { day: Day } => ({ day: value });
const line = (key: string, params: Record<string, ExplainParam> = {}): ExplainLine => ({ key, params });

function audienceLine(reason: AudienceReason, names: ExplainNames): ExplainLine {
  const since = day(reason.since);
  switch (reason.kind) {
    case "everyone":
      return line("compliance.why.audience.everyone", { since });
    case "unit":
      return line(reason.includeSubunits ? "compliance.why.audience.unitWithSubunits" : "compliance.why.audience.unit", {
        since,
        unit: names.units.get(reason.unitId) ?? { key: "compliance.why.unknownUnit" },
      });
    case "position":
      return line("compliance.why.audience.position", { since, position: names.positions.get(reason.positionId) ?? { key: "compliance.why.unknownPosition" } });
    case "roleProfile":
      return line("compliance.why.audience.roleProfile", {
        since,
        roleProfile: names.roleProfiles.get(reason.roleProfileId) ?? { key: "compliance.why.unknownRoleProfile" },
      });
    case "leader":
      return line("compliance.why.audience.leader", { since });
    case "flag":
      return line("compliance.why.audience.flag", {
        since,
        flag: (PERSON_FLAGS as readonly string[]).includes(reason.flag) ? { key: `compliance.flags.${reason.flag}` } : reason.flag,
      });
  }
}

/** The yearly date (day and month without a year), shown as "31. März" / "31 March". */
function yearlyParam(rule: ExplainRule): ExplainParam {
  return { monthDay: { month: rule.yearlyMonth ?? 1, day: rule.yearlyDay ?? 1 } };
}

function firstDueLines(rule: ExplainRule, r: ExplainRequirement, ctx: ExplainContext): ExplainLine[] {
  const since = day(r.audienceSince);
  const days = rule.firstDueDays;
  switch (rule.firstDueMode) {
    case "AFTER_ENTRY": {
      const base = addDays(ctx.entryOn, days);
      return base >= r.audienceSince
        ? [line("compliance.why.first.afterEntry", { days, entry: day(ctx.entryOn), date: day(base) })]
        : [line("compliance.why.first.afterEntryLate", { days, entry: day(ctx.entryOn), since })];
    }
    case "AFTER_JOINING":
      return [line("compliance.why.first.afterJoining", { days, since, date: day(addDays(r.audienceSince, days)) })];
    case "FIXED_DATE": {
      const fair = addDays(r.audienceSince, days);
      if (rule.firstDueDate) {
        return rule.firstDueDate >= fair
          ? [line("compliance.why.first.fixedDate", { date: day(rule.firstDueDate) })]
          : [line("compliance.why.first.fixedDateLate", { date: day(rule.firstDueDate), days, since })];
      }
      if (rule.recurrence === "FIXED_YEARLY" && rule.yearlyMonth && rule.yearlyDay) {
        return [line("compliance.why.first.fixedYearly", { yearly: yearlyParam(rule), days, since })];
      }
      return [line("compliance.why.first.afterJoining", { days, since, date: day(fair) })];
    }
  }
}

function recurrenceLine(rule: ExplainRule): ExplainLine {
  if (rule.recurrence === "ROLLING" && rule.intervalMonths) return line("compliance.why.recurrence.rolling", { months: rule.intervalMonths });
  if (rule.recurrence === "FIXED_YEARLY" && rule.yearlyMonth && rule.yearlyDay) return line("compliance.why.recurrence.fixedYearly", { yearly: yearlyParam(rule) });
  return line("compliance.why.recurrence.none");
}

/** Builds the explanation of one requirement. */
export function explainRequirement(rule: ExplainRule, r: ExplainRequirement, ctx: ExplainContext): Explanation {
  const audience = r.reasons.map((reason) => audienceLine(reason, ctx.names));
  if (audience.length > 1) audience.push(line("compliance.why.audience.since", { since: day(r.audienceSince) }));

  const due: ExplainLine[] = [];
  if (r.completedOn) {
    const training = ctx.completedTraining ?? { key: "compliance.why.aTraining" };
    if (r.completedOn < r.audienceSince) {
      due.push(line("compliance.why.completion.beforeAudience", { training, completedOn: day(r.completedOn), since: day(r.audienceSince) }));
    } else {
      due.push(line("compliance.why.completion.done", { training, completedOn: day(r.completedOn) }));
    }
    // What the rule alone would give; a certificate with an earlier expiry ends sooner.
    // (validUntilOf reads only the recurrence fields, which ExplainRule has.)
    const ruleUntil = validUntilOf(rule as unknown as RuleSpec, { completedOn: r.completedOn, expiresOn: null });
    if (r.validUntil === null) {
      due.push(line("compliance.why.completion.forever"));
    } else if (ruleUntil !== null && r.validUntil < ruleUntil) {
      due.push(line("compliance.why.completion.expiresEarly", { validUntil: day(r.validUntil), ruleUntil: day(ruleUntil) }));
      due.push(recurrenceLine(rule));
    } else if (rule.recurrence === "ROLLING" && rule.intervalMonths) {
      due.push(line("compliance.why.completion.rolling", { months: rule.intervalMonths, completedOn: day(r.completedOn), validUntil: day(r.validUntil) }));
    } else if (rule.recurrence === "FIXED_YEARLY" && rule.yearlyMonth && rule.yearlyDay) {
      due.push(line("compliance.why.completion.fixedYearly", { yearly: yearlyParam(rule), validUntil: day(r.validUntil) }));
    } else {
      due.push(line("compliance.why.completion.expires", { validUntil: day(r.validUntil) }));
    }
  } else {
    due.push(...firstDueLines(rule, r, ctx));
    due.push(recurrenceLine(rule));
  }
  if (r.dueOn) {
    due.push(line("compliance.why.dueOn", { date: day(r.dueOn) }));
    if (r.dueSoonFrom && rule.dueSoonDays > 0) due.push(line("compliance.why.dueSoonFrom", { date: day(r.dueSoonFrom), days: rule.dueSoonDays }));
    if (r.overdueFrom) {
      due.push(
        rule.graceDays > 0
          ? line("compliance.why.overdueFromGrace", { date: day(r.overdueFrom), days: rule.graceDays })
          : line("compliance.why.overdueFrom", { date: day(r.overdueFrom) }),
      );
    }
  }

  const special: ExplainLine[] = [];
  if (r.pausedFrom) {
    if (r.pausedUntil === null) special.push(line("compliance.why.paused.open", { from: day(r.pausedFrom) }));
    else if (r.pausedUntil >= ctx.today) special.push(line("compliance.why.paused.range", { from: day(r.pausedFrom), until: day(r.pausedUntil) }));
    else special.push(line("compliance.why.paused.past", { from: day(r.pausedFrom), until: day(r.pausedUntil) }));
  }
  if (r.exemptUntil && r.exemptUntil >= ctx.today) {
    special.push(line("compliance.why.exempt", { until: day(r.exemptUntil) }));
    if (ctx.exemptionReason) special.push(line("compliance.why.exemptReason", { reason: ctx.exemptionReason }));
  }
  return { audience, due, special };
}

export const CLOSE_REASONS = ["LEFT_AUDIENCE", "LEFT_ORGANISATION", "RULE_ARCHIVED"] as const;

/**
 * Causes of requirement changes (the sync's `cause`, e.g. "completion", "rule.updated",
 * "lifeevent.absence", "exemption.grant"), by their first word, for life events by the second;
 * anything else is shown as a general change.
 */
const KNOWN_CAUSES = new Set(["completion", "rule", "exemption", "absence", "flag", "position", "exit", "lifeevent", "import", "seed"]);

function causeParam(cause: string | null): ExplainParam {
  const [head = "", sub = ""] = cause?.split(/[.:]/) ?? [];
  const name = head === "lifeevent" && KNOWN_CAUSES.has(sub) ? sub : head;
  return { key: `compliance.history.cause.${KNOWN_CAUSES.has(name) ? name : "other"}` };
}

/** One history entry of a requirement (a ComplianceRequirementEvent) as a message. */
export function explainEvent(kind: string, detailJson: string): ExplainLine {
  let detail: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(detailJson);
    if (parsed && typeof parsed === "object") detail = parsed as Record<string, unknown>;
  } catch {
    // A broken detail still shows the kind of event.
  }
  const str = (value: unknown) => (typeof value === "string" ? value : null);
  const params: Record<string, ExplainParam> = {};
  params.cause = causeParam(str(detail.cause));
  const dueOn = str(detail.dueOn);
  switch (kind) {
    case "STARTED":
    case "REOPENED":
      return line(dueOn ? `compliance.history.event.${kind}` : `compliance.history.event.${kind}_noDue`, { ...params, ...(dueOn ? { dueOn: day(dueOn) } : {}) });
    case "CHANGED": {
      const previous = str(detail.previousDueOn);
      if (dueOn && previous && dueOn !== previous) return line("compliance.history.event.CHANGED_due", { ...params, dueOn: day(dueOn), previousDueOn: day(previous) });
      if (!dueOn && previous) return line("compliance.history.event.CHANGED_done", params);
      return line("compliance.history.event.CHANGED", params);
    }
    case "CLOSED": {
      const reason = str(detail.reason);
      return line("compliance.history.event.CLOSED", {
        ...params,
        reason: reason && (CLOSE_REASONS as readonly string[]).includes(reason) ? { key: `compliance.closed.${reason}` } : (reason ?? "–"),
      });
    }
    default:
      return line("compliance.history.event.other", { ...params, kind });
  }
}
