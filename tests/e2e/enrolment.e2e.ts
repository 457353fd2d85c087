// Enrolment in the browser: the demo employee asks for a place in a training that needs her
// leader's approval; the demo leader finds the request on "Freigaben" (a decline without a
// comment is refused with the message next to the field) and approves it; the employee sees the
// place confirmed, downloads the session's .ics and sets up her calendar feed (renewing it makes
// the old address stop working). HR development cancels a confirmed place in the full seeded
// session "Generative KI sicher nutzen" (KI-02): the first on the waiting list moves up and the
// demo employee, third in line in the seed, is now second. axe on every page visited.
// Touches only AG-03 (one request) and KI-02 (one cancelled place); other browser tests do not
// rely on either.
import type { Browser, Page } from "playwright-core";
import { ACCOUNTS, baseUrl, expectAccessible, launch, login, newPage } from "./browser.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const APPROVAL_TRAINING = "Design Thinking für Verwaltungsleistungen";
const FULL_TRAINING = "Generative KI sicher nutzen: Textassistenten im Arbeitsalltag";
const mainNav = (page: Page) => page.getByRole("navigation", { name: "Hauptnavigation" });

async function openTraining(page: Page, title: string, query: string) {
  await page.goto(`/schulungen?q=${encodeURIComponent(query)}`);
  await page.getByRole("link", { name: title }).first().click();
  await page.getByRole("heading", { level: 1, name: title }).waitFor();
}

async function openMyEnrolments(page: Page) {
  await mainNav(page).getByRole("link", { name: "Meine Anmeldungen" }).click();
  await page.waitForURL((url) => url.pathname === "/anmeldungen");
  await page.getByRole("heading", { level: 1, name: "Meine Anmeldungen" }).waitFor();
}

/** The row of a training in the table of upcoming enrolments. */
function upcomingRow(page: Page, title: string) {
  return page.getByRole("table", { name: "Kommende Termine" }).getByRole("row").filter({ has: page.getByRole("rowheader", { name: new RegExp(title.replace(/[.*+?^${}()|[\]\\:]/g, "\\$&")) }) });
}

