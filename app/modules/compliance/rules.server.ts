// Mandatory-training rules (HR development): validation, the list with each rule's coverage, and
// create / update / archive. Every write re-syncs the rule's requirements in the same
// transaction (sync.server.ts), so cockpits, the employee view and the overview show the change
// on the next page load, and records an audit event there too.
import { z } from "zod";
import { Prisma } from "~/generated/sqlite/client.ts";
import type { Db, Tx } from "~/utils/db.server.ts";
import { searchTerms } from "~/utils/query.ts";
import { recordAudit } from "~/modules/audit/audit.server.ts";
import { hasPermission, type Actor } from "~/modules/auth/permissions.ts";
import { AccessDeniedError, NotFoundError, ValidationError } from "~/modules/errors.ts";
import { AudienceSchema, isEmptyAudience, parseAudience, PERSON_FLAGS, type Audience } from "./audience.ts";
import { addDays, daysInMonth, isDay, todayInBerlin, type Day } from "./days.ts";
import type { FirstDueMode, RecurrenceMode } from "./engine.ts";
import { compliantCaseSql, openOnSql, statusCaseSql } from "./status.server.ts";
import { syncRequirements, type SyncSummary } from "./sync.server.ts";
import {
  draftOfRule,
  FIRST_DUE_MODES,
  RECURRENCE_MODES,
  type DraftLabels,
  type PickerKind,
  type PickerOption,
  type PickerSearch,
  type RuleDraft,
} from "./rule-form.ts";

/** A rule save re-syncs everybody in its audience (up to 50,000 people): give it time. */
export const RULE_TRANSACTION = { timeout: 600_000, maxWait: 60_000 } as const;

const v = (key: string) => `complianceRules.validation.${key}`;

// ── Validation ──────────────────────────────────────────────────────────────────────────────

const blankToUndefined = (value: unknown) => {
  if (value === null || value === undefined) return undefined;
  if (typeof value === "string") return value.trim() === "" ? undefined : value.trim();
  return value;
};

const wholeNumber = (key: string, min: number, max: number) =>
  z.preprocess(blankToUndefined, z.coerce.number({ error: v(key) }).int({ error: v(key) }).min(min, { error: v(key) }).max(max, { error: v(key) }));
const optionalWholeNumber = (key: string, min: number, max: number) =>
  z.preprocess(blankToUndefined, z.coerce.number({ error: v(key) }).int({ error: v(key) }).min(min, { error: v(key) }).max(max, { error: v(key) }).optional());
const flag = z.preprocess((value) => value === true || value === "on" || value === "true" || value === "1", z.boolean());
const id = z.string().trim().min(1).max(64);
const ids = (max: number) => z.array(id, { error: v("listInvalid") }).max(max, { error: v("tooMany") }).default([]);
const units = z.array(z.object({ unitId: id, includeSubunits: z.boolean() }), { error: v("listInvalid") }).max(200, { error: v("tooMany") }).default([]);

const RuleFieldsSchema = z.object({
  name: z.string({ error: v("nameRequired") }).trim().min(1, { error: v("nameRequired") }).max(200, { error: v("tooLong") }),
  description: z.string().trim().max(5000, { error: v("tooLong") }).default(""),
  legalBasis: z.string({ error: v("legalBasisRequired") }).trim().min(1, { error: v("legalBasisRequired") }).max(500, { error: v("tooLong") }),
  trainingIds: z.array(id, { error: v("trainingsRequired") }).min(1, { error: v("trainingsRequired") }).max(20, { error: v("tooMany") }),
  everyone: flag.default(false),
  units,
  positionIds: ids(500),
  roleProfileIds: ids(200),
  leaders: flag.default(false),
  flags: z.array(z.enum(PERSON_FLAGS, { error: v("flagUnknown") })).max(PERSON_FLAGS.length).default([]),
  excludeUnits: units,
  excludePositionIds: ids(500),
  excludePersonIds: ids(500),
  firstDueMode: z.enum(FIRST_DUE_MODES, { error: v("firstDueModeRequired") }),
  firstDueDays: wholeNumber("firstDueDays", 0, 3650),
  firstDueDate: z.preprocess(blankToUndefined, z.string().optional()),
  recurrence: z.enum(RECURRENCE_MODES, { error: v("recurrenceRequired") }),
  intervalMonths: optionalWholeNumber("intervalMonths", 1, 120),
  yearlyMonth: optionalWholeNumber("yearlyMonth", 1, 12),
  yearlyDay: optionalWholeNumber("yearlyDay", 1, 31),
  dueSoonDays: wholeNumber("dueSoonDays", 0, 365),
  graceDays: wholeNumber("graceDays", 0, 365),
});

