// Evidence in the browser: the demo employee uploads a certificate (after a refused fake PDF),
// the demo leader opens the file and accepts it, the employee sees it accepted; an upload also
// works without JavaScript. axe on every page visited.
// The competency (DigComp 4.2) is not in her position profile, so her gap view and the other
// browser tests' expectations about her current levels stay as they are.
import type { Browser, Page } from "playwright-core";
import PDFDocument from "pdfkit";
import { ACCOUNTS, baseUrl, expectAccessible, launch, login, newPage } from "./browser.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const COMPETENCY = "4.2 Personenbezogene Daten und Privatsphäre schützen";
const TITLE = `E2E-Zertifikat Datenschutz ${Date.now().toString(36)}`;
const mainNav = (page: Page) => page.getByRole("navigation", { name: "Hauptnavigation" });

function pdf(text: string): Promise<Buffer> {
  const doc = new PDFDocument({ size: "A4" });
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
    doc.fontSize(20).text(text);
    doc.end();
  });
}

async function openOwn(page: Page) {
  await mainNav(page).getByRole("link", { name: "Meine Nachweise" }).click();
  await page.waitForURL((url) => url.pathname === "/nachweise");
  await page.getByRole("heading", { level: 1, name: "Meine Nachweise" }).waitFor();
  await page.waitForLoadState("networkidle"); // hydrated: the level list follows the competency
}

const ownRow = (page: Page, title: string) => page.getByRole("table", { name: /Ihre Nachweise/ }).getByRole("row").filter({ hasText: title });

