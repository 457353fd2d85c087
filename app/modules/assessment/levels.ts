// The rule for a person's current level in a competency (shown in the UI as written here):
// 1. Every rating, agreement, completed training and accepted piece of evidence is kept.
// 2. A record is valid for `validityMonths` after it was recorded.
// 3. The current level is the most recent valid record; on the same day an agreed level beats
//    accepted evidence, which beats a completed training, which beats a leader's rating alone.
// 4. If no record is valid any more, the most recent one is shown, marked as outdated.

export type LevelSourceValue = "AGREED" | "LEADER" | "TRAINING" | "EVIDENCE";

export const SOURCE_PRIORITY: Record<LevelSourceValue, number> = { AGREED: 0, EVIDENCE: 1, TRAINING: 2, LEADER: 3 };

export interface LevelRecordLike {
  level: number;
  source: LevelSourceValue;
  recordedAt: Date;
}

export interface CurrentLevel<T extends LevelRecordLike = LevelRecordLike> {
  record: T;
  level: number;
  source: LevelSourceValue;
  recordedAt: Date;
  validUntil: Date;
  outdated: boolean;
}

export function addMonths(date: Date, months: number) {
  const d = new Date(date.getTime());
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, lastDay));
  return d;
}

const dayOf = (d: Date) => d.toISOString().slice(0, 10);

/** Orders records newest first; same calendar day by source priority, then time. */
export function compareRecords(a: LevelRecordLike, b: LevelRecordLike) {
  const dayA = dayOf(a.recordedAt);
  const dayB = dayOf(b.recordedAt);
  if (dayA !== dayB) return dayA < dayB ? 1 : -1;
  const byPriority = SOURCE_PRIORITY[a.source] - SOURCE_PRIORITY[b.source];
  if (byPriority !== 0) return byPriority;
  return b.recordedAt.getTime() - a.recordedAt.getTime();
}

export function currentLevel<T extends LevelRecordLike>(records: readonly T[], now: Date, validityMonths: number): CurrentLevel<T> | null {
  if (records.length === 0) return null;
  const sorted = [...records].sort(compareRecords);
  const valid = sorted.find((r) => addMonths(r.recordedAt, validityMonths) > now);
  const record = valid ?? sorted[0]!;
  return {
    record,
    level: record.level,
    source: record.source,
    recordedAt: record.recordedAt,
    validUntil: addMonths(record.recordedAt, validityMonths),
    outdated: !valid,
  };
}

/** Gap = target − current (0 when met); an unknown current level counts as the full target. */
export function gapOf(targetLevel: number, current: { level: number } | null) {
  return Math.max(0, targetLevel - (current?.level ?? 0));
}
