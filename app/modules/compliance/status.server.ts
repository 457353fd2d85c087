// The day-dependent part of a requirement's status as SQL, so cockpits can count 500,000
// requirements in one set-based query. Mirrors `statusOn` in engine.ts (tested against it).
import { Prisma } from "~/generated/sqlite/client.ts";
import type { Day } from "./days.ts";

function column(alias: string, name: string) {
  return Prisma.raw(`${alias}."${name}"`);
}

/** CASE expression yielding one of REQUIREMENT_STATUSES for the row aliased `alias`. */
export function statusCaseSql(today: Day, alias = "r"): Prisma.Sql {
  const c = (name: string) => column(alias, name);
  return Prisma.sql`(CASE
    WHEN ${c("exemptUntil")} IS NOT NULL AND ${today} <= ${c("exemptUntil")} THEN 'EXEMPT'
    WHEN ${c("pausedFrom")} IS NOT NULL AND ${c("pausedFrom")} <= ${today} AND (${c("pausedUntil")} IS NULL OR ${today} <= ${c("pausedUntil")}) THEN 'PAUSED'
    WHEN ${c("dueOn")} IS NULL THEN 'COMPLETED'
    WHEN ${today} < ${c("dueSoonFrom")} THEN
      (CASE WHEN ${c("completedOn")} IS NOT NULL AND (${c("validUntil")} IS NULL OR ${today} <= ${c("validUntil")}) THEN 'COMPLETED' ELSE 'NOT_DUE' END)
    WHEN ${today} < ${c("overdueFrom")} THEN 'DUE_SOON'
    WHEN ${c("completedOn")} IS NOT NULL THEN 'EXPIRED'
    ELSE 'OVERDUE'
  END)`;
}

/** 1 when the requirement is fulfilled today (a still valid completion), else 0. Mirrors `isCompliantOn`. */
export function compliantCaseSql(today: Day, alias = "r"): Prisma.Sql {
  const c = (name: string) => column(alias, name);
  return Prisma.sql`(CASE
    WHEN ${c("exemptUntil")} IS NOT NULL AND ${today} <= ${c("exemptUntil")} THEN 0
    WHEN ${c("pausedFrom")} IS NOT NULL AND ${c("pausedFrom")} <= ${today} AND (${c("pausedUntil")} IS NULL OR ${today} <= ${c("pausedUntil")}) THEN 0
    WHEN ${c("completedOn")} IS NULL THEN 0
    WHEN ${c("dueOn")} IS NULL THEN 1
    WHEN ${today} >= ${c("overdueFrom")} THEN 0
    WHEN ${c("validUntil")} IS NULL OR ${today} <= ${c("validUntil")} THEN 1
    ELSE 0
  END)`;
}

/** The requirement counts today: not closed, and the person has not left. */
export function openOnSql(today: Day, alias = "r"): Prisma.Sql {
  const c = (name: string) => column(alias, name);
  return Prisma.sql`(${c("closedOn")} IS NULL AND (${c("activeUntil")} IS NULL OR ${c("activeUntil")} >= ${today}))`;
}
