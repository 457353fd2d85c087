// Assessment part of the demo seed: level histories and assessment rounds in every state, so the
// gap analysis, the round pages and the leader's open rounds show something on first start.
// Deterministic (mulberry32 with a fixed seed, ids derived from names) and set-based: the
// requirements of all positions are computed from two bulk reads, rows go in with createMany.
//
// What it writes, relative to `today`:
// - for about 80 % of active people with a leader and a position profile: an agreed round from
//   3–20 months ago (about 15 % of them 25–36 months ago, so "veraltet" shows) with self, leader
//   and agreed levels around the target, and the matching LEADER and AGREED level records;
// - for about 40 % of them a current round: AGREED (1–3 months ago, newer records), LEADER_RATED
//   (newer LEADER records), SELF_ASSESSED, OPEN or, now and then, CANCELLED;
// - the demo employee: only the agreed round from 14 months ago, no active round;
// - the demo leader's team (Amt 32 and below): open rounds in SELF_ASSESSED and LEADER_RATED.
import { snapshotsOf } from "~/modules/assessment/level-records.server.ts";
import { createHash } from "node:crypto";
import type { Tx } from "~/utils/db.server.ts";
import { recordAudit } from "~/modules/audit/audit.server.ts";
import { addMonths } from "~/modules/assessment/levels.ts";

const DAY = 86_400_000;
const BATCH = 500;

type Importance = "ESSENTIAL" | "IMPORTANT" | "DESIRABLE";
type Status = "OPEN" | "SELF_ASSESSED" | "LEADER_RATED" | "AGREED" | "CANCELLED";

export interface AssessmentSeedPerson {
  id: string;
  active: boolean;
  /** The current primary position, if any. */
  positionId: string | null;
  /** Start of the current position; no history is dated before it. */
  positionSince: Date | null;
  /** The nearest leader along the org tree (for a unit leader: the parent unit's leader). */
  leaderPersonId: string | null;
}

export interface AssessmentSeedOptions {
  people: AssessmentSeedPerson[];
  /** User who starts the rounds (the HR demo account). */
  startedById: string;
  /** Person id → user id, for agreements and ratings by people who have an account. */
  userIdOfPerson?: Map<string, string>;
  demo: {
    /** The demo employee: an agreed round from about 14 months ago, no active round. */
    employee: string;
    /** The demo leader and the people in their units (Amt 32 and below, without the leader). */
    leader: string;
    team: string[];
  };
  today?: Date;
  seed?: number;
  actorUserId?: string | null;
}

