// Evaluation reports (Wirksamkeit, issue 8): per training, session, provider and period. Every
// figure is an aggregate of grouped queries (no response is ever loaded as a row, only counts per
// answer value and, for large enough groups, the free texts), and every aggregate passes the rules of
// anonymity.ts: fewer responses than FEEDBACK_MIN_GROUP → suppressed without any number.
// docs/decisions/023-evaluation-reports.md explains the rules and the residual risks.
import { Prisma } from "~/generated/sqlite/client.ts";
import type { Db, Tx } from "~/utils/db.server.ts";
import { getEnv } from "~/utils/env.server.ts";
import { hasPermission, type Actor } from "~/modules/auth/permissions.ts";
import { AccessDeniedError, NotFoundError, ValidationError } from "~/modules/errors.ts";
import { effectiveMinGroup, filteredGroupVisible, gate, isLargeEnough, protectPartition, releasableTexts, SUPPRESSED, type Gated } from "./anonymity.ts";
import { countChoices, mean, npsOf, PERIOD_PATTERN, topTwoBox, total, transferRate } from "./report-math.ts";

type Client = Db | Tx;
export type Kind = "IMMEDIATE" | "TRANSFER_PARTICIPANT" | "TRANSFER_LEADER";
export const KINDS: readonly Kind[] = ["IMMEDIATE", "TRANSFER_PARTICIPANT", "TRANSFER_LEADER"];
export interface ReportOptions {
  now?: Date;
  /** Default getEnv().FEEDBACK_MIN_GROUP; never below 5 whatever is passed. */
  minGroup?: number;
}
const minGroupOf = (options: ReportOptions) => effectiveMinGroup(options.minGroup ?? getEnv().FEEDBACK_MIN_GROUP);
const num = (v: unknown) => (typeof v === "bigint" ? Number(v) : Number(v ?? 0));
const CHUNK = 500;

// ---------------------------------------------------------------------------------------------
// Filters

export interface PeriodRange {
  from: string | null;
  to: string | null;
}

/** Period range from query parameters ("YYYY-MM"); bad values are a validation error, an inverted range is swapped. */
export function parsePeriodRange(from: string | null | undefined, to: string | null | undefined): PeriodRange {
  const clean = (v: string | null | undefined) => (v && v.trim() ? v.trim() : null);
  let f = clean(from);
  let t = clean(to);
  if ((f && !PERIOD_PATTERN.test(f)) || (t && !PERIOD_PATTERN.test(t))) throw new ValidationError("evaluation.errors.period");
  if (f && t && f > t) [f, t] = [t, f];
  return { from: f, to: t };
}
/** Filters of a training report from the query string (page and exports): from, to, session. */
export function reportFilters(request: Request): TrainingReportFilters {
  const url = new URL(request.url);
  const range = parsePeriodRange(url.searchParams.get("from"), url.searchParams.get("to"));
  return { ...range, sessionId: url.searchParams.get("session") || null };
}
const hasPeriod = (range: PeriodRange) => !!(range.from || range.to);
const periodWhere = (range: PeriodRange): Prisma.StringFilter | undefined =>
  hasPeriod(range) ? { ...(range.from ? { gte: range.from } : {}), ...(range.to ? { lte: range.to } : {}) } : undefined;
const periodSql = (range: PeriodRange, alias = "r") =>
  Prisma.sql`${range.from ? Prisma.sql` AND ${Prisma.raw(alias)}."period" >= ${range.from}` : Prisma.empty}${range.to ? Prisma.sql` AND ${Prisma.raw(alias)}."period" <= ${range.to}` : Prisma.empty}`;

/** First instant of a "YYYY-MM" month (UTC) and of the month after `to`. */
function monthStart(period: string) {
  return new Date(`${period}-01T00:00:00.000Z`);
}
function monthAfter(period: string) {
  const [y, m] = period.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(m === 12 ? y + 1 : y, m === 12 ? 0 : m, 1));
}

// ---------------------------------------------------------------------------------------------
// Response rate: counts of requests (not anonymous data, but only counts are used)

export interface RequestCounts {
  sent: number;
  answered: number;
  rate: number | null;
}
const rateOf = (sent: number, answered: number): RequestCounts => ({ sent, answered, rate: sent ? answered / sent : null });

/**
 * Requests that have been sent (available by now) and answered, grouped by the given columns.
 * A period range limits them to completions in those months (requests carry no period of their own).
 */
