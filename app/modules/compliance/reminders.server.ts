// Compliance reminders (docs/decisions/019): to the person when a requirement enters its
// due-soon window (BEFORE_DUE) and when it falls due (ON_DUE), to the person's nearest leader
// when it becomes overdue (LEADER_OVERDUE), and a weekly digest to HR development (HR_DIGEST).
// Run by the server's worker every hour and by `lernreise reminders send [--now …]`.
//
// Idempotent, also when two runs overlap: every reminder has a unique key (e.g.
// `before:<requirementId>:<dueOn>`) that is inserted with ON CONFLICT DO NOTHING in the same
// transaction as its notification; only the keys this run inserted are notified. A new due date
// (after a completion) gives new keys, so the next cycle is reminded again.
import { randomUUID } from "node:crypto";
import { Prisma } from "~/generated/sqlite/client.ts";
import type { Db, Tx } from "~/utils/db.server.ts";
import { recordAudit } from "~/modules/audit/audit.server.ts";
import { notify, type NotifyInput } from "~/modules/notifications/notify.server.ts";
import { idsInPath } from "~/modules/org/org.server.ts";
import { formatDate, formatNumber } from "~/utils/i18n.ts";
import { addDays, todayInBerlin, toInstant, type Day } from "./days.ts";
import { compliantCaseSql, openOnSql, statusCaseSql } from "./status.server.ts";

const BATCH = 500;
/**
 * Leaders hear about items that became overdue in the last days (a week of missed cron runs is
 * caught up), not about items overdue for years when reminders are switched on: those are in the
 * cockpit, and a flood of old news would drown the new.
 */
export const LEADER_LOOKBACK_DAYS = 14;

export type ReminderKind = "BEFORE_DUE" | "ON_DUE" | "LEADER_OVERDUE" | "HR_DIGEST";

export interface ComplianceReminderSummary {
  beforeDue: number;
  onDue: number;
  leaderOverdue: number;
  hrDigest: number;
}

interface ReminderRow {
  key: string;
  kind: ReminderKind;
  recipientPersonId: string;
  requirementId: string | null;
  subjectPersonId: string | null;
  ruleId: string | null;
  dueOn: Day | null;
}

/** ISO 8601 week of a day, e.g. "2026-W48" (weeks start on Monday; week 1 holds 4 January). */
export function isoWeekOf(day: Day): string {
  const date = toInstant(day);
  const weekday = (date.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const thursday = new Date(date.getTime() + (3 - weekday) * 86_400_000);
  const year = thursday.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(year, 0, 4));
  const firstWeekday = (firstThursday.getUTCDay() + 6) % 7;
  const week1Monday = firstThursday.getTime() - firstWeekday * 86_400_000;
  const week = Math.floor((thursday.getTime() - week1Monday) / (7 * 86_400_000)) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}

export const reminderKeys = {
  beforeDue: (requirementId: string, dueOn: Day) => `before:${requirementId}:${dueOn}`,
  onDue: (requirementId: string, dueOn: Day) => `due:${requirementId}:${dueOn}`,
  leader: (requirementId: string, dueOn: Day) => `leader:${requirementId}:${dueOn}`,
  digest: (isoWeek: string, personId: string) => `digest:${isoWeek}:${personId}`,
};

/** Inserts the reminders whose key is new; returns the keys this transaction inserted. */
async function claim(tx: Tx, rows: readonly ReminderRow[], now: Date): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const values = Prisma.join(
    rows.map(
      (r) => Prisma.sql`(${randomUUID()}, ${r.key}, ${r.kind}, ${r.recipientPersonId}, ${r.requirementId}, ${r.subjectPersonId}, ${r.ruleId}, ${r.dueOn}, ${now})`,
    ),
  );
  const inserted = await tx.$queryRaw<{ key: string }[]>`
    INSERT INTO "ComplianceReminder" ("id", "key", "kind", "recipientPersonId", "requirementId", "subjectPersonId", "ruleId", "dueOn", "sentAt")
    VALUES ${values}
    ON CONFLICT ("key") DO NOTHING
    RETURNING "key"`;
  return new Set(inserted.map((r) => r.key));
}

