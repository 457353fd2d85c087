// A learning journey end to end: the demo employee gets a draft from her gaps ("Lernreise
// vorschlagen"), edits it (picks a session for a training step, adds a reading step), proposes it;
// her leader agrees, which books the session (visible under "Meine Anmeldungen"); HR records her
// attendance, which ticks the step; she sets the other steps done, completes the journey and sees
// its record. axe on every page visited. The test uses a session of its own (only she is booked),
// so the demo data other browser tests rely on stays as it is.
import type { Browser, Page } from "playwright-core";
import { inject } from "vitest";
import { createDb, type Db } from "~/utils/db.server.ts";
import { getPersonGaps } from "~/modules/assessment/gaps.server.ts";
import { recordLevels } from "~/modules/assessment/level-records.server.ts";
import { ACCOUNTS, expectAccessible, launch, login, newPage } from "./browser.ts";

let browser: Browser;
let db: Db;
beforeAll(async () => {
  browser = await launch();
  db = createDb(inject("e2eDatabaseUrl"));
});
afterAll(async () => {
  await browser?.close();
  await db?.$disconnect();
});

const DAY = 86_400_000;
const mainNav = (page: Page) => page.getByRole("navigation", { name: "Hauptnavigation" });

async function signIn(email: string) {
  const { page, context } = await newPage(browser);
  await login(page, email);
  await page.waitForURL((url) => url.pathname === "/");
  return { page, context };
}

/**
 * Gives the demo employee gaps again: the assessment browser test agrees every competency at the
 * top level, and whether it runs before this one depends on the runner's order. A level agreed
 * today (level 1) wins over earlier records of today of the same source; a later agreement wins
 * over it again, so other tests' expectations stay as they are.
 */
async function reopenEmployeeGaps() {
  const user = await db.user.findFirstOrThrow({ where: { email: ACCOUNTS.employee }, select: { id: true, email: true, personId: true } });
  const actor = { userId: user.id, email: user.email, personId: user.personId, roles: ["EMPLOYEE" as const], ledUnitPaths: [], ledUnitIds: [], locale: "de" as const };
  const gaps = await getPersonGaps(db, actor, user.personId!, { validityMonths: 24 });
  const closed = gaps.rows.filter((r) => r.gap === 0 && r.targetLevel > 1);
  await db.$transaction((tx) =>
    recordLevels(
      tx,
      closed.map((r) => ({ personId: user.personId!, competencyId: r.competency.id, lineageId: r.competency.lineageId, level: 1, source: "AGREED" as const, note: "Browser-Test Lernreise: Ausgangsstand" })),
    ),
  );
}

