// Personalverwaltung and exemptions in the browser: HR opens a person outside the demo leader's
// Dezernat from the person page, records an absence (a wrong end first: German message, input
// kept), grants an exemption and revokes it again (so other browser tests see the same
// statuses). The leader gets 403 on both pages. axe on every page visited.
import type { Browser } from "playwright-core";
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

/** An active person with a requirement, outside the demo leader's Dezernat, without absences or exemptions. */
async function somebodyElse() {
  const leader = await db.user.findUniqueOrThrow({ where: { email: ACCOUNTS.leader }, select: { person: { select: { leads: { select: { path: true } } } } } });
  const dezernat = `/${leader.person!.leads[0]!.path.split("/")[1]}/`;
  const person = await db.person.findFirstOrThrow({
    where: {
      status: "ACTIVE",
      user: null,
      orgUnit: { path: { not: { startsWith: dezernat } } },
      absences: { none: {} },
      exemptions: { none: {} },
      requirements: { some: { closedOn: null } },
    },
    orderBy: { personnelNumber: "asc" },
    select: { id: true, firstName: true, lastName: true },
  });
  return person;
}

describe("Personalverwaltung", () => {
  it("HR records an absence and grants and revokes an exemption; the leader is refused", { timeout: 120_000 }, async () => {
    const person = await somebodyElse();
    const name = `${person.firstName} ${person.lastName}`;
    const { context, page, errors } = await newPage(browser);
    await login(page, ACCOUNTS.hr);
    await page.waitForURL((url) => url.pathname === "/");

    await page.goto(`/personen/${person.id}`);
    await page.getByRole("link", { name: "Personalverwaltung" }).click();
    await page.waitForURL((url) => url.pathname === `/personen/${person.id}/verwaltung`);
    await page.getByRole("heading", { level: 1, name: `Personalverwaltung: ${name}` }).waitFor();
    await page.getByRole("heading", { name: "Aktuelle Stelle" }).waitFor();
    await expectAccessible(page);

    // The position search narrows the choice of the job-change form.
    await page.getByRole("search", { name: "Stellensuche" }).getByLabel("Stellen suchen").fill("Sachbearbeitung");
    await page.getByRole("button", { name: "Suchen" }).click();
    await page.waitForURL((url) => url.searchParams.get("q") === "Sachbearbeitung");
    await page.getByText(/Stellen? gefunden|mehr als \d+ passende Stellen/).first().waitFor();

    // An absence far ahead (after every due date: no status changes), the end before the start first.
    const form = page.locator("form", { has: page.getByRole("button", { name: "Abwesenheit speichern" }) });
    await form.getByLabel("Art").selectOption({ label: "Abordnung" });
    await form.getByLabel("Beginn").fill("2035-03-01");
    await form.getByLabel("Ende", { exact: true }).fill("2035-02-01");
    await form.getByLabel("Notiz").fill("Abordnung an das Land");
    await form.getByRole("button", { name: "Abwesenheit speichern" }).click();
    await page.getByText("Das Ende darf nicht vor dem Beginn liegen.").waitFor();
    await page.getByText("Bitte prüfen Sie die markierten Felder.").waitFor();
    await expect(form.getByLabel("Notiz").inputValue()).resolves.toBe("Abordnung an das Land");
    await expect(form.getByLabel("Beginn").inputValue()).resolves.toBe("2035-03-01");
    expect(await form.getByLabel("Ende", { exact: true }).getAttribute("aria-invalid")).toBe("true");
    await expectAccessible(page);
    await form.getByLabel("Ende", { exact: true }).fill("2035-08-31");
    await form.getByRole("button", { name: "Abwesenheit speichern" }).click();
    await page.getByText("Die Abwesenheit ist gespeichert.").waitFor();
    const row = page.getByRole("row", { name: /Abordnung/ });
    await row.getByRole("cell", { name: "01.03.2035", exact: true }).waitFor();
    await row.getByRole("cell", { name: "31.08.2035", exact: true }).waitFor();
    await expectAccessible(page);

    // Exemptions: from the person page, grant (reason missing first), then revoke.
    await page.goto(`/personen/${person.id}`);
    await page.getByRole("link", { name: "Befreiungen von Pflichtschulungen" }).click();
    await page.waitForURL((url) => url.pathname === `/personen/${person.id}/befreiungen`);
    await page.getByRole("heading", { level: 1, name: `Befreiungen: ${name}` }).waitFor();
    await page.getByText("Keine aktive Befreiung.").waitFor();
    await expectAccessible(page);
    const grant = page.locator("form", { has: page.getByRole("button", { name: "Befreiung erteilen" }) });
    const ruleSelect = grant.getByLabel("Regel");
    const ruleName = (await ruleSelect.locator("option").nth(1).textContent())!;
    await ruleSelect.selectOption({ label: ruleName });
    const until = await grant.getByLabel("Gültig bis").getAttribute("min");
    await grant.getByLabel("Gültig bis").fill(until!);
    await grant.getByRole("button", { name: "Befreiung erteilen" }).click();
    await page.getByText("Bitte geben Sie einen Grund an.").waitFor();
    await expect(grant.getByLabel("Gültig bis").inputValue()).resolves.toBe(until);
    await grant.getByLabel("Grund").fill("Gleichwertige Schulung beim früheren Arbeitgeber");
    await grant.getByRole("button", { name: "Befreiung erteilen" }).click();
    await page.getByText("Die Befreiung ist erteilt.").waitFor();
    const active = page.getByRole("table", { name: "Aktive Befreiungen" });
    await active.getByText("Gleichwertige Schulung beim früheren Arbeitgeber").waitFor();
    await expectAccessible(page);
    await active.getByRole("button", { name: `Widerrufen ${ruleName}` }).click();
    await page.getByText("Die Befreiung ist widerrufen.").waitFor();
    await page.getByRole("table", { name: "Frühere Befreiungen" }).getByText(/widerrufen am/).waitFor();
    await expectAccessible(page);
    // The two refused forms answered 400 on purpose; nothing else went wrong.
    expect(errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
    await context.close();

    // The demo leader: no links on a team member's page, 403 on both pages.
    const leader = await newPage(browser);
    await login(leader.page, ACCOUNTS.leader);
    await leader.page.waitForURL((url) => url.pathname === "/");
    for (const path of [`/personen/${person.id}/verwaltung`, `/personen/${person.id}/befreiungen`]) {
      const response = await leader.page.goto(path);
      expect(response?.status(), path).toBe(403);
      await expectAccessible(leader.page);
    }
    await leader.context.close();
  });
});
