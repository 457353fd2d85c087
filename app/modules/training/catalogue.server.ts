// The training catalogue (Lernzentrum): HR development maintains trainings and the competencies
// they develop; everyone searches the published catalogue and sees which of their own gaps a
// training closes (docs/decisions/014). Search is set-based: one count and one page query with
// every filter in the WHERE clause, whatever the size of the catalogue.
import { searchTerms } from "~/utils/query.ts";
import type { Db, Tx } from "~/utils/db.server.ts";
import type { Prisma } from "~/generated/sqlite/client.ts";
import { recordAudit } from "~/modules/audit/audit.server.ts";
import { hasPermission, type Actor } from "~/modules/auth/permissions.ts";
import { AccessDeniedError, NotFoundError, ValidationError } from "~/modules/errors.ts";
import { getPersonGaps } from "~/modules/assessment/gaps.server.ts";
import { berlinToUtc, endOfBerlinDay } from "./berlin-time.ts";
import type { CatalogueQuery, TrainingInput, TrainingStatusValue } from "./schemas.ts";

export const CATALOGUE_PAGE_SIZE = 20;

/** May the actor maintain the catalogue (create, edit, publish, archive, sessions)? */
export function canEditCatalogue(actor: Pick<Actor, "roles">) {
  return hasPermission(actor.roles, "update:training:any");
}

export function requireCatalogueEditor(actor: Actor, permission: "create:training:any" | "update:training:any" = "update:training:any") {
  if (!hasPermission(actor.roles, permission)) throw new AccessDeniedError("Nur die Personalentwicklung pflegt den Schulungskatalog.");
}

/** Lower-case code, title, description and provider: what the full-text search looks in. */
export function searchTextOfTraining(t: { code: string; title: string; description: string; provider: string }) {
  return `${t.code} ${t.title} ${t.description} ${t.provider}`.toLowerCase();
}

function trainingData(input: TrainingInput) {
  return {
    code: input.code,
    title: input.title,
    description: input.description,
    format: input.format,
    provider: input.provider,
    durationMinutes: input.durationHours,
    costCents: input.cost,
    language: input.language,
    prerequisites: input.prerequisites,
    targetGroups: input.targetGroups,
    contactName: input.contactName,
    contactEmail: input.contactEmail,
    externalUrl: input.externalUrl,
    requiresApproval: input.requiresApproval,
    searchText: searchTextOfTraining(input),
  };
}

async function assertCodeFree(tx: Tx, code: string, exceptId?: string) {
  const other = await tx.training.findUnique({ where: { code }, select: { id: true } });
  if (other && other.id !== exceptId) {
    throw new ValidationError("form.checkFields", { code: ["catalogue.validation.codeTaken"] });
  }
}

/** A new training, always as a draft: employees see it only once it is published. */
export async function createTraining(db: Db, actor: Actor, input: TrainingInput) {
  requireCatalogueEditor(actor, "create:training:any");
  return db.$transaction(async (tx) => {
    await assertCodeFree(tx, input.code);
    const training = await tx.training.create({ data: { ...trainingData(input), status: "DRAFT", createdById: actor.userId } });
    await recordAudit(tx, { actorUserId: actor.userId, action: "training.create", entityType: "Training", entityId: training.id, summary: `${training.code} ${training.title}` });
    return training;
  });
}

export async function updateTraining(db: Db, actor: Actor, trainingId: string, input: TrainingInput) {
  requireCatalogueEditor(actor);
  return db.$transaction(async (tx) => {
    const before = await tx.training.findUnique({ where: { id: trainingId }, select: { id: true, code: true, title: true } });
    if (!before) throw new NotFoundError("Schulung nicht gefunden");
    await assertCodeFree(tx, input.code, trainingId);
    const training = await tx.training.update({ where: { id: trainingId }, data: trainingData(input) });
    const renamed = before.title !== training.title || before.code !== training.code ? ` (vorher ${before.code} ${before.title})` : "";
    await recordAudit(tx, { actorUserId: actor.userId, action: "training.update", entityType: "Training", entityId: trainingId, summary: `${training.code} ${training.title}${renamed}` });
    return training;
  });
}

/** Allowed status changes: publish a draft or an archived training; archive a draft or a published one. */
const TRANSITIONS: Record<TrainingStatusValue, TrainingStatusValue[]> = {
  DRAFT: ["PUBLISHED", "ARCHIVED"],
  PUBLISHED: ["ARCHIVED"],
  ARCHIVED: ["PUBLISHED"],
};

