// The only way a level record is written: the history row and, when it wins, the person's
// current level snapshot, in the caller's transaction (the rule is in levels.ts).
import { randomUUID } from "node:crypto";
import type { Tx } from "~/utils/db.server.ts";
import { winningRecord, type LevelSourceValue } from "./levels.ts";

export interface NewLevelRecord {
  personId: string;
  competencyId: string;
  lineageId: string;
  level: number;
  source: LevelSourceValue;
  recordedAt?: Date;
  recordedById?: string | null;
  roundId?: string | null;
  evidenceId?: string | null;
  completionId?: string | null;
  note?: string;
}

export interface SnapshotRow {
  personId: string;
  lineageId: string;
  competencyId: string;
  level: number;
  source: LevelSourceValue;
  recordedAt: Date;
  recordId: string;
}

interface RecordRow {
  id: string;
  personId: string;
  lineageId: string;
  competencyId: string;
  level: number;
  source: LevelSourceValue;
  recordedAt: Date;
}

/** Winning record per person and competency among `records` (also used by bulk writers such as the seed). */
export function snapshotsOf(records: readonly RecordRow[]): SnapshotRow[] {
  const groups = new Map<string, RecordRow[]>();
  for (const r of records) {
    const key = `${r.personId}|${r.lineageId}`;
    const list = groups.get(key);
    if (list) list.push(r);
    else groups.set(key, [r]);
  }
  return [...groups.values()].map((list) => {
    const w = winningRecord(list)!;
    return { personId: w.personId, lineageId: w.lineageId, competencyId: w.competencyId, level: w.level, source: w.source, recordedAt: w.recordedAt, recordId: w.id };
  });
}

/** Appends level records and moves each person's current level where a new record wins. */
export async function recordLevels(tx: Tx, inputs: readonly NewLevelRecord[]) {
  if (inputs.length === 0) return [];
  const now = new Date();
  const rows = inputs.map((r) => ({
    id: randomUUID(),
    personId: r.personId,
    competencyId: r.competencyId,
    lineageId: r.lineageId,
    level: r.level,
    source: r.source,
    recordedAt: r.recordedAt ?? now,
    recordedById: r.recordedById ?? null,
    roundId: r.roundId ?? null,
    evidenceId: r.evidenceId ?? null,
    completionId: r.completionId ?? null,
    note: r.note ?? "",
  }));
  await tx.competencyLevelRecord.createMany({ data: rows });
  const existing = await tx.currentCompetencyLevel.findMany({
    where: { personId: { in: [...new Set(rows.map((r) => r.personId))] }, lineageId: { in: [...new Set(rows.map((r) => r.lineageId))] } },
  });
  const current = new Map(existing.map((c) => [`${c.personId}|${c.lineageId}`, { ...c, source: c.source as LevelSourceValue }]));
  for (const candidate of snapshotsOf(rows)) {
    const key = `${candidate.personId}|${candidate.lineageId}`;
    const before = current.get(key);
    if (before && winningRecord([before, candidate]) === before) continue;
    await tx.currentCompetencyLevel.upsert({
      where: { personId_lineageId: { personId: candidate.personId, lineageId: candidate.lineageId } },
      create: candidate,
      update: { competencyId: candidate.competencyId, level: candidate.level, source: candidate.source, recordedAt: candidate.recordedAt, recordId: candidate.recordId },
    });
  }
  return rows;
}
