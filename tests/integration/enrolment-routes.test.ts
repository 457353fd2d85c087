// The enrolment pages as Remix calls them, signed in as real users: the forbidden paths answer
// 403/404 and change nothing; the allowed ones work; the calendar feed needs the right token.
import { db } from "~/utils/db.server.ts";
import { action as pageAction, loader as pageLoader } from "~/routes/schulungen.$trainingId.tsx";
import { action as approvalsAction, loader as approvalsLoader } from "~/routes/freigaben.tsx";
import { action as mineAction, loader as mineLoader } from "~/routes/anmeldungen._index.tsx";
import { action as feedAction, loader as feedPageLoader } from "~/routes/anmeldungen.kalender.tsx";
import { loader as feedLoader } from "~/routes/kalender.$token.ts";
import { action as sessionAction, loader as sessionLoader } from "~/routes/schulungen.termine.$sessionId._index.tsx";
import { loader as icsLoader } from "~/routes/schulungen.termine.$sessionId.kalender[.]ics.ts";
import { loader as startLoader } from "~/routes/_index.tsx";
import { enrol } from "~/modules/training/enrolment.server.ts";
import { actorFor, createAccount, createPerson, createScenario, makeLeader, requestAs } from "../factories.ts";
import { createTraining } from "../training-factories.ts";

type Args = Parameters<typeof pageLoader>[0];
const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} }) as Args;
const post = (userId: string, url: string, fields: Record<string, string>) => requestAs(userId, url, { method: "POST", body: new URLSearchParams(fields) });