export async function setTrainingStatus(db: Db, actor: Actor, trainingId: string, status: "PUBLISHED" | "ARCHIVED") {
  requireCatalogueEditor(actor);
  return db.$transaction(async (tx) => {
    const training = await tx.training.findUnique({ where: { id: trainingId }, select: { id: true, code: true, title: true, status: true } });
    if (!training) throw new NotFoundError("Schulung nicht gefunden");
    if (!TRANSITIONS[training.status as TrainingStatusValue].includes(status)) {
      throw new ValidationError(`catalogue.validation.transition.${training.status}.${status}`);
    }
    // Guarded on the status read above, so two concurrent changes cannot both apply.
    const { count } = await tx.training.updateMany({ where: { id: trainingId, status: training.status }, data: { status } });
    if (count !== 1) throw new ValidationError("catalogue.validation.changedMeanwhile");
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: status === "PUBLISHED" ? "training.publish" : "training.archive",
      entityType: "Training",
      entityId: trainingId,
      summary: `${training.code} ${training.title}: ${training.status} → ${status}`,
    });
  });
}

/**
 * Sets the level a training leads to in a competency of a published framework. Stored with the
 * competency's lineage, so it keeps matching gaps when the framework gets a new version; one row
 * per lineage (choosing the same competency again changes the level).
 */
export async function setTrainingCompetency(db: Db, actor: Actor, trainingId: string, input: { competencyId: string; targetLevel: number }) {
  requireCatalogueEditor(actor);
  return db.$transaction(async (tx) => {
    const training = await tx.training.findUnique({ where: { id: trainingId }, select: { id: true, code: true } });
    if (!training) throw new NotFoundError("Schulung nicht gefunden");
    const node = await tx.competencyNode.findUnique({
      where: { id: input.competencyId },
      select: { id: true, code: true, name: true, kind: true, lineageId: true, framework: { select: { status: true, scale: { select: { _count: { select: { levels: true } } } } } } },
    });
    if (!node || node.kind !== "COMPETENCY" || node.framework.status !== "PUBLISHED") {
      throw new ValidationError("form.checkFields", { competencyId: ["catalogue.validation.competencyUnknown"] });
    }
    const max = node.framework.scale._count.levels;
    if (!Number.isInteger(input.targetLevel) || input.targetLevel < 1 || input.targetLevel > max) {
      throw new ValidationError("form.checkFields", { targetLevel: ["catalogue.validation.levelOutOfScale"] });
    }
    await tx.trainingCompetency.upsert({
      where: { trainingId_lineageId: { trainingId, lineageId: node.lineageId } },
      create: { trainingId, competencyId: node.id, lineageId: node.lineageId, targetLevel: input.targetLevel },
      update: { competencyId: node.id, targetLevel: input.targetLevel },
    });
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: "training.competency-set",
      entityType: "Training",
      entityId: trainingId,
      summary: `${training.code}: ${node.code} ${node.name} → Stufe ${input.targetLevel}`,
    });
  });
}

export async function removeTrainingCompetency(db: Db, actor: Actor, trainingId: string, lineageId: string) {
  requireCatalogueEditor(actor);
  await db.$transaction(async (tx) => {
    const row = await tx.trainingCompetency.findUnique({
      where: { trainingId_lineageId: { trainingId, lineageId } },
      select: { id: true, training: { select: { code: true } }, competency: { select: { code: true, name: true } } },
    });
    if (!row) throw new NotFoundError("Diese Kompetenz ist der Schulung nicht zugeordnet.");
    await tx.trainingCompetency.delete({ where: { id: row.id } });
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: "training.competency-remove",
      entityType: "Training",
      entityId: trainingId,
      summary: `${row.training.code}: ${row.competency.code} ${row.competency.name} entfernt`,
    });
  });
}

// ── The viewer's gaps ───────────────────────────────────────────────────────────────────────

export interface ViewerGap {
  lineageId: string;
  code: string;
  name: string;
  /** Level the viewer's position requires. */
  required: number;
  /** The viewer's current level (0 = not yet assessed). */
  current: number;
}

/**
 * The viewer's own gaps (current level below the target of their position profile), by lineage,
 * using the gap analysis of the assessment module. Empty for accounts without a person.
 */
