// "Meine Pflichtschulungen" in the browser: the demo employee sees her mandatory trainings from
// the start page and the navigation, each with a status in words, due date and the "why" text;
// she follows the link to the next session of an overdue training and to the certificate upload
// (training preselected). Her leader opens her tab from the person page; the employee cannot open
// someone else's. axe on every page visited.
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
const STATUS_WORDS = /Überfällig|Bald fällig|Erfüllt|Abgelaufen|Noch nicht fällig|Befreit|Pausiert/;

describe("Meine Pflichtschulungen", () => {
  it("the employee sees status, due date and why, and finds the next session and the upload", { timeout: 120_000 }, async () => {
    const { context, page, errors } = await newPage(browser);
    await login(page, ACCOUNTS.employee);
    await page.waitForURL((url) => url.pathname === "/");
    // Start page card with the counts.
    const card = page.getByRole("region", { name: "Meine Pflichtschulungen" });
    await card.waitFor();
    await card.getByText(/Überfällig|Abgelaufen/).first().waitFor();
    await expectAccessible(page);

    await mainNav(page).getByRole("link", { name: "Pflichtschulungen", exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/pflichtschulungen");
    await page.getByRole("heading", { level: 1, name: "Meine Pflichtschulungen" }).waitFor();
    await expectAccessible(page);

    // The three demo rules for everyone, each with a status in words.
    const list = page.getByRole("list").filter({ has: page.getByRole("article") }).first();
    const items = list.getByRole("article");
    expect(await items.count()).toBeGreaterThanOrEqual(3);
    for (const name of ["Datenschutz-Grundschulung", "Informationssicherheit: Security Awareness", "Arbeitsschutz-Unterweisung"]) {
      const item = page.getByRole("article", { name });
      await item.waitFor();
      await expect(item.getByText(STATUS_WORDS).first().textContent()).resolves.toMatch(STATUS_WORDS);
      await item.getByText("Fällig am", { exact: true }).waitFor();
    }
    // Sorted by due date: the security awareness, which ran out a few weeks ago, comes first.
    await expect(items.first().getByRole("heading", { level: 3 }).textContent()).resolves.toBe("Informationssicherheit: Security Awareness");
    const security = page.getByRole("article", { name: "Informationssicherheit: Security Awareness" });
    await security.getByText("Abgelaufen", { exact: true }).waitFor();
    await security.getByText(/seit \d+ Tagen überfällig/).waitFor();

    // Why: opened with the keyboard-reachable summary.
    const why = security.locator("details");
    await why.locator("summary", { hasText: "Warum gilt das für mich?" }).click();
    await why.getByText(/Diese Pflichtschulung gilt für alle Beschäftigten\. Sie gehören seit Ihrem Dienstantritt am \d{2}\.\d{2}\.\d{4} dazu\./).waitFor();
    await why.getByText(/Abgeschlossen am \d{2}\.\d{2}\.\d{4} mit „Security Awareness/).waitFor();
    await why.getByText(/Wiederholung alle 12 Monate ab dem letzten Abschluss am \d{2}\.\d{2}\.\d{4}: gültig bis zum \d{2}\.\d{2}\.\d{4}\./).waitFor();
    await expectAccessible(page);

    // History and reminders sections.
    await page.getByRole("heading", { level: 2, name: "Verlauf" }).waitFor();
    await page.getByRole("heading", { level: 2, name: "Erinnerungen an mich" }).waitFor();

    // The upload link preselects the training on "Meine Nachweise".
    const upload = security.getByRole("link", { name: /^Externes Zertifikat hochladen: Security Awareness/ });
    const uploadHref = await upload.getAttribute("href");
    expect(uploadHref).toMatch(/^\/nachweise\?schulung=[^#]+#completions-upload$/);
    await upload.click();
    await page.waitForURL((url) => url.pathname === "/nachweise");
    const select = page.getByLabel("Schulung", { exact: true });
    await expect(select.inputValue()).resolves.toBe(decodeURIComponent(uploadHref!.split("schulung=")[1]!.split("#")[0]!));
    await expect(select.locator("option:checked").textContent()).resolves.toMatch(/^Security Awareness/);
    await expectAccessible(page);

    // The enrolment link leads to the next session with free places on the training page.
    await page.goBack();
    await page.waitForURL((url) => url.pathname === "/pflichtschulungen");
    const enrol = page.getByRole("article", { name: "Informationssicherheit: Security Awareness" }).getByRole("link", { name: /^Zum nächsten Termin anmelden/ }).first();
    const href = await enrol.getAttribute("href");
    expect(href).toMatch(/^\/schulungen\/[^/#]+#termin-[^/]+$/);
    await enrol.click();
    await page.waitForURL((url) => url.pathname === href!.split("#")[0]);
    await page.getByRole("heading", { level: 1, name: /Informationssicherheit im Arbeitsalltag/ }).waitFor();
    await page.locator(`[id="${href!.split("#")[1]}"]`).waitFor();
    await expectAccessible(page);

    // Someone else's mandatory trainings are not hers to see.
    const other = await page.goto("/personen/someone-else/pflichtschulungen");
    expect(other?.status()).toBe(403);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("the leader opens the employee's tab from the person page", { timeout: 120_000 }, async () => {
    const { context, page, errors } = await newPage(browser);
    await login(page, ACCOUNTS.leader);
    await page.waitForURL((url) => url.pathname === "/");
    await page.goto("/team?q=Sch%C3%A4fer");
    await page.getByRole("link", { name: /Schäfer, Miriam|Miriam Schäfer/ }).first().click();
    await page.waitForURL((url) => /^\/personen\/[^/]+$/.test(url.pathname));
    await page.getByRole("link", { name: "Pflichtschulungen dieser Person" }).click();
    await page.waitForURL((url) => url.pathname.endsWith("/pflichtschulungen"));
    await page.getByRole("heading", { level: 1, name: "Pflichtschulungen von Miriam Schäfer" }).waitFor();
    const security = page.getByRole("article", { name: "Informationssicherheit: Security Awareness" });
    await security.locator("summary", { hasText: "Warum gilt das für diese Person?" }).click();
    await security.getByText(/also auch für diese Person/).waitFor();
    // Leaders are not offered the employee's own enrolment and upload links.
    expect(await security.getByRole("link", { name: /^Externes Zertifikat hochladen/ }).count()).toBe(0);
    await page.getByRole("heading", { level: 2, name: "Erinnerungen an diese Person" }).waitFor();
    await expectAccessible(page);
    expect(errors).toEqual([]);
    await context.close();
  });
});
