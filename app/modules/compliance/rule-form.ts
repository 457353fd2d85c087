// The mandatory-training rule form as plain values, shared by the server (parsing a submitted
// form) and the browser (showing it again after a preview, a search or an error). Everything is
// kept as typed, so a failed save or a preview never loses what HR entered. Validation lives in
// rules.server.ts (RuleInputSchema).
import { PERSON_FLAGS, type Audience, type PersonFlagKey } from "./audience.ts";
import type { FirstDueMode, RecurrenceMode } from "./engine.ts";

export const FIRST_DUE_MODES = ["AFTER_ENTRY", "AFTER_JOINING", "FIXED_DATE"] as const satisfies readonly FirstDueMode[];
export const RECURRENCE_MODES = ["NONE", "ROLLING", "FIXED_YEARLY"] as const satisfies readonly RecurrenceMode[];

/** The pickers that search the server for options (too many to list them all). */
export const PICKERS = ["trainings", "units", "positions", "excludeUnits", "excludePositions", "excludePersons"] as const;
export type PickerKind = (typeof PICKERS)[number];

export interface UnitChoice {
  unitId: string;
  includeSubunits: boolean;
}

export interface RuleDraft {
  name: string;
  description: string;
  legalBasis: string;
  trainingIds: string[];
  everyone: boolean;
  units: UnitChoice[];
  positionIds: string[];
  roleProfileIds: string[];
  leaders: boolean;
  flags: string[];
  excludeUnits: UnitChoice[];
  excludePositionIds: string[];
  excludePersonIds: string[];
  firstDueMode: string;
  firstDueDays: string;
  firstDueDate: string;
  recurrence: string;
  intervalMonths: string;
  yearlyMonth: string;
  yearlyDay: string;
  dueSoonDays: string;
  graceDays: string;
}

export const EMPTY_DRAFT: RuleDraft = {
  name: "",
  description: "",
  legalBasis: "",
  trainingIds: [],
  everyone: false,
  units: [],
  positionIds: [],
  roleProfileIds: [],
  leaders: false,
  flags: [],
  excludeUnits: [],
  excludePositionIds: [],
  excludePersonIds: [],
  firstDueMode: "AFTER_JOINING",
  firstDueDays: "30",
  firstDueDate: "",
  recurrence: "ROLLING",
  intervalMonths: "12",
  yearlyMonth: "",
  yearlyDay: "",
  dueSoonDays: "30",
  graceDays: "0",
};

const MAX_LIST = 500;

function text(formData: FormData, name: string) {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
}

function list(formData: FormData, name: string) {
  const seen = new Set<string>();
  for (const value of formData.getAll(name)) {
    if (typeof value === "string" && value.trim() !== "") seen.add(value.trim());
    if (seen.size >= MAX_LIST) break;
  }
  return [...seen];
}

function checked(formData: FormData, name: string) {
  const value = formData.get(name);
  return value === "on" || value === "true" || value === "1";
}

/** Units arrive as checkbox lists: `units` (chosen) and `unitsSub` (chosen with their sub-units). */
function unitChoices(formData: FormData, name: string): UnitChoice[] {
  const sub = new Set(list(formData, `${name}Sub`));
  return list(formData, name).map((unitId) => ({ unitId, includeSubunits: sub.has(unitId) }));
}

