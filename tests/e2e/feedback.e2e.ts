// Feedback in the browser: the demo employee (Miriam Schäfer) answers the feedback request the demo
// seed gave her after her E-Akte session (empty submit first: messages, nothing stored), and
// opening it again says she has already answered. Then a completion of another training eight
// weeks ago: the transfer check is not sent the day before the delay ends, and is sent after it
// (processFeedbackRequests with an injected clock on the e2e database); she finds and answers it,
// proposes a level to her leader, and the leader sees the proposal. axe on every page.
import type { Browser, Page } from "playwright-core";
import { inject } from "vitest";
import { createDb, type Db } from "~/utils/db.server.ts";
import { createFeedbackRequests, processFeedbackRequests } from "~/modules/feedback/requests.server.ts";
import { ACCOUNTS, expectAccessible, launch, login, newPage } from "./browser.ts";

let browser: Browser;
let db: Db;
beforeAll(async () => {
  db = createDb(inject("e2eDatabaseUrl"));
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await db.$disconnect();
});

const DAY = 86_400_000;
const mainNav = (page: Page) => page.getByRole("navigation", { name: "Hauptnavigation" });

describe("feedback", () => {
  it("the employee answers the feedback request, once; the transfer check arrives after the delay and is answered", async () => {
    const miriam = await db.user.findUniqueOrThrow({ where: { email: ACCOUNTS.employee }, select: { personId: true } });
    const personId = miriam.personId!;
    const seeded = await db.feedbackRequest.findFirstOrThrow({
      where: { personId, kind: "IMMEDIATE", status: "PENDING", availableFrom: { lte: new Date() }, expiresAt: { gt: new Date() } },
      select: { id: true, training: { select: { title: true } } },
      orderBy: { availableFrom: "desc" },
    });

    const { page, context, errors } = await newPage(browser);
    await login(page, ACCOUNTS.employee);
    await page.waitForURL((url) => url.pathname === "/");
    await mainNav(page).getByRole("link", { name: "Feedback", exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/feedback");
    await page.getByRole("heading", { level: 1, name: "Feedback" }).waitFor();
    const title = `Feedback zu „${seeded.training.title}“`;
    await page.getByRole("heading", { level: 3, name: title }).waitFor();
    await expectAccessible(page);
    await page.getByRole("link", { name: `Jetzt antworten: ${title}` }).click();
    await page.waitForURL((url) => url.pathname === `/feedback/${seeded.id}`);
    await page.getByRole("heading", { level: 1, name: title }).waitFor();
    await page.getByText(/Ihre Antworten werden anonym gespeichert/).waitFor();
    await expectAccessible(page);

    // Empty submit: a message per required question, nothing stored.
    await page.getByRole("button", { name: "Antworten absenden" }).click();
    await page.getByRole("alert").filter({ hasText: "Bitte prüfen Sie Ihre Angaben." }).waitFor();
    const relevance = page.getByRole("group", { name: /Die Inhalte sind für meine Arbeit relevant/ });
    await relevance.getByText("Bitte wählen Sie einen Wert.").waitFor();
    expect(await db.feedbackReceipt.count({ where: { requestId: seeded.id } })).toBe(0);
    await expectAccessible(page);

    // Every 1–5 question "4 – trifft eher zu", recommendation 9, a free text, a learning gain if asked.
    const scales = page.getByRole("group").filter({ has: page.getByRole("radio", { name: "4 – trifft eher zu" }) });
    for (const group of await scales.all()) await group.getByRole("radio", { name: "4 – trifft eher zu" }).check();
    await page.getByRole("group", { name: /empfehlen/ }).getByRole("radio", { name: "9", exact: true }).check();
    await page.getByLabel("Was war am besten?").fill("Die Übungen am echten E-Akte-System.");
    const before = page.getByRole("group", { name: /^Vorher:/ }).first();
    if (await before.count()) {
      await before.getByRole("radio").nth(1).check();
      await page.getByRole("group", { name: /^Nachher:/ }).first().getByRole("radio").nth(2).check();
    }
    await page.getByRole("button", { name: "Antworten absenden" }).click();
    await page.waitForURL((url) => url.search.includes("danke=1"));
    await page.getByText("Vielen Dank! Ihre Antwort ist anonym gespeichert.").waitFor();
    await expectAccessible(page);
    expect(await db.feedbackReceipt.count({ where: { requestId: seeded.id } })).toBe(1);

    // Again: refused, no form.
    await page.goto(`/feedback/${seeded.id}`);
    await page.getByText("Sie haben bereits geantwortet. Vielen Dank!").waitFor();
    expect(await page.getByRole("button", { name: "Antworten absenden" }).count()).toBe(0);
    await page.goto("/feedback");
    const done = page.getByRole("table", { name: "Frühere Anfragen (ohne Antwortinhalte)" });
    await done.getByRole("row", { name: new RegExp(seeded.training.title) }).getByText("Beantwortet").first().waitFor();

    // Eight weeks and a day after a completion of another training (with target competencies).
    const session = await db.trainingSession.findFirstOrThrow({
      where: { startsAt: { lt: new Date() }, training: { competencies: { some: {} }, title: { not: seeded.training.title } } },
      select: { id: true, trainingId: true, training: { select: { title: true } } },
      orderBy: { startsAt: "desc" },
    });
    const completedAt = new Date(Date.now() - 58 * DAY);
    const completion = await db.trainingCompletion.create({
      data: { personId, trainingId: session.trainingId, sessionId: session.id, completedAt, result: "PARTICIPATED", certificateNumber: `E2E-FB-${Date.now()}` },
    });
    await db.$transaction((tx) => createFeedbackRequests(tx, [completion], { now: completedAt }));
    const transfer = await db.feedbackRequest.findFirstOrThrow({ where: { completionId: completion.id, kind: "TRANSFER_PARTICIPANT" } });
    // The day before the delay ends: not yet.
    await processFeedbackRequests(db, { now: new Date(completedAt.getTime() + 55 * DAY) });
    expect((await db.feedbackRequest.findUniqueOrThrow({ where: { id: transfer.id } })).notifiedAt).toBeNull();
    await processFeedbackRequests(db, { now: new Date(completedAt.getTime() + 57 * DAY) });
    expect((await db.feedbackRequest.findUniqueOrThrow({ where: { id: transfer.id } })).notifiedAt).not.toBeNull();
    expect(await db.notification.count({ where: { personId, kind: "feedback.transferRequested", link: `/feedback/${transfer.id}` } })).toBe(1);

    await page.goto("/feedback");
    const transferTitle = `Transfer-Check zu „${session.training.title}“`;
    await page.getByRole("link", { name: `Jetzt antworten: ${transferTitle}` }).click();
    await page.waitForURL((url) => url.pathname === `/feedback/${transfer.id}`);
    await page.getByRole("heading", { level: 1, name: transferTitle }).waitFor();
    await expectAccessible(page);
    await page.getByRole("group", { name: /Haben Sie das Gelernte in Ihrer Arbeit angewendet/ }).getByRole("radio", { name: "Teilweise" }).check();
    await page.getByRole("group", { name: /Was hat die Anwendung erschwert/ }).getByRole("checkbox").first().check();
    await page.getByLabel(/Nennen Sie ein konkretes Beispiel/).fill("Ich lege neue Vorgänge jetzt selbst digital an.");
    await page.getByRole("button", { name: "Antworten absenden" }).click();
    await page.getByText("Vielen Dank! Ihre Antwort ist anonym gespeichert.").waitFor();

    // The separate, non-anonymous level proposal to the leader.
    const proposal = page.getByRole("region", { name: "Stufe vorschlagen (freiwillig, nicht anonym)" });
    await proposal.waitFor();
    await expectAccessible(page);
    await proposal.getByRole("group").first().getByRole("radio").last().check();
    await proposal.getByLabel("Begründung oder Beispiel (freiwillig)").fill("Ich betreue seitdem die digitalen Akten unseres Sachgebiets.");
    await proposal.getByRole("button", { name: "Vorschlag senden" }).click();
    await page.getByText(/Ihr Vorschlag wurde (an Ihre Führungskraft gesendet|gespeichert)/).waitFor();
    expect(await db.levelUpdateProposal.count({ where: { personId, trainingId: session.trainingId, status: "PENDING" } })).toBe(1);
    // The empty submit answered 400 on purpose (the browser logs it).
    expect(errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
    await context.close();

    // The leader of Amt 32 sees it among the proposals of the team.
    const leader = await newPage(browser);
    await login(leader.page, ACCOUNTS.leader);
    await leader.page.waitForURL((url) => url.pathname === "/");
    await leader.page.goto("/feedback/stufenvorschlaege");
    await leader.page.getByRole("heading", { level: 1, name: "Stufenvorschläge" }).waitFor();
    await leader.page.getByRole("heading", { level: 3, name: /^Miriam Schäfer: / }).first().waitFor();
    await expectAccessible(leader.page);
    expect(leader.errors).toEqual([]);
    await leader.context.close();
  });
});