export interface RuleInput {
  name: string;
  description: string;
  legalBasis: string;
  trainingIds: string[];
  audience: Audience;
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

type RuleFields = z.output<typeof RuleFieldsSchema>;

function checkRule(rule: RuleFields, ctx: z.RefinementCtx) {
  const issue = (path: string, key: string) => ctx.addIssue({ code: "custom", path: [path], message: v(key) });
  const audience = AudienceSchema.parse({
    everyone: rule.everyone,
    units: rule.units,
    positionIds: rule.positionIds,
    roleProfileIds: rule.roleProfileIds,
    leaders: rule.leaders,
    flags: rule.flags,
    excludeUnits: rule.excludeUnits,
    excludePositionIds: rule.excludePositionIds,
    excludePersonIds: rule.excludePersonIds,
  });
  if (isEmptyAudience(audience)) issue("audience", "audienceEmpty");
  if (rule.positionIds.some((p) => rule.excludePositionIds.includes(p))) issue("excludePositionIds", "positionBothWays");
  if (rule.units.some((u) => rule.excludeUnits.some((x) => x.unitId === u.unitId))) issue("excludeUnits", "unitBothWays");

  if (rule.firstDueMode === "FIXED_DATE") {
    if (rule.firstDueDate === undefined) {
      if (rule.recurrence !== "FIXED_YEARLY") issue("firstDueDate", "firstDueDateRequired");
    } else if (!isDay(rule.firstDueDate)) {
      issue("firstDueDate", "dateInvalid");
    }
  }
  if (rule.recurrence === "ROLLING") {
    if (rule.intervalMonths === undefined) issue("intervalMonths", "intervalMonths");
    else if (rule.dueSoonDays >= rule.intervalMonths * 28) issue("dueSoonDays", "dueSoonTooLong");
  }
  if (rule.recurrence === "FIXED_YEARLY") {
    if (rule.yearlyMonth === undefined) issue("yearlyMonth", "yearlyMonth");
    // 29 February is allowed: in common years the date falls on 28 February.
    if (rule.yearlyDay === undefined || (rule.yearlyMonth !== undefined && rule.yearlyDay > daysInMonth(2024, rule.yearlyMonth))) {
      issue("yearlyDay", "yearlyDay");
    }
    if (rule.dueSoonDays >= 365) issue("dueSoonDays", "dueSoonTooLong");
  }
}

function toInput(rule: RuleFields): RuleInput {
  return {
    name: rule.name,
    description: rule.description,
    legalBasis: rule.legalBasis,
    trainingIds: [...new Set(rule.trainingIds)],
    audience: AudienceSchema.parse({
      everyone: rule.everyone,
      units: rule.units,
      positionIds: [...new Set(rule.positionIds)],
      roleProfileIds: [...new Set(rule.roleProfileIds)],
      leaders: rule.leaders,
      flags: [...new Set(rule.flags)],
      excludeUnits: rule.excludeUnits,
      excludePositionIds: [...new Set(rule.excludePositionIds)],
      excludePersonIds: [...new Set(rule.excludePersonIds)],
    }),
    firstDueMode: rule.firstDueMode,
    firstDueDays: rule.firstDueDays,
    firstDueDate: rule.firstDueMode === "FIXED_DATE" ? (rule.firstDueDate ?? null) : null,
    recurrence: rule.recurrence,
    intervalMonths: rule.recurrence === "ROLLING" ? (rule.intervalMonths ?? null) : null,
    yearlyMonth: rule.recurrence === "FIXED_YEARLY" ? (rule.yearlyMonth ?? null) : null,
    yearlyDay: rule.recurrence === "FIXED_YEARLY" ? (rule.yearlyDay ?? null) : null,
    dueSoonDays: rule.dueSoonDays,
    graceDays: rule.graceDays,
  };
}

/**
 * A rule as HR enters it (form values as strings or typed values), checked field by field and
 * across fields, turned into what is stored. Messages are keys under complianceRules.validation.
 */
export const RuleInputSchema = RuleFieldsSchema.superRefine(checkRule).transform(toInput);

/** The same checks without name and legal basis: a draft can be previewed before it has them. */
export const RulePreviewSchema = RuleFieldsSchema.extend({
  name: z.string().trim().max(200, { error: v("tooLong") }).default(""),
  legalBasis: z.string().trim().max(500, { error: v("tooLong") }).default(""),
})
  .superRefine(checkRule)
  .transform(toInput);

function fieldErrorsOf(error: z.ZodError) {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    const list = (fieldErrors[key] ??= []);
    if (!list.includes(issue.message)) list.push(issue.message);
  }
  return fieldErrors;
}

