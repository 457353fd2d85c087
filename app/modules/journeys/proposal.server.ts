// "Lernreise vorschlagen" with the database: loads a person's gaps and the published trainings
// that close them (set-based: one query for the trainings with their mappings and next open
// session), runs the pure algorithm (proposal.ts) and writes the draft with the one journey
// writer. Also HR's planning input: the gaps no training closed, across running proposals.
import type { Db, Tx } from "~/utils/db.server.ts";
import { hasPermission, type Access, type Actor } from "~/modules/auth/permissions.ts";
import { AccessDeniedError, NotFoundError, ValidationError } from "~/modules/errors.ts";
import { recordAudit } from "~/modules/audit/audit.server.ts";
import { getPersonGaps } from "~/modules/assessment/gaps.server.ts";
import { openSessionWhere } from "~/modules/training/catalogue.server.ts";
import { getEnv } from "~/utils/env.server.ts";
import { journeyAccessTo } from "./access.server.ts";
import { insertJourneys, type JourneyAuthor } from "./store.server.ts";
import { proposeJourney, trainingClosesGap, type Importance, type ProposalGap, type ProposalTraining, type UnclosableGap } from "./proposal.ts";
import type { JourneyStatus } from "./model.ts";

/** Why no proposal could be made (message keys under journeys.proposal.refused). */
// Kept in the pure module so the route's browser bundle has the list too.
import { PROPOSAL_REFUSALS, type ProposalRefusal } from "./proposal.ts";
export { PROPOSAL_REFUSALS, type ProposalRefusal };

export class ProposalRefusedError extends ValidationError {
  constructor(readonly reason: ProposalRefusal) {
    super(`journeys.proposal.refused.${reason}`);
  }
}

async function authorOf(tx: Tx, actor: Actor): Promise<JourneyAuthor> {
  const person = actor.personId ? await tx.person.findUnique({ where: { id: actor.personId }, select: { firstName: true, lastName: true } }) : null;
  return { userId: actor.userId, name: person ? `${person.firstName} ${person.lastName}` : actor.email };
}

/** The published trainings that close at least one of the gaps, with their next open session. */
export async function loadProposalCatalogue(db: Db | Tx, gaps: readonly ProposalGap[], now: Date): Promise<ProposalTraining[]> {
  if (gaps.length === 0) return [];
  const lineages = [...new Set(gaps.map((g) => g.lineageId))];
  const trainings = await db.training.findMany({
    where: {
      status: "PUBLISHED",
      competencies: { some: { OR: gaps.map((g) => ({ lineageId: g.lineageId, targetLevel: { gte: Math.max(g.required, g.current + 1) } })) } },
    },
    orderBy: [{ code: "asc" }],
    select: {
      id: true,
      code: true,
      title: true,
      durationMinutes: true,
      competencies: { where: { lineageId: { in: lineages } }, select: { lineageId: true, targetLevel: true } },
      sessions: {
        where: openSessionWhere(now, db.trainingSession.fields),
        orderBy: [{ startsAt: "asc" }, { id: "asc" }],
        take: 1,
        select: { id: true, startsAt: true, endsAt: true, capacity: true, confirmedCount: true },
      },
    },
  });
  return trainings.map(({ sessions, ...t }) => ({
    ...t,
    openSessions: sessions.map((s) => ({ id: s.id, startsAt: s.startsAt, endsAt: s.endsAt, freeSeats: Math.max(0, s.capacity - s.confirmedCount) })),
  }));
}

export interface ProposeOptions {
  now?: Date;
  validityMonths?: number;
  months?: number;
}

/**
 * Builds a draft journey from the person's gaps and writes it (status DRAFT, goal POSITION_GAPS).
 * Allowed for the person themself, their leader and HR development. Gaps no training closes are
 * kept on the CREATED event (detail.unclosableGaps) for the journey page and HR's planning.
 */