async function requestCounts<K extends "trainingId" | "sessionId" | "kind">(
  db: Client,
  by: K[],
  where: Prisma.FeedbackRequestWhereInput,
  range: PeriodRange,
  now: Date,
): Promise<({ [P in K]: string | null } & { status: string; n: number })[]> {
  const base: Prisma.FeedbackRequestWhereInput = { ...where, availableFrom: { lte: now } };
  const run = (w: Prisma.FeedbackRequestWhereInput) =>
    db.feedbackRequest.groupBy({ by: [...by, "status"], where: w, _count: { _all: true } }) as unknown as Promise<(Record<string, string | null> & { _count: { _all: number } })[]>;
  let rows: (Record<string, string | null> & { _count: { _all: number } })[] = [];
  if (!hasPeriod(range)) rows = await run(base);
  else {
    const completions = await db.trainingCompletion.findMany({
      where: {
        ...(typeof where.trainingId === "string" ? { trainingId: where.trainingId } : {}),
        completedAt: { ...(range.from ? { gte: monthStart(range.from) } : {}), ...(range.to ? { lt: monthAfter(range.to) } : {}) },
      },
      select: { id: true },
    });
    for (let i = 0; i < completions.length; i += CHUNK) {
      rows.push(...(await run({ ...base, completionId: { in: completions.slice(i, i + CHUNK).map((c) => c.id) } })));
    }
  }
  return rows.map((r) => ({ ...(Object.fromEntries(by.map((k) => [k, r[k] ?? null])) as { [P in K]: string | null }), status: String(r.status), n: r._count._all }));
}

function sumRequests(rows: { status: string; n: number }[]): RequestCounts {
  let sent = 0;
  let answered = 0;
  for (const r of rows) {
    sent += r.n;
    if (r.status === "ANSWERED") answered += r.n;
  }
  return rateOf(sent, answered);
}

// ---------------------------------------------------------------------------------------------
// Key figures (reaction mean, NPS, transfer rate) grouped by one column, in one query

type GroupColumn = "sessionId" | "period" | "trainingId" | "provider";
export interface KeyFigures {
  reactionMean: number | null;
  nps: number | null;
  transferRate: number | null;
}

/**
 * Counts per answer value of the reaction items (five-point scale), "recommendation" and "applied",
 * grouped by `column` and kind, for the responses the condition selects. Returns the key figures
 * per group key and kind; the caller shows them only for groups the anonymity rules allow.
 */
async function keyFiguresBy(db: Client, column: GroupColumn, condition: Prisma.Sql): Promise<Map<string, Map<Kind, KeyFigures>>> {
  const col = Prisma.raw(`r."${column}"`);
  const rows = await db.$queryRaw<Record<string, unknown>[]>(Prisma.sql`
    SELECT ${col} AS "g", r."kind" AS "kind", i."key" AS "key", i."type" AS "type", a."value" AS "value", a."choices" AS "choices", COUNT(*) AS "n"
    FROM "FeedbackAnswer" a
    JOIN "FeedbackResponse" r ON r."id" = a."responseId"
    JOIN "QuestionnaireItem" i ON i."id" = a."itemId"
    WHERE ${condition}
      AND ((i."type" = 'SCALE5' AND i."level" = 'REACTION') OR (i."key" = 'recommendation' AND i."type" = 'NPS') OR (i."key" = 'applied' AND i."type" = 'SINGLE'))
    GROUP BY ${col}, r."kind", i."key", i."type", a."value", a."choices"`);
  const acc = new Map<string, Map<Kind, { reaction: Map<number, number>; nps: Map<number, number>; applied: { choices: string | null; count: number }[] }>>();
  for (const r of rows) {
    const g = r.g == null ? "" : String(r.g);
    const kind = String(r.kind) as Kind;
    const byKind = acc.get(g) ?? new Map();
    acc.set(g, byKind);
    const a = byKind.get(kind) ?? { reaction: new Map(), nps: new Map(), applied: [] };
    byKind.set(kind, a);
    const n = num(r.n);
    if (r.type === "SCALE5" && r.value != null) a.reaction.set(num(r.value), (a.reaction.get(num(r.value)) ?? 0) + n);
    else if (r.type === "NPS" && r.value != null) a.nps.set(num(r.value), (a.nps.get(num(r.value)) ?? 0) + n);
    else if (r.type === "SINGLE") a.applied.push({ choices: r.choices == null ? null : String(r.choices), count: n });
  }
  const out = new Map<string, Map<Kind, KeyFigures>>();
  for (const [g, byKind] of acc) {
    const m = new Map<Kind, KeyFigures>();
    for (const [kind, a] of byKind) {
      const applied = countChoices(a.applied);
      m.set(kind, { reactionMean: mean(a.reaction), nps: npsOf(a.nps)?.score ?? null, transferRate: transferRate(applied.perOption, applied.answered) });
    }
    out.set(g, m);
  }
  return out;
}

const EMPTY_FIGURES: KeyFigures = { reactionMean: null, nps: null, transferRate: null };

// ---------------------------------------------------------------------------------------------
// Item statistics of one group (called only for groups that may be shown)

