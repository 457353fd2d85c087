import { randomUUID } from "node:crypto";
import { db } from "~/utils/db.server.ts";
import { AccessDeniedError, NotFoundError, ValidationError } from "~/modules/errors.ts";
import { upsertPositionRequirement } from "~/modules/competency/profiles.server.ts";
import {
  createTraining,
  getTraining,
  listCatalogueCompetencies,
  removeTrainingCompetency,
  searchCatalogue,
  searchTextOfTraining,
  setTrainingCompetency,
  setTrainingStatus,
  updateTraining,
} from "./catalogue.server.ts";
import { CatalogueQuerySchema, TrainingSchema, parseDecimal, type CatalogueQuery } from "./schemas.ts";
import { actorFor, createScenario } from "../../../tests/factories.ts";
import { createPublishedFramework } from "../../../tests/competency-factories.ts";

const DAY = 86_400_000;
const OPTIONS = { validityMonths: 24 };
const query = (q: Partial<CatalogueQuery>): CatalogueQuery => ({ ...CatalogueQuerySchema.parse({}), ...q });

function trainingInput(overrides: Record<string, string> = {}) {
  const parsed = TrainingSchema.parse({ code: `T-${randomUUID().slice(0, 6)}`, title: "Schulung", format: "CLASSROOM", requiresApproval: "on", ...overrides });
  return parsed;
}

interface SessionSpec {
  startsInDays: number;
  days?: number;
  capacity?: number;
  confirmed?: number;
  deadlineInDays?: number | null;
  status?: "SCHEDULED" | "CANCELLED";
}

/** A training with sessions written straight to the database (status and counts as given). */
async function makeTraining({
  title,
  format = "CLASSROOM" as "CLASSROOM" | "WEBINAR" | "ELEARNING",
  status = "PUBLISHED" as "DRAFT" | "PUBLISHED" | "ARCHIVED",
  provider = "",
  sessions = [] as SessionSpec[],
  competencies = [] as { node: { id: string; lineageId: string }; targetLevel: number }[],
}: {
  title: string;
  format?: "CLASSROOM" | "WEBINAR" | "ELEARNING";
  status?: "DRAFT" | "PUBLISHED" | "ARCHIVED";
  provider?: string;
  sessions?: SessionSpec[];
  competencies?: { node: { id: string; lineageId: string }; targetLevel: number }[];
}) {
  const code = `T-${randomUUID().slice(0, 8)}`;
  const training = await db.training.create({
    data: {
      code,
      title,
      format,
      status,
      provider,
      searchText: searchTextOfTraining({ code, title, description: "", provider }),
      competencies: { create: competencies.map((c) => ({ competencyId: c.node.id, lineageId: c.node.lineageId, targetLevel: c.targetLevel })) },
    },
  });
  const now = Date.now();
  for (const s of sessions) {
    const dayCount = s.days ?? 1;
    const days = Array.from({ length: dayCount }, (_, i) => ({ startsAt: new Date(now + (s.startsInDays + i) * DAY), endsAt: new Date(now + (s.startsInDays + i) * DAY + 6 * 3_600_000) }));
    await db.trainingSession.create({
      data: {
        trainingId: training.id,
        startsAt: days[0]!.startsAt,
        endsAt: days[dayCount - 1]!.endsAt,
        location: "Rathaus",
        capacity: s.capacity ?? 10,
        confirmedCount: s.confirmed ?? 0,
        enrolmentDeadline: s.deadlineInDays === undefined || s.deadlineInDays === null ? null : new Date(now + s.deadlineInDays * DAY),
        status: s.status ?? "SCHEDULED",
        days: { create: days },
      },
    });
  }
  return training;
}

