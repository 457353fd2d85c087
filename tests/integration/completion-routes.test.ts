// Attendance, completions and certificates as Remix calls them: the attendance page, the
// certificate PDF, uploads on "Meine Nachweise", HR's review page, the person page of a team
// member, and every forbidden path (nothing changes).
import { db } from "~/utils/db.server.ts";
import { activeKeyOf } from "~/modules/training/enrolment.server.ts";
import { action as attendanceAction, loader as attendanceLoader } from "~/routes/schulungen.termine.$sessionId.anwesenheit.tsx";
import { loader as sessionLoader } from "~/routes/schulungen.termine.$sessionId._index.tsx";
import { loader as certificateLoader } from "~/routes/nachweise.bescheinigungen.$completionId[.]pdf.ts";
import { loader as uploadFileLoader } from "~/routes/nachweise.zertifikate.$completionId.datei.ts";
import { action as ownAction, loader as ownLoader } from "~/routes/nachweise._index.tsx";
import { action as reviewAction, loader as reviewLoader } from "~/routes/nachweise.zertifikate-pruefen.tsx";
import { loader as personLoader } from "~/routes/personen.$personId.tsx";
import { createAccount, createPerson, createScenario, makeLeader, requestAs } from "../factories.ts";
import { createPublishedFramework } from "../competency-factories.ts";
import { createTraining } from "../training-factories.ts";
import { samplePdf, TEXT_AS_PDF } from "../file-fixtures.ts";

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
const post = (userId: string, url: string, body: URLSearchParams | FormData) => requestAs(userId, url, { method: "POST", body });

async function setup() {
  const s = await createScenario(db);
  const fw = await createPublishedFramework(db);
  const trainerPerson = await createPerson(db, { unit: s.amtB, firstName: "Tina", title: "Fortbildung" });
  const trainerUser = await createAccount(db, trainerPerson);
  const colleagueUser = await createAccount(db, s.colleague);
  await makeLeader(db, s.amtB.id, s.outsider.id);
  const otherLeaderUser = await createAccount(db, s.outsider);
  const { training, session } = await createTraining(db, {
    title: "Bürgerbriefe verständlich schreiben",
    startsInDays: -1,
    requiresApproval: false,
    trainerPersonId: trainerPerson.id,
    competencies: [{ node: fw.writing, targetLevel: 3 }],
  });
  const enrolments = [];
  for (const p of [s.employee, s.colleague]) {
    enrolments.push(
      await db.enrolment.create({ data: { personId: p.id, trainingId: training.id, sessionId: session.id, status: "CONFIRMED", activeKey: activeKeyOf(p.id, session.id), requestedById: s.hrUser.id } }),
    );
  }
  await db.trainingSession.update({ where: { id: session.id }, data: { confirmedCount: 2 } });
  // A trainer of another session.
  const otherTrainerPerson = await createPerson(db, { unit: s.amtB, firstName: "Theo" });
  const otherTrainerUser = await createAccount(db, otherTrainerPerson);
  await createTraining(db, { startsInDays: -1, trainerPersonId: otherTrainerPerson.id });
  return { s, fw, training, session, enrolments, trainerUser, colleagueUser, otherLeaderUser, otherTrainerUser };
}
type Setup = Awaited<ReturnType<typeof setup>>;

function attendanceForm(ctx: Setup, values: Record<string, string> = {}, intent = "save") {
  const form = new URLSearchParams({ intent });
  for (const e of ctx.enrolments) {
    form.append("enrolmentId", e.id);
    form.set(`attendance.${e.id}`, values[e.id] ?? "ATTENDED");
    form.set(`result.${e.id}`, "PARTICIPATED");
    form.set(`expiresOn.${e.id}`, "");
  }
  return form;
}
const attendanceUrl = (ctx: Setup) => `/schulungen/termine/${ctx.session.id}/anwesenheit`;
const saveAttendance = async (ctx: Setup, userId: string, form: URLSearchParams) => outcome(attendanceAction(args(await post(userId, attendanceUrl(ctx), form), { sessionId: ctx.session.id })));
const certificateUrl = (id: string) => `/nachweise/bescheinigungen/${id}.pdf`;
const certificate = async (userId: string | null, id: string) => outcome(certificateLoader(args(await requestAs(userId, certificateUrl(id)), { completionId: id })));

async function recordAll(ctx: Setup) {
  const saved = await saveAttendance(ctx, ctx.s.hrUser.id, attendanceForm(ctx));
  expect(saved).toMatchObject({ status: 200, body: { ok: true, created: 2 } });
  return db.trainingCompletion.findUniqueOrThrow({ where: { enrolmentId: ctx.enrolments[0]!.id } });
}

