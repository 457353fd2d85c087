import { mkdtempSync, readdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { db, type Db } from "~/utils/db.server.ts";
import { AccessDeniedError, NotFoundError, ValidationError } from "~/modules/errors.ts";
import { upsertPositionRequirement } from "~/modules/competency/profiles.server.ts";
import type { FileStore } from "~/modules/files/file-store.server.ts";
import { getPersonGaps } from "./gaps.server.ts";
import { acceptEvidence, deleteOwnEvidence, getEvidenceFile, listEvidenceForReview, listOwnEvidence, rejectEvidence, uploadEvidence } from "./evidence.server.ts";
import { actorFor, createAccount, createScenario } from "../../../tests/factories.ts";
import { createPublishedFramework } from "../../../tests/competency-factories.ts";
import { EXE_AS_PDF, largePdf, SAMPLE_PNG, samplePdf, TEXT_AS_PDF } from "../../../tests/file-fixtures.ts";

const MB = 1024 * 1024;

function tempStore(): FileStore {
  return { dir: path.join(mkdtempSync(path.join(os.tmpdir(), "lernreise-evidence-")), "uploads"), maxBytes: 10 * MB };
}
function filesIn(store: FileStore) {
  try {
    return readdirSync(store.dir);
  } catch {
    return [];
  }
}

async function setup() {
  const s = await createScenario(db);
  const fw = await createPublishedFramework(db);
  const hr = await actorFor(db, s.hrUser.id);
  await upsertPositionRequirement(db, hr, s.employee.position.id, { competencyId: fw.writing.id, targetLevel: 3, importance: "ESSENTIAL" });
  const colleagueUser = await createAccount(db, s.colleague);
  const outsiderUser = await createAccount(db, s.outsider);
  return {
    s,
    fw,
    hr,
    store: tempStore(),
    employee: await actorFor(db, s.employeeUser.id),
    leader: await actorFor(db, s.leaderUser.id),
    colleague: await actorFor(db, colleagueUser.id),
    outsider: await actorFor(db, outsiderUser.id),
    admin: await actorFor(db, s.adminUser.id),
  };
}

async function fieldErrorsOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ValidationError) return error.fieldErrors;
    throw error;
  }
  throw new Error("expected a validation error");
}

