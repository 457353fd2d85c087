// "Meine Kompetenzen" for the demo employee and a team member's page for the demo leader:
// the table alternative is there without waiting, the radar canvas after hydration, axe clean.
import type { Page } from "playwright-core";
import type { Browser } from "playwright-core";
import { ACCOUNTS, expectAccessible, launch, login, newPage } from "./browser.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function expectGapsPage(page: Page) {
  // The table alternative of the radar: cluster, target %, current %, number of competencies.
  const clusterTable = page.getByRole("table", { name: "Soll und Ist je Kompetenzbereich (Tabelle)" });
  await clusterTable.waitFor();
  for (const header of ["Kompetenzbereich", "Soll in %", "Ist in %", "Anzahl Kompetenzen"]) {
    await clusterTable.getByRole("columnheader", { name: header }).waitFor();
  }
  expect(await clusterTable.locator("tbody tr").count()).toBeGreaterThanOrEqual(3);
  // The radar itself, drawn by Chart.js after hydration, with an accessible name.
  const chart = page.locator("canvas[role='img']");
  await chart.waitFor({ timeout: 15_000 });
  expect(await chart.getAttribute("aria-label")).toMatch(/^Netzdiagramm Soll und Ist je Kompetenzbereich: .+ Soll \d+ %, Ist \d+ %/);
  // The written rule for the current level, with the validity in months.
  await page.getByRole("heading", { level: 2, name: "So wird der aktuelle Stand bestimmt" }).waitFor();
  await page.getByText(/Ein Eintrag gilt \d+ Monate lang/).waitFor();
  // The competencies with target and current level, and a history per competency.
  const table = page.getByRole("table", { name: /Geforderte Kompetenzen mit Zielstufe/ });
  await table.waitFor();
  expect(await table.locator("tbody tr").count()).toBeGreaterThan(0);
  await page.getByText(/\d+ unverzichtbare Lücken?/).first().waitFor();
  const firstHistory = page.locator("details.history-details").first();
  await firstHistory.locator("summary").click();
  expect(await firstHistory.getAttribute("open")).not.toBeNull();
}

describe("competencies and gaps", () => {
  it("shows the employee her own competencies from the navigation", async () => {
    const { page, context, errors } = await newPage(browser);
    await login(page, ACCOUNTS.employee);
    await page.waitForURL((url) => url.pathname === "/");
    await page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Meine Kompetenzen" }).click();
    await page.waitForURL((url) => url.pathname === "/kompetenzen");
    await page.getByRole("heading", { level: 1, name: "Meine Kompetenzen" }).waitFor();
    await page.getByText("Stelle: Sachbearbeitung Bürgerservice").waitFor();
    await expectGapsPage(page);
    await expectAccessible(page);
    // An unknown person answers 404.
    const other = await page.goto("/personen/unbekannt/kompetenzen");
    expect(other?.status()).toBe(404);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("shows the leader a team member's page via Mein Team and the person page", async () => {
    const { page, context, errors } = await newPage(browser);
    await login(page, ACCOUNTS.leader);
    await page.waitForURL((url) => url.pathname === "/");
    await page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Mein Team" }).click();
    await page.waitForURL((url) => url.pathname === "/team");
    await page.getByLabel("Suche (Name, Personalnummer, E-Mail)").fill("Schäfer");
    await page.getByRole("button", { name: "Filtern" }).click();
    await page.waitForURL(/q=Sch/);
    await page.getByRole("link", { name: "Schäfer, Miriam" }).click();
    await page.getByRole("heading", { level: 1, name: "Miriam Schäfer" }).waitFor();
    await page.getByRole("link", { name: "Kompetenzen und Lücken" }).click();
    await page.waitForURL(/\/personen\/[^/]+\/kompetenzen$/);
    await page.getByRole("heading", { level: 1, name: "Miriam Schäfer" }).waitFor();
    await page.getByText("Kompetenzen und Lücken", { exact: true }).first().waitFor();
    await expectGapsPage(page);
    await expectAccessible(page);
    // The breadcrumb leads back to the team, which the leader may open.
    await page.getByRole("navigation", { name: "Pfad zur Seite" }).getByRole("link", { name: "Mein Team" }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it("shows the table without JavaScript", async () => {
    const context = await browser.newContext({ baseURL: (await import("./browser.ts")).baseUrl(), locale: "de-DE", javaScriptEnabled: false });
    const page = await context.newPage();
    await login(page, ACCOUNTS.employee);
    await page.waitForURL((url) => url.pathname === "/");
    await page.goto("/kompetenzen");
    await page.getByRole("table", { name: "Soll und Ist je Kompetenzbereich (Tabelle)" }).waitFor();
    expect(await page.locator("canvas").count()).toBe(0);
    await context.close();
  });
});
