import { db } from "~/utils/db.server.ts";
import { AccessDeniedError, NotFoundError, ValidationError } from "~/modules/errors.ts";
import { upsertPositionRequirement } from "~/modules/competency/profiles.server.ts";
import { getPersonGaps } from "~/modules/assessment/gaps.server.ts";
import { recordLevels } from "~/modules/assessment/level-records.server.ts";
import { fileStore, storedFileExists } from "~/modules/files/file-store.server.ts";
import {
  CERTIFICATE_NUMBER_PATTERN,
  confirmCompletion,
  getAttendanceSheet,
  getCertificate,
  getCompletionUpload,
  listCompletionsForReview,
  listCompletionsOfPerson,
  nextCertificateNumbers,
  recordAttendance,
  rejectCompletion,
  uploadCompletionCertificate,
  withdrawCompletionUpload,
} from "./completions.server.ts";
import { certificateFileName, datesText, durationText, renderCertificatePdf, toWinAnsi } from "./certificate-pdf.server.ts";
import { activeKeyOf } from "./enrolment.server.ts";
import { actorFor, createAccount, createPerson, createScenario, makeLeader } from "../../../tests/factories.ts";
import { createPublishedFramework } from "../../../tests/competency-factories.ts";
import { createTraining } from "../../../tests/training-factories.ts";
import { samplePdf, TEXT_AS_PDF } from "../../../tests/file-fixtures.ts";

const DAY = 86_400_000;

// WinAnsi's characters at 0x80–0x9F (Node's TextDecoder treats windows-1252 as Latin-1 there).
const WIN_ANSI_C1 = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";
const winAnsi = (bytes: Buffer) => [...bytes].map((b) => (b >= 0x80 && b <= 0x9f ? WIN_ANSI_C1[b - 0x80] : String.fromCharCode(b))).join("");

/** The text drawn in an uncompressed pdfkit PDF: standard fonts write WinAnsi hex strings in TJ arrays. */
function pdfText(pdf: Buffer) {
  const source = pdf.toString("latin1");
  const lines: string[] = [];
  for (const [, array] of source.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
    const hex = [...array!.matchAll(/<([0-9a-fA-F]*)>/g)].map((m) => m[1]).join("");
    lines.push(winAnsi(Buffer.from(hex, "hex")));
  }
  return lines.join("\n");
}

async function setup() {
  const s = await createScenario(db);
  const fw = await createPublishedFramework(db);
  const hr = await actorFor(db, s.hrUser.id);
  // The employee's position asks for "Verständlich schreiben" at level 3.
  await upsertPositionRequirement(db, hr, s.employee.position.id, { competencyId: fw.writing.id, targetLevel: 3, importance: "ESSENTIAL" });
  const trainerPerson = await createPerson(db, { unit: s.amtB, firstName: "Tina", title: "Fortbildung" });
  const trainerUser = await createAccount(db, trainerPerson);
  const colleagueUser = await createAccount(db, s.colleague);
  // Otto leads Amt B: a leader of another team.
  await makeLeader(db, s.amtB.id, s.outsider.id);
  const otherLeaderUser = await createAccount(db, s.outsider);
  return {
    s,
    fw,
    hr,
    employee: await actorFor(db, s.employeeUser.id),
    leader: await actorFor(db, s.leaderUser.id),
    colleague: await actorFor(db, colleagueUser.id),
    trainer: await actorFor(db, trainerUser.id),
    otherLeader: await actorFor(db, otherLeaderUser.id),
    trainerPerson,
  };
}
type Setup = Awaited<ReturnType<typeof setup>>;

/** A session that ended yesterday with confirmed places for the given people. */
async function pastSession(ctx: Setup, people: { id: string }[], { trainer = true, startsInDays = -1, title = "Schreibwerkstatt" } = {}) {
  const { training, session } = await createTraining(db, {
    title,
    startsInDays,
    requiresApproval: false,
    trainerPersonId: trainer ? ctx.trainerPerson.id : null,
    competencies: [
      { node: ctx.fw.writing, targetLevel: 3 },
      { node: ctx.fw.listening, targetLevel: 2 },
    ],
  });
  const enrolments = [];
  for (const p of people) {
    enrolments.push(
      await db.enrolment.create({
        data: { personId: p.id, trainingId: training.id, sessionId: session.id, status: "CONFIRMED", activeKey: activeKeyOf(p.id, session.id), requestedById: ctx.s.hrUser.id },
      }),
    );
  }
  await db.trainingSession.update({ where: { id: session.id }, data: { confirmedCount: people.length } });
  return { training, session, enrolments };
}

