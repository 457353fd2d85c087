// "Lernreise vorschlagen": the pure proposal algorithm (no database, no framework). From a
// person's gaps and the published catalogue it picks, gap by gap, the training that closes the gap
// and says why. The same input always gives the same proposal.
//
// Order of work: essential gaps first, then important, then desirable; within an importance the
// larger gap first, then the competency code. For each gap still open, the candidates are the
// trainings that lead to the required level (closesGap: target level ≥ required and > current).
// Among them, in this order:
//   1. one with an upcoming session that still has free seats (the person can start soon),
//   2. one that closes more of the person's still-open gaps at once (a shorter path: fewer steps),
//   3. the shorter duration (unknown durations last),
//   4. the catalogue code, then the id (a stable final tie-break).
// A chosen training covers every open gap it closes, so no training appears twice. Gaps without
// any candidate are returned as unclosable: the input for HR's catalogue planning.
//
// Phases: "Wesentliche Lücken" (steps for essential gaps) and "Weitere Lücken" (the rest). Splitting
// by importance rather than by competency cluster keeps what the position cannot do without at the
// top, which is what the person and their leader agree on first; clusters would mix the two.
//
// Due dates: a step with a chosen session is due on the session's first day (Berlin); the others
// are spread evenly over the time frame (three months by default) in step order, so essential
// steps come first. The time frame grows to the last chosen session if that lies beyond it.
import { addDays, addMonths, daysBetween, maxDay, todayInBerlin, type Day } from "~/modules/compliance/days.ts";

export const IMPORTANCES = ["ESSENTIAL", "IMPORTANT", "DESIRABLE"] as const;
export type Importance = (typeof IMPORTANCES)[number];
const IMPORTANCE_RANK: Record<Importance, number> = { ESSENTIAL: 0, IMPORTANT: 1, DESIRABLE: 2 };
const IMPORTANCE_LABEL: Record<Importance, string> = { ESSENTIAL: "wesentlich", IMPORTANT: "wichtig", DESIRABLE: "wünschenswert" };

export const DEFAULT_PROPOSAL_MONTHS = 3;
export const ESSENTIAL_PHASE = "Wesentliche Lücken";
export const FURTHER_PHASE = "Weitere Lücken";

export interface ProposalGap {
  competencyId: string;
  lineageId: string;
  code: string;
  name: string;
  /** Level the position requires. */
  required: number;
  /** The person's current level (0 = not yet assessed). */
  current: number;
  importance: Importance;
}

export interface ProposalSession {
  id: string;
  startsAt: Date;
  endsAt: Date;
  /** Places still free (only open sessions are passed in: scheduled, future, deadline open). */
  freeSeats: number;
}

export interface ProposalTraining {
  id: string;
  code: string;
  title: string;
  /** 0 = unknown. */
  durationMinutes: number;
  competencies: readonly { lineageId: string; targetLevel: number }[];
  /** Upcoming sessions someone can still get a place in. */
  openSessions: readonly ProposalSession[];
}

export interface ProposalInput {
  gaps: readonly ProposalGap[];
  trainings: readonly ProposalTraining[];
  now: Date;
  months?: number;
}

export interface ProposedStep {
  kind: "TRAINING";
  trainingId: string;
  trainingCode: string;
  title: string;
  sessionId: string | null;
  /** The gap the step was chosen for (the first it closes in the order of work). */
  competencyId: string;
  lineageId: string;
  /** The level the training leads to in that competency. */
  targetLevel: number;
  dueOn: Day;
  rationale: string;
  /** Every gap (lineage) the step closes. */
  closes: string[];
}

export interface ProposedPhase {
  title: string;
  steps: ProposedStep[];
}

export interface UnclosableGap {
  lineageId: string;
  code: string;
  name: string;
  required: number;
  current: number;
  importance: Importance;
}

export interface Proposal {
  startsOn: Day;
  endsOn: Day;
  phases: ProposedPhase[];
  unclosable: UnclosableGap[];
  /** Number of gaps (required above current) the proposal started from. */
  gapCount: number;
  /** A friendly sentence when there is nothing to propose, else null. */
  emptyMessage: string | null;
}

/** The same rule as the catalogue's closesGap: reaches the required level and lies above the current one. */
export function trainingClosesGap(gap: Pick<ProposalGap, "required" | "current">, targetLevel: number) {
  return targetLevel >= gap.required && targetLevel > gap.current;
}