export async function proposeJourneyFromGaps(db: Db, actor: Actor, personId: string, { now = new Date(), validityMonths = getEnv().LEVEL_VALIDITY_MONTHS, months }: ProposeOptions = {}) {
  const person = await db.person.findUnique({ where: { id: personId }, select: { id: true, firstName: true, lastName: true, status: true, orgUnit: { select: { path: true } } } });
  if (!person) throw new NotFoundError("Person nicht gefunden");
  const access = journeyAccessTo(actor, "update", person);
  if (!access || !hasPermission(actor.roles, `create:journey:${access}`)) throw new AccessDeniedError("Sie dürfen für diese Person keine Lernreise vorschlagen.");
  if (person.status === "LEFT") throw new ProposalRefusedError("personLeft");

  const analysis = await getPersonGaps(db, actor, personId, { validityMonths, now });
  if (!analysis.position?.profile) throw new ProposalRefusedError("noProfile");
  const gaps: ProposalGap[] = analysis.rows
    .filter((r) => r.gap > 0)
    .map((r) => ({
      competencyId: r.competency.id,
      lineageId: r.competency.lineageId,
      code: r.competency.code,
      name: r.competency.name,
      required: r.targetLevel,
      current: r.current?.level ?? 0,
      importance: r.importance as Importance,
    }));
  if (gaps.length === 0) throw new ProposalRefusedError("noGaps");

  const trainings = await loadProposalCatalogue(db, gaps, now);
  const proposal = proposeJourney({ gaps, trainings, now, months });
  const positionTitle = analysis.position.title;
  const stepCount = proposal.phases.reduce((n, p) => n + p.steps.length, 0);

  return db.$transaction(async (tx) => {
    const author = await authorOf(tx, actor);
    const [id] = await insertJourneys(
      tx,
      author,
      [
        {
          personId,
          title: `Lücken schließen: ${positionTitle}`.slice(0, 200),
          goalKind: "POSITION_GAPS",
          goalText: `Die Kompetenzlücken zur Stelle „${positionTitle}“ schließen (${proposal.gapCount} ${proposal.gapCount === 1 ? "Lücke" : "Lücken"}, wesentliche zuerst).`,
          startsOn: proposal.startsOn,
          endsOn: proposal.endsOn,
          status: "DRAFT",
          phases: proposal.phases.map((phase) => ({
            title: phase.title,
            steps: phase.steps.map((s) => ({
              kind: s.kind,
              title: s.title,
              trainingId: s.trainingId,
              sessionId: s.sessionId,
              competencyId: s.competencyId,
              lineageId: s.lineageId,
              targetLevel: s.targetLevel,
              dueOn: s.dueOn,
              rationale: s.rationale,
            })),
          })),
          eventDetail: {
            source: "gaps",
            gapCount: proposal.gapCount,
            unclosableGaps: proposal.unclosable.map(({ lineageId, code, name, required, current, importance }) => ({ lineageId, code, name, required, current, importance })),
          },
        },
      ],
      { now, comment: "Aus den Kompetenzlücken vorgeschlagen" },
    );
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: "journey.propose-from-gaps",
      entityType: "LearningJourney",
      entityId: id!,
      affectedPersonId: personId,
      summary: `Lernreise aus Lücken vorgeschlagen: ${stepCount} Schritte, ${proposal.unclosable.length} Lücken ohne passende Schulung${access === "own" ? "" : ` (Zugriff: ${access})`}`,
    });
    return { id: id!, access: access as Access, steps: stepCount, unclosable: proposal.unclosable };
  });
}

// ── Gaps without a training, for HR's catalogue planning ────────────────────────────────────

/** Journeys whose unclosable gaps still count: not yet completed or cancelled. */
const PLANNING_STATUSES: JourneyStatus[] = ["DRAFT", "PROPOSED", "AGREED", "ACTIVE"];
const EVENT_BATCH = 2000;

