// Journey templates in the browser: HR opens the templates (the demo seed's three), edits a step of
// the leadership programme (the version rises, running journeys stay as they are), creates a
// template of its own, assigns it to an Amt (preview first) and sees the cohort with the right
// number of journeys; after a further change a participant's journey offers it and applying it
// adds the step. The leader is refused. axe on every page. The test assigns only its own template,
// so the seeded journeys other browser tests rely on stay as they are.
import type { Browser, Page } from "playwright-core";
import { inject } from "vitest";
import { createDb, type Db } from "~/utils/db.server.ts";
import { ACCOUNTS, expectAccessible, launch, login, newPage } from "./browser.ts";

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
const TITLE = `Einarbeitung IT ${SUFFIX}`;
const LEADERSHIP = "Führungskraft als Treiber der Transformation";
const mainNav = (page: Page) => page.getByRole("navigation", { name: "Hauptnavigation" });

function isoDay(days: number) {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

describe("journey templates", () => {
  it("HR edits the leadership template, assigns a template to a group and a running journey takes a change", async () => {
    const { page, context, errors } = await newPage(browser);
    await login(page, ACCOUNTS.hr);
    await page.waitForURL((url) => url.pathname === "/");
    await mainNav(page).getByRole("link", { name: "Lernreise-Vorlagen" }).click();
    await page.waitForURL((url) => url.pathname === "/lernreisen/vorlagen");
    await page.getByRole("heading", { level: 1, name: "Lernreise-Vorlagen" }).waitFor();
    const table = page.getByRole("table", { name: "Vorlagen mit ihren Lernreisen" });
    for (const name of ["Onboarding in der Stadtverwaltung", "Digitalisierungslots*innen", LEADERSHIP]) await table.getByRole("link", { name, exact: true }).waitFor();
    await expectAccessible(page);

    // ── Edit a step of the leadership programme: the version rises, journeys stay ──
    const leadership = await db.journeyTemplate.findUniqueOrThrow({ where: { code: "LEADERSHIP" } });
    const stepsBefore = await db.journeyStep.count({ where: { journey: { templateId: leadership.id } } });
    await table.getByRole("link", { name: LEADERSHIP, exact: true }).click();
    await page.getByRole("heading", { level: 1, name: LEADERSHIP }).waitFor();
    await page.getByTestId("template-version").getByText(`Aktuelle Version: ${leadership.version}`).waitFor();
    await expectAccessible(page);
    await page.getByText(/^Zielgespräch mit der eigenen Führungskraft ·/).click();
    const stepForm = page.getByRole("form", { name: "Schritt „Zielgespräch mit der eigenen Führungskraft“ speichern" });
    // A bad due date first: German message, the input kept.
    await stepForm.getByLabel("Fällig nach").fill("");
    await stepForm.getByLabel("Beschreibung").fill("Ziele für das Programmjahr vereinbaren.");
    await stepForm.getByRole("button", { name: "Schritt „Zielgespräch mit der eigenen Führungskraft“ speichern" }).click();
    await page.getByText("Bitte geben Sie eine ganze Zahl von 0 bis 1000 an.").waitFor();
    expect(await stepForm.getByLabel("Beschreibung").inputValue()).toBe("Ziele für das Programmjahr vereinbaren.");
    await expectAccessible(page);
    await stepForm.getByLabel("Fällig nach").fill("5");
    await stepForm.getByRole("button", { name: "Schritt „Zielgespräch mit der eigenen Führungskraft“ speichern" }).click();
    await page.getByText(`Gespeichert. Die Vorlage hat jetzt Version ${leadership.version + 1}.`).waitFor();
    await page.getByText(/^Zielgespräch mit der eigenen Führungskraft · Lernen am Arbeitsplatz · Woche 5/).waitFor();
    expect((await db.journeyTemplate.findUniqueOrThrow({ where: { id: leadership.id } })).version).toBe(leadership.version + 1);
    expect(await db.journeyStep.count({ where: { journey: { templateId: leadership.id } } })).toBe(stepsBefore);

    // ── A template of its own: create, one step ──
    await page.goto("/lernreisen/vorlagen/neu");
    await page.getByRole("heading", { level: 1, name: "Neue Lernreise-Vorlage" }).waitFor();
    await expectAccessible(page);
    await page.getByLabel("Titel").fill(TITLE);
    await page.getByLabel("Programm").selectOption({ label: "Einarbeitung" });
    await page.getByLabel("Dauer in Wochen").fill("8");
    await page.getByRole("button", { name: "Vorlage anlegen" }).click();
    await page.getByRole("heading", { level: 1, name: TITLE }).waitFor();
    await page.getByText("Schritt zur Phase „Phase 1“ hinzufügen").click();
    const newStep = page.getByRole("form", { name: "Schritt hinzufügen" });
    await newStep.getByLabel("Titel des Schritts").fill("Rechenzentrum besichtigen");
    await newStep.getByLabel("Fällig nach").fill("2");
    await newStep.getByRole("button", { name: "Schritt hinzufügen" }).click();
    await page.getByText("Gespeichert. Die Vorlage hat jetzt Version 2.").waitFor();

    // ── Assign to the IT office (with sub-units): preview, then the cohort ──
    const it = await db.orgUnit.findUniqueOrThrow({ where: { code: "12" }, select: { id: true, path: true } });
    const expected = await db.person.count({ where: { status: "ACTIVE", orgUnit: { path: { startsWith: it.path } } } });
    await page.getByRole("radio", { name: "Eine Organisationseinheit" }).check();
    await page.getByLabel("Organisationseinheit (bei „Eine Organisationseinheit“)", { exact: true }).selectOption({ label: "12 Amt für Informationstechnik" });
    await page.getByLabel("mit untergeordneten Einheiten").check();
    await page.getByLabel("Name der Gruppe").fill(`IT-Einarbeitung ${SUFFIX}`);
    await page.getByLabel("Start", { exact: true }).fill(isoDay(-14));
    await page.getByRole("button", { name: "Vorschau" }).click();
    await page.getByTestId("assign-preview").getByText(new RegExp(`^${expected} Personen? erh`)).waitFor();
    await expectAccessible(page);
    await page.getByRole("button", { name: "Zuweisen", exact: true }).click();
    await page.waitForURL((url) => url.pathname.startsWith("/lernreisen/kohorten/"));
    await page.getByRole("heading", { level: 1, name: `IT-Einarbeitung ${SUFFIX}` }).waitFor();
    await page.getByText(`${expected} Lernreisen angelegt, 0 Personen übersprungen.`).waitFor();
    expect(await page.getByTestId("cohort-total").innerText()).toBe(String(expected));
    const participants = page.getByTestId("cohort-participants");
    expect(await participants.locator("tbody tr").count()).toBe(expected);
    await page.getByRole("table", { name: "Erledigte Schritte je Phase" }).getByRole("rowheader", { name: "Phase 1" }).waitFor();
    await expectAccessible(page);

    // ── A further change is offered to a participant's journey and applied ──
    const template = await db.journeyTemplate.findFirstOrThrow({ where: { title: TITLE } });
    await page.goto(`/lernreisen/vorlagen/${template.id}`);
    await page.getByText("Schritt zur Phase „Phase 1“ hinzufügen").click();
    await newStep.getByLabel("Titel des Schritts").fill("Mentoring mit einer erfahrenen Kollegin");
    await newStep.getByLabel("Art", { exact: true }).selectOption({ label: "Mentoring oder Hospitation" });
    await newStep.getByLabel("Fällig nach").fill("1");
    await newStep.getByLabel("Einheit", { exact: true }).selectOption({ label: "Monate" });
    await newStep.getByRole("button", { name: "Schritt hinzufügen" }).click();
    await page.getByText("Gespeichert. Die Vorlage hat jetzt Version 3.").waitFor();

    const journey = await db.learningJourney.findFirstOrThrow({ where: { templateId: template.id }, orderBy: { id: "asc" } });
    expect(await db.journeyStep.count({ where: { journeyId: journey.id } })).toBe(1);
    await page.goto(`/lernreisen/${journey.id}`);
    await page.locator(`a[href="/lernreisen/${journey.id}/vorlage"]`).click();
    await page.getByRole("heading", { level: 1, name: "Änderungen der Vorlage" }).waitFor();
    await page.getByTestId("template-added").getByText("Mentoring mit einer erfahrenen Kollegin").waitFor();
    await expectAccessible(page);
    await page.getByRole("button", { name: "Änderungen übernehmen" }).click();
    await page.waitForURL((url) => url.pathname === `/lernreisen/${journey.id}`);
    await page.getByText("Die Änderungen der Vorlage wurden übernommen.").waitFor();
    await page.getByText("Mentoring mit einer erfahrenen Kollegin").first().waitFor();
    const after = await db.learningJourney.findUniqueOrThrow({ where: { id: journey.id }, include: { steps: true } });
    expect(after.templateVersion).toBe(3);
    expect(after.steps.map((s) => s.title).sort()).toEqual(["Mentoring mit einer erfahrenen Kollegin", "Rechenzentrum besichtigen"]);

    // ── HR's overview shows the cohort ──
    await mainNav(page).getByRole("link", { name: "Lernreisen gesamt" }).click();
    await page.waitForURL((url) => url.pathname === "/lernreisen/uebersicht");
    await page.getByRole("heading", { level: 1, name: "Lernreisen gesamt" }).waitFor();
    await page.getByTestId("overview-cohorts").getByRole("link", { name: `IT-Einarbeitung ${SUFFIX}` }).waitFor();
    await page.getByTestId("overview-programmes").getByRole("rowheader", { name: "Führungskräfteprogramm" }).waitFor();
    await expectAccessible(page);
    // The one bad save answers 400 on purpose.
    expect(errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
    expect(errors.filter((e) => /status of 400/.test(e))).toHaveLength(1);
    await context.close();
  });

  it("refuses the leader", async () => {
    const { page, context } = await newPage(browser);
    await login(page, ACCOUNTS.leader);
    await page.waitForURL((url) => url.pathname === "/");
    const response = await page.goto("/lernreisen/vorlagen");
    expect(response?.status()).toBe(403);
    const overview = await page.goto("/lernreisen/uebersicht");
    expect(overview?.status()).toBe(403);
    await context.close();
  });
});
