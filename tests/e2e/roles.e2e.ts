import type { Browser, Page } from "playwright-core";
import { ACCOUNTS, expectAccessible, launch, login, newPage } from "./browser.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function navLinks(page: Page) {
  const texts = await page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link").allTextContents();
  // The unread count ("Benachrichtigungen, 3 ungelesen") depends on what other tests did.
  return texts.map((text) => text.replace(/, [\d.]+ ungelesen$/, ""));
}

async function visit(page: Page, path: string, heading: string | RegExp) {
  await page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: heading }).click();
  await page.waitForURL((url) => url.pathname === path);
  await expectAccessible(page);
}

async function expectStatusPage(page: Page, path: string, status: number, title: string) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(status);
  await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe(title);
  await expectAccessible(page);
}

describe("employee", () => {
  it("sees own pages only and is refused others' data", async () => {
    const { page, context, errors } = await newPage(browser);
    await login(page, ACCOUNTS.employee);
    await page.waitForURL((url) => url.pathname === "/");
    await expectAccessible(page);
    expect(await navLinks(page)).toEqual(["Start", "Mein Profil", "Meine Kompetenzen", "Meine Nachweise", "Einschätzungen", "Schulungskatalog", "Meine Anmeldungen", "Pflichtschulungen", "Meine Lernreise", "Feedback", "Kompetenzmodelle", "Benachrichtigungen", "Passwort ändern"]);
    await visit(page, "/profil", "Mein Profil");
    await expect(page.getByText("Sachbearbeitung Bürgerservice").first().isVisible()).resolves.toBe(true);
    await expect(page.getByRole("heading", { name: "Stellenbeschreibung" }).isVisible()).resolves.toBe(true);
    await expect(page.getByText("Thomas Berger").first().isVisible()).resolves.toBe(true); // her Amt's leader
    await visit(page, "/konto/passwort", "Passwort ändern");
    await expectStatusPage(page, "/team", 403, "Keine Berechtigung");
    await expectStatusPage(page, "/personen", 403, "Keine Berechtigung");
    await expectStatusPage(page, "/admin/benutzer", 403, "Keine Berechtigung");
    await expectStatusPage(page, "/gibt-es-nicht", 404, "Seite nicht gefunden");
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe("leader", () => {
  it("sees the team of the Amt with its sub-units, and nothing outside it", async () => {
    const { page, context, errors } = await newPage(browser);
    await login(page, ACCOUNTS.leader);
    await page.waitForURL((url) => url.pathname === "/");
    await expectAccessible(page);
    expect(await navLinks(page)).toEqual(["Start", "Mein Profil", "Meine Kompetenzen", "Meine Nachweise", "Einschätzungen", "Schulungskatalog", "Meine Anmeldungen", "Pflichtschulungen", "Meine Lernreise", "Feedback", "Kompetenzmodelle", "Benachrichtigungen", "Mein Team", "Team-Kompetenzen", "Pflichtschulungen im Team", "Lernreisen im Team", "Wirksamkeit im Team", "Stufenvorschläge", "Freigaben", "Nachweise prüfen", "Passwort ändern"]);
    await visit(page, "/team/kompetenzen", "Team-Kompetenzen");
    await page.getByRole("heading", { level: 1, name: "Team-Kompetenzen" }).waitFor();
    await expect(page.getByRole("table", { name: "Lücken je Person und Kompetenz" }).isVisible()).resolves.toBe(true);
    await visit(page, "/team", "Mein Team");
    const summary = await page.getByRole("status").first().textContent();
    expect(summary).toMatch(/Treffer/);
    await page.getByLabel("Suche (Name, Personalnummer, E-Mail)").fill("Schäfer");
    await page.getByRole("button", { name: "Filtern" }).click();
    await page.waitForURL(/q=Sch/);
    await page.getByRole("link", { name: "Schäfer, Miriam" }).click();
    await page.getByRole("heading", { level: 1, name: "Miriam Schäfer" }).waitFor();
    await expectAccessible(page);
    await expectStatusPage(page, "/personen", 403, "Keine Berechtigung");
    await expectStatusPage(page, "/organisation", 403, "Keine Berechtigung");
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe("HR development", () => {
  it("browses the org tree and the people list with filters", async () => {
    const { page, context, errors } = await newPage(browser);
    await login(page, ACCOUNTS.hr);
    await page.waitForURL((url) => url.pathname === "/");
    await expectAccessible(page);
    expect(await navLinks(page)).toEqual(["Start", "Mein Profil", "Meine Kompetenzen", "Meine Nachweise", "Einschätzungen", "Schulungskatalog", "Meine Anmeldungen", "Pflichtschulungen", "Meine Lernreise", "Feedback", "Kompetenzmodelle", "Benachrichtigungen", "Organisation", "Personen", "Stellenprofile", "Rollenprofile", "Kompetenzlücken", "Compliance gesamt", "Pflichtschulungs-Regeln", "Lernreisen gesamt", "Lernreise-Vorlagen", "Wirksamkeit", "Fragebögen", "Freigaben", "Nachweise prüfen", "Zertifikate prüfen", "Passwort ändern"]);
    await visit(page, "/organisation", "Organisation");
    await page.getByRole("link", { name: /^II Dezernat II/ }).click();
    await page.getByRole("heading", { level: 1, name: /^II Dezernat II/ }).waitFor();
    await page.getByRole("link", { name: "32 Ordnungsamt" }).click();
    await page.getByRole("heading", { level: 1, name: "32 Ordnungsamt" }).waitFor();
    await expect(page.getByText("Thomas Berger").first().isVisible()).resolves.toBe(true);
    await expectAccessible(page);
    await page.getByRole("link", { name: "Alle Beschäftigten dieser Einheit und darunter anzeigen" }).click();
    await page.waitForURL(/\/personen\?/);
    await expectAccessible(page);
    await page.getByLabel("Suche (Name, Personalnummer, E-Mail)").fill("schäfer");
    await page.getByRole("button", { name: "Filtern" }).click();
    await page.getByRole("link", { name: "Schäfer, Miriam" }).waitFor();
    await page.getByLabel("Suche (Name, Personalnummer, E-Mail)").fill("");
    await page.getByRole("button", { name: "Filtern" }).click();
    const leaderLink = page.getByRole("link", { name: "Berger, Thomas" });
    await leaderLink.click();
    await page.getByRole("heading", { level: 1, name: "Thomas Berger" }).waitFor();
    await expectAccessible(page);
    await visit(page, "/auswertungen/kompetenzluecken", "Kompetenzlücken");
    await page.getByRole("heading", { level: 1, name: "Kompetenzlücken in der Organisation" }).waitFor();
    const csv = await page.request.get("/auswertungen/kompetenzluecken.csv");
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    await expectStatusPage(page, "/admin/audit", 403, "Keine Berechtigung");
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe("administrator", () => {
  it("manages accounts and reads the audit log, but not person data", async () => {
    const { page, context, errors } = await newPage(browser);
    await login(page, ACCOUNTS.admin);
    await page.waitForURL((url) => url.pathname === "/");
    await expectAccessible(page);
    expect(await navLinks(page)).toEqual(["Start", "Mein Profil", "Meine Kompetenzen", "Meine Nachweise", "Einschätzungen", "Schulungskatalog", "Meine Anmeldungen", "Pflichtschulungen", "Meine Lernreise", "Feedback", "Kompetenzmodelle", "Benachrichtigungen", "Benutzer & Rollen", "Audit-Log", "Postausgang", "Passwort ändern"]);
    await visit(page, "/admin/benutzer", "Benutzer & Rollen");
    await expect(page.getByRole("cell", { name: ACCOUNTS.leader, exact: true }).isVisible()).resolves.toBe(true);
    await visit(page, "/admin/audit", "Audit-Log");
    await expect(page.getByText("auth.login").first().isVisible()).resolves.toBe(true);
    await expectStatusPage(page, "/personen", 403, "Keine Berechtigung");
    expect(errors).toEqual([]);
    await context.close();
  });
});