describe("enrolment", () => {
  it("request → leader approves on Freigaben → confirmed for the employee; .ics and calendar feed", async () => {
    const employee = await newPage(browser);
    await login(employee.page, ACCOUNTS.employee);
    await employee.page.waitForURL((url) => url.pathname === "/");
    await employee.page.getByRole("heading", { level: 2, name: "Meine nächsten Termine" }).waitFor();

    // The training page: per session "Anmelden …" with an optional note.
    await openTraining(employee.page, APPROVAL_TRAINING, "Design Thinking");
    const sessions = employee.page.getByRole("table", { name: `Kommende Termine von ${APPROVAL_TRAINING}` });
    const firstSession = sessions.getByRole("row").nth(1);
    await firstSession.getByText("Anmelden …").click();
    await firstSession.getByText("Für diese Schulung braucht es die Freigabe Ihrer Führungskraft.", { exact: false }).waitFor();
    await firstSession.getByLabel("Nachricht an Ihre Führungskraft (freiwillig)").fill("Ich möchte Design Thinking im Bürgerbüro ausprobieren.");
    await firstSession.getByRole("button", { name: "Anmelden", exact: true }).click();
    await employee.page.getByText("Ihre Anfrage ist gestellt. Ihre Führungskraft wurde benachrichtigt.").waitFor();
    await firstSession.getByText("angefragt", { exact: true }).waitFor();
    await expectAccessible(employee.page);

    await openMyEnrolments(employee.page);
    await upcomingRow(employee.page, APPROVAL_TRAINING).getByText("angefragt", { exact: true }).waitFor();
    await expectAccessible(employee.page);

    // The leader: Freigaben in the navigation and a count on the start page.
    const leader = await newPage(browser);
    await login(leader.page, ACCOUNTS.leader);
    await leader.page.waitForURL((url) => url.pathname === "/");
    await leader.page.getByRole("heading", { level: 2, name: "Freigaben" }).waitFor();
    await leader.page.getByRole("link", { name: /Anmeldungen? warte/ }).waitFor();
    await expectAccessible(leader.page);
    await mainNav(leader.page).getByRole("link", { name: "Freigaben" }).click();
    await leader.page.getByRole("heading", { level: 1, name: "Freigaben" }).waitFor();
    const requests = leader.page.getByRole("table", { name: "Offene Anfragen" });
    const row = requests.getByRole("row").filter({ hasText: "Schäfer, Miriam" }).filter({ hasText: APPROVAL_TRAINING });
    await row.getByText("Ich möchte Design Thinking im Bürgerbüro ausprobieren.").waitFor();
    await expectAccessible(leader.page);

    // Declining needs a comment: refused, message next to the field, nothing decided.
    await row.getByRole("button", { name: /^Ablehnen/ }).click();
    await leader.page.getByText("Bitte begründen Sie die Ablehnung.").waitFor();
    const commentField = requests.getByRole("row").filter({ hasText: APPROVAL_TRAINING }).filter({ hasText: "Schäfer, Miriam" }).getByLabel("Kommentar");
    await expect(commentField.getAttribute("aria-invalid")).resolves.toBe("true");
    await expectAccessible(leader.page);

    await commentField.fill("Gern – bitte berichte danach im Team.");
    await requests.getByRole("row").filter({ hasText: APPROVAL_TRAINING }).filter({ hasText: "Schäfer, Miriam" }).getByRole("button", { name: /^Freigeben/ }).click();
    await leader.page.getByText("Freigegeben: Der Platz ist bestätigt.").waitFor();
    await leader.page.reload();
    await expect(leader.page.getByRole("table", { name: "Offene Anfragen" }).getByRole("row").filter({ hasText: APPROVAL_TRAINING }).filter({ hasText: "Schäfer, Miriam" }).count()).resolves.toBe(0);

    // On the training page the leader can enrol team members directly; the session page lists
    // the participants of the team.
    await openTraining(leader.page, APPROVAL_TRAINING, "Design Thinking");
    const leaderSessions = leader.page.getByRole("table", { name: `Kommende Termine von ${APPROVAL_TRAINING}` });
    await leaderSessions.getByRole("row").nth(1).getByText("Person anmelden").first().click();
    await expectAccessible(leader.page);
    await leaderSessions.getByRole("row").nth(1).getByRole("link", { name: /^Teilnehmende und Warteliste/ }).click();
    await leader.page.getByText("Sie sehen nur Personen aus Ihrem Team.").waitFor();
    const teamRow = leader.page.getByRole("table", { name: /^Teilnehmende am / }).getByRole("row").filter({ hasText: "Schäfer, Miriam" });
    await teamRow.getByText("bestätigt", { exact: true }).waitFor();
    await expectAccessible(leader.page);

    // The employee sees her place confirmed and can take it into her calendar.
    await openMyEnrolments(employee.page);
    const confirmed = upcomingRow(employee.page, APPROVAL_TRAINING);
    await confirmed.getByText("bestätigt", { exact: true }).waitFor();
    const icsHref = await confirmed.getByRole("link", { name: /In den Kalender/ }).getAttribute("href");
    const ics = await employee.page.request.get(icsHref!);
    expect(ics.headers()["content-type"]).toContain("text/calendar");
    expect(await ics.text()).toContain(`SUMMARY:${APPROVAL_TRAINING}`);
    await expectAccessible(employee.page);

    // Calendar feed: the address is shown once; it works without a session; renewing retires it.
    await employee.page.getByRole("link", { name: "Kalender-Abo einrichten" }).click();
    await employee.page.getByRole("heading", { level: 1, name: "Kalender-Abo" }).waitFor();
    await expectAccessible(employee.page);
    await employee.page.getByRole("button", { name: "Kalender-Abo einrichten" }).click();
    const url = await employee.page.getByLabel("Adresse des Kalender-Abos").inputValue();
    expect(url).toMatch(new RegExp(`^${baseUrl()}/kalender/[A-Za-z0-9_-]{43}\\.ics$`));
    await expectAccessible(employee.page);
    const feed = await fetch(url);
    expect(feed.status).toBe(200);
    expect(await feed.text()).toContain(`SUMMARY:${APPROVAL_TRAINING}`);
    await employee.page.getByRole("button", { name: "Neue Adresse erzeugen" }).click();
    await expect.poll(() => employee.page.getByLabel("Adresse des Kalender-Abos").inputValue()).not.toBe(url);
    expect((await fetch(url)).status).toBe(404);

    expect(employee.errors).toEqual([]);
    // The refused decline answers 400 (with the field message) on purpose; the browser logs that.
    expect(leader.errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
    await employee.context.close();
    await leader.context.close();
  });

  it("a cancelled place in a full session goes to the first on the waiting list", async () => {
    const employee = await newPage(browser);
    await login(employee.page, ACCOUNTS.employee);
    await employee.page.waitForURL((url) => url.pathname === "/");
    await openMyEnrolments(employee.page);
    await upcomingRow(employee.page, FULL_TRAINING).getByText("Warteliste, Platz 3").waitFor();

    const hr = await newPage(browser);
    await login(hr.page, ACCOUNTS.hr);
    await hr.page.waitForURL((url) => url.pathname === "/");
    await openTraining(hr.page, FULL_TRAINING, "Generative KI");
    const sessions = hr.page.getByRole("table", { name: `Kommende Termine von ${FULL_TRAINING}` });
    await sessions.getByText("ausgebucht (12 Plätze)").waitFor();
    await expectAccessible(hr.page);
    await sessions.getByRole("row").nth(1).getByRole("link", { name: /^Teilnehmende und Warteliste/ }).click();
    await hr.page.getByRole("heading", { level: 2, name: "Warteliste (3)" }).waitFor();
    await expectAccessible(hr.page);

    const participants = hr.page.getByRole("table", { name: /^Teilnehmende am / });
    const waitlist = hr.page.getByRole("table", { name: /^Warteliste am / });
    const firstWaiting = (await waitlist.getByRole("row").nth(1).getByRole("rowheader").textContent())?.trim() ?? "";
    expect(firstWaiting).not.toContain("Schäfer, Miriam");
    const cancelled = participants.getByRole("row").nth(1);
    await cancelled.getByText("Stornieren …").click();
    await cancelled.getByLabel("Grund (freiwillig)").fill("Dienstreise");
    await cancelled.getByRole("button", { name: "Anmeldung stornieren" }).click();
    await hr.page.getByText("Die Anmeldung ist storniert. Eine Person ist von der Warteliste nachgerückt.").waitFor();
    await hr.page.getByRole("heading", { level: 2, name: "Warteliste (2)" }).waitFor();
    // The person who waited longest now has the place.
    await hr.page.getByRole("table", { name: /^Teilnehmende am / }).getByRole("rowheader", { name: firstWaiting }).waitFor();
    await expectAccessible(hr.page);

    await employee.page.reload();
    await upcomingRow(employee.page, FULL_TRAINING).getByText("Warteliste, Platz 2").waitFor();
    await expectAccessible(employee.page);

    expect(employee.errors).toEqual([]);
    expect(hr.errors).toEqual([]);
    await employee.context.close();
    await hr.context.close();
  });
});