describe("training input", () => {
  it("turns German numbers into minutes and cents and names every bad field", () => {
    expect(parseDecimal("7,5")).toBe(7.5);
    expect(parseDecimal("1.250,50")).toBe(1250.5);
    expect(parseDecimal("1.250")).toBe(1250);
    expect(parseDecimal("250 €")).toBe(250);
    expect(parseDecimal("12,345")).toBeNull();
    expect(parseDecimal("zwei")).toBeNull();
    const ok = trainingInput({ durationHours: "7,5", cost: "1.250,50", code: "ds-01" });
    expect(ok).toMatchObject({ durationHours: 450, cost: 125050, code: "DS-01", requiresApproval: true });
    const bad = TrainingSchema.safeParse({ code: "mit leerzeichen", title: " ", format: "PODCAST", durationHours: "lang", cost: "-5", contactEmail: "keine-mail", externalUrl: "ftp://x" });
    expect(bad.success).toBe(false);
    const fields = Object.fromEntries(bad.error!.issues.map((i) => [i.path.join("."), i.message]));
    expect(fields).toMatchObject({
      code: "catalogue.validation.codeInvalid",
      title: "catalogue.validation.titleRequired",
      format: "catalogue.validation.formatRequired",
      durationHours: "catalogue.validation.durationInvalid",
      cost: "catalogue.validation.costInvalid",
      contactEmail: "catalogue.validation.emailInvalid",
      externalUrl: "catalogue.validation.urlInvalid",
    });
  });
});