function uploadForm(fields: Record<string, string>, file?: { bytes: Uint8Array; name: string }) {
  const form = new FormData();
  form.set("intent", "completion-upload");
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  form.set("file", file ? new File([new Uint8Array(file.bytes)], file.name, { type: "application/pdf" }) : new File([], "", { type: "application/octet-stream" }));
  return form;
}
const today = () => new Date().toISOString().slice(0, 10);

describe("attendance page", () => {
  it("shows HR the sheet and saves the whole list at once; the session page links to it", async () => {
    const ctx = await setup();
    const sheet = await attendanceLoader(args(await requestAs(ctx.s.hrUser.id, attendanceUrl(ctx)), { sessionId: ctx.session.id }));
    expect(sheet).toMatchObject({ access: "any", canRecord: true });
    expect(sheet.participants.map((p) => p.person.id).sort()).toEqual([ctx.s.employee.id, ctx.s.colleague.id].sort());
    const sessionPage = await sessionLoader(args(await requestAs(ctx.s.hrUser.id, `/schulungen/termine/${ctx.session.id}`), { sessionId: ctx.session.id }));
    expect(sessionPage.canRecordAttendance).toBe(true);
    expect(sessionPage.canSeeEvaluation).toBe(true);

    const saved = await saveAttendance(ctx, ctx.s.hrUser.id, attendanceForm(ctx, { [ctx.enrolments[1]!.id]: "ABSENT" }));
    expect(saved).toMatchObject({ status: 200, body: { ok: true, intent: "save", created: 1, removed: 0 } });
    // "Alle anwesend" sets every row to attended.
    const all = await saveAttendance(ctx, ctx.s.hrUser.id, attendanceForm(ctx, { [ctx.enrolments[1]!.id]: "ABSENT" }, "all-attended"));
    expect(all).toMatchObject({ status: 200, body: { ok: true, created: 1, unchanged: 1 } });
    expect(await db.trainingCompletion.count({ where: { sessionId: ctx.session.id } })).toBe(2);
  });

  it("answers a bad date with the message next to the row and keeps every value", async () => {
    const ctx = await setup();
    const form = attendanceForm(ctx);
    const emp = ctx.enrolments[0]!.id;
    form.set(`expiresOn.${emp}`, "2000-01-01");
    form.set(`result.${emp}`, "PASSED");
    const failed = await saveAttendance(ctx, ctx.s.hrUser.id, form);
    expect(failed).toMatchObject({
      status: 400,
      body: { ok: false, intent: "save", formError: "form.checkFields", fieldErrors: { [`expiresOn.${emp}`]: ["completions.error.expiryBeforeCompletion"] }, values: { [`expiresOn.${emp}`]: "2000-01-01", [`result.${emp}`]: "PASSED" } },
    });
    expect(await db.trainingCompletion.count({ where: { sessionId: ctx.session.id } })).toBe(0);
  });

  it("refuses the employee, the leader, another employee and a trainer of another session (403), changing nothing", async () => {
    const ctx = await setup();
    for (const userId of [ctx.s.employeeUser.id, ctx.s.leaderUser.id, ctx.colleagueUser.id, ctx.otherLeaderUser.id, ctx.otherTrainerUser.id, ctx.s.adminUser.id]) {
      expect(await statusOf(attendanceLoader(args(await requestAs(userId, attendanceUrl(ctx)), { sessionId: ctx.session.id })))).toBe(403);
      expect((await saveAttendance(ctx, userId, attendanceForm(ctx))).status).toBe(403);
    }
    expect(await db.trainingCompletion.count({ where: { sessionId: ctx.session.id } })).toBe(0);
    expect(await db.enrolment.count({ where: { sessionId: ctx.session.id, attendance: { not: null } } })).toBe(0);
    const sessionPage = await sessionLoader(args(await requestAs(ctx.s.leaderUser.id, `/schulungen/termine/${ctx.session.id}`), { sessionId: ctx.session.id }));
    expect(sessionPage.canRecordAttendance).toBe(false);
    // The anonymous evaluation of the session: HR and the session's own trainer, nobody else.
    expect(sessionPage.canSeeEvaluation).toBe(false);
    const trainerPage = await sessionLoader(args(await requestAs(ctx.trainerUser.id, `/schulungen/termine/${ctx.session.id}`), { sessionId: ctx.session.id }));
    expect(trainerPage.canSeeEvaluation).toBe(true);
    // The session's own trainer may.
    expect((await saveAttendance(ctx, ctx.trainerUser.id, attendanceForm(ctx))).status).toBe(200);
    expect(await statusOf(attendanceLoader(args(await requestAs(null, attendanceUrl(ctx)), { sessionId: ctx.session.id })))).toBe(302);
  });
});

