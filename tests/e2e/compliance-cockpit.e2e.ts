// "Pflichtschulungen im Team" in the browser: the demo leader (Amt 32) sees the card on the start
// page, opens the cockpit, drills into the demo employee's Abteilung, downloads the CSV and XLSX
// exports, and reminds the employee of an open item (a second click the same day sends nothing);
// the employee then finds the reminder under Benachrichtigungen. The employee cannot open the
// cockpit, the leader not a unit above their own (taken from HR's view of the whole
// administration). axe on every page visited.
import { readFile } from "node:fs/promises";
import type { Browser, Page } from "playwright-core";
import { ACCOUNTS, expectAccessible, launch, login, newPage } from "./browser.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const mainNav = (page: Page) => page.getByRole("navigation", { name: "Hauptnavigation" });
const EMPLOYEE = "Schäfer, Miriam";

describe("Pflichtschulungen im Team", () => {
  it("the leader drills down, exports and reminds; the employee sees the reminder", { timeout: 180_000 }, async () => {
    const leader = await newPage(browser);
    const page = leader.page;
    await login(page, ACCOUNTS.leader);
    await page.waitForURL((url) => url.pathname === "/");
    const card = page.getByRole("region", { name: "Pflichtschulungen im Team" });
    await card.waitFor();
    await card.getByText(/Pflichtschulungen? überfällig/).waitFor();
    await expectAccessible(page);

    await mainNav(page).getByRole("link", { name: "Pflichtschulungen im Team" }).click();
    await page.waitForURL((url) => url.pathname === "/pflichtschulungen/team");
    await page.getByRole("heading", { level: 1, name: /^Pflichtschulungen im Team: 32 / }).waitFor();
    // Summary per rule and the matrix (the chart's table alternative) with the Abteilungen.
    const summary = page.getByRole("table", { name: /^Erfüllung je Pflichtschulung in 32 / });
    for (const rule of ["Datenschutz-Grundschulung", "Informationssicherheit: Security Awareness"]) {
      await summary.getByRole("rowheader", { name: new RegExp(`^${rule}`) }).waitFor();
    }
    const matrix = page.getByRole("table", { name: "Erfüllungsquote nach Einheit und Pflichtschulung" });
    await matrix.waitFor();
    // The chart is drawn after hydration, as an image with a text alternative.
    await page.getByRole("img", { name: /^Balkendiagramm: Erfüllungsquote/ }).waitFor();
    await expectAccessible(page);

    // Drill into the employee's Abteilung 32.2.
    await matrix.getByRole("link", { name: /^Einheit 32\.2 / }).click();
    await page.waitForURL(/unit=/);
    await page.getByRole("heading", { level: 1, name: /^Pflichtschulungen im Team: 32\.2 / }).waitFor();
    const breadcrumb = page.getByRole("navigation", { name: "Organisationseinheiten" });
    await breadcrumb.getByRole("link", { name: /^32 / }).waitFor();
    await expectAccessible(page);

    // Her open items (filtered to her rules if the page is long): find her first row.
    const items = page.getByRole("table", { name: "Offene Pflichtschulungen, nach Fälligkeit sortiert" });
    const herCheckbox = items.getByRole("checkbox", { name: new RegExp(`^${EMPLOYEE}: `) }).first();
    for (let i = 0; i < 10 && (await herCheckbox.count()) === 0; i++) {
      await page.getByRole("link", { name: "Nächste Seite" }).click();
      await page.waitForURL(/page=/);
      await items.waitFor();
    }
    const label = await herCheckbox.evaluate((el) => (el as HTMLInputElement).labels?.[0]?.textContent ?? "");
    const rule = label.replace(`${EMPLOYEE}: `, "").replace(/ auswählen$/, "");
    expect(rule.length).toBeGreaterThan(3);

    // Exports of the selected unit: CSV and XLSX.
    const [csv] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Offene Punkte als CSV herunterladen" }).click()]);
    expect(csv.suggestedFilename()).toMatch(/^Pflichtschulungen-Team-32\.2-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = (await readFile((await csv.path())!)).toString("utf8");
    expect(text.split("\n")[0]).toBe("\ufeffNachname;Vorname;Organisationseinheit;Pflichtschulung;Fällig am;Status;Tage überfällig;Nachweis gültig bis");
    expect(text).toContain(`Schäfer;Miriam;32.2 `);
    expect(text).toMatch(/;\d{2}\.\d{2}\.\d{4};/);
    const [xlsx] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /^Als Excel-Datei \(XLSX\) herunterladen/ }).click()]);
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
    expect((await readFile((await xlsx.path())!)).subarray(0, 2).toString("latin1")).toBe("PK");

    // Remind her of that item.
    await herCheckbox.check();
    await page.getByRole("button", { name: "Ausgewählte erinnern" }).click();
    await page.getByRole("status").filter({ hasText: "Erinnerung an 1 Pflichtschulung gesendet (1 Person)." }).waitFor();
    await items.getByRole("row").filter({ hasText: EMPLOYEE }).filter({ hasText: "(heute erinnert)" }).first().waitFor();
    await expectAccessible(page);
    // A second click the same day sends nothing.
    await items.getByRole("checkbox", { name: `${EMPLOYEE}: ${rule} auswählen` }).first().check();
    await page.getByRole("button", { name: "Ausgewählte erinnern" }).click();
    await page.getByRole("status").filter({ hasText: "Es wurde keine Erinnerung gesendet." }).waitFor();
    await page.getByText("1 Punkt wurde heute schon erinnert und nicht erneut gesendet.").waitFor();
    expect(leader.errors).toEqual([]);

    // A unit above the leader's own (a Dezernat, from HR's view) is refused.
    const hr = await newPage(browser);
    await login(hr.page, ACCOUNTS.hr);
    await hr.page.waitForURL((url) => url.pathname === "/");
    await hr.page.goto("/pflichtschulungen/team");
    await hr.page.getByRole("heading", { level: 1, name: "Pflichtschulungen im Team: Gesamte Verwaltung" }).waitFor();
    await expectAccessible(hr.page);
    const dezernatHref = await hr.page.getByRole("table", { name: "Erfüllungsquote nach Einheit und Pflichtschulung" }).getByRole("link").first().getAttribute("href");
    expect(dezernatHref).toMatch(/^\/pflichtschulungen\/team\?unit=/);
    const refused = await page.goto(dezernatHref!);
    expect(refused?.status()).toBe(403);
    await hr.context.close();
    await leader.context.close();

    // The employee sees the reminder; the cockpit is not hers.
    const employee = await newPage(browser);
    await login(employee.page, ACCOUNTS.employee);
    await employee.page.waitForURL((url) => url.pathname === "/");
    await employee.page.goto("/benachrichtigungen");
    await employee.page.getByRole("heading", { level: 1, name: "Benachrichtigungen" }).waitFor();
    const reminder = employee.page.getByRole("article").filter({ has: employee.page.getByRole("heading", { name: `Erinnerung an Ihre Pflichtschulung: ${rule}` }) }).first();
    await reminder.waitFor();
    await reminder.getByText(new RegExp(`^Thomas Berger erinnert Sie an „${rule.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}“ \\(fällig am \\d{2}\\.\\d{2}\\.\\d{4}\\)`)).waitFor();
    await expectAccessible(employee.page);
    const forbidden = await employee.page.goto("/pflichtschulungen/team");
    expect(forbidden?.status()).toBe(403);
    expect(employee.errors).toEqual([]);
    await employee.context.close();
  });
});
