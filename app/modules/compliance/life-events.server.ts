// Life events and exemptions, recorded by HR development: a job change, a long absence and its
// end, leaving the administration, designations (flags) and exemptions from a mandatory-training
// rule. Each write checks its input with Zod, runs in one transaction with its audit event and
// re-syncs the person's requirements in that same transaction, so the next page load shows the
// consequence (a requirement started, closed, paused or exempt; docs/decisions/019).
import { z } from "zod";
import { Prisma } from "~/generated/sqlite/client.ts";
import type { Db, Tx } from "~/utils/db.server.ts";
import { searchTerms } from "~/utils/query.ts";
import { recordAudit } from "~/modules/audit/audit.server.ts";
import { hasPermission, type Actor, type Permission } from "~/modules/auth/permissions.ts";
import { AccessDeniedError, NotFoundError, ValidationError } from "~/modules/errors.ts";
import { PERSON_FLAGS, type PersonFlagKey } from "./audience.ts";
import { addDays, addMonths, dayOf, isDay, todayInBerlin, toInstant, type Day } from "./days.ts";
import { syncRequirements } from "./sync.server.ts";

import { ABSENCE_KINDS, EXEMPTION_MAX_YEARS, NOTE_MAX, REASON_MAX, type AbsenceKindValue } from "./life-events.ts";

export { ABSENCE_KINDS, EXEMPTION_MAX_YEARS, NOTE_MAX, REASON_MAX, type AbsenceKindValue };
/** At most this many positions are offered in the job-change picker at once. */
export const POSITION_CHOICES_LIMIT = 50;

export interface LifeEventOptions {
  /** The day in Berlin the change happens on (tests pass a fixed day). */
  today?: Day;
}

// ── Input ───────────────────────────────────────────────────────────────────────────────────

const trimmed = (v: unknown) => (typeof v === "string" ? v.trim() : v);
const emptyToUndefined = (v: unknown) => {
  const t = trimmed(v);
  return t === "" || t === null ? undefined : t;
};

const Id = (message: string) => z.preprocess(trimmed, z.string({ error: message }).min(1, { error: message, abort: true }).max(64, { error: message }));
const DaySchema = (required: string) =>
  z.preprocess(
    trimmed,
    z
      .string({ error: required })
      .min(1, { error: required, abort: true })
      .refine((v) => isDay(v), { error: "lifeEvents.error.dateInvalid" }),
  );
const OptionalDaySchema = z.preprocess(emptyToUndefined, z.string().refine((v) => isDay(v), { error: "lifeEvents.error.dateInvalid" }).optional());

export const ChangePositionSchema = z.object({
  personId: Id("lifeEvents.error.personRequired"),
  positionId: Id("lifeEvents.error.positionRequired"),
  startOn: DaySchema("lifeEvents.error.startRequired"),
});

export const RecordAbsenceSchema = z
  .object({
    personId: Id("lifeEvents.error.personRequired"),
    kind: z.enum(ABSENCE_KINDS, { error: "lifeEvents.error.kindInvalid" }),
    startOn: DaySchema("lifeEvents.error.startRequired"),
    endOn: OptionalDaySchema,
    note: z.preprocess((v) => trimmed(v ?? ""), z.string().max(NOTE_MAX, { error: "lifeEvents.error.noteTooLong" })),
  })
  .refine((v) => !v.endOn || v.endOn >= v.startOn, { error: "lifeEvents.error.endBeforeStart", path: ["endOn"] });

export const EndAbsenceSchema = z.object({
  personId: Id("lifeEvents.error.personRequired"),
  absenceId: Id("lifeEvents.error.absenceRequired"),
  endOn: DaySchema("lifeEvents.error.endRequired"),
});

export const RecordExitSchema = z.object({
  personId: Id("lifeEvents.error.personRequired"),
  exitOn: DaySchema("lifeEvents.error.exitRequired"),
});

export const SetFlagSchema = z.object({
  personId: Id("lifeEvents.error.personRequired"),
  flag: z.enum(PERSON_FLAGS, { error: "lifeEvents.error.flagInvalid" }),
  since: DaySchema("lifeEvents.error.sinceRequired"),
});

export const RemoveFlagSchema = z.object({
  personId: Id("lifeEvents.error.personRequired"),
  flag: z.enum(PERSON_FLAGS, { error: "lifeEvents.error.flagInvalid" }),
});