describe("certificate PDF", () => {
  it("is sent to the person, their leader and HR as a PDF attachment; reads by others are audited", async () => {
    const ctx = await setup();
    const completion = await recordAll(ctx);
    const own = await certificate(ctx.s.employeeUser.id, completion.id);
    expect(own.status).toBe(200);
    const response = own.body as Response;
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    expect(response.headers.get("Content-Disposition")).toBe(`attachment; filename="Teilnahmebescheinigung-${completion.certificateNumber}.pdf"`);
    expect(response.headers.get("Cache-Control")).toBe("private, no-store");
    const pdf = Buffer.from(await response.arrayBuffer());
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(await db.auditEvent.count({ where: { action: "completion.certificate-read", entityId: completion.id } })).toBe(0);
    expect((await certificate(ctx.s.leaderUser.id, completion.id)).status).toBe(200);
    expect((await certificate(ctx.s.hrUser.id, completion.id)).status).toBe(200);
    const reads = await db.auditEvent.findMany({ where: { action: "completion.certificate-read", entityId: completion.id }, select: { actorUserId: true, affectedPersonId: true } });
    expect(reads).toHaveLength(2);
    expect(reads).toEqual(expect.arrayContaining([{ actorUserId: ctx.s.leaderUser.id, affectedPersonId: ctx.s.employee.id }]));
  });

  it("is refused to another employee, a leader of another team, the trainer and admins", async () => {
    const ctx = await setup();
    const completion = await recordAll(ctx);
    expect((await certificate(ctx.colleagueUser.id, completion.id)).status).toBe(403);
    expect((await certificate(ctx.otherLeaderUser.id, completion.id)).status).toBe(403);
    expect((await certificate(ctx.trainerUser.id, completion.id)).status).toBe(403);
    expect((await certificate(ctx.s.adminUser.id, completion.id)).status).toBe(403);
    expect((await certificate(ctx.s.employeeUser.id, "unbekannt")).status).toBe(404);
    expect((await certificate(null, completion.id)).status).toBe(302);
  });
});

