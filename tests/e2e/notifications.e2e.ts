// Notifications in the browser. The demo seed gives the demo employee and the demo leader read
// and unread notifications with their e-mails (app/modules/seed/notification-seed.server.ts);
// other browser tests and the server's worker may add more, so counts are read from the page
// and compared before and after. The employee marks one as read and the count in the navigation
// drops by one; the page also shows in English from kind + params. The leader marks all as read
// with JavaScript switched off. The administrator finds the mails in the Postausgang, reads a
// text, filters by status and sends once. axe runs on every page.
import type { Browser, Page } from "playwright-core";
import { ACCOUNTS, baseUrl, expectAccessible, launch, login, newPage } from "./browser.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const mainNav = (page: Page) => page.getByRole("navigation", { name: /^(Hauptnavigation|Main navigation)$/ });
const inboxLink = (page: Page) => mainNav(page).getByRole("link", { name: /^(Benachrichtigungen|Notifications)\b/ });

/** The unread count as the navigation announces it ("Benachrichtigungen, 3 ungelesen"); 0 without a count. */
async function unreadInNav(page: Page) {
  const name = (await inboxLink(page).textContent())?.trim() ?? "";
  const match = name.match(/^(?:Benachrichtigungen|Notifications), ([\d.]+) (?:ungelesen|unread)$/);
  if (!match) {
    expect(name).toMatch(/^(Benachrichtigungen|Notifications)$/);
    return 0;
  }
  return Number(match[1]!.replace(/\./g, ""));
}