const TX_OPTIONS = { timeout: 60_000, maxWait: 15_000 };

/** Requirements that count today: open, person not left, rule not archived. */
function countingWhere(today: Day) {
  return Prisma.sql`${openOnSql(today, "r")} AND p."status" <> 'LEFT' AND ru."archivedAt" IS NULL`;
}

/** BEFORE_DUE and ON_DUE to the people themselves, in batches (keyset by requirement id). */
async function remindPeople(db: Db, today: Day, now: Date) {
  const result = { beforeDue: 0, onDue: 0 };
  let cursor = "";
  for (;;) {
    const batch = await db.$transaction(async (tx) => {
      // DUE_SOON covers the window before the due day and the grace days after it; paused,
      // exempt and fulfilled requirements have another status.
      const candidates = await tx.$queryRaw<{ id: string; personId: string; ruleId: string; dueOn: string; ruleName: string }[]>`
        SELECT r."id", r."personId", r."ruleId", r."dueOn", ru."name" AS "ruleName"
        FROM "ComplianceRequirement" r
        JOIN "Person" p ON p."id" = r."personId"
        JOIN "ComplianceRule" ru ON ru."id" = r."ruleId"
        WHERE ${countingWhere(today)}
          AND r."dueOn" IS NOT NULL
          AND ${statusCaseSql(today, "r")} = 'DUE_SOON'
          AND r."id" > ${cursor}
          AND NOT EXISTS (
            SELECT 1 FROM "ComplianceReminder" c
            WHERE c."key" = (CASE WHEN r."dueOn" > ${today} THEN 'before:' ELSE 'due:' END) || r."id" || ':' || r."dueOn"
          )
        ORDER BY r."id"
        LIMIT ${BATCH}`;
      if (candidates.length === 0) return { seen: 0, last: cursor, beforeDue: 0, onDue: 0 };
      const rows: (ReminderRow & { ruleName: string })[] = candidates.map((c) => {
        const before = c.dueOn > today;
        return {
          key: before ? reminderKeys.beforeDue(c.id, c.dueOn) : reminderKeys.onDue(c.id, c.dueOn),
          kind: before ? "BEFORE_DUE" : "ON_DUE",
          recipientPersonId: c.personId,
          requirementId: c.id,
          subjectPersonId: c.personId,
          ruleId: c.ruleId,
          dueOn: c.dueOn,
          ruleName: c.ruleName,
        };
      });
      const claimed = await claim(tx, rows, now);
      const sent = rows.filter((r) => claimed.has(r.key));
      await notify(
        tx,
        sent.map(
          (r): NotifyInput => ({
            personId: r.recipientPersonId,
            kind: r.kind === "BEFORE_DUE" ? "compliance.dueSoon" : "compliance.dueToday",
            params: { rule: r.ruleName, date: formatDate(r.dueOn, "de") },
            link: "/pflichtschulungen",
          }),
        ),
      );
      return {
        seen: candidates.length,
        last: candidates[candidates.length - 1]!.id,
        beforeDue: sent.filter((r) => r.kind === "BEFORE_DUE").length,
        onDue: sent.filter((r) => r.kind === "ON_DUE").length,
      };
    }, TX_OPTIONS);
    result.beforeDue += batch.beforeDue;
    result.onDue += batch.onDue;
    cursor = batch.last;
    if (batch.seen < BATCH) return result;
  }
}

/**
 * The nearest leader of every org unit, from the unit tree: the leader of the unit itself or of
 * the closest unit above it. A leader's own items go to the leader above them.
 */
async function leaderLookup(tx: Tx) {
  const units = await tx.orgUnit.findMany({ select: { id: true, path: true, leaderId: true } });
  const leaderOf = new Map(units.map((u) => [u.id, u.leaderId]));
  const pathOf = new Map(units.map((u) => [u.id, u.path]));
  return (unitId: string, personId: string): string | null => {
    const path = pathOf.get(unitId);
    if (!path) return null;
    const ids = idsInPath(path);
    for (let i = ids.length - 1; i >= 0; i--) {
      const leaderId = leaderOf.get(ids[i]!);
      if (leaderId && leaderId !== personId) return leaderId;
    }
    return null;
  };
}

