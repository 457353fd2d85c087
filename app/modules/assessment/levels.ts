// The rule for a person's current level in a competency (shown in the UI as written here):
// 1. Every rating, agreement, completed training and accepted piece of evidence is kept.
// 2. A record is valid for `validityMonths` from the (UTC) day it was recorded: until the start of
//    the same day that many months later.
// 3. The current level is the most recent record; on the same day an agreed level beats
//    accepted evidence, which beats a completed training, which beats a leader's rating alone.
// 4. Once it is past its validity, it is still shown, marked as outdated.
// Because validity is counted in whole days, the most recent record is valid exactly when any
// record is, so the current level depends only on the records, never on today's date: it can be
// kept as a snapshot (CurrentCompetencyLevel) that only a new record changes.

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

/** The end of a record's validity: the start of its recording day, `validityMonths` later. */
export function validUntilOf(recordedAt: Date, validityMonths: number) {
  return addMonths(new Date(`${dayOf(recordedAt)}T00:00:00.000Z`), validityMonths);
}

/** The record that wins among a person's records for one competency (see the rule above). */
export function winningRecord<T extends LevelRecordLike>(records: readonly T[]): T | null {
  let best: T | null = null;
  for (const r of records) if (!best || compareRecords(r, best) < 0) best = r;
  return best;
}

export function currentLevel<T extends LevelRecordLike>(records: readonly T[], now: Date, validityMonths: number): CurrentLevel<T> | null {
  const record = winningRecord(records);
  return record ? describeLevel(record, now, validityMonths) : null;
}

/** Level, source, validity and the outdated flag of the winning record. */
export function describeLevel<T extends LevelRecordLike>(record: T, now: Date, validityMonths: number): CurrentLevel<T> {
  const validUntil = validUntilOf(record.recordedAt, validityMonths);
  return { record, level: record.level, source: record.source, recordedAt: record.recordedAt, validUntil, outdated: validUntil <= now };
}

/** Gap = target − current (0 when met); an unknown current level counts as the full target. */
export function gapOf(targetLevel: number, current: { level: number } | null) {
  return Math.max(0, targetLevel - (current?.level ?? 0));
}
