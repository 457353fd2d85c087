// Gap analysis for one person: required vs. current level per competency of their position.
import type { Db } from "~/utils/db.server.ts";
import { recordAudit } from "~/modules/audit/audit.server.ts";
import type { Actor } from "~/modules/auth/permissions.ts";
import { requirePersonAccess } from "~/modules/org/org.server.ts";
import { effectiveRequirements, IMPORTANCE_ORDER } from "~/modules/competency/profiles.server.ts";
import { currentLevel, gapOf, type LevelSourceValue } from "./levels.ts";

export async function getPersonGaps(db: Db, actor: Actor, personId: string, { validityMonths, now = new Date() }: { validityMonths: number; now?: Date }) {
  return db.$transaction(async (tx) => {
    const access = await requirePersonAccess(tx, actor, personId);
    const assignment = await tx.positionAssignment.findFirst({
      where: { personId, startDate: { lte: now }, OR: [{ endDate: null }, { endDate: { gte: now } }] },
      orderBy: [{ isPrimary: "desc" }, { fte: "desc" }, { startDate: "desc" }],
      select: { position: { select: { id: true, title: true, profile: { select: { id: true } } } } },
    });
    const profileId = assignment?.position.profile?.id;
    const requirements = profileId ? (await effectiveRequirements(tx, profileId)).rows : [];
    const lineages = requirements.map((r) => r.competency.lineageId);
    const [records, parents] = await Promise.all([
      tx.competencyLevelRecord.findMany({
        where: { personId, lineageId: { in: lineages } },
        orderBy: { recordedAt: "desc" },
        select: { id: true, lineageId: true, level: true, source: true, recordedAt: true, note: true },
      }),
      tx.competencyNode.findMany({
        where: { id: { in: requirements.map((r) => r.competency.id) } },
        select: { id: true, parent: { select: { id: true, code: true, name: true } } },
      }),
    ]);
    const byLineage = new Map<string, typeof records>();
    for (const r of records) byLineage.set(r.lineageId, [...(byLineage.get(r.lineageId) ?? []), r]);
    const parentOf = new Map(parents.map((p) => [p.id, p.parent]));
    const rows = requirements.map((req) => {
      const history = (byLineage.get(req.competency.lineageId) ?? []).map((r) => ({ ...r, source: r.source as LevelSourceValue }));
      const current = currentLevel(history, now, validityMonths);
      const levels = req.competency.framework.scale.levels;
      return {
        competency: req.competency,
        cluster: parentOf.get(req.competency.id) ?? null,
        targetLevel: req.targetLevel,
        importance: req.importance,
        maxLevel: levels.length,
        current: current ? { level: current.level, source: current.source, recordedAt: current.recordedAt, validUntil: current.validUntil, outdated: current.outdated } : null,
        gap: gapOf(req.targetLevel, current),
        history,
      };
    });
    rows.sort((a, b) => IMPORTANCE_ORDER[a.importance] - IMPORTANCE_ORDER[b.importance] || b.gap - a.gap || a.competency.code.localeCompare(b.competency.code, "de"));
    // Per cluster: average target and current as a share of the scale, so different scales compare.
    const clusters = new Map<string, { label: string; target: number[]; current: number[] }>();
    for (const row of rows) {
      const key = row.cluster?.id ?? row.competency.framework.id;
      const label = row.cluster ? `${row.cluster.code} ${row.cluster.name}` : row.competency.framework.name;
      const entry = clusters.get(key) ?? { label, target: [], current: [] };
      entry.target.push((row.targetLevel / row.maxLevel) * 100);
      entry.current.push(((row.current?.level ?? 0) / row.maxLevel) * 100);
      clusters.set(key, entry);
    }
    const mean = (xs: number[]) => Math.round(xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length));
    const radar = [...clusters.values()].map((c) => ({ label: c.label, target: mean(c.target), current: mean(c.current), count: c.target.length }));
    if (access !== "own") {
      await recordAudit(tx, { actorUserId: actor.userId, action: "gaps.read", entityType: "Person", entityId: personId, affectedPersonId: personId, summary: `Lückenanalyse angesehen (Zugriff: ${access})` });
    }
    return {
      access,
      position: assignment?.position ?? null,
      rows,
      radar,
      essentialGaps: rows.filter((r) => r.importance === "ESSENTIAL" && r.gap > 0).length,
      validityMonths,
    };
  });
}
