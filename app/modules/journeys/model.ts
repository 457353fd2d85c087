// Pure rules of learning journeys (docs/decisions/020): states, step kinds, relative due dates
// and progress. No database, no framework.
import { addDays, addMonths, type Day } from "~/modules/compliance/days.ts";

export const JOURNEY_STATUSES = ["DRAFT", "PROPOSED", "AGREED", "ACTIVE", "COMPLETED", "CANCELLED"] as const;
export type JourneyStatus = (typeof JOURNEY_STATUSES)[number];

export const GOAL_KINDS = ["POSITION_GAPS", "TARGET_POSITION", "PROGRAMME", "FREE"] as const;
export type GoalKind = (typeof GOAL_KINDS)[number];

export const STEP_KINDS = ["TRAINING", "ELEARNING", "ON_THE_JOB", "MENTORING", "READING", "REFLECTION"] as const;
export type StepKind = (typeof STEP_KINDS)[number];

export const STEP_STATUSES = ["OPEN", "IN_PROGRESS", "DONE", "SKIPPED"] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

export const PROGRAMMES = ["ONBOARDING", "DIGITAL_PILOT", "LEADERSHIP", "OTHER"] as const;
export type Programme = (typeof PROGRAMMES)[number];

export const RELATIVE_UNITS = ["DAYS", "WEEKS", "MONTHS"] as const;
export type RelativeUnit = (typeof RELATIVE_UNITS)[number];

/** Kinds of JourneyEvent rows (history and comments). */
export const JOURNEY_EVENT_KINDS = [
  "CREATED",
  "PROPOSED",
  "SENT_BACK",
  "AGREED",
  "ACTIVATED",
  "COMPLETED",
  "CANCELLED",
  "COMMENT",
  "STEP_CHANGED",
  "TEMPLATE_APPLIED",
] as const;
export type JourneyEventKind = (typeof JOURNEY_EVENT_KINDS)[number];

/**
 * The workflow: draft → proposed → agreed (or sent back to draft) → active → completed. A journey
 * can be cancelled before it is completed. Nothing else moves a journey.
 */
export const TRANSITIONS: Record<JourneyStatus, readonly JourneyStatus[]> = {
  DRAFT: ["PROPOSED", "CANCELLED"],
  PROPOSED: ["AGREED", "DRAFT", "CANCELLED"],
  AGREED: ["ACTIVE", "CANCELLED"],
  ACTIVE: ["COMPLETED", "CANCELLED"],
  COMPLETED: [],
  CANCELLED: [],
};

export function canMove(from: JourneyStatus, to: JourneyStatus) {
  return TRANSITIONS[from].includes(to);
}

/** Steps and phases may be edited while the journey is not yet agreed. */
export function isEditable(status: JourneyStatus) {
  return status === "DRAFT" || status === "PROPOSED";
}

/** Journeys that still run (counted as "in progress" in the leader's and HR's views). */
export const RUNNING_STATUSES: readonly JourneyStatus[] = ["AGREED", "ACTIVE"];

/** Due day of a template step: "week 2" is two weeks after the start, "month 3" three months. */
export function relativeDue(startsOn: Day, amount: number, unit: RelativeUnit): Day {
  if (unit === "DAYS") return addDays(startsOn, amount);
  if (unit === "WEEKS") return addDays(startsOn, amount * 7);
  return addMonths(startsOn, amount);
}

export interface StepProgressInput {
  status: StepStatus;
}

/**
 * Progress in percent: done steps of the steps that count (skipped steps do not count). A journey
 * whose steps are all skipped, or that has none, has made no progress.
 */
export function progressOf(steps: readonly StepProgressInput[]) {
  const counted = steps.filter((s) => s.status !== "SKIPPED");
  const done = counted.filter((s) => s.status === "DONE").length;
  return { done, total: counted.length, skipped: steps.length - counted.length, percent: counted.length === 0 ? 0 : Math.round((done / counted.length) * 100) };
}

/** A step is overdue when it has a due day before today and is neither done nor skipped. */
export function isStepOverdue(step: { status: StepStatus; dueOn: Day | null }, today: Day) {
  return step.dueOn !== null && step.dueOn < today && (step.status === "OPEN" || step.status === "IN_PROGRESS");
}

/** Every counted step done or skipped: the journey can be completed. */
export function allStepsResolved(steps: readonly StepProgressInput[]) {
  return steps.length > 0 && steps.every((s) => s.status === "DONE" || s.status === "SKIPPED");
}