export const GrantExemptionSchema = z.object({
  personId: Id("lifeEvents.error.personRequired"),
  ruleId: Id("lifeEvents.error.ruleRequired"),
  reason: z.preprocess(
    (v) => trimmed(v ?? ""),
    z.string().min(1, { error: "lifeEvents.error.reasonRequired" }).max(REASON_MAX, { error: "lifeEvents.error.reasonTooLong" }),
  ),
  validUntil: DaySchema("lifeEvents.error.untilRequired"),
});

export const RevokeExemptionSchema = z.object({
  personId: Id("lifeEvents.error.personRequired"),
  exemptionId: Id("lifeEvents.error.exemptionRequired"),
});

/** Parses with a schema; field errors are message keys (lifeevents.*.json), nothing is written. */
function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of result.error.issues) (fieldErrors[String(issue.path[0] ?? "form")] ??= []).push(issue.message);
  throw new ValidationError("form.checkFields", fieldErrors);
}

function fieldError(field: string, message: string): never {
  throw new ValidationError("form.checkFields", { [field]: [message] });
}

// ── Access ──────────────────────────────────────────────────────────────────────────────────

function requirePermission(actor: Actor, permission: Permission, message: string) {
  if (!hasPermission(actor.roles, permission)) throw new AccessDeniedError(message);
}

const requireLifeEvents = (actor: Actor) => requirePermission(actor, "create:lifeevent:any", "Lebensereignisse erfasst die Personalentwicklung.");

const personSelect = {
  id: true,
  firstName: true,
  lastName: true,
  personnelNumber: true,
  status: true,
  entryDate: true,
  exitDate: true,
  orgUnitId: true,
} as const;

async function requirePerson(tx: Tx, personId: string) {
  const person = await tx.person.findUnique({ where: { id: personId }, select: personSelect });
  if (!person) throw new NotFoundError("Person nicht gefunden");
  return person;
}

function nameOf(p: { firstName: string; lastName: string }) {
  return `${p.firstName} ${p.lastName}`;
}

const todayOf = (options: LifeEventOptions) => options.today ?? todayInBerlin();

// ── Reading ─────────────────────────────────────────────────────────────────────────────────

/**
 * Positions for the job-change picker: every word must occur in the code, title or the unit's
 * code or name (case-insensitive on both databases), in org-tree order, one more than the limit
 * so the page can say there are more.
 */
async function searchPositions(tx: Tx, q: string, exceptId: string | null) {
  const conditions = searchTerms(q).map((term) => {
    const pattern = `%${term}%`;
    return Prisma.sql`(LOWER(p."code") LIKE ${pattern} OR LOWER(p."title") LIKE ${pattern} OR LOWER(u."code") LIKE ${pattern} OR LOWER(u."name") LIKE ${pattern})`;
  });
  if (exceptId) conditions.push(Prisma.sql`p."id" <> ${exceptId}`);
  const where = conditions.length > 0 ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
  return tx.$queryRaw<{ id: string; code: string; title: string; unitCode: string; unitName: string }[]>`
    SELECT p."id", p."code", p."title", u."code" AS "unitCode", u."name" AS "unitName"
    FROM "Position" p JOIN "OrgUnit" u ON u."id" = p."orgUnitId"
    ${where}
    ORDER BY u."path", p."title", p."code"
    LIMIT ${POSITION_CHOICES_LIMIT + 1}`;
}

/** The primary assignment running on a day (the latest started one if several overlap). */
function currentOf<T extends { startDate: Date; endDate: Date | null; isPrimary: boolean }>(assignments: readonly T[], today: Day): T | null {
  let best: T | null = null;
  for (const a of assignments) {
    if (!a.isPrimary || dayOf(a.startDate) > today || (a.endDate && dayOf(a.endDate) < today)) continue;
    if (!best || a.startDate > best.startDate) best = a;
  }
  return best;
}

/**
 * Everything the "Personalverwaltung" page shows: the person, their current position and unit,
 * the position history, absences, designations, and positions to choose from for a job change
 * (searched by code, title or unit; at most POSITION_CHOICES_LIMIT). HR only; the read is audited.
 */
