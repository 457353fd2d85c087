// The completion part of the demo seed: attendance and completions of past sessions, mandatory
// e-learning with expiry dates (some expired), the demo employee's certificates, one upload waiting
// for HR, level records in step with the current-level snapshot, seat counters still true.
import type { Db } from "~/utils/db.server.ts";
import { seedDemo } from "~/modules/seed/seed.server.ts";
import { DEMO_EMAILS } from "~/modules/seed/generator.ts";
import { OPEN_SESSION } from "~/modules/seed/completion-seed.server.ts";
import { fileStore, readStoredFile } from "~/modules/files/file-store.server.ts";
import { snapshotsOf } from "~/modules/assessment/level-records.server.ts";
import type { LevelSourceValue } from "~/modules/assessment/levels.ts";
import { CERTIFICATE_NUMBER_PATTERN, getAttendanceSheet, getCertificate, listCompletionsForReview, listCompletionsOfPerson } from "~/modules/training/completions.server.ts";
import { actorFor } from "../factories.ts";
import { emptyDatabase } from "../setup/empty-database.ts";

let db: Db;
let drop: () => Promise<void>;
let seeded: Awaited<ReturnType<typeof seedDemo>>;

beforeAll(async () => {
  ({ db, drop } = await emptyDatabase());
  seeded = await seedDemo(db);
}, 240_000);

afterAll(async () => {
  await drop?.();
});

const actorOf = async (email: string) => actorFor(db, (await db.user.findUniqueOrThrow({ where: { email } })).id);