export interface UnclosableGapSummaryRow {
  lineageId: string;
  code: string;
  name: string;
  /** Journeys (one per person and proposal) that list the gap. */
  journeys: number;
  /** Different people among them. */
  people: number;
  /** How many of them call it essential for their position. */
  essential: number;
  /** Highest level required among them. */
  maxRequired: number;
}

/** Reads a CREATED event's unclosable gaps; anything malformed is ignored. */
export function unclosableGapsOf(detail: string): UnclosableGap[] {
  try {
    const parsed = JSON.parse(detail) as { unclosableGaps?: unknown };
    if (!Array.isArray(parsed.unclosableGaps)) return [];
    return parsed.unclosableGaps.filter(
      (g): g is UnclosableGap =>
        !!g && typeof g === "object" && typeof (g as UnclosableGap).lineageId === "string" && typeof (g as UnclosableGap).required === "number" && typeof (g as UnclosableGap).current === "number",
    );
  } catch {
    return [];
  }
}

/**
 * HR development's planning input: across draft, proposed, agreed and active journeys, the gaps
 * their proposal found no training for, by competency with the number of journeys and people.
 * A gap a published training closes by now drops out (the catalogue has caught up). Ordered by
 * demand (people), then code; competencies, never people, are ranked.
 */
export async function listUnclosableGapsSummary(db: Db | Tx, actor: Actor): Promise<UnclosableGapSummaryRow[]> {
  if (!hasPermission(actor.roles, "read:journey:any")) throw new AccessDeniedError();
  const entries: { personId: string; journeyId: string; gap: UnclosableGap }[] = [];
  let cursor: string | undefined;
  for (;;) {
    const events = await db.journeyEvent.findMany({
      where: { kind: "CREATED", detail: { contains: "unclosableGaps" }, journey: { goalKind: "POSITION_GAPS", status: { in: PLANNING_STATUSES } } },
      orderBy: { id: "asc" },
      take: EVENT_BATCH,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      select: { id: true, journeyId: true, detail: true, journey: { select: { personId: true } } },
    });
    for (const e of events) for (const gap of unclosableGapsOf(e.detail)) entries.push({ personId: e.journey.personId, journeyId: e.journeyId, gap });
    if (events.length < EVENT_BATCH) break;
    cursor = events[events.length - 1]!.id;
  }
  if (entries.length === 0) return [];
  const lineages = [...new Set(entries.map((e) => e.gap.lineageId))];
  const best = new Map<string, number>();
  for (let i = 0; i < lineages.length; i += 500) {
    const rows = await db.trainingCompetency.groupBy({ by: ["lineageId"], where: { lineageId: { in: lineages.slice(i, i + 500) }, training: { status: "PUBLISHED" } }, _max: { targetLevel: true } });
    for (const r of rows) best.set(r.lineageId, r._max.targetLevel ?? 0);
  }
  const rows = new Map<string, UnclosableGapSummaryRow & { persons: Set<string>; journeyIds: Set<string> }>();
  for (const { personId, journeyId, gap } of entries) {
    const level = best.get(gap.lineageId);
    if (level !== undefined && trainingClosesGap(gap, level)) continue;
    const row = rows.get(gap.lineageId) ?? { lineageId: gap.lineageId, code: gap.code, name: gap.name, journeys: 0, people: 0, essential: 0, maxRequired: 0, persons: new Set(), journeyIds: new Set() };
    if (!row.journeyIds.has(journeyId)) {
      row.journeyIds.add(journeyId);
      if (gap.importance === "ESSENTIAL") row.essential += 1;
    }
    row.persons.add(personId);
    row.maxRequired = Math.max(row.maxRequired, gap.required);
    rows.set(gap.lineageId, row);
  }
  return [...rows.values()]
    .map(({ persons, journeyIds, ...r }) => ({ ...r, journeys: journeyIds.size, people: persons.size }))
    .sort((a, b) => b.people - a.people || a.code.localeCompare(b.code, "de", { numeric: true }) || (a.lineageId < b.lineageId ? -1 : 1));
}