const codeCompare = (a: string, b: string) => a.localeCompare(b, "de", { numeric: true });

function byWorkOrder(a: ProposalGap, b: ProposalGap) {
  return (
    IMPORTANCE_RANK[a.importance] - IMPORTANCE_RANK[b.importance] ||
    b.required - b.current - (a.required - a.current) ||
    codeCompare(a.code, b.code) ||
    (a.lineageId < b.lineageId ? -1 : a.lineageId > b.lineageId ? 1 : 0)
  );
}

/** "2026-12-10" → "10.12.2026". */
export function germanDay(day: Day) {
  const [y, m, d] = day.split("-");
  return `${d}.${m}.${y}`;
}

function hours(minutes: number) {
  const h = minutes / 60;
  return `${Number.isInteger(h) ? h : h.toFixed(1).replace(".", ",")} Std.`;
}

function levelText(level: number) {
  return level === 0 ? "noch nicht eingeschätzt" : `Stufe ${level}`;
}

function gapText(g: ProposalGap) {
  return `${g.code} ${g.name} (${IMPORTANCE_LABEL[g.importance]}; erforderlich Stufe ${g.required}, aktuell ${levelText(g.current)})`;
}

interface Candidate {
  training: ProposalTraining;
  session: ProposalSession | null;
  /** Open gaps (lineages) this training closes, in work order. */
  closes: ProposalGap[];
  duration: number;
}

/** Negative when a is the better choice; also tells which rule decided. */
function compareCandidates(a: Candidate, b: Candidate): { order: number; rule: "session" | "coverage" | "duration" | "code" } {
  const session = Number(!!b.session) - Number(!!a.session);
  if (session) return { order: session, rule: "session" };
  const coverage = b.closes.length - a.closes.length;
  if (coverage) return { order: coverage, rule: "coverage" };
  const duration = a.duration - b.duration;
  if (duration) return { order: duration, rule: "duration" };
  const code = codeCompare(a.training.code, b.training.code) || (a.training.id < b.training.id ? -1 : a.training.id > b.training.id ? 1 : 0);
  return { order: code, rule: "code" };
}

function earliest(sessions: readonly ProposalSession[]) {
  let best: ProposalSession | null = null;
  for (const s of sessions) {
    if (s.freeSeats <= 0) continue;
    if (!best || s.startsAt < best.startsAt || (s.startsAt.getTime() === best.startsAt.getTime() && s.id < best.id)) best = s;
  }
  return best;
}

function rationaleOf(chosen: Candidate, runnerUp: Candidate | null, rule: ReturnType<typeof compareCandidates>["rule"] | null, alternatives: number) {
  const parts: string[] = [];
  const [first, ...more] = chosen.closes;
  parts.push(
    more.length
      ? `Schließt ${chosen.closes.length} Lücken auf einmal: ${chosen.closes.map(gapText).join("; ")}.`
      : `Schließt die Lücke in ${gapText(first!)}.`,
  );
  parts.push(
    chosen.session
      ? `Nächster Termin am ${germanDay(todayInBerlin(chosen.session.startsAt))} mit freien Plätzen (${chosen.session.freeSeats} frei).`
      : "Derzeit kein Termin mit freien Plätzen – bitte bei der Personalentwicklung nach dem nächsten Termin fragen.",
  );
  if (!runnerUp || !rule) {
    parts.push("Einzige passende Schulung im Katalog.");
  } else {
    const among = `Gewählt unter ${alternatives + 1} passenden Schulungen`;
    if (rule === "session") parts.push(`${among}, weil sie einen Termin mit freien Plätzen hat.`);
    else if (rule === "coverage") parts.push(`${among}, weil sie mehr Ihrer Lücken auf einmal schließt (kürzerer Weg, weniger Schritte).`);
    else if (rule === "duration")
      parts.push(
        chosen.duration === Infinity
          ? `${among}.`
          : `${among}, weil sie kürzer ist (${hours(chosen.duration)}${runnerUp.duration === Infinity ? " statt unbekannter Dauer" : ` statt ${hours(runnerUp.duration)}`}).`,
      );
    else parts.push(`${among}; bei sonst gleichen Voraussetzungen nach Katalognummer.`);
  }
  return parts.join(" ");
}

