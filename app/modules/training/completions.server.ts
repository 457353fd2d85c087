// Attendance, completions and certificates (docs/decisions/017).
//
// - Attendance: HR development or the session's own trainer records, for a started session, the
//   attendance of every confirmed participant at once. ATTENDED creates a TrainingCompletion
//   (completedAt = end of the session) linked to the enrolment (enrolmentId is unique, so saving
//   again updates instead of duplicating); PARTIAL or ABSENT removes a completion created that way.
// - External and e-learning trainings: the person uploads a certificate (PDF/PNG/JPEG, file store
//   outside public/) → PENDING; HR development confirms (→ CONFIRMED) or rejects with a reason.
// - A confirmed completion with a result other than FAILED writes level records (source TRAINING)
//   through recordLevels(), except where the person's current level is already higher than the
//   level the training leads to (the most recent record wins, so it would lower the level).
// - Every write runs in one transaction with its audit events and notifications.
// - A certificate of participation (PDF) exists for every CONFIRMED completion; the person, their
//   leader and HR development may download it; reads by others are audited.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Db, Tx } from "~/utils/db.server.ts";
import { recordAudit } from "~/modules/audit/audit.server.ts";
import { hasPermission, pathInTeam, type Access, type Actor } from "~/modules/auth/permissions.ts";
import { AccessDeniedError, NotFoundError, ValidationError } from "~/modules/errors.ts";
import { recordLevels, snapshotsOf, type NewLevelRecord } from "~/modules/assessment/level-records.server.ts";
import type { LevelSourceValue } from "~/modules/assessment/levels.ts";
import { notify } from "~/modules/notifications/notify.server.ts";
import { syncAfterCompletions } from "~/modules/compliance/sync.server.ts";
import { afterCompletionsCreated } from "./after-completion.server.ts";
import {
  checkDocument,
  deleteStoredFile,
  FileRejectedError,
  fileStore,
  readStoredFile,
  safeFileName,
  saveDocument,
  type FileStore,
  type UploadedFile,
} from "~/modules/files/file-store.server.ts";
import { berlinDate, berlinToUtc, endOfBerlinDay } from "./berlin-time.ts";

export const ATTENDANCE_VALUES = ["ATTENDED", "PARTIAL", "ABSENT"] as const;
export type AttendanceValue = (typeof ATTENDANCE_VALUES)[number];
export const RESULT_VALUES = ["PARTICIPATED", "PASSED", "FAILED"] as const;
export type ResultValue = (typeof RESULT_VALUES)[number];
export const CONFIRM_RESULT_VALUES = ["PARTICIPATED", "PASSED"] as const;
export type CompletionStatusValue = "PENDING" | "CONFIRMED" | "REJECTED";

export const REASON_MAX = 1000;
/** The review queue shows at most this many uploads at once (oldest first). */
export const REVIEW_LIMIT = 200;
/** An uploaded certificate may be at most this many years old. */
export const UPLOAD_MAX_AGE_YEARS = 10;
/** Where the person finds their completions (link of the notifications). */
export const COMPLETIONS_LINK = "/nachweise";

// ── Input ───────────────────────────────────────────────────────────────────────────────────

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

