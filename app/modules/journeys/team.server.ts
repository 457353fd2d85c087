// The leader's view of their team's learning journeys (/lernreisen/team): journeys waiting for
// their agreement first, then running journeys with progress and overdue steps. People of the led
// units and below only (never the leader's own journeys), sorted by name, never ranked.
// Set-based: a count and a page query, then the page's step counts and overdue steps in one query each.
import { z } from "zod";
import type { Db, Tx } from "~/utils/db.server.ts";
import type { Prisma } from "~/generated/sqlite/client.ts";
import { hasPermission, pathInTeam, type Actor } from "~/modules/auth/permissions.ts";
import { AccessDeniedError, NotFoundError } from "~/modules/errors.ts";
import { personInSubtrees } from "~/modules/org/org.server.ts";
import { todayInBerlin } from "~/modules/compliance/days.ts";
import { progressOf, type JourneyStatus, type StepStatus } from "./model.ts";

export const TEAM_JOURNEY_PAGE_SIZE = 25;
/** Pending agreements shown at once (the count says how many there are in all). */
export const TEAM_PENDING_LIMIT = 50;
/** Overdue steps named per journey (the count says how many there are in all). */
const OVERDUE_SHOWN = 3;

export const TEAM_STATUS_FILTERS = ["RUNNING", "AGREED", "ACTIVE", "OVERDUE", "COMPLETED"] as const;
export type TeamStatusFilter = (typeof TEAM_STATUS_FILTERS)[number];