export interface DistributionEntry {
  value: string;
  label: string;
  count: number;
  /** Share of the item's answers (for several choices: of the answers that chose at least one). */
  share: number;
}
export type ItemStats = Gated<{
  answered: number;
  mean: number | null;
  topTwoBox: number | null;
  nps: { score: number; promoters: number; passives: number; detractors: number } | null;
  distribution: DistributionEntry[];
  /** Free texts (alphabetical, no order of submission); null for other item types. */
  texts: string[] | null;
}>;
export interface ItemReport {
  id: string;
  questionnaire: string;
  position: number;
  key: string;
  type: "SCALE5" | "NPS" | "SINGLE" | "MULTI" | "TEXT";
  level: "REACTION" | "LEARNING" | "TRANSFER";
  text: string;
  stats: ItemStats;
}
export type LearningGainRow = Gated<{ lineageId: string; code: string; name: string; answered: number; before: number; after: number }>;
export type GroupDetails = {
  responses: number;
  requests: RequestCounts | null;
  items: ItemReport[];
  nps: number | null;
  transferRate: number | null;
  barriers: DistributionEntry[];
  learningGain: LearningGainRow[];
};
export type GroupReport = Gated<GroupDetails>;

function parseOptions(json: string): { value: string; label: string }[] {
  try {
    const parsed = JSON.parse(json) as unknown;
    return Array.isArray(parsed) ? parsed.filter((o) => o && typeof o === "object").map((o) => ({ value: String((o as { value: unknown }).value), label: String((o as { label: unknown }).label ?? (o as { value: unknown }).value) })) : [];
  } catch {
    return [];
  }
}

async function groupDetails(db: Client, where: Prisma.FeedbackResponseWhereInput, responses: number, requests: RequestCounts | null, minGroup: number): Promise<GroupDetails> {
  const [items, values, choices, texts, gains] = await Promise.all([
    db.questionnaireItem.findMany({
      where: { questionnaire: { responses: { some: where } } },
      select: { id: true, position: true, key: true, type: true, level: true, text: true, options: true, questionnaire: { select: { title: true, code: true } } },
      orderBy: [{ questionnaire: { code: "asc" } }, { position: "asc" }],
    }),
    db.feedbackAnswer.groupBy({ by: ["itemId", "value"], where: { value: { not: null }, response: where }, _count: { _all: true } }),
    db.feedbackAnswer.groupBy({ by: ["itemId", "choices"], where: { choices: { not: null }, response: where }, _count: { _all: true } }),
    db.feedbackAnswer.findMany({ where: { text: { not: null }, item: { type: "TEXT" }, response: where }, select: { itemId: true, text: true } }),
    db.feedbackLearningGain.groupBy({ by: ["lineageId"], where: { response: where }, _count: { _all: true }, _avg: { before: true, after: true } }),
  ]);
  const valueCounts = new Map<string, Map<number, number>>();
  for (const v of values) {
    const m = valueCounts.get(v.itemId) ?? new Map<number, number>();
    m.set(v.value!, v._count._all);
    valueCounts.set(v.itemId, m);
  }
  const choiceRows = new Map<string, { choices: string | null; count: number }[]>();
  for (const c of choices) {
    const list = choiceRows.get(c.itemId) ?? [];
    list.push({ choices: c.choices, count: c._count._all });
    choiceRows.set(c.itemId, list);
  }
  const textsByItem = new Map<string, string[]>();
  for (const t of texts) {
    const list = textsByItem.get(t.itemId) ?? [];
    list.push(t.text ?? "");
    textsByItem.set(t.itemId, list);
  }

  let nps: number | null = null;
  let transfer: number | null = null;
  let barriers: DistributionEntry[] = [];
  const reports: ItemReport[] = items.map((item) => {
    const type = item.type as ItemReport["type"];
    let stats: ItemStats;
    if (type === "SCALE5" || type === "NPS") {
      const counts = valueCounts.get(item.id) ?? new Map<number, number>();
      const answered = total(counts);
      stats = gate(answered, minGroup, () => {
        const range = type === "SCALE5" ? [1, 2, 3, 4, 5] : [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        const score = type === "NPS" ? npsOf(counts) : null;
        return {
          answered,
          mean: mean(counts),
          topTwoBox: type === "SCALE5" ? topTwoBox(counts) : null,
          nps: score,
          distribution: range.map((v) => ({ value: String(v), label: String(v), count: counts.get(v) ?? 0, share: (counts.get(v) ?? 0) / answered })),
          texts: null,
        };
      });
      if (item.key === "recommendation" && type === "NPS" && !stats.suppressed && nps === null) nps = stats.nps?.score ?? null;
    } else if (type === "SINGLE" || type === "MULTI") {
      const { perOption, answered } = countChoices(choiceRows.get(item.id) ?? []);
      const options = parseOptions(item.options);
      stats = gate(answered, minGroup, () => {
        const known = new Set(options.map((o) => o.value));
        const extra = [...perOption.keys()].filter((v) => !known.has(v)).map((v) => ({ value: v, label: v }));
        return {
          answered,
          mean: null,
          topTwoBox: null,
          nps: null,
          distribution: [...options, ...extra].map((o) => ({ value: o.value, label: o.label, count: perOption.get(o.value) ?? 0, share: (perOption.get(o.value) ?? 0) / answered })),
          texts: null,
        };
      });
      if (!stats.suppressed) {
        if (item.key === "applied" && type === "SINGLE" && transfer === null) transfer = transferRate(perOption, answered);
        if (item.key === "barriers" && type === "MULTI" && barriers.length === 0) barriers = [...stats.distribution].filter((d) => d.count > 0).sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, "de"));
      }
    } else {
      const released = releasableTexts(textsByItem.get(item.id) ?? [], responses, minGroup);
      stats = released === null ? SUPPRESSED : { suppressed: false, answered: released.length, mean: null, topTwoBox: null, nps: null, distribution: [], texts: released };
    }
    return { id: item.id, questionnaire: item.questionnaire.title, position: item.position, key: item.key, type, level: item.level as ItemReport["level"], text: item.text, stats };
  });

  const lineageIds = gains.map((g) => g.lineageId);
  const nodes = lineageIds.length
    ? await db.competencyNode.findMany({ where: { lineageId: { in: lineageIds.slice(0, CHUNK) } }, select: { lineageId: true, code: true, name: true }, orderBy: { createdAt: "desc" } })
    : [];
  const nodeOf = new Map<string, { code: string; name: string }>();
  for (const n of nodes) if (!nodeOf.has(n.lineageId)) nodeOf.set(n.lineageId, n);
  const learningGain: LearningGainRow[] = gains
    .map((g) =>
      gate(g._count._all, minGroup, () => ({
        lineageId: g.lineageId,
        code: nodeOf.get(g.lineageId)?.code ?? "",
        name: nodeOf.get(g.lineageId)?.name ?? g.lineageId,
        answered: g._count._all,
        before: g._avg.before ?? 0,
        after: g._avg.after ?? 0,
      })),
    )
    .filter((g): g is Exclude<LearningGainRow, { suppressed: true }> => !g.suppressed)
    .sort((a, b) => a.name.localeCompare(b.name, "de"));
  // Rows of competencies with too few ratings are left out entirely (their number would tell).
  return { responses, requests, items: reports, nps, transferRate: transfer, barriers, learningGain };
}