describe("completion seed", () => {
  it("writes a few hundred completions with unique numbers, expiry dates and one pending upload", async () => {
    const all = await db.trainingCompletion.findMany({ select: { certificateNumber: true, status: true, expiresAt: true, result: true, training: { select: { code: true } }, completedAt: true } });
    // The mandatory-training seed adds its own completions (Security Awareness, first aid, …), the
    // feedback seed earlier runs of some trainings.
    expect(seeded.completion.completions + seeded.compliance.completions + seeded.feedback.completions).toBe(all.length);
    expect(all.length).toBeGreaterThan(200);
    expect(all.every((c) => CERTIFICATE_NUMBER_PATTERN.test(c.certificateNumber))).toBe(true);
    expect(all.filter((c) => c.status === "PENDING")).toHaveLength(1);
    const now = new Date();
    const expired = all.filter((c) => c.expiresAt && c.expiresAt < now);
    expect(expired.length).toBe(seeded.completion.expired);
    expect(new Set(expired.map((c) => c.training.code))).toEqual(new Set(["AS-01", "DS-01"]));
    // Arbeitsschutz for 12 months, Datenschutz for 24, from the completion date.
    for (const c of all.filter((x) => x.training.code === "AS-01" || x.training.code === "DS-01")) {
      const months = c.training.code === "AS-01" ? 12 : 24;
      const days = (c.expiresAt!.getTime() - c.completedAt.getTime()) / 86_400_000;
      expect(days).toBeGreaterThan(months * 30);
      expect(days).toBeLessThan(months * 31 + 2);
    }
    expect(all.some((c) => c.result === "FAILED")).toBe(true);
    expect(all.some((c) => c.result === "PASSED")).toBe(true);
  });

  it("records attendance of past sessions, leaves one open, and keeps seat counters true", async () => {
    const sessions = await db.trainingSession.findMany({ select: { id: true, capacity: true, confirmedCount: true, _count: { select: { enrolments: { where: { status: "CONFIRMED" } } } } } });
    for (const s of sessions) {
      expect(s.confirmedCount).toBe(s._count.enrolments);
      expect(s.confirmedCount).toBeLessThanOrEqual(s.capacity);
    }
    // Every attended place has exactly one completion; partly or absent none.
    const places = await db.enrolment.findMany({ where: { attendance: { not: null } }, select: { attendance: true, completion: { select: { id: true } } } });
    expect(places.length).toBeGreaterThan(50);
    for (const p of places) expect(!!p.completion).toBe(p.attendance === "ATTENDED");
    expect(places.some((p) => p.attendance === "ABSENT")).toBe(true);

    const hr = await actorOf(DEMO_EMAILS.hr);
    const open = await db.training.findUniqueOrThrow({ where: { code: OPEN_SESSION.code }, select: { sessions: { orderBy: [{ startsAt: "asc" }, { id: "asc" }], select: { id: true } } } });
    const sheet = await getAttendanceSheet(db, hr, open.sessions[OPEN_SESSION.index]!.id);
    expect(sheet.canRecord).toBe(true);
    expect(sheet.participants.length).toBeGreaterThanOrEqual(2);
    expect(sheet.participants.every((p) => p.attendance === null && p.completion === null)).toBe(true);
    const employee = await actorOf(DEMO_EMAILS.employee);
    expect(sheet.participants.map((p) => p.person.id)).toContain(employee.personId);
  });

  it("gives the demo employee a session certificate, her own confirmed upload and an expired instruction", async () => {
    const employee = await actorOf(DEMO_EMAILS.employee);
    const list = await listCompletionsOfPerson(db, employee, employee.personId!);
    const byCode = new Map(list.items.map((i) => [i.training.code, i]));
    expect(byCode.get("EA-01")).toMatchObject({ status: "CONFIRMED", canDownloadCertificate: true, uploaded: false });
    expect(byCode.get("DS-01")).toMatchObject({ status: "CONFIRMED", uploaded: true, canOpenUpload: true, expired: false });
    expect(byCode.get("AS-01")).toMatchObject({ status: "CONFIRMED", expired: true });
    const certificate = await getCertificate(db, employee, byCode.get("EA-01")!.id);
    expect(certificate.data.competencies.length).toBeGreaterThan(0);
    const upload = await db.trainingCompletion.findUniqueOrThrow({ where: { id: byCode.get("DS-01")!.id } });
    expect(await readStoredFile(fileStore(), upload.uploadStorageKey!)).not.toBeNull();
    // Level records of her session completion exist with source TRAINING.
    expect(await db.competencyLevelRecord.count({ where: { completionId: byCode.get("EA-01")!.id, source: "TRAINING" } })).toBeGreaterThan(0);
  });

  it("puts the pending upload in HR's queue with its file", async () => {
    const hr = await actorOf(DEMO_EMAILS.hr);
    const queue = await listCompletionsForReview(db, hr);
    expect(queue.total).toBe(1);
    const item = await db.trainingCompletion.findUniqueOrThrow({ where: { id: queue.items[0]!.id } });
    expect(item.uploadMimeType).toBe("application/pdf");
    expect((await readStoredFile(fileStore(), item.uploadStorageKey!))?.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  });

  it("writes level records that the current-level snapshot agrees with", async () => {
    const training = await db.competencyLevelRecord.findMany({ where: { source: "TRAINING" }, select: { personId: true, completionId: true } });
    expect(training.length).toBe(seeded.completion.levelRecords + seeded.compliance.levelRecords + seeded.feedback.levelRecords);
    expect(training.every((r) => r.completionId)).toBe(true);
    expect(seeded.assessment.records).toBe(await db.competencyLevelRecord.count());
    const people = [...new Set(training.map((r) => r.personId))].slice(0, 60);
    const records = await db.competencyLevelRecord.findMany({
      where: { personId: { in: people } },
      select: { id: true, personId: true, lineageId: true, competencyId: true, level: true, source: true, recordedAt: true },
    });
    const expected = snapshotsOf(records.map((r) => ({ ...r, source: r.source as LevelSourceValue })));
    const snapshot = await db.currentCompetencyLevel.findMany({ where: { personId: { in: people } } });
    const key = (s: { personId: string; lineageId: string }) => `${s.personId}|${s.lineageId}`;
    expect(new Map(snapshot.map((s) => [key(s), s.recordId]))).toEqual(new Map(expected.map((s) => [key(s), s.recordId])));
  });
});
