// Evaluation reports in the browser, against the demo seed's feedback (feedback-seed: five
// trainings with earlier runs and 25–45 responses; VR-01's only session has three responses).
// HR opens /wirksamkeit, then a training report with charts and their tables, downloads CSV, XLSX
// and PDF, and sees the small session as "Zu wenige Rückmeldungen" without numbers. axe on each page.
import type { Browser } from "playwright-core";
import { inject } from "vitest";
import { createDb, type Db } from "~/utils/db.server.ts";
import { ACCOUNTS, expectAccessible, launch, login, newPage } from "./browser.ts";

let browser: Browser;
let db: Db;
beforeAll(async () => {
  db = createDb(inject("e2eDatabaseUrl"));
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await db.$disconnect();
});

describe("evaluation reports", () => {
  it("HR sees the overview, a report with charts and tables, downloads the exports, and a small session without numbers", async () => {
    const big = await db.training.findUniqueOrThrow({ where: { code: "OZ-01" }, select: { id: true, title: true } });
    const small = await db.training.findUniqueOrThrow({ where: { code: "VR-01" }, select: { id: true, title: true } });
    const smallSession = await db.feedbackResponse.findFirstOrThrow({ where: { trainingId: small.id, sessionId: { not: null } }, select: { sessionId: true } });

    const { page, context, errors } = await newPage(browser);
    await login(page, ACCOUNTS.hr);
    await page.waitForURL((url) => url.pathname === "/");
    await page.goto("/wirksamkeit");
    await page.getByRole("heading", { level: 1, name: "Wirksamkeit der Schulungen" }).waitFor();
    const trainings = page.getByRole("table", { name: "Schulungen" });
    await trainings.getByRole("link", { name: new RegExp(big.title) }).waitFor();
    // The small training is listed, but only with the notice.
    const smallRow = trainings.getByRole("row", { name: new RegExp(small.title) });
    await smallRow.getByText("Zu wenige Rückmeldungen (n < 5)").first().waitFor();
    await page.getByRole("table", { name: "Je Anbieter" }).waitFor();
    await page.getByRole("table", { name: "Je Zeitraum (Monat der Teilnahme)" }).waitFor();
    await expectAccessible(page);

    await trainings.getByRole("link", { name: new RegExp(big.title) }).click();
    await page.waitForURL((url) => url.pathname === `/wirksamkeit/schulungen/${big.id}`);
    await page.getByRole("heading", { level: 1, name: `Wirksamkeit: ${big.title}` }).waitFor();
    await page.getByRole("heading", { level: 2, name: "Feedback direkt nach der Schulung" }).waitFor();
    // Charts after hydration, each beside its table.
    const charts = page.locator("canvas[role='img']");
    await charts.first().waitFor({ timeout: 15_000 });
    expect(await charts.count()).toBeGreaterThan(3);
    const firstLabel = await charts.first().getAttribute("aria-label");
    expect(firstLabel).toMatch(/^Verteilung der Antworten: /);
    await page.getByRole("table", { name: firstLabel! }).waitFor();
    await page.getByRole("table", { name: "Vergleich der Termine" }).waitFor();
    await page.getByRole("table", { name: "Verlauf" }).waitFor();
    await expectAccessible(page);

    for (const [name, type] of [
      ["CSV herunterladen", "text/csv"],
      ["Excel (XLSX) herunterladen", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
      ["Druckbaren Bericht (PDF) herunterladen", "application/pdf"],
    ] as const) {
      const href = await page.getByRole("link", { name }).getAttribute("href");
      const response = await page.request.get(href!);
      expect(response.status()).toBe(200);
      expect(response.headers()["content-type"]).toContain(type);
      expect((await response.body()).byteLength).toBeGreaterThan(200);
    }

    // The session below the minimum: no numbers at all.
    await page.goto(`/wirksamkeit/termine/${smallSession.sessionId}`);
    await page.getByRole("heading", { level: 1, name: /Wirksamkeit des Termins am/ }).waitFor();
    await page.getByText("Zu wenige Rückmeldungen (n < 5)").first().waitFor();
    expect(await page.locator("canvas[role='img']").count()).toBe(0);
    expect(await page.locator(".feedback-stats").count()).toBe(0);
    await expectAccessible(page);

    // Employees are refused.
    const other = await newPage(browser);
    await login(other.page, ACCOUNTS.employee);
    await other.page.waitForURL((url) => url.pathname === "/");
    const refused = await other.page.goto("/wirksamkeit");
    expect(refused?.status()).toBe(403);
    await other.context.close();

    expect(errors).toEqual([]);
    await context.close();
  });

  it("the leader opens the team view", async () => {
    const { page, context, errors } = await newPage(browser);
    await login(page, ACCOUNTS.leader);
    await page.waitForURL((url) => url.pathname === "/");
    await page.goto("/wirksamkeit/team");
    await page.getByRole("heading", { level: 1, name: "Wirksamkeit im Team" }).waitFor();
    await expectAccessible(page);
    expect(errors).toEqual([]);
    await context.close();
  });
});