export async function getPersonAdministration(db: Db, actor: Actor, personId: string, { q = "", today: day }: { q?: string } & LifeEventOptions = {}) {
  requireLifeEvents(actor);
  const today = day ?? todayInBerlin();
  return db.$transaction(async (tx) => {
    await requirePerson(tx, personId);
    const person = await tx.person.findUniqueOrThrow({
      where: { id: personId },
      select: {
        ...personSelect,
        orgUnit: { select: { id: true, code: true, name: true } },
        assignments: {
          orderBy: [{ startDate: "desc" }, { createdAt: "desc" }],
          select: {
            id: true,
            startDate: true,
            endDate: true,
            isPrimary: true,
            fte: true,
            position: { select: { id: true, code: true, title: true, orgUnit: { select: { id: true, code: true, name: true } } } },
          },
        },
        absences: { orderBy: [{ startOn: "desc" }], select: { id: true, kind: true, startOn: true, endOn: true, note: true } },
        flags: { orderBy: [{ flag: "asc" }], select: { flag: true, since: true } },
      },
    });
    const current = currentOf(person.assignments, today);
    const positions = await searchPositions(tx, q, current?.position.id ?? null);
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: "lifeevent.read",
      entityType: "Person",
      entityId: person.id,
      affectedPersonId: person.id,
      summary: "Personalverwaltung angesehen",
    });
    return {
      today,
      person: {
        id: person.id,
        firstName: person.firstName,
        lastName: person.lastName,
        personnelNumber: person.personnelNumber,
        status: person.status,
        entryOn: dayOf(person.entryDate),
        exitOn: person.exitDate ? dayOf(person.exitDate) : null,
        orgUnit: person.orgUnit,
      },
      current: current
        ? { id: current.id, startOn: dayOf(current.startDate), endOn: current.endDate ? dayOf(current.endDate) : null, position: current.position }
        : null,
      assignments: person.assignments.map((a) => ({
        id: a.id,
        isPrimary: a.isPrimary,
        startOn: dayOf(a.startDate),
        endOn: a.endDate ? dayOf(a.endDate) : null,
        position: a.position,
      })),
      absences: person.absences.map((a) => ({
        ...a,
        kind: a.kind as AbsenceKindValue,
        running: a.startOn <= today && (a.endOn === null || a.endOn >= today),
      })),
      flags: person.flags.map((f) => ({ flag: f.flag as PersonFlagKey, since: f.since })),
      positions: positions.slice(0, POSITION_CHOICES_LIMIT),
      morePositions: positions.length > POSITION_CHOICES_LIMIT,
    };
  });
}

/** A person's exemptions (active first, then past ones) and the rules one can be granted for. HR only; audited. */
export async function getPersonExemptions(db: Db, actor: Actor, personId: string, options: LifeEventOptions = {}) {
  requirePermission(actor, "read:exemption:any", "Befreiungen sieht die Personalentwicklung.");
  const today = todayOf(options);
  return db.$transaction(async (tx) => {
    const person = await requirePerson(tx, personId);
    const [exemptions, rules] = await Promise.all([
      tx.complianceExemption.findMany({
        where: { personId },
        orderBy: [{ validUntil: "desc" }, { grantedAt: "desc" }],
        select: {
          id: true,
          reason: true,
          validUntil: true,
          grantedAt: true,
          revokedAt: true,
          grantedById: true,
          revokedById: true,
          rule: { select: { id: true, name: true, archivedAt: true } },
        },
      }),
      tx.complianceRule.findMany({ where: { archivedAt: null }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
    ]);
    const userIds = [...new Set(exemptions.flatMap((e) => [e.grantedById, e.revokedById]).filter((id): id is string => !!id))];
    const users = userIds.length
      ? await tx.user.findMany({ where: { id: { in: userIds } }, select: { id: true, email: true, person: { select: { firstName: true, lastName: true } } } })
      : [];
    const userName = new Map(users.map((u) => [u.id, u.person ? nameOf(u.person) : u.email]));
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: "exemption.read",
      entityType: "Person",
      entityId: person.id,
      affectedPersonId: person.id,
      summary: `Befreiungen angesehen (${exemptions.length})`,
    });
    const rows = exemptions.map((e) => ({
      id: e.id,
      rule: { id: e.rule.id, name: e.rule.name, archived: e.rule.archivedAt !== null },
      reason: e.reason,
      validUntil: e.validUntil,
      grantedOn: dayOf(e.grantedAt),
      grantedBy: userName.get(e.grantedById) ?? null,
      revokedOn: e.revokedAt ? dayOf(e.revokedAt) : null,
      revokedBy: e.revokedById ? (userName.get(e.revokedById) ?? null) : null,
      active: e.revokedAt === null && e.validUntil >= today,
    }));
    return {
      today,
      maxUntil: addMonths(today, EXEMPTION_MAX_YEARS * 12),
      person: { id: person.id, firstName: person.firstName, lastName: person.lastName, personnelNumber: person.personnelNumber, status: person.status },
      active: rows.filter((r) => r.active),
      past: rows.filter((r) => !r.active),
      rules,
    };
  });
}

