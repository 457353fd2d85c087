// The training catalogue: the employee finds a training by competency and sees its sessions with
// free places; the demo leader sees which of his gaps a training closes; HR development creates a
// training with a competency and a session (field errors first, input kept); drafts stay
// invisible to employees. axe on each page.
import type { Browser, Page } from "playwright-core";
import { ACCOUNTS, expectAccessible, launch, login, newPage } from "./browser.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const SUFFIX = Date.now().toString(36).slice(-5).toUpperCase();
const TITLE = `Zuhören und Nachfragen im Bürgergespräch ${SUFFIX}`;
const SERVICE = "Bürgerservice: professionell kommunizieren am Schalter und am Telefon";
const LEADERSHIP = "Führen in der digitalen Transformation";

/** A date `days` from today as a date input takes it. */
function isoDay(days: number) {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

async function openCatalogue(page: Page) {
  await page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Schulungskatalog" }).click();
  await page.waitForURL((url) => url.pathname === "/schulungen");
  await page.getByRole("heading", { level: 1, name: "Schulungskatalog" }).waitFor();
}

describe("training catalogue", () => {
  it("lets the employee find a training by competency and see its sessions and free places", async () => {
    const { page, context, errors } = await newPage(browser);
    await login(page, ACCOUNTS.employee);
    await page.waitForURL((url) => url.pathname === "/");
    await openCatalogue(page);
    await page.getByText(/^\d+ Schulungen gefunden$/).waitFor();
    await expectAccessible(page);

    // Filter by competency (a GET form: the filter lands in the URL).
    const filters = page.getByRole("search", { name: "Schulungen filtern" });
    await filters.getByLabel("Kompetenz").selectOption({ label: "SK.3 Bürger- und Serviceorientierung" });
    await filters.getByRole("button", { name: "Filtern" }).click();
    await page.waitForURL(/competency=/);
    const table = page.getByRole("table", { name: "Schulungen, alphabetisch nach Titel" });
    await table.waitFor();
    for (const header of ["Schulung", "Format", "Dauer", "Nächster Termin", "Plätze"]) await table.getByRole("columnheader", { name: header, exact: true }).waitFor();
    await table.getByRole("link", { name: SERVICE }).waitFor();
    // The rendered list follows the URL a moment later (client-side navigation): poll.
    await expect.poll(() => table.getByRole("link", { name: "Datenschutz-Grundschulung: DSGVO im Verwaltungsalltag" }).count(), { timeout: 15_000 }).toBe(0);
    await expectAccessible(page);

    // The training page: facts, competencies with the target level's descriptor, sessions.
    await table.getByRole("link", { name: SERVICE }).click();
    await page.getByRole("heading", { level: 1, name: SERVICE }).waitFor();
    await page.getByRole("heading", { level: 2, name: "Entwickelte Kompetenzen" }).waitFor();
    await page.getByText("Führt zu Stufe 3 – Vertiefung").first().waitFor();
    await page.getByText("Freigabe durch die Führungskraft").waitFor();
    const sessions = page.getByRole("table", { name: `Kommende Termine von ${SERVICE}` });
    await sessions.waitFor();
    for (const header of ["Termin", "Ort", "Trainer*in", "Plätze", "Anmeldeschluss", "Anmeldung"]) await sessions.getByRole("columnheader", { name: header, exact: true }).waitFor();
    await sessions.getByText("ausgebucht (14 Plätze)").waitFor();
    await sessions.getByText(/^\d+ von 14 frei$/).first().waitFor();
    await sessions.getByText(/\d{2}\.\d{2}\.\d{4}, 09:00–16:30 Uhr/).first().waitFor();
    await page.getByText(/1 vergangener Termin/).waitFor();
    await expectAccessible(page);

    // "Nur Schulungen für meine Lücken": every row carries the mark (or, without gaps, the note).
    await openCatalogue(page);
    await page.getByLabel("nur Schulungen für meine Lücken").check();
    await page.getByRole("search", { name: "Schulungen filtern" }).getByRole("button", { name: "Filtern" }).click();
    await page.waitForURL(/gaps=1/);
    const rows = page.getByRole("table", { name: "Schulungen, alphabetisch nach Titel" }).locator("tbody tr");
    const marked = async () => {
      const count = await rows.count();
      if (count === 0) return (await page.getByText("Für Sie sind derzeit keine Kompetenzlücken erfasst.", { exact: false }).count()) === 1;
      return (await rows.filter({ hasText: "Schließt Ihre Lücke" }).count()) === count;
    };
    await expect.poll(marked, { timeout: 15_000 }).toBe(true);
    await expectAccessible(page);
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);

  it("tells a leader which of his gaps a training closes, in the list and on its page", async () => {
    // The demo leader's own levels are not changed by other browser tests (the employee's are).
    const { page, context, errors } = await newPage(browser);
    await login(page, ACCOUNTS.leader);
    await page.waitForURL((url) => url.pathname === "/");
    await openCatalogue(page);
    const filters = page.getByRole("search", { name: "Schulungen filtern" });
    await filters.getByLabel("Kompetenz").selectOption({ label: "FüK.3 Digitale Transformation vorantreiben" });
    await filters.getByRole("button", { name: "Filtern" }).click();
    await page.waitForURL(/competency=/);
    const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: LEADERSHIP }) });
    await row.getByText("Schließt Ihre Lücke").waitFor();
    await row.getByText(/FüK\.3 Digitale Transformation vorantreiben/).waitFor();
    await row.getByRole("link", { name: LEADERSHIP }).click();
    await page.getByRole("heading", { level: 1, name: LEADERSHIP }).waitFor();
    await page.getByRole("heading", { level: 2, name: /^Schließt Ihre Lücke in .*Digitale Transformation vorantreiben/ }).waitFor();
    await page.getByText(/FüK\.3 Digitale Transformation vorantreiben: Ihr Stand \d+, gefordert Stufe 3 – diese Schulung führt zu Stufe 3 – Vertiefung\./).waitFor();
    // A multi-day session lists each of its days.
    const sessions = page.getByRole("table", { name: `Kommende Termine von ${LEADERSHIP}` });
    expect(await sessions.locator("ol.session-days li").count()).toBe(3);
    await expectAccessible(page);
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);

  it("lets HR create a training with a competency and a session, and keeps drafts from employees", async () => {
    const { page, context, errors } = await newPage(browser);
    await login(page, ACCOUNTS.hr);
    await page.waitForURL((url) => url.pathname === "/");
    await openCatalogue(page);
    await page.getByRole("link", { name: "Neue Schulung anlegen" }).click();
    await page.getByRole("heading", { level: 1, name: "Neue Schulung" }).waitFor();
    await expectAccessible(page);

    // A missing title: the message stands next to the field and the typed values stay.
    await page.getByLabel("Nummer").fill(`E2E-${SUFFIX}`);
    await page.getByLabel("Dauer in Stunden").fill("3,5");
    await page.getByLabel("Beschreibung").fill("Aktiv zuhören, gezielt nachfragen, Anliegen sicher klären.");
    await page.getByRole("button", { name: "Als Entwurf anlegen" }).click();
    await page.getByText("Bitte einen Titel angeben.").waitFor();
    expect(await page.getByLabel("Nummer").inputValue()).toBe(`E2E-${SUFFIX}`);
    expect(await page.getByLabel("Beschreibung").inputValue()).toBe("Aktiv zuhören, gezielt nachfragen, Anliegen sicher klären.");
    await expectAccessible(page);
    await page.getByLabel("Titel").fill(TITLE);
    await page.getByLabel("Format").selectOption({ label: "Präsenz" });
    await page.getByLabel("Anbieter").fill("Interne Fortbildung");
    await page.getByRole("button", { name: "Als Entwurf anlegen" }).click();
    await page.getByText("Die Schulung wurde als Entwurf angelegt.", { exact: false }).waitFor();
    await page.getByRole("heading", { level: 1, name: TITLE }).waitFor();
    await expectAccessible(page);

    // Map a competency: choose it, then its level while reading the descriptors.
    await page.getByLabel("Kompetenz wählen").selectOption({ label: "SK.1 Kommunikation" });
    await page.getByRole("button", { name: "Weiter zur Stufe" }).click();
    await page.getByRole("group", { name: "Zu welcher Stufe führt die Schulung?" }).waitFor();
    await expectAccessible(page);
    await page.getByLabel(/^3 – Vertiefung/).check();
    await page.getByRole("button", { name: "Zuordnung speichern" }).click();
    await page.getByText("Die Kompetenz wurde zugeordnet.").waitFor();
    const mapped = page.getByRole("table", { name: "Entwickelte Kompetenzen" });
    await mapped.getByRole("rowheader", { name: "SK.1 Kommunikation" }).waitFor();
    await mapped.getByText("3 – Vertiefung").waitFor();

    // Publish.
    await page.getByRole("button", { name: "Veröffentlichen" }).click();
    await page.getByText("Die Schulung ist veröffentlicht und für alle im Katalog sichtbar.").waitFor();

    // A session: first with the end before the start, then right.
    await page.getByRole("link", { name: "Neuer Termin" }).click();
    await page.getByRole("heading", { level: 1, name: "Neuer Termin" }).waitFor();
    await expectAccessible(page);
    await page.locator("#day-0-date").fill(isoDay(60));
    await page.locator("#day-0-start").fill("13:00");
    await page.locator("#day-0-end").fill("09:00");
    await page.getByLabel("Ort", { exact: true }).fill("Rathaus, Raum 101");
    await page.getByLabel("Plätze").fill("12");
    await page.getByLabel("Anmeldeschluss (optional)").fill(isoDay(50));
    await page.getByRole("button", { name: "Termin anlegen" }).click();
    await page.getByText("Das Ende muss nach dem Beginn liegen.").waitFor();
    expect(await page.getByLabel("Ort", { exact: true }).inputValue()).toBe("Rathaus, Raum 101");
    await expectAccessible(page);
    await page.locator("#day-0-start").fill("09:00");
    await page.locator("#day-0-end").fill("12:30");
    await page.getByRole("button", { name: "Termin anlegen" }).click();
    await page.getByText("Der Termin wurde angelegt.").waitFor();
    await page.getByRole("heading", { level: 1, name: TITLE }).waitFor();
    const sessions = page.getByRole("table", { name: `Kommende Termine von ${TITLE}` });
    await sessions.getByText("12 von 12 frei").waitFor();
    await sessions.getByText(/, 09:00–12:30 Uhr$/).waitFor();
    await expectAccessible(page);

    // HR sees drafts through the status filter; an employee gets 404 for a draft's page.
    await openCatalogue(page);
    await page.getByLabel("Status").selectOption({ label: "Entwurf" });
    await page.getByRole("search", { name: "Schulungen filtern" }).getByRole("button", { name: "Filtern" }).click();
    await page.waitForURL(/status=DRAFT/);
    const draftLink = page.getByRole("link", { name: "KI-Werkstatt: Anwendungsfälle im eigenen Amt" });
    const draftHref = (await draftLink.getAttribute("href"))!;
    // The two 400s are the refused submissions above (missing title, end before start).
    expect(errors.filter((e) => !/status of 400/.test(e))).toHaveLength(0);
    expect(errors).toHaveLength(2);
    await context.close();

    const employee = await newPage(browser);
    await login(employee.page, ACCOUNTS.employee);
    await employee.page.waitForURL((url) => url.pathname === "/");
    expect((await employee.page.goto(draftHref))?.status()).toBe(404);
    expect((await employee.page.goto("/schulungen/neu"))?.status()).toBe(403);
    // The new training is in the catalogue for everyone.
    await employee.page.goto(`/schulungen?q=${encodeURIComponent(SUFFIX)}`);
    await employee.page.getByRole("link", { name: TITLE }).waitFor();
    await expectAccessible(employee.page);
    expect(employee.errors).toEqual([]);
    await employee.context.close();
  }, 240_000);
});