/** Parses a rule or throws a ValidationError with the messages per field. */
export function parseRuleInput(input: unknown, { preview = false } = {}): RuleInput {
  const parsed = (preview ? RulePreviewSchema : RuleInputSchema).safeParse(input);
  if (!parsed.success) throw new ValidationError("form.checkFields", fieldErrorsOf(parsed.error));
  return parsed.data;
}

// ── Permissions ─────────────────────────────────────────────────────────────────────────────

export function requireRuleReader(actor: Actor) {
  if (!hasPermission(actor.roles, "read:compliancerule:any")) throw new AccessDeniedError("Nur die Personalentwicklung pflegt die Pflichtschulungs-Regeln.");
}

function requireRuleEditor(actor: Actor, permission: "create:compliancerule:any" | "update:compliancerule:any") {
  if (!hasPermission(actor.roles, permission)) throw new AccessDeniedError("Nur die Personalentwicklung pflegt die Pflichtschulungs-Regeln.");
}

// ── References ──────────────────────────────────────────────────────────────────────────────

/**
 * Everything the rule refers to must exist; trainings must be published (or already belong to
 * the rule, so an edit does not fail because a training was archived meanwhile).
 */
export async function checkReferences(tx: Tx, input: RuleInput, ruleId?: string) {
  const a = input.audience;
  const unitIds = [...new Set([...a.units, ...a.excludeUnits].map((u) => u.unitId))];
  const positionIds = [...new Set([...a.positionIds, ...a.excludePositionIds])];
  const [trainings, linked, unitCount, positions, roleProfileCount, personCount] = await Promise.all([
    tx.training.findMany({ where: { id: { in: input.trainingIds } }, select: { id: true, status: true } }),
    ruleId ? tx.complianceRuleTraining.findMany({ where: { ruleId }, select: { trainingId: true } }) : Promise.resolve([]),
    unitIds.length ? tx.orgUnit.count({ where: { id: { in: unitIds } } }) : Promise.resolve(0),
    positionIds.length ? tx.position.findMany({ where: { id: { in: positionIds } }, select: { id: true } }) : Promise.resolve([]),
    a.roleProfileIds.length ? tx.roleProfile.count({ where: { id: { in: a.roleProfileIds } } }) : Promise.resolve(0),
    a.excludePersonIds.length ? tx.person.count({ where: { id: { in: a.excludePersonIds } } }) : Promise.resolve(0),
  ]);
  const fieldErrors: Record<string, string[]> = {};
  const already = new Set(linked.map((l) => l.trainingId));
  if (trainings.length !== input.trainingIds.length) fieldErrors.trainingIds = [v("trainingUnknown")];
  else if (trainings.some((t) => t.status !== "PUBLISHED" && !already.has(t.id))) fieldErrors.trainingIds = [v("trainingNotPublished")];
  if (unitCount !== unitIds.length) fieldErrors.units = [v("unitUnknown")];
  const knownPositions = new Set(positions.map((p) => p.id));
  if (a.positionIds.some((p) => !knownPositions.has(p))) fieldErrors.positionIds = [v("positionUnknown")];
  if (a.excludePositionIds.some((p) => !knownPositions.has(p))) fieldErrors.excludePositionIds = [v("positionUnknown")];
  if (roleProfileCount !== a.roleProfileIds.length) fieldErrors.roleProfileIds = [v("roleProfileUnknown")];
  if (personCount !== a.excludePersonIds.length) fieldErrors.excludePersonIds = [v("personUnknown")];
  if (Object.keys(fieldErrors).length > 0) throw new ValidationError("form.checkFields", fieldErrors);
}

