// An assessment round in the browser: the demo employee assesses herself, the demo leader sees the
// submitted self-assessment, rates and records the agreement; the employee then sees "Vereinbart".
// The competencies come from her position profile, which other browser tests change: the test
// does not rely on names, it fills every radio group it finds. It ends with the round agreed, so
// no active round is left behind for the other tests.
import type { Browser, Page } from "playwright-core";
import { ACCOUNTS, expectAccessible, launch, login, newPage } from "./browser.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const groups = (page: Page) => page.locator("fieldset.level-choice");

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
  await page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Einschätzungen" }).click();
  await page.waitForURL((url) => url.pathname === "/einschaetzungen");
  await page.getByRole("heading", { level: 1, name: "Einschätzungen" }).waitFor();
  await expectAccessible(page);
}

describe("assessment round", () => {
  it("goes from self-assessment through the leader's rating to the agreement", async () => {
    // The employee starts her self-assessment.
    const employee = await newPage(browser);
    let page = employee.page;
    await login(page, ACCOUNTS.employee);
    await page.waitForURL((url) => url.pathname === "/");
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
    const leader = await newPage(browser);
    page = leader.page;
    await login(page, ACCOUNTS.leader);
    await page.waitForURL((url) => url.pathname === "/");
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
    await page.getByRole("button", { name: "Vereinbarung festhalten" }).click();
    await page.getByText("Die Vereinbarung wurde festgehalten.").waitFor();
    await expect.poll(() => currentStep(page)).toBe("Vereinbart");
    await page.getByText(/festgehalten\. Sie gelten jetzt als aktuelle Stufen/).waitFor();
    await expectAccessible(page);

    // The employee sees the agreed round.
    page = employee.page;
    await page.goto(roundPath);
    await page.getByRole("heading", { level: 1, name: "Meine Einschätzung" }).waitFor();
    expect(await currentStep(page)).toBe("Vereinbart");
    await page.getByRole("columnheader", { name: "Vereinbart" }).waitFor();
    await expectAccessible(page);
    await openAssessments(page);
    await page.getByRole("button", { name: "Selbsteinschätzung beginnen" }).waitFor();

    // The one 400 is the refused incomplete submission above (the action answers 400 with messages).
    expect(employee.errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
    expect(leader.errors).toEqual([]);
    await employee.context.close();
    await leader.context.close();
  }, 240_000);
});
