// The anonymity rules of the evaluation reports (issue 8, docs/decisions/023). Pure functions, used
// by every view and export: a group of fewer than the minimum number of responses (FEEDBACK_MIN_GROUP,
// never below 5) shows nothing — no count, no mean, no distribution, no free text. Where a partition of
// a shown total (sessions of a training, months, trainings, providers) would leave a suppressed rest
// of 1 … min − 1 responses, more cells are suppressed (smallest first), so that "total minus the
// shown parts" never reveals the answers of a small group.

/** The hard floor the staff council agreed to; configuration may raise it, never lower it. */
export const ABSOLUTE_MIN_GROUP = 5;

export function effectiveMinGroup(configured: number): number {
  return Number.isFinite(configured) ? Math.max(ABSOLUTE_MIN_GROUP, Math.floor(configured)) : ABSOLUTE_MIN_GROUP;
}

/** What a suppressed group carries: nothing but the fact that it is suppressed. */
export type Suppressed = { suppressed: true };
export const SUPPRESSED: Suppressed = Object.freeze({ suppressed: true }) as Suppressed;
export type Gated<T> = (T & { suppressed: false }) | Suppressed;

export function isLargeEnough(responses: number, minGroup: number): boolean {
  return responses >= effectiveMinGroup(minGroup);
}

/** Builds the aggregate only for a large enough group; otherwise the suppressed marker (the builder never runs). */
export function gate<T extends object>(responses: number, minGroup: number, build: () => T): Gated<T> {
  if (!isLargeEnough(responses, minGroup)) return SUPPRESSED;
  return { ...build(), suppressed: false };
}

/**
 * Which cells of a partition may be shown. A cell is shown when it has at least `minGroup`
 * responses; then, while the suppressed cells together hold 1 … min − 1 responses (so the shown
 * total minus the shown cells would reveal them), the smallest shown cell is suppressed as well.
 * Empty cells (0 responses) reveal nothing and never force a suppression.
 */
export function protectPartition(counts: readonly number[], minGroup: number): boolean[] {
  const min = effectiveMinGroup(minGroup);
  const shown = counts.map((n) => n >= min);
  const hiddenSum = () => counts.reduce((sum, n, i) => sum + (shown[i] ? 0 : n), 0);
  for (;;) {
    const rest = hiddenSum();
    if (rest === 0 || rest >= min) return shown;
    let smallest = -1;
    for (let i = 0; i < counts.length; i++) if (shown[i] && (smallest < 0 || counts[i]! < counts[smallest]!)) smallest = i;
    if (smallest < 0) return shown;
    shown[smallest] = false;
  }
}

/**
 * A filtered group (a period range, a provider) inside a universe whose total is shown elsewhere
 * (the unfiltered training): shown only when it is large enough and the part the filter leaves out
 * is empty or large enough itself, so the unfiltered minus the filtered figures reveal no small group.
 */
export function filteredGroupVisible(filtered: number, universe: number, minGroup: number): boolean {
  const rest = universe - filtered;
  return isLargeEnough(filtered, minGroup) && (rest <= 0 || isLargeEnough(rest, minGroup));
}

/**
 * Free-text answers of a group: only for a large enough group, trimmed, without empty ones and in
 * alphabetical order, so neither the order of submission nor any position links a text to a person.
 */
export function releasableTexts(texts: readonly (string | null | undefined)[], responses: number, minGroup: number): string[] | null {
  if (!isLargeEnough(responses, minGroup)) return null;
  const collator = new Intl.Collator("de", { sensitivity: "base" });
  return texts
    .map((t) => (t ?? "").trim())
    .filter((t) => t.length > 0)
    .sort((a, b) => collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0));
}
