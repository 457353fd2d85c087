// An assessment round in the browser: the demo employee assesses herself, the demo leader sees the
// submitted self-assessment, rates and records the agreement; the employee then sees "Vereinbart".
// Before the round the test reads the employee's gap view (/kompetenzen: competency table, radar
// table and chart) and her row in the leader's heatmap (/team/kompetenzen); the agreement puts
// every competency on the highest level of its scale, and afterwards both views must show exactly
// that: top level, source "Vereinbart im Gespräch" with today's date, no gap, 100 % per area.
// The competencies come from her position profile, which other browser tests change: the test
// does not rely on names, it fills every radio group it finds and derives the expected values
// from the pages. It ends with the round agreed, so no active round is left behind for the other
// tests.
import type { Browser, Page } from "playwright-core";
import { addMonths } from "~/modules/assessment/levels.ts";
import { ACCOUNTS, expectAccessible, launch, login, newPage } from "./browser.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const groups = (page: Page) => page.locator("fieldset.level-choice");
const mainNav = (page: Page) => page.getByRole("navigation", { name: "Hauptnavigation" });
const clean = (text: string | null) => (text ?? "").replace(/\s+/g, " ").trim();
/** A date as the app shows it: German format, Europe/Berlin. */
const germanDate = (date: Date) =>
  new Intl.DateTimeFormat("de-DE", { day: "2-digit", month: "2-digit", year: "numeric", timeZone: "Europe/Berlin" }).format(date);
const EMPLOYEE_ROW = "Schäfer, Miriam";
const EMPLOYEE_UNIT = /(^|\s)32\.2 /;

/** Checks the radio at `index` (or the last one if the scale is shorter) in every group from `from` on. */
async function fillGroups(page: Page, index: number, { from = 0, to }: { from?: number; to?: number } = {}) {
  const count = await groups(page).count();
  for (let i = from; i < (to ?? count); i++) {
    const radios = groups(page).nth(i).getByRole("radio");
    const n = await radios.count();
    await radios.nth(Math.min(index, n - 1)).check();
  }
  return count;
}

async function currentStep(page: Page) {
  return page.locator('.round-steps [aria-current="step"] .round-steps__label').textContent();
}

async function openAssessments(page: Page) {
  await mainNav(page).getByRole("link", { name: "Einschätzungen" }).click();
  await page.waitForURL((url) => url.pathname === "/einschaetzungen");
  await page.getByRole("heading", { level: 1, name: "Einschätzungen" }).waitFor();
  await expectAccessible(page);
}

interface GapRow {
  target: string;
  /** The lines of the "Aktueller Stand" cell: level, source and date, validity. */
  current: string[];
  gap: string;
  /** The number of entries in the history of this competency. */
  history: number;
}
interface RadarRow {
  area: string;
  target: string;
  current: string;
  count: string;
}
interface GapView {
  rows: Map<string, GapRow>;
  radar: RadarRow[];
  validityMonths: number;
  summary: string;
}

