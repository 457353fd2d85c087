// The catalogue pages as Remix calls them: everyone reads the published catalogue; only HR
// development creates and edits trainings and sessions (403 for everyone else, nothing changes);
// drafts are 404 for everyone else; bad input answers 400 with field messages and kept values.
import { randomUUID } from "node:crypto";
import { db } from "~/utils/db.server.ts";
import { loader as listLoader } from "~/routes/schulungen._index.tsx";
import { loader as pageLoader } from "~/routes/schulungen.$trainingId.tsx";
import { action as newAction, loader as newLoader } from "~/routes/schulungen.neu.tsx";
import { action as editAction, loader as editLoader } from "~/routes/schulungen.$trainingId_.bearbeiten.tsx";
import { action as newSessionAction, loader as newSessionLoader } from "~/routes/schulungen.$trainingId_.termine.neu.tsx";
import { action as editSessionAction, loader as editSessionLoader } from "~/routes/schulungen.termine.$sessionId.bearbeiten.tsx";
import { berlinDate } from "~/modules/training/berlin-time.ts";
import { createScenario, requestAs } from "../factories.ts";
import { createPublishedFramework } from "../competency-factories.ts";
import { createTraining } from "../training-factories.ts";

type Args = Parameters<typeof pageLoader>[0];
const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} }) as Args;
const post = (userId: string, url: string, fields: Record<string, string>) => requestAs(userId, url, { method: "POST", body: new URLSearchParams(fields) });
const day = (days: number) => berlinDate(new Date(Date.now() + days * 86_400_000));

