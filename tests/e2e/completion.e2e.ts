// Attendance and certificates in the browser: HR development opens a past session of the demo
// catalogue whose attendance is still open (KI-01, the demo employee took part), records the whole
// list at once (a bad date first: message next to the row, input kept), and the demo employee then
// finds the completion under "Meine Nachweise", downloads the certificate of participation (a
// PDF) and has the notification. The employee and the leader cannot open the attendance sheet; the
// leader cannot open HR's certificate review. axe on every page visited.
import type { Browser, Page } from "playwright-core";
import { ACCOUNTS, expectAccessible, launch, login, newPage } from "./browser.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const TRAINING = "KI-Grundlagen für die Verwaltung: Chancen, Grenzen, Recht";
const mainNav = (page: Page) => page.getByRole("navigation", { name: "Hauptnavigation" });

/** HR: catalogue → training page → past session → its page; returns the session page's URL. */
async function openPastSession(page: Page) {
  await mainNav(page).getByRole("link", { name: "Schulungskatalog" }).click();
  await page.waitForURL((url) => url.pathname === "/schulungen");
  const filters = page.getByRole("search", { name: "Schulungen filtern" });
  await filters.getByLabel("Suche").fill("KI-01");
  await filters.getByRole("button", { name: "Filtern" }).click();
  await page.waitForURL(/q=KI-01/);
  await page.getByRole("link", { name: TRAINING }).click();
  await page.getByRole("heading", { level: 1, name: TRAINING }).waitFor();
  await expectAccessible(page);
  const past = page.locator("details", { has: page.getByText(/vergangene?r? Termin/) });
  await past.locator("summary").click();
  await past.getByRole("link", { name: /^Teilnehmende und Warteliste/ }).first().click();
  await page.waitForURL((url) => /^\/schulungen\/termine\/[^/]+$/.test(url.pathname));
  await page.getByRole("heading", { level: 1, name: new RegExp(`^${TRAINING.slice(0, 20)}.* am \\d{2}\\.\\d{2}\\.\\d{4}`) }).waitFor();
  return page.url();
}