export function draftFromForm(formData: FormData): RuleDraft {
  return {
    name: text(formData, "name"),
    description: text(formData, "description"),
    legalBasis: text(formData, "legalBasis"),
    trainingIds: list(formData, "trainingIds"),
    everyone: checked(formData, "everyone"),
    units: unitChoices(formData, "units"),
    positionIds: list(formData, "positionIds"),
    roleProfileIds: list(formData, "roleProfileIds"),
    leaders: checked(formData, "leaders"),
    flags: list(formData, "flags").filter((f) => (PERSON_FLAGS as readonly string[]).includes(f)),
    excludeUnits: unitChoices(formData, "excludeUnits"),
    excludePositionIds: list(formData, "excludePositionIds"),
    excludePersonIds: list(formData, "excludePersonIds"),
    firstDueMode: text(formData, "firstDueMode"),
    firstDueDays: text(formData, "firstDueDays"),
    firstDueDate: text(formData, "firstDueDate"),
    recurrence: text(formData, "recurrence"),
    intervalMonths: text(formData, "intervalMonths"),
    yearlyMonth: text(formData, "yearlyMonth"),
    yearlyDay: text(formData, "yearlyDay"),
    dueSoonDays: text(formData, "dueSoonDays"),
    graceDays: text(formData, "graceDays"),
  };
}

export interface StoredRuleShape {
  name: string;
  description: string;
  legalBasis: string;
  audience: Audience;
  trainingIds: readonly string[];
  firstDueMode: FirstDueMode;
  firstDueDays: number;
  firstDueDate: string | null;
  recurrence: RecurrenceMode;
  intervalMonths: number | null;
  yearlyMonth: number | null;
  yearlyDay: number | null;
  dueSoonDays: number;
  graceDays: number;
}

/** The form values of a stored rule. */
export function draftOfRule(rule: StoredRuleShape): RuleDraft {
  const n = (value: number | null) => (value === null ? "" : String(value));
  return {
    name: rule.name,
    description: rule.description,
    legalBasis: rule.legalBasis,
    trainingIds: [...rule.trainingIds],
    everyone: rule.audience.everyone,
    units: rule.audience.units.map((u) => ({ ...u })),
    positionIds: [...rule.audience.positionIds],
    roleProfileIds: [...rule.audience.roleProfileIds],
    leaders: rule.audience.leaders,
    flags: [...rule.audience.flags] as PersonFlagKey[],
    excludeUnits: rule.audience.excludeUnits.map((u) => ({ ...u })),
    excludePositionIds: [...rule.audience.excludePositionIds],
    excludePersonIds: [...rule.audience.excludePersonIds],
    firstDueMode: rule.firstDueMode,
    firstDueDays: String(rule.firstDueDays),
    firstDueDate: rule.firstDueDate ?? "",
    recurrence: rule.recurrence,
    intervalMonths: n(rule.intervalMonths),
    yearlyMonth: n(rule.yearlyMonth),
    yearlyDay: n(rule.yearlyDay),
    dueSoonDays: String(rule.dueSoonDays),
    graceDays: String(rule.graceDays),
  };
}

/** An option of a picker (training, unit, position, person) with the text shown for it. */
export interface PickerOption {
  id: string;
  label: string;
  /** Extra line, e.g. the unit of a position or a training's status. */
  detail?: string;
}

/** Labels of everything a draft refers to, so the form can show chosen items by name. */
export interface DraftLabels {
  trainings: PickerOption[];
  units: PickerOption[];
  positions: PickerOption[];
  persons: PickerOption[];
}

/** The search box and results of one picker after an `intent=search:<kind>` submit. */
export interface PickerSearch {
  kind: PickerKind;
  q: string;
  results: PickerOption[];
  more: boolean;
}

/** How the form shows the preview (computed on the server, preview.server.ts). */
export interface PreviewGroup {
  key: string;
  kind: "AMT" | "DEZERNAT_REST" | "NONE";
  code: string;
  name: string;
  affected: number;
  overdue: number;
  dueSoon: number;
  completed: number;
  newlyAffected: number;
  noLongerAffected: number;
  newlyOverdue: number;
}

export interface PreviewTotals {
  affected: number;
  overdue: number;
  dueSoon: number;
  completed: number;
  notDue: number;
  exemptOrPaused: number;
}

export interface PreviewResult {
  today: string;
  totals: PreviewTotals;
  groups: PreviewGroup[];
  /** Only for a rule that exists: the change against its requirements now. */
  diff: { current: number; newlyAffected: number; noLongerAffected: number; newlyOverdue: number } | null;
  millis: number;
}