const row = (enrolmentId: string, attendance: string, extra: { result?: string; expiresOn?: string } = {}) => ({ enrolmentId, attendance, ...extra });

async function gapOfWriting(ctx: Setup) {
  const gaps = await getPersonGaps(db, ctx.hr, ctx.s.employee.id, { validityMonths: 24 });
  return gaps.rows.find((r) => r.competency.id === ctx.fw.writing.id)!;
}

describe("recordAttendance", () => {
  it("creates completions for attendees with level records, notifications and audit; the person's gap closes", async () => {
    const ctx = await setup();
    const { session, training, enrolments } = await pastSession(ctx, [ctx.s.employee, ctx.s.colleague, ctx.s.outsider]);
    const [emp, col, out] = enrolments;
    expect((await gapOfWriting(ctx)).gap).toBe(3);

    const result = await recordAttendance(db, ctx.hr, {
      sessionId: session.id,
      rows: [row(emp!.id, "ATTENDED", { result: "PASSED", expiresOn: "2099-12-31" }), row(col!.id, "PARTIAL"), row(out!.id, "ABSENT")],
    });
    expect(result).toMatchObject({ created: 1, updated: 0, removed: 0, attendanceOnly: 2, levelRecords: 2 });

    const completions = await db.trainingCompletion.findMany({ where: { sessionId: session.id } });
    expect(completions).toHaveLength(1);
    const completion = completions[0]!;
    expect(completion).toMatchObject({ personId: ctx.s.employee.id, trainingId: training.id, enrolmentId: emp!.id, status: "CONFIRMED", result: "PASSED", recordedById: ctx.s.hrUser.id });
    expect(completion.completedAt.getTime()).toBe(session.endsAt.getTime());
    expect(completion.certificateNumber).toMatch(CERTIFICATE_NUMBER_PATTERN);
    expect(completion.expiresAt?.toISOString()).toBe("2099-12-31T22:59:59.999Z");
    const attendance = await db.enrolment.findMany({ where: { sessionId: session.id }, select: { id: true, attendance: true, attendanceRecordedById: true } });
    expect(Object.fromEntries(attendance.map((e) => [e.id, e.attendance]))).toEqual({ [emp!.id]: "ATTENDED", [col!.id]: "PARTIAL", [out!.id]: "ABSENT" });
    expect(attendance.every((e) => e.attendanceRecordedById === ctx.s.hrUser.id)).toBe(true);

    const records = await db.competencyLevelRecord.findMany({ where: { completionId: completion.id }, orderBy: { level: "desc" } });
    expect(records.map((r) => [r.lineageId, r.level, r.source, r.personId])).toEqual([
      [ctx.fw.writing.lineageId, 3, "TRAINING", ctx.s.employee.id],
      [ctx.fw.listening.lineageId, 2, "TRAINING", ctx.s.employee.id],
    ]);
    const snapshot = await db.currentCompetencyLevel.findUnique({ where: { personId_lineageId: { personId: ctx.s.employee.id, lineageId: ctx.fw.writing.lineageId } } });
    expect(snapshot).toMatchObject({ level: 3, source: "TRAINING", recordId: records[0]!.id });
    const gap = await gapOfWriting(ctx);
    expect(gap).toMatchObject({ gap: 0, current: { level: 3, source: "TRAINING" } });

    const notes = await db.notification.findMany({ where: { kind: "completion.recorded", personId: { in: [ctx.s.employee.id, ctx.s.colleague.id, ctx.s.outsider.id] } } });
    expect(notes.map((n) => n.personId)).toEqual([ctx.s.employee.id]);
    expect(JSON.parse(notes[0]!.params)).toEqual({ training: "Schreibwerkstatt" });
    expect(notes[0]!.link).toBe("/nachweise");
    expect(await db.outboxMail.count({ where: { notificationId: notes[0]!.id } })).toBe(1);

    const audit = await db.auditEvent.findMany({ where: { actorUserId: ctx.s.hrUser.id, action: { in: ["completion.create", "attendance.record", "attendance.record-session"] } } });
    expect(audit.map((a) => a.action).sort()).toEqual(["attendance.record", "attendance.record", "attendance.record-session", "completion.create"]);
    expect(audit.find((a) => a.action === "completion.create")).toMatchObject({ affectedPersonId: ctx.s.employee.id, entityId: completion.id });
  });

  it("is idempotent, updates result and expiry in place and removes a completion when attendance is corrected", async () => {
    const ctx = await setup();
    const { session, enrolments } = await pastSession(ctx, [ctx.s.employee, ctx.s.colleague]);
    const [emp, col] = enrolments;
    // An older leader rating: the current level before and after the correction.
    await db.$transaction((tx) =>
      recordLevels(tx, [{ personId: ctx.s.employee.id, competencyId: ctx.fw.writing.id, lineageId: ctx.fw.writing.lineageId, level: 1, source: "LEADER", recordedAt: new Date(Date.now() - 100 * DAY) }]),
    );
    const all = [row(emp!.id, "ATTENDED"), row(col!.id, "ATTENDED")];
    await recordAttendance(db, ctx.hr, { sessionId: session.id, rows: all });
    const first = await db.trainingCompletion.findMany({ where: { sessionId: session.id }, orderBy: { certificateNumber: "asc" } });
    expect(first).toHaveLength(2);
    expect(new Set(first.map((c) => c.certificateNumber)).size).toBe(2);
    const recordsBefore = await db.competencyLevelRecord.count({ where: { completionId: { in: first.map((c) => c.id) } } });
    expect(recordsBefore).toBe(4);

    // The same list again: nothing changes, nobody is notified twice.
    const again = await recordAttendance(db, ctx.hr, { sessionId: session.id, rows: all });
    expect(again).toMatchObject({ created: 0, updated: 0, removed: 0, unchanged: 2, levelRecords: 0 });
    const second = await db.trainingCompletion.findMany({ where: { sessionId: session.id }, orderBy: { certificateNumber: "asc" } });
    expect(second.map((c) => [c.id, c.certificateNumber])).toEqual(first.map((c) => [c.id, c.certificateNumber]));
    expect(await db.competencyLevelRecord.count({ where: { completionId: { in: first.map((c) => c.id) } } })).toBe(4);
    expect(await db.notification.count({ where: { kind: "completion.recorded", personId: { in: [ctx.s.employee.id, ctx.s.colleague.id] } } })).toBe(2);

    // Result and expiry change in place (the default date applies to rows without their own).
    const updated = await recordAttendance(db, ctx.hr, { sessionId: session.id, rows: [row(emp!.id, "ATTENDED", { result: "PASSED" }), row(col!.id, "ATTENDED", { expiresOn: "2098-01-31" })], defaultExpiresOn: "2099-06-30" });
    expect(updated).toMatchObject({ created: 0, updated: 2, removed: 0 });
    const empCompletion = await db.trainingCompletion.findUniqueOrThrow({ where: { enrolmentId: emp!.id } });
    expect(empCompletion).toMatchObject({ result: "PASSED", certificateNumber: first.find((c) => c.enrolmentId === emp!.id)!.certificateNumber });
    expect(empCompletion.expiresAt?.toISOString().slice(0, 10)).toBe("2099-06-30");
    expect((await db.trainingCompletion.findUniqueOrThrow({ where: { enrolmentId: col!.id } })).expiresAt?.toISOString().slice(0, 10)).toBe("2098-01-31");

    // Attended → absent: the completion and its level records go; the old rating is current again.
    const removed = await recordAttendance(db, ctx.hr, { sessionId: session.id, rows: [row(emp!.id, "ABSENT"), row(col!.id, "ATTENDED", { expiresOn: "2098-01-31" })] });
    expect(removed).toMatchObject({ created: 0, updated: 0, removed: 1 });
    expect(await db.trainingCompletion.findUnique({ where: { enrolmentId: emp!.id } })).toBeNull();
    expect(await db.competencyLevelRecord.count({ where: { completionId: empCompletion.id } })).toBe(0);
    const snapshot = await db.currentCompetencyLevel.findUniqueOrThrow({ where: { personId_lineageId: { personId: ctx.s.employee.id, lineageId: ctx.fw.writing.lineageId } } });
    expect(snapshot).toMatchObject({ level: 1, source: "LEADER" });
    expect(await db.currentCompetencyLevel.findUnique({ where: { personId_lineageId: { personId: ctx.s.employee.id, lineageId: ctx.fw.listening.lineageId } } })).toBeNull();
    expect((await gapOfWriting(ctx)).gap).toBe(2);
    const removal = await db.auditEvent.findFirstOrThrow({ where: { action: "completion.remove", entityId: empCompletion.id } });
    expect(removal.affectedPersonId).toBe(ctx.s.employee.id);

    // Back to attended: a new completion with a new number.
    await recordAttendance(db, ctx.hr, { sessionId: session.id, rows: [row(emp!.id, "ATTENDED")] });
    const renewed = await db.trainingCompletion.findUniqueOrThrow({ where: { enrolmentId: emp!.id } });
    expect(renewed.certificateNumber).not.toBe(empCompletion.certificateNumber);
  });

  it("writes no level records for a failed result, and adds or removes them when the result changes", async () => {
    const ctx = await setup();
    const { session, enrolments } = await pastSession(ctx, [ctx.s.employee]);
    const emp = enrolments[0]!;
    const failed = await recordAttendance(db, ctx.hr, { sessionId: session.id, rows: [row(emp.id, "ATTENDED", { result: "FAILED" })] });
    expect(failed).toMatchObject({ created: 1, levelRecords: 0 });
    const completion = await db.trainingCompletion.findUniqueOrThrow({ where: { enrolmentId: emp.id } });
    expect(completion.result).toBe("FAILED");
    expect(await db.competencyLevelRecord.count({ where: { personId: ctx.s.employee.id } })).toBe(0);
    expect((await gapOfWriting(ctx)).gap).toBe(3);

    await recordAttendance(db, ctx.hr, { sessionId: session.id, rows: [row(emp.id, "ATTENDED", { result: "PASSED" })] });
    expect(await db.competencyLevelRecord.count({ where: { completionId: completion.id } })).toBe(2);
    await recordAttendance(db, ctx.hr, { sessionId: session.id, rows: [row(emp.id, "ATTENDED", { result: "FAILED" })] });
    expect(await db.competencyLevelRecord.count({ where: { completionId: completion.id } })).toBe(0);
    expect(await db.currentCompetencyLevel.count({ where: { personId: ctx.s.employee.id } })).toBe(0);
  });

  it("does not lower a higher current level", async () => {
    const ctx = await setup();
    await db.$transaction((tx) =>
      recordLevels(tx, [{ personId: ctx.s.employee.id, competencyId: ctx.fw.writing.id, lineageId: ctx.fw.writing.lineageId, level: 4, source: "AGREED", recordedAt: new Date(Date.now() - 30 * DAY) }]),
    );
    const { session, enrolments } = await pastSession(ctx, [ctx.s.employee]);
    const result = await recordAttendance(db, ctx.hr, { sessionId: session.id, rows: [row(enrolments[0]!.id, "ATTENDED")] });
    expect(result.levelRecords).toBe(1);
    const records = await db.competencyLevelRecord.findMany({ where: { personId: ctx.s.employee.id, source: "TRAINING" } });
    expect(records.map((r) => r.lineageId)).toEqual([ctx.fw.listening.lineageId]);
    expect((await gapOfWriting(ctx)).current).toMatchObject({ level: 4, source: "AGREED" });
  });

  it("lets only HR development and the session's own trainer record, never for themselves", async () => {
    const ctx = await setup();
    const { session, enrolments } = await pastSession(ctx, [ctx.s.employee, ctx.s.hrPerson]);
    const other = await pastSession(ctx, [ctx.s.colleague], { trainer: false, title: "Andere Schulung" });
    const rows = [row(enrolments[0]!.id, "ATTENDED")];
    for (const actor of [ctx.employee, ctx.leader, ctx.otherLeader, ctx.colleague]) {
      await expect(recordAttendance(db, actor, { sessionId: session.id, rows })).rejects.toBeInstanceOf(AccessDeniedError);
      await expect(getAttendanceSheet(db, actor, session.id)).rejects.toBeInstanceOf(AccessDeniedError);
    }
    // A trainer of another session.
    await expect(recordAttendance(db, ctx.trainer, { sessionId: other.session.id, rows: [row(other.enrolments[0]!.id, "ATTENDED")] })).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(recordAttendance(db, ctx.hr, { sessionId: session.id, rows: [row(enrolments[1]!.id, "ATTENDED")] })).rejects.toBeInstanceOf(AccessDeniedError);
    expect(await db.trainingCompletion.count({ where: { sessionId: { in: [session.id, other.session.id] } } })).toBe(0);

    const sheet = await getAttendanceSheet(db, ctx.trainer, session.id);
    expect(sheet).toMatchObject({ access: "trainer", canRecord: true });
    expect(sheet.participants.map((p) => [p.person.id, p.self])).toEqual(
      expect.arrayContaining([
        [ctx.s.employee.id, false],
        [ctx.s.hrPerson.id, false],
      ]),
    );
    expect((await getAttendanceSheet(db, ctx.hr, session.id)).participants.find((p) => p.person.id === ctx.s.hrPerson.id)?.self).toBe(true);
    await expect(recordAttendance(db, ctx.trainer, { sessionId: session.id, rows })).resolves.toMatchObject({ created: 1 });
    expect(await db.auditEvent.count({ where: { action: "attendance.record-session", entityId: session.id } })).toBe(1);
    await expect(recordAttendance(db, ctx.hr, { sessionId: "unbekannt", rows })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("refuses sessions that have not started or are cancelled, foreign rows and bad dates, changing nothing", async () => {
    const ctx = await setup();
    const future = await pastSession(ctx, [ctx.s.employee], { startsInDays: 3 });
    await expect(recordAttendance(db, ctx.hr, { sessionId: future.session.id, rows: [row(future.enrolments[0]!.id, "ATTENDED")] })).rejects.toMatchObject({ message: "completions.error.notStarted" });
    const { session, enrolments } = await pastSession(ctx, [ctx.s.employee, ctx.s.colleague]);
    const [emp, col] = enrolments;
    const failure = (promise: Promise<unknown>) => promise.then(() => null, (e: unknown) => e as ValidationError);

    const bad = await failure(
      recordAttendance(db, ctx.hr, {
        sessionId: session.id,
        rows: [row(emp!.id, "ATTENDED", { expiresOn: "2001-01-01" }), row(col!.id, "VIELLEICHT", { result: "SUPER", expiresOn: "31.12.2030" })],
        defaultExpiresOn: "2026-02-30",
      }),
    );
    expect(bad).toBeInstanceOf(ValidationError);
    expect(bad!.fieldErrors).toEqual({
      defaultExpiresOn: ["completions.error.dateInvalid"],
      [`attendance.${col!.id}`]: ["completions.error.attendanceInvalid"],
      [`result.${col!.id}`]: ["completions.error.resultInvalid"],
      [`expiresOn.${col!.id}`]: ["completions.error.dateInvalid"],
      [`expiresOn.${emp!.id}`]: ["completions.error.expiryBeforeCompletion"],
    });
    // An enrolment of another session.
    await expect(recordAttendance(db, ctx.hr, { sessionId: session.id, rows: [row(future.enrolments[0]!.id, "ATTENDED")] })).rejects.toMatchObject({ message: "completions.error.unknownParticipant" });
    await db.trainingSession.update({ where: { id: session.id }, data: { status: "CANCELLED" } });
    await expect(recordAttendance(db, ctx.hr, { sessionId: session.id, rows: [row(emp!.id, "ATTENDED")] })).rejects.toMatchObject({ message: "completions.error.sessionCancelled" });
    expect(await db.trainingCompletion.count({ where: { personId: { in: [ctx.s.employee.id, ctx.s.colleague.id] } } })).toBe(0);
    expect(await db.enrolment.count({ where: { attendance: { not: null }, personId: { in: [ctx.s.employee.id, ctx.s.colleague.id] } } })).toBe(0);
  });
});

describe("certificate numbers", () => {
  it("count up per year with six digits and stay unique across sessions and uploads", async () => {
    const ctx = await setup();
    const a = await pastSession(ctx, [ctx.s.employee, ctx.s.colleague]);
    const b = await pastSession(ctx, [ctx.s.outsider, ctx.s.leader], { title: "Zweite Schulung" });
    await Promise.all([
      recordAttendance(db, ctx.hr, { sessionId: a.session.id, rows: a.enrolments.map((e) => row(e.id, "ATTENDED")) }),
      recordAttendance(db, ctx.hr, { sessionId: b.session.id, rows: b.enrolments.map((e) => row(e.id, "ATTENDED")) }),
    ]);
    const numbers = (await db.trainingCompletion.findMany({ where: { sessionId: { in: [a.session.id, b.session.id] } }, select: { certificateNumber: true } })).map((c) => c.certificateNumber);
    expect(numbers).toHaveLength(4);
    expect(new Set(numbers).size).toBe(4);
    for (const n of numbers) expect(n).toMatch(CERTIFICATE_NUMBER_PATTERN);
    const next = await db.$transaction((tx) => nextCertificateNumbers(tx, 2, new Date()));
    const highest = [...numbers].sort().at(-1)!;
    const year = highest.slice(3, 7);
    expect(next).toEqual([`LR-${year}-${String(Number(highest.slice(8)) + 1).padStart(6, "0")}`, `LR-${year}-${String(Number(highest.slice(8)) + 2).padStart(6, "0")}`]);
    expect(await db.$transaction((tx) => nextCertificateNumbers(tx, 1, new Date("2031-06-01T10:00:00Z")))).toEqual(["LR-2031-000001"]);
  });
});

describe("uploaded certificates", () => {
  const today = () => new Date().toISOString().slice(0, 10);

  it("go from pending to confirmed by HR with level records and a notification; the person sees the certificate", async () => {
    const ctx = await setup();
    const { training } = await createTraining(db, { title: "Datenschutz online", format: "ELEARNING", competencies: [{ node: ctx.fw.writing, targetLevel: 3 }] });
    const store = fileStore();
    const uploaded = await uploadCompletionCertificate(db, ctx.employee, { trainingId: training.id, completedOn: today(), file: { bytes: await samplePdf(), name: "../Zertifikat Datenschutz.pdf" } }, { store });
    expect(uploaded).toMatchObject({ status: "PENDING", personId: ctx.s.employee.id, uploadFileName: "Zertifikat Datenschutz.pdf", uploadMimeType: "application/pdf", enrolmentId: null });
    expect(await storedFileExists(store, uploaded.uploadStorageKey!)).toBe(true);
    // A second upload for the same training while the first waits is refused.
    await expect(uploadCompletionCertificate(db, ctx.employee, { trainingId: training.id, completedOn: today(), file: { bytes: await samplePdf(), name: "b.pdf" } }, { store })).rejects.toMatchObject({
      fieldErrors: { trainingId: ["completions.upload.pendingExists"] },
    });

    const own = await listCompletionsOfPerson(db, ctx.employee, ctx.s.employee.id);
    expect(own.items.map((i) => [i.status, i.canDownloadCertificate, i.canOpenUpload, i.canWithdraw])).toEqual([["PENDING", false, true, true]]);
    await expect(getCertificate(db, ctx.employee, uploaded.id)).rejects.toBeInstanceOf(NotFoundError);

    // Leaders do not confirm; nobody confirms their own; HR does.
    await expect(listCompletionsForReview(db, ctx.leader)).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(confirmCompletion(db, ctx.leader, { completionId: uploaded.id })).rejects.toBeInstanceOf(AccessDeniedError);
    const queue = await listCompletionsForReview(db, ctx.hr);
    expect(queue.items.map((i) => i.id)).toEqual([uploaded.id]);
    await expect(confirmCompletion(db, ctx.hr, { completionId: uploaded.id, expiresOn: "1999-01-01" })).rejects.toMatchObject({ fieldErrors: { expiresOn: ["completions.error.expiryBeforeCompletion"] } });
    const confirmed = await confirmCompletion(db, ctx.hr, { completionId: uploaded.id, result: "PASSED", expiresOn: "2099-01-31" });
    expect(confirmed).toMatchObject({ training: "Datenschutz online", levelRecords: 1 });
    const after = await db.trainingCompletion.findUniqueOrThrow({ where: { id: uploaded.id } });
    expect(after).toMatchObject({ status: "CONFIRMED", result: "PASSED", decidedById: ctx.s.hrUser.id });
    expect(await db.competencyLevelRecord.findMany({ where: { completionId: uploaded.id }, select: { source: true, level: true } })).toEqual([{ source: "TRAINING", level: 3 }]);
    expect(await db.notification.count({ where: { personId: ctx.s.employee.id, kind: "completion.confirmed" } })).toBe(1);
    await expect(confirmCompletion(db, ctx.hr, { completionId: uploaded.id })).rejects.toMatchObject({ message: "completions.review.alreadyDecided" });
    await expect(withdrawCompletionUpload(db, ctx.employee, uploaded.id, { store })).rejects.toMatchObject({ message: "completions.upload.onlyPendingWithdrawable" });
    const certificate = await getCertificate(db, ctx.employee, uploaded.id);
    expect(certificate.data).toMatchObject({ result: "PASSED", competencies: [{ code: "K.1", level: 3, levelLabel: "Vertiefung" }] });
    expect(certificate.data.days).toHaveLength(1);
  });

  it("are rejected only with a reason, and the person is told why", async () => {
    const ctx = await setup();
    const { training } = await createTraining(db, { format: "ELEARNING" });
    const uploaded = await uploadCompletionCertificate(db, ctx.employee, { trainingId: training.id, completedOn: today(), file: { bytes: await samplePdf(), name: "z.pdf" } });
    await expect(rejectCompletion(db, ctx.hr, { completionId: uploaded.id, reason: "  " })).rejects.toMatchObject({ fieldErrors: { reason: ["completions.review.reasonRequired"] } });
    await expect(rejectCompletion(db, ctx.leader, { completionId: uploaded.id, reason: "nein" })).rejects.toBeInstanceOf(AccessDeniedError);
    await rejectCompletion(db, ctx.hr, { completionId: uploaded.id, reason: "Das Zertifikat nennt eine andere Person." });
    expect(await db.trainingCompletion.findUniqueOrThrow({ where: { id: uploaded.id } })).toMatchObject({ status: "REJECTED", decisionNote: "Das Zertifikat nennt eine andere Person." });
    const note = await db.notification.findFirstOrThrow({ where: { personId: ctx.s.employee.id, kind: "completion.rejected" } });
    expect(JSON.parse(note.params)).toMatchObject({ note: "Das Zertifikat nennt eine andere Person." });
    expect(await db.competencyLevelRecord.count({ where: { completionId: uploaded.id } })).toBe(0);
  });

  it("check every field together and write nothing when one fails", async () => {
    const ctx = await setup();
    const { training } = await createTraining(db, { format: "ELEARNING" });
    const draft = await createTraining(db, { status: "DRAFT" });
    const tomorrow = new Date(Date.now() + 2 * DAY).toISOString().slice(0, 10);
    const attempt = (fields: { trainingId?: string; completedOn?: string }, bytes: Uint8Array | null) =>
      uploadCompletionCertificate(db, ctx.employee, { ...fields, file: { bytes, name: "x.pdf" } }).then(
        () => null,
        (e: ValidationError) => e.fieldErrors,
      );
    expect(await attempt({}, null)).toEqual({ trainingId: ["completions.upload.trainingRequired"], completedOn: ["completions.upload.dateRequired"], file: ["completions.file.missing"] });
    expect(await attempt({ trainingId: training.id, completedOn: tomorrow }, TEXT_AS_PDF)).toEqual({ completedOn: ["completions.upload.dateInFuture"], file: ["completions.file.type"] });
    expect(await attempt({ trainingId: draft.training.id, completedOn: "2001-05-01" }, await samplePdf())).toEqual({
      completedOn: ["completions.upload.dateTooOld"],
      trainingId: ["completions.upload.trainingUnknown"],
    });
    expect(await db.trainingCompletion.count({ where: { personId: ctx.s.employee.id } })).toBe(0);
    // Accounts without a person cannot upload.
    const admin = await actorFor(db, ctx.s.adminUser.id);
    await expect(uploadCompletionCertificate(db, admin, { trainingId: training.id, completedOn: today(), file: { bytes: await samplePdf(), name: "x.pdf" } })).rejects.toBeInstanceOf(AccessDeniedError);
  });

  it("can be withdrawn by the person while pending, and are read by the person and HR only", async () => {
    const ctx = await setup();
    const { training } = await createTraining(db, { format: "ELEARNING" });
    const store = fileStore();
    const uploaded = await uploadCompletionCertificate(db, ctx.employee, { trainingId: training.id, completedOn: today(), file: { bytes: await samplePdf(), name: "z.pdf" } }, { store });
    expect((await getCompletionUpload(db, ctx.employee, uploaded.id, { store })).fileName).toBe("z.pdf");
    for (const actor of [ctx.leader, ctx.colleague, ctx.otherLeader]) await expect(getCompletionUpload(db, actor, uploaded.id, { store })).rejects.toBeInstanceOf(AccessDeniedError);
    expect((await getCompletionUpload(db, ctx.hr, uploaded.id, { store })).mimeType).toBe("application/pdf");
    expect(await db.auditEvent.count({ where: { action: "completion.upload-download", entityId: uploaded.id } })).toBe(1);
    await expect(withdrawCompletionUpload(db, ctx.colleague, uploaded.id, { store })).rejects.toBeInstanceOf(AccessDeniedError);
    await withdrawCompletionUpload(db, ctx.employee, uploaded.id, { store });
    expect(await db.trainingCompletion.findUnique({ where: { id: uploaded.id } })).toBeNull();
    expect(await storedFileExists(store, uploaded.uploadStorageKey!)).toBe(false);
  });
});

describe("certificates and lists", () => {
  it("are readable by the person, their leader and HR (audited), not by others; expired completions are marked", async () => {
    const ctx = await setup();
    const { session, enrolments } = await pastSession(ctx, [ctx.s.employee]);
    await recordAttendance(db, ctx.hr, { sessionId: session.id, rows: [row(enrolments[0]!.id, "ATTENDED", { result: "PASSED" })] });
    const completion = await db.trainingCompletion.findUniqueOrThrow({ where: { enrolmentId: enrolments[0]!.id } });

    expect((await getCertificate(db, ctx.employee, completion.id)).access).toBe("own");
    expect((await getCertificate(db, ctx.leader, completion.id)).access).toBe("team");
    expect((await getCertificate(db, ctx.hr, completion.id)).access).toBe("any");
    for (const actor of [ctx.colleague, ctx.otherLeader, ctx.trainer]) await expect(getCertificate(db, actor, completion.id)).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(getCertificate(db, ctx.employee, "unbekannt")).rejects.toBeInstanceOf(NotFoundError);
    expect(await db.auditEvent.count({ where: { action: "completion.certificate-read", entityId: completion.id } })).toBe(2);

    // An expired one: the list says so.
    await db.trainingCompletion.update({ where: { id: completion.id }, data: { expiresAt: new Date(Date.now() - DAY) } });
    const list = await listCompletionsOfPerson(db, ctx.leader, ctx.s.employee.id);
    expect(list.access).toBe("team");
    expect(list.items.map((i) => [i.expired, i.canDownloadCertificate, i.canOpenUpload, i.canWithdraw])).toEqual([[true, true, false, false]]);
    expect(await db.auditEvent.count({ where: { action: "completion.read", affectedPersonId: ctx.s.employee.id } })).toBe(1);
    await expect(listCompletionsOfPerson(db, ctx.colleague, ctx.s.employee.id)).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(listCompletionsOfPerson(db, ctx.otherLeader, ctx.s.employee.id)).rejects.toBeInstanceOf(AccessDeniedError);
  });

  it("render as a PDF with the person's name, training, date, duration, competencies and number", async () => {
    const ctx = await setup();
    const { session, enrolments } = await pastSession(ctx, [ctx.s.employee], { title: "Schreibwerkstatt für Bürgerbriefe" });
    await recordAttendance(db, ctx.hr, { sessionId: session.id, rows: [row(enrolments[0]!.id, "ATTENDED", { result: "PASSED", expiresOn: "2099-03-31" })] });
    const completion = await db.trainingCompletion.findUniqueOrThrow({ where: { enrolmentId: enrolments[0]!.id } });
    const { data } = await getCertificate(db, ctx.employee, completion.id);
    const pdf = await renderCertificatePdf(data, "de");
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const text = pdfText(pdf);
    expect(text).toContain("Teilnahmebescheinigung");
    expect(text).toContain(`${ctx.s.employee.firstName} ${ctx.s.employee.lastName}`);
    expect(text).toContain("Schreibwerkstatt für Bürgerbriefe");
    expect(text).toContain("im Umfang von 4 Stunden");
    expect(text).toContain("erfolgreich abgeschlossen");
    expect(text).toContain("K.1 Verständlich schreiben");
    expect(text).toContain("Stufe 3 – Vertiefung");
    expect(text).toContain("31.03.2099");
    expect(text).toContain(completion.certificateNumber);
    expect(text).toContain("Stadtverwaltung Beispielstadt");
    expect(pdfText(await renderCertificatePdf(data, "en"))).toContain("Certificate of participation");
    expect(certificateFileName(completion.certificateNumber)).toBe(`Teilnahmebescheinigung-${completion.certificateNumber}.pdf`);
  });

  it("draw names outside WinAnsi with look-alike letters and describe dates and durations in words", () => {
    expect(toWinAnsi("Łukasz Żółć, Ayşe Yılmaz, Jürgen Weiß – „Grüße“")).toBe("Lukasz Zólc, Ayse Yilmaz, Jürgen Weiß – „Grüße“");
    expect(toWinAnsi("Ⅻ ✓")).toBe("XII ?");
    expect(durationText(240, "de")).toBe("4 Stunden");
    expect(durationText(90, "de")).toBe("1,5 Stunden");
    expect(durationText(60, "de")).toBe("1 Stunde");
    expect(durationText(45, "de")).toBe("45 Minuten");
    expect(durationText(0, "de")).toBeNull();
    const at = (iso: string) => ({ startsAt: new Date(iso), endsAt: null });
    expect(datesText([at("2026-03-10T08:00:00Z")], "de")).toBe("am 10.03.2026");
    expect(datesText([at("2026-03-10T08:00:00Z"), at("2026-03-11T08:00:00Z"), at("2026-03-12T08:00:00Z")], "de")).toBe("vom 10.03.2026 bis 12.03.2026");
    expect(datesText([at("2026-03-10T08:00:00Z"), at("2026-03-17T08:00:00Z"), at("2026-03-24T08:00:00Z")], "de")).toBe("an den Tagen 10.03.2026, 17.03.2026 und 24.03.2026");
  });
});
