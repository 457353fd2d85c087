// Shared browser helpers: Debian's Chromium, sign-in through the real form, axe on every page.
import AxeBuilder from "@axe-core/playwright";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { inject } from "vitest";

export const DEMO_PASSWORD = "Lernreise-Demo-2026";
export const ACCOUNTS = {
  employee: "mitarbeiterin@beispielstadt.example",
  leader: "fuehrungskraft@beispielstadt.example",
  hr: "personalentwicklung@beispielstadt.example",
  admin: "admin@beispielstadt.example",
} as const;

export const baseUrl = () => inject("baseUrl");

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** A fresh context whose pages fail the test on console errors or uncaught exceptions. */
export async function newPage(browser: Browser): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ baseURL: baseUrl(), locale: "de-DE" });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (message) => {
    // 403/404 pages are expected in the forbidden-path tests; the browser logs their status.
    if (message.type() === "error" && !/status of (401|403|404|429)/.test(message.text())) errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return { context, page, errors };
}

export async function login(page: Page, email: string, password = DEMO_PASSWORD) {
  if (new URL(page.url()).pathname !== "/login") await page.goto("/login");
  await page.getByLabel("E-Mail").fill(email);
  await page.getByLabel("Passwort", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Anmelden" }).click();
}

/** Runs axe (WCAG 2.0/2.1 A and AA) and fails on serious or critical violations. */
export async function expectAccessible(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const summary = bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(summary, `axe on ${page.url()}`).toEqual([]);
}