// ---------------------------------------------------------------------------------------------
// Training and session report

export interface TrainingReportFilters extends PeriodRange {
  sessionId?: string | null;
}

export type ComparisonCell = Gated<{ responses: number } & KeyFigures>;
export interface SessionComparisonRow {
  session: { id: string; startsAt: Date; label: string } | null;
  cells: Record<Kind, ComparisonCell>;
}
export type TrendPoint = { period: string; cells: Record<Kind, ComparisonCell> };

export interface TrainingReport {
  training: { id: string; code: string; title: string; provider: string };
  session: { id: string; startsAt: Date; location: string; trainerName: string } | null;
  filters: TrainingReportFilters;
  minGroup: number;
  /** Months with responses (for the filter; no counts). */
  periods: string[];
  sessions: { id: string; startsAt: Date; location: string }[];
  groups: Record<Kind, GroupReport>;
  comparison: SessionComparisonRow[];
  trend: TrendPoint[];
}

export function canReadAnyEvaluation(actor: Actor) {
  return hasPermission(actor.roles, "read:evaluation:any");
}

/** HR's report of a training (filters: period range, session). */
export async function getTrainingReport(db: Client, actor: Actor, trainingId: string, filters: TrainingReportFilters, options: ReportOptions = {}): Promise<TrainingReport> {
  if (!canReadAnyEvaluation(actor)) throw new AccessDeniedError();
  return buildReport(db, trainingId, filters, options);
}

/** A session's report: HR development, or the session's own trainer. Others get 403. */
export async function getSessionReport(db: Client, actor: Actor, sessionId: string, options: ReportOptions = {}): Promise<TrainingReport> {
  const session = await db.trainingSession.findUnique({ where: { id: sessionId }, select: { id: true, trainingId: true, trainerPersonId: true } });
  if (!session) throw new NotFoundError();
  const own = hasPermission(actor.roles, "read:evaluation:own") && !!actor.personId && session.trainerPersonId === actor.personId;
  if (!canReadAnyEvaluation(actor) && !own) throw new AccessDeniedError();
  return buildReport(db, session.trainingId, { from: null, to: null, sessionId: session.id }, options);
}

function sessionLabel(s: { startsAt: Date; location: string }) {
  const date = new Intl.DateTimeFormat("de-DE", { day: "2-digit", month: "2-digit", year: "numeric", timeZone: "Europe/Berlin" }).format(s.startsAt);
  return s.location ? `${date}, ${s.location}` : date;
}

