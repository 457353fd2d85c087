// Completions of the demo administration, written after the enrolment seed, so "Meine Nachweise",
// the person pages, the attendance sheets and "Zertifikate prüfen" show something on first start.
//
// - Past sessions: the confirmed places of the enrolment seed get their attendance and, where
//   attended, a completion; past sessions without places are filled with ordinary staff (never the
//   demo accounts or the demo leader's team), mostly attended, a few partly or absent, a passed
//   and a failed exam. One recent session of the demo employee (KI-01, the earliest) is left
//   without attendance: HR development still has to record it.
// - The mandatory e-learning courses: Arbeitsschutz-Unterweisung (valid 12 months) and
//   Datenschutz-Grundschulung (valid 24 months) for most active people, taken over from the
//   e-learning platform, spread over the last months so that some have expired.
// - The demo employee (Miriam Schäfer): E-Akte Grundlagen from a session, the data protection
//   course as a confirmed upload of her own certificate (with the file), and an expired safety
//   instruction; someone in the demo leader's team has an upload waiting for HR.
// - Level records (source TRAINING) through writeCompletionLevels(), which goes through
//   recordLevels() and keeps the current-level snapshot in step (never lowering a higher level).
//
// Seat counters stay equal to the confirmed enrolments (added places go through takeSeat). No
// notifications (the notification seed holds the demo inbox); one audit event sums up the seed.
// Deterministic for a seed value, relative to `now`.
import { randomUUID } from "node:crypto";
import type { Db, Tx } from "~/utils/db.server.ts";
import type { Prisma } from "~/generated/sqlite/client.ts";
import { recordAudit } from "~/modules/audit/audit.server.ts";
import { deleteStoredFile, saveDocument, type FileStore } from "~/modules/files/file-store.server.ts";
import { addMonths } from "~/modules/assessment/levels.ts";
import { activeKeyOf, takeSeat } from "~/modules/training/enrolment.server.ts";
import { certificateNumberOf, writeCompletionLevels } from "~/modules/training/completions.server.ts";
import { berlinDate, endOfBerlinDay } from "~/modules/training/berlin-time.ts";
import { mulberry32 } from "./assessment-seed.server.ts";
import { certificatePdf } from "./evidence-seed.server.ts";

const DAY = 86_400_000;
/** Recurring courses and how long a completion counts (months). */
export const VALIDITY_MONTHS: Record<string, number> = { "AS-01": 12, "DS-01": 24 };
/** The session left without attendance: training code and index among its sessions by start. */
export const OPEN_SESSION = { code: "KI-01", index: 0 };

export interface CompletionSeedOptions {
  store: FileStore;
  /** Active people in a fixed order (the e-learning completions are drawn from them). */
  people: { id: string; entryDate: Date; firstName: string; lastName: string }[];
  employeeId: string;
  /** People who must not get extra places in past sessions: demo accounts and the demo leader's team. */
  reserved: string[];
  /** Someone in the demo leader's team whose upload waits for HR. */
  uploaderId: string | null;
  hrUserId: string;
  employeeUserId: string;
  seed: number;
  now?: Date;
}

type Result = "PARTICIPATED" | "PASSED" | "FAILED";
interface PlannedCompletion {
  id: string;
  personId: string;
  trainingId: string;
  sessionId: string | null;
  enrolmentId: string | null;
  completedAt: Date;
  result: Result;
  status: "CONFIRMED" | "PENDING";
  expiresAt: Date | null;
  upload?: { key: string; fileName: string; mime: string; size: number };
  decidedAt?: Date;
}

const expiryOf = (code: string, completedAt: Date) => (VALIDITY_MONTHS[code] ? endOfBerlinDay(berlinDate(addMonths(completedAt, VALIDITY_MONTHS[code]!))) : null);