export async function viewerGaps(db: Db, actor: Actor, { validityMonths, now = new Date() }: { validityMonths: number; now?: Date }) {
  const gaps = new Map<string, ViewerGap>();
  if (!actor.personId || !hasPermission(actor.roles, "read:person:own")) return gaps;
  const result = await getPersonGaps(db, actor, actor.personId, { validityMonths, now });
  for (const row of result.rows) {
    if (row.gap <= 0) continue;
    gaps.set(row.competency.lineageId, {
      lineageId: row.competency.lineageId,
      code: row.competency.code,
      name: row.competency.name,
      required: row.targetLevel,
      current: row.current?.level ?? 0,
    });
  }
  return gaps;
}

/**
 * A training closes a gap when the level it leads to reaches the required level (and so lies
 * above the current one, which is below the required level by definition of a gap).
 */
export function closesGap(gap: ViewerGap, targetLevel: number) {
  return targetLevel >= gap.required && targetLevel > gap.current;
}

/** Prisma condition: the training develops at least one of these gaps far enough. */
function closesAnyGapWhere(gaps: Map<string, ViewerGap>): Prisma.TrainingWhereInput {
  return {
    competencies: {
      some: { OR: [...gaps.values()].map((g) => ({ lineageId: g.lineageId, targetLevel: { gte: Math.max(g.required, g.current + 1) } })) },
    },
  };
}

// ── Search ──────────────────────────────────────────────────────────────────────────────────

/** Prisma field references of sessions (the same from any client or transaction). */
type SessionFields = Tx["trainingSession"]["fields"];

/**
 * A session someone can still get a place in: scheduled, in the future, seats left, deadline
 * open. `confirmedCount < capacity` compares two columns of the same row in SQL through a Prisma
 * field reference, so no row is loaded to decide it.
 */
export function openSessionWhere(now: Date, fields: SessionFields): Prisma.TrainingSessionWhereInput {
  return {
    status: "SCHEDULED",
    startsAt: { gt: now },
    confirmedCount: { lt: fields.capacity },
    OR: [{ enrolmentDeadline: null }, { enrolmentDeadline: { gte: now } }],
  };
}

export interface SearchOptions {
  validityMonths: number;
  now?: Date;
  pageSize?: number;
}

function visibleStatusWhere(actor: Actor, status: CatalogueQuery["status"]): Prisma.TrainingWhereInput {
  if (!canEditCatalogue(actor)) return { status: "PUBLISHED" };
  if (!status || status === "ALL") return {};
  return { status };
}

/** The session condition of the date-range and free-seat filters (one session must meet both). */
function sessionFilterWhere(query: Pick<CatalogueQuery, "from" | "to" | "free">, now: Date, fields: SessionFields): Prisma.TrainingSessionWhereInput | null {
  const parts: Prisma.TrainingSessionWhereInput[] = [];
  if (query.from || query.to) {
    let [from, to] = [query.from, query.to];
    if (from && to && from > to) [from, to] = [to, from];
    const range: Prisma.TrainingSessionWhereInput = { status: "SCHEDULED" };
    // Overlap: the session ends on or after the first day and starts on or before the last.
    if (from) range.endsAt = { gte: berlinToUtc(from, "00:00") };
    if (to) range.startsAt = { lte: endOfBerlinDay(to) };
    parts.push(range);
  }
  if (query.free) parts.push(openSessionWhere(now, fields));
  if (parts.length === 0) return null;
  return parts.length === 1 ? parts[0]! : { AND: parts };
}

export function catalogueWhere(
  actor: Actor,
  query: CatalogueQuery,
  { now, gaps, fields }: { now: Date; gaps: Map<string, ViewerGap>; fields: SessionFields },
): Prisma.TrainingWhereInput {
  const and: Prisma.TrainingWhereInput[] = [visibleStatusWhere(actor, query.status)];
  for (const term of searchTerms(query.q)) and.push({ searchText: { contains: term } });
  if (query.competency) and.push({ competencies: { some: { lineageId: query.competency } } });
  if (query.format) and.push({ format: query.format });
  const sessions = sessionFilterWhere(query, now, fields);
  if (sessions) and.push({ sessions: { some: sessions } });
  if (query.gaps) and.push(gaps.size ? closesAnyGapWhere(gaps) : { id: { in: [] } });
  return { AND: and };
}

/**
 * One page of the catalogue, ordered by title. Each row carries the next session that matches
 * the session filters (else the next scheduled one), the number of further upcoming sessions,
 * and the viewer's gaps the training closes.
 */