// ── Writing ─────────────────────────────────────────────────────────────────────────────────

async function sync(tx: Tx, personId: string, cause: string, today: Day) {
  return syncRequirements(tx, { personIds: [personId], cause, today });
}

/**
 * A job change: the current primary assignment ends the day before `startOn`, a new one in the
 * chosen position starts on it, and the person's org unit follows the position. `startOn` is a
 * day up to today, after the current assignment began.
 */
export async function changePosition(db: Db, actor: Actor, input: unknown, options: LifeEventOptions = {}) {
  requireLifeEvents(actor);
  const data = parse(ChangePositionSchema, input);
  const today = todayOf(options);
  return db.$transaction(async (tx) => {
    const person = await requirePerson(tx, data.personId);
    if (person.status === "LEFT") fieldError("startOn", "lifeEvents.error.personLeft");
    if (data.startOn > today) fieldError("startOn", "lifeEvents.error.startInFuture");
    if (data.startOn < dayOf(person.entryDate)) fieldError("startOn", "lifeEvents.error.beforeEntry");
    const position = await tx.position.findUnique({ where: { id: data.positionId }, select: { id: true, code: true, title: true, orgUnitId: true } });
    if (!position) fieldError("positionId", "lifeEvents.error.positionUnknown");
    const running = await tx.positionAssignment.findMany({
      where: { personId: person.id, isPrimary: true, OR: [{ endDate: null }, { endDate: { gte: toInstant(data.startOn) } }] },
      select: { id: true, positionId: true, startDate: true, fte: true },
    });
    if (running.some((a) => dayOf(a.startDate) >= data.startOn)) fieldError("startOn", "lifeEvents.error.startNotAfterCurrent");
    const current = currentOf(running.map((a) => ({ ...a, endDate: null, isPrimary: true })), data.startOn);
    if (current?.positionId === position.id) fieldError("positionId", "lifeEvents.error.samePosition");
    const dayBefore = toInstant(addDays(data.startOn, -1));
    if (running.length > 0) await tx.positionAssignment.updateMany({ where: { id: { in: running.map((a) => a.id) } }, data: { endDate: dayBefore } });
    const assignment = await tx.positionAssignment.create({
      data: { personId: person.id, positionId: position.id, startDate: toInstant(data.startOn), isPrimary: true, fte: current?.fte ?? 1 },
    });
    await tx.person.update({ where: { id: person.id }, data: { orgUnitId: position.orgUnitId } });
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: "lifeevent.position-change",
      entityType: "PositionAssignment",
      entityId: assignment.id,
      affectedPersonId: person.id,
      summary: `${nameOf(person)}: Stellenwechsel zum ${data.startOn} auf ${position.code} ${position.title}`,
    });
    const synced = await sync(tx, person.id, "lifeevent.position", today);
    return { assignmentId: assignment.id, synced };
  });
}

function overlaps(a: { startOn: Day; endOn: Day | null }, b: { startOn: Day; endOn: Day | null }) {
  return (a.endOn === null || a.endOn >= b.startOn) && (b.endOn === null || b.endOn >= a.startOn);
}

/** A long absence (parental leave, long illness, secondment, other) that pauses due dates. */
export async function recordAbsence(db: Db, actor: Actor, input: unknown, options: LifeEventOptions = {}) {
  requireLifeEvents(actor);
  const data = parse(RecordAbsenceSchema, input);
  const today = todayOf(options);
  return db.$transaction(async (tx) => {
    const person = await requirePerson(tx, data.personId);
    if (person.status === "LEFT") fieldError("startOn", "lifeEvents.error.personLeft");
    if (data.startOn < dayOf(person.entryDate)) fieldError("startOn", "lifeEvents.error.beforeEntry");
    const others = await tx.personAbsence.findMany({ where: { personId: person.id }, select: { startOn: true, endOn: true } });
    const planned = { startOn: data.startOn, endOn: data.endOn ?? null };
    if (others.some((o) => overlaps(o, planned))) fieldError("startOn", "lifeEvents.error.absenceOverlap");
    const absence = await tx.personAbsence.create({
      data: { personId: person.id, kind: data.kind, startOn: data.startOn, endOn: data.endOn ?? null, note: data.note, recordedById: actor.userId },
    });
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: "lifeevent.absence-record",
      entityType: "PersonAbsence",
      entityId: absence.id,
      affectedPersonId: person.id,
      summary: `${nameOf(person)}: Abwesenheit ${data.kind} ab ${data.startOn}${data.endOn ? ` bis ${data.endOn}` : " (Ende offen)"}`,
    });
    const synced = await sync(tx, person.id, "lifeevent.absence", today);
    return { absenceId: absence.id, synced };
  });
}