describe("evidence", () => {
  it("is uploaded by the employee, accepted by the leader and shown as accepted", async () => {
    const employee = await newPage(browser);
    let page = employee.page;
    await login(page, ACCOUNTS.employee);
    await page.waitForURL((url) => url.pathname === "/");
    await openOwn(page);
    // The demo seed: one pending certificate and one rejected confirmation with the reason.
    await ownRow(page, "Teilnahmebestätigung Workshop Barrierefreie Dokumente").getByText("Abgelehnt", { exact: true }).waitFor();
    await page.getByText(/Begründung: Die Teilnahmebestätigung nennt weder Inhalte/).waitFor();
    await expectAccessible(page);

    // A text file named .pdf is refused by its content; the other input is kept.
    const form = page.locator("form", { has: page.getByRole("button", { name: "Nachweis hochladen" }) });
    await form.getByLabel("Kompetenz", { exact: true }).selectOption({ label: COMPETENCY });
    await form.getByLabel("Stufe, die der Nachweis belegt").selectOption("4");
    await form.getByLabel("Bezeichnung").fill(TITLE);
    await form.getByLabel("Datei", { exact: true }).setInputFiles({ name: "zertifikat.pdf", mimeType: "application/pdf", buffer: Buffer.from("Nur Text, kein PDF.\n") });
    await form.getByRole("button", { name: "Nachweis hochladen" }).click();
    await page.getByText("Dieser Dateityp ist nicht erlaubt.", { exact: false }).waitFor();
    await expect(form.getByLabel("Bezeichnung").inputValue()).resolves.toBe(TITLE);
    await expect(form.getByLabel("Stufe, die der Nachweis belegt").inputValue()).resolves.toBe("4");
    expect(await form.getByLabel("Datei", { exact: true }).getAttribute("aria-invalid")).toBe("true");
    await expectAccessible(page);

    // The real PDF.
    await form.getByLabel("Datei", { exact: true }).setInputFiles({ name: "Zertifikat Datenschutz.pdf", mimeType: "application/pdf", buffer: await pdf("Zertifikat Datenschutz") });
    await form.getByRole("button", { name: "Nachweis hochladen" }).click();
    await page.getByText("Der Nachweis wurde hochgeladen.", { exact: false }).waitFor();
    await ownRow(page, TITLE).getByText("In Prüfung", { exact: true }).waitFor();
    await expect(form.getByLabel("Bezeichnung").inputValue()).resolves.toBe("");
    await expectAccessible(page);

    // The leader reviews it: claimed level with its descriptor, the file, then accepts.
    const leader = await newPage(browser);
    page = leader.page;
    await login(page, ACCOUNTS.leader);
    await page.waitForURL((url) => url.pathname === "/");
    await mainNav(page).getByRole("link", { name: "Nachweise prüfen" }).click();
    await page.waitForURL((url) => url.pathname === "/nachweise/pruefen");
    await page.getByRole("heading", { level: 1, name: "Nachweise prüfen" }).waitFor();
    const item = page.getByRole("article", { name: `Miriam Schäfer: ${TITLE}` });
    await item.waitFor();
    await item.getByText(COMPETENCY).waitFor();
    await item.locator("dd strong").getByText(/^4 – /).waitFor();
    await expectAccessible(page);
    const href = await item.getByRole("link", { name: /Zertifikat Datenschutz\.pdf herunterladen/ }).getAttribute("href");
    const file = await page.request.get(href!);
    expect(file.status()).toBe(200);
    expect(file.headers()["content-type"]).toBe("application/pdf");
    expect(file.headers()["content-disposition"]).toMatch(/^attachment; filename="Zertifikat Datenschutz\.pdf"/);
    expect(file.headers()["x-content-type-options"]).toBe("nosniff");
    expect((await file.body()).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    // Rejecting needs a reason; then the leader accepts at the claimed level instead.
    await item.getByRole("button", { name: "Nachweis ablehnen" }).click();
    await item.getByText("Bitte geben Sie eine Begründung für die Ablehnung an.").waitFor();
    await expectAccessible(page);
    await item.getByRole("button", { name: "Nachweis anerkennen" }).click();
    await page.getByText("Der Nachweis von Miriam Schäfer wurde anerkannt.", { exact: false }).waitFor();
    await expect.poll(() => page.getByRole("article", { name: `Miriam Schäfer: ${TITLE}` }).count()).toBe(0);
    await expectAccessible(page);

    // The employee sees it accepted, with who decided.
    page = employee.page;
    await openOwn(page);
    const row = ownRow(page, TITLE);
    await row.getByText("Anerkannt", { exact: true }).waitFor();
    await row.getByText(/anerkannt: 4 – /).waitFor();
    await row.getByText(/Thomas Berger/).waitFor();
    await expect(row.getByRole("button", { name: /zurückziehen/ }).count()).resolves.toBe(0);
    await expectAccessible(page);
    // Another person's file is refused.
    expect((await page.request.get(href!.replace(/\/nachweise\/[^/]+\//, "/nachweise/unbekannt/"))).status()).toBe(404);

    // The two 400s are the refused upload and the rejection without a reason.
    expect(employee.errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
    expect(leader.errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
    await employee.context.close();
    await leader.context.close();
  }, 240_000);

  it("uploads without JavaScript", async () => {
    const context = await browser.newContext({ baseURL: baseUrl(), locale: "de-DE", javaScriptEnabled: false });
    const page = await context.newPage();
    await login(page, ACCOUNTS.employee);
    await page.waitForURL((url) => url.pathname === "/");
    await page.goto("/nachweise");
    const title = `E2E ohne JavaScript ${Date.now().toString(36)}`;
    await page.getByLabel("Kompetenz", { exact: true }).selectOption({ label: COMPETENCY });
    await page.getByLabel("Stufe, die der Nachweis belegt").selectOption("3");
    await page.getByLabel("Bezeichnung").fill(title);
    await page.getByLabel("Datei", { exact: true }).setInputFiles({ name: "bescheinigung.pdf", mimeType: "application/pdf", buffer: await pdf("Bescheinigung") });
    await page.getByRole("button", { name: "Nachweis hochladen" }).click();
    await page.getByText("Der Nachweis wurde hochgeladen.", { exact: false }).waitFor();
    await ownRow(page, title).getByText("In Prüfung", { exact: true }).waitFor();
    // Withdrawn again, so the leader's queue keeps its seeded items only.
    await ownRow(page, title).getByRole("button", { name: `Nachweis „${title}“ zurückziehen` }).click();
    await page.getByText("Der Nachweis wurde zurückgezogen", { exact: false }).waitFor();
    expect(await ownRow(page, title).count()).toBe(0);
    // (axe needs JavaScript; the same page was checked with it above.)
    await context.close();
  }, 120_000);
});