export const TeamJourneyQuerySchema = z.object({
  unit: z.string().trim().max(100).optional().catch(undefined).transform((v) => v || undefined),
  status: z.enum(TEAM_STATUS_FILTERS).catch("RUNNING").default("RUNNING"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
export type TeamJourneyQuery = z.infer<typeof TeamJourneyQuerySchema>;

export function parseTeamJourneyQuery(params: URLSearchParams): TeamJourneyQuery {
  return TeamJourneyQuerySchema.parse(Object.fromEntries(params));
}

const OPEN_STEP: StepStatus[] = ["OPEN", "IN_PROGRESS"];
const RUNNING: JourneyStatus[] = ["AGREED", "ACTIVE"];

function requireTeamLeader(actor: Actor) {
  if (!hasPermission(actor.roles, "read:journey:team") || actor.ledUnitPaths.length === 0) {
    throw new AccessDeniedError("Sie leiten keine Organisationseinheit.");
  }
}

/** People of the given subtrees except the actor. */
async function teamPeopleWhere(db: Db | Tx, actor: Actor, paths: string[]): Promise<Prisma.PersonWhereInput> {
  return { AND: [await personInSubtrees(db as Tx, paths), actor.personId ? { id: { not: actor.personId } } : {}] };
}

function listWhere(person: Prisma.PersonWhereInput, status: TeamStatusFilter, today: string): Prisma.LearningJourneyWhereInput {
  if (status === "RUNNING") return { person, status: { in: RUNNING } };
  if (status === "OVERDUE") return { person, status: { in: RUNNING }, steps: { some: { status: { in: OPEN_STEP }, dueOn: { lt: today } } } };
  return { person, status };
}

const personSelect = { id: true, firstName: true, lastName: true, orgUnit: { select: { code: true, name: true } } } as const;

export async function getTeamJourneys(db: Db, actor: Actor, query: TeamJourneyQuery, { now = new Date() }: { now?: Date } = {}) {
  requireTeamLeader(actor);
  const today = todayInBerlin(now);
  const units = await db.orgUnit.findMany({
    where: { OR: actor.ledUnitPaths.map((p) => ({ path: { startsWith: p } })) },
    select: { id: true, code: true, name: true, depth: true, path: true },
    orderBy: [{ path: "asc" }],
  });
  let paths = actor.ledUnitPaths;
  let selectedUnit: (typeof units)[number] | null = null;
  if (query.unit) {
    selectedUnit = units.find((u) => u.id === query.unit) ?? null;
    if (!selectedUnit) {
      const unit = await db.orgUnit.findUnique({ where: { id: query.unit }, select: { path: true } });
      if (!unit) throw new NotFoundError("Organisationseinheit nicht gefunden");
      if (!pathInTeam(actor, unit.path)) throw new AccessDeniedError("Diese Einheit gehört nicht zu Ihrem Team.");
    }
    paths = [selectedUnit!.path];
  }
  const person = await teamPeopleWhere(db, actor, paths);

  const pendingWhere: Prisma.LearningJourneyWhereInput = { person, status: "PROPOSED" };
  const where = listWhere(person, query.status, today);
  const [pendingTotal, pendingRows, total] = await Promise.all([
    db.learningJourney.count({ where: pendingWhere }),
    db.learningJourney.findMany({
      where: pendingWhere,
      // Waiting longest first.
      orderBy: [{ proposedAt: "asc" }, { id: "asc" }],
      take: TEAM_PENDING_LIMIT,
      select: { id: true, title: true, proposedAt: true, startsOn: true, endsOn: true, person: { select: personSelect }, _count: { select: { steps: true } } },
    }),
    db.learningJourney.count({ where }),
  ]);
  const pageCount = Math.max(1, Math.ceil(total / TEAM_JOURNEY_PAGE_SIZE));
  const page = Math.min(query.page, pageCount);
  const journeys = await db.learningJourney.findMany({
    where,
    orderBy: [{ person: { lastName: "asc" } }, { person: { firstName: "asc" } }, { title: "asc" }, { id: "asc" }],
    skip: (page - 1) * TEAM_JOURNEY_PAGE_SIZE,
    take: TEAM_JOURNEY_PAGE_SIZE,
    select: { id: true, title: true, status: true, startsOn: true, endsOn: true, completedAt: true, person: { select: personSelect } },
  });
  const ids = journeys.map((j) => j.id);
  const [counts, overdue] = ids.length
    ? await Promise.all([
        db.journeyStep.groupBy({ by: ["journeyId", "status"], where: { journeyId: { in: ids } }, _count: { _all: true } }),
        db.journeyStep.findMany({
          where: { journeyId: { in: ids }, status: { in: OPEN_STEP }, dueOn: { lt: today } },
          orderBy: [{ dueOn: "asc" }, { position: "asc" }],
          select: { id: true, journeyId: true, title: true, dueOn: true },
        }),
      ])
    : [[], []];
  const statusesOf = new Map<string, { status: StepStatus }[]>();
  for (const c of counts) {
    const list = statusesOf.get(c.journeyId) ?? [];
    for (let i = 0; i < c._count._all; i++) list.push({ status: c.status as StepStatus });
    statusesOf.set(c.journeyId, list);
  }
  const overdueOf = new Map<string, { id: string; title: string; dueOn: string }[]>();
  for (const s of overdue) overdueOf.set(s.journeyId, [...(overdueOf.get(s.journeyId) ?? []), { id: s.id, title: s.title, dueOn: s.dueOn! }]);

  return {
    today,
    units: units.map(({ path: _path, ...u }) => u),
    selectedUnitId: selectedUnit?.id ?? null,
    status: query.status,
    pending: {
      total: pendingTotal,
      rows: pendingRows.map(({ _count, ...j }) => ({ ...j, steps: _count.steps })),
    },
    journeys: journeys.map((j) => {
      const late = overdueOf.get(j.id) ?? [];
      return { ...j, progress: progressOf(statusesOf.get(j.id) ?? []), overdueCount: late.length, overdueSteps: late.slice(0, OVERDUE_SHOWN) };
    }),
    total,
    page,
    pageCount,
    pageSize: TEAM_JOURNEY_PAGE_SIZE,
  };
}

export type TeamJourneysView = Awaited<ReturnType<typeof getTeamJourneys>>;

/**
 * The leader's start-page card: journeys waiting for agreement, running journeys and those with
 * overdue steps, in the led units. Null for anyone who leads no unit.
 */
export async function getTeamJourneyCounts(db: Db, actor: Actor, { now = new Date() }: { now?: Date } = {}) {
  if (!hasPermission(actor.roles, "read:journey:team") || actor.ledUnitPaths.length === 0) return null;
  const today = todayInBerlin(now);
  const person = await teamPeopleWhere(db, actor, actor.ledUnitPaths);
  const [pending, running, overdue] = await Promise.all([
    db.learningJourney.count({ where: { person, status: "PROPOSED" } }),
    db.learningJourney.count({ where: listWhere(person, "RUNNING", today) }),
    db.learningJourney.count({ where: listWhere(person, "OVERDUE", today) }),
  ]);
  return { pending, running, overdue };
}