describe("notifications", () => {
  it("shows the employee's notifications with the unread count in the navigation; marking one read lowers it", { timeout: 120_000 }, async () => {
    const { page, context, errors } = await newPage(browser);
    await login(page, ACCOUNTS.employee);
    await page.waitForURL((url) => url.pathname === "/");
    const before = await unreadInNav(page);
    expect(before).toBeGreaterThanOrEqual(3);
    await expect(inboxLink(page).getAttribute("href")).resolves.toBe("/benachrichtigungen");

    await inboxLink(page).click();
    await page.getByRole("heading", { level: 1, name: "Benachrichtigungen" }).waitFor();
    await expectAccessible(page);
    const list = page.getByRole("list", { name: "Ihre Benachrichtigungen" });
    // From the seed: moved up from the waiting list, unread, with a link to the enrolments.
    const promoted = list.getByRole("article").filter({ has: page.getByRole("heading", { name: /^Nachgerückt: / }) }).first();
    await expect(promoted.getByText("Ungelesen", { exact: true }).isVisible()).resolves.toBe(true);
    await expect(promoted.getByText(/Sie sind von der Warteliste nachgerückt/).isVisible()).resolves.toBe(true);
    await expect(promoted.getByRole("link", { name: /^Öffnen: Nachgerückt: / }).getAttribute("href")).resolves.toBe("/anmeldungen");
    // Read ones say when they were read.
    await expect(list.getByText(/Gelesen am \d{2}\.\d{2}\.\d{4}/).first().isVisible()).resolves.toBe(true);

    const title = (await promoted.getByRole("heading").textContent())!.trim();
    await promoted.getByRole("button", { name: `Als gelesen markieren: ${title}` }).click();
    await page.getByRole("status").filter({ hasText: "Die Benachrichtigung ist als gelesen markiert." }).waitFor();
    await expect.poll(() => unreadInNav(page)).toBe(before - 1);
    const marked = list.getByRole("article").filter({ has: page.getByRole("heading", { name: title, exact: true }) }).first();
    await expect(marked.getByText("Ungelesen", { exact: true }).count()).resolves.toBe(0);
    await expectAccessible(page);

    // Only the unread ones (a GET filter).
    await page.getByLabel("Anzeigen").selectOption("unread");
    await page.getByRole("button", { name: "Filtern" }).click();
    await page.waitForURL(/show=unread/);
    await expect.poll(() => page.getByRole("list", { name: "Ihre Benachrichtigungen" }).getByRole("article").count()).toBe(Math.min(before - 1, 20));
    await expectAccessible(page);

    // The same notifications in English: texts come from kind + params in the reader's language.
    await context.addCookies([{ name: "lr_lang", value: "en", url: baseUrl() }]);
    await page.goto("/benachrichtigungen");
    await page.getByRole("heading", { level: 1, name: "Notifications" }).waitFor();
    await expect(page.getByRole("heading", { name: /^Moved up: / }).first().isVisible()).resolves.toBe(true);
    await expect(inboxLink(page).textContent()).resolves.toBe(`Notifications, ${before - 1} unread`);
    await expectAccessible(page);

    // Nobody else's outbox.
    const forbidden = await page.goto("/admin/postausgang");
    expect(forbidden?.status()).toBe(403);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("lets the leader mark all as read without JavaScript", { timeout: 120_000 }, async () => {
    const context = await browser.newContext({ baseURL: baseUrl(), locale: "de-DE", javaScriptEnabled: false });
    const page = await context.newPage();
    await login(page, ACCOUNTS.leader);
    await page.waitForURL((url) => url.pathname === "/");
    const before = await unreadInNav(page);
    expect(before).toBeGreaterThanOrEqual(1);
    await page.goto("/benachrichtigungen");
    await expect(page.getByRole("heading", { name: /^Anmeldung zur Freigabe: / }).first().isVisible()).resolves.toBe(true);
    await page.getByRole("button", { name: "Alle als gelesen markieren" }).click();
    await page.getByText(before === 1 ? "1 Benachrichtigung als gelesen markiert." : `${before} Benachrichtigungen als gelesen markiert.`).waitFor();
    expect(await unreadInNav(page)).toBe(0);
    await expect(page.getByRole("button", { name: "Alle als gelesen markieren" }).count()).resolves.toBe(0);
    // No axe here: it runs as a script in the page, which this context does not allow (the same page passed it above).
    await context.close();
  });

  it("shows the administrator the outbox with the mails' texts and sends on request", { timeout: 120_000 }, async () => {
    const { page, context, errors } = await newPage(browser);
    await login(page, ACCOUNTS.admin);
    await page.waitForURL((url) => url.pathname === "/");
    await mainNav(page).getByRole("link", { name: "Postausgang" }).click();
    await page.getByRole("heading", { level: 1, name: "Postausgang" }).waitFor();
    await expectAccessible(page);
    // No SMTP_URL in the browser tests: the local outbox.
    await expect(page.getByText(/Kein Mailserver eingerichtet \(SMTP_URL\)/).isVisible()).resolves.toBe(true);

    // The employee's mails: the seeded session reminder with its text.
    await page.getByLabel("Empfänger (Adresse oder Teil davon)").fill(ACCOUNTS.employee);
    await page.getByRole("button", { name: "Filtern" }).click();
    await page.waitForURL(/to=mitarbeiterin/);
    const table = page.getByRole("table", { name: "Postausgang" });
    await expect.poll(() => table.getByRole("row").filter({ hasNotText: ACCOUNTS.employee }).count()).toBe(1); // the header row
    const reminder = () => page.getByRole("table", { name: "Postausgang" }).getByRole("row").filter({ hasText: "Lernreise: Erinnerung: " }).first();
    await reminder().getByText("Text anzeigen").click();
    await expect(reminder().getByText(/beginnt am \d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}\. Ort: /).isVisible()).resolves.toBe(true);
    await expect(reminder().getByText(/Öffnen: http.*\/anmeldungen/).isVisible()).resolves.toBe(true);
    await expectAccessible(page);

    // One pass now: the seeded pending mail goes to the local outbox (if the worker has not sent it already).
    await page.getByRole("button", { name: "Jetzt senden" }).click();
    await page.getByRole("status").filter({ hasText: /^(Versand: \d+ gesendet|Keine fälligen E-Mails\.)/ }).waitFor();
    await reminder().getByRole("cell", { name: "Gesendet", exact: true }).waitFor();
    await expectAccessible(page);

    await page.getByLabel("Empfänger (Adresse oder Teil davon)").fill("");
    await page.getByLabel("Status").selectOption("FAILED");
    await page.getByRole("button", { name: "Filtern" }).click();
    await page.waitForURL(/status=FAILED/);
    await page.getByRole("table", { name: "Postausgang" }).getByText("EENVELOPE 550: 5.2.2 Mailbox full").waitFor();
    await expect.poll(() => page.getByRole("table", { name: "Postausgang" }).getByRole("cell", { name: "Gesendet", exact: true }).count()).toBe(0);
    await expectAccessible(page);
    expect(errors).toEqual([]);
    await context.close();
  });
});
