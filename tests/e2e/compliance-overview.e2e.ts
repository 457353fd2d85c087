// HR's organisation-wide compliance overview: from the start page card "Compliance gesamt" to
// the overview with its tables (Dezernat, Amt, trend, rules) and the charts' table alternatives,
// then a rule link to the rule page. The demo seed's trend has eleven backfilled months. Leader
// and employee are refused. axe on each page.
import type { Browser } from "playwright-core";
import { ACCOUNTS, expectAccessible, launch, login, newPage } from "./browser.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe("HR compliance overview", () => {
  it("leads HR from the start page card to the overview, its tables and charts, and a rule", async () => {
    const { page, context, errors } = await newPage(browser);
    await login(page, ACCOUNTS.hr);
    await page.waitForURL((url) => url.pathname === "/");
    const card = page.getByRole("region", { name: "Compliance gesamt" });
    await card.getByRole("table", { name: "Erfüllungsquote je Dezernat" }).getByRole("rowheader", { name: /Dezernat I – / }).waitFor();
    await expectAccessible(page);
    await card.getByRole("link", { name: /Erfüllungsquote aller Pflichtschulungen/ }).click();
    await page.waitForURL((url) => url.pathname === "/pflichtschulungen/uebersicht");
    await page.getByRole("heading", { level: 1, name: "Compliance gesamt" }).waitFor();

    // Dezernate × rules, with a drill-down link into the cockpit per Dezernat.
    const byDezernat = page.getByRole("table", { name: "Erfüllungsquote je Dezernat und Pflichtschulung" });
    await byDezernat.waitFor();
    for (const header of ["Einheit", "Beschäftigte", "Alle Pflichtschulungen", "Datenschutz-Grundschulung", "Arbeitsschutz-Unterweisung"]) {
      await byDezernat.getByRole("columnheader", { name: header, exact: true }).waitFor();
    }
    expect(await byDezernat.locator("tbody tr").count()).toBeGreaterThanOrEqual(5);
    const cockpit = byDezernat.getByRole("link", { name: /Dezernat II – .* im Cockpit öffnen/ });
    expect(await cockpit.getAttribute("href")).toMatch(/^\/pflichtschulungen\/team\?unit=/);
    await byDezernat.getByRole("rowheader", { name: "Gesamte Verwaltung" }).waitFor();
    expect(await byDezernat.getByText(/^\d+\s%$/).count()).toBeGreaterThan(5);

    // Ämter of a Dezernat, behind its disclosure.
    await page.locator("details.compliance-amter summary", { hasText: "Dezernat I – " }).click();
    const byAmt = page.getByRole("table", { name: /Erfüllungsquote je Amt und Pflichtschulung im Dezernat I – / });
    await byAmt.getByRole("rowheader", { name: /10 Haupt- und Personalamt/ }).waitFor();

    // Both charts after hydration, each with an accessible name pointing to its table.
    const charts = page.locator("canvas[role='img']");
    await charts.nth(1).waitFor({ timeout: 15_000 });
    expect(await charts.count()).toBe(2);
    expect(await charts.nth(0).getAttribute("aria-label")).toContain("Erfüllungsquote je Dezernat und Pflichtschulung");
    expect(await charts.nth(1).getAttribute("aria-label")).toContain("Erfüllungsquote je Monat");

    // The trend: twelve months, the eleven past ones from the seed's month-end snapshots.
    const trend = page.getByRole("table", { name: "Erfüllungsquote je Monat" });
    const months = trend.locator("tbody tr");
    expect(await months.count()).toBe(12);
    // Past months come from the seed's snapshots (a rule another browser test adds today has none).
    expect(await months.first().innerText()).toMatch(/\d\s*%/);
    await months.last().getByRole("rowheader", { name: /\(heute\)$/ }).waitFor();
    await expectAccessible(page);

    // The rules with their coverage, linking to the rule page.
    const rules = page.getByRole("table", { name: "Pflichtschulungen mit Zielgruppe, Quote und offenen Fällen" });
    for (const header of ["Pflichtschulung", "Personen in der Zielgruppe", "Quote", "Überfällig", "In 30 Tagen fällig"]) {
      await rules.getByRole("columnheader", { name: header, exact: true }).waitFor();
    }
    expect(await rules.getByRole("link", { name: "Datenschutz-Grundschulung im Cockpit" }).getAttribute("href")).toMatch(/^\/pflichtschulungen\/team\?rule=/);
    await rules.getByRole("link", { name: "Datenschutz-Grundschulung", exact: true }).click();
    await page.waitForURL((url) => /^\/pflichtschulungen\/regeln\/[^/]+$/.test(url.pathname));
    await page.getByRole("heading", { level: 1, name: /Datenschutz-Grundschulung/ }).waitFor();
    await expectAccessible(page);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("refuses leaders and employees", async () => {
    for (const account of [ACCOUNTS.leader, ACCOUNTS.employee]) {
      const { page, context } = await newPage(browser);
      await login(page, account);
      await page.waitForURL((url) => url.pathname === "/");
      expect(await page.getByRole("region", { name: "Compliance gesamt" }).count()).toBe(0);
      const response = await page.goto("/pflichtschulungen/uebersicht");
      expect(response?.status()).toBe(403);
      await context.close();
    }
  });
});
