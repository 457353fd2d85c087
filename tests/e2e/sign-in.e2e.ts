import type { Browser } from "playwright-core";
import { ACCOUNTS, baseUrl, expectAccessible, launch, login, newPage } from "./browser.ts";

const LOCK_TEST_EMAIL = "sperrtest@beispielstadt.example";
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe("sign-in journey", () => {
  it("shows the login page accessibly and one message for wrong credentials", async () => {
    const { page, context, errors } = await newPage(browser);
    await page.goto("/");
    expect(new URL(page.url()).pathname).toBe("/login");
    await expectAccessible(page);
    await login(page, ACCOUNTS.employee, "falsches-passwort");
    await expect(page.getByRole("alert").first().textContent()).resolves.toContain("E-Mail-Adresse oder Passwort ist falsch.");
    await login(page, "gibt-es-nicht@beispielstadt.example", "falsches-passwort");
    await expect(page.getByRole("alert").first().textContent()).resolves.toContain("E-Mail-Adresse oder Passwort ist falsch.");
    await expectAccessible(page);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("locks an account after five failed attempts, even for the right password", async () => {
    const { page, context } = await newPage(browser);
    for (let i = 0; i < 5; i++) {
      await login(page, LOCK_TEST_EMAIL, `falsch-${i}`);
      await page.getByRole("alert").first().waitFor();
    }
    await login(page, LOCK_TEST_EMAIL, "Sperrtest-Passwort-2026");
    await expect(page.getByRole("alert").first().textContent()).resolves.toContain("vorübergehend gesperrt");
    expect(new URL(page.url()).pathname).toBe("/login");
    await context.close();
  });

  it("signs in, returns to the page asked for, and signs out", async () => {
    const { page, context, errors } = await newPage(browser);
    await page.goto("/profil");
    await login(page, ACCOUNTS.employee);
    await page.waitForURL((url) => url.pathname === "/profil");
    await page.getByRole("heading", { level: 1, name: "Miriam Schäfer" }).waitFor();
    const cookie = (await context.cookies()).find((c) => c.name === "lr_session");
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe("Lax");
    expect(cookie?.expires).toBe(-1); // a browser-session cookie
    await page.getByRole("button", { name: "Abmelden" }).click();
    await page.waitForURL((url) => url.pathname === "/login");
    await page.goto("/profil");
    expect(new URL(page.url()).pathname).toBe("/login");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("switches the interface to English and back", async () => {
    const { page, context } = await newPage(browser);
    await login(page, ACCOUNTS.employee);
    await page.waitForURL((url) => url.pathname === "/");
    await page.getByRole("button", { name: "English" }).click();
    await page.getByRole("link", { name: "My profile", exact: true }).waitFor();
    expect(await page.getAttribute("html", "lang")).toBe("en");
    await expectAccessible(page);
    await page.getByRole("button", { name: "Deutsch" }).click();
    await page.getByRole("link", { name: "Mein Profil", exact: true }).waitFor();
    await context.close();
  });

  it("rejects a form post from a foreign origin (CSRF)", async () => {
    const response = await fetch(`${baseUrl()}/login`, {
      method: "POST",
      headers: { Origin: "https://evil.example", "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email: ACCOUNTS.employee, password: "Lernreise-Demo-2026" }),
      redirect: "manual",
    });
    expect(response.status).toBe(403);
    expect(response.headers.get("set-cookie")).toBeNull();
  });
});
