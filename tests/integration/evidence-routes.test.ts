// Evidence pages as Remix calls them: upload (multipart) with messages and kept input, the
// review queue with accept/reject, downloads with headers and audit, and every forbidden path.
import { existsSync, readdirSync } from "node:fs";
import { db } from "~/utils/db.server.ts";
import { upsertPositionRequirement } from "~/modules/competency/profiles.server.ts";
import { fileStore } from "~/modules/files/file-store.server.ts";
import { parseUploadForm, RequestTooLargeError } from "~/utils/upload.server.ts";
import { action as ownAction, loader as ownLoader } from "~/routes/nachweise._index.tsx";
import { action as reviewAction, loader as reviewLoader } from "~/routes/nachweise.pruefen.tsx";
import { loader as fileLoader } from "~/routes/nachweise.$evidenceId.datei.ts";
import { loader as competenciesLoader } from "~/routes/kompetenzen.tsx";
import { actorFor, createAccount, createScenario, makeLeader, requestAs } from "../factories.ts";
import { createPublishedFramework } from "../competency-factories.ts";
import { EXE_AS_PDF, largePdf, samplePdf, TEXT_AS_PDF } from "../file-fixtures.ts";

type Args = Parameters<typeof ownLoader>[0];
const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} }) as Args;

async function outcome(promise: Promise<unknown>): Promise<{ status: number; body: unknown }> {
  try {
    const value = await promise;
    if (value instanceof Response) return { status: value.status, body: value };
    if (value && typeof value === "object" && "data" in value && "init" in value) {
      const v = value as { data: unknown; init: { status?: number } | null };
      return { status: v.init?.status ?? 200, body: v.data };
    }
    return { status: 200, body: value };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, body: thrown.headers.get("Location") ?? (await thrown.text()) };
    throw thrown;
  }
}
const statusOf = async (promise: Promise<unknown>) => (await outcome(promise)).status;

function uploadForm(fields: Record<string, string>, file?: { bytes: Uint8Array; name: string; type?: string }) {
  const form = new FormData();
  form.set("intent", "upload");
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  if (file) form.set("file", new File([new Uint8Array(file.bytes)], file.name, { type: file.type ?? "application/pdf" }));
  else form.set("file", new File([], "", { type: "application/octet-stream" }));
  return form;
}
const upload = async (userId: string, form: FormData) => outcome(ownAction(args(await requestAs(userId, "/nachweise", { method: "POST", body: form }))));
const post = async (userId: string, url: string, fields: Record<string, string>) => requestAs(userId, url, { method: "POST", body: new URLSearchParams(fields) });
const review = async (userId: string, fields: Record<string, string>) => outcome(reviewAction(args(await post(userId, "/nachweise/pruefen", fields))));
const download = async (userId: string | null, evidenceId: string) => outcome(fileLoader(args(await requestAs(userId, `/nachweise/${evidenceId}/datei`), { evidenceId })));

async function setup() {
  const s = await createScenario(db);
  const fw = await createPublishedFramework(db);
  const hr = await actorFor(db, s.hrUser.id);
  await upsertPositionRequirement(db, hr, s.employee.position.id, { competencyId: fw.writing.id, targetLevel: 3, importance: "ESSENTIAL" });
  // Otto leads Amt B: a leader of another team.
  await makeLeader(db, s.amtB.id, s.outsider.id);
  const otherLeaderUser = await createAccount(db, s.outsider);
  const colleagueUser = await createAccount(db, s.colleague);
  return { s, fw, otherLeaderUser, colleagueUser };
}

async function uploadAsEmployee(s: Awaited<ReturnType<typeof setup>>["s"], fw: Awaited<ReturnType<typeof setup>>["fw"], title = "Zertifikat Schreibwerkstatt") {
  const result = await upload(s.employeeUser.id, uploadForm({ competencyId: fw.writing.id, level: "3", title }, { bytes: await samplePdf(), name: "zertifikat.pdf" }));
  expect(result).toMatchObject({ status: 200, body: { ok: true, intent: "upload", message: "evidence.uploaded" } });
  return db.evidence.findFirstOrThrow({ where: { personId: s.employee.id, title } });
}