describe("maintaining the catalogue", () => {
  it("lets HR create a draft, edit it and keep searchText in step; refuses everyone else", async () => {
    const s = await createScenario(db);
    const hr = await actorFor(db, s.hrUser.id);
    const training = await createTraining(db, hr, trainingInput({ title: "Datenschutz im Bürgerbüro", provider: "Studieninstitut" }));
    expect(training.status).toBe("DRAFT");
    expect(training.searchText).toContain("datenschutz im bürgerbüro");
    const updated = await updateTraining(db, hr, training.id, trainingInput({ code: training.code, title: "Datenschutz-Grundschulung", description: "DSGVO für alle", provider: "HZD" }));
    expect(updated.searchText).toBe(`${training.code.toLowerCase()} datenschutz-grundschulung dsgvo für alle hzd`);
    expect(await db.auditEvent.count({ where: { entityType: "Training", entityId: training.id } })).toBe(2);

    for (const user of [s.employeeUser, s.leaderUser, s.adminUser]) {
      const actor = await actorFor(db, user.id);
      await expect(createTraining(db, actor, trainingInput())).rejects.toBeInstanceOf(AccessDeniedError);
      await expect(updateTraining(db, actor, training.id, trainingInput({ title: "Übernommen" }))).rejects.toBeInstanceOf(AccessDeniedError);
      await expect(setTrainingStatus(db, actor, training.id, "PUBLISHED")).rejects.toBeInstanceOf(AccessDeniedError);
    }
    expect((await db.training.findUniqueOrThrow({ where: { id: training.id } })).title).toBe("Datenschutz-Grundschulung");
  });

  it("refuses a catalogue number that is taken and changes nothing", async () => {
    const s = await createScenario(db);
    const hr = await actorFor(db, s.hrUser.id);
    const first = await createTraining(db, hr, trainingInput({ title: "Erste" }));
    const before = await db.training.count();
    const error = await createTraining(db, hr, trainingInput({ code: first.code, title: "Zweite" })).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors.code).toEqual(["catalogue.validation.codeTaken"]);
    expect(await db.training.count()).toBe(before);
    const other = await createTraining(db, hr, trainingInput({ title: "Andere" }));
    await expect(updateTraining(db, hr, other.id, trainingInput({ code: first.code, title: "Andere" }))).rejects.toBeInstanceOf(ValidationError);
    expect((await db.training.findUniqueOrThrow({ where: { id: other.id } })).code).toBe(other.code);
  });

  it("publishes and archives along the allowed transitions", async () => {
    const s = await createScenario(db);
    const hr = await actorFor(db, s.hrUser.id);
    const training = await createTraining(db, hr, trainingInput());
    await setTrainingStatus(db, hr, training.id, "PUBLISHED");
    await expect(setTrainingStatus(db, hr, training.id, "PUBLISHED")).rejects.toMatchObject({ message: "catalogue.validation.transition.PUBLISHED.PUBLISHED" });
    await setTrainingStatus(db, hr, training.id, "ARCHIVED");
    await setTrainingStatus(db, hr, training.id, "PUBLISHED");
    expect((await db.training.findUniqueOrThrow({ where: { id: training.id } })).status).toBe("PUBLISHED");
    expect(await db.auditEvent.count({ where: { entityId: training.id, action: { in: ["training.publish", "training.archive"] } } })).toBe(3);
    await expect(setTrainingStatus(db, hr, "unbekannt", "ARCHIVED")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("maps competencies of published frameworks by lineage with a level of their scale", async () => {
    const s = await createScenario(db);
    const hr = await actorFor(db, s.hrUser.id);
    const fw = await createPublishedFramework(db);
    const draft = await createPublishedFramework(db, { status: "DRAFT" });
    const training = await createTraining(db, hr, trainingInput());
    await setTrainingCompetency(db, hr, training.id, { competencyId: fw.writing.id, targetLevel: 2 });
    await setTrainingCompetency(db, hr, training.id, { competencyId: fw.writing.id, targetLevel: 3 });
    const rows = await db.trainingCompetency.findMany({ where: { trainingId: training.id } });
    expect(rows).toEqual([expect.objectContaining({ competencyId: fw.writing.id, lineageId: fw.writing.lineageId, targetLevel: 3 })]);

    const outOfScale = await setTrainingCompetency(db, hr, training.id, { competencyId: fw.listening.id, targetLevel: 5 }).catch((e) => e);
    expect(outOfScale).toBeInstanceOf(ValidationError);
    expect(outOfScale.fieldErrors.targetLevel).toEqual(["catalogue.validation.levelOutOfScale"]);
    await expect(setTrainingCompetency(db, hr, training.id, { competencyId: draft.writing.id, targetLevel: 2 })).rejects.toBeInstanceOf(ValidationError);
    await expect(setTrainingCompetency(db, hr, training.id, { competencyId: fw.cluster.id, targetLevel: 2 })).rejects.toBeInstanceOf(ValidationError);
    expect(await db.trainingCompetency.count({ where: { trainingId: training.id } })).toBe(1);

    const employee = await actorFor(db, s.employeeUser.id);
    await expect(setTrainingCompetency(db, employee, training.id, { competencyId: fw.listening.id, targetLevel: 2 })).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(removeTrainingCompetency(db, employee, training.id, fw.writing.lineageId)).rejects.toBeInstanceOf(AccessDeniedError);
    await removeTrainingCompetency(db, hr, training.id, fw.writing.lineageId);
    expect(await db.trainingCompetency.count({ where: { trainingId: training.id } })).toBe(0);
  });
});

describe("searching the catalogue", () => {
  it("shows employees only published trainings; HR filters by status; drafts are 404 for employees", async () => {
    const s = await createScenario(db);
    const tag = randomUUID().slice(0, 8);
    const published = await makeTraining({ title: `Veröffentlicht ${tag}` });
    const draft = await makeTraining({ title: `Entwurf ${tag}`, status: "DRAFT" });
    const archived = await makeTraining({ title: `Archiv ${tag}`, status: "ARCHIVED" });
    const employee = await actorFor(db, s.employeeUser.id);
    const hr = await actorFor(db, s.hrUser.id);
    const admin = await actorFor(db, s.adminUser.id);
    for (const actor of [employee, admin]) {
      const result = await searchCatalogue(db, actor, query({ q: tag, status: "ALL" }), OPTIONS);
      expect(result.trainings.map((t) => t.id)).toEqual([published.id]);
      expect(result.editor).toBe(false);
    }
    const all = await searchCatalogue(db, hr, query({ q: tag }), OPTIONS);
    expect(all.trainings.map((t) => t.title)).toEqual([`Archiv ${tag}`, `Entwurf ${tag}`, `Veröffentlicht ${tag}`]);
    expect((await searchCatalogue(db, hr, query({ q: tag, status: "DRAFT" }), OPTIONS)).trainings.map((t) => t.id)).toEqual([draft.id]);

    await expect(getTraining(db, employee, draft.id, OPTIONS)).rejects.toBeInstanceOf(NotFoundError);
    expect((await getTraining(db, hr, draft.id, OPTIONS)).training.id).toBe(draft.id);
    expect((await getTraining(db, employee, archived.id, OPTIONS)).training.status).toBe("ARCHIVED");
    await expect(getTraining(db, employee, "unbekannt", OPTIONS)).rejects.toBeInstanceOf(NotFoundError);
    const options = await listCatalogueCompetencies(db, employee);
    expect(Array.isArray(options)).toBe(true);
  });

  it("searches case-insensitively in title, description, provider and code, word by word", async () => {
    const s = await createScenario(db);
    const employee = await actorFor(db, s.employeeUser.id);
    const tag = randomUUID().slice(0, 8);
    const a = await makeTraining({ title: `Ärger im Bürgerbüro ${tag}`, provider: "Studieninstitut Mittelhessen" });
    const b = await makeTraining({ title: `Datenschutz ${tag}` });
    const ids = async (q: string) => (await searchCatalogue(db, employee, query({ q }), OPTIONS)).trainings.map((t) => t.id);
    expect(await ids(`ÄRGER ${tag}`)).toEqual([a.id]);
    expect(await ids(`studieninstitut ${tag.toUpperCase()}`)).toEqual([a.id]);
    expect(await ids(`${tag} datenschutz`)).toEqual([b.id]);
    expect(await ids(`${tag} datenschutz bürgerbüro`)).toEqual([]);
    expect(await ids(a.code.toLowerCase())).toEqual([a.id]);
    // LIKE wildcards are not wildcards here.
    expect((await ids(`% ${tag}`)).sort()).toEqual([a.id, b.id].sort()); // order of "Ä" depends on the database's collation
    expect(await ids(`${tag}%datenschutz`)).toEqual([b.id]);
    expect((await searchCatalogue(db, employee, query({ q: "%" }), OPTIONS)).total).toBe(await db.training.count({ where: { status: "PUBLISHED" } }));
  });

  it("filters by format, competency lineage and a date range that overlaps a session", async () => {
    const s = await createScenario(db);
    const employee = await actorFor(db, s.employeeUser.id);
    const fw = await createPublishedFramework(db);
    const tag = randomUUID().slice(0, 8);
    const soon = await makeTraining({ title: `A bald ${tag}`, sessions: [{ startsInDays: 10 }], competencies: [{ node: fw.writing, targetLevel: 3 }] });
    const later = await makeTraining({ title: `B später ${tag}`, format: "WEBINAR", sessions: [{ startsInDays: 40, days: 3 }], competencies: [{ node: fw.listening, targetLevel: 2 }] });
    const cancelled = await makeTraining({ title: `C abgesagt ${tag}`, sessions: [{ startsInDays: 10, status: "CANCELLED" }] });
    const ids = async (q: Partial<CatalogueQuery>) => (await searchCatalogue(db, employee, query({ q: tag, ...q }), OPTIONS)).trainings.map((t) => t.id);
    const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);

    expect(await ids({ format: "WEBINAR" })).toEqual([later.id]);
    expect(await ids({ competency: fw.writing.lineageId })).toEqual([soon.id]);
    expect(await ids({ from: day(5), to: day(15) })).toEqual([soon.id]);
    // A three-day session from day 40 to 42 overlaps a range that starts on day 41.
    expect(await ids({ from: day(41), to: day(60) })).toEqual([later.id]);
    expect(await ids({ from: day(35) })).toEqual([later.id]);
    expect(await ids({ to: day(20) })).toEqual([soon.id]);
    // A range given the wrong way round is read the right way round.
    expect(await ids({ from: day(15), to: day(5) })).toEqual([soon.id]);
    expect(await ids({ from: day(100) })).toEqual([]);
    expect(await ids({})).toEqual([soon.id, later.id, cancelled.id]);

    // The competency filter matches trainings mapped to an older version through the lineage.
    const options = await listCatalogueCompetencies(db, employee);
    const items = options.flatMap((g) => g.items);
    expect(items.map((i) => i.lineageId)).toEqual(expect.arrayContaining([fw.writing.lineageId, fw.listening.lineageId]));
  });

  it("finds only trainings with a future session that has free places and an open deadline", async () => {
    const s = await createScenario(db);
    const employee = await actorFor(db, s.employeeUser.id);
    const tag = randomUUID().slice(0, 8);
    const free = await makeTraining({ title: `A frei ${tag}`, sessions: [{ startsInDays: 20, capacity: 12, confirmed: 9, deadlineInDays: 10 }] });
    await makeTraining({ title: `B voll ${tag}`, sessions: [{ startsInDays: 20, capacity: 12, confirmed: 12 }] });
    await makeTraining({ title: `C Frist vorbei ${tag}`, sessions: [{ startsInDays: 5, capacity: 12, confirmed: 1, deadlineInDays: -1 }] });
    await makeTraining({ title: `D vergangen ${tag}`, sessions: [{ startsInDays: -10, capacity: 12, confirmed: 1 }] });
    await makeTraining({ title: `E abgesagt ${tag}`, sessions: [{ startsInDays: 20, capacity: 12, status: "CANCELLED" }] });
    const mixed = await makeTraining({ title: `F gemischt ${tag}`, sessions: [{ startsInDays: 3, capacity: 5, confirmed: 5 }, { startsInDays: 30, capacity: 5, confirmed: 4 }] });
    const result = await searchCatalogue(db, employee, query({ q: tag, free: true }), OPTIONS);
    expect(result.trainings.map((t) => t.id)).toEqual([free.id, mixed.id]);
    expect(result.trainings[0]!.nextSession).toMatchObject({ capacity: 12, freeSeats: 3, open: true });
    // With the free-seat filter, the row shows the session that has places, not the full one before it.
    expect(result.trainings[1]!.nextSession).toMatchObject({ freeSeats: 1 });
    // Without it, the next scheduled session and the number of further ones.
    const unfiltered = await searchCatalogue(db, employee, query({ q: `gemischt ${tag}` }), OPTIONS);
    expect(unfiltered.trainings[0]!.nextSession).toMatchObject({ freeSeats: 0, open: false });
    expect(unfiltered.trainings[0]!.upcomingSessions).toBe(2);
    // Date range and free places apply to the same session.
    const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);
    const both = await searchCatalogue(db, employee, query({ q: tag, free: true, from: day(1), to: day(10) }), OPTIONS);
    expect(both.trainings).toEqual([]);
  });

  it("orders by title and pages through the results", async () => {
    const s = await createScenario(db);
    const employee = await actorFor(db, s.employeeUser.id);
    const tag = randomUUID().slice(0, 8);
    for (const letter of ["D", "B", "E", "A", "C"]) await makeTraining({ title: `${letter} Kurs ${tag}` });
    const first = await searchCatalogue(db, employee, query({ q: tag, page: 1 }), { ...OPTIONS, pageSize: 2 });
    const third = await searchCatalogue(db, employee, query({ q: tag, page: 3 }), { ...OPTIONS, pageSize: 2 });
    expect(first.trainings.map((t) => t.title[0])).toEqual(["A", "B"]);
    expect(third.trainings.map((t) => t.title[0])).toEqual(["E"]);
    expect(first).toMatchObject({ total: 5, pageCount: 3 });
    // A page beyond the end shows the last page.
    expect((await searchCatalogue(db, employee, query({ q: tag, page: 99 }), { ...OPTIONS, pageSize: 2 })).page).toBe(3);
  });
});