/** Small, fast, deterministic PRNG (public domain), returns floats in [0, 1). */
export function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function stableId(name: string) {
  const h = createHash("sha1").update(`lernreise-assessment-seed:${name}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function chunks<T>(rows: T[], size = BATCH) {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

interface Requirement {
  competencyId: string;
  lineageId: string;
  targetLevel: number;
  importance: Importance;
  maxLevel: number;
}

/** Effective requirements of many positions at once (same rule as effectiveRequirements). */
async function requirementsByPosition(tx: Tx, positionIds: string[]) {
  const profiles = (
    await Promise.all(
      chunks(positionIds).map((ids) =>
        tx.positionProfile.findMany({
          where: { positionId: { in: ids } },
          select: { positionId: true, roleProfileId: true, requirements: { select: { competencyId: true, targetLevel: true, importance: true, excluded: true } } },
        }),
      ),
    )
  ).flat();
  const roleIds = [...new Set(profiles.map((p) => p.roleProfileId).filter((id): id is string => !!id))];
  const roleRows = roleIds.length
    ? await tx.roleProfileRequirement.findMany({ where: { roleProfileId: { in: roleIds } }, select: { roleProfileId: true, competencyId: true, targetLevel: true, importance: true } })
    : [];
  const byRole = new Map<string, typeof roleRows>();
  for (const r of roleRows) byRole.set(r.roleProfileId, [...(byRole.get(r.roleProfileId) ?? []), r]);

  const rows = new Map<string, { competencyId: string; targetLevel: number; importance: Importance }[]>();
  for (const profile of profiles) {
    const own = new Map(profile.requirements.map((r) => [r.competencyId, r]));
    const list: { competencyId: string; targetLevel: number; importance: Importance }[] = [];
    for (const r of byRole.get(profile.roleProfileId ?? "") ?? []) {
      const override = own.get(r.competencyId);
      own.delete(r.competencyId);
      if (override?.excluded) continue;
      list.push({ competencyId: r.competencyId, targetLevel: override?.targetLevel ?? r.targetLevel, importance: (override?.importance ?? r.importance) as Importance });
    }
    for (const r of own.values()) if (!r.excluded) list.push({ competencyId: r.competencyId, targetLevel: r.targetLevel, importance: r.importance as Importance });
    rows.set(profile.positionId, list);
  }

  const competencyIds = [...new Set([...rows.values()].flatMap((list) => list.map((r) => r.competencyId)))];
  const nodes = (
    await Promise.all(
      chunks(competencyIds).map((ids) =>
        tx.competencyNode.findMany({
          where: { id: { in: ids } },
          select: { id: true, code: true, lineageId: true, framework: { select: { scale: { select: { _count: { select: { levels: true } } } } } } },
        }),
      ),
    )
  ).flat();
  const nodeById = new Map(nodes.map((n) => [n.id, n]));
  const result = new Map<string, Requirement[]>();
  for (const [positionId, list] of rows) {
    result.set(
      positionId,
      list
        .map((r) => {
          const node = nodeById.get(r.competencyId)!;
          return { ...r, lineageId: node.lineageId, maxLevel: node.framework.scale._count.levels, code: node.code };
        })
        .sort((a, b) => a.code.localeCompare(b.code, "de"))
        .map(({ code: _code, ...r }) => r),
    );
  }
  return result;
}

export async function seedAssessments(tx: Tx, options: AssessmentSeedOptions) {
  const { people, startedById, demo, userIdOfPerson = new Map(), actorUserId = null } = options;
  const today = options.today ?? new Date();
  const rand = mulberry32(options.seed ?? 2026);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const between = (from: number, to: number) => from + Math.floor(rand() * (to - from + 1));
  const clamp = (level: number, max: number) => Math.min(max, Math.max(1, level));
  const daysAgo = (days: number) => new Date(today.getTime() - days * DAY);

  const candidates = people.filter((p) => p.active && p.positionId && p.leaderPersonId);
  const requirements = await requirementsByPosition(tx, [...new Set(candidates.map((p) => p.positionId!))]);

  const rounds: {
    id: string;
    personId: string;
    positionId: string;
    status: Status;
    leaderPersonId: string;
    startedById: string;
    dueAt: Date | null;
    selfSubmittedAt: Date | null;
    leaderRatedAt: Date | null;
    agreedAt: Date | null;
    agreedById: string | null;
    createdAt: Date;
    updatedAt: Date;
  }[] = [];
  const items: {
    id: string;
    roundId: string;
    competencyId: string;
    targetLevel: number;
    importance: Importance;
    selfLevel: number | null;
    leaderLevel: number | null;
    agreedLevel: number | null;
    selfComment: string;
    leaderComment: string;
  }[] = [];
  const records: {
    id: string;
    personId: string;
    competencyId: string;
    lineageId: string;
    level: number;
    source: "AGREED" | "LEADER";
    recordedAt: Date;
    recordedById: string | null;
    roundId: string;
    note: string;
  }[] = [];

  /**
   * One round with its items and, from LEADER_RATED on, the LEADER records (at leaderRatedAt)
   * and for AGREED the AGREED records (at agreedAt) — what the workflow itself would write.
   */
  const addRound = (
    person: AssessmentSeedPerson,
    reqs: Requirement[],
    status: Status,
    createdAt: Date,
    levelOf: (r: Requirement, i: number) => number,
    key: string,
  ) => {
    const id = stableId(`round:${person.id}:${key}`);
    const leaderUser = userIdOfPerson.get(person.leaderPersonId!) ?? null;
    const reached = (s: Status) => ["OPEN", "SELF_ASSESSED", "LEADER_RATED", "AGREED"].indexOf(status) >= ["OPEN", "SELF_ASSESSED", "LEADER_RATED", "AGREED"].indexOf(s);
    const cancelled = status === "CANCELLED";
    const selfSubmittedAt = !cancelled && reached("SELF_ASSESSED") ? new Date(createdAt.getTime() + between(3, 12) * DAY) : null;
    const leaderRatedAt = !cancelled && reached("LEADER_RATED") ? new Date((selfSubmittedAt ?? createdAt).getTime() + between(3, 10) * DAY) : null;
    const agreedAt = !cancelled && reached("AGREED") ? new Date(leaderRatedAt!.getTime() + between(2, 14) * DAY) : null;
    const updatedAt = agreedAt ?? leaderRatedAt ?? selfSubmittedAt ?? (cancelled ? new Date(createdAt.getTime() + between(5, 30) * DAY) : createdAt);
    rounds.push({
      id,
      personId: person.id,
      positionId: person.positionId!,
      status,
      leaderPersonId: person.leaderPersonId!,
      startedById,
      dueAt: new Date(createdAt.getTime() + 42 * DAY),
      selfSubmittedAt,
      leaderRatedAt,
      agreedAt,
      agreedById: agreedAt ? leaderUser : null,
      createdAt,
      updatedAt,
    });
    reqs.forEach((r, i) => {
      const actual = levelOf(r, i);
      const self = selfSubmittedAt ? clamp(actual + pick([-1, 0, 0, 0, 1, 1]), r.maxLevel) : null;
      const leader = leaderRatedAt ? clamp(actual + pick([-1, 0, 0, 0, 0, 1]), r.maxLevel) : null;
      const agreed = agreedAt ? (self !== null && self !== leader && rand() < 0.3 ? clamp(actual, r.maxLevel) : leader) : null;
      items.push({
        id: stableId(`item:${id}:${r.competencyId}`),
        roundId: id,
        competencyId: r.competencyId,
        targetLevel: r.targetLevel,
        importance: r.importance,
        selfLevel: self,
        leaderLevel: leader,
        agreedLevel: agreed,
        selfComment: self !== null && self < r.targetLevel && rand() < 0.25 ? "Hier möchte ich mich weiterentwickeln." : "",
        leaderComment: leader !== null && leader > r.targetLevel && rand() < 0.25 ? "Sicher und selbstständig, auch als Ansprechperson im Team." : "",
      });
      const record = (level: number, source: "AGREED" | "LEADER", at: Date) =>
        records.push({
          id: stableId(`record:${id}:${r.competencyId}:${source}`),
          personId: person.id,
          competencyId: r.competencyId,
          lineageId: r.lineageId,
          level,
          source,
          recordedAt: at,
          recordedById: leaderUser,
          roundId: id,
          note: "",
        });
      if (leader !== null) record(leader, "LEADER", leaderRatedAt!);
      if (agreed !== null) record(agreed, "AGREED", agreedAt!);
    });
    return id;
  };

  // The person's "true" level per competency: spread around the target (below, at, above).
  const trueLevel = (r: Requirement) => clamp(r.targetLevel + pick([-2, -1, -1, -1, 0, 0, 0, 0, 1, 1]), r.maxLevel);
  const teamSet = new Set(demo.team);
  // Open rounds the demo leader is sure to see: his direct reports first, then the rest of the team.
  const teamOrder = candidates
    .filter((p) => teamSet.has(p.id) && p.id !== demo.employee && p.id !== demo.leader && (requirements.get(p.positionId!)?.length ?? 0) > 0)
    .sort((a, b) => Number(b.leaderPersonId === demo.leader) - Number(a.leaderPersonId === demo.leader));
  const TEAM_STATES: Status[] = ["SELF_ASSESSED", "LEADER_RATED", "SELF_ASSESSED", "OPEN", "LEADER_RATED", "AGREED"];
  const forcedState = new Map(teamOrder.slice(0, TEAM_STATES.length).map((p, i) => [p.id, TEAM_STATES[i]!]));

  for (const person of candidates) {
    const reqs = requirements.get(person.positionId!) ?? [];
    if (reqs.length === 0) continue;
    const since = person.positionSince ?? new Date(0);
    const monthsInPosition = (today.getTime() - since.getTime()) / (30.44 * DAY);
    const levels = new Map(reqs.map((r) => [r.competencyId, trueLevel(r)]));
    const isEmployee = person.id === demo.employee;
    const forced = forcedState.get(person.id);

    // History: an agreed round some time ago (the demo employee: 14 months ago).
    let stale = false;
    const withHistory = isEmployee || forced !== undefined || rand() < 0.8;
    if (withHistory && monthsInPosition > 5) {
      let monthsAgo: number;
      if (isEmployee) monthsAgo = 14;
      else {
        stale = rand() < 0.15 && monthsInPosition > 27;
        monthsAgo = stale ? between(25, Math.min(36, Math.floor(monthsInPosition) - 2)) : between(3, Math.min(19, Math.floor(monthsInPosition) - 2));
      }
      const agreedTarget = addMonths(today, -monthsAgo);
      // The round starts 40 days before that date; its steps take 8–36 days, so the agreement
      // lands 4–32 days before it (never later, so it stays before any current round).
      const createdAt = new Date(agreedTarget.getTime() - 40 * DAY);
      const historic = isEmployee
        ? (r: Requirement, i: number) => clamp(r.targetLevel + [-1, 0, -2, 1, 0, -1][i % 6]!, r.maxLevel)
        : (r: Requirement) => clamp(levels.get(r.competencyId)! - (rand() < 0.3 ? 1 : 0), r.maxLevel);
      addRound(person, reqs, "AGREED", createdAt, historic, "history");
    }
    if (isEmployee) continue; // no active round: the browser tests start one

    // The current round for about 40 % (and the demo leader's team as chosen above).
    let status: Status | null = forced ?? null;
    if (!status && rand() < 0.4) {
      const roll = rand();
      status = roll < 0.35 ? "AGREED" : roll < 0.55 ? "LEADER_RATED" : roll < 0.75 ? "SELF_ASSESSED" : roll < 0.9 ? "OPEN" : "CANCELLED";
      // People whose last agreement is stale keep it as their current level ("veraltet").
      if (stale && (status === "AGREED" || status === "LEADER_RATED")) status = "OPEN";
    }
    if (!status) continue;
    const createdAt =
      // Kept after the agreed round above (at least 3 months ago) and before today, whatever the steps.
      status === "AGREED" ? daysAgo(between(45, 75)) : status === "LEADER_RATED" ? daysAgo(between(25, 45)) : status === "SELF_ASSESSED" ? daysAgo(between(14, 30)) : status === "CANCELLED" ? daysAgo(between(40, 80)) : daysAgo(between(2, 21));
    addRound(person, reqs, status, createdAt, (r) => levels.get(r.competencyId)!, "current");
  }

  for (const batch of chunks(rounds)) await tx.assessmentRound.createMany({ data: batch });
  for (const batch of chunks(items)) await tx.assessmentItem.createMany({ data: batch });
  for (const batch of chunks(records)) await tx.competencyLevelRecord.createMany({ data: batch });
  for (const batch of chunks(snapshotsOf(records))) await tx.currentCompetencyLevel.createMany({ data: batch });

  const counts = { rounds: rounds.length, items: items.length, records: records.length };
  await recordAudit(tx, {
    actorUserId,
    action: "seed.assessment",
    entityType: "AssessmentRound",
    summary: `${counts.rounds} Einschätzungsrunden mit ${counts.items} Einträgen und ${counts.records} Stufen angelegt`,
  });
  return counts;
}