async function buildReport(db: Client, trainingId: string, filters: TrainingReportFilters, options: ReportOptions): Promise<TrainingReport> {
  const minGroup = minGroupOf(options);
  const now = options.now ?? new Date();
  const range: PeriodRange = { from: filters.from ?? null, to: filters.to ?? null };
  const sessionId = filters.sessionId ?? null;
  const training = await db.training.findUnique({ where: { id: trainingId }, select: { id: true, code: true, title: true, provider: true } });
  if (!training) throw new NotFoundError();
  const [sessions, counts] = await Promise.all([
    db.trainingSession.findMany({ where: { trainingId }, select: { id: true, startsAt: true, location: true, trainerName: true }, orderBy: { startsAt: "asc" } }),
    db.feedbackResponse.groupBy({ by: ["kind", "sessionId", "period"], where: { trainingId }, _count: { _all: true } }),
  ]);
  const session = sessionId ? (sessions.find((s) => s.id === sessionId) ?? null) : null;
  if (sessionId && !session) throw new NotFoundError();

  const inRange = (p: string) => (!range.from || p >= range.from) && (!range.to || p <= range.to);
  const sum = (pred: (c: (typeof counts)[number]) => boolean) => counts.reduce((s, c) => s + (pred(c) ? c._count._all : 0), 0);
  const sessionKeys: (string | null)[] = [...sessions.map((s) => s.id), ...(counts.some((c) => c.sessionId == null) ? [null] : [])];

  // Which groups may be shown, per kind.
  const visible = {} as Record<Kind, boolean>;
  const sessionShown = {} as Record<Kind, Map<string | null, boolean>>;
  const filteredN = {} as Record<Kind, number>;
  for (const kind of KINDS) {
    const perSession = sessionKeys.map((k) => sum((c) => c.kind === kind && c.sessionId === k && inRange(c.period)));
    const shown = protectPartition(perSession, minGroup);
    sessionShown[kind] = new Map(sessionKeys.map((k, i) => [k, shown[i]!]));
    const n = sum((c) => c.kind === kind && inRange(c.period) && (!sessionId || c.sessionId === sessionId));
    filteredN[kind] = n;
    let ok = isLargeEnough(n, minGroup);
    if (ok && sessionId) ok = sessionShown[kind].get(sessionId) === true;
    if (ok && hasPeriod(range)) ok = filteredGroupVisible(n, sum((c) => c.kind === kind && (!sessionId || c.sessionId === sessionId)), minGroup);
    visible[kind] = ok;
  }

  const responseWhere = (kind: Kind): Prisma.FeedbackResponseWhereInput => ({ trainingId, kind, ...(sessionId ? { sessionId } : {}), ...(hasPeriod(range) ? { period: periodWhere(range) } : {}) });
  const anyVisible = KINDS.some((k) => visible[k]);
  const requestRows = anyVisible ? await requestCounts(db, ["kind"], { trainingId, ...(sessionId ? { sessionId } : {}) }, range, now) : [];
  const groups = {} as Record<Kind, GroupReport>;
  await Promise.all(
    KINDS.map(async (kind) => {
      groups[kind] = visible[kind]
        ? { suppressed: false, ...(await groupDetails(db, responseWhere(kind), filteredN[kind], sumRequests(requestRows.filter((r) => r.kind === kind)), minGroup)) }
        : SUPPRESSED;
    }),
  );

  // Comparison of sessions (training report only) and trend per month, only for shown groups.
  const condition = Prisma.sql`r."trainingId" = ${trainingId}${sessionId ? Prisma.sql` AND r."sessionId" = ${sessionId}` : Prisma.empty}${periodSql(range)}`;
  const [bySession, byPeriod] = await Promise.all([
    !sessionId && anyVisible ? keyFiguresBy(db, "sessionId", condition) : Promise.resolve(new Map<string, Map<Kind, KeyFigures>>()),
    anyVisible ? keyFiguresBy(db, "period", condition) : Promise.resolve(new Map<string, Map<Kind, KeyFigures>>()),
  ]);
  const cell = (kind: Kind, shown: boolean, n: number, figures: KeyFigures | undefined): ComparisonCell =>
    visible[kind] && shown && isLargeEnough(n, minGroup) ? { suppressed: false, responses: n, ...(figures ?? EMPTY_FIGURES) } : SUPPRESSED;

  const comparison: SessionComparisonRow[] = sessionId
    ? []
    : sessionKeys
        .map((k) => {
          const s = k ? sessions.find((x) => x.id === k)! : null;
          const cells = {} as Record<Kind, ComparisonCell>;
          for (const kind of KINDS) {
            const n = sum((c) => c.kind === kind && c.sessionId === k && inRange(c.period));
            cells[kind] = cell(kind, sessionShown[kind].get(k) === true, n, bySession.get(k ?? "")?.get(kind));
          }
          return { session: s ? { id: s.id, startsAt: s.startsAt, label: sessionLabel(s) } : null, cells, any: sum((c) => c.sessionId === k && inRange(c.period)) > 0 };
        })
        // Sessions without any response are left out (a past session without feedback says nothing).
        .filter((row) => row.any)
        .map(({ session: s, cells }) => ({ session: s, cells }));

  // A session's report lists only its own months (a trainer learns nothing about other sessions).
  const periods = [...new Set(counts.filter((c) => !sessionId || c.sessionId === sessionId).map((c) => c.period))].sort();
  const trendPeriods = periods.filter(inRange);
  const trendShown = {} as Record<Kind, boolean[]>;
  for (const kind of KINDS) {
    trendShown[kind] = protectPartition(
      trendPeriods.map((p) => sum((c) => c.kind === kind && c.period === p && (!sessionId || c.sessionId === sessionId))),
      minGroup,
    );
  }
  const trend: TrendPoint[] = trendPeriods.map((p, i) => {
    const cells = {} as Record<Kind, ComparisonCell>;
    for (const kind of KINDS) {
      const n = sum((c) => c.kind === kind && c.period === p && (!sessionId || c.sessionId === sessionId));
      cells[kind] = cell(kind, trendShown[kind][i]!, n, byPeriod.get(p)?.get(kind));
    }
    return { period: p, cells };
  });

  return {
    training,
    session: session ? { id: session.id, startsAt: session.startsAt, location: session.location, trainerName: session.trainerName } : null,
    filters: { ...range, sessionId },
    minGroup,
    periods,
    sessions: sessions.map((s) => ({ id: s.id, startsAt: s.startsAt, location: s.location })),
    groups,
    comparison,
    trend,
  };
}

