// Questionnaires and a training's feedback settings: HR development opens the questionnaires (the
// demo seed's defaults, the immediate one locked by its responses), edits a copy of the default,
// adds a question and saves, then chooses the copy in a training's feedback settings. A bad
// setting keeps the input. axe on every page. The training's setting is removed again afterwards
// (other browser tests share the demo database).
import type { Browser } from "playwright-core";
import { inject } from "vitest";
import { createDb, type Db } from "~/utils/db.server.ts";
import { ACCOUNTS, expectAccessible, launch, login, newPage } from "./browser.ts";

let browser: Browser;
let db: Db;
let trainingId = "";
beforeAll(async () => {
  browser = await launch();
  db = createDb(inject("e2eDatabaseUrl"));
});
afterAll(async () => {
  if (trainingId) await db.trainingEvaluationSetting.deleteMany({ where: { trainingId } });
  await browser?.close();
  await db?.$disconnect();
});

const SUFFIX = Date.now().toString(36).slice(-5).toUpperCase();
const TITLE = `Feedback Moderationstraining ${SUFFIX}`;
const QUESTION = `Die Übungen passten zu meinen Besprechungen (${SUFFIX}).`;

describe("questionnaires", () => {
  it("lets HR copy the default, add a question and choose the copy for a training", async () => {
    const { page, context, errors } = await newPage(browser);
    await login(page, ACCOUNTS.hr);
    await page.waitForURL((url) => url.pathname === "/");
    await page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Fragebögen" }).click();
    await page.waitForURL((url) => url.pathname === "/wirksamkeit/frageboegen");
    await page.getByRole("heading", { level: 1, name: "Fragebögen" }).waitFor();
    const table = page.getByRole("table", { name: "Fragebögen" });
    for (const header of ["Titel", "Art", "Fragen", "Genutzt von Schulungen", "Rückmeldungen"]) {
      await table.getByRole("columnheader", { name: header, exact: true }).waitFor();
    }
    await table.getByRole("link", { name: "Transfercheck für Führungskräfte", exact: true }).waitFor();
    await expectAccessible(page);

    // The immediate default has responses in the demo data: its questions are locked.
    await table.getByRole("link", { name: "Feedback direkt nach der Schulung", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Feedback direkt nach der Schulung" }).waitFor();
    await page.getByText(/Zu diesem Fragebogen gibt es bereits .* Rückmeldungen/).waitFor();
    expect(await page.getByRole("button", { name: "Frage hinzufügen" }).count()).toBe(0);
    await expectAccessible(page);

    await page.getByRole("link", { name: "Als Kopie bearbeiten" }).click();
    await page.waitForURL((url) => url.pathname === "/wirksamkeit/frageboegen/neu");
    await page.getByRole("heading", { level: 1, name: "Neuer Fragebogen" }).waitFor();
    expect(await page.getByLabel("Titel").inputValue()).toBe("Feedback direkt nach der Schulung (Kopie)");
    await expectAccessible(page);
    await page.getByLabel("Titel").fill(TITLE);
    await page.getByRole("button", { name: "Fragebogen anlegen" }).click();
    await page.getByText("Der Fragebogen wurde angelegt.").waitFor();
    await page.getByRole("heading", { level: 1, name: TITLE }).waitFor();
    const items = page.getByRole("table", { name: "Fragen in der Reihenfolge der Befragung" });
    expect(await items.locator("tbody tr").count()).toBe(10);

    // A question without text is refused and nothing is added; then the real one.
    await page.getByRole("button", { name: "Frage hinzufügen" }).click();
    await page.getByText("Bitte geben Sie den Fragetext ein.").waitFor();
    expect(await items.locator("tbody tr").count()).toBe(10);
    await expectAccessible(page);
    await page.locator("#new-item-text").fill(QUESTION);
    await page.locator("#new-item-level").selectOption("TRANSFER");
    await page.getByRole("button", { name: "Frage hinzufügen" }).click();
    await page.getByText("Die Änderungen wurden gespeichert.").waitFor();
    await items.getByRole("rowheader", { name: new RegExp(QUESTION.replace(/[()]/g, "\\$&")) }).waitFor();
    expect(await items.locator("tbody tr").count()).toBe(11);
    // Move it one place up.
    await page.getByRole("button", { name: "Frage 11 nach oben" }).click();
    await items.locator("tbody tr").nth(9).getByText(QUESTION).waitFor();
    await expectAccessible(page);
    const questionnaire = await db.questionnaire.findFirstOrThrow({ where: { title: TITLE }, include: { items: { orderBy: { position: "asc" } } } });
    expect(questionnaire.items[9]!.text).toBe(QUESTION);
    expect(questionnaire.items[9]!.level).toBe("TRANSFER");

    // A training's feedback settings: choose the copy.
    const training = await db.training.findFirstOrThrow({ where: { code: "SK-01" }, select: { id: true, title: true } });
    trainingId = training.id;
    await page.goto(`/schulungen/${training.id}`);
    await page.getByRole("link", { name: "Feedback-Einstellungen" }).click();
    await page.waitForURL((url) => url.pathname === `/schulungen/${training.id}/feedback`);
    await page.getByRole("heading", { level: 1, name: "Feedback-Einstellungen" }).waitFor();
    const immediate = page.getByLabel("Feedback direkt nach der Schulung");
    expect(await immediate.inputValue()).toBe("");
    expect(await page.getByLabel("Transfercheck nach (Wochen)").inputValue()).toBe("8");
    await expectAccessible(page);
    // Only questionnaires of the matching kind are offered.
    expect(await page.getByLabel("Transfercheck der Teilnehmenden").locator("option", { hasText: TITLE }).count()).toBe(0);
    await immediate.selectOption({ label: TITLE });
    await page.getByLabel("Transfercheck nach (Wochen)").fill("60");
    await page.getByRole("button", { name: "Einstellungen speichern" }).click();
    await page.getByText("Der Transfercheck kommt nach 1 bis 52 Wochen.").waitFor();
    expect(await immediate.inputValue()).toBe(questionnaire.id);
    expect(await db.trainingEvaluationSetting.count({ where: { trainingId: training.id } })).toBe(0);
    await expectAccessible(page);
    await page.getByLabel("Transfercheck nach (Wochen)").fill("10");
    await page.getByRole("button", { name: "Einstellungen speichern" }).click();
    await page.getByText("Die Feedback-Einstellungen wurden gespeichert.").waitFor();
    expect(await page.getByLabel("Feedback direkt nach der Schulung").inputValue()).toBe(questionnaire.id);
    expect(await db.trainingEvaluationSetting.findUniqueOrThrow({ where: { trainingId: training.id } })).toMatchObject({
      enabled: true,
      immediateQuestionnaireId: questionnaire.id,
      transferQuestionnaireId: null,
      transferDelayDays: 70,
    });
    // The two refused forms answer 400 on purpose.
    expect(errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
    await context.close();
  }, 240_000);

  it("turns the employee away from the questionnaires and a training's feedback settings", async () => {
    const { page, context } = await newPage(browser);
    await login(page, ACCOUNTS.employee);
    await page.waitForURL((url) => url.pathname === "/");
    const list = await page.goto("/wirksamkeit/frageboegen");
    expect(list?.status()).toBe(403);
    const training = await db.training.findFirstOrThrow({ where: { code: "SK-01" }, select: { id: true } });
    const settings = await page.goto(`/schulungen/${training.id}/feedback`);
    expect(settings?.status()).toBe(403);
    await context.close();
  }, 120_000);
});
