// Organisation-wide gaps for HR development: per competency and org unit, how many people are
// below target and the average gap. Groups of fewer than MIN_GROUP people are never shown on
// their own; they are merged into the parent ("übrige Einheiten") so nobody can be identified.
import type { Db } from "~/utils/db.server.ts";
import { recordAudit } from "~/modules/audit/audit.server.ts";
import { hasPermission, type Actor } from "~/modules/auth/permissions.ts";
import { AccessDeniedError, NotFoundError } from "~/modules/errors.ts";
import { idsInPath } from "~/modules/org/org.server.ts";
import { ensureGapReport, sumGapReport, type GroupAggregate } from "./gap-report.server.ts";

export const MIN_GROUP = 5;

export interface OrgGapCell {
  required: number;
  below: number;
  averageGap: number;
}

/**
 * The report as of its latest run (see gap-report.server.ts). The options are kept for the
 * callers' signature; the current level does not depend on the date (levels.ts).
 */
export async function getOrganisationGaps(db: Db, actor: Actor, { unitId }: { unitId?: string | null }, _options: { validityMonths: number; now?: Date }) {
  if (!hasPermission(actor.roles, "read:profile:any")) throw new AccessDeniedError();
  const scope = unitId ? await db.orgUnit.findUnique({ where: { id: unitId }, select: { id: true, code: true, name: true, path: true } }) : null;
  if (unitId && !scope) throw new NotFoundError("Organisationseinheit nicht gefunden");
  const breadcrumb = scope ? (await db.orgUnit.findMany({ where: { id: { in: idsInPath(scope.path) } }, select: { id: true, code: true, name: true, depth: true } })).sort((a, b) => a.depth - b.depth) : [];
  const children = await db.orgUnit.findMany({ where: { parentId: scope?.id ?? null }, select: { id: true, code: true, name: true, path: true }, orderBy: [{ sortOrder: "asc" }, { code: "asc" }] });
  const run = await ensureGapReport(db);
  const { sizes: groupSize, cells } = await sumGapReport(db, scope);
  const lineages = [...new Set(cells.map((c) => c.lineageId))];
  const nodes = await db.competencyNode.findMany({
    where: { lineageId: { in: lineages } },
    select: { id: true, code: true, name: true, lineageId: true, framework: { select: { status: true } } },
  });
  // One node per lineage: the published version where there is one.
  const competencies = new Map<string, { id: string; code: string; name: string; lineageId: string }>();
  for (const n of nodes.sort((a, b) => Number(a.framework.status === "PUBLISHED") - Number(b.framework.status === "PUBLISHED"))) {
    competencies.set(n.lineageId, { id: n.id, code: n.code, name: n.name, lineageId: n.lineageId });
  }
  // group → lineage → aggregate
  const gaps = new Map<string, Map<string, GroupAggregate>>();
  for (const c of cells) {
    const byLineage = gaps.get(c.group) ?? new Map<string, GroupAggregate>();
    byLineage.set(c.lineageId, c);
    gaps.set(c.group, byLineage);
  }
  // Groups below the minimum size are merged into the remainder of the scope.
  const shown = children.filter((c) => (groupSize.get(c.id) ?? 0) >= MIN_GROUP);
  const merged = new Set([...children.filter((c) => !shown.includes(c)).map((c) => c.id), "__direct"]);
  const columns = [
    ...shown.map((c) => ({ id: c.id, label: `${c.code} ${c.name}`, size: groupSize.get(c.id) ?? 0, drillDown: true })),
    { id: "__rest", label: "", size: [...merged].reduce((n, g) => n + (groupSize.get(g) ?? 0), 0), drillDown: false },
  ].filter((c) => c.id !== "__rest" || c.size > 0);
  const cellOf = (parts: GroupAggregate[]): OrgGapCell => {
    const required = parts.reduce((n, p) => n + p.required, 0);
    const gapSum = parts.reduce((n, p) => n + p.gapSum, 0);
    return { required, below: parts.reduce((n, p) => n + p.below, 0), averageGap: required ? Math.round((gapSum / required) * 100) / 100 : 0 };
  };
  const rows = [...competencies.entries()]
    .map(([lineage, c]) => {
      const cells = columns.map((col) => {
        const groups = col.id === "__rest" ? [...merged] : [col.id];
        // The remainder is itself a group: hide it when it is too small.
        if (col.id === "__rest" && col.size < MIN_GROUP) return null;
        return cellOf(groups.flatMap((g) => gaps.get(g)?.get(lineage) ?? []));
      });
      const all = [...gaps.values()].flatMap((m) => m.get(lineage) ?? []);
      return { competency: c, total: cellOf(all), cells };
    })
    .sort((a, b) => b.total.below - a.total.below || a.competency.code.localeCompare(b.competency.code, "de"));
  const totalPeople = [...groupSize.values()].reduce((n, v) => n + v, 0);
  await recordAudit(db, { actorUserId: actor.userId, action: "gaps.organisation-read", entityType: "OrgUnit", entityId: scope?.id ?? null, summary: `${totalPeople} Personen aggregiert` });
  return { scope, breadcrumb, columns, rows, totalPeople, minGroup: MIN_GROUP, tooSmall: totalPeople < MIN_GROUP, computedAt: run.computedAt };
}