export async function seedCompletions(db: Db, options: CompletionSeedOptions) {
  const now = options.now ?? new Date();
  const rand = mulberry32(options.seed + 517);
  const reserved = new Set(options.reserved);
  const byId = new Map(options.people.map((p) => [p.id, p]));
  const employee = byId.get(options.employeeId);

  const trainings = await db.training.findMany({
    where: { code: { in: ["AS-01", "DS-01", "IS-01", OPEN_SESSION.code] } },
    select: { id: true, code: true, title: true },
  });
  const training = new Map(trainings.map((t) => [t.code, t]));

  // Files first (outside the transaction), removed again if the transaction fails.
  const files: string[] = [];
  const save = async (bytes: Uint8Array, fileName: string) => {
    const saved = await saveDocument(options.store, bytes);
    files.push(saved.key);
    return { key: saved.key, fileName, mime: saved.mime, size: saved.sizeBytes };
  };
  const privacy = training.get("DS-01");
  const security = training.get("IS-01");
  const employeeDsAt = new Date(now.getTime() - 200 * DAY);
  const uploader = options.uploaderId ? byId.get(options.uploaderId) : undefined;
  const employeeUpload =
    employee && privacy
      ? await save(
          await certificatePdf({ title: "Zertifikat", person: `${employee.firstName} ${employee.lastName}`, lines: [`hat den Kurs „${privacy.title}“`, "mit Abschlusstest (88 %) erfolgreich abgeschlossen."], date: employeeDsAt }),
          "Zertifikat_Datenschutz_Grundschulung.pdf",
        )
      : null;
  const pendingUpload =
    uploader && security
      ? await save(
          await certificatePdf({ title: "Teilnahmezertifikat", person: `${uploader.firstName} ${uploader.lastName}`, lines: [`hat das E-Learning „${security.title}“`, "vollständig bearbeitet und den Abschlusstest bestanden."], date: new Date(now.getTime() - 6 * DAY) }),
          "Zertifikat_Security_Awareness.pdf",
        )
      : null;

  try {
    return await db.$transaction(
      async (tx) => {
        const planned: PlannedCompletion[] = [];
        const attendance: { id: string; value: "ATTENDED" | "PARTIAL" | "ABSENT"; at: Date }[] = [];
        const sessionsOut = await pastSessions(tx, options, planned, attendance, reserved, rand, now);
        // Mandatory e-learning, taken over from the e-learning platform.
        for (const person of options.people) {
          if (person.id === options.employeeId) continue;
          for (const [code, share, maxDays] of [
            ["AS-01", 0.85, 420],
            ["DS-01", 0.75, 800],
          ] as const) {
            const t = training.get(code);
            if (!t || rand() >= share) continue;
            const completedAt = new Date(now.getTime() - Math.floor(5 + rand() * (maxDays - 5)) * DAY);
            if (completedAt.getTime() < person.entryDate.getTime() + 7 * DAY) continue;
            planned.push({ id: randomUUID(), personId: person.id, trainingId: t.id, sessionId: null, enrolmentId: null, completedAt, result: "PASSED", status: "CONFIRMED", expiresAt: expiryOf(code, completedAt) });
          }
        }
        // The demo employee: an expired safety instruction and her own data protection certificate.
        const safety = training.get("AS-01");
        if (employee && safety) {
          const completedAt = new Date(now.getTime() - 390 * DAY);
          planned.push({ id: randomUUID(), personId: employee.id, trainingId: safety.id, sessionId: null, enrolmentId: null, completedAt, result: "PASSED", status: "CONFIRMED", expiresAt: expiryOf("AS-01", completedAt) });
        }
        if (employee && privacy && employeeUpload) {
          planned.push({
            id: randomUUID(),
            personId: employee.id,
            trainingId: privacy.id,
            sessionId: null,
            enrolmentId: null,
            completedAt: employeeDsAt,
            result: "PASSED",
            status: "CONFIRMED",
            expiresAt: expiryOf("DS-01", employeeDsAt),
            upload: employeeUpload,
            decidedAt: new Date(employeeDsAt.getTime() + 2 * DAY),
          });
        }
        if (uploader && security && pendingUpload) {
          planned.push({
            id: randomUUID(),
            personId: uploader.id,
            trainingId: security.id,
            sessionId: null,
            enrolmentId: null,
            completedAt: new Date(now.getTime() - 6 * DAY),
            result: "PARTICIPATED",
            status: "PENDING",
            expiresAt: null,
            upload: pendingUpload,
          });
        }

        // Certificate numbers per year of completion, in order of completion.
        planned.sort((a, b) => a.completedAt.getTime() - b.completedAt.getTime() || a.id.localeCompare(b.id));
        const perYear = new Map<number, number>();
        const rows: Prisma.TrainingCompletionCreateManyInput[] = planned.map((c) => {
          const year = Number(berlinDate(c.completedAt).slice(0, 4));
          const n = (perYear.get(year) ?? 0) + 1;
          perYear.set(year, n);
          const recordedAt = c.upload ? new Date(c.completedAt.getTime() + DAY) : new Date(c.completedAt.getTime() + 2 * 3600_000);
          return {
            id: c.id,
            personId: c.personId,
            trainingId: c.trainingId,
            sessionId: c.sessionId,
            enrolmentId: c.enrolmentId,
            completedAt: c.completedAt,
            result: c.result,
            status: c.status,
            expiresAt: c.expiresAt,
            certificateNumber: certificateNumberOf(year, n),
            uploadStorageKey: c.upload?.key ?? null,
            uploadFileName: c.upload?.fileName ?? null,
            uploadMimeType: c.upload?.mime ?? null,
            uploadSizeBytes: c.upload?.size ?? null,
            recordedById: c.upload ? (c.personId === options.employeeId ? options.employeeUserId : options.hrUserId) : options.hrUserId,
            decidedById: c.decidedAt ? options.hrUserId : null,
            decidedAt: c.decidedAt ?? null,
            createdAt: recordedAt,
            updatedAt: c.decidedAt ?? recordedAt,
          };
        });
        for (let i = 0; i < rows.length; i += 500) await tx.trainingCompletion.createMany({ data: rows.slice(i, i + 500) });
        // Attendance: one update per value and recording day.
        const groups = new Map<string, { value: "ATTENDED" | "PARTIAL" | "ABSENT"; at: Date; ids: string[] }>();
        for (const a of attendance) {
          const key = `${a.value}|${a.at.toISOString()}`;
          const group = groups.get(key) ?? { value: a.value, at: a.at, ids: [] };
          group.ids.push(a.id);
          groups.set(key, group);
        }
        for (const g of groups.values()) {
          await tx.enrolment.updateMany({ where: { id: { in: g.ids } }, data: { attendance: g.value, attendanceRecordedById: options.hrUserId, attendanceRecordedAt: g.at } });
        }
        // Level records for confirmed completions that count, oldest first so the snapshot ends
        // with the newest.
        const numbers = new Map(rows.map((r) => [r.id!, r.certificateNumber]));
        const counting = planned.filter((c) => c.status === "CONFIRMED" && c.result !== "FAILED");
        let levelRecords = 0;
        for (let i = 0; i < counting.length; i += 200) {
          const written = await writeCompletionLevels(
            tx,
            counting.slice(i, i + 200).map((c) => ({ completionId: c.id, personId: c.personId, trainingId: c.trainingId, completedAt: c.completedAt, certificateNumber: numbers.get(c.id)!, recordedById: options.hrUserId })),
          );
          levelRecords += written.written;
        }
        const result = {
          completions: rows.length,
          confirmed: planned.filter((c) => c.status === "CONFIRMED").length,
          pending: planned.filter((c) => c.status === "PENDING").length,
          expired: planned.filter((c) => c.expiresAt && c.expiresAt < now).length,
          sessions: sessionsOut.recorded,
          addedPlaces: sessionsOut.added,
          levelRecords,
        };
        await recordAudit(tx, {
          actorUserId: options.hrUserId,
          action: "seed.completion",
          entityType: "TrainingCompletion",
          summary: `${result.completions} Schulungsabschlüsse (${result.pending} offen, ${result.expired} abgelaufen), Anwesenheit für ${result.sessions} Termine, ${result.levelRecords} Stufen`,
        });
        return result;
      },
      { timeout: 300_000, maxWait: 60_000 },
    );
  } catch (error) {
    for (const key of files) await deleteStoredFile(options.store, key);
    throw error;
  }
}