async function assertNameFree(tx: Tx, name: string, exceptId?: string) {
  const other = await tx.complianceRule.findUnique({ where: { name }, select: { id: true } });
  if (other && other.id !== exceptId) throw new ValidationError("form.checkFields", { name: [v("nameTaken")] });
}

function ruleData(input: RuleInput) {
  return {
    name: input.name,
    description: input.description,
    legalBasis: input.legalBasis,
    audience: JSON.stringify(input.audience),
    firstDueMode: input.firstDueMode,
    firstDueDays: input.firstDueDays,
    firstDueDate: input.firstDueDate,
    recurrence: input.recurrence,
    intervalMonths: input.intervalMonths,
    yearlyMonth: input.yearlyMonth,
    yearlyDay: input.yearlyDay,
    dueSoonDays: input.dueSoonDays,
    graceDays: input.graceDays,
  };
}

function syncText(s: SyncSummary) {
  return `${s.started} begonnen, ${s.reopened} wieder geöffnet, ${s.changed} geändert, ${s.closed} geschlossen`;
}

interface WriteOptions {
  today?: Day;
}

// ── Writes ──────────────────────────────────────────────────────────────────────────────────

export async function createRule(db: Db, actor: Actor, raw: unknown, { today }: WriteOptions = {}) {
  requireRuleEditor(actor, "create:compliancerule:any");
  const input = parseRuleInput(raw);
  return db.$transaction(async (tx) => {
    await assertNameFree(tx, input.name);
    await checkReferences(tx, input);
    const rule = await tx.complianceRule.create({
      data: { ...ruleData(input), createdById: actor.userId, updatedById: actor.userId, trainings: { create: input.trainingIds.map((trainingId) => ({ trainingId })) } },
      select: { id: true, name: true },
    });
    const sync = await syncRequirements(tx, { ruleIds: [rule.id], cause: "rule.created", today });
    await recordAudit(tx, { actorUserId: actor.userId, action: "compliancerule.create", entityType: "ComplianceRule", entityId: rule.id, summary: `${rule.name}: Anforderungen ${syncText(sync)}` });
    return { ...rule, sync };
  }, RULE_TRANSACTION);
}

export async function updateRule(db: Db, actor: Actor, ruleId: string, raw: unknown, { today }: WriteOptions = {}) {
  requireRuleEditor(actor, "update:compliancerule:any");
  const input = parseRuleInput(raw);
  return db.$transaction(async (tx) => {
    const before = await tx.complianceRule.findUnique({ where: { id: ruleId }, select: { id: true, name: true, archivedAt: true } });
    if (!before) throw new NotFoundError("Regel nicht gefunden");
    if (before.archivedAt) throw new ValidationError(v("archived"));
    await assertNameFree(tx, input.name, ruleId);
    await checkReferences(tx, input, ruleId);
    await tx.complianceRule.update({ where: { id: ruleId }, data: { ...ruleData(input), updatedById: actor.userId } });
    await tx.complianceRuleTraining.deleteMany({ where: { ruleId, trainingId: { notIn: input.trainingIds } } });
    const kept = new Set((await tx.complianceRuleTraining.findMany({ where: { ruleId }, select: { trainingId: true } })).map((l) => l.trainingId));
    const added = input.trainingIds.filter((trainingId) => !kept.has(trainingId));
    if (added.length) await tx.complianceRuleTraining.createMany({ data: added.map((trainingId) => ({ ruleId, trainingId })) });
    const sync = await syncRequirements(tx, { ruleIds: [ruleId], cause: "rule.updated", today });
    const renamed = before.name !== input.name ? ` (vorher ${before.name})` : "";
    await recordAudit(tx, { actorUserId: actor.userId, action: "compliancerule.update", entityType: "ComplianceRule", entityId: ruleId, summary: `${input.name}${renamed}: Anforderungen ${syncText(sync)}` });
    return { id: ruleId, name: input.name, sync };
  }, RULE_TRANSACTION);
}

