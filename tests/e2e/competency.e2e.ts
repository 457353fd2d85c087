// HR development builds a framework in the browser, publishes it, attaches a requirement to a
// position, versions it with a diff and a successor mapping; the employee sees the result.
import type { Browser, Page } from "playwright-core";
import { ACCOUNTS, expectAccessible, launch, login, newPage } from "./browser.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const KEY = `e2e-modell-${Date.now().toString(36)}`;

async function submit(page: Page, form: ReturnType<Page["locator"]>, button: string) {
  await form.getByRole("button", { name: button, exact: true }).click();
  await page.waitForLoadState("networkidle");
}

describe("competency model (HR development)", () => {
  it("builds, publishes, uses and versions a framework", async () => {
    const { page, context, errors } = await newPage(browser);
    await login(page, ACCOUNTS.hr);
    await page.waitForURL((url) => url.pathname === "/");
    await page.getByRole("heading", { name: "Fällige Überprüfungen" }).waitFor();

    // A scale and a framework from scratch.
    await page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Kompetenzmodelle" }).click();
    await page.getByRole("heading", { level: 1, name: "Kompetenzmodelle" }).waitFor();
    await expectAccessible(page);
    const scaleForm = page.locator("form", { has: page.getByLabel("Name der Skala") });
    await scaleForm.getByLabel("Name der Skala").fill(`E2E-Skala ${KEY}`);
    await scaleForm.getByLabel("Stufen").fill("Einstieg\nSicher\nVorbild");
    await submit(page, scaleForm, "Skala anlegen");
    await page.getByText("Die Skala wurde angelegt.").waitFor();

    const fwForm = page.locator("form", { has: page.getByLabel("Kennung") });
    await fwForm.getByLabel("Name", { exact: true }).fill("Bürgerdialog E2E");
    await fwForm.getByLabel("Kennung").fill(KEY);
    await fwForm.getByLabel("Skala").selectOption({ label: `E2E-Skala ${KEY} (3 Stufen)` });
    await submit(page, fwForm, "Kompetenzmodell anlegen");
    await page.getByRole("heading", { level: 1, name: "Bürgerdialog E2E" }).waitFor();
    await expectAccessible(page);

    // Cluster, two competencies, descriptors.
    const rootForm = page.locator("form.add-node");
    await rootForm.getByLabel("Kürzel").fill("BD");
    await rootForm.getByLabel("Bezeichnung").fill("Dialog mit Bürgerinnen und Bürgern");
    await submit(page, rootForm, "Hinzufügen");
    for (const [code, name] of [
      ["BD.1", "Verständlich erklären"],
      ["BD.2", "Beschwerden annehmen"],
    ]) {
      await page.getByRole("link", { name: "BD Dialog mit Bürgerinnen und Bürgern" }).click();
      await page.getByRole("heading", { level: 2, name: "BD Dialog mit Bürgerinnen und Bürgern" }).waitFor();
      const childForm = page.locator("form", { has: page.getByRole("heading", { name: /Neues Element unter/ }) });
      await childForm.getByLabel("Kürzel").fill(code!);
      await childForm.getByLabel("Bezeichnung").fill(name!);
      await submit(page, childForm, "Hinzufügen");
      await page.getByRole("heading", { level: 2, name: `${code} ${name}` }).waitFor();
    }
    await page.getByRole("link", { name: "BD.1 Verständlich erklären" }).click();
    await page.getByRole("heading", { level: 2, name: "BD.1 Verständlich erklären" }).waitFor();
    await page.getByLabel("2 – Sicher").fill("Erklärt Bescheide so, dass Bürgerinnen und Bürger sie ohne Rückfrage verstehen.");
    await page.getByRole("button", { name: "Speichern", exact: true }).click();
    await page.getByText("Die Änderungen wurden gespeichert.").waitFor();
    // Reorder with the keyboard-operable buttons.
    await page.getByRole("button", { name: "„Beschwerden annehmen“ nach oben" }).click();
    await page.waitForLoadState("networkidle");
    await expect.poll(() => page.locator(".node-tree a").allTextContents(), { timeout: 10_000 }).toEqual(["BD Dialog mit Bürgerinnen und Bürgern", "BD.2 Beschwerden annehmen", "BD.1 Verständlich erklären"]);
    await expectAccessible(page);

    // Publish the first version.
    await page.getByRole("link", { name: "Veröffentlichen …" }).click();
    await page.getByRole("heading", { level: 1, name: "Version 1 veröffentlichen" }).waitFor();
    await expectAccessible(page);
    await page.getByRole("button", { name: "Version 1 veröffentlichen" }).click();
    await page.getByText("veröffentlicht", { exact: true }).first().waitFor();
    const frameworkUrl = new URL(page.url()).pathname;

    // Attach a requirement to the demo employee's position.
    await page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Stellenprofile" }).click();
    await page.getByRole("heading", { level: 1, name: "Stellenprofile" }).waitFor();
    await expectAccessible(page);
    await page.getByLabel("Suche (Stelle, Stellennummer)").fill("Bürgerservice");
    await page.getByRole("button", { name: "Filtern" }).click();
    await page.waitForURL(/q=/);
    await page.getByRole("link", { name: "Sachbearbeitung Bürgerservice" }).first().click();
    await page.getByText("Anforderung hinzufügen").waitFor();
    const profileUrl = new URL(page.url()).pathname;
    await page.getByLabel("Kompetenz", { exact: true }).selectOption({ label: "BD.1 Verständlich erklären" });
    await page.getByRole("button", { name: "Weiter zur Stufenwahl" }).click();
    await page.getByText("Erklärt Bescheide so, dass Bürgerinnen und Bürger sie ohne Rückfrage verstehen.").waitFor();
    await expectAccessible(page);
    await page.getByLabel(/^2 – Sicher/).check();
    await page.locator("#requirement-importance").selectOption("ESSENTIAL");
    await page.getByRole("button", { name: "Anforderung speichern" }).click();
    await page.getByRole("cell", { name: /BD\.1 Verständlich erklären/ }).waitFor();
    await expectAccessible(page);

    // Version 2: rename one, remove the other, map it to a successor.
    await page.goto(frameworkUrl);
    await page.getByRole("button", { name: "Neue Version bearbeiten" }).click();
    await page.getByRole("heading", { level: 1, name: "Bürgerdialog E2E" }).waitFor();
    await page.getByText("Version 2", { exact: false }).first().waitFor();
    await page.getByRole("link", { name: "BD.1 Verständlich erklären" }).click();
    await page.getByRole("heading", { level: 2, name: "BD.1 Verständlich erklären" }).waitFor();
    await page.getByRole("button", { name: "Element löschen" }).click();
    await page.waitForLoadState("networkidle");
    await page.getByRole("link", { name: "BD.2 Beschwerden annehmen" }).click();
    await page.getByRole("heading", { level: 2, name: "BD.2 Beschwerden annehmen" }).waitFor();
    await page.locator("#edit-name").fill("Anliegen klären");
    await page.getByRole("button", { name: "Speichern", exact: true }).click();
    await page.getByText("Die Änderungen wurden gespeichert.").waitFor();
    await page.getByRole("link", { name: "Veröffentlichen …" }).click();
    await page.getByRole("heading", { level: 1, name: "Version 2 veröffentlichen" }).waitFor();
    await expect(page.getByRole("cell", { name: "entfernt" }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole("cell", { name: "geändert" }).isVisible()).resolves.toBe(true);
    await expectAccessible(page);
    await page.getByLabel(/Nachfolgerin für BD\.1/).selectOption({ label: "BD.2 Anliegen klären" });
    await page.getByRole("button", { name: "Version 2 veröffentlichen" }).click();
    await page.getByText("veröffentlicht", { exact: true }).first().waitFor();

    // The position's requirement followed the successor.
    await page.goto(profileUrl);
    await page.getByRole("cell", { name: /BD\.2 Anliegen klären/ }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe("competency model (employee)", () => {
  it("shows the profile of the own position with level descriptors, read-only", async () => {
    const { page, context, errors } = await newPage(browser);
    await login(page, ACCOUNTS.employee);
    await page.waitForURL((url) => url.pathname === "/");
    await page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Mein Profil" }).click();
    await page.getByRole("link", { name: "Stellenprofil: geforderte Kompetenzen und Stufen" }).click();
    await page.getByRole("heading", { level: 1, name: "Sachbearbeitung Bürgerservice" }).waitFor();
    await page.getByText("Stellenprofil meiner Stelle").waitFor();
    await expectAccessible(page);
    // Read-only: no editing controls.
    expect(await page.getByRole("button", { name: "Anforderung speichern" }).count()).toBe(0);
    await page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Kompetenzmodelle" }).click();
    await page.getByRole("heading", { level: 1, name: "Kompetenzmodelle" }).waitFor();
    await expectAccessible(page);
    expect(await page.getByRole("button", { name: "Kompetenzmodell anlegen" }).count()).toBe(0);
    const response = await page.goto("/stellenprofile");
    expect(response?.status()).toBe(403);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe("Moodle import and requirement profile", () => {
  it("imports Moodle's fixture through the browser with a preview first", async () => {
    const { page, context, errors } = await newPage(browser);
    await login(page, ACCOUNTS.hr);
    await page.waitForURL((url) => url.pathname === "/");
    await page.goto("/kompetenzmodelle");
    await page.getByRole("link", { name: "Kompetenzmodell importieren (Moodle-CSV)" }).click();
    await page.getByRole("heading", { level: 1, name: "Kompetenzmodell importieren" }).waitFor();
    await expectAccessible(page);
    const fixture = new URL("../../../shared/fixtures/moodle/example.csv", import.meta.url).pathname;
    await page.getByLabel("CSV-Datei (Moodle-Format)").setInputFiles(fixture);
    await page.getByRole("button", { name: "Datei prüfen und Vorschau zeigen" }).click();
    await page.getByText("Die Datei kann importiert werden.").waitFor();
    await expect(page.getByText(/64 Kompetenzen/).first().isVisible()).resolves.toBe(true);
    await expectAccessible(page);
    await page.getByRole("button", { name: "64 Kompetenzen importieren" }).click();
    await page.waitForURL(/\/kompetenzmodelle\/(?!import)[^/]+$/);
    await page.getByText("Entwurf", { exact: true }).first().waitFor();
    await expectAccessible(page);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("prints the requirement profile of the employee's own position", async () => {
    const { page, context, errors } = await newPage(browser);
    await login(page, ACCOUNTS.employee);
    await page.waitForURL((url) => url.pathname === "/");
    await page.goto("/profil");
    await page.getByRole("link", { name: "Stellenprofil: geforderte Kompetenzen und Stufen" }).click();
    await page.getByRole("heading", { level: 1, name: "Sachbearbeitung Bürgerservice" }).waitFor();
    await page.getByRole("link", { name: /Anforderungsprofil/ }).click();
    await page.getByRole("heading", { level: 1, name: "Anforderungsprofil" }).waitFor();
    await expectAccessible(page);
    const pdfHref = await page.getByRole("link", { name: "Als PDF herunterladen" }).getAttribute("href");
    const response = await page.request.get(pdfHref!);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toContain("application/pdf");
    expect(errors).toEqual([]);
    await context.close();
  });
});
