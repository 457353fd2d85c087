// Organisation-wide gaps for HR development: per competency and org unit, how many people are
// below target and the average gap. Groups of fewer than MIN_GROUP people are never shown on
// their own; they are merged into the parent ("übrige Einheiten") so nobody can be identified.
import type { Db } from "~/utils/db.server.ts";
import { recordAudit } from "~/modules/audit/audit.server.ts";
import { hasPermission, type Actor } from "~/modules/auth/permissions.ts";
import { AccessDeniedError, NotFoundError } from "~/modules/errors.ts";
import { idsInPath } from "~/modules/org/org.server.ts";
import { currentLevel, gapOf, type LevelSourceValue } from "./levels.ts";

export const MIN_GROUP = 5;

export interface OrgGapCell {
  required: number;
  below: number;
  averageGap: number;
}

export async function getOrganisationGaps(db: Db, actor: Actor, { unitId }: { unitId?: string | null }, { validityMonths, now = new Date() }: { validityMonths: number; now?: Date }) {
  if (!hasPermission(actor.roles, "read:profile:any")) throw new AccessDeniedError();
  const scope = unitId ? await db.orgUnit.findUnique({ where: { id: unitId }, select: { id: true, code: true, name: true, path: true } }) : null;
  if (unitId && !scope) throw new NotFoundError("Organisationseinheit nicht gefunden");
  const breadcrumb = scope ? (await db.orgUnit.findMany({ where: { id: { in: idsInPath(scope.path) } }, select: { id: true, code: true, name: true, depth: true } })).sort((a, b) => a.depth - b.depth) : [];
  const children = await db.orgUnit.findMany({ where: { parentId: scope?.id ?? null }, select: { id: true, code: true, name: true, path: true }, orderBy: [{ sortOrder: "asc" }, { code: "asc" }] });
  const units = await db.orgUnit.findMany({
    where: scope ? { path: { startsWith: scope.path } } : {},
    select: { id: true, path: true },
  });
  // Which group (child subtree, or the scope unit itself for its direct members) a unit belongs to.
  const groupOfUnit = new Map<string, string>();
  for (const u of units) {
    const child = children.find((c) => u.path.startsWith(c.path));
    groupOfUnit.set(u.id, child?.id ?? "__direct");
  }
  const people = await db.person.findMany({
    where: { status: "ACTIVE", orgUnitId: { in: units.map((u) => u.id) } },
    select: {
      id: true,
      orgUnitId: true,
      assignments: {
        where: { startDate: { lte: now }, OR: [{ endDate: null }, { endDate: { gte: now } }] },
        orderBy: [{ isPrimary: "desc" }, { fte: "desc" }],
        take: 1,
        select: { position: { select: { profile: { select: { id: true, roleProfileId: true } } } } },
      },
    },
  });
  const profiles = people.map((p) => p.assignments[0]?.position.profile ?? null);
  const profileIds = [...new Set(profiles.filter(Boolean).map((p) => p!.id))];
  const roleIds = [...new Set(profiles.map((p) => p?.roleProfileId).filter((id): id is string => !!id))];
  const competency = { select: { id: true, code: true, name: true, lineageId: true } } as const;
  const [roleRows, ownRows, records] = await Promise.all([
    db.roleProfileRequirement.findMany({ where: { roleProfileId: { in: roleIds } }, select: { roleProfileId: true, targetLevel: true, competency } }),
    db.positionRequirement.findMany({ where: { profileId: { in: profileIds } }, select: { profileId: true, targetLevel: true, excluded: true, competency } }),
    db.competencyLevelRecord.findMany({ where: { personId: { in: people.map((p) => p.id) } }, select: { personId: true, lineageId: true, level: true, source: true, recordedAt: true } }),
  ]);
  const roleReqs = new Map<string, typeof roleRows>();
  for (const r of roleRows) roleReqs.set(r.roleProfileId, [...(roleReqs.get(r.roleProfileId) ?? []), r]);
  const ownReqs = new Map<string, typeof ownRows>();
  for (const r of ownRows) ownReqs.set(r.profileId, [...(ownReqs.get(r.profileId) ?? []), r]);
  const recordsOf = new Map<string, { level: number; source: LevelSourceValue; recordedAt: Date }[]>();
  for (const r of records) {
    const key = `${r.personId}|${r.lineageId}`;
    recordsOf.set(key, [...(recordsOf.get(key) ?? []), { level: r.level, source: r.source as LevelSourceValue, recordedAt: r.recordedAt }]);
  }
  const competencies = new Map<string, { id: string; code: string; name: string; lineageId: string }>();
  // group → lineage → gaps of the people who need it
  const gaps = new Map<string, Map<string, number[]>>();
  const groupSize = new Map<string, number>();
  people.forEach((person, index) => {
    const group = groupOfUnit.get(person.orgUnitId ?? "") ?? "__direct";
    groupSize.set(group, (groupSize.get(group) ?? 0) + 1);
    const profile = profiles[index];
    if (!profile) return;
    const reqs = new Map<string, { targetLevel: number; competency: { id: string; code: string; name: string; lineageId: string } }>();
    for (const r of roleReqs.get(profile.roleProfileId ?? "") ?? []) reqs.set(r.competency.lineageId, r);
    for (const r of ownReqs.get(profile.id) ?? []) {
      if (r.excluded) reqs.delete(r.competency.lineageId);
      else reqs.set(r.competency.lineageId, r);
    }
    for (const [lineage, req] of reqs) {
      competencies.set(lineage, req.competency);
      const current = currentLevel(recordsOf.get(`${person.id}|${lineage}`) ?? [], now, validityMonths);
      const byLineage = gaps.get(group) ?? new Map<string, number[]>();
      byLineage.set(lineage, [...(byLineage.get(lineage) ?? []), gapOf(req.targetLevel, current)]);
      gaps.set(group, byLineage);
    }
  });
  // Groups below the minimum size are merged into the remainder of the scope.
  const shown = children.filter((c) => (groupSize.get(c.id) ?? 0) >= MIN_GROUP);
  const merged = new Set([...children.filter((c) => !shown.includes(c)).map((c) => c.id), "__direct"]);
  const columns = [
    ...shown.map((c) => ({ id: c.id, label: `${c.code} ${c.name}`, size: groupSize.get(c.id) ?? 0, drillDown: true })),
    { id: "__rest", label: "", size: [...merged].reduce((n, g) => n + (groupSize.get(g) ?? 0), 0), drillDown: false },
  ].filter((c) => c.id !== "__rest" || c.size > 0);
  const cellOf = (values: number[]): OrgGapCell => ({
    required: values.length,
    below: values.filter((g) => g > 0).length,
    averageGap: values.length ? Math.round((values.reduce((s, g) => s + g, 0) / values.length) * 100) / 100 : 0,
  });
  const rows = [...competencies.entries()]
    .map(([lineage, c]) => {
      const cells = columns.map((col) => {
        const groups = col.id === "__rest" ? [...merged] : [col.id];
        const values = groups.flatMap((g) => gaps.get(g)?.get(lineage) ?? []);
        // The remainder is itself a group: hide it when it is too small.
        if (col.id === "__rest" && col.size < MIN_GROUP) return null;
        return cellOf(values);
      });
      const all = [...gaps.values()].flatMap((m) => m.get(lineage) ?? []);
      return { competency: c, total: cellOf(all), cells };
    })
    .sort((a, b) => b.total.below - a.total.below || a.competency.code.localeCompare(b.competency.code, "de"));
  const totalPeople = people.length;
  await recordAudit(db, { actorUserId: actor.userId, action: "gaps.organisation-read", entityType: "OrgUnit", entityId: scope?.id ?? null, summary: `${totalPeople} Personen aggregiert` });
  return { scope, breadcrumb, columns, rows, totalPeople, minGroup: MIN_GROUP, tooSmall: totalPeople < MIN_GROUP };
}