export async function searchCatalogue(db: Db, actor: Actor, query: CatalogueQuery, options: SearchOptions) {
  if (!hasPermission(actor.roles, "read:training:any")) throw new AccessDeniedError();
  const now = options.now ?? new Date();
  const pageSize = options.pageSize ?? CATALOGUE_PAGE_SIZE;
  const gaps = await viewerGaps(db, actor, { validityMonths: options.validityMonths, now });
  const fields = db.trainingSession.fields;
  const where = catalogueWhere(actor, query, { now, gaps, fields });
  const upcoming: Prisma.TrainingSessionWhereInput = { status: "SCHEDULED", startsAt: { gt: now } };
  const shownSession = sessionFilterWhere(query, now, fields) ?? upcoming;
  const total = await db.training.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(query.page, pageCount);
  const trainings = await db.training.findMany({
    where,
    orderBy: [{ title: "asc" }, { id: "asc" }],
    skip: (page - 1) * pageSize,
    take: pageSize,
    select: {
      id: true,
      code: true,
      title: true,
      format: true,
      status: true,
      provider: true,
      durationMinutes: true,
      costCents: true,
      requiresApproval: true,
      sessions: {
        where: shownSession,
        orderBy: [{ startsAt: "asc" }, { id: "asc" }],
        take: 1,
        select: { id: true, startsAt: true, endsAt: true, capacity: true, confirmedCount: true, enrolmentDeadline: true, status: true },
      },
      competencies: gaps.size ? { where: { lineageId: { in: [...gaps.keys()] } }, select: { lineageId: true, targetLevel: true } } : false,
    },
  });
  // Upcoming sessions per training of this page only (a relation _count in the page query made
  // Prisma aggregate the sessions of every training before joining: 0.5 s at 100,000 sessions).
  const upcomingCounts = trainings.length
    ? await db.trainingSession.groupBy({ by: ["trainingId"], where: { ...upcoming, trainingId: { in: trainings.map((t) => t.id) } }, _count: { _all: true } })
    : [];
  const upcomingOf = new Map(upcomingCounts.map((c) => [c.trainingId, c._count._all]));
  const rows = trainings.map(({ sessions, competencies, ...t }) => {
    const next = sessions[0] ?? null;
    return {
      ...t,
      nextSession: next ? { ...next, freeSeats: Math.max(0, next.capacity - next.confirmedCount), open: isOpen(next, now) } : null,
      upcomingSessions: upcomingOf.get(t.id) ?? 0,
      closesGaps: (competencies || [])
        .filter((c) => closesGap(gaps.get(c.lineageId)!, c.targetLevel))
        .map((c) => ({ code: gaps.get(c.lineageId)!.code, name: gaps.get(c.lineageId)!.name })),
    };
  });
  return { trainings: rows, total, page, pageCount, pageSize, hasGaps: gaps.size > 0, editor: canEditCatalogue(actor) };
}

/** Can someone still get a place in this session now (the same rule as openSessionWhere)? */
export function isOpen(s: { status: string; startsAt: Date; capacity: number; confirmedCount: number; enrolmentDeadline: Date | null }, now: Date) {
  return s.status === "SCHEDULED" && s.startsAt > now && s.confirmedCount < s.capacity && (!s.enrolmentDeadline || s.enrolmentDeadline >= now);
}

/**
 * Competencies the visible catalogue develops, for the competency filter: one entry per lineage,
 * named as in the published framework version (else as mapped), grouped by framework.
 */
export async function listCatalogueCompetencies(db: Db, actor: Actor) {
  // GROUP BY in SQL (Prisma's `distinct` would load every mapping and drop duplicates in memory).
  const grouped = await db.trainingCompetency.groupBy({ by: ["lineageId"], where: { training: visibleStatusWhere(actor, "ALL") }, _max: { competencyId: true } });
  const lineages = grouped.map((g) => g.lineageId);
  const [published, mappedNodes] = lineages.length
    ? await Promise.all([
        db.competencyNode.findMany({
          where: { lineageId: { in: lineages }, framework: { status: "PUBLISHED" } },
          select: { lineageId: true, code: true, name: true, framework: { select: { name: true } } },
        }),
        db.competencyNode.findMany({
          where: { id: { in: grouped.map((g) => g._max.competencyId!).filter(Boolean) } },
          select: { lineageId: true, code: true, name: true, framework: { select: { name: true } } },
        }),
      ])
    : [[], []];
  const byLineage = new Map([...mappedNodes, ...published].map((n) => [n.lineageId, n]));
  const options = lineages
    .filter((l) => byLineage.has(l))
    .map((lineageId) => {
      const node = byLineage.get(lineageId)!;
      return { lineageId, code: node.code, name: node.name, framework: node.framework.name };
    });
  const groups = new Map<string, typeof options>();
  for (const o of options) groups.set(o.framework, [...(groups.get(o.framework) ?? []), o]);
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b, "de"))
    .map(([framework, items]) => ({ framework, items: items.sort((a, b) => a.code.localeCompare(b.code, "de", { numeric: true })) }));
}