describe("learning journey", () => {
  it("proposed from gaps, edited, proposed, agreed (enrolment), ticked by attendance, completed with its record", async () => {
    await reopenEmployeeGaps();
    // ── The employee: "Meine Lernreise" → "Lernreise vorschlagen" → the draft ───────────────
    const employee = await signIn(ACCOUNTS.employee);
    let page = employee.page;
    await mainNav(page).getByRole("link", { name: "Meine Lernreise" }).click();
    await page.waitForURL((url) => url.pathname === "/lernreise");
    await page.getByRole("heading", { level: 1, name: "Meine Lernreise" }).waitFor();
    await expectAccessible(page);
    await page.getByRole("button", { name: "Lernreise vorschlagen" }).click();
    await page.waitForURL((url) => /^\/lernreisen\/(?!vorschlagen)[^/]+$/.test(url.pathname));
    const journeyId = new URL(page.url()).pathname.split("/")[2]!;
    await page.getByText("Entwurf", { exact: true }).first().waitFor();
    await page.getByText("Warum dieser Schritt?").first().waitFor();
    await expectAccessible(page);

    const steps = await db.journeyStep.findMany({ where: { journeyId }, orderBy: { position: "asc" } });
    const trainingStep = steps.find((s) => s.kind === "TRAINING");
    expect(trainingStep, "the gap proposal has a training step").toBeTruthy();
    // A session of the step's training just for this test (only the employee will be booked).
    const startsAt = new Date(Date.now() + 10 * DAY);
    startsAt.setUTCHours(8, 0, 0, 0);
    const endsAt = new Date(startsAt.getTime() + 4 * 3_600_000);
    const session = await db.trainingSession.create({
      data: { trainingId: trainingStep!.trainingId!, startsAt, endsAt, location: "Rathaus, Raum E2E", capacity: 3, days: { create: [{ startsAt, endsAt }] } },
    });
    const training = await db.training.findUniqueOrThrow({ where: { id: trainingStep!.trainingId! } });

    // Edit: the training step gets the new session; a reading step is added.
    await page.reload();
    const stepItem = page.locator(`#step-${trainingStep!.id}`);
    await stepItem.locator("summary").click();
    await stepItem.getByLabel("Schulung aus dem Katalog").selectOption({ value: `${training.id}:${session.id}` });
    await stepItem.getByRole("button", { name: "Schritt speichern" }).click();
    await page.getByText("Gespeichert.").waitFor();
    await expect.poll(async () => (await db.journeyStep.findUniqueOrThrow({ where: { id: trainingStep!.id } })).sessionId).toBe(session.id);
    const addForm = page.locator("form").filter({ has: page.getByRole("button", { name: "Schritt hinzufügen" }) });
    await addForm.getByLabel("Art", { exact: true }).selectOption("READING");
    await addForm.getByLabel("Titel", { exact: true }).fill("Leitfaden Bürgernahe Sprache lesen");
    await addForm.getByRole("button", { name: "Schritt hinzufügen" }).click();
    await page.getByText("Der Schritt ist hinzugefügt.").waitFor();
    await page.getByRole("heading", { level: 4, name: /Leitfaden Bürgernahe Sprache lesen/ }).waitFor();
    await expectAccessible(page);

    // Propose it to the leader.
    await page.getByRole("button", { name: "Zur Abstimmung vorlegen" }).click();
    await page.getByText("Die Lernreise ist zur Abstimmung vorgelegt.").waitFor();
    await page.getByText("Zur Abstimmung vorgelegt", { exact: true }).first().waitFor();
    await expectAccessible(page);

    // ── The leader agrees ─────────────────────────────────────────────────────────────────
    const leader = await signIn(ACCOUNTS.leader);
    await leader.page.goto(`/lernreisen/${journeyId}`);
    await leader.page.getByRole("heading", { level: 2, name: "Abstimmung und Ablauf" }).waitFor();
    await expectAccessible(leader.page);
    await leader.page.getByRole("button", { name: "Zustimmen" }).click();
    await leader.page.getByText("Der Lernreise ist zugestimmt; gewählte Schulungstermine sind angemeldet.").waitFor();
    await expectAccessible(leader.page);
    await leader.context.close();
    const step = await db.journeyStep.findUniqueOrThrow({ where: { id: trainingStep!.id } });
    expect(step.enrolmentId).not.toBeNull();
    expect((await db.enrolment.findUniqueOrThrow({ where: { id: step.enrolmentId! } })).status).toBe("CONFIRMED");

    // The employee finds the booking under "Meine Anmeldungen".
    await page.goto("/anmeldungen");
    await page.getByText(training.title).first().waitFor();
    await expectAccessible(page);

    // ── The session took place: HR records attendance, which ticks the step ─────────────────
    const pastStart = new Date(Date.now() - 2 * DAY);
    const pastEnd = new Date(pastStart.getTime() + 4 * 3_600_000);
    await db.trainingSession.update({ where: { id: session.id }, data: { startsAt: pastStart, endsAt: pastEnd } });
    await db.sessionDay.updateMany({ where: { sessionId: session.id }, data: { startsAt: pastStart, endsAt: pastEnd } });
    const hr = await signIn(ACCOUNTS.hr);
    await hr.page.goto(`/schulungen/termine/${session.id}/anwesenheit`);
    await hr.page.getByRole("heading", { level: 1, name: /^Anwesenheit:/ }).waitFor();
    await expectAccessible(hr.page);
    await hr.page.getByRole("button", { name: "Anwesenheit speichern" }).click();
    await hr.page.getByText("Die Anwesenheit ist gespeichert.").waitFor();
    await hr.context.close();
    await expect.poll(async () => (await db.journeyStep.findUniqueOrThrow({ where: { id: trainingStep!.id } })).status).toBe("DONE");

    await page.goto(`/lernreisen/${journeyId}`);
    await page.getByText("Läuft", { exact: true }).first().waitFor();
    await page.locator(`#step-${trainingStep!.id}`).getByText("Erledigt", { exact: true }).first().waitFor();
    await page.getByText("durch den Schulungsnachweis").first().waitFor();
    await expectAccessible(page);

    // ── The remaining steps are done; the journey is completed ────────────────────────────────
    const open = await db.journeyStep.findMany({ where: { journeyId, status: { in: ["OPEN", "IN_PROGRESS"] } }, orderBy: { position: "asc" } });
    for (const s of open) {
      const item = page.locator(`#step-${s.id}`);
      await item.getByRole("radio", { name: "Erledigt" }).check();
      await item.getByRole("button", { name: "Status speichern" }).click();
      await expect.poll(async () => (await db.journeyStep.findUniqueOrThrow({ where: { id: s.id } })).status).toBe("DONE");
      await page.waitForLoadState("networkidle");
    }
    await page.getByRole("button", { name: "Lernreise abschließen" }).click();
    await page.getByText("Die Lernreise ist abgeschlossen; der Abschlussbericht ist gespeichert.").waitFor();
    await page.getByRole("heading", { level: 2, name: "Abschlussbericht" }).waitFor();
    await page.getByRole("table", { name: "Schritte der Lernreise beim Abschluss" }).getByRole("rowheader", { name: "Leitfaden Bürgernahe Sprache lesen" }).waitFor();
    await expectAccessible(page);
    const journey = await db.learningJourney.findUniqueOrThrow({ where: { id: journeyId } });
    expect(journey.status).toBe("COMPLETED");
    expect(JSON.parse(journey.completionRecord!).steps.length).toBe(open.length + 1);

    // "Meine Lernreise" lists it with a link to its record.
    await page.goto("/lernreise");
    await page.getByRole("table", { name: /Entwürfe, vorgelegte, abgeschlossene/ }).getByRole("link", { name: "Abschlussbericht" }).first().waitFor();
    await expectAccessible(page);
    await employee.context.close();
  }, 240_000);
});