/** Archiving closes every requirement of the rule (history kept); the rule can no longer be edited. */
export async function archiveRule(db: Db, actor: Actor, ruleId: string, { today, now = new Date() }: WriteOptions & { now?: Date } = {}) {
  requireRuleEditor(actor, "update:compliancerule:any");
  return db.$transaction(async (tx) => {
    const rule = await tx.complianceRule.findUnique({ where: { id: ruleId }, select: { id: true, name: true, archivedAt: true } });
    if (!rule) throw new NotFoundError("Regel nicht gefunden");
    if (rule.archivedAt) throw new ValidationError(v("alreadyArchived"));
    const { count } = await tx.complianceRule.updateMany({ where: { id: ruleId, archivedAt: null }, data: { archivedAt: now, updatedById: actor.userId } });
    if (count !== 1) throw new ValidationError(v("alreadyArchived"));
    const sync = await syncRequirements(tx, { ruleIds: [ruleId], cause: "rule.archived", today });
    await recordAudit(tx, { actorUserId: actor.userId, action: "compliancerule.archive", entityType: "ComplianceRule", entityId: ruleId, summary: `${rule.name}: ${sync.closed} Anforderungen geschlossen` });
    return { id: ruleId, name: rule.name, sync };
  }, RULE_TRANSACTION);
}

// ── Reads ───────────────────────────────────────────────────────────────────────────────────

/**
 * A rule's coverage today, with the definitions of the cockpit and the HR overview
 * (overview.server.ts): open = counted (in the audience, not left); required = open and neither
 * exempt nor paused; compliant = a still valid completion; overdue = OVERDUE or EXPIRED; due soon
 * = not yet overdue and due within 30 days; rate = compliant / required.
 */
export interface RuleCoverage {
  open: number;
  required: number;
  compliant: number;
  overdue: number;
  dueSoon: number;
  exempt: number;
  paused: number;
  /** compliant / required, null when nobody is required. */
  rate: number | null;
}

export const COVERAGE_DUE_WINDOW_DAYS = 30;

const EMPTY_COVERAGE: RuleCoverage = { open: 0, required: 0, compliant: 0, overdue: 0, dueSoon: 0, exempt: 0, paused: 0, rate: null };

type Count = bigint | number | null;

/** Coverage of some rules (all when `ruleIds` is omitted) in one set-based query. */
export async function ruleCoverage(tx: Tx, { today, ruleIds }: { today: Day; ruleIds?: string[] }): Promise<Map<string, RuleCoverage>> {
  const filter = ruleIds ? (ruleIds.length ? Prisma.sql`AND r."ruleId" IN (${Prisma.join(ruleIds)})` : Prisma.sql`AND 1 = 0`) : Prisma.empty;
  const dueLimit = addDays(today, COVERAGE_DUE_WINDOW_DAYS);
  const rows = await tx.$queryRaw<{ ruleId: string; open: Count; exempt: Count; paused: Count; compliant: Count; overdue: Count; dueSoon: Count }[]>`
    SELECT x."ruleId" AS "ruleId",
      COUNT(*) AS "open",
      SUM(CASE WHEN x.status = 'EXEMPT' THEN 1 ELSE 0 END) AS "exempt",
      SUM(CASE WHEN x.status = 'PAUSED' THEN 1 ELSE 0 END) AS "paused",
      SUM(x.compliant) AS "compliant",
      SUM(CASE WHEN x.status IN ('OVERDUE', 'EXPIRED') THEN 1 ELSE 0 END) AS "overdue",
      SUM(CASE WHEN x.status IN ('NOT_DUE', 'DUE_SOON') AND x."dueOn" <= ${dueLimit} THEN 1 ELSE 0 END) AS "dueSoon"
    FROM (
      SELECT r."ruleId" AS "ruleId", r."dueOn" AS "dueOn", ${statusCaseSql(today, "r")} AS status, ${compliantCaseSql(today, "r")} AS compliant
      FROM "ComplianceRequirement" r
      WHERE ${openOnSql(today, "r")} ${filter}
    ) x
    GROUP BY x."ruleId"`;
  const n = (value: Count) => Number(value ?? 0);
  const result = new Map<string, RuleCoverage>();
  for (const row of rows) {
    const open = n(row.open);
    const exempt = n(row.exempt);
    const paused = n(row.paused);
    const compliant = n(row.compliant);
    const required = open - exempt - paused;
    result.set(row.ruleId, { open, required, compliant, overdue: n(row.overdue), dueSoon: n(row.dueSoon), exempt, paused, rate: required > 0 ? compliant / required : null });
  }
  return result;
}