describe("closing the viewer's gaps", () => {
  it("marks trainings whose level reaches the required level of a gap, in the list, the filter and the page", async () => {
    const s = await createScenario(db);
    const hr = await actorFor(db, s.hrUser.id);
    const employee = await actorFor(db, s.employeeUser.id);
    const fw = await createPublishedFramework(db);
    // The employee's position requires writing at level 3 (current 1: a gap) and listening at 2 (current 2: met).
    await upsertPositionRequirement(db, hr, s.employee.position.id, { competencyId: fw.writing.id, targetLevel: 3, importance: "ESSENTIAL" });
    await upsertPositionRequirement(db, hr, s.employee.position.id, { competencyId: fw.listening.id, targetLevel: 2, importance: "IMPORTANT" });
    await db.competencyLevelRecord.createMany({
      data: [
        { personId: s.employee.id, competencyId: fw.writing.id, lineageId: fw.writing.lineageId, level: 1, source: "AGREED" },
        { personId: s.employee.id, competencyId: fw.listening.id, lineageId: fw.listening.lineageId, level: 2, source: "AGREED" },
      ],
    });
    const tag = randomUUID().slice(0, 8);
    const closes = await makeTraining({ title: `A schließt ${tag}`, competencies: [{ node: fw.writing, targetLevel: 3 }] });
    const beyond = await makeTraining({ title: `B übertrifft ${tag}`, competencies: [{ node: fw.writing, targetLevel: 4 }, { node: fw.listening, targetLevel: 4 }] });
    await makeTraining({ title: `C zu niedrig ${tag}`, competencies: [{ node: fw.writing, targetLevel: 2 }] });
    await makeTraining({ title: `D ohne Lücke ${tag}`, competencies: [{ node: fw.listening, targetLevel: 3 }] });
    await makeTraining({ title: `E ohne Kompetenz ${tag}` });

    const list = await searchCatalogue(db, employee, query({ q: tag }), OPTIONS);
    expect(list.hasGaps).toBe(true);
    expect(list.trainings.map((t) => [t.title[0], t.closesGaps.map((g) => g.code)])).toEqual([
      ["A", ["K.1"]],
      ["B", ["K.1"]],
      ["C", []],
      ["D", []],
      ["E", []],
    ]);
    const filtered = await searchCatalogue(db, employee, query({ q: tag, gaps: true }), OPTIONS);
    expect(filtered.trainings.map((t) => t.id)).toEqual([closes.id, beyond.id]);

    const page = await getTraining(db, employee, closes.id, OPTIONS);
    expect(page.closesGaps).toEqual([expect.objectContaining({ code: "K.1", required: 3, current: 1, targetLevel: 3 })]);
    expect(page.competencies[0]).toMatchObject({ descriptor: "Schreiben auf Stufe 3", level: { ordinal: 3, label: "Vertiefung" } });
    const other = await getTraining(db, employee, beyond.id, OPTIONS);
    expect(other.closesGaps.map((g) => g.code)).toEqual(["K.1"]);

    // Someone without gaps (the colleague has no requirements) gets no marks and an empty filter.
    const colleagueUser = await db.user.create({ data: { email: s.colleague.email, passwordHash: "x", personId: s.colleague.id, roles: { create: [{ role: "EMPLOYEE" }] } } });
    const colleague = await actorFor(db, colleagueUser.id);
    const theirs = await searchCatalogue(db, colleague, query({ q: tag, gaps: true }), OPTIONS);
    expect(theirs).toMatchObject({ hasGaps: false, total: 0 });
    // An account without a person (admin) sees the catalogue without gap marks.
    const admin = await actorFor(db, s.adminUser.id);
    const adminList = await searchCatalogue(db, admin, query({ q: tag }), OPTIONS);
    expect(adminList.trainings.every((t) => t.closesGaps.length === 0)).toBe(true);
  });
});