/** "Meine Kompetenzen" from the navigation: the competency table, the radar table and the chart. */
async function readOwnGaps(page: Page): Promise<GapView> {
  await mainNav(page).getByRole("link", { name: "Meine Kompetenzen" }).click();
  await page.waitForURL((url) => url.pathname === "/kompetenzen");
  await page.getByRole("heading", { level: 1, name: "Meine Kompetenzen" }).waitFor();

  const history = new Map<string, number>();
  for (const summary of await page.locator("details.history-details summary").allTextContents()) {
    const match = /^(.*): (\d+) Einträge?$/.exec(clean(summary));
    expect(match, summary).not.toBeNull();
    history.set(match![1]!, Number(match![2]));
  }
  const table = page.getByRole("table", { name: /^Geforderte Kompetenzen mit Zielstufe/ });
  await table.waitFor();
  const rows = new Map<string, GapRow>();
  const trs = table.locator("tbody tr");
  for (let i = 0; i < (await trs.count()); i++) {
    const tr = trs.nth(i);
    const name = clean(await tr.locator("th strong").textContent());
    // innerText keeps the <br> line breaks of the "Aktueller Stand" cell.
    const [target, current, gap] = await tr.locator("td").allInnerTexts();
    rows.set(name, {
      target: clean(target!),
      current: current!.split("\n").map(clean).filter(Boolean),
      gap: clean(gap!),
      history: history.get(name) ?? -1,
    });
  }
  expect(rows.size).toBeGreaterThan(0);

  const radarTable = page.getByRole("table", { name: "Soll und Ist je Kompetenzbereich (Tabelle)" });
  const radar: RadarRow[] = [];
  const radarRows = radarTable.locator("tbody tr");
  for (let i = 0; i < (await radarRows.count()); i++) {
    const tr = radarRows.nth(i);
    const [target, current, count] = (await tr.locator("td").allTextContents()).map(clean);
    radar.push({ area: clean(await tr.locator("th").textContent()), target: target!, current: current!, count: count! });
  }
  expect(radar.length).toBeGreaterThanOrEqual(3);
  // The radar, drawn by Chart.js after hydration, carries the same values as the table.
  const chart = page.locator("canvas[role='img']");
  await chart.waitFor({ timeout: 15_000 });
  const items = radar.map((r) => `${r.area} Soll ${r.target}, Ist ${r.current}`).join("; ");
  expect(await chart.getAttribute("aria-label")).toBe(`Netzdiagramm Soll und Ist je Kompetenzbereich: ${items}. Die Tabelle daneben enthält dieselben Werte.`);

  const rule = clean(await page.getByText(/Ein Eintrag gilt \d+ Monate? lang/).textContent());
  const validityMonths = Number(/gilt (\d+) Monat/.exec(rule)![1]);
  const summaryPanel = page.locator("section", { has: page.getByRole("heading", { level: 2, name: "Überblick" }) });
  const summary = clean((await summaryPanel.locator("p").allTextContents()).join(" "));
  await expectAccessible(page);
  return { rows, radar, validityMonths, summary };
}

interface HeatCell {
  /** The number shown in the cell (or "·"). */
  shown: string;
  /** The screen-reader text, e.g. "Ziel 3, aktuell 2, Lücke 1". */
  spoken: string;
  note: string;
  className: string;
}

/** The employee's row in "Team-Kompetenzen", filtered to her unit and paged until she appears. */
async function readHeatmapRow(page: Page): Promise<Map<string, HeatCell>> {
  await mainNav(page).getByRole("link", { name: "Team-Kompetenzen" }).click();
  await page.waitForURL((url) => url.pathname === "/team/kompetenzen");
  await page.getByRole("heading", { level: 1, name: "Team-Kompetenzen" }).waitFor();
  await expectAccessible(page);
  const unitSelect = page.getByLabel("Organisationseinheit");
  const unitId = await unitSelect.locator("option").filter({ hasText: EMPLOYEE_UNIT }).getAttribute("value");
  expect(unitId).toBeTruthy();
  await unitSelect.selectOption(unitId!);
  await page.getByRole("search", { name: "Team-Kompetenzen filtern" }).getByRole("button", { name: "Filtern" }).click();
  await page.waitForURL((url) => url.searchParams.get("unit") === unitId);

  const table = page.getByRole("table", { name: "Lücken je Person und Kompetenz" });
  const row = table.locator("tbody tr").filter({ has: page.getByRole("rowheader", { name: EMPLOYEE_ROW, exact: true }) });
  for (let pageNo = 1; ; pageNo++) {
    await page.getByRole("status").filter({ hasText: new RegExp(`Seite ${pageNo} von`) }).waitFor();
    await table.waitFor();
    await expectAccessible(page);
    if ((await row.count()) > 0) break;
    const next = page.getByRole("navigation", { name: "Seitennavigation" }).getByRole("link", { name: "Nächste Seite" });
    expect(await next.count(), `${EMPLOYEE_ROW} not found in the heatmap of her unit`).toBe(1);
    await next.click();
    await page.waitForURL((url) => url.searchParams.get("page") === String(pageNo + 1));
  }
  expect(await row.count()).toBe(1);

  const columns: string[] = [];
  const abbrs = table.locator("thead th abbr");
  for (let i = 0; i < (await abbrs.count()); i++) {
    columns.push(clean(`${await abbrs.nth(i).textContent()} ${await abbrs.nth(i).getAttribute("title")}`));
  }
  const tds = row.locator("td");
  expect(await tds.count()).toBe(columns.length);
  const cells = new Map<string, HeatCell>();
  for (let i = 0; i < columns.length; i++) {
    const td = tds.nth(i);
    const note = td.locator(".heat-note");
    cells.set(columns[i]!, {
      shown: clean(await td.locator("span[aria-hidden='true']").textContent()),
      spoken: clean(await td.locator(".kern-sr-only").textContent()),
      note: (await note.count()) ? clean(await note.textContent()) : "",
      className: (await td.getAttribute("class")) ?? "",
    });
  }
  return cells;
}