export async function listRules(db: Db, actor: Actor, { today = todayInBerlin(), includeArchived = false }: { today?: Day; includeArchived?: boolean } = {}) {
  requireRuleReader(actor);
  const [rules, coverage] = await Promise.all([
    db.complianceRule.findMany({
      where: includeArchived ? {} : { archivedAt: null },
      select: {
        id: true,
        name: true,
        legalBasis: true,
        recurrence: true,
        intervalMonths: true,
        yearlyMonth: true,
        yearlyDay: true,
        archivedAt: true,
        updatedAt: true,
        trainings: { select: { training: { select: { id: true, code: true, title: true } } } },
      },
      orderBy: [{ archivedAt: "asc" }, { name: "asc" }],
    }),
    ruleCoverage(db, { today }),
  ]);
  return {
    today,
    rules: rules.map((r) => ({
      ...r,
      trainings: r.trainings.map((t) => t.training).sort((a, b) => a.code.localeCompare(b.code, "de")),
      coverage: coverage.get(r.id) ?? EMPTY_COVERAGE,
    })),
  };
}

export async function getRule(db: Db, actor: Actor, ruleId: string, { today = todayInBerlin() }: { today?: Day } = {}) {
  requireRuleReader(actor);
  const rule = await db.complianceRule.findUnique({
    where: { id: ruleId },
    select: {
      id: true,
      name: true,
      description: true,
      legalBasis: true,
      audience: true,
      firstDueMode: true,
      firstDueDays: true,
      firstDueDate: true,
      recurrence: true,
      intervalMonths: true,
      yearlyMonth: true,
      yearlyDay: true,
      dueSoonDays: true,
      graceDays: true,
      archivedAt: true,
      createdAt: true,
      updatedAt: true,
      trainings: { select: { trainingId: true } },
    },
  });
  if (!rule) throw new NotFoundError("Regel nicht gefunden");
  const coverage = (await ruleCoverage(db, { today, ruleIds: [ruleId] })).get(ruleId) ?? EMPTY_COVERAGE;
  const draft = draftOfRule({ ...rule, audience: parseAudience(rule.audience), trainingIds: rule.trainings.map((t) => t.trainingId) });
  return { rule: { id: rule.id, name: rule.name, archivedAt: rule.archivedAt, createdAt: rule.createdAt, updatedAt: rule.updatedAt }, draft, coverage, today };
}

// ── Form helpers: labels of chosen items, searches, short lists ─────────────────────────────

/** Names of the trainings, units, positions and people a draft refers to (a few queries, by id). */
export async function describeDraft(db: Db | Tx, draft: RuleDraft): Promise<DraftLabels> {
  const unitIds = [...new Set([...draft.units, ...draft.excludeUnits].map((u) => u.unitId))];
  const positionIds = [...new Set([...draft.positionIds, ...draft.excludePositionIds])];
  const [trainings, units, positions, persons] = await Promise.all([
    draft.trainingIds.length ? db.training.findMany({ where: { id: { in: draft.trainingIds } }, select: { id: true, code: true, title: true, status: true } }) : [],
    unitIds.length ? db.orgUnit.findMany({ where: { id: { in: unitIds } }, select: { id: true, code: true, name: true } }) : [],
    positionIds.length
      ? db.position.findMany({ where: { id: { in: positionIds } }, select: { id: true, code: true, title: true, orgUnit: { select: { code: true, name: true } } } })
      : [],
    draft.excludePersonIds.length
      ? db.person.findMany({
          where: { id: { in: draft.excludePersonIds } },
          select: { id: true, firstName: true, lastName: true, personnelNumber: true, orgUnit: { select: { code: true } } },
        })
      : [],
  ]);
  return {
    trainings: trainings.map(trainingOption),
    units: units.map(unitOption),
    positions: positions.map(positionOption),
    persons: persons.map(personOption),
  };
}

