// Arithmetic of the evaluation reports on counts per answer value (pure; the anonymity rules are
// applied by the caller, see anonymity.ts).

/** Count of answers per value, e.g. { 1: 0, 2: 1, 3: 4, 4: 10, 5: 7 }. */
export type ValueCounts = ReadonlyMap<number, number>;

export function total(counts: ValueCounts): number {
  let n = 0;
  for (const c of counts.values()) n += c;
  return n;
}

export function mean(counts: ValueCounts): number | null {
  const n = total(counts);
  if (!n) return null;
  let sum = 0;
  for (const [value, c] of counts) sum += value * c;
  return sum / n;
}

/** Share (0–1) of the answers 4 and 5 on a five-point scale. */
export function topTwoBox(counts: ValueCounts): number | null {
  const n = total(counts);
  if (!n) return null;
  return ((counts.get(4) ?? 0) + (counts.get(5) ?? 0)) / n;
}

/** Net promoter score in percentage points: % promoters (9–10) minus % detractors (0–6), −100 … 100. */
export function npsOf(counts: ValueCounts): { score: number; promoters: number; passives: number; detractors: number } | null {
  const n = total(counts);
  if (!n) return null;
  let promoters = 0;
  let detractors = 0;
  for (const [value, c] of counts) {
    if (value >= 9) promoters += c;
    else if (value <= 6) detractors += c;
  }
  const passives = n - promoters - detractors;
  return { score: ((promoters - detractors) / n) * 100, promoters: promoters / n, passives: passives / n, detractors: detractors / n };
}

/** Share (0–1) of "yes" and "partly" among the answers of the item "applied". */
export function transferRate(choiceCounts: ReadonlyMap<string, number>, answered: number): number | null {
  if (!answered) return null;
  return ((choiceCounts.get("yes") ?? 0) + (choiceCounts.get("partly") ?? 0)) / answered;
}

/**
 * Counts per option from the stored JSON arrays of choices, each with the number of answers that
 * chose exactly that array (as a grouped query returns them).
 */
export function countChoices(rows: readonly { choices: string | null; count: number }[]): { perOption: Map<string, number>; answered: number } {
  const perOption = new Map<string, number>();
  let answered = 0;
  for (const row of rows) {
    if (row.choices == null) continue;
    let values: unknown;
    try {
      values = JSON.parse(row.choices);
    } catch {
      continue;
    }
    if (!Array.isArray(values)) continue;
    answered += row.count;
    for (const v of new Set(values.map(String))) perOption.set(v, (perOption.get(v) ?? 0) + row.count);
  }
  return { perOption, answered };
}

/** "YYYY-MM" months from `from` to `to` inclusive. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split("-").map(Number) as [number, number];
  const [ty, tm] = to.split("-").map(Number) as [number, number];
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${String(m).padStart(2, "0")}`);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
    if (out.length > 600) break;
  }
  return out;
}

export const PERIOD_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;