/** Builds the proposal. Pure and deterministic: no clock except `now`, no randomness. */
export function proposeJourney({ gaps, trainings, now, months = DEFAULT_PROPOSAL_MONTHS }: ProposalInput): Proposal {
  const startsOn = todayInBerlin(now);
  const plannedEnd = addMonths(startsOn, months);
  const open = gaps.filter((g) => g.required > g.current).slice().sort(byWorkOrder);
  if (open.length === 0) {
    return {
      startsOn,
      endsOn: plannedEnd,
      phases: [],
      unclosable: [],
      gapCount: 0,
      emptyMessage: "Keine Kompetenzlücken: Alle Anforderungen der Stelle sind erreicht. Es gibt nichts, wofür eine Lernreise vorgeschlagen werden müsste.",
    };
  }

  // Trainings in a stable order, each with its earliest open session and its levels per lineage.
  const catalogue = trainings
    .slice()
    .sort((a, b) => codeCompare(a.code, b.code) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((t) => ({ training: t, session: earliest(t.openSessions), levels: new Map(t.competencies.map((c) => [c.lineageId, c.targetLevel])) }));

  const covered = new Set<string>();
  const chosen: { gap: ProposalGap; candidate: Candidate; rationale: string }[] = [];
  const unclosable: UnclosableGap[] = [];
  for (const gap of open) {
    if (covered.has(gap.lineageId)) continue;
    const candidates: Candidate[] = [];
    for (const c of catalogue) {
      const level = c.levels.get(gap.lineageId);
      if (level === undefined || !trainingClosesGap(gap, level)) continue;
      const closes = open.filter((g) => !covered.has(g.lineageId) && c.levels.has(g.lineageId) && trainingClosesGap(g, c.levels.get(g.lineageId)!));
      candidates.push({ training: c.training, session: c.session, closes, duration: c.training.durationMinutes > 0 ? c.training.durationMinutes : Infinity });
    }
    if (candidates.length === 0) {
      unclosable.push({ lineageId: gap.lineageId, code: gap.code, name: gap.name, required: gap.required, current: gap.current, importance: gap.importance });
      continue;
    }
    candidates.sort((a, b) => compareCandidates(a, b).order);
    const best = candidates[0]!;
    const runnerUp = candidates[1] ?? null;
    const rule = runnerUp ? compareCandidates(best, runnerUp).rule : null;
    for (const g of best.closes) covered.add(g.lineageId);
    chosen.push({ gap, candidate: best, rationale: rationaleOf(best, runnerUp, rule, candidates.length - 1) });
  }

  // Due dates: the session's first day, else spread over the planned time frame by position.
  const span = Math.max(1, daysBetween(startsOn, plannedEnd));
  let endsOn = plannedEnd;
  const steps = chosen.map(({ gap, candidate, rationale }, index): ProposedStep & { essential: boolean } => {
    const dueOn = candidate.session ? todayInBerlin(candidate.session.startsAt) : addDays(startsOn, Math.ceil((span * (index + 1)) / chosen.length));
    endsOn = maxDay(endsOn, dueOn);
    return {
      kind: "TRAINING",
      trainingId: candidate.training.id,
      trainingCode: candidate.training.code,
      title: candidate.training.title,
      sessionId: candidate.session?.id ?? null,
      competencyId: gap.competencyId,
      lineageId: gap.lineageId,
      targetLevel: candidate.training.competencies.find((c) => c.lineageId === gap.lineageId)!.targetLevel,
      dueOn,
      rationale,
      closes: candidate.closes.map((g) => g.lineageId),
      essential: gap.importance === "ESSENTIAL",
    };
  });
  const strip = ({ essential: _essential, ...step }: ProposedStep & { essential: boolean }): ProposedStep => step;
  const phases: ProposedPhase[] = [
    { title: ESSENTIAL_PHASE, steps: steps.filter((s) => s.essential).map(strip) },
    { title: FURTHER_PHASE, steps: steps.filter((s) => !s.essential).map(strip) },
  ].filter((p) => p.steps.length > 0);
  return { startsOn, endsOn, phases, unclosable, gapCount: open.length, emptyMessage: null };
}

/** Plain-language label of an importance, for texts. */
export function importanceLabel(importance: Importance) {
  return IMPORTANCE_LABEL[importance];
}

/** Why no journey can be proposed (message keys journeys.proposal.refused.*). */
export const PROPOSAL_REFUSALS = ["noProfile", "noGaps", "personLeft"] as const;
export type ProposalRefusal = (typeof PROPOSAL_REFUSALS)[number];