describe("evidence", () => {
  it("is uploaded by the person, accepted by the leader at a chosen level, and then counts as the current level", async () => {
    const { s, fw, store, employee, leader } = await setup();
    const pdf = await samplePdf();
    const evidence = await uploadEvidence(db, employee, { competencyId: fw.writing.id, level: "3", title: "  Zertifikat Schreibwerkstatt ", file: { bytes: pdf, name: "C:\\fakepath\\zertifikat.PDF" } }, { store });
    expect(evidence).toMatchObject({ personId: s.employee.id, level: 3, title: "Zertifikat Schreibwerkstatt", fileName: "zertifikat.pdf", mimeType: "application/pdf", sizeBytes: pdf.byteLength, status: "PENDING" });
    expect(filesIn(store)).toEqual([evidence.storageKey]);
    let gaps = await getPersonGaps(db, employee, s.employee.id, { validityMonths: 24 });
    expect(gaps.rows[0]!.current).toBeNull();

    // The leader confirms a lower level than claimed; decision, record and audit in one go.
    const result = await acceptEvidence(db, leader, { evidenceId: evidence.id, level: 2, note: "Stufe 3 braucht Praxis." });
    expect(result.level).toBe(2);
    const record = await db.competencyLevelRecord.findFirstOrThrow({ where: { evidenceId: evidence.id } });
    expect(record).toMatchObject({ personId: s.employee.id, competencyId: fw.writing.id, lineageId: fw.writing.lineageId, level: 2, source: "EVIDENCE", recordedById: s.leaderUser.id, note: "Nachweis: Zertifikat Schreibwerkstatt" });
    gaps = await getPersonGaps(db, employee, s.employee.id, { validityMonths: 24 });
    expect(gaps.rows[0]!.current).toMatchObject({ level: 2, source: "EVIDENCE", outdated: false });
    expect(gaps.rows[0]!.gap).toBe(1);

    const [own] = await listOwnEvidence(db, employee);
    expect(own).toMatchObject({ status: "ACCEPTED", level: 3, acceptedLevel: 2, decidedBy: `${s.leader.firstName} ${s.leader.lastName}`, decisionNote: "Stufe 3 braucht Praxis." });
    expect(own!.decidedAt).toBeInstanceOf(Date);
    expect(await db.auditEvent.findMany({ where: { entityId: evidence.id }, select: { action: true, actorUserId: true }, orderBy: { createdAt: "asc" } })).toEqual([
      { action: "evidence.upload", actorUserId: s.employeeUser.id },
      { action: "evidence.accept", actorUserId: s.leaderUser.id },
    ]);

    // Decided once: a second decision and withdrawing are refused.
    await expect(acceptEvidence(db, leader, { evidenceId: evidence.id })).rejects.toThrow("evidence.alreadyDecided");
    await expect(rejectEvidence(db, leader, { evidenceId: evidence.id, reason: "doch nicht" })).rejects.toThrow("evidence.alreadyDecided");
    await expect(deleteOwnEvidence(db, employee, evidence.id, { store })).rejects.toThrow("evidence.onlyPendingDeletable");
    expect(await db.competencyLevelRecord.count({ where: { evidenceId: evidence.id } })).toBe(1);
  });

  it("accepts at the claimed level by default, only within the scale", async () => {
    const { fw, store, employee, hr } = await setup();
    const evidence = await uploadEvidence(db, employee, { competencyId: fw.listening.id, level: 4, title: "Zuhören", file: { bytes: SAMPLE_PNG, name: "foto.png" } }, { store });
    await expect(acceptEvidence(db, hr, { evidenceId: evidence.id, level: 5 })).rejects.toThrow("evidence.levelOutOfRange");
    await expect(acceptEvidence(db, hr, { evidenceId: evidence.id, level: 0 })).rejects.toThrow("evidence.levelOutOfRange");
    expect((await db.evidence.findUniqueOrThrow({ where: { id: evidence.id } })).status).toBe("PENDING");
    await expect(acceptEvidence(db, hr, { evidenceId: evidence.id })).resolves.toMatchObject({ level: 4 });
  });

  it("needs a reason to reject, and a rejection records no level", async () => {
    const { s, fw, store, employee, hr } = await setup();
    const evidence = await uploadEvidence(db, employee, { competencyId: fw.writing.id, level: 2, title: "Teilnahme", file: { bytes: await samplePdf(), name: "t.pdf" } }, { store });
    expect(await fieldErrorsOf(rejectEvidence(db, hr, { evidenceId: evidence.id, reason: "   " }))).toEqual({ reason: ["evidence.reasonRequired"] });
    expect(await fieldErrorsOf(rejectEvidence(db, hr, { evidenceId: evidence.id }))).toEqual({ reason: ["evidence.reasonRequired"] });
    expect((await db.evidence.findUniqueOrThrow({ where: { id: evidence.id } })).status).toBe("PENDING");
    await rejectEvidence(db, hr, { evidenceId: evidence.id, reason: " Nur eine Teilnahmebestätigung, keine Prüfung. " });
    const [own] = await listOwnEvidence(db, employee);
    expect(own).toMatchObject({ status: "REJECTED", decisionNote: "Nur eine Teilnahmebestätigung, keine Prüfung.", acceptedLevel: null, decidedBy: `${s.hrPerson.firstName} ${s.hrPerson.lastName}` });
    expect(await db.competencyLevelRecord.count({ where: { personId: s.employee.id } })).toBe(0);
    expect(await db.auditEvent.count({ where: { action: "evidence.reject", entityId: evidence.id } })).toBe(1);
  });

  it("refuses spoofed types, oversized files and levels outside the scale, writing nothing", async () => {
    const { s, fw, store, employee } = await setup();
    const base = { competencyId: fw.writing.id, level: 2, title: "Nachweis" };
    const attempt = (input: Partial<Parameters<typeof uploadEvidence>[2]>) => fieldErrorsOf(uploadEvidence(db, employee, { ...base, file: { bytes: null, name: "" }, ...input }, { store }));
    expect(await attempt({ file: { bytes: TEXT_AS_PDF, name: "lebenslauf.pdf" } })).toEqual({ file: ["evidence.file.type"] });
    expect(await attempt({ file: { bytes: EXE_AS_PDF, name: "zertifikat.pdf" } })).toEqual({ file: ["evidence.file.type"] });
    expect(await attempt({ file: { bytes: largePdf(10 * MB + 1), name: "gross.pdf" } })).toEqual({ file: ["evidence.file.tooLarge"] });
    expect(await attempt({ file: { bytes: null, name: "gross.pdf", tooLarge: true } })).toEqual({ file: ["evidence.file.tooLarge"] });
    expect(await attempt({})).toEqual({ file: ["evidence.file.missing"] });
    const pdf = { bytes: await samplePdf(), name: "ok.pdf" };
    expect(await attempt({ level: 5, file: pdf })).toEqual({ level: ["evidence.levelOutOfRange"] });
    expect(await attempt({ level: "zwei", file: pdf })).toEqual({ level: ["evidence.levelRequired"] });
    expect(await attempt({ competencyId: fw.cluster.id, file: pdf })).toEqual({ competencyId: ["evidence.competencyUnknown"] });
    const draft = await createPublishedFramework(db, { status: "DRAFT" });
    expect(await attempt({ competencyId: draft.writing.id, file: pdf })).toEqual({ competencyId: ["evidence.competencyUnknown"] });
    // Every problem at once, so the form can show them all.
    expect(await attempt({ competencyId: "", level: "", title: " ", file: { bytes: TEXT_AS_PDF, name: "x.pdf" } })).toEqual({
      competencyId: ["evidence.competencyRequired"],
      level: ["evidence.levelRequired"],
      title: ["evidence.titleRequired"],
      file: ["evidence.file.type"],
    });
    expect(await db.evidence.count({ where: { personId: s.employee.id } })).toBe(0);
    expect(await db.auditEvent.count({ where: { action: "evidence.upload", affectedPersonId: s.employee.id } })).toBe(0);
    expect(filesIn(store)).toEqual([]);
  });

  it("removes the written file again when the database write fails", async () => {
    const { fw, store, employee } = await setup();
    const failing = new Proxy(db, {
      get: (target, prop) => (prop === "$transaction" ? async () => Promise.reject(new Error("Datenbank nicht erreichbar")) : Reflect.get(target, prop)),
    }) as Db;
    await expect(uploadEvidence(failing, employee, { competencyId: fw.writing.id, level: 2, title: "X", file: { bytes: await samplePdf(), name: "x.pdf" } }, { store })).rejects.toThrow("Datenbank nicht erreichbar");
    expect(filesIn(store)).toEqual([]);
  });

  it("lets nobody upload for someone else or decide on their own evidence", async () => {
    const { s, fw, store, employee, leader, hr, colleague, outsider, admin } = await setup();
    const file = { bytes: await samplePdf(), name: "x.pdf" };
    const input = { competencyId: fw.writing.id, level: 2, title: "X", file };
    await expect(uploadEvidence(db, employee, { ...input, personId: s.colleague.id }, { store })).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(uploadEvidence(db, leader, { ...input, personId: s.employee.id }, { store })).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(uploadEvidence(db, admin, input, { store })).rejects.toBeInstanceOf(AccessDeniedError);
    expect(filesIn(store)).toEqual([]);

    const own = await uploadEvidence(db, employee, input, { store });
    await expect(acceptEvidence(db, employee, { evidenceId: own.id })).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(acceptEvidence(db, colleague, { evidenceId: own.id })).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(rejectEvidence(db, outsider, { evidenceId: own.id, reason: "nein" })).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(acceptEvidence(db, admin, { evidenceId: own.id })).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(acceptEvidence(db, leader, { evidenceId: "unbekannt" })).rejects.toBeInstanceOf(NotFoundError);

    // A leader's own evidence lies in the unit they lead: still not theirs to accept; HR's neither.
    const leaderOwn = await uploadEvidence(db, leader, input, { store });
    await expect(acceptEvidence(db, leader, { evidenceId: leaderOwn.id })).rejects.toBeInstanceOf(AccessDeniedError);
    const hrOwn = await uploadEvidence(db, hr, input, { store });
    await expect(acceptEvidence(db, hr, { evidenceId: hrOwn.id })).rejects.toBeInstanceOf(AccessDeniedError);
    // The outsider's evidence is outside the leader's team.
    const outsiderOwn = await uploadEvidence(db, outsider, input, { store });
    await expect(acceptEvidence(db, leader, { evidenceId: outsiderOwn.id })).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(acceptEvidence(db, hr, { evidenceId: outsiderOwn.id })).resolves.toMatchObject({ level: 2 });

    expect(await db.competencyLevelRecord.count({ where: { personId: { in: [s.employee.id, s.leader.id, s.hrPerson.id] } } })).toBe(0);
    expect(await db.evidence.count({ where: { status: "PENDING", personId: { in: [s.employee.id, s.leader.id, s.hrPerson.id] } } })).toBe(3);
  });

  it("shows leaders their team's pending evidence and HR everyone's, never their own", async () => {
    const { s, fw, store, employee, leader, hr, colleague, outsider, admin } = await setup();
    const input = async (title: string) => ({ competencyId: fw.writing.id, level: 2, title, file: { bytes: await samplePdf(), name: "x.pdf" } });
    const a = await uploadEvidence(db, employee, await input("Emil"), { store });
    const b = await uploadEvidence(db, outsider, await input("Otto"), { store });
    const c = await uploadEvidence(db, leader, await input("Lea"), { store });
    const d = await uploadEvidence(db, hr, await input("Hanna"), { store });
    const decided = await uploadEvidence(db, colleague, await input("Clara"), { store });
    await rejectEvidence(db, leader, { evidenceId: decided.id, reason: "unleserlich" });

    const team = await listEvidenceForReview(db, leader);
    expect(team.access).toBe("team");
    expect(team.items.map((i) => i.id)).toEqual([a.id]);
    expect(team.items[0]).toMatchObject({ person: { id: s.employee.id }, competency: { id: fw.writing.id, descriptors: expect.any(Array) } });
    const all = await listEvidenceForReview(db, hr);
    expect(all.access).toBe("any");
    const ids = all.items.map((i) => i.id);
    expect(ids).toEqual(expect.arrayContaining([a.id, b.id, c.id]));
    expect(ids).not.toContain(d.id);
    expect(ids).not.toContain(decided.id);
    await expect(listEvidenceForReview(db, employee)).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(listEvidenceForReview(db, admin)).rejects.toBeInstanceOf(AccessDeniedError);
    expect(await db.auditEvent.count({ where: { action: "evidence.review-read", actorUserId: { in: [s.leaderUser.id, s.hrUser.id] } } })).toBe(2);
  });

  it("hands out files to the person, their leader and HR, and audits every read by others", async () => {
    const { s, fw, store, employee, leader, hr, colleague, outsider, admin } = await setup();
    const pdf = await samplePdf();
    const evidence = await uploadEvidence(db, employee, { competencyId: fw.writing.id, level: 2, title: "X", file: { bytes: pdf, name: "nachweis.pdf" } }, { store });
    const own = await getEvidenceFile(db, employee, evidence.id, { store });
    expect(own).toMatchObject({ fileName: "nachweis.pdf", mimeType: "application/pdf", access: "own" });
    expect(new Uint8Array(own.bytes)).toEqual(pdf);
    expect(await db.auditEvent.count({ where: { action: "evidence.download", entityId: evidence.id } })).toBe(0);

    expect((await getEvidenceFile(db, leader, evidence.id, { store })).access).toBe("team");
    expect((await getEvidenceFile(db, hr, evidence.id, { store })).access).toBe("any");
    const reads = await db.auditEvent.findMany({ where: { action: "evidence.download", entityId: evidence.id }, select: { actorUserId: true, affectedPersonId: true } });
    expect(reads).toEqual(
      expect.arrayContaining([
        { actorUserId: s.leaderUser.id, affectedPersonId: s.employee.id },
        { actorUserId: s.hrUser.id, affectedPersonId: s.employee.id },
      ]),
    );
    expect(reads).toHaveLength(2);

    for (const actor of [colleague, outsider, admin]) await expect(getEvidenceFile(db, actor, evidence.id, { store })).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(getEvidenceFile(db, leader, "unbekannt", { store })).rejects.toBeInstanceOf(NotFoundError);
    expect(await db.auditEvent.count({ where: { action: "evidence.download", entityId: evidence.id } })).toBe(2);
  });

  it("lets the person withdraw pending evidence, removing the file; nobody else", async () => {
    const { fw, store, employee, leader, hr } = await setup();
    const evidence = await uploadEvidence(db, employee, { competencyId: fw.writing.id, level: 2, title: "X", file: { bytes: await samplePdf(), name: "x.pdf" } }, { store });
    await expect(deleteOwnEvidence(db, leader, evidence.id, { store })).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(deleteOwnEvidence(db, hr, evidence.id, { store })).rejects.toBeInstanceOf(AccessDeniedError);
    expect(filesIn(store)).toEqual([evidence.storageKey]);
    await deleteOwnEvidence(db, employee, evidence.id, { store });
    expect(await db.evidence.findUnique({ where: { id: evidence.id } })).toBeNull();
    expect(filesIn(store)).toEqual([]);
    expect(await db.auditEvent.count({ where: { action: "evidence.delete", entityId: evidence.id } })).toBe(1);
    await expect(deleteOwnEvidence(db, employee, evidence.id, { store })).rejects.toBeInstanceOf(NotFoundError);
  });
});