// ---------------------------------------------------------------------------------------------
// HR's overview: trainings, providers, periods

export interface OverviewFilters extends PeriodRange {
  provider: string | null;
}
export type OverviewCell = Gated<{ responses: number; requests: RequestCounts | null } & KeyFigures>;
export interface OverviewRow {
  key: string;
  cells: Record<Kind, OverviewCell>;
}
export interface EvaluationOverview {
  filters: OverviewFilters;
  minGroup: number;
  providers: string[];
  periods: string[];
  trainings: (OverviewRow & { training: { id: string; code: string; title: string; provider: string } })[];
  byProvider: OverviewRow[];
  byPeriod: OverviewRow[];
}

export async function getEvaluationOverview(db: Client, actor: Actor, filters: OverviewFilters, options: ReportOptions = {}): Promise<EvaluationOverview> {
  if (!canReadAnyEvaluation(actor)) throw new AccessDeniedError();
  const minGroup = minGroupOf(options);
  const now = options.now ?? new Date();
  const range: PeriodRange = { from: filters.from, to: filters.to };
  const filtered = !!filters.provider || hasPeriod(range);
  const where: Prisma.FeedbackResponseWhereInput = { ...(filters.provider != null ? { provider: filters.provider } : {}), ...(hasPeriod(range) ? { period: periodWhere(range) } : {}) };
  const [byTrainingCounts, unfilteredCounts, byProviderCounts, byPeriodCounts, providerList, periodList, providerUnfiltered, periodUnfiltered] = await Promise.all([
    db.feedbackResponse.groupBy({ by: ["trainingId", "kind"], where, _count: { _all: true } }),
    filtered ? db.feedbackResponse.groupBy({ by: ["trainingId", "kind"], _count: { _all: true } }) : Promise.resolve(null),
    db.feedbackResponse.groupBy({ by: ["provider", "kind"], where, _count: { _all: true } }),
    db.feedbackResponse.groupBy({ by: ["period", "kind"], where, _count: { _all: true } }),
    db.feedbackResponse.groupBy({ by: ["provider"] }),
    db.feedbackResponse.groupBy({ by: ["period"] }),
    // A provider's row under a period filter (and a month's row under a provider filter) must not
    // differ from its unfiltered row by a small group either.
    hasPeriod(range) ? db.feedbackResponse.groupBy({ by: ["provider", "kind"], _count: { _all: true } }) : Promise.resolve(null),
    filters.provider != null ? db.feedbackResponse.groupBy({ by: ["period", "kind"], _count: { _all: true } }) : Promise.resolve(null),
  ]);
  const condition = Prisma.sql`1 = 1${filters.provider != null ? Prisma.sql` AND r."provider" = ${filters.provider}` : Prisma.empty}${periodSql(range)}`;
  const [figTraining, figProvider, figPeriod, requests] = await Promise.all([
    keyFiguresBy(db, "trainingId", condition),
    keyFiguresBy(db, "provider", condition),
    keyFiguresBy(db, "period", condition),
    requestCounts(db, ["trainingId", "kind"], filters.provider != null ? { training: { provider: filters.provider } } : {}, range, now),
  ]);
  const trainingIds = [...new Set(byTrainingCounts.map((c) => c.trainingId))];
  const trainings = trainingIds.length
    ? await db.training.findMany({ where: { id: { in: trainingIds.slice(0, 5 * CHUNK) } }, select: { id: true, code: true, title: true, provider: true } })
    : [];
  const trainingOf = new Map(trainings.map((t) => [t.id, t]));

  /** Rows of one partition (trainings, providers or periods), with the partition rule per kind. */
  function rows(counts: { key: string; kind: string; n: number }[], figures: Map<string, Map<Kind, KeyFigures>>, extraVisible: (key: string, kind: Kind, n: number) => boolean, requestOf: (key: string, kind: Kind) => RequestCounts | null) {
    const keys = [...new Set(counts.map((c) => c.key))];
    const nOf = (key: string, kind: Kind) => counts.find((c) => c.key === key && c.kind === kind)?.n ?? 0;
    const shown = new Map<Kind, boolean[]>(KINDS.map((kind) => [kind, protectPartition(keys.map((k) => nOf(k, kind)), minGroup)]));
    return keys.map((key, i) => {
      const cells = {} as Record<Kind, OverviewCell>;
      for (const kind of KINDS) {
        const n = nOf(key, kind);
        cells[kind] =
          shown.get(kind)![i] && extraVisible(key, kind, n)
            ? { suppressed: false, responses: n, requests: requestOf(key, kind), ...(figures.get(key)?.get(kind) ?? EMPTY_FIGURES) }
            : SUPPRESSED;
      }
      return { key, cells };
    });
  }
  const unfilteredN = (trainingId: string, kind: Kind) => unfilteredCounts?.find((c) => c.trainingId === trainingId && c.kind === kind)?._count._all ?? 0;
  const trainingRows = rows(
    byTrainingCounts.map((c) => ({ key: c.trainingId, kind: c.kind, n: c._count._all })),
    figTraining,
    (key, kind, n) => !filtered || filteredGroupVisible(n, unfilteredN(key, kind), minGroup),
    (key, kind) => sumRequests(requests.filter((r) => r.trainingId === key && r.kind === kind)),
  )
    .filter((r) => trainingOf.has(r.key))
    .map((r) => ({ ...r, training: trainingOf.get(r.key)! }))
    .sort((a, b) => a.training.title.localeCompare(b.training.title, "de"));
  const providerRows = rows(
    byProviderCounts.map((c) => ({ key: c.provider, kind: c.kind, n: c._count._all })),
    figProvider,
    (key, kind, n) => !providerUnfiltered || filteredGroupVisible(n, providerUnfiltered.find((c) => c.provider === key && c.kind === kind)?._count._all ?? 0, minGroup),
    () => null,
  ).sort((a, b) => a.key.localeCompare(b.key, "de"));
  const periodRows = rows(
    byPeriodCounts.map((c) => ({ key: c.period, kind: c.kind, n: c._count._all })),
    figPeriod,
    (key, kind, n) => !periodUnfiltered || filteredGroupVisible(n, periodUnfiltered.find((c) => c.period === key && c.kind === kind)?._count._all ?? 0, minGroup),
    () => null,
  ).sort((a, b) => a.key.localeCompare(b.key));
  return {
    filters,
    minGroup,
    providers: providerList.map((p) => p.provider).sort((a, b) => a.localeCompare(b, "de")),
    periods: periodList.map((p) => p.period).sort(),
    trainings: trainingRows,
    byProvider: providerRows,
    byPeriod: periodRows,
  };
}