async function statusOf(promise: Promise<unknown>) {
  try {
    const value = await promise;
    if (value instanceof Response) return value.status;
    if (value && typeof value === "object" && "init" in value) return (value as { init: { status?: number } }).init.status ?? 200;
    return 200;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}

/** The body of a `data()` result (single fetch) or a plain object. */
function bodyOf(value: unknown) {
  return (value && typeof value === "object" && "data" in value ? (value as { data: unknown }).data : value) as Record<string, unknown>;
}

const trainingFields = (overrides: Record<string, string> = {}) => ({
  intent: "create",
  code: `RT-${randomUUID().slice(0, 6)}`,
  title: "Routen-Test",
  format: "WEBINAR",
  language: "de",
  durationHours: "3,5",
  cost: "0",
  requiresApproval: "on",
  ...overrides,
});

const sessionFields = (overrides: Record<string, string> = {}) => ({
  intent: "save",
  "day-0-date": day(20),
  "day-0-start": "09:00",
  "day-0-end": "12:00",
  location: "Rathaus",
  capacity: "10",
  ...overrides,
});

describe("catalogue pages: reading", () => {
  it("lists published trainings for everyone with the URL's filters; drafts only for HR", async () => {
    const s = await createScenario(db);
    const tag = randomUUID().slice(0, 8);
    const { training: published } = await createTraining(db, { title: `Webinar ${tag}`, format: "WEBINAR" });
    const { training: draft } = await createTraining(db, { title: `Entwurf ${tag}`, status: "DRAFT" });
    for (const user of [s.employeeUser, s.leaderUser, s.adminUser]) {
      const list = (await listLoader(args(await requestAs(user.id, `/schulungen?q=${tag}&format=WEBINAR&status=ALL`)))) as Awaited<ReturnType<typeof listLoader>>;
      expect(list.trainings.map((t) => t.id)).toEqual([published.id]);
      expect(list.editor).toBe(false);
      expect(await statusOf(pageLoader(args(await requestAs(user.id, "/"), { trainingId: published.id })))).toBe(200);
      expect(await statusOf(pageLoader(args(await requestAs(user.id, "/"), { trainingId: draft.id })))).toBe(404);
    }
    const hrList = (await listLoader(args(await requestAs(s.hrUser.id, `/schulungen?q=${tag}`)))) as Awaited<ReturnType<typeof listLoader>>;
    expect(hrList.trainings.map((t) => t.id).sort()).toEqual([published.id, draft.id].sort());
    expect(await statusOf(pageLoader(args(await requestAs(s.hrUser.id, "/"), { trainingId: draft.id })))).toBe(200);
    // Nonsense in the query string falls back to no filter rather than failing.
    expect(await statusOf(listLoader(args(await requestAs(s.employeeUser.id, "/schulungen?format=PODCAST&from=gestern&page=-3&free=ja"))))).toBe(200);
    // Signed out: to the sign-in page.
    expect(await statusOf(listLoader(args(await requestAs(null, "/schulungen"))))).toBe(302);
  });
});

describe("catalogue pages: forbidden paths", () => {
  it("refuses creating and editing trainings and sessions to employees, leaders and admins, and changes nothing", async () => {
    const s = await createScenario(db);
    const { writing } = await createPublishedFramework(db);
    const { training, session } = await createTraining(db, { title: "Unverändert", capacity: 10 });
    const before = await db.training.count();
    for (const user of [s.employeeUser, s.leaderUser, s.adminUser]) {
      const id = user.id;
      expect(await statusOf(newLoader(args(await requestAs(id, "/schulungen/neu"))))).toBe(403);
      expect(await statusOf(newAction(args(await post(id, "/schulungen/neu", trainingFields()))))).toBe(403);
      expect(await statusOf(editLoader(args(await requestAs(id, "/"), { trainingId: training.id })))).toBe(403);
      const edits: Record<string, string>[] = [
        { ...trainingFields({ title: "Gekapert" }), intent: "save" },
        { intent: "status", status: "ARCHIVED" },
        { intent: "competency", competencyId: writing.id, targetLevel: "2" },
      ];
      for (const fields of edits) {
        expect(await statusOf(editAction(args(await post(id, "/", fields), { trainingId: training.id })))).toBe(403);
      }
      expect(await statusOf(newSessionLoader(args(await requestAs(id, "/"), { trainingId: training.id })))).toBe(403);
      expect(await statusOf(newSessionAction(args(await post(id, "/", sessionFields()), { trainingId: training.id })))).toBe(403);
      expect(await statusOf(editSessionLoader(args(await requestAs(id, "/"), { sessionId: session.id })))).toBe(403);
      expect(await statusOf(editSessionAction(args(await post(id, "/", sessionFields({ capacity: "99" })), { sessionId: session.id })))).toBe(403);
    }
    expect(await db.training.count()).toBe(before);
    const after = await db.training.findUniqueOrThrow({ where: { id: training.id }, include: { competencies: true, sessions: true } });
    expect(after).toMatchObject({ title: "Unverändert", status: "PUBLISHED", competencies: [] });
    expect(after.sessions.map((x) => x.capacity)).toEqual([10]);
    // HR: unknown ids are 404.
    expect(await statusOf(editLoader(args(await requestAs(s.hrUser.id, "/"), { trainingId: "unbekannt" })))).toBe(404);
    expect(await statusOf(editSessionLoader(args(await requestAs(s.hrUser.id, "/"), { sessionId: "unbekannt" })))).toBe(404);
    expect(await statusOf(newSessionLoader(args(await requestAs(s.hrUser.id, "/"), { trainingId: "unbekannt" })))).toBe(404);
  });
});

describe("catalogue pages: HR", () => {
  it("creates a training, maps a competency, publishes it and adds a session", async () => {
    const s = await createScenario(db);
    const { writing } = await createPublishedFramework(db);
    const fields = trainingFields({ title: "Verständlich schreiben im Amt" });
    const created = await newAction(args(await post(s.hrUser.id, "/schulungen/neu", fields)));
    expect(created).toBeInstanceOf(Response);
    const location = (created as Response).headers.get("Location")!;
    const trainingId = location.split("/")[2]!;
    expect(location).toBe(`/schulungen/${trainingId}/bearbeiten?angelegt=1`);
    expect(await db.training.findUniqueOrThrow({ where: { id: trainingId } })).toMatchObject({ status: "DRAFT", durationMinutes: 210, format: "WEBINAR", code: fields.code.toUpperCase() });

    expect(await statusOf(editAction(args(await post(s.hrUser.id, "/", { intent: "competency", competencyId: writing.id, targetLevel: "3" }), { trainingId })))).toBe(302);
    const status = bodyOf(await editAction(args(await post(s.hrUser.id, "/", { intent: "status", status: "PUBLISHED" }), { trainingId })));
    expect(status).toMatchObject({ ok: true, message: "catalogue.published" });
    const edit = (await editLoader(args(await requestAs(s.hrUser.id, `/schulungen/${trainingId}/bearbeiten?competency=${writing.id}`), { trainingId }))) as Awaited<ReturnType<typeof editLoader>>;
    expect(edit.chosen?.id).toBe(writing.id);
    expect(edit.competencies.map((c) => [c.competency.code, c.targetLevel])).toEqual([["K.1", 3]]);

    const session = await newSessionAction(args(await post(s.hrUser.id, "/", sessionFields()), { trainingId }));
    expect((session as Response).status).toBe(302);
    expect((session as Response).headers.get("Location")).toMatch(new RegExp(`^/schulungen/${trainingId}\\?termin=angelegt#termin-`));
    const page = (await pageLoader(args(await requestAs(s.employeeUser.id, "/"), { trainingId }))) as Awaited<ReturnType<typeof pageLoader>>;
    expect(page.sessions).toHaveLength(1);
    expect(page.sessions[0]).toMatchObject({ capacity: 10, freeSeats: 10, open: true, location: "Rathaus" });
  });

  it("answers bad input with field messages, keeps the values and changes nothing", async () => {
    const s = await createScenario(db);
    const before = await db.training.count();
    const bad = await newAction(args(await post(s.hrUser.id, "/schulungen/neu", trainingFields({ title: "", durationHours: "viel", contactEmail: "kaputt", description: "Bleibt stehen" }))));
    expect(await statusOf(Promise.resolve(bad))).toBe(400);
    const body = bodyOf(bad) as { fieldErrors: Record<string, string[]>; values: Record<string, string> };
    expect(body.fieldErrors).toMatchObject({
      title: ["catalogue.validation.titleRequired"],
      durationHours: ["catalogue.validation.durationInvalid"],
      contactEmail: ["catalogue.validation.emailInvalid"],
    });
    expect(body.values.description).toBe("Bleibt stehen");
    expect(await db.training.count()).toBe(before);

    const { training, session } = await createTraining(db, { capacity: 10 });
    const noDays = bodyOf(await newSessionAction(args(await post(s.hrUser.id, "/", sessionFields({ "day-0-date": "", "day-0-start": "", "day-0-end": "", location: "" })), { trainingId: training.id }))) as {
      fieldErrors: Record<string, string[]>;
    };
    expect(noDays.fieldErrors).toMatchObject({ "days.0.date": ["catalogue.validation.dayRequired"], location: ["catalogue.validation.placeRequired"] });
    expect(await db.trainingSession.count({ where: { trainingId: training.id } })).toBe(1);

    // "Weitere Tage hinzufügen" saves nothing and returns what was typed.
    const more = bodyOf(await newSessionAction(args(await post(s.hrUser.id, "/", { ...sessionFields(), intent: "more-days", rows: "3" }), { trainingId: training.id }))) as {
      intent: string;
      values: Record<string, string>;
    };
    expect(more).toMatchObject({ intent: "more-days", values: { "day-0-start": "09:00", rows: "3" } });
    expect(await db.trainingSession.count({ where: { trainingId: training.id } })).toBe(1);

    await db.trainingSession.update({ where: { id: session.id }, data: { confirmedCount: 6 } });
    const below = await editSessionAction(args(await post(s.hrUser.id, "/", sessionFields({ capacity: "5" })), { sessionId: session.id }));
    expect(await statusOf(Promise.resolve(below))).toBe(400);
    expect((bodyOf(below) as { fieldErrors: Record<string, string[]> }).fieldErrors.capacity).toEqual(["catalogue.validation.capacityBelowConfirmed"]);
    expect((await db.trainingSession.findUniqueOrThrow({ where: { id: session.id } })).capacity).toBe(10);
    expect(await statusOf(editSessionAction(args(await post(s.hrUser.id, "/", sessionFields({ capacity: "6" })), { sessionId: session.id })))).toBe(302);
  });
});
