// The leader's team heatmap: people × required competencies, each cell the gap. People are
// listed by name, never by score (no ranking). Set-based: a fixed number of queries per page.
import type { Db } from "~/utils/db.server.ts";
import { recordAudit } from "~/modules/audit/audit.server.ts";
import { hasPermission, pathInTeam, type Actor } from "~/modules/auth/permissions.ts";
import { AccessDeniedError, NotFoundError } from "~/modules/errors.ts";
import { personInSubtrees } from "~/modules/org/org.server.ts";
import { describeLevel, gapOf, type LevelSourceValue } from "./levels.ts";

export const HEATMAP_PAGE_SIZE = 25;

export async function getTeamHeatmap(
  db: Db,
  actor: Actor,
  filter: { unitId?: string; clusterId?: string; page: number },
  { validityMonths, now = new Date() }: { validityMonths: number; now?: Date },
) {
  if (!hasPermission(actor.roles, "read:person:team") || actor.ledUnitPaths.length === 0) throw new AccessDeniedError("Sie leiten keine Organisationseinheit.");
  let paths = actor.ledUnitPaths;
  if (filter.unitId) {
    const unit = await db.orgUnit.findUnique({ where: { id: filter.unitId }, select: { path: true } });
    if (!unit) throw new NotFoundError("Organisationseinheit nicht gefunden");
    if (!pathInTeam(actor, unit.path)) throw new AccessDeniedError("Diese Einheit gehört nicht zu Ihrem Team.");
    paths = [unit.path];
  }
  const inUnits = { OR: paths.map((p) => ({ path: { startsWith: p } })) };
  const byUnit = await personInSubtrees(db, paths);
  const where = { status: "ACTIVE" as const, ...byUnit, ...(actor.personId ? { id: { not: actor.personId } } : {}) };
  const [total, people, openRounds, units] = await Promise.all([
    db.person.count({ where }),
    db.person.findMany({
      where,
      orderBy: [{ lastName: "asc" }, { firstName: "asc" }, { id: "asc" }],
      skip: (filter.page - 1) * HEATMAP_PAGE_SIZE,
      take: HEATMAP_PAGE_SIZE,
      select: {
        id: true,
        firstName: true,
        lastName: true,
        assignments: {
          where: { startDate: { lte: now }, OR: [{ endDate: null }, { endDate: { gte: now } }] },
          orderBy: [{ isPrimary: "desc" }, { fte: "desc" }],
          take: 1,
          select: { position: { select: { profile: { select: { id: true, roleProfileId: true } } } } },
        },
      },
    }),
    db.assessmentRound.groupBy({ by: ["status"], where: { status: { in: ["OPEN", "SELF_ASSESSED", "LEADER_RATED"] }, person: where }, _count: { _all: true } }),
    db.orgUnit.findMany({ where: inUnits, select: { id: true, code: true, name: true, depth: true }, orderBy: { path: "asc" }, take: 500 }),
  ]);
  const profileOf = new Map(people.map((p) => [p.id, p.assignments[0]?.position.profile ?? null]));
  const profileIds = [...new Set([...profileOf.values()].filter(Boolean).map((p) => p!.id))];
  const roleIds = [...new Set([...profileOf.values()].map((p) => p?.roleProfileId).filter((id): id is string => !!id))];
  const competencySelect = { id: true, code: true, name: true, lineageId: true, parentId: true, framework: { select: { scale: { select: { levels: { orderBy: { ordinal: "asc" as const }, select: { ordinal: true, label: true } } } } } } };
  const [roleRows, ownRows] = await Promise.all([
    db.roleProfileRequirement.findMany({ where: { roleProfileId: { in: roleIds } }, select: { roleProfileId: true, targetLevel: true, importance: true, competency: { select: competencySelect } } }),
    db.positionRequirement.findMany({ where: { profileId: { in: profileIds } }, select: { profileId: true, targetLevel: true, importance: true, excluded: true, competency: { select: competencySelect } } }),
  ]);
  type Competency = (typeof roleRows)[number]["competency"];
  const competencies = new Map<string, Competency>();
  const required = new Map<string, Map<string, { targetLevel: number; importance: string }>>(); // person → competency → target
  for (const person of people) {
    const profile = profileOf.get(person.id);
    const reqs = new Map<string, { targetLevel: number; importance: string }>();
    if (profile) {
      for (const r of roleRows) if (r.roleProfileId === profile.roleProfileId) {
        reqs.set(r.competency.id, { targetLevel: r.targetLevel, importance: r.importance });
        competencies.set(r.competency.id, r.competency);
      }
      for (const r of ownRows) if (r.profileId === profile.id) {
        if (r.excluded) reqs.delete(r.competency.id);
        else {
          reqs.set(r.competency.id, { targetLevel: r.targetLevel, importance: r.importance });
          competencies.set(r.competency.id, r.competency);
        }
      }
    }
    required.set(person.id, reqs);
  }
  const clusterIds = [...new Set([...competencies.values()].map((c) => c.parentId).filter((id): id is string => !!id))];
  const clusters = await db.competencyNode.findMany({ where: { id: { in: clusterIds } }, select: { id: true, code: true, name: true }, orderBy: { code: "asc" } });
  let columns = [...competencies.values()].filter((c) => !filter.clusterId || c.parentId === filter.clusterId);
  columns = columns.filter((c) => people.some((p) => required.get(p.id)?.has(c.id))).sort((a, b) => a.code.localeCompare(b.code, "de"));
  // One snapshot row per person and competency (CurrentCompetencyLevel), not the whole history.
  const levels = await db.currentCompetencyLevel.findMany({
    where: { personId: { in: people.map((p) => p.id) }, lineageId: { in: columns.map((c) => c.lineageId) } },
    select: { personId: true, lineageId: true, level: true, source: true, recordedAt: true },
  });
  const levelOf = new Map(levels.map((l) => [`${l.personId}|${l.lineageId}`, { level: l.level, source: l.source as LevelSourceValue, recordedAt: l.recordedAt }]));
  const rows = people.map((person) => ({
    person: { id: person.id, firstName: person.firstName, lastName: person.lastName },
    cells: columns.map((c) => {
      const req = required.get(person.id)?.get(c.id);
      if (!req) return null;
      const snapshot = levelOf.get(`${person.id}|${c.lineageId}`);
      const current = snapshot ? describeLevel(snapshot, now, validityMonths) : null;
      return { targetLevel: req.targetLevel, importance: req.importance, current: current?.level ?? null, outdated: current?.outdated ?? false, gap: gapOf(req.targetLevel, current) };
    }),
  }));
  await recordAudit(db, { actorUserId: actor.userId, action: "gaps.team-read", entityType: "OrgUnit", entityId: filter.unitId ?? null, summary: `Team-Kompetenzen, Seite ${filter.page}, ${people.length} Personen` });
  return {
    total,
    page: filter.page,
    pageCount: Math.max(1, Math.ceil(total / HEATMAP_PAGE_SIZE)),
    columns: columns.map((c) => ({ id: c.id, code: c.code, name: c.name })),
    rows,
    clusters,
    units,
    openRounds: Object.fromEntries(openRounds.map((r) => [r.status, r._count._all])),
  };
}