/**
 * Attendance and completions for the sessions that have ended: the places the enrolment seed
 * wrote, and new places of ordinary staff where a session has none.
 */
async function pastSessions(
  tx: Tx,
  options: CompletionSeedOptions,
  planned: PlannedCompletion[],
  attendance: { id: string; value: "ATTENDED" | "PARTIAL" | "ABSENT"; at: Date }[],
  reserved: Set<string>,
  rand: () => number,
  now: Date,
) {
  const sessions = await tx.trainingSession.findMany({
    where: { endsAt: { lt: now }, status: "SCHEDULED", training: { status: "PUBLISHED" } },
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      startsAt: true,
      endsAt: true,
      capacity: true,
      trainingId: true,
      trainerPersonId: true,
      training: { select: { code: true, description: true, sessions: { orderBy: [{ startsAt: "asc" }, { id: "asc" }], select: { id: true } } } },
      enrolments: { where: { status: "CONFIRMED" }, orderBy: { id: "asc" }, select: { id: true, personId: true } },
    },
  });
  // Ordinary staff for new places: not reserved, employed well before the session.
  const staff = options.people.filter((p) => !reserved.has(p.id));
  const enrolments: Prisma.EnrolmentCreateManyInput[] = [];
  let recorded = 0;
  for (const session of sessions) {
    const open = session.training.code === OPEN_SESSION.code && session.training.sessions[OPEN_SESSION.index]?.id === session.id;
    if (open) continue;
    const exam = /Prüfung|Abschlusstest/.test(session.training.description);
    const recordedAt = new Date(session.endsAt.getTime() + DAY);
    const places = session.enrolments.map((e) => ({ id: e.id, personId: e.personId }));
    if (places.length === 0) {
      const wanted = Math.max(3, Math.round(session.capacity * (0.5 + rand() * 0.35)));
      const chosen = new Set<string>();
      for (let tries = 0; chosen.size < wanted && tries < wanted * 20; tries++) {
        const p = staff[Math.floor(rand() * staff.length)];
        if (!p || p.id === session.trainerPersonId || p.entryDate.getTime() > session.startsAt.getTime() - 30 * DAY) continue;
        chosen.add(p.id);
      }
      for (const personId of chosen) {
        if (!(await takeSeat(tx, session.id))) break;
        const id = randomUUID();
        const at = new Date(session.startsAt.getTime() - Math.floor(10 + rand() * 30) * DAY);
        enrolments.push({
          id,
          personId,
          trainingId: session.trainingId,
          sessionId: session.id,
          status: "CONFIRMED",
          activeKey: activeKeyOf(personId, session.id),
          requestedById: options.hrUserId,
          decidedById: options.hrUserId,
          decidedAt: at,
          createdAt: at,
          updatedAt: at,
        });
        places.push({ id, personId });
      }
    }
    recorded++;
    let attended = 0;
    places.forEach((place, i) => {
      // The enrolment seed's places (demo employee and the demo leader's team): all attended,
      // except the last colleague of a session with three or more places.
      const demo = reserved.has(place.personId);
      const roll = demo ? (place.personId !== options.employeeId && places.length >= 3 && i === places.length - 1 ? 0 : 0.5) : rand();
      const value = roll < 0.06 ? "ABSENT" : roll < 0.1 ? "PARTIAL" : "ATTENDED";
      attendance.push({ id: place.id, value, at: recordedAt });
      if (value !== "ATTENDED") return;
      attended++;
      // With an exam: passed, except the third attendee of the session (the failed example).
      const result: Result = exam ? (!demo && attended === 3 ? "FAILED" : "PASSED") : "PARTICIPATED";
      planned.push({
        id: randomUUID(),
        personId: place.personId,
        trainingId: session.trainingId,
        sessionId: session.id,
        enrolmentId: place.id,
        completedAt: session.endsAt,
        result,
        status: "CONFIRMED",
        expiresAt: expiryOf(session.training.code, session.endsAt),
      });
    });
  }
  for (let i = 0; i < enrolments.length; i += 500) await tx.enrolment.createMany({ data: enrolments.slice(i, i + 500) });
  return { recorded, added: enrolments.length };
}