/** The number in "2 – Grundlegend", null for "noch nicht eingeschätzt". */
const levelNumber = (text: string | undefined) => (text && /^\d+ – /.test(text) ? Number(text.split(" ")[0]) : null);
/** "keine" → 0, "1 Stufe" / "2 Stufen unverzichtbar" → the number. */
const gapNumber = (text: string) => (text === "keine" ? 0 : Number(/^(\d+) Stufen?/.exec(text)![1]));

/** The heatmap row and the gap view must tell the same story, competency by competency. */
function expectHeatmapMatchesGaps(cells: Map<string, HeatCell>, gaps: GapView) {
  for (const [name, row] of gaps.rows) {
    const cell = cells.get(name);
    expect(cell, `heatmap column for ${name}`).toBeDefined();
    const current = levelNumber(row.current[0]);
    const gap = gapNumber(row.gap);
    expect(cell!.shown, name).toBe(String(gap));
    expect(cell!.spoken, name).toBe(`Ziel ${levelNumber(row.target)}, aktuell ${current ?? "–"}, Lücke ${gap}`);
  }
  for (const [name, cell] of cells) {
    if (!gaps.rows.has(name)) expect([cell.shown, cell.spoken], name).toEqual(["·", "nicht gefordert"]);
  }
}

describe("assessment round", () => {
  it("goes from self-assessment through the leader's rating to the agreement, which both gap views then show", async () => {
    // Before the round: the employee's gap view and her row in the leader's heatmap.
    const employee = await newPage(browser);
    let page = employee.page;
    await login(page, ACCOUNTS.employee);
    await page.waitForURL((url) => url.pathname === "/");
    const gapsBefore = await readOwnGaps(page);

    const leader = await newPage(browser);
    await login(leader.page, ACCOUNTS.leader);
    await leader.page.waitForURL((url) => url.pathname === "/");
    const heatBefore = await readHeatmapRow(leader.page);
    expectHeatmapMatchesGaps(heatBefore, gapsBefore);

    // The employee starts her self-assessment.
    await openAssessments(page);
    await page.getByRole("button", { name: "Selbsteinschätzung beginnen" }).click();
    await page.waitForURL(/\/einschaetzungen\/[^/?]+$/);
    const roundPath = new URL(page.url()).pathname;
    await page.getByRole("heading", { level: 1, name: "Meine Einschätzung" }).waitFor();
    await page.getByText(/bleibt privat, bis Sie sie abgeben/).waitFor();
    expect(await currentStep(page)).toBe("Offen");
    await expectAccessible(page);

    // Submitting with one level missing shows the message next to it and keeps the other choices.
    const count = await groups(page).count();
    await fillGroups(page, 1, { to: count - 1 });
    expect(count).toBeGreaterThan(1);
    await page.getByRole("button", { name: "Selbsteinschätzung abgeben" }).click();
    await page.getByText("Bitte wählen Sie bei jeder Kompetenz eine Stufe.").waitFor();
    await groups(page).nth(count - 1).getByText("Bitte eine Stufe wählen.").waitFor();
    await expect(groups(page).nth(0).getByRole("radio").nth(1).isChecked()).resolves.toBe(true);
    await expectAccessible(page);

    // A complete draft, then the submission.
    await fillGroups(page, 1);
    await page.getByRole("button", { name: "Entwurf speichern" }).click();
    await page.getByText("Der Entwurf wurde gespeichert.").waitFor();
    await expectAccessible(page);
    await page.getByRole("button", { name: "Selbsteinschätzung abgeben" }).click();
    await page.getByText("Ihre Selbsteinschätzung wurde abgegeben.").waitFor();
    await expect.poll(() => currentStep(page)).toBe("Selbst eingeschätzt");
    expect(await groups(page).count()).toBe(0);
    await expectAccessible(page);

    // The leader opens it from the list of open rounds in the team.
    page = leader.page;
    await openAssessments(page);
    const teamSection = page.locator("section", { has: page.getByRole("heading", { name: "Offene Einschätzungen im Team" }) });
    await teamSection.locator(`a[href="${roundPath}"]`).click();
    await page.waitForURL((url) => url.pathname === roundPath);
    await page.getByRole("heading", { level: 1, name: "Einschätzung von Miriam Schäfer" }).waitFor();
    expect(await currentStep(page)).toBe("Selbst eingeschätzt");
    // The submitted self levels are shown beside each item (the second level of each scale).
    const seen = page.locator(".round-item__seen dd");
    expect(await seen.count()).toBe(count);
    for (const text of await seen.allTextContents()) expect(text).toMatch(/^2 – /);
    await expectAccessible(page);

    await fillGroups(page, 2);
    await page.getByRole("button", { name: "Einschätzung abgeben", exact: true }).click();
    await page.getByText("Ihre Einschätzung wurde abgegeben.").waitFor();
    await expect.poll(() => currentStep(page)).toBe("Von der Führungskraft eingeschätzt");
    // The agreement form is prefilled with the leader's levels.
    await page.getByRole("button", { name: "Vereinbarung festhalten" }).waitFor();
    for (let i = 0; i < count; i++) {
      const radios = groups(page).nth(i).getByRole("radio");
      await expect(radios.nth(Math.min(2, (await radios.count()) - 1)).isChecked()).resolves.toBe(true);
    }
    await expectAccessible(page);
    // The round covers exactly the competencies of the gap view. The agreement differs from the
    // leader's rating: the highest level of every scale, so the gaps close wherever they were open.
    const items = page.locator("section.round-item");
    const top = new Map<string, { level: number; text: string }>();
    const topInOrder: string[] = [];
    for (let i = 0; i < count; i++) {
      const name = clean(await items.nth(i).getByRole("heading", { level: 2 }).textContent());
      const text = clean(await groups(page).nth(i).locator("label strong").last().textContent());
      top.set(name, { level: levelNumber(text)!, text });
      topInOrder.push(text);
    }
    expect([...top.keys()].sort()).toEqual([...gapsBefore.rows.keys()].sort());
    await fillGroups(page, Number.MAX_SAFE_INTEGER);
    const agreedFrom = new Date();
    await page.getByRole("button", { name: "Vereinbarung festhalten" }).click();
    await page.getByText("Die Vereinbarung wurde festgehalten.").waitFor();
    const agreedTo = new Date();
    await expect.poll(() => currentStep(page)).toBe("Vereinbart");
    await page.getByText(/festgehalten\. Sie gelten jetzt als aktuelle Stufen/).waitFor();
    await expectAccessible(page);

    // The employee sees the agreed round.
    page = employee.page;
    await page.goto(roundPath);
    await page.getByRole("heading", { level: 1, name: "Meine Einschätzung" }).waitFor();
    expect(await currentStep(page)).toBe("Vereinbart");
    await page.getByRole("columnheader", { name: "Vereinbart" }).waitFor();
    const agreedColumn = page.locator("table.round-table tbody tr td:last-child");
    expect((await agreedColumn.allTextContents()).map(clean)).toEqual(topInOrder);
    await expectAccessible(page);
    await openAssessments(page);
    await page.getByRole("button", { name: "Selbsteinschätzung beginnen" }).waitFor();

    // Her gap view now shows the agreed levels: highest level, agreed today, no gap, 100 % per area.
    const gapsAfter = await readOwnGaps(page);
    // "Today" is taken on both sides of the click, in case the agreement falls on midnight; the
    // validity is counted from the moment or from the start of the (UTC) day of the recording.
    const expectedLines = (text: string) =>
      [agreedFrom, agreedTo].flatMap((d) =>
        [d, new Date(`${d.toISOString().slice(0, 10)}T00:00:00.000Z`)].map((from) => [
          text,
          `Vereinbart im Gespräch, vom ${germanDate(d)}`,
          `gültig bis ${germanDate(addMonths(from, gapsAfter.validityMonths))}`,
        ]),
      );
    expect([...gapsAfter.rows.keys()].sort()).toEqual([...gapsBefore.rows.keys()].sort());
    let changedRows = 0;
    for (const [name, after] of gapsAfter.rows) {
      const before = gapsBefore.rows.get(name)!;
      expect(after.target, name).toBe(before.target);
      expect(expectedLines(top.get(name)!.text), name).toContainEqual(after.current);
      expect(after.gap, name).toBe("keine");
      // Two new entries: the leader's rating and the agreement.
      expect(after.history, name).toBe(before.history + 2);
      if (before.current.join("\n") !== after.current.join("\n") || before.gap !== after.gap) changedRows++;
    }
    expect(changedRows).toBe(gapsAfter.rows.size);
    expect([...gapsBefore.rows.values()].some((r) => r.gap !== "keine")).toBe(true);
    expect(gapsAfter.summary).toBe(`0 unverzichtbare Lücken 0 von ${gapsAfter.rows.size} geforderten Kompetenzen haben eine Lücke; 0 sind noch nicht eingeschätzt.`);
    // The areas follow the order of the competency rows (largest gaps first), so compare by name.
    const byArea = (a: RadarRow, b: RadarRow) => a.area.localeCompare(b.area, "de");
    expect([...gapsAfter.radar].sort(byArea)).toEqual(gapsBefore.radar.map((r) => ({ ...r, current: "100 %" })).sort(byArea));
    expect(gapsBefore.radar.some((r) => r.current !== "100 %")).toBe(true);

    // The leader's heatmap: every required cell of her row is now 0 with the top level as current.
    const heatAfter = await readHeatmapRow(leader.page);
    expectHeatmapMatchesGaps(heatAfter, gapsAfter);
    let changedCells = 0;
    for (const [name, cell] of heatAfter) {
      const row = gapsAfter.rows.get(name);
      if (!row) continue;
      expect(cell, name).toEqual({ shown: "0", spoken: `Ziel ${levelNumber(row.target)}, aktuell ${top.get(name)!.level}, Lücke 0`, note: "", className: "heat heat--met" });
      if (heatBefore.get(name)!.spoken !== cell.spoken) changedCells++;
    }
    expect(changedCells).toBeGreaterThan(0);

    // The one 400 is the refused incomplete submission above (the action answers 400 with messages).
    expect(employee.errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
    expect(leader.errors).toEqual([]);
    await employee.context.close();
    await leader.context.close();
  }, 360_000);
});