// ---------------------------------------------------------------------------------------------
// Leaders: transfer results of their own units

export type TeamTransferCell = Gated<{
  responses: number;
  transferRate: number | null;
  supportMean: number | null;
  frequency: DistributionEntry[];
  barriers: DistributionEntry[];
}>;
export interface TeamEvaluation {
  minGroup: number;
  trainings: { training: { id: string; code: string; title: string }; participant: TeamTransferCell; leader: TeamTransferCell }[];
}

const TEAM_KINDS = ["TRANSFER_PARTICIPANT", "TRANSFER_LEADER"] as const;

/** Transfer results of responses whose respondent's unit lies in a subtree the actor leads. */
export async function getTeamEvaluation(db: Client, actor: Actor, options: ReportOptions = {}): Promise<TeamEvaluation> {
  if (!hasPermission(actor.roles, "read:evaluation:team") || actor.ledUnitPaths.length === 0) throw new AccessDeniedError();
  const minGroup = minGroupOf(options);
  const paths = actor.ledUnitPaths.filter((p) => p.length > 0);
  if (paths.length === 0) throw new AccessDeniedError();
  const where: Prisma.FeedbackResponseWhereInput = { kind: { in: [...TEAM_KINDS] }, OR: paths.map((p) => ({ unitPath: { startsWith: p } })) };
  const counts = await db.feedbackResponse.groupBy({ by: ["trainingId", "kind"], where, _count: { _all: true } });
  const nOf = (trainingId: string, kind: string) => counts.find((c) => c.trainingId === trainingId && c.kind === kind)?._count._all ?? 0;
  const trainingIds = [...new Set(counts.map((c) => c.trainingId))];
  const shownIds = trainingIds.filter((id) => TEAM_KINDS.some((k) => isLargeEnough(nOf(id, k), minGroup)));
  const pathSql = Prisma.join(
    paths.map((p) => Prisma.sql`r."unitPath" LIKE ${`${p.replace(/[\\%_]/g, "")}%`}`),
    " OR ",
  );
  const [trainings, rows, items] = await Promise.all([
    trainingIds.length ? db.training.findMany({ where: { id: { in: trainingIds.slice(0, 5 * CHUNK) } }, select: { id: true, code: true, title: true } }) : Promise.resolve([]),
    shownIds.length
      ? db.$queryRaw<Record<string, unknown>[]>(Prisma.sql`
          SELECT r."trainingId" AS "trainingId", r."kind" AS "kind", i."key" AS "key", i."type" AS "type", a."value" AS "value", a."choices" AS "choices", COUNT(*) AS "n"
          FROM "FeedbackAnswer" a
          JOIN "FeedbackResponse" r ON r."id" = a."responseId"
          JOIN "QuestionnaireItem" i ON i."id" = a."itemId"
          WHERE r."kind" IN ('TRANSFER_PARTICIPANT', 'TRANSFER_LEADER') AND (${pathSql})
            AND r."trainingId" IN (${Prisma.join(shownIds.slice(0, CHUNK))})
            AND i."key" IN ('applied', 'support', 'frequency', 'barriers')
          GROUP BY r."trainingId", r."kind", i."key", i."type", a."value", a."choices"`)
      : Promise.resolve([]),
    db.questionnaireItem.findMany({ where: { key: { in: ["frequency", "barriers", "applied"] }, questionnaire: { kind: { in: [...TEAM_KINDS] } } }, select: { key: true, options: true } }),
  ]);
  const labels = new Map<string, Map<string, string>>();
  const order = new Map<string, string[]>();
  for (const item of items) {
    const m = labels.get(item.key) ?? new Map<string, string>();
    const o = order.get(item.key) ?? [];
    for (const opt of parseOptions(item.options)) {
      if (!m.has(opt.value)) {
        m.set(opt.value, opt.label);
        o.push(opt.value);
      }
    }
    labels.set(item.key, m);
    order.set(item.key, o);
  }
  type Acc = { applied: { choices: string | null; count: number }[]; support: Map<number, number>; frequency: { choices: string | null; count: number }[]; barriers: { choices: string | null; count: number }[] };
  const acc = new Map<string, Acc>();
  for (const r of rows) {
    const k = `${String(r.trainingId)}|${String(r.kind)}`;
    const a: Acc = acc.get(k) ?? { applied: [], support: new Map(), frequency: [], barriers: [] };
    acc.set(k, a);
    const n = num(r.n);
    const choices = r.choices == null ? null : String(r.choices);
    if (r.key === "support" && r.type === "SCALE5" && r.value != null) a.support.set(num(r.value), (a.support.get(num(r.value)) ?? 0) + n);
    else if (r.key === "applied") a.applied.push({ choices, count: n });
    else if (r.key === "frequency") a.frequency.push({ choices, count: n });
    else if (r.key === "barriers") a.barriers.push({ choices, count: n });
  }
  const distribution = (key: string, rowsOf: { choices: string | null; count: number }[], byCount: boolean): DistributionEntry[] => {
    const { perOption, answered } = countChoices(rowsOf);
    if (!isLargeEnough(answered, minGroup)) return [];
    const values = [...new Set([...(order.get(key) ?? []), ...perOption.keys()])];
    const list = values.map((v) => ({ value: v, label: labels.get(key)?.get(v) ?? v, count: perOption.get(v) ?? 0, share: (perOption.get(v) ?? 0) / answered }));
    return byCount ? list.filter((d) => d.count > 0).sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, "de")) : list;
  };
  const cellOf = (trainingId: string, kind: (typeof TEAM_KINDS)[number]): TeamTransferCell => {
    const n = nOf(trainingId, kind);
    return gate(n, minGroup, () => {
      const a: Acc = acc.get(`${trainingId}|${kind}`) ?? { applied: [], support: new Map<number, number>(), frequency: [], barriers: [] };
      const applied = countChoices(a.applied);
      return {
        responses: n,
        transferRate: isLargeEnough(applied.answered, minGroup) ? transferRate(applied.perOption, applied.answered) : null,
        supportMean: isLargeEnough(total(a.support), minGroup) ? mean(a.support) : null,
        frequency: distribution("frequency", a.frequency, false),
        barriers: distribution("barriers", a.barriers, true),
      };
    });
  };
  return {
    minGroup,
    trainings: trainings
      .map((t) => ({ training: t, participant: cellOf(t.id, "TRANSFER_PARTICIPANT"), leader: cellOf(t.id, "TRANSFER_LEADER") }))
      .sort((a, b) => a.training.title.localeCompare(b.training.title, "de")),
  };
}
