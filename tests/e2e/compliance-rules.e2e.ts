// Mandatory-training rules: HR development opens the rules (the demo seed's rules with their
// coverage), creates a rule with the pickers, previews it (counts and the table by Amt), moves
// the first due date and previews again with the form still filled, saves it and finds it in the
// list with the previewed number of people, and the office's cockpit shows it on the next load. A bad save keeps the input; the employee is refused.
// axe on every page.
import type { Browser, Page } from "playwright-core";
import { inject } from "vitest";
import { createDb, type Db } from "~/utils/db.server.ts";
import { ACCOUNTS, baseUrl, expectAccessible, launch, login, newPage } from "./browser.ts";

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

const SUFFIX = Date.now().toString(36).slice(-5).toUpperCase();
const NAME = `IT-Grundschutz im IT-Amt ${SUFFIX}`;
const AMT = "12 Amt für Informationstechnik";

/** A date `days` from today as a date input takes it. */
function isoDay(days: number) {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

const stat = (page: Page, key: string) => page.getByTestId(`preview-${key}`);
const number = async (page: Page, key: string) => Number((await stat(page, key).innerText()).replace(/\D/g, ""));

describe("mandatory-training rules", () => {
  it("lets HR create a rule, preview it by Amt, adjust the date, preview again and save it", async () => {
    const { page, context, errors } = await newPage(browser);
    await login(page, ACCOUNTS.hr);
    await page.waitForURL((url) => url.pathname === "/");
    await page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Pflichtschulungs-Regeln" }).click();
    await page.waitForURL((url) => url.pathname === "/pflichtschulungen/regeln");
    await page.getByRole("heading", { level: 1, name: "Pflichtschulungs-Regeln" }).waitFor();
    const table = page.getByRole("table", { name: /Regeln mit Abdeckung heute/ });
    for (const header of ["Regel", "Schulungen (eine genügt)", "Wiederholung", "Betroffene", "Erfüllt", "Überfällig", "Bald fällig", "Quote"]) {
      await table.getByRole("columnheader", { name: header, exact: true }).waitFor();
    }
    // The demo seed's rules, with their coverage.
    await table.getByRole("link", { name: "Datenschutz-Grundschulung", exact: true }).waitFor();
    await table.getByRole("link", { name: "Arbeitsschutz-Unterweisung", exact: true }).waitFor();
    await table.getByRole("row", { name: /Datenschutz-Grundschulung/ }).getByText("alle 24 Monate").waitFor();
    await expectAccessible(page);

    // The IT office's cockpit before the rule exists.
    const itAmt = await db.orgUnit.findUniqueOrThrow({ where: { code: "12" }, select: { id: true } });
    const summary = () => page.getByRole("table", { name: /^Erfüllung je Pflichtschulung in / });
    await page.goto(`/pflichtschulungen/team?unit=${itAmt.id}`);
    await summary().getByRole("rowheader", { name: /Datenschutz-Grundschulung/ }).waitFor();
    expect(await summary().getByRole("rowheader", { name: new RegExp(NAME) }).count()).toBe(0);
    await page.goto("/pflichtschulungen/regeln");

    await page.getByRole("link", { name: "Neue Regel" }).click();
    await page.getByRole("heading", { level: 1, name: "Neue Pflichtschulungs-Regel" }).waitFor();
    await page.getByText("Mit „Vorschau“ berechnen Sie, wen die Regel beträfe – vor dem Speichern.").waitFor();
    await expectAccessible(page);

    // Saving the empty form: German messages, nothing lost.
    await page.getByLabel("Name der Regel").fill(NAME);
    await page.getByRole("button", { name: "Speichern" }).click();
    await page.getByText("Bitte prüfen Sie die markierten Felder.").waitFor();
    await page.getByText("Bitte wählen Sie mindestens eine Schulung.").first().waitFor();
    await page.getByText("Bitte geben Sie die Rechtsgrundlage an.").first().waitFor();
    await page.getByText(/Bitte wählen Sie mindestens ein Merkmal der Zielgruppe/).first().waitFor();
    expect(await page.getByLabel("Name der Regel").inputValue()).toBe(NAME);
    await expectAccessible(page);

    // The training: search the catalogue, tick the hit.
    await page.getByLabel("Rechtsgrundlage").fill("BSI IT-Grundschutz ORP.3");
    await page.getByLabel("Schulungen suchen").fill("Grundschutz");
    await page.getByRole("button", { name: "Suchen Schulungen", exact: true }).click();
    await page.getByRole("checkbox", { name: /^IS-03 IT-Grundschutz-Praktiker/ }).check();
    // The audience: the IT office with its sub-units.
    await page.getByLabel("Organisationseinheiten suchen").fill("Informationstechnik");
    await page.getByRole("button", { name: "Suchen Organisationseinheiten", exact: true }).click();
    // The training ticked before the search is now among the chosen ones.
    await page.getByRole("checkbox", { name: /^IS-03 IT-Grundschutz-Praktiker/ }).waitFor();
    expect(await page.getByRole("checkbox", { name: /^IS-03 IT-Grundschutz-Praktiker/ }).isChecked()).toBe(true);
    expect(await page.getByLabel("Rechtsgrundlage").inputValue()).toBe("BSI IT-Grundschutz ORP.3");
    await page.getByRole("checkbox", { name: AMT, exact: true }).check();
    expect(await page.getByRole("checkbox", { name: `mit Untereinheiten (${AMT})` }).isChecked()).toBe(true);
    await page.getByLabel("nach Aufnahme in die Zielgruppe (z. B. Stellenwechsel)").check();
    await page.getByLabel("Frist in Tagen", { exact: true }).fill("30");
    await page.getByLabel("rollierend ab dem letzten Abschluss").check();
    await page.getByLabel("Abstand in Monaten").fill("24");

    // Preview: nobody has this training, so everybody of the office is overdue at once.
    await page.getByRole("button", { name: "Vorschau" }).click();
    await page.getByText("So würde die Regel wirken, wenn Sie sie jetzt speichern. Noch ist nichts gespeichert.").waitFor();
    const affected = await number(page, "affected");
    expect(affected).toBeGreaterThan(0);
    const overdueBefore = await number(page, "overdue");
    expect(overdueBefore).toBeGreaterThan(0);
    const byAmt = page.getByRole("table", { name: "Betroffene nach Amt" });
    await byAmt.getByRole("rowheader", { name: AMT }).waitFor();
    expect(await byAmt.locator("tbody tr").count()).toBe(1);
    expect(await byAmt.getByRole("row", { name: new RegExp(AMT) }).getByRole("cell").first().innerText()).toBe(String(affected));
    // The form is still filled.
    expect(await page.getByLabel("Name der Regel").inputValue()).toBe(NAME);
    expect(await page.getByRole("checkbox", { name: AMT, exact: true }).isChecked()).toBe(true);
    await expectAccessible(page);

    // A fixed first date 60 days ahead: nobody is overdue at once any more.
    await page.getByLabel("fester Stichtag").check();
    await page.getByLabel("Stichtag", { exact: true }).fill(isoDay(60));
    await page.getByRole("button", { name: "Vorschau" }).click();
    await expect.poll(() => number(page, "overdue"), { timeout: 15_000 }).toBe(0);
    expect(await number(page, "affected")).toBe(affected);
    expect(await page.getByLabel("Stichtag", { exact: true }).inputValue()).toBe(isoDay(60));
    expect(await page.getByLabel("fester Stichtag").isChecked()).toBe(true);
    await expectAccessible(page);

    // Save: back on the list, with the rule and its people.
    await page.getByRole("button", { name: "Speichern" }).click();
    await page.waitForURL((url) => url.pathname === "/pflichtschulungen/regeln");
    await page.getByText("Regel angelegt. Die Anforderungen der Betroffenen sind angelegt.").waitFor();
    const row = page.getByRole("row", { name: new RegExp(NAME) });
    await row.getByRole("link", { name: NAME }).waitFor();
    await row.getByText("IS-03 IT-Grundschutz-Praktiker").waitFor();
    await row.getByText("alle 24 Monate").waitFor();
    expect(await row.getByRole("cell").nth(2).innerText()).toBe(String(affected));
    await expectAccessible(page);

    // The cockpit of the office shows the new rule on the next page load (nobody has completed it).
    await page.goto(`/pflichtschulungen/team?unit=${itAmt.id}`);
    const newRow = summary().getByRole("row", { name: new RegExp(NAME) });
    await newRow.waitFor();
    expect(await newRow.getByRole("cell").nth(1).innerText()).toMatch(/^0 von [1-9]/);
    await page.goto("/pflichtschulungen/regeln");

    // The saved rule opens with its values; the preview now compares with it.
    await row.getByRole("link", { name: NAME }).click();
    await page.getByRole("heading", { level: 1, name: NAME }).waitFor();
    expect(await page.getByLabel("Stichtag", { exact: true }).inputValue()).toBe(isoDay(60));
    await page.getByRole("button", { name: "Vorschau" }).click();
    await page.getByRole("heading", { name: "Änderung gegenüber der gespeicherten Regel" }).waitFor();
    expect(await number(page, "current")).toBe(affected);
    expect(await number(page, "newlyAffected")).toBe(0);
    await expectAccessible(page);

    // The one 400 is the refused save of the incomplete form.
    expect(errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
    expect(errors.filter((e) => /status of 400/.test(e))).toHaveLength(1);
    await context.close();
    // Seven pages with axe on a shared two-core machine.
  }, 240_000);

  it("works without JavaScript: search, tick, preview and a kept draft after a bad save", async () => {
    const context = await browser.newContext({ baseURL: baseUrl(), locale: "de-DE", javaScriptEnabled: false });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await login(page, ACCOUNTS.hr);
    await page.waitForURL((url) => url.pathname === "/");
    await page.goto("/pflichtschulungen/regeln/neu");
    await page.getByLabel("Name der Regel").fill(`Ohne Skript ${SUFFIX}`);
    await page.getByLabel("Schulungen suchen").fill("Grundschutz");
    await page.getByRole("button", { name: "Suchen Schulungen", exact: true }).click();
    await page.getByRole("checkbox", { name: /^IS-03 IT-Grundschutz-Praktiker/ }).check();
    await page.getByLabel("Alle Führungskräfte").check();
    await page.getByRole("button", { name: "Vorschau" }).click();
    await page.getByText("So würde die Regel wirken, wenn Sie sie jetzt speichern. Noch ist nichts gespeichert.").waitFor();
    expect(Number((await stat(page, "affected").innerText()).replace(/\D/g, ""))).toBeGreaterThan(0);
    expect(await page.getByLabel("Name der Regel").inputValue()).toBe(`Ohne Skript ${SUFFIX}`);
    expect(await page.getByLabel("Alle Führungskräfte").isChecked()).toBe(true);
    // Saving without a legal basis: the message, and everything is still there.
    await page.getByRole("button", { name: "Speichern" }).click();
    await page.getByText("Bitte geben Sie die Rechtsgrundlage an.").first().waitFor();
    expect(await page.getByRole("checkbox", { name: /^IS-03 IT-Grundschutz-Praktiker/ }).isChecked()).toBe(true);
    expect(await page.getByLabel("Alle Führungskräfte").isChecked()).toBe(true);
    // (axe needs JavaScript; the same page was checked with it above.)
    await context.close();
  }, 180_000);

  it("refuses the rules to the employee", async () => {
    const { page, context } = await newPage(browser);
    await login(page, ACCOUNTS.employee);
    await page.waitForURL((url) => url.pathname === "/");
    expect(await page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Pflichtschulungs-Regeln" }).count()).toBe(0);
    const response = await page.goto("/pflichtschulungen/regeln/neu");
    expect(response?.status()).toBe(403);
    await expectAccessible(page);
    await context.close();
  });
});