describe("attendance and certificates", () => {
  it("HR records attendance; the employee downloads the certificate and is notified", async () => {
    const hr = await newPage(browser);
    let page = hr.page;
    await login(page, ACCOUNTS.hr);
    await page.waitForURL((url) => url.pathname === "/");
    const sessionUrl = await openPastSession(page);
    await expectAccessible(page);

    // The session page links to the attendance sheet.
    await page.getByRole("link", { name: "Anwesenheit erfassen" }).click();
    await page.waitForURL((url) => url.pathname.endsWith("/anwesenheit"));
    await page.getByRole("heading", { level: 1, name: /^Anwesenheit: KI-Grundlagen/ }).waitFor();
    const table = page.getByRole("table", { name: /^Anwesenheit beim Termin/ });
    await table.waitFor();
    for (const header of ["Person", "Anwesenheit", "Ergebnis", "Gültig bis (freiwillig)", "Bescheinigung"]) await table.getByRole("columnheader", { name: header, exact: true }).waitFor();
    const miriam = table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: /Miriam Schäfer/ }) });
    await miriam.waitFor();
    // "anwesend" is preselected; nobody has a certificate yet.
    await expect(miriam.getByRole("radio", { name: "anwesend" }).isChecked()).resolves.toBe(true);
    await miriam.getByText("keine", { exact: true }).waitFor();
    await expectAccessible(page);

    // An expiry date before the session: the message stands next to the row, the input is kept.
    await miriam.getByRole("combobox", { name: "Ergebnis von Miriam Schäfer" }).selectOption({ label: "bestanden" });
    await miriam.getByLabel("Gültig bis, Miriam Schäfer").fill("2001-01-01");
    await page.getByRole("button", { name: "Anwesenheit speichern" }).click();
    await miriam.getByText("Das Ablaufdatum muss nach dem Abschlussdatum liegen.").waitFor();
    await expect(miriam.getByLabel("Gültig bis, Miriam Schäfer").inputValue()).resolves.toBe("2001-01-01");
    await expect(miriam.getByRole("combobox", { name: "Ergebnis von Miriam Schäfer" }).inputValue()).resolves.toBe("PASSED");
    expect(await miriam.getByLabel("Gültig bis, Miriam Schäfer").getAttribute("aria-invalid")).toBe("true");
    await expectAccessible(page);

    // Corrected: everyone attended; Miriam passed without an expiry date.
    await miriam.getByLabel("Gültig bis, Miriam Schäfer").fill("");
    await page.getByRole("button", { name: "Alle anwesend" }).click();
    await page.getByText("Die Anwesenheit ist gespeichert.").waitFor();
    await page.getByText(/^\d+ Bescheinigungen neu, 0 geändert, 0 zurückgenommen/).waitFor();
    const saved = page.getByRole("table", { name: /^Anwesenheit beim Termin/ }).getByRole("row").filter({ has: page.getByRole("rowheader", { name: /Miriam Schäfer/ }) });
    await saved.getByText(/^LR-\d{4}-\d{6}$/).waitFor();
    await saved.locator(".level-descriptor").filter({ hasText: /^bestanden$/ }).waitFor();
    const number = (await saved.getByText(/^LR-\d{4}-\d{6}$/).textContent())!;
    // The fields show what was stored.
    await expect.poll(() => saved.getByRole("combobox", { name: "Ergebnis von Miriam Schäfer" }).inputValue()).toBe("PASSED");
    await expectAccessible(page);

    // The employee cannot open the sheet; nor can the leader (not the trainer, not HR).
    const employee = await newPage(browser);
    page = employee.page;
    await login(page, ACCOUNTS.employee);
    await page.waitForURL((url) => url.pathname === "/");
    const sheetUrl = new URL(`${sessionUrl}/anwesenheit`).pathname;
    expect((await page.goto(sheetUrl))?.status()).toBe(403);
    await expectAccessible(page);

    // Meine Nachweise: the completion with its certificate.
    await page.goto("/");
    await mainNav(page).getByRole("link", { name: "Meine Nachweise" }).click();
    await page.waitForURL((url) => url.pathname === "/nachweise");
    const list = page.getByRole("table", { name: "Ihre abgeschlossenen Schulungen mit Ergebnis, Status, Gültigkeit und Bescheinigung" });
    await list.waitFor();
    const row = list.getByRole("row").filter({ has: page.getByRole("rowheader", { name: new RegExp(TRAINING.slice(0, 20)) }) });
    await row.getByText("bestätigt", { exact: true }).waitFor();
    await row.getByText("bestanden", { exact: true }).waitFor();
    // From the seed: an expired safety instruction is marked as such.
    await list.getByRole("row").filter({ hasText: "Arbeitsschutz-Unterweisung" }).getByText("abgelaufen", { exact: true }).waitFor();
    await expectAccessible(page);
    const link = row.getByRole("link", { name: `Teilnahmebescheinigung ${number} für „KI-01 ${TRAINING}“ als PDF herunterladen` });
    const href = await link.getAttribute("href");
    const pdf = await page.request.get(href!);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    expect(pdf.headers()["content-disposition"]).toBe(`attachment; filename="Teilnahmebescheinigung-${number}.pdf"`);
    expect((await pdf.body()).subarray(0, 5).toString("latin1")).toBe("%PDF-");

    // The notification.
    await mainNav(page).getByRole("link", { name: /^Benachrichtigungen/ }).click();
    await page.waitForURL((url) => url.pathname === "/benachrichtigungen");
    await page.getByRole("heading", { name: `Teilnahme bestätigt: ${TRAINING}` }).first().waitFor();
    await expectAccessible(page);

    // The leader: no attendance sheet, no certificate review; the team member's certificate is readable.
    const leader = await newPage(browser);
    page = leader.page;
    await login(page, ACCOUNTS.leader);
    await page.waitForURL((url) => url.pathname === "/");
    expect((await page.goto(sheetUrl))?.status()).toBe(403);
    expect((await page.goto("/nachweise/zertifikate-pruefen"))?.status()).toBe(403);
    expect((await page.request.get(href!)).status()).toBe(200);
    await expectAccessible(page);

    // HR's review page lists the uploaded certificate from the demo seed.
    page = hr.page;
    await mainNav(page).getByRole("link", { name: "Zertifikate prüfen" }).click();
    await page.waitForURL((url) => url.pathname === "/nachweise/zertifikate-pruefen");
    await page.getByRole("heading", { level: 1, name: "Zertifikate prüfen" }).waitFor();
    await page.getByText(/^1 Zertifikat wartet auf die Prüfung/).waitFor();
    await expectAccessible(page);

    // The 400 is the refused date; the 403s are the forbidden pages.
    expect(hr.errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
    expect(employee.errors).toEqual([]);
    expect(leader.errors).toEqual([]);
    await Promise.all([hr.context.close(), employee.context.close(), leader.context.close()]);
  }, 180_000);
});
