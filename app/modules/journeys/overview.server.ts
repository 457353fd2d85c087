// HR's view of learning journeys (per template and programme, cohorts, journeys without a
// template) and the cohort view (a programme's progress in aggregate). Everything is counted with
// grouped queries and raw SQL over all journeys at once, never a query per journey.
import { Prisma } from "~/generated/sqlite/client.ts";
import type { Db, Tx } from "~/utils/db.server.ts";
import { hasPermission, type Actor } from "~/modules/auth/permissions.ts";
import { AccessDeniedError, NotFoundError } from "~/modules/errors.ts";
import { todayInBerlin } from "~/modules/compliance/days.ts";
import { JOURNEY_STATUSES, PROGRAMMES, type GoalKind, type JourneyStatus, type Programme } from "./model.ts";
import { parseCohortAudience } from "./cohorts.server.ts";

const num = (value: unknown) => (value === null || value === undefined ? 0 : Number(value));

export type StatusCounts = Record<JourneyStatus, number>;
const emptyCounts = (): StatusCounts => Object.fromEntries(JOURNEY_STATUSES.map((s) => [s, 0])) as StatusCounts;

/** Completed of the journeys that were agreed (agreed + active + completed); null without any. */
export function completionRate(c: StatusCounts) {
  const base = c.AGREED + c.ACTIVE + c.COMPLETED;
  return base === 0 ? null : Math.round((c.COMPLETED / base) * 100);
}

function requireOverviewReader(actor: Pick<Actor, "roles">) {
  if (!hasPermission(actor.roles, "read:journey:any")) throw new AccessDeniedError("Nur die Personalentwicklung sieht die Gesamtübersicht der Lernreisen.");
}

/**
 * Per cohort: journeys, the average of their progress percentages (done of counted steps,
 * skipped steps not counted; journeys without counted steps count as 0) and overdue steps.
 */
async function cohortProgress(db: Db | Tx, today: string, cohortId?: string) {
  const where = cohortId ? Prisma.sql`j."cohortId" = ${cohortId}` : Prisma.sql`j."cohortId" IS NOT NULL`;
  const rows = await db.$queryRaw<Record<string, unknown>[]>(Prisma.sql`
    SELECT p."cohortId" AS "cohortId", COUNT(*) AS "journeys",
      AVG(CASE WHEN p."counted" > 0 THEN 100.0 * p."done" / p."counted" ELSE 0 END) AS "avgProgress",
      SUM(p."overdue") AS "overdue"
    FROM (
      SELECT j."cohortId" AS "cohortId", j."id" AS "id",
        SUM(CASE WHEN s."status" = 'DONE' THEN 1 ELSE 0 END) AS "done",
        SUM(CASE WHEN s."status" IS NOT NULL AND s."status" <> 'SKIPPED' THEN 1 ELSE 0 END) AS "counted",
        SUM(CASE WHEN s."status" IN ('OPEN', 'IN_PROGRESS') AND s."dueOn" < ${today} AND j."status" IN ('AGREED', 'ACTIVE') THEN 1 ELSE 0 END) AS "overdue"
      FROM "LearningJourney" j
      LEFT JOIN "JourneyStep" s ON s."journeyId" = j."id"
      WHERE ${where} AND j."status" <> 'CANCELLED'
      GROUP BY j."cohortId", j."id"
    ) p
    GROUP BY p."cohortId"`);
  return new Map(rows.map((r) => [String(r.cohortId), { journeys: num(r.journeys), avgProgress: Math.round(num(r.avgProgress)), overdue: num(r.overdue) }]));
}

export interface TemplateOverviewRow {
  id: string;
  title: string;
  programme: Programme;
  version: number;
  archived: boolean;
  counts: StatusCounts;
  total: number;
  completionRate: number | null;
}

/** HR's overview: journeys per template and programme, cohorts, journeys without template. */
export async function journeyOverview(db: Db | Tx, actor: Actor, { now = new Date() } = {}) {
  requireOverviewReader(actor);
  const today = todayInBerlin(now);
  const [templates, byTemplate, byGoal, cohorts, cohortCounts, progress] = await Promise.all([
    db.journeyTemplate.findMany({ orderBy: { title: "asc" }, select: { id: true, title: true, programme: true, version: true, archivedAt: true } }),
    db.learningJourney.groupBy({ by: ["templateId", "status"], where: { templateId: { not: null } }, _count: { _all: true } }),
    db.learningJourney.groupBy({ by: ["goalKind", "status"], where: { templateId: null }, _count: { _all: true } }),
    db.journeyCohort.findMany({ orderBy: [{ startsOn: "desc" }, { title: "asc" }], select: { id: true, title: true, startsOn: true, template: { select: { title: true, programme: true } } } }),
    db.learningJourney.groupBy({ by: ["cohortId", "status"], where: { cohortId: { not: null } }, _count: { _all: true } }),
    cohortProgress(db, today),
  ]);
  const countsOf = (rows: { key: string | null; status: string; n: number }[]) => {
    const map = new Map<string, StatusCounts>();
    for (const r of rows) {
      const c = map.get(r.key ?? "") ?? emptyCounts();
      c[r.status as JourneyStatus] += r.n;
      map.set(r.key ?? "", c);
    }
    return map;
  };
  const tCounts = countsOf(byTemplate.map((r) => ({ key: r.templateId, status: r.status, n: r._count._all })));
  const templateRows: TemplateOverviewRow[] = templates.map((t) => {
    const counts = tCounts.get(t.id) ?? emptyCounts();
    return { id: t.id, title: t.title, programme: t.programme as Programme, version: t.version, archived: t.archivedAt !== null, counts, total: sum(counts), completionRate: completionRate(counts) };
  });
  const programmes = PROGRAMMES.map((programme) => {
    const counts = emptyCounts();
    for (const row of templateRows.filter((r) => r.programme === programme)) for (const s of JOURNEY_STATUSES) counts[s] += row.counts[s];
    return { programme, templates: templateRows.filter((r) => r.programme === programme).length, counts, total: sum(counts), completionRate: completionRate(counts) };
  }).filter((p) => p.templates > 0);
  const gCounts = countsOf(byGoal.map((r) => ({ key: r.goalKind, status: r.status, n: r._count._all })));
  const withoutTemplate = [...gCounts.entries()]
    .map(([goalKind, counts]) => ({ goalKind: goalKind as GoalKind, counts, total: sum(counts), completionRate: completionRate(counts) }))
    .sort((a, b) => a.goalKind.localeCompare(b.goalKind));
  const cCounts = countsOf(cohortCounts.map((r) => ({ key: r.cohortId, status: r.status, n: r._count._all })));
  const cohortRows = cohorts.map((c) => {
    const counts = cCounts.get(c.id) ?? emptyCounts();
    const p = progress.get(c.id);
    return { id: c.id, title: c.title, startsOn: c.startsOn, templateTitle: c.template.title, programme: c.template.programme as Programme, counts, total: sum(counts), completionRate: completionRate(counts), avgProgress: p?.avgProgress ?? 0, overdue: p?.overdue ?? 0 };
  });
  return { templates: templateRows, programmes, cohorts: cohortRows, withoutTemplate };
}