async function statusOf(promise: Promise<unknown>) {
  try {
    const value = await promise;
    if (value instanceof Response) return value.status;
    if (value && typeof value === "object" && "init" in value) return (value as { init: { status?: number } | null }).init?.status ?? 200;
    return 200;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}
function bodyOf(value: unknown) {
  return (value && typeof value === "object" && "data" in value ? (value as { data: unknown }).data : value) as Record<string, unknown>;
}

async function setup() {
  const s = await createScenario(db);
  // A leader of another Amt, to try things outside their team.
  const otherLeader = await createPerson(db, { unit: s.amtB, firstName: "Bernd" });
  await makeLeader(db, s.amtB.id, otherLeader.id);
  const otherLeaderUser = await createAccount(db, otherLeader);
  const colleagueUser = await createAccount(db, s.colleague);
  return { ...s, otherLeader, otherLeaderUser, colleagueUser };
}

describe("enrolment routes", () => {
  it("an employee requests a place on the training page; the leader approves on /freigaben", async () => {
    const s = await setup();
    const { training, session } = await createTraining(db, { requiresApproval: true, capacity: 2 });
    const url = `/schulungen/${training.id}`;
    const sent = bodyOf(await pageAction(args(await post(s.employeeUser.id, url, { intent: "enrolment-request", sessionId: session.id, note: "Bitte" }), { trainingId: training.id })));
    expect(sent).toMatchObject({ ok: true, message: "enrolment.done.requested", targetId: session.id });
    const page = bodyOf(await pageLoader(args(await requestAs(s.employeeUser.id, url), { trainingId: training.id })));
    expect((page.enrolment as { sessions: Record<string, { own: { status: string } }> }).sessions[session.id]!.own.status).toBe("REQUESTED");
    // A second request: 400 with the message, nothing changes.
    const again = pageAction(args(await post(s.employeeUser.id, url, { intent: "enrolment-request", sessionId: session.id }), { trainingId: training.id }));
    expect(await statusOf(again)).toBe(400);
    expect(await db.enrolment.count({ where: { sessionId: session.id } })).toBe(1);

    const pending = bodyOf(await approvalsLoader(args(await requestAs(s.leaderUser.id, "/freigaben"))));
    const requests = pending.requests as { id: string }[];
    expect(requests).toHaveLength(1);
    const start = bodyOf(await startLoader(args(await requestAs(s.leaderUser.id, "/"))));
    expect((start.enrolment as { pendingApprovals: number }).pendingApprovals).toBe(1);
    // Declining without a comment: 400 with the field message, kept values.
    const bad = bodyOf(await approvalsAction(args(await post(s.leaderUser.id, "/freigaben", { intent: "enrolment-decline", enrolmentId: requests[0]!.id, comment: " " }))));
    expect(bad).toMatchObject({ ok: false, fieldErrors: { comment: ["enrolment.validation.commentRequired"] }, values: { enrolmentId: requests[0]!.id } });
    const ok = bodyOf(await approvalsAction(args(await post(s.leaderUser.id, "/freigaben", { intent: "enrolment-approve", enrolmentId: requests[0]!.id }))));
    expect(ok).toMatchObject({ ok: true, message: "enrolment.done.approved" });
    const mine = bodyOf(await mineLoader(args(await requestAs(s.employeeUser.id, "/anmeldungen"))));
    expect((mine.upcoming as { status: string }[]).map((e) => e.status)).toEqual(["CONFIRMED"]);
    const employeeStart = bodyOf(await startLoader(args(await requestAs(s.employeeUser.id, "/"))));
    expect((employeeStart.enrolment as { next: { session: { id: string } }[] }).next.map((e) => e.session.id)).toEqual([session.id]);
  });

  it("enrolling someone else without being their leader or HR is 403 and changes nothing", async () => {
    const s = await setup();
    const { training, session } = await createTraining(db, { requiresApproval: false });
    const url = `/schulungen/${training.id}`;
    const asEmployee = pageAction(args(await post(s.employeeUser.id, url, { intent: "enrolment-enrol", sessionId: session.id, personId: s.colleague.id }), { trainingId: training.id }));
    expect(await statusOf(asEmployee)).toBe(403);
    const outside = pageAction(args(await post(s.otherLeaderUser.id, url, { intent: "enrolment-enrol", sessionId: session.id, personId: s.employee.id }), { trainingId: training.id }));
    expect(await statusOf(outside)).toBe(403);
    expect(await db.enrolment.count({ where: { sessionId: session.id } })).toBe(0);
    // Missing person: 400 with the field message.
    const missing = bodyOf(await pageAction(args(await post(s.leaderUser.id, url, { intent: "enrolment-enrol", sessionId: session.id, personId: "" }), { trainingId: training.id })));
    expect(missing).toMatchObject({ ok: false, fieldErrors: { personId: ["enrolment.validation.personRequired"] } });
    // The own leader and HR may.
    const byLeader = bodyOf(await pageAction(args(await post(s.leaderUser.id, url, { intent: "enrolment-enrol", sessionId: session.id, personId: s.employee.id }), { trainingId: training.id })));
    expect(byLeader).toMatchObject({ ok: true, message: "enrolment.done.enrolled" });
    const byHr = bodyOf(await pageAction(args(await post(s.hrUser.id, url, { intent: "enrolment-enrol", sessionId: session.id, personId: s.outsider.id }), { trainingId: training.id })));
    expect(byHr).toMatchObject({ ok: true });
  });

  it("approving or declining outside one's team is 403; an employee cannot approve at all", async () => {
    const s = await setup();
    const { session } = await createTraining(db, { requiresApproval: true });
    const { enrolment } = await enrol(db, await actorFor(db, s.employeeUser.id), { sessionId: session.id });
    const outside = approvalsAction(args(await post(s.otherLeaderUser.id, "/freigaben", { intent: "enrolment-approve", enrolmentId: enrolment.id })));
    expect(await statusOf(outside)).toBe(403);
    const outsideDecline = approvalsAction(args(await post(s.otherLeaderUser.id, "/freigaben", { intent: "enrolment-decline", enrolmentId: enrolment.id, comment: "Nein" })));
    expect(await statusOf(outsideDecline)).toBe(403);
    // Employees have no Freigaben page and cannot post there, nor approve through another page.
    expect(await statusOf(approvalsLoader(args(await requestAs(s.colleagueUser.id, "/freigaben"))))).toBe(403);
    expect(await statusOf(approvalsAction(args(await post(s.colleagueUser.id, "/freigaben", { intent: "enrolment-approve", enrolmentId: enrolment.id }))))).toBe(403);
    expect(await statusOf(mineAction(args(await post(s.employeeUser.id, "/anmeldungen", { intent: "enrolment-approve", enrolmentId: enrolment.id }))))).toBe(403);
    expect(await statusOf(approvalsAction(args(await post(s.leaderUser.id, "/freigaben", { intent: "enrolment-approve", enrolmentId: "missing" }))))).toBe(404);
    expect((await db.enrolment.findUniqueOrThrow({ where: { id: enrolment.id } })).status).toBe("REQUESTED");
    // The other leader's list does not show it.
    expect((bodyOf(await approvalsLoader(args(await requestAs(s.otherLeaderUser.id, "/freigaben")))).requests as unknown[]).length).toBe(0);
  });

  it("reading another person's enrolments or a session's participants without the right is 403", async () => {
    const s = await setup();
    const { session } = await createTraining(db, { requiresApproval: false });
    await enrol(db, await actorFor(db, s.hrUser.id), { sessionId: session.id, personId: s.employee.id });
    expect(await statusOf(mineLoader(args(await requestAs(s.colleagueUser.id, `/anmeldungen?person=${s.employee.id}`))))).toBe(403);
    expect(await statusOf(mineLoader(args(await requestAs(s.otherLeaderUser.id, `/anmeldungen?person=${s.employee.id}`))))).toBe(403);
    expect(await statusOf(mineLoader(args(await requestAs(s.leaderUser.id, `/anmeldungen?person=${s.employee.id}`))))).toBe(200);
    expect(await statusOf(mineLoader(args(await requestAs(s.leaderUser.id, `/anmeldungen?person=unknown`))))).toBe(404);
    const sessionUrl = `/schulungen/termine/${session.id}`;
    expect(await statusOf(sessionLoader(args(await requestAs(s.colleagueUser.id, sessionUrl), { sessionId: session.id })))).toBe(403);
    // A leader of another unit sees the page but none of the participants.
    const other = bodyOf(await sessionLoader(args(await requestAs(s.otherLeaderUser.id, sessionUrl), { sessionId: session.id })));
    expect(other.participants).toEqual([]);
    const own = bodyOf(await sessionLoader(args(await requestAs(s.leaderUser.id, sessionUrl), { sessionId: session.id })));
    expect((own.participants as { person: { id: string } }[]).map((p) => p.person.id)).toEqual([s.employee.id]);
    expect(await statusOf(sessionLoader(args(await requestAs(s.hrUser.id, "/schulungen/termine/missing"), { sessionId: "missing" })))).toBe(404);
    // Cancelling someone else's place without the right: 403; cancelling a session: HR only.
    const enrolment = await db.enrolment.findFirstOrThrow({ where: { sessionId: session.id } });
    expect(await statusOf(sessionAction(args(await post(s.colleagueUser.id, sessionUrl, { intent: "enrolment-cancel", enrolmentId: enrolment.id }), { sessionId: session.id })))).toBe(403);
    expect(await statusOf(sessionAction(args(await post(s.leaderUser.id, sessionUrl, { intent: "session-cancel", sessionId: session.id }), { sessionId: session.id })))).toBe(403);
    expect((await db.trainingSession.findUniqueOrThrow({ where: { id: session.id } })).status).toBe("SCHEDULED");
    expect((await db.enrolment.findUniqueOrThrow({ where: { id: enrolment.id } })).status).toBe("CONFIRMED");
    const cancelled = bodyOf(await sessionAction(args(await post(s.hrUser.id, sessionUrl, { intent: "session-cancel", sessionId: session.id, reason: "Raum fehlt" }), { sessionId: session.id })));
    expect(cancelled).toMatchObject({ ok: true, params: { count: 1 } });
  });

  it("the session .ics is for anyone who may read the training; drafts are 404 for others", async () => {
    const s = await setup();
    const { session, training } = await createTraining(db, { title: "Kalender-Test" });
    const res = (await icsLoader(args(await requestAs(s.employeeUser.id, `/schulungen/termine/${session.id}/kalender.ics`), { sessionId: session.id }))) as Response;
    expect(res.headers.get("Content-Type")).toContain("text/calendar");
    const body = await res.text();
    expect(body).toContain("BEGIN:VEVENT");
    expect(body).toContain("SUMMARY:Kalender-Test");
    expect(body).toContain("TZID=Europe/Berlin");
    expect(body).toContain("LOCATION:Rathaus\\, Raum 101");
    await db.training.update({ where: { id: training.id }, data: { status: "DRAFT" } });
    expect(await statusOf(icsLoader(args(await requestAs(s.employeeUser.id, `/schulungen/termine/${session.id}/kalender.ics`), { sessionId: session.id })))).toBe(404);
    expect(await statusOf(icsLoader(args(await requestAs(s.hrUser.id, `/schulungen/termine/${session.id}/kalender.ics`), { sessionId: session.id })))).toBe(200);
  });

  it("the personal feed: token shown once, only its hash stored, renew invalidates, other tokens 404", async () => {
    const s = await setup();
    const { session } = await createTraining(db, { title: "Feed-Schulung", requiresApproval: false });
    await pageAction(args(await post(s.employeeUser.id, `/schulungen/${session.trainingId}`, { intent: "enrolment-request", sessionId: session.id }), { trainingId: session.trainingId }));
    expect(bodyOf(await feedPageLoader(args(await requestAs(s.employeeUser.id, "/anmeldungen/kalender"))))).toMatchObject({ feed: null });
    const created = bodyOf(await feedAction(args(await post(s.employeeUser.id, "/anmeldungen/kalender", { intent: "feed-create" }))));
    const url = new URL(created.url as string);
    const file = url.pathname.split("/").pop()!;
    const token = file.replace(/\.ics$/, "");
    const stored = await db.calendarFeedToken.findUniqueOrThrow({ where: { personId: s.employee.id } });
    expect(stored.tokenHash).not.toContain(token);
    expect(stored.tokenHash).toMatch(/^[0-9a-f]{64}$/);

    const feed = (await feedLoader(args(new Request(`http://localhost/kalender/${file}`), { token: file }))) as Response;
    expect(feed.status).toBe(200);
    expect(await feed.text()).toContain("SUMMARY:Feed-Schulung");
    // Someone else's (or a made-up) token: 404.
    const otherCreated = bodyOf(await feedAction(args(await post(s.colleagueUser.id, "/anmeldungen/kalender", { intent: "feed-create" }))));
    const otherFile = new URL(otherCreated.url as string).pathname.split("/").pop()!;
    expect(await (await (feedLoader(args(new Request(`http://localhost/kalender/${otherFile}`), { token: otherFile })) as Promise<Response>)).text()).not.toContain("Feed-Schulung");
    expect(await statusOf(feedLoader(args(new Request("http://localhost/kalender/x.ics"), { token: `${"a".repeat(43)}.ics` })))).toBe(404);
    expect(await statusOf(feedLoader(args(new Request("http://localhost/kalender/x"), { token })))).toBe(404);
    // Renewing makes the old address 404.
    await feedAction(args(await post(s.employeeUser.id, "/anmeldungen/kalender", { intent: "feed-create" })));
    expect(await statusOf(feedLoader(args(new Request(`http://localhost/kalender/${file}`), { token: file })))).toBe(404);
    // Deleting as well.
    await feedAction(args(await post(s.colleagueUser.id, "/anmeldungen/kalender", { intent: "feed-delete" })));
    expect(await statusOf(feedLoader(args(new Request(`http://localhost/kalender/${otherFile}`), { token: otherFile })))).toBe(404);
    expect(await db.auditEvent.count({ where: { action: { startsWith: "calendar.feed" }, affectedPersonId: { in: [s.employee.id, s.colleague.id] } } })).toBe(4);
  });
});