// ── One training ────────────────────────────────────────────────────────────────────────────

/**
 * A training page: all fields, the competencies it develops with the target level's descriptor,
 * the viewer's gaps it closes, and its sessions with days, trainer and free seats. Drafts exist
 * only for catalogue editors (404 for everyone else); archived trainings stay readable, since
 * enrolments and certificates link to them.
 */
export async function getTraining(db: Db, actor: Actor, trainingId: string, options: SearchOptions) {
  if (!hasPermission(actor.roles, "read:training:any")) throw new AccessDeniedError();
  const now = options.now ?? new Date();
  const editor = canEditCatalogue(actor);
  const training = await db.training.findUnique({
    where: { id: trainingId },
    include: {
      competencies: {
        select: {
          lineageId: true,
          targetLevel: true,
          competency: {
            select: {
              id: true,
              code: true,
              name: true,
              description: true,
              parent: { select: { code: true, name: true } },
              descriptors: { select: { ordinal: true, text: true } },
              framework: { select: { id: true, name: true, status: true, attribution: true, scale: { select: { levels: { orderBy: { ordinal: "asc" }, select: { ordinal: true, label: true, band: true } } } } } },
            },
          },
        },
      },
      sessions: {
        orderBy: [{ startsAt: "asc" }, { id: "asc" }],
        select: {
          id: true,
          startsAt: true,
          endsAt: true,
          location: true,
          onlineUrl: true,
          trainerName: true,
          trainer: { select: { id: true, firstName: true, lastName: true } },
          capacity: true,
          confirmedCount: true,
          enrolmentDeadline: true,
          status: true,
          days: { orderBy: { startsAt: "asc" }, select: { id: true, startsAt: true, endsAt: true } },
        },
      },
    },
  });
  if (!training || (training.status === "DRAFT" && !editor)) throw new NotFoundError("Schulung nicht gefunden");
  const gaps = await viewerGaps(db, actor, { validityMonths: options.validityMonths, now });
  const competencies = training.competencies
    .map((c) => {
      const level = c.competency.framework.scale.levels.find((l) => l.ordinal === c.targetLevel) ?? null;
      const gap = gaps.get(c.lineageId);
      return {
        lineageId: c.lineageId,
        targetLevel: c.targetLevel,
        level,
        descriptor: c.competency.descriptors.find((d) => d.ordinal === c.targetLevel)?.text ?? null,
        competency: { id: c.competency.id, code: c.competency.code, name: c.competency.name, description: c.competency.description, parent: c.competency.parent, framework: { id: c.competency.framework.id, name: c.competency.framework.name, status: c.competency.framework.status, attribution: c.competency.framework.attribution } },
        levels: c.competency.framework.scale.levels,
        closesGap: gap && closesGap(gap, c.targetLevel) ? gap : null,
      };
    })
    .sort((a, b) => a.competency.code.localeCompare(b.competency.code, "de", { numeric: true }));
  const sessions = training.sessions.map((s) => ({
    ...s,
    trainerLabel: s.trainerName || (s.trainer ? `${s.trainer.firstName} ${s.trainer.lastName}` : ""),
    freeSeats: Math.max(0, s.capacity - s.confirmedCount),
    open: isOpen(s, now),
    past: s.endsAt <= now,
    deadlinePassed: !!s.enrolmentDeadline && s.enrolmentDeadline < now,
  }));
  const { competencies: _c, sessions: _s, searchText: _t, ...fields } = training;
  return {
    training: fields,
    competencies,
    closesGaps: competencies.filter((c) => c.closesGap).map((c) => ({ ...c.closesGap!, targetLevel: c.targetLevel, level: c.level })),
    sessions,
    hasPerson: !!actor.personId,
    editor,
  };
}