function sum(c: StatusCounts) {
  return JOURNEY_STATUSES.reduce((a, s) => a + c[s], 0);
}

/** A cohort's progress in aggregate, and (for HR) its participants by name. */
export async function cohortView(db: Db | Tx, actor: Actor, cohortId: string, { now = new Date() } = {}) {
  requireOverviewReader(actor);
  const today = todayInBerlin(now);
  const cohort = await db.journeyCohort.findUnique({
    where: { id: cohortId },
    select: { id: true, title: true, startsOn: true, audience: true, createdAt: true, template: { select: { id: true, title: true, programme: true, version: true, durationWeeks: true } } },
  });
  if (!cohort) throw new NotFoundError("Gruppe nicht gefunden");
  const [statusRows, progress, phaseRows, participants, stepRows] = await Promise.all([
    db.learningJourney.groupBy({ by: ["status"], where: { cohortId }, _count: { _all: true } }),
    cohortProgress(db, today, cohortId),
    db.$queryRaw<Record<string, unknown>[]>(Prisma.sql`
      SELECT ph."title" AS "title", MIN(ph."position") AS "position",
        SUM(CASE WHEN s."status" = 'DONE' THEN 1 ELSE 0 END) AS "done",
        SUM(CASE WHEN s."status" <> 'SKIPPED' THEN 1 ELSE 0 END) AS "counted",
        SUM(CASE WHEN s."status" IN ('OPEN', 'IN_PROGRESS') AND s."dueOn" < ${today} AND j."status" IN ('AGREED', 'ACTIVE') THEN 1 ELSE 0 END) AS "overdue"
      FROM "JourneyStep" s
      JOIN "JourneyPhase" ph ON ph."id" = s."phaseId"
      JOIN "LearningJourney" j ON j."id" = s."journeyId"
      WHERE j."cohortId" = ${cohortId} AND j."status" <> 'CANCELLED'
      GROUP BY ph."title"
      ORDER BY MIN(ph."position"), ph."title"`),
    db.learningJourney.findMany({
      where: { cohortId },
      select: { id: true, status: true, startsOn: true, endsOn: true, templateVersion: true, person: { select: { firstName: true, lastName: true } } },
    }),
    db.journeyStep.groupBy({ by: ["journeyId", "status"], where: { journey: { cohortId } }, _count: { _all: true } }),
  ]);
  const counts = emptyCounts();
  for (const r of statusRows) counts[r.status as JourneyStatus] = r._count._all;
  const stepsOf = new Map<string, { done: number; counted: number }>();
  for (const r of stepRows) {
    const s = stepsOf.get(r.journeyId) ?? { done: 0, counted: 0 };
    if (r.status !== "SKIPPED") s.counted += r._count._all;
    if (r.status === "DONE") s.done += r._count._all;
    stepsOf.set(r.journeyId, s);
  }
  const p = progress.get(cohortId);
  return {
    cohort: { ...cohort, programme: cohort.template.programme as Programme, audience: parseCohortAudience(cohort.audience) },
    counts,
    total: sum(counts),
    completionRate: completionRate(counts),
    avgProgress: p?.avgProgress ?? 0,
    overdue: p?.overdue ?? 0,
    phases: phaseRows.map((r) => {
      const counted = num(r.counted);
      return { title: String(r.title), done: num(r.done), counted, percent: counted === 0 ? 0 : Math.round((num(r.done) / counted) * 100), overdue: num(r.overdue) };
    }),
    // By name, never by progress: no ranking of people.
    participants: participants
      .map((j) => {
        const s = stepsOf.get(j.id) ?? { done: 0, counted: 0 };
        return {
          journeyId: j.id,
          name: `${j.person.lastName}, ${j.person.firstName}`,
          status: j.status as JourneyStatus,
          startsOn: j.startsOn,
          endsOn: j.endsOn,
          outdated: (j.templateVersion ?? 0) < cohort.template.version,
          percent: s.counted === 0 ? 0 : Math.round((s.done / s.counted) * 100),
        };
      })
      .sort((a, b) => a.name.localeCompare(b.name, "de")),
  };
}