const trainingOption = (t: { id: string; code: string; title: string; status: string }): PickerOption => ({ id: t.id, label: `${t.code} ${t.title}`, detail: t.status });
const unitOption = (u: { id: string; code: string; name: string }): PickerOption => ({ id: u.id, label: `${u.code} ${u.name}` });
const positionOption = (p: { id: string; code: string; title: string; orgUnit: { code: string; name: string } }): PickerOption => ({
  id: p.id,
  label: `${p.code} ${p.title}`,
  detail: `${p.orgUnit.code} ${p.orgUnit.name}`,
});
const personOption = (p: { id: string; firstName: string; lastName: string; personnelNumber: string; orgUnit: { code: string } | null }): PickerOption => ({
  id: p.id,
  label: `${p.lastName}, ${p.firstName}`,
  detail: [p.personnelNumber, p.orgUnit?.code].filter(Boolean).join(" · "),
});

export const SEARCH_LIMIT = 30;

/** Lower-case LIKE on both databases (Prisma's `contains` is case-sensitive on PostgreSQL). */
function likeAll(column: Prisma.Sql, terms: string[]) {
  return Prisma.join(
    terms.map((term) => Prisma.sql`LOWER(${column}) LIKE ${`%${term}%`}`),
    " AND ",
  );
}

/** Options of a picker that match the search words (at most SEARCH_LIMIT, `more` if there are more). */
export async function searchPicker(db: Db, actor: Actor, kind: PickerKind, q: string): Promise<PickerSearch> {
  requireRuleReader(actor);
  const terms = searchTerms(q);
  const take = SEARCH_LIMIT + 1;
  let results: PickerOption[] = [];
  if (terms.length > 0) {
    switch (kind) {
      case "trainings": {
        const rows = await db.training.findMany({
          where: { status: "PUBLISHED", AND: terms.map((term) => ({ searchText: { contains: term } })) },
          select: { id: true, code: true, title: true, status: true },
          orderBy: { code: "asc" },
          take,
        });
        results = rows.map(trainingOption);
        break;
      }
      case "units":
      case "excludeUnits": {
        const rows = await db.$queryRaw<{ id: string; code: string; name: string }[]>`
          SELECT u."id", u."code", u."name" FROM "OrgUnit" u
          WHERE ${likeAll(Prisma.sql`(u."code" || ' ' || u."name")`, terms)}
          ORDER BY u."code" LIMIT ${take}`;
        results = rows.map(unitOption);
        break;
      }
      case "positions":
      case "excludePositions": {
        const rows = await db.$queryRaw<{ id: string; code: string; title: string; unitCode: string; unitName: string }[]>`
          SELECT p."id", p."code", p."title", u."code" AS "unitCode", u."name" AS "unitName"
          FROM "Position" p JOIN "OrgUnit" u ON u."id" = p."orgUnitId"
          WHERE ${likeAll(Prisma.sql`(p."code" || ' ' || p."title" || ' ' || u."code" || ' ' || u."name")`, terms)}
          ORDER BY p."code" LIMIT ${take}`;
        results = rows.map((r) => positionOption({ id: r.id, code: r.code, title: r.title, orgUnit: { code: r.unitCode, name: r.unitName } }));
        break;
      }
      case "excludePersons": {
        const rows = await db.person.findMany({
          where: { status: { not: "LEFT" }, AND: terms.map((term) => ({ searchText: { contains: term } })) },
          select: { id: true, firstName: true, lastName: true, personnelNumber: true, orgUnit: { select: { code: true } } },
          orderBy: [{ lastName: "asc" }, { firstName: "asc" }],
          take,
        });
        results = rows.map(personOption);
        break;
      }
    }
  }
  return { kind, q, results: results.slice(0, SEARCH_LIMIT), more: results.length > SEARCH_LIMIT };
}

/** Role profiles are few (dozens): the form lists them all as checkboxes. */
export async function listRoleProfileOptions(db: Db) {
  return db.roleProfile.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } });
}