/**
 * LEADER_OVERDUE: one notice per overdue item and due date to the person's nearest leader, for
 * items that became overdue within LEADER_LOOKBACK_DAYS.
 */
async function remindLeaders(db: Db, today: Day, now: Date) {
  let total = 0;
  let cursor = "";
  const nearestLeader = await leaderLookup(db);
  for (;;) {
    const batch = await db.$transaction(async (tx) => {
      const candidates = await tx.$queryRaw<
        { id: string; personId: string; ruleId: string; dueOn: string; orgUnitId: string; ruleName: string; firstName: string; lastName: string }[]
      >`
        SELECT r."id", r."personId", r."ruleId", r."dueOn", r."orgUnitId", ru."name" AS "ruleName", p."firstName", p."lastName"
        FROM "ComplianceRequirement" r
        JOIN "Person" p ON p."id" = r."personId"
        JOIN "ComplianceRule" ru ON ru."id" = r."ruleId"
        WHERE ${countingWhere(today)}
          AND r."dueOn" IS NOT NULL
          AND r."orgUnitId" IS NOT NULL
          AND ${statusCaseSql(today, "r")} IN ('OVERDUE', 'EXPIRED')
          AND r."overdueFrom" >= ${addDays(today, -LEADER_LOOKBACK_DAYS)}
          AND r."id" > ${cursor}
          AND NOT EXISTS (SELECT 1 FROM "ComplianceReminder" c WHERE c."key" = 'leader:' || r."id" || ':' || r."dueOn")
        ORDER BY r."id"
        LIMIT ${BATCH}`;
      if (candidates.length === 0) return { seen: 0, last: cursor, sent: 0 };
      const withLeader = candidates.flatMap((c) => {
        const leaderId = nearestLeader(c.orgUnitId, c.personId);
        return leaderId ? [{ ...c, leaderId }] : [];
      });
      const activeLeaders = new Set(
        (
          await tx.person.findMany({ where: { id: { in: [...new Set(withLeader.map((c) => c.leaderId))] }, status: { not: "LEFT" } }, select: { id: true } })
        ).map((p) => p.id),
      );
      const rows = withLeader
        .filter((c) => activeLeaders.has(c.leaderId))
        .map((c) => ({
          key: reminderKeys.leader(c.id, c.dueOn),
          kind: "LEADER_OVERDUE" as const,
          recipientPersonId: c.leaderId,
          requirementId: c.id,
          subjectPersonId: c.personId,
          ruleId: c.ruleId,
          dueOn: c.dueOn,
          person: `${c.firstName} ${c.lastName}`,
          ruleName: c.ruleName,
        }));
      const claimed = await claim(tx, rows, now);
      const sent = rows.filter((r) => claimed.has(r.key));
      await notify(
        tx,
        sent.map(
          (r): NotifyInput => ({
            personId: r.recipientPersonId,
            kind: "compliance.teamOverdue",
            params: { person: r.person, rule: r.ruleName, date: formatDate(r.dueOn, "de") },
            link: "/pflichtschulungen/team",
          }),
        ),
      );
      return { seen: candidates.length, last: candidates[candidates.length - 1]!.id, sent: sent.length };
    }, TX_OPTIONS);
    total += batch.sent;
    cursor = batch.last;
    if (batch.seen < BATCH) return total;
  }
}