describe("evidence pages", () => {
  it("uploads through the multipart form and lists the own evidence", async () => {
    const { s, fw } = await setup();
    const before = await ownLoader(args(await requestAs(s.employeeUser.id, "/nachweise")));
    expect(before.items).toEqual([]);
    expect(before.maxMb).toBe(10);
    expect(before.options.requiredIds).toEqual([fw.writing.id]);
    expect(before.options.frameworks.find((f) => f.id === fw.framework.id)?.nodes.map((n) => n.code)).toEqual(["K.1", "K.2"]);

    const evidence = await uploadAsEmployee(s, fw);
    expect(evidence).toMatchObject({ level: 3, status: "PENDING", mimeType: "application/pdf", fileName: "zertifikat.pdf" });
    expect(readdirSync(fileStore().dir)).toContain(evidence.storageKey);
    const after = await ownLoader(args(await requestAs(s.employeeUser.id, "/nachweise")));
    expect(after.items.map((i) => [i.title, i.status, i.competency.code])).toEqual([["Zertifikat Schreibwerkstatt", "PENDING", "K.1"]]);
  });

  it("answers a wrong type, a too large file, a missing file and a level outside the scale with messages, keeping the input", async () => {
    const { s, fw } = await setup();
    const stored = () => (existsSync(fileStore().dir) ? readdirSync(fileStore().dir).sort() : []);
    const filesBefore = stored();
    const fields = { competencyId: fw.writing.id, level: "2", title: "Mein Nachweis" };
    const spoofed = await upload(s.employeeUser.id, uploadForm(fields, { bytes: TEXT_AS_PDF, name: "zertifikat.pdf", type: "application/pdf" }));
    expect(spoofed).toEqual({
      status: 400,
      body: { ok: false, intent: "upload", formError: "form.checkFields", fieldErrors: { file: ["evidence.file.type"] }, values: { intent: "upload", ...fields } },
    });
    expect((await upload(s.employeeUser.id, uploadForm(fields, { bytes: EXE_AS_PDF, name: "rechnung.pdf" }))).body).toMatchObject({ fieldErrors: { file: ["evidence.file.type"] } });
    const big = await upload(s.employeeUser.id, uploadForm(fields, { bytes: largePdf(10 * 1024 * 1024 + 1), name: "gross.pdf" }));
    expect(big).toMatchObject({ status: 400, body: { fieldErrors: { file: ["evidence.file.tooLarge"] }, values: fields } });
    expect((await upload(s.employeeUser.id, uploadForm(fields))).body).toMatchObject({ fieldErrors: { file: ["evidence.file.missing"] }, values: fields });
    const outOfScale = await upload(s.employeeUser.id, uploadForm({ ...fields, level: "7" }, { bytes: await samplePdf(), name: "ok.pdf" }));
    expect(outOfScale).toMatchObject({ status: 400, body: { fieldErrors: { level: ["evidence.levelOutOfRange"] }, values: { level: "7", title: "Mein Nachweis" } } });
    expect(await db.evidence.count({ where: { personId: s.employee.id } })).toBe(0);
    expect(stored()).toEqual(filesBefore);
  });

  it("refuses a declared body far over the limit before reading it", async () => {
    const request = new Request("http://localhost/nachweise", {
      method: "POST",
      headers: { "Content-Type": "multipart/form-data; boundary=x", "Content-Length": String(500 * 1024 * 1024) },
      body: "--x--",
    });
    await expect(parseUploadForm(request, { fileField: "file", maxBytes: 10 * 1024 * 1024 })).rejects.toBeInstanceOf(RequestTooLargeError);
  });

  it("lets the leader accept at a chosen level; the employee sees it accepted and the level counts", async () => {
    const { s, fw } = await setup();
    const evidence = await uploadAsEmployee(s, fw);
    const queue = await reviewLoader(args(await requestAs(s.leaderUser.id, "/nachweise/pruefen")));
    expect(queue.access).toBe("team");
    expect(queue.items.map((i) => [i.id, i.person.id, i.level])).toEqual([[evidence.id, s.employee.id, 3]]);
    expect(queue.items[0]!.competency.descriptors.find((d) => d.ordinal === 3)?.text).toBe("Schreiben auf Stufe 3");

    const accepted = await review(s.leaderUser.id, { intent: "accept", evidenceId: evidence.id, level: "2", note: "" });
    expect(accepted).toEqual({ status: 200, body: { ok: true, intent: "accept", person: `${s.employee.firstName} ${s.employee.lastName}` } });
    const own = await ownLoader(args(await requestAs(s.employeeUser.id, "/nachweise")));
    expect(own.items[0]).toMatchObject({ status: "ACCEPTED", acceptedLevel: 2, decidedBy: `${s.leader.firstName} ${s.leader.lastName}` });
    const gaps = await competenciesLoader(args(await requestAs(s.employeeUser.id, "/kompetenzen")));
    expect(gaps.gaps.rows[0]!.current).toMatchObject({ level: 2, source: "EVIDENCE" });
    expect(gaps.gaps.rows[0]!.history.map((h) => [h.source, h.note])).toEqual([["EVIDENCE", "Nachweis: Zertifikat Schreibwerkstatt"]]);
    expect((await reviewLoader(args(await requestAs(s.leaderUser.id, "/nachweise/pruefen")))).items).toEqual([]);
  });

  it("needs a reason to reject and shows the reason to the person", async () => {
    const { s, fw } = await setup();
    const evidence = await uploadAsEmployee(s, fw);
    const missing = await review(s.hrUser.id, { intent: "reject", evidenceId: evidence.id, reason: "  " });
    expect(missing).toMatchObject({ status: 400, body: { ok: false, intent: "reject", fieldErrors: { reason: ["evidence.reasonRequired"] }, values: { evidenceId: evidence.id } } });
    const done = await review(s.hrUser.id, { intent: "reject", evidenceId: evidence.id, reason: "Bitte das vollständige Zertifikat hochladen." });
    expect(done).toMatchObject({ status: 200, body: { ok: true, intent: "reject" } });
    const own = await ownLoader(args(await requestAs(s.employeeUser.id, "/nachweise")));
    expect(own.items[0]).toMatchObject({ status: "REJECTED", decisionNote: "Bitte das vollständige Zertifikat hochladen." });
  });

  it("downloads with the stored type, as an attachment with a safe name, and audits reads by the leader and HR", async () => {
    const { s, fw } = await setup();
    const evidence = await uploadAsEmployee(s, fw);
    const own = await download(s.employeeUser.id, evidence.id);
    expect(own.status).toBe(200);
    const response = own.body as Response;
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    expect(response.headers.get("Content-Disposition")).toBe(`attachment; filename="zertifikat.pdf"; filename*=UTF-8''zertifikat.pdf`);
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(response.headers.get("Cache-Control")).toBe("private, no-store");
    expect(Buffer.from(await response.arrayBuffer()).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(await db.auditEvent.count({ where: { action: "evidence.download", entityId: evidence.id } })).toBe(0);

    expect((await download(s.leaderUser.id, evidence.id)).status).toBe(200);
    expect((await download(s.hrUser.id, evidence.id)).status).toBe(200);
    const reads = await db.auditEvent.findMany({ where: { action: "evidence.download", entityId: evidence.id }, select: { actorUserId: true, affectedPersonId: true } });
    expect(reads).toEqual(expect.arrayContaining([
      { actorUserId: s.leaderUser.id, affectedPersonId: s.employee.id },
      { actorUserId: s.hrUser.id, affectedPersonId: s.employee.id },
    ]));
    expect(reads).toHaveLength(2);
    expect((await download(s.leaderUser.id, "unbekannt")).status).toBe(404);
    expect((await download(null, evidence.id)).status).toBe(302);
  });

  it("refuses every forbidden path and changes nothing", async () => {
    const { s, fw, otherLeaderUser, colleagueUser } = await setup();
    const evidence = await uploadAsEmployee(s, fw);
    const auditBefore = await db.auditEvent.count();

    // The employee uploads for another person.
    const forOther = await upload(s.employeeUser.id, uploadForm({ personId: s.colleague.id, competencyId: fw.writing.id, level: "2", title: "Für Clara" }, { bytes: await samplePdf(), name: "x.pdf" }));
    expect(forOther.status).toBe(403);
    expect(await db.evidence.count({ where: { personId: s.colleague.id } })).toBe(0);
    // Another employee downloads the file.
    expect((await download(colleagueUser.id, evidence.id)).status).toBe(403);
    // A leader of another team downloads, accepts or rejects.
    expect((await download(otherLeaderUser.id, evidence.id)).status).toBe(403);
    expect((await review(otherLeaderUser.id, { intent: "accept", evidenceId: evidence.id, level: "3" })).status).toBe(403);
    expect((await review(otherLeaderUser.id, { intent: "reject", evidenceId: evidence.id, reason: "nein" })).status).toBe(403);
    expect((await reviewLoader(args(await requestAs(otherLeaderUser.id, "/nachweise/pruefen")))).items).toEqual([]);
    // The employee accepts their own evidence (and a colleague tries too): no review rights.
    expect((await review(s.employeeUser.id, { intent: "accept", evidenceId: evidence.id, level: "3" })).status).toBe(403);
    expect((await review(colleagueUser.id, { intent: "accept", evidenceId: evidence.id, level: "3" })).status).toBe(403);
    expect(await statusOf(reviewLoader(args(await requestAs(s.employeeUser.id, "/nachweise/pruefen"))))).toBe(403);
    // Others withdraw the employee's evidence.
    expect((await outcome(ownAction(args(await post(s.leaderUser.id, "/nachweise", { intent: "delete", evidenceId: evidence.id }))))).status).toBe(403);
    expect((await outcome(ownAction(args(await post(colleagueUser.id, "/nachweise", { intent: "delete", evidenceId: evidence.id }))))).status).toBe(403);

    expect(await db.evidence.findUniqueOrThrow({ where: { id: evidence.id } })).toMatchObject({ status: "PENDING", decidedById: null });
    expect(await db.competencyLevelRecord.count({ where: { personId: s.employee.id } })).toBe(0);
    expect(await db.auditEvent.count()).toBe(auditBefore + 1); // only the other leader's (empty) queue view
  });

  it("does not let a leader accept their own evidence, even inside the unit they lead", async () => {
    const { s, fw } = await setup();
    const result = await upload(s.leaderUser.id, uploadForm({ competencyId: fw.writing.id, level: "2", title: "Eigenes" }, { bytes: await samplePdf(), name: "x.pdf" }));
    expect(result.status).toBe(200);
    const own = await db.evidence.findFirstOrThrow({ where: { personId: s.leader.id } });
    expect((await reviewLoader(args(await requestAs(s.leaderUser.id, "/nachweise/pruefen")))).items.map((i) => i.id)).not.toContain(own.id);
    expect((await review(s.leaderUser.id, { intent: "accept", evidenceId: own.id, level: "2" })).status).toBe(403);
  });

  it("shows an admin-only account no person data, and explains accounts without a person", async () => {
    const { s, fw } = await setup();
    const evidence = await uploadAsEmployee(s, fw);
    expect(await statusOf(ownLoader(args(await requestAs(s.adminUser.id, "/nachweise"))))).toBe(403);
    expect(await statusOf(reviewLoader(args(await requestAs(s.adminUser.id, "/nachweise/pruefen"))))).toBe(403);
    expect((await download(s.adminUser.id, evidence.id)).status).toBe(403);
    expect((await review(s.adminUser.id, { intent: "accept", evidenceId: evidence.id, level: "3" })).status).toBe(403);
    const noPerson = await createAccount(db, null, ["EMPLOYEE"]);
    expect(await outcome(ownLoader(args(await requestAs(noPerson.id, "/nachweise"))))).toEqual({ status: 404, body: "evidence.noPersonAccount" });
    expect(await statusOf(ownLoader(args(await requestAs(null, "/nachweise"))))).toBe(302);
  });

  it("lets the person withdraw pending evidence", async () => {
    const { s, fw } = await setup();
    const evidence = await uploadAsEmployee(s, fw);
    const result = await outcome(ownAction(args(await post(s.employeeUser.id, "/nachweise", { intent: "delete", evidenceId: evidence.id }))));
    expect(result).toMatchObject({ status: 200, body: { ok: true, intent: "delete", message: "evidence.deleted" } });
    expect(await db.evidence.findUnique({ where: { id: evidence.id } })).toBeNull();
    expect(readdirSync(fileStore().dir)).not.toContain(evidence.storageKey);
  });
});
