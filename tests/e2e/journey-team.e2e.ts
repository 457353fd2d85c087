// The leader's team journeys in the browser: start-page card "Lernreisen im Team", the page
// /lernreisen/team with its filters (without JavaScript too), and the explanation page of a refused
// proposal; the employee may not open the team page. axe on every page visited.
import type { Browser } from "playwright-core";
import { ACCOUNTS, baseUrl, expectAccessible, launch, login, newPage } from "./browser.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe("Lernreisen im Team", () => {
  it("the leader finds the team's journeys from the start page and filters them", { timeout: 120_000 }, async () => {
    const { context, page, errors } = await newPage(browser);
    await login(page, ACCOUNTS.leader);
    await page.waitForURL((url) => url.pathname === "/");
    const card = page.getByRole("region", { name: "Lernreisen im Team" });
    await card.getByRole("link", { name: /^Lernreisen zur Abstimmung: \d+$/ }).waitFor();
    await expectAccessible(page);

    await card.getByRole("link", { name: /^Lernreisen zur Abstimmung/ }).click();
    await page.waitForURL((url) => url.pathname === "/lernreisen/team");
    await page.getByRole("heading", { level: 1, name: "Lernreisen im Team" }).waitFor();
    await page.getByRole("heading", { level: 2, name: /auf Ihre Zustimmung/ }).waitFor();
    await page.getByRole("heading", { level: 2, name: "Laufende Lernreisen" }).waitFor();
    await expectAccessible(page);

    // Filter by status (a GET form: the choice stays in the URL).
    await page.getByLabel("Status").selectOption("OVERDUE");
    await page.getByRole("button", { name: "Filtern" }).click();
    await page.waitForURL((url) => url.searchParams.get("status") === "OVERDUE");
    await page.getByRole("heading", { level: 2, name: "Lernreisen mit überfälligen Schritten" }).waitFor();
    await expectAccessible(page);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("works without JavaScript, and the employee may not open it", { timeout: 120_000 }, async () => {
    const context = await browser.newContext({ baseURL: baseUrl(), locale: "de-DE", javaScriptEnabled: false });
    const page = await context.newPage();
    await login(page, ACCOUNTS.leader);
    await page.waitForURL((url) => url.pathname === "/");
    await page.goto("/lernreisen/team?status=COMPLETED");
    await page.getByRole("heading", { level: 2, name: "Abgeschlossene Lernreisen" }).waitFor();
    await context.close();

    const employee = await newPage(browser);
    await login(employee.page, ACCOUNTS.employee);
    await employee.page.waitForURL((url) => url.pathname === "/");
    const res = await employee.page.goto("/lernreisen/team");
    expect(res?.status()).toBe(403);
    // The explanation of a refused proposal is a proper page.
    await employee.page.goto("/lernreisen/vorschlagen?grund=noGaps");
    await employee.page.getByRole("heading", { level: 1, name: "Lernreise vorschlagen" }).waitFor();
    await employee.page.getByText("Keine Kompetenzlücken.").waitFor();
    await expectAccessible(employee.page);
    await employee.context.close();
  });
});