/** Organisation-wide figures for the digest: overdue, due soon, and the share fulfilled. */
export async function organisationFigures(tx: Tx, today: Day) {
  const rows = await tx.$queryRaw<{ status: string; n: bigint | number; compliant: bigint | number | null }[]>`
    SELECT s."status" AS "status", COUNT(*) AS "n", SUM(s."compliant") AS "compliant"
    FROM (
      SELECT ${statusCaseSql(today, "r")} AS "status", ${compliantCaseSql(today, "r")} AS "compliant"
      FROM "ComplianceRequirement" r
      JOIN "Person" p ON p."id" = r."personId"
      JOIN "ComplianceRule" ru ON ru."id" = r."ruleId"
      WHERE ${countingWhere(today)}
    ) s
    GROUP BY s."status"`;
  let overdue = 0;
  let dueSoon = 0;
  let required = 0;
  let compliant = 0;
  for (const row of rows) {
    const n = Number(row.n);
    if (row.status === "OVERDUE" || row.status === "EXPIRED") overdue += n;
    if (row.status === "DUE_SOON") dueSoon += n;
    // Exempt and paused requirements are not expected of anyone right now.
    if (row.status !== "EXEMPT" && row.status !== "PAUSED") required += n;
    compliant += Number(row.compliant ?? 0);
  }
  return { overdue, dueSoon, required, compliant, rate: required === 0 ? null : compliant / required };
}

/** HR_DIGEST: once per ISO week to every active HR development person. */
async function sendDigests(db: Db, today: Day, now: Date) {
  const week = isoWeekOf(today);
  return db.$transaction(async (tx) => {
    const hr = await tx.person.findMany({
      where: { status: { not: "LEFT" }, user: { disabled: false, roles: { some: { role: "HR_DEVELOPMENT" } } } },
      select: { id: true },
      orderBy: { id: "asc" },
    });
    if (hr.length === 0) return 0;
    const keys = hr.map((p) => reminderKeys.digest(week, p.id));
    const existing = new Set((await tx.complianceReminder.findMany({ where: { key: { in: keys } }, select: { key: true } })).map((r) => r.key));
    const due = hr.filter((p) => !existing.has(reminderKeys.digest(week, p.id)));
    if (due.length === 0) return 0;
    const claimed = await claim(
      tx,
      due.map((p) => ({ key: reminderKeys.digest(week, p.id), kind: "HR_DIGEST" as const, recipientPersonId: p.id, requirementId: null, subjectPersonId: null, ruleId: null, dueOn: null })),
      now,
    );
    if (claimed.size === 0) return 0;
    const figures = await organisationFigures(tx, today);
    const rate = figures.rate === null ? "–" : formatNumber(figures.rate, "de", { style: "percent", maximumFractionDigits: 1 });
    await notify(
      tx,
      due
        .filter((p) => claimed.has(reminderKeys.digest(week, p.id)))
        .map(
          (p): NotifyInput => ({
            personId: p.id,
            kind: "compliance.hrDigest",
            params: { date: formatDate(today, "de"), overdue: figures.overdue, dueSoon: figures.dueSoon, rate },
            link: "/pflichtschulungen/uebersicht",
          }),
        ),
    );
    return claimed.size;
  }, TX_OPTIONS);
}

/**
 * Queues every compliance reminder that is due at `now` (Berlin day). Safe to run as often and
 * as concurrently as wanted; returns how many reminders of each kind this run queued.
 */
export async function queueComplianceReminders(db: Db, { now = new Date() }: { now?: Date } = {}): Promise<ComplianceReminderSummary> {
  const today = todayInBerlin(now);
  const people = await remindPeople(db, today, now);
  const leaderOverdue = await remindLeaders(db, today, now);
  const hrDigest = await sendDigests(db, today, now);
  const summary = { ...people, leaderOverdue, hrDigest };
  const total = summary.beforeDue + summary.onDue + summary.leaderOverdue + summary.hrDigest;
  if (total > 0) {
    await db.$transaction((tx) =>
      recordAudit(tx, {
        actorUserId: null,
        action: "compliance.remind",
        entityType: "ComplianceReminder",
        summary: `Stand ${today}: ${summary.beforeDue} vor Fälligkeit, ${summary.onDue} am Fälligkeitstag, ${summary.leaderOverdue} an Führungskräfte, ${summary.hrDigest} Wochenübersichten`,
      }),
    );
  }
  return summary;
}