function isCalendarDate(value: string) {
  if (!DATE_PATTERN.test(value)) return false;
  const date = new Date(`${value}T00:00:00.000Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

const trimmed = (v: unknown) => (typeof v === "string" ? v.trim() : v);

/** An optional "YYYY-MM-DD" (the value of a date input); empty means none. */
const OptionalDateSchema = z.preprocess(
  (v) => (v === undefined || v === null ? "" : trimmed(v)),
  z.string().refine((v) => v === "" || isCalendarDate(v), { error: "completions.error.dateInvalid" }),
);

export const AttendanceRowSchema = z.object({
  enrolmentId: z.string().trim().min(1, { error: "completions.error.unknownParticipant" }),
  attendance: z.enum(ATTENDANCE_VALUES, { error: "completions.error.attendanceInvalid" }),
  result: z.preprocess((v) => (v === "" || v === undefined || v === null ? "PARTICIPATED" : v), z.enum(RESULT_VALUES, { error: "completions.error.resultInvalid" })),
  expiresOn: OptionalDateSchema,
});
export type AttendanceRowInput = z.input<typeof AttendanceRowSchema>;

const UploadFieldsSchema = z.object({
  trainingId: z.preprocess(trimmed, z.string({ error: "completions.upload.trainingRequired" }).min(1, { error: "completions.upload.trainingRequired" })),
  completedOn: z.preprocess(
    trimmed,
    z
      .string({ error: "completions.upload.dateRequired" })
      .min(1, { error: "completions.upload.dateRequired" })
      .refine(isCalendarDate, { error: "completions.error.dateInvalid" }),
  ),
});

const ConfirmSchema = z.object({
  result: z.preprocess((v) => (v === "" || v === undefined || v === null ? "PARTICIPATED" : v), z.enum(CONFIRM_RESULT_VALUES, { error: "completions.error.resultInvalid" })),
  expiresOn: OptionalDateSchema,
});

const ReasonSchema = z
  .string({ error: "completions.review.reasonRequired" })
  .trim()
  .min(1, { error: "completions.review.reasonRequired" })
  .max(REASON_MAX, { error: "completions.review.reasonTooLong" });

const FILE_MESSAGES: Record<FileRejectedError["reason"], string> = {
  missing: "completions.file.missing",
  tooLarge: "completions.file.tooLarge",
  type: "completions.file.type",
};

/** Expiry dates are whole days: a completion counts until the end of that day (Berlin). */
function expiryOf(date: string) {
  return date ? endOfBerlinDay(date) : null;
}

function sameInstant(a: Date | null, b: Date | null) {
  return (a?.getTime() ?? null) === (b?.getTime() ?? null);
}

function personName(p: { firstName: string; lastName: string }) {
  return `${p.firstName} ${p.lastName}`;
}

function isUniqueViolation(error: unknown) {
  return typeof error === "object" && error !== null && "code" in error && (error as { code?: string }).code === "P2002";
}

/**
 * Runs a writing transaction again when it lost a race on a unique key: two transactions that
 * took the same next certificate number, or saved the same enrolment at once. The second attempt
 * reads the committed state and continues from there.
 */
async function retryOnUniqueClash<T>(fn: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (attempt >= attempts || !isUniqueViolation(error)) throw error;
    }
  }
}

// ── Certificate numbers ─────────────────────────────────────────────────────────────────────

const NUMBER_DIGITS = 6;

/** "LR-2026-000123": the year of issue (Berlin) and a running number per year. */
export function certificateNumberOf(year: number, sequence: number) {
  return `LR-${year}-${String(sequence).padStart(NUMBER_DIGITS, "0")}`;
}

export const CERTIFICATE_NUMBER_PATTERN = /^LR-\d{4}-\d{6}$/;

/**
 * The next `count` free certificate numbers of the year of `at`. Numbers have a fixed width, so
 * the highest one sorts last. Two concurrent transactions may pick the same number; the unique
 * index refuses the second, which then runs again (retryOnUniqueClash).
 */
export async function nextCertificateNumbers(tx: Tx, count: number, at: Date) {
  if (count === 0) return [];
  const year = Number(berlinDate(at).slice(0, 4));
  const prefix = `LR-${year}-`;
  const last = await tx.trainingCompletion.findFirst({
    where: { certificateNumber: { startsWith: prefix } },
    orderBy: { certificateNumber: "desc" },
    select: { certificateNumber: true },
  });
  const start = last ? Number(last.certificateNumber.slice(prefix.length)) + 1 : 1;
  if (start + count - 1 >= 10 ** NUMBER_DIGITS) throw new Error(`Keine Bescheinigungsnummern mehr frei für ${year}`);
  return Array.from({ length: count }, (_, i) => certificateNumberOf(year, start + i));
}

// ── Level records ───────────────────────────────────────────────────────────────────────────

export interface CompletionForLevels {
  completionId: string;
  personId: string;
  trainingId: string;
  completedAt: Date;
  certificateNumber: string;
  recordedById: string | null;
}

/**
 * Level records (source TRAINING) for confirmed completions: one per competency the training
 * develops, at its target level, dated at the completion. A competency whose current level is
 * already higher is left alone, because the newer record would lower it. Set-based: one query
 * for the training competencies, one for the current levels, one recordLevels() call.
 */
export async function writeCompletionLevels(tx: Tx, completions: readonly CompletionForLevels[]) {
  if (completions.length === 0) return { written: 0, skipped: 0 };
  const trainingIds = [...new Set(completions.map((c) => c.trainingId))];
  const competencies = await tx.trainingCompetency.findMany({
    where: { trainingId: { in: trainingIds } },
    select: { trainingId: true, competencyId: true, lineageId: true, targetLevel: true, training: { select: { title: true } } },
  });
  if (competencies.length === 0) return { written: 0, skipped: 0 };
  const current = await tx.currentCompetencyLevel.findMany({
    where: { personId: { in: [...new Set(completions.map((c) => c.personId))] }, lineageId: { in: [...new Set(competencies.map((c) => c.lineageId))] } },
    select: { personId: true, lineageId: true, level: true },
  });
  const currentLevel = new Map(current.map((c) => [`${c.personId}|${c.lineageId}`, c.level]));
  const rows: NewLevelRecord[] = [];
  let skipped = 0;
  for (const completion of completions) {
    for (const competency of competencies) {
      if (competency.trainingId !== completion.trainingId) continue;
      const before = currentLevel.get(`${completion.personId}|${competency.lineageId}`);
      if (before !== undefined && before > competency.targetLevel) {
        skipped++;
        continue;
      }
      rows.push({
        personId: completion.personId,
        competencyId: competency.competencyId,
        lineageId: competency.lineageId,
        level: competency.targetLevel,
        source: "TRAINING",
        recordedAt: completion.completedAt,
        recordedById: completion.recordedById,
        completionId: completion.completionId,
        note: `Schulung ${competency.training.title} (${completion.certificateNumber})`.slice(0, 500),
      });
    }
  }
  await recordLevels(tx, rows);
  return { written: rows.length, skipped };
}

/**
 * Removes the level records of completions that are withdrawn (attendance corrected, result
 * changed to FAILED) and puts the current-level snapshot back in step: where a removed record
 * was the current one, the winner among the remaining records takes its place (the rule of
 * levels.ts via snapshotsOf), or the snapshot goes when nothing remains.
 */
export async function removeCompletionLevels(tx: Tx, completionIds: readonly string[]) {
  if (completionIds.length === 0) return 0;
  const records = await tx.competencyLevelRecord.findMany({ where: { completionId: { in: [...completionIds] } }, select: { id: true } });
  if (records.length === 0) return 0;
  const recordIds = records.map((r) => r.id);
  const stale = await tx.currentCompetencyLevel.findMany({ where: { recordId: { in: recordIds } }, select: { personId: true, lineageId: true } });
  await tx.currentCompetencyLevel.deleteMany({ where: { recordId: { in: recordIds } } });
  await tx.competencyLevelRecord.deleteMany({ where: { id: { in: recordIds } } });
  if (stale.length > 0) {
    const pairs = new Set(stale.map((s) => `${s.personId}|${s.lineageId}`));
    const remaining = await tx.competencyLevelRecord.findMany({
      where: { personId: { in: [...new Set(stale.map((s) => s.personId))] }, lineageId: { in: [...new Set(stale.map((s) => s.lineageId))] } },
      select: { id: true, personId: true, lineageId: true, competencyId: true, level: true, source: true, recordedAt: true },
    });
    const winners = snapshotsOf(remaining.filter((r) => pairs.has(`${r.personId}|${r.lineageId}`)).map((r) => ({ ...r, source: r.source as LevelSourceValue })));
    if (winners.length > 0) await tx.currentCompetencyLevel.createMany({ data: winners });
  }
  return recordIds.length;
}

// ── Access ──────────────────────────────────────────────────────────────────────────────────

/** HR development records attendance for every session; a trainer who works here for their own. */
export function attendanceAccess(actor: Pick<Actor, "roles" | "personId">, session: { trainerPersonId: string | null }): "any" | "trainer" | null {
  if (hasPermission(actor.roles, "update:enrolment:any") || hasPermission(actor.roles, "create:completion:any")) return "any";
  if (actor.personId && session.trainerPersonId === actor.personId) return "trainer";
  return null;
}

export function canRecordAttendance(actor: Pick<Actor, "roles" | "personId">, session: { trainerPersonId: string | null }) {
  return attendanceAccess(actor, session) !== null;
}

function requireAttendanceAccess(actor: Actor, session: { trainerPersonId: string | null }) {
  const access = attendanceAccess(actor, session);
  if (!access) throw new AccessDeniedError("Anwesenheit erfassen die Personalentwicklung und die Trainerin oder der Trainer des Termins.");
  return access;
}

/** Reading a person's completions and certificates: the person, their leader (team), HR (any). */
function readAccess(actor: Actor, person: { id: string; orgUnit: { path: string } | null }): Access {
  if (person.id === actor.personId && hasPermission(actor.roles, "read:completion:own")) return "own";
  if (hasPermission(actor.roles, "read:completion:any")) return "any";
  if (hasPermission(actor.roles, "read:completion:team") && pathInTeam(actor, person.orgUnit?.path)) return "team";
  throw new AccessDeniedError("Sie dürfen die Schulungsnachweise dieser Person nicht sehen.");
}

function requireReviewer(actor: Actor) {
  if (!hasPermission(actor.roles, "update:completion:any")) throw new AccessDeniedError("Hochgeladene Zertifikate prüft die Personalentwicklung.");
}

// ── Attendance ──────────────────────────────────────────────────────────────────────────────

const sheetSessionSelect = {
  id: true,
  status: true,
  startsAt: true,
  endsAt: true,
  location: true,
  trainerName: true,
  trainerPersonId: true,
  days: { orderBy: { startsAt: "asc" as const }, select: { id: true, startsAt: true, endsAt: true } },
  training: { select: { id: true, code: true, title: true, status: true, format: true } },
} as const;

/**
 * The attendance sheet of a session: every confirmed participant with their recorded attendance
 * and completion. HR development and the session's trainer only; the read is audited.
 */
export async function getAttendanceSheet(db: Db, actor: Actor, sessionId: string, { now = new Date() }: { now?: Date } = {}) {
  return db.$transaction(async (tx) => {
    const session = await tx.trainingSession.findUnique({ where: { id: sessionId }, select: sheetSessionSelect });
    if (!session) throw new NotFoundError("Termin nicht gefunden");
    const access = requireAttendanceAccess(actor, session);
    const rows = await tx.enrolment.findMany({
      where: { sessionId, status: "CONFIRMED" },
      orderBy: [{ person: { lastName: "asc" } }, { person: { firstName: "asc" } }, { id: "asc" }],
      select: {
        id: true,
        attendance: true,
        attendanceRecordedAt: true,
        person: { select: { id: true, firstName: true, lastName: true, personnelNumber: true, orgUnit: { select: { code: true, name: true } } } },
        completion: { select: { id: true, result: true, status: true, expiresAt: true, certificateNumber: true } },
      },
    });
    if (rows.length > 0) {
      await recordAudit(tx, {
        actorUserId: actor.userId,
        action: "attendance.read",
        entityType: "TrainingSession",
        entityId: session.id,
        summary: `Anwesenheitsliste ${session.training.code} angesehen (${access === "any" ? "Personalentwicklung" : "Trainer/in"}, ${rows.length} Teilnehmende)`,
      });
    }
    const started = session.startsAt <= now;
    return {
      session,
      access,
      started,
      cancelled: session.status === "CANCELLED",
      canRecord: started && session.status === "SCHEDULED",
      completedOn: berlinDate(session.endsAt),
      participants: rows.map((r) => ({
        ...r,
        attendance: r.attendance as AttendanceValue | null,
        completion: r.completion ? { ...r.completion, result: r.completion.result as ResultValue, status: r.completion.status as CompletionStatusValue } : null,
        /** Nobody records their own attendance. */
        self: r.person.id === actor.personId,
      })),
    };
  });
}

export interface RecordAttendanceInput {
  sessionId: string;
  rows: readonly { enrolmentId: unknown; attendance: unknown; result?: unknown; expiresOn?: unknown }[];
  /** "Gültig bis" for every attended row without a date of its own. */
  defaultExpiresOn?: unknown;
}

/**
 * Records the attendance of the given confirmed participants of a session, all in one
 * transaction: the enrolments' attendance, completions created, updated or removed, their level
 * records, the notifications to the people and the audit events. Saving the same list again
 * changes nothing. Field errors are keyed "<field>.<enrolmentId>" (the form's field names).
 */
export async function recordAttendance(db: Db, actor: Actor, input: RecordAttendanceInput, { now = new Date() }: { now?: Date } = {}) {
  const fieldErrors: Record<string, string[]> = {};
  const add = (field: string, message: string) => (fieldErrors[field] ??= []).push(message);
  const defaultExpiry = OptionalDateSchema.safeParse(input.defaultExpiresOn);
  if (!defaultExpiry.success) add("defaultExpiresOn", defaultExpiry.error.issues[0]!.message);
  const rows: z.output<typeof AttendanceRowSchema>[] = [];
  const seen = new Set<string>();
  for (const raw of input.rows) {
    const parsed = AttendanceRowSchema.safeParse(raw);
    const id = typeof raw.enrolmentId === "string" ? raw.enrolmentId.trim() : "";
    if (!parsed.success) {
      for (const issue of parsed.error.issues) add(`${String(issue.path[0] ?? "form")}.${id}`, issue.message);
      continue;
    }
    if (seen.has(parsed.data.enrolmentId)) continue;
    seen.add(parsed.data.enrolmentId);
    rows.push(parsed.data);
  }

  return retryOnUniqueClash(() =>
    db.$transaction(async (tx) => {
      const session = await tx.trainingSession.findUnique({
        where: { id: input.sessionId },
        select: { id: true, status: true, startsAt: true, endsAt: true, trainerPersonId: true, trainingId: true, training: { select: { id: true, code: true, title: true } } },
      });
      if (!session) throw new NotFoundError("Termin nicht gefunden");
      const access = requireAttendanceAccess(actor, session);
      if (session.status !== "SCHEDULED") throw new ValidationError("completions.error.sessionCancelled");
      if (session.startsAt > now) throw new ValidationError("completions.error.notStarted");
      if (rows.length === 0 && Object.keys(fieldErrors).length === 0) throw new ValidationError("completions.error.noParticipants");

      const enrolments = await tx.enrolment.findMany({
        where: { sessionId: session.id, status: "CONFIRMED", id: { in: rows.map((r) => r.enrolmentId) } },
        select: {
          id: true,
          personId: true,
          attendance: true,
          person: { select: { firstName: true, lastName: true } },
          completion: { select: { id: true, result: true, status: true, expiresAt: true, certificateNumber: true } },
        },
      });
      const byId = new Map(enrolments.map((e) => [e.id, e]));
      if (rows.some((r) => !byId.has(r.enrolmentId))) throw new ValidationError("completions.error.unknownParticipant");
      if (enrolments.some((e) => e.personId === actor.personId)) throw new AccessDeniedError("Ihre eigene Teilnahme erfasst eine andere Person.");

      const completedOn = berlinDate(session.endsAt);
      const planned = rows.map((row) => {
        const enrolment = byId.get(row.enrolmentId)!;
        const expiresOn = row.attendance === "ATTENDED" ? row.expiresOn || (defaultExpiry.success ? defaultExpiry.data : "") : "";
        if (expiresOn && expiresOn <= completedOn) add(`expiresOn.${row.enrolmentId}`, "completions.error.expiryBeforeCompletion");
        return { row, enrolment, expiresAt: expiryOf(expiresOn) };
      });
      if (defaultExpiry.success && defaultExpiry.data && defaultExpiry.data <= completedOn) add("defaultExpiresOn", "completions.error.expiryBeforeCompletion");
      if (Object.keys(fieldErrors).length > 0) throw new ValidationError("form.checkFields", fieldErrors);

      // 1. Attendance of the enrolments (one update per value).
      for (const value of ATTENDANCE_VALUES) {
        const ids = planned.filter((p) => p.row.attendance === value && p.enrolment.attendance !== value).map((p) => p.enrolment.id);
        if (ids.length > 0) {
          await tx.enrolment.updateMany({ where: { id: { in: ids } }, data: { attendance: value, attendanceRecordedById: actor.userId, attendanceRecordedAt: now } });
        }
      }

      // 2. Completions no longer backed by attendance go, with their level records.
      const toRemove = planned.filter((p) => p.row.attendance !== "ATTENDED" && p.enrolment.completion);
      await removeCompletionLevels(
        tx,
        toRemove.map((p) => p.enrolment.completion!.id),
      );
      if (toRemove.length > 0) await tx.trainingCompletion.deleteMany({ where: { id: { in: toRemove.map((p) => p.enrolment.completion!.id) } } });

      // 3. New completions for attended participants.
      const toCreate = planned.filter((p) => p.row.attendance === "ATTENDED" && !p.enrolment.completion);
      const numbers = await nextCertificateNumbers(tx, toCreate.length, now);
      const created = toCreate.map((p, i) => ({
        id: randomUUID(),
        personId: p.enrolment.personId,
        trainingId: session.trainingId,
        sessionId: session.id,
        enrolmentId: p.enrolment.id,
        completedAt: session.endsAt,
        result: p.row.result,
        status: "CONFIRMED" as const,
        expiresAt: p.expiresAt,
        certificateNumber: numbers[i]!,
        recordedById: actor.userId,
      }));
      if (created.length > 0) await tx.trainingCompletion.createMany({ data: created });

      // 4. Existing completions whose result or expiry changed.
      const toUpdate = planned.filter(
        (p) => p.row.attendance === "ATTENDED" && p.enrolment.completion && (p.enrolment.completion.result !== p.row.result || !sameInstant(p.enrolment.completion.expiresAt, p.expiresAt)),
      );
      for (const p of toUpdate) {
        await tx.trainingCompletion.update({ where: { id: p.enrolment.completion!.id }, data: { result: p.row.result, expiresAt: p.expiresAt, recordedById: actor.userId } });
      }
      const nowFailed = toUpdate.filter((p) => p.row.result === "FAILED" && p.enrolment.completion!.result !== "FAILED");
      const noLongerFailed = toUpdate.filter((p) => p.row.result !== "FAILED" && p.enrolment.completion!.result === "FAILED");
      await removeCompletionLevels(
        tx,
        nowFailed.map((p) => p.enrolment.completion!.id),
      );

      // 5. Level records for everything that now counts (never for FAILED).
      const levels = await writeCompletionLevels(tx, [
        ...created
          .filter((c) => c.result !== "FAILED")
          .map((c) => ({ completionId: c.id, personId: c.personId, trainingId: c.trainingId, completedAt: c.completedAt, certificateNumber: c.certificateNumber, recordedById: actor.userId })),
        ...noLongerFailed.map((p) => ({
          completionId: p.enrolment.completion!.id,
          personId: p.enrolment.personId,
          trainingId: session.trainingId,
          completedAt: session.endsAt,
          certificateNumber: p.enrolment.completion!.certificateNumber,
          recordedById: actor.userId,
        })),
      ]);

      // Mandatory-training requirements of these people follow in the same transaction.
      const changedPeople = [...created.map((c) => c.personId), ...toRemove.map((p) => p.enrolment.personId), ...toUpdate.map((p) => p.enrolment.personId)];
      await syncAfterCompletions(tx, changedPeople, [session.trainingId]);
      await afterCompletionsCreated(tx, created, { now });

      // 6. The people hear about their new certificate.
      await notify(
        tx,
        created.map((c) => ({ personId: c.personId, kind: "completion.recorded" as const, params: { training: session.training.title }, link: COMPLETIONS_LINK })),
      );

      // 7. Audit: one event per person whose record changed, and one for the list.
      const via = access === "any" ? "Personalentwicklung" : "Trainer/in";
      const createdByEnrolment = new Map(created.map((c) => [c.enrolmentId, c]));
      const removedIds = new Set(toRemove.map((p) => p.enrolment.id));
      const updatedIds = new Set(toUpdate.map((p) => p.enrolment.id));
      let attendanceOnly = 0;
      for (const p of planned) {
        const who = personName(p.enrolment.person);
        const base = { actorUserId: actor.userId, affectedPersonId: p.enrolment.personId };
        const createdOne = createdByEnrolment.get(p.enrolment.id);
        if (createdOne) {
          await recordAudit(tx, {
            ...base,
            action: "completion.create",
            entityType: "TrainingCompletion",
            entityId: createdOne.id,
            summary: `${session.training.code}: ${who} anwesend, ${createdOne.result}, Bescheinigung ${createdOne.certificateNumber}${createdOne.expiresAt ? `, gültig bis ${berlinDate(createdOne.expiresAt)}` : ""} (${via})`,
          });
        } else if (removedIds.has(p.enrolment.id)) {
          await recordAudit(tx, {
            ...base,
            action: "completion.remove",
            entityType: "TrainingCompletion",
            entityId: p.enrolment.completion!.id,
            summary: `${session.training.code}: ${who} ${p.row.attendance === "PARTIAL" ? "teilweise anwesend" : "abwesend"}, Bescheinigung ${p.enrolment.completion!.certificateNumber} zurückgenommen (${via})`,
          });
        } else if (updatedIds.has(p.enrolment.id)) {
          await recordAudit(tx, {
            ...base,
            action: "completion.update",
            entityType: "TrainingCompletion",
            entityId: p.enrolment.completion!.id,
            summary: `${session.training.code}: ${who} ${p.enrolment.completion!.result} → ${p.row.result}${p.expiresAt ? `, gültig bis ${berlinDate(p.expiresAt)}` : ", ohne Ablaufdatum"} (${via})`,
          });
        } else if (p.enrolment.attendance !== p.row.attendance) {
          attendanceOnly++;
          await recordAudit(tx, {
            ...base,
            action: "attendance.record",
            entityType: "Enrolment",
            entityId: p.enrolment.id,
            summary: `${session.training.code}: ${who} ${p.row.attendance} (${via})`,
          });
        }
      }
      const result = { created: created.length, updated: toUpdate.length, removed: toRemove.length, attendanceOnly, unchanged: planned.length - created.length - toUpdate.length - toRemove.length - attendanceOnly, levelRecords: levels.written };
      await recordAudit(tx, {
        actorUserId: actor.userId,
        action: "attendance.record-session",
        entityType: "TrainingSession",
        entityId: session.id,
        summary: `Anwesenheit ${session.training.code} am ${completedOn}: ${planned.length} Teilnehmende, ${result.created} Bescheinigungen neu, ${result.updated} geändert, ${result.removed} zurückgenommen, ${result.levelRecords} Stufen (${via})`,
      });
      return result;
    }),
  );
}

// ── Uploaded certificates ───────────────────────────────────────────────────────────────────

/** Trainings a person can upload a certificate for: published ones, e-learning first. */
export async function listUploadableTrainings(db: Db, actor: Actor) {
  if (!actor.personId || !hasPermission(actor.roles, "create:completion:own")) throw new AccessDeniedError();
  const trainings = await db.training.findMany({
    where: { status: "PUBLISHED" },
    orderBy: [{ title: "asc" }, { code: "asc" }],
    select: { id: true, code: true, title: true, format: true },
  });
  return {
    elearning: trainings.filter((t) => t.format === "ELEARNING"),
    other: trainings.filter((t) => t.format !== "ELEARNING"),
  };
}

/**
 * A person uploads the certificate of an e-learning or external training with the date they
 * completed it: a PENDING completion that HR development confirms or rejects. All fields are
 * checked together; the file is written only when everything is valid and removed again when
 * the database write fails.
 */
export async function uploadCompletionCertificate(
  db: Db,
  actor: Actor,
  input: { trainingId?: unknown; completedOn?: unknown; file: UploadedFile },
  { store = fileStore(), now = new Date() }: { store?: FileStore; now?: Date } = {},
) {
  if (!actor.personId || !hasPermission(actor.roles, "create:completion:own")) throw new AccessDeniedError("Zertifikate laden nur Beschäftigte für sich selbst hoch.");
  const personId = actor.personId;
  const fieldErrors: Record<string, string[]> = {};
  const add = (field: string, message: string) => (fieldErrors[field] ??= []).push(message);
  const parsed = UploadFieldsSchema.safeParse({ trainingId: input.trainingId, completedOn: input.completedOn });
  if (!parsed.success) for (const issue of parsed.error.issues) add(String(issue.path[0] ?? "form"), issue.message);

  const today = berlinDate(now);
  const oldest = `${Number(today.slice(0, 4)) - UPLOAD_MAX_AGE_YEARS}${today.slice(4)}`;
  if (parsed.success) {
    if (parsed.data.completedOn > today) add("completedOn", "completions.upload.dateInFuture");
    else if (parsed.data.completedOn < oldest) add("completedOn", "completions.upload.dateTooOld");
  }
  let training: { id: string; code: string; title: string } | null = null;
  if (parsed.success) {
    training = await db.training.findFirst({ where: { id: parsed.data.trainingId, status: "PUBLISHED" }, select: { id: true, code: true, title: true } });
    if (!training) add("trainingId", "completions.upload.trainingUnknown");
    else if (await db.trainingCompletion.findFirst({ where: { personId, trainingId: training.id, status: "PENDING" }, select: { id: true } })) {
      add("trainingId", "completions.upload.pendingExists");
    }
  }
  let checked: Awaited<ReturnType<typeof checkDocument>> | null = null;
  try {
    if (input.file.tooLarge) throw new FileRejectedError("tooLarge");
    checked = await checkDocument(store, input.file.bytes);
  } catch (error) {
    if (!(error instanceof FileRejectedError)) throw error;
    add("file", FILE_MESSAGES[error.reason]);
  }
  if (Object.keys(fieldErrors).length > 0 || !parsed.success || !training || !checked) throw new ValidationError("form.checkFields", fieldErrors);

  const saved = await saveDocument(store, input.file.bytes);
  const completedAt = berlinToUtc(parsed.data.completedOn, "12:00");
  try {
    return await retryOnUniqueClash(() =>
      db.$transaction(async (tx) => {
        const [certificateNumber] = await nextCertificateNumbers(tx, 1, now);
        const completion = await tx.trainingCompletion.create({
          data: {
            personId,
            trainingId: training.id,
            completedAt,
            result: "PARTICIPATED",
            status: "PENDING",
            certificateNumber: certificateNumber!,
            uploadStorageKey: saved.key,
            uploadFileName: safeFileName(input.file.name, saved.ext, "zertifikat"),
            uploadMimeType: saved.mime,
            uploadSizeBytes: saved.sizeBytes,
            recordedById: actor.userId,
          },
        });
        await recordAudit(tx, {
          actorUserId: actor.userId,
          action: "completion.upload",
          entityType: "TrainingCompletion",
          entityId: completion.id,
          affectedPersonId: personId,
          summary: `${training.code}: Zertifikat hochgeladen, abgeschlossen am ${parsed.data.completedOn}, ${saved.mime}, ${saved.sizeBytes} Bytes`,
        });
        return completion;
      }),
    );
  } catch (error) {
    await deleteStoredFile(store, saved.key);
    throw error;
  }
}

/** The person withdraws their own pending upload; the file goes once the row is gone. */
export async function withdrawCompletionUpload(db: Db, actor: Actor, completionId: string, { store = fileStore() }: { store?: FileStore } = {}) {
  const key = await db.$transaction(async (tx) => {
    const completion = await tx.trainingCompletion.findUnique({
      where: { id: completionId },
      select: { id: true, personId: true, status: true, uploadStorageKey: true, training: { select: { code: true } } },
    });
    if (!completion) throw new NotFoundError("Nachweis nicht gefunden");
    if (completion.personId !== actor.personId || !hasPermission(actor.roles, "create:completion:own")) throw new AccessDeniedError("Nur die Person selbst zieht ihr Zertifikat zurück.");
    if (completion.status !== "PENDING" || !completion.uploadStorageKey) throw new ValidationError("completions.upload.onlyPendingWithdrawable");
    await tx.trainingCompletion.delete({ where: { id: completion.id } });
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: "completion.withdraw",
      entityType: "TrainingCompletion",
      entityId: completion.id,
      affectedPersonId: completion.personId,
      summary: `${completion.training.code}: hochgeladenes Zertifikat zurückgezogen`,
    });
    return completion.uploadStorageKey;
  });
  await deleteStoredFile(store, key);
}

/** Pending uploads for HR development, oldest first (a queue, not a ranking); never the actor's own. Audited. */
export async function listCompletionsForReview(db: Db, actor: Actor) {
  requireReviewer(actor);
  const where = { status: "PENDING" as const, uploadStorageKey: { not: null }, ...(actor.personId ? { personId: { not: actor.personId } } : {}) };
  return db.$transaction(async (tx) => {
    const [total, items] = await Promise.all([
      tx.trainingCompletion.count({ where }),
      tx.trainingCompletion.findMany({
        where,
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        take: REVIEW_LIMIT,
        select: {
          id: true,
          completedAt: true,
          createdAt: true,
          certificateNumber: true,
          uploadFileName: true,
          uploadMimeType: true,
          uploadSizeBytes: true,
          person: { select: { id: true, firstName: true, lastName: true, orgUnit: { select: { code: true, name: true } } } },
          training: {
            select: {
              id: true,
              code: true,
              title: true,
              format: true,
              provider: true,
              competencies: { select: { targetLevel: true, competency: { select: { code: true, name: true } } }, orderBy: { lineageId: "asc" } },
            },
          },
        },
      }),
    ]);
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: "completion.review-read",
      entityType: "TrainingCompletion",
      summary: `Zertifikate prüfen, ${items.length} offene Zertifikate`,
    });
    return { total, items };
  });
}

async function pendingForDecision(tx: Tx, actor: Actor, completionId: string) {
  requireReviewer(actor);
  const completion = await tx.trainingCompletion.findUnique({
    where: { id: completionId },
    select: {
      id: true,
      personId: true,
      trainingId: true,
      status: true,
      completedAt: true,
      certificateNumber: true,
      uploadStorageKey: true,
      person: { select: { firstName: true, lastName: true } },
      training: { select: { code: true, title: true } },
    },
  });
  if (!completion || !completion.uploadStorageKey) throw new NotFoundError("Zertifikat nicht gefunden");
  if (completion.personId === actor.personId) throw new AccessDeniedError("Über das eigene Zertifikat entscheidet eine andere Person der Personalentwicklung.");
  if (completion.status !== "PENDING") throw new ValidationError("completions.review.alreadyDecided");
  return completion;
}

/** Marks the upload decided, only while it is still pending (two reviewers at once: one wins). */
async function decide(tx: Tx, actor: Actor, completionId: string, data: { status: "CONFIRMED" | "REJECTED"; decisionNote: string; result?: "PARTICIPATED" | "PASSED"; expiresAt?: Date | null }, at: Date) {
  const { count } = await tx.trainingCompletion.updateMany({
    where: { id: completionId, status: "PENDING" },
    data: { ...data, decidedById: actor.userId, decidedAt: at },
  });
  if (count !== 1) throw new ValidationError("completions.review.alreadyDecided");
}

/**
 * HR development confirms an uploaded certificate: result (participated or passed), optional
 * expiry, level records, the person's notification and the audit event in one transaction.
 */
export async function confirmCompletion(db: Db, actor: Actor, input: { completionId: string; result?: unknown; expiresOn?: unknown }, { now = new Date() }: { now?: Date } = {}) {
  requireReviewer(actor);
  const parsed = ConfirmSchema.safeParse({ result: input.result, expiresOn: input.expiresOn });
  return db.$transaction(async (tx) => {
    const completion = await pendingForDecision(tx, actor, input.completionId);
    const fieldErrors: Record<string, string[]> = {};
    if (!parsed.success) for (const issue of parsed.error.issues) (fieldErrors[String(issue.path[0] ?? "form")] ??= []).push(issue.message);
    else if (parsed.data.expiresOn && parsed.data.expiresOn <= berlinDate(completion.completedAt)) fieldErrors.expiresOn = ["completions.error.expiryBeforeCompletion"];
    if (!parsed.success || Object.keys(fieldErrors).length > 0) throw new ValidationError("form.checkFields", fieldErrors);
    const expiresAt = expiryOf(parsed.data.expiresOn);
    await decide(tx, actor, completion.id, { status: "CONFIRMED", decisionNote: "", result: parsed.data.result, expiresAt }, now);
    await syncAfterCompletions(tx, [completion.personId], [completion.trainingId]);
    await afterCompletionsCreated(tx, [{ id: completion.id, personId: completion.personId, trainingId: completion.trainingId, sessionId: null, completedAt: completion.completedAt, result: parsed.data.result }], { now });
    const levels = await writeCompletionLevels(tx, [
      { completionId: completion.id, personId: completion.personId, trainingId: completion.trainingId, completedAt: completion.completedAt, certificateNumber: completion.certificateNumber, recordedById: actor.userId },
    ]);
    await notify(tx, { personId: completion.personId, kind: "completion.confirmed", params: { training: completion.training.title }, link: COMPLETIONS_LINK });
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: "completion.confirm",
      entityType: "TrainingCompletion",
      entityId: completion.id,
      affectedPersonId: completion.personId,
      summary: `${completion.training.code}: Zertifikat anerkannt (${parsed.data.result}${expiresAt ? `, gültig bis ${parsed.data.expiresOn}` : ""}), ${levels.written} Stufen`,
    });
    return { person: personName(completion.person), training: completion.training.title, levelRecords: levels.written };
  });
}

/** HR development rejects an uploaded certificate; the reason is required and shown to the person. */
export async function rejectCompletion(db: Db, actor: Actor, input: { completionId: string; reason?: unknown }, { now = new Date() }: { now?: Date } = {}) {
  requireReviewer(actor);
  return db.$transaction(async (tx) => {
    const completion = await pendingForDecision(tx, actor, input.completionId);
    const reason = ReasonSchema.safeParse(input.reason ?? "");
    if (!reason.success) throw new ValidationError("form.checkFields", { reason: [reason.error.issues[0]!.message] });
    await decide(tx, actor, completion.id, { status: "REJECTED", decisionNote: reason.data }, now);
    await notify(tx, { personId: completion.personId, kind: "completion.rejected", params: { training: completion.training.title, note: reason.data }, link: COMPLETIONS_LINK });
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: "completion.reject",
      entityType: "TrainingCompletion",
      entityId: completion.id,
      affectedPersonId: completion.personId,
      summary: `${completion.training.code}: Zertifikat nicht anerkannt`,
    });
    return { person: personName(completion.person), training: completion.training.title };
  });
}

/**
 * The uploaded certificate file, for the person and HR development (reads by HR are audited in
 * the same transaction).
 */
export async function getCompletionUpload(db: Db, actor: Actor, completionId: string, { store = fileStore() }: { store?: FileStore } = {}) {
  return db.$transaction(async (tx) => {
    const completion = await tx.trainingCompletion.findUnique({
      where: { id: completionId },
      select: { id: true, personId: true, uploadStorageKey: true, uploadFileName: true, uploadMimeType: true, training: { select: { code: true } } },
    });
    if (!completion || !completion.uploadStorageKey) throw new NotFoundError("Zertifikat nicht gefunden");
    const own = completion.personId === actor.personId && hasPermission(actor.roles, "read:completion:own");
    if (!own && !hasPermission(actor.roles, "update:completion:any")) throw new AccessDeniedError("Hochgeladene Zertifikate sehen nur die Person selbst und die Personalentwicklung.");
    const bytes = await readStoredFile(store, completion.uploadStorageKey);
    if (!bytes) throw new NotFoundError("Die Datei zu diesem Zertifikat fehlt.");
    if (!own) {
      await recordAudit(tx, {
        actorUserId: actor.userId,
        action: "completion.upload-download",
        entityType: "TrainingCompletion",
        entityId: completion.id,
        affectedPersonId: completion.personId,
        summary: `${completion.training.code}: Datei ${completion.uploadFileName ?? ""} geöffnet (Zugriff: any)`,
      });
    }
    return { fileName: completion.uploadFileName ?? "zertifikat", mimeType: completion.uploadMimeType ?? "application/octet-stream", bytes };
  });
}

// ── Lists ───────────────────────────────────────────────────────────────────────────────────

/**
 * All completions of a person (newest first) with result, status, expiry and what can be
 * downloaded: for the person ("Meine Nachweise"), their leader and HR (person page, audited).
 */
export async function listCompletionsOfPerson(db: Db, actor: Actor, personId: string, { now = new Date() }: { now?: Date } = {}) {
  return db.$transaction(async (tx) => {
    const person = await tx.person.findUnique({ where: { id: personId }, select: { id: true, firstName: true, lastName: true, orgUnit: { select: { path: true } } } });
    if (!person) throw new NotFoundError("Person nicht gefunden");
    const access = readAccess(actor, person);
    const rows = await tx.trainingCompletion.findMany({
      where: { personId },
      orderBy: [{ completedAt: "desc" }, { id: "asc" }],
      take: 500,
      select: {
        id: true,
        completedAt: true,
        result: true,
        status: true,
        expiresAt: true,
        certificateNumber: true,
        uploadFileName: true,
        uploadSizeBytes: true,
        uploadStorageKey: true,
        decisionNote: true,
        decidedAt: true,
        createdAt: true,
        training: { select: { id: true, code: true, title: true, format: true } },
        session: { select: { id: true, startsAt: true, endsAt: true } },
      },
    });
    if (access !== "own") {
      await recordAudit(tx, {
        actorUserId: actor.userId,
        action: "completion.read",
        entityType: "Person",
        entityId: personId,
        affectedPersonId: personId,
        summary: `Schulungsnachweise angesehen (Zugriff: ${access}, ${rows.length} Einträge)`,
      });
    }
    const mayOpenUpload = access === "own" || hasPermission(actor.roles, "update:completion:any");
    return {
      access,
      person: { id: person.id, firstName: person.firstName, lastName: person.lastName },
      items: rows.map(({ uploadStorageKey, ...r }) => ({
        ...r,
        result: r.result as ResultValue,
        status: r.status as CompletionStatusValue,
        expired: !!r.expiresAt && r.expiresAt < now,
        uploaded: !!uploadStorageKey,
        canOpenUpload: !!uploadStorageKey && mayOpenUpload,
        canDownloadCertificate: r.status === "CONFIRMED",
        canWithdraw: access === "own" && r.status === "PENDING" && !!uploadStorageKey,
      })),
    };
  });
}

// ── Certificates ────────────────────────────────────────────────────────────────────────────

export interface CertificateData {
  certificateNumber: string;
  person: { firstName: string; lastName: string };
  training: { code: string; title: string; format: string; provider: string; durationMinutes: number };
  /** The days of the session, or the completion date for uploads. */
  days: { startsAt: Date; endsAt: Date | null }[];
  completedAt: Date;
  result: ResultValue;
  expiresAt: Date | null;
  /** What the training develops, with the level it leads to (none for a failed result). */
  competencies: { code: string; name: string; level: number; levelLabel: string | null; framework: string }[];
  issuedAt: Date;
}

/**
 * What the certificate of participation shows, if the actor may have it: the person, their
 * leader, HR development. Only confirmed completions have one. Reads by others are audited.
 */
export async function getCertificate(db: Db, actor: Actor, completionId: string, { now = new Date() }: { now?: Date } = {}): Promise<{ access: Access; data: CertificateData }> {
  return db.$transaction(async (tx) => {
    const completion = await tx.trainingCompletion.findUnique({
      where: { id: completionId },
      select: {
        id: true,
        status: true,
        result: true,
        completedAt: true,
        expiresAt: true,
        certificateNumber: true,
        decidedAt: true,
        createdAt: true,
        person: { select: { id: true, firstName: true, lastName: true, orgUnit: { select: { path: true } } } },
        training: {
          select: {
            code: true,
            title: true,
            format: true,
            provider: true,
            durationMinutes: true,
            competencies: {
              select: {
                targetLevel: true,
                competency: {
                  select: { code: true, name: true, framework: { select: { name: true, scale: { select: { levels: { select: { ordinal: true, label: true } } } } } } },
                },
              },
            },
          },
        },
        session: { select: { days: { orderBy: { startsAt: "asc" }, select: { startsAt: true, endsAt: true } } } },
      },
    });
    if (!completion) throw new NotFoundError("Bescheinigung nicht gefunden");
    const access = readAccess(actor, completion.person);
    if (completion.status !== "CONFIRMED") throw new NotFoundError("Für diesen Nachweis gibt es (noch) keine Bescheinigung.");
    if (access !== "own") {
      await recordAudit(tx, {
        actorUserId: actor.userId,
        action: "completion.certificate-read",
        entityType: "TrainingCompletion",
        entityId: completion.id,
        affectedPersonId: completion.person.id,
        summary: `Teilnahmebescheinigung ${completion.certificateNumber} geöffnet (Zugriff: ${access})`,
      });
    }
    const result = completion.result as ResultValue;
    const competencies =
      result === "FAILED"
        ? []
        : completion.training.competencies
            .map((c) => ({
              code: c.competency.code,
              name: c.competency.name,
              level: c.targetLevel,
              levelLabel: c.competency.framework.scale.levels.find((l) => l.ordinal === c.targetLevel)?.label ?? null,
              framework: c.competency.framework.name,
            }))
            .sort((a, b) => a.framework.localeCompare(b.framework, "de") || a.code.localeCompare(b.code, "de", { numeric: true }));
    const days = completion.session?.days.length ? completion.session.days : [{ startsAt: completion.completedAt, endsAt: null }];
    return {
      access,
      data: {
        certificateNumber: completion.certificateNumber,
        person: { firstName: completion.person.firstName, lastName: completion.person.lastName },
        training: { code: completion.training.code, title: completion.training.title, format: completion.training.format, provider: completion.training.provider, durationMinutes: completion.training.durationMinutes },
        days,
        completedAt: completion.completedAt,
        result,
        expiresAt: completion.expiresAt,
        competencies,
        issuedAt: now,
      },
    };
  });
}