/** Sets (or corrects) the last day of an absence; it must not reach into another absence. */
export async function endAbsence(db: Db, actor: Actor, input: unknown, options: LifeEventOptions = {}) {
  requireLifeEvents(actor);
  const data = parse(EndAbsenceSchema, input);
  const today = todayOf(options);
  return db.$transaction(async (tx) => {
    const person = await requirePerson(tx, data.personId);
    const absence = await tx.personAbsence.findUnique({ where: { id: data.absenceId }, select: { id: true, personId: true, kind: true, startOn: true, endOn: true } });
    if (!absence || absence.personId !== person.id) throw new NotFoundError("Abwesenheit nicht gefunden");
    if (data.endOn < absence.startOn) fieldError("endOn", "lifeEvents.error.endBeforeStart");
    const others = await tx.personAbsence.findMany({ where: { personId: person.id, id: { not: absence.id } }, select: { startOn: true, endOn: true } });
    if (others.some((o) => overlaps(o, { startOn: absence.startOn, endOn: data.endOn }))) fieldError("endOn", "lifeEvents.error.absenceOverlap");
    await tx.personAbsence.update({ where: { id: absence.id }, data: { endOn: data.endOn } });
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: "lifeevent.absence-end",
      entityType: "PersonAbsence",
      entityId: absence.id,
      affectedPersonId: person.id,
      summary: `${nameOf(person)}: Abwesenheit ${absence.kind} ab ${absence.startOn} endet am ${data.endOn}${absence.endOn ? ` (vorher ${absence.endOn})` : ""}`,
    });
    const synced = await sync(tx, person.id, "lifeevent.absence-end", today);
    return { synced };
  });
}

/**
 * Leaving the administration on `exitOn` (the last working day). From the day after, the person
 * drops out of every requirement; the status becomes LEFT once that day has come. Running
 * assignments end on the exit day.
 */
export async function recordExit(db: Db, actor: Actor, input: unknown, options: LifeEventOptions = {}) {
  requireLifeEvents(actor);
  const data = parse(RecordExitSchema, input);
  const today = todayOf(options);
  return db.$transaction(async (tx) => {
    const person = await requirePerson(tx, data.personId);
    if (person.status === "LEFT") fieldError("exitOn", "lifeEvents.error.personLeft");
    if (data.exitOn < dayOf(person.entryDate)) fieldError("exitOn", "lifeEvents.error.beforeEntry");
    const exitAt = toInstant(data.exitOn);
    await tx.positionAssignment.updateMany({ where: { personId: person.id, startDate: { lte: exitAt }, OR: [{ endDate: null }, { endDate: { gt: exitAt } }] }, data: { endDate: exitAt } });
    const left = data.exitOn <= today;
    await tx.person.update({ where: { id: person.id }, data: { exitDate: exitAt, ...(left ? { status: "LEFT" as const } : {}) } });
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: "lifeevent.exit",
      entityType: "Person",
      entityId: person.id,
      affectedPersonId: person.id,
      summary: `${nameOf(person)}: Austritt zum ${data.exitOn}${left ? " (ausgeschieden)" : ""}`,
    });
    const synced = await sync(tx, person.id, "lifeevent.exit", today);
    return { left, synced };
  });
}

/** Gives a person a designation (e.g. Ersthelfer*in) since a day; setting it again changes the day. */
export async function setFlag(db: Db, actor: Actor, input: unknown, options: LifeEventOptions = {}) {
  requireLifeEvents(actor);
  const data = parse(SetFlagSchema, input);
  const today = todayOf(options);
  return db.$transaction(async (tx) => {
    const person = await requirePerson(tx, data.personId);
    if (person.status === "LEFT") fieldError("flag", "lifeEvents.error.personLeft");
    await tx.personFlag.upsert({
      where: { personId_flag: { personId: person.id, flag: data.flag } },
      create: { personId: person.id, flag: data.flag, since: data.since },
      update: { since: data.since },
    });
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: "lifeevent.flag-set",
      entityType: "PersonFlag",
      entityId: `${person.id}:${data.flag}`,
      affectedPersonId: person.id,
      summary: `${nameOf(person)}: Kennzeichen ${data.flag} seit ${data.since}`,
    });
    const synced = await sync(tx, person.id, "lifeevent.flag", today);
    return { synced };
  });
}