describe("uploaded certificates", () => {
  it("go through Meine Nachweise to HR's review page and back as a confirmed completion", async () => {
    const ctx = await setup();
    const { training } = await createTraining(db, { title: "Datenschutz online", format: "ELEARNING", competencies: [{ node: ctx.fw.listening, targetLevel: 2 }] });
    const page = await ownLoader(args(await requestAs(ctx.s.employeeUser.id, "/nachweise")));
    expect(page.completions.items).toEqual([]);
    expect(page.uploadTrainings.elearning.map((t) => t.id)).toContain(training.id);

    // Wrong type and a future date: messages next to the fields, input kept, nothing stored.
    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const bad = await outcome(ownAction(args(await post(ctx.s.employeeUser.id, "/nachweise", uploadForm({ trainingId: training.id, completedOn: tomorrow }, { bytes: TEXT_AS_PDF, name: "z.pdf" })))));
    expect(bad).toMatchObject({
      status: 400,
      body: { ok: false, intent: "completion-upload", fieldErrors: { completedOn: ["completions.upload.dateInFuture"], file: ["completions.file.type"] }, values: { trainingId: training.id, completedOn: tomorrow } },
    });
    const good = await outcome(ownAction(args(await post(ctx.s.employeeUser.id, "/nachweise", uploadForm({ trainingId: training.id, completedOn: today() }, { bytes: await samplePdf(), name: "Zertifikat.pdf" })))));
    expect(good).toMatchObject({ status: 200, body: { ok: true, intent: "completion-upload", message: "completions.upload.uploaded" } });
    const pending = await db.trainingCompletion.findFirstOrThrow({ where: { personId: ctx.s.employee.id, trainingId: training.id } });
    expect(pending.status).toBe("PENDING");

    // Leaders do not review certificates: the page and its action are refused.
    expect(await statusOf(reviewLoader(args(await requestAs(ctx.s.leaderUser.id, "/nachweise/zertifikate-pruefen"))))).toBe(403);
    const leaderConfirm = await outcome(reviewAction(args(await post(ctx.s.leaderUser.id, "/nachweise/zertifikate-pruefen", new URLSearchParams({ intent: "confirm", completionId: pending.id })))));
    expect(leaderConfirm.status).toBe(403);
    expect(await statusOf(reviewAction(args(await post(ctx.s.employeeUser.id, "/nachweise/zertifikate-pruefen", new URLSearchParams({ intent: "confirm", completionId: pending.id })))))).toBe(403);
    expect((await db.trainingCompletion.findUniqueOrThrow({ where: { id: pending.id } })).status).toBe("PENDING");

    // The uploaded file: the person and HR, not a colleague or the leader.
    const file = async (userId: string) => statusOf(uploadFileLoader(args(await requestAs(userId, `/nachweise/zertifikate/${pending.id}/datei`), { completionId: pending.id })));
    expect(await file(ctx.s.employeeUser.id)).toBe(200);
    expect(await file(ctx.s.hrUser.id)).toBe(200);
    expect(await file(ctx.colleagueUser.id)).toBe(403);
    expect(await file(ctx.s.leaderUser.id)).toBe(403);

    const queue = await reviewLoader(args(await requestAs(ctx.s.hrUser.id, "/nachweise/zertifikate-pruefen")));
    expect(queue.items.map((i) => i.id)).toContain(pending.id);
    const noReason = await outcome(reviewAction(args(await post(ctx.s.hrUser.id, "/nachweise/zertifikate-pruefen", new URLSearchParams({ intent: "reject", completionId: pending.id, reason: "" })))));
    expect(noReason).toMatchObject({ status: 400, body: { ok: false, intent: "reject", fieldErrors: { reason: ["completions.review.reasonRequired"] }, values: { completionId: pending.id } } });
    const confirmed = await outcome(
      reviewAction(args(await post(ctx.s.hrUser.id, "/nachweise/zertifikate-pruefen", new URLSearchParams({ intent: "confirm", completionId: pending.id, result: "PASSED", expiresOn: "2099-12-31" })))),
    );
    expect(confirmed).toMatchObject({ status: 200, body: { ok: true, intent: "confirm", training: "Datenschutz online" } });
    const after = await ownLoader(args(await requestAs(ctx.s.employeeUser.id, "/nachweise")));
    expect(after.completions.items.map((i) => [i.training.title, i.status, i.result, i.canDownloadCertificate])).toEqual([["Datenschutz online", "CONFIRMED", "PASSED", true]]);
    expect((await certificate(ctx.s.employeeUser.id, pending.id)).status).toBe(200);
  });

  it("can be withdrawn only by the person", async () => {
    const ctx = await setup();
    const { training } = await createTraining(db, { format: "ELEARNING" });
    await outcome(ownAction(args(await post(ctx.s.employeeUser.id, "/nachweise", uploadForm({ trainingId: training.id, completedOn: today() }, { bytes: await samplePdf(), name: "z.pdf" })))));
    const pending = await db.trainingCompletion.findFirstOrThrow({ where: { personId: ctx.s.employee.id, trainingId: training.id } });
    const withdraw = async (userId: string) => outcome(ownAction(args(await post(userId, "/nachweise", new URLSearchParams({ intent: "completion-withdraw", completionId: pending.id })))));
    expect((await withdraw(ctx.colleagueUser.id)).status).toBe(403);
    expect((await withdraw(ctx.s.leaderUser.id)).status).toBe(403);
    expect(await withdraw(ctx.s.employeeUser.id)).toMatchObject({ status: 200, body: { ok: true, message: "completions.upload.withdrawn" } });
    expect(await db.trainingCompletion.findUnique({ where: { id: pending.id } })).toBeNull();
  });
});

describe("person page", () => {
  it("shows a team member's completions to their leader and HR, read-only and audited", async () => {
    const ctx = await setup();
    await recordAll(ctx);
    const leaderView = await personLoader(args(await requestAs(ctx.s.leaderUser.id, `/personen/${ctx.s.employee.id}`), { personId: ctx.s.employee.id }));
    expect(leaderView.completions?.access).toBe("team");
    expect(leaderView.completions?.items.map((i) => [i.training.title, i.canWithdraw])).toEqual([["Bürgerbriefe verständlich schreiben", false]]);
    expect(await db.auditEvent.count({ where: { action: "completion.read", actorUserId: ctx.s.leaderUser.id, affectedPersonId: ctx.s.employee.id } })).toBe(1);
    const hrView = await personLoader(args(await requestAs(ctx.s.hrUser.id, `/personen/${ctx.s.employee.id}`), { personId: ctx.s.employee.id }));
    expect(hrView.completions?.access).toBe("any");
    expect(await statusOf(personLoader(args(await requestAs(ctx.otherLeaderUser.id, `/personen/${ctx.s.employee.id}`), { personId: ctx.s.employee.id })))).toBe(403);
  });
});