export async function removeFlag(db: Db, actor: Actor, input: unknown, options: LifeEventOptions = {}) {
  requireLifeEvents(actor);
  const data = parse(RemoveFlagSchema, input);
  const today = todayOf(options);
  return db.$transaction(async (tx) => {
    const person = await requirePerson(tx, data.personId);
    const flag = await tx.personFlag.findUnique({ where: { personId_flag: { personId: person.id, flag: data.flag } }, select: { since: true } });
    if (!flag) throw new NotFoundError("Kennzeichen nicht gefunden");
    await tx.personFlag.delete({ where: { personId_flag: { personId: person.id, flag: data.flag } } });
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: "lifeevent.flag-remove",
      entityType: "PersonFlag",
      entityId: `${person.id}:${data.flag}`,
      affectedPersonId: person.id,
      summary: `${nameOf(person)}: Kennzeichen ${data.flag} (seit ${flag.since}) entfernt`,
    });
    const synced = await sync(tx, person.id, "lifeevent.flag", today);
    return { synced };
  });
}

/**
 * Exempts a person from a rule until a day (after today, at most EXEMPTION_MAX_YEARS ahead), with
 * a reason. Nobody exempts themselves.
 */
export async function grantExemption(db: Db, actor: Actor, input: unknown, options: LifeEventOptions = {}) {
  requirePermission(actor, "create:exemption:any", "Befreiungen erteilt die Personalentwicklung.");
  const data = parse(GrantExemptionSchema, input);
  const today = todayOf(options);
  return db.$transaction(async (tx) => {
    const person = await requirePerson(tx, data.personId);
    if (person.id === actor.personId) throw new AccessDeniedError("Eine Befreiung für sich selbst erteilt eine andere Person.");
    if (data.validUntil <= today) fieldError("validUntil", "lifeEvents.error.untilNotFuture");
    if (data.validUntil > addMonths(today, EXEMPTION_MAX_YEARS * 12)) fieldError("validUntil", "lifeEvents.error.untilTooFar");
    const rule = await tx.complianceRule.findUnique({ where: { id: data.ruleId }, select: { id: true, name: true, archivedAt: true } });
    if (!rule || rule.archivedAt) fieldError("ruleId", "lifeEvents.error.ruleUnknown");
    const exemption = await tx.complianceExemption.create({
      data: { personId: person.id, ruleId: rule.id, reason: data.reason, validUntil: data.validUntil, grantedById: actor.userId },
    });
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: "exemption.grant",
      entityType: "ComplianceExemption",
      entityId: exemption.id,
      affectedPersonId: person.id,
      summary: `${nameOf(person)}: befreit von „${rule.name}“ bis ${data.validUntil}. Grund: ${data.reason}`,
    });
    const synced = await syncRequirements(tx, { personIds: [person.id], ruleIds: [rule.id], cause: "exemption.grant", today });
    return { exemptionId: exemption.id, synced };
  });
}

export async function revokeExemption(db: Db, actor: Actor, input: unknown, options: LifeEventOptions = {}) {
  requirePermission(actor, "update:exemption:any", "Befreiungen widerruft die Personalentwicklung.");
  const data = parse(RevokeExemptionSchema, input);
  const today = todayOf(options);
  return db.$transaction(async (tx) => {
    const person = await requirePerson(tx, data.personId);
    const exemption = await tx.complianceExemption.findUnique({
      where: { id: data.exemptionId },
      select: { id: true, personId: true, ruleId: true, validUntil: true, revokedAt: true, rule: { select: { name: true } } },
    });
    if (!exemption || exemption.personId !== person.id) throw new NotFoundError("Befreiung nicht gefunden");
    if (exemption.revokedAt) fieldError("exemptionId", "lifeEvents.error.alreadyRevoked");
    await tx.complianceExemption.update({ where: { id: exemption.id }, data: { revokedAt: new Date(), revokedById: actor.userId } });
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: "exemption.revoke",
      entityType: "ComplianceExemption",
      entityId: exemption.id,
      affectedPersonId: person.id,
      summary: `${nameOf(person)}: Befreiung von „${exemption.rule.name}“ (bis ${exemption.validUntil}) widerrufen`,
    });
    const synced = await syncRequirements(tx, { personIds: [person.id], ruleIds: [exemption.ruleId], cause: "exemption.revoke", today });
    return { synced };
  });
}
