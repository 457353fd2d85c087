// The organisation-wide gap report behind HR's "Organisationsweite Lücken". Computing gaps for
// every person is a few hundred thousand requirement rows at 50,000 people (seconds on SQLite),
// so the report is computed as a whole in the database and stored per org unit; any scope is
// then a small sum over its units (docs/decisions/018). The worker refreshes it regularly, HR
// can refresh it on the page, and the page says how current it is.
import type { Db } from "~/utils/db.server.ts";
// The sql tag is the shared Prisma runtime's, so it works with either generated client.
import { Prisma } from "~/generated/sqlite/client.ts";

/** Minutes after which the worker recomputes the report. */
export const GAP_REPORT_REFRESH_MINUTES = 15;

/**
 * Recomputes the whole report in one transaction: per unit (people directly in it) and
 * competency lineage, the people who need it, how many are below target and the sum of gaps.
 * Requirements follow the position profile (its own rows override or exclude the role
 * profile's by lineage); current levels come from the CurrentCompetencyLevel snapshot.
 */
export async function refreshGapReport(db: Db, { requestedById = null, now = new Date() }: { requestedById?: string | null; now?: Date } = {}) {
  const started = performance.now();
  return db.$transaction(
    async (tx) => {
      await tx.gapReportRow.deleteMany({});
      await tx.gapReportUnit.deleteMany({});
      await tx.$executeRaw`
        INSERT INTO "GapReportUnit" ("unitId", "people")
        SELECT p."orgUnitId", COUNT(*) FROM "Person" p
        WHERE p."status" = 'ACTIVE' AND p."orgUnitId" IS NOT NULL
        GROUP BY p."orgUnitId"`;
      await tx.$executeRaw`
        INSERT INTO "GapReportRow" ("unitId", "lineageId", "required", "below", "gapSum")
        WITH members AS (
          SELECT p."id" AS "personId", p."orgUnitId" AS "unitId",
            (SELECT a."positionId" FROM "PositionAssignment" a
              WHERE a."personId" = p."id" AND a."startDate" <= ${now} AND (a."endDate" IS NULL OR a."endDate" >= ${now})
              ORDER BY a."isPrimary" DESC, a."fte" DESC LIMIT 1) AS "positionId"
          FROM "Person" p
          WHERE p."status" = 'ACTIVE' AND p."orgUnitId" IS NOT NULL
        ),
        profiled AS (
          SELECT m."personId", m."unitId", pp."id" AS "profileId", pp."roleProfileId"
          FROM members m JOIN "PositionProfile" pp ON pp."positionId" = m."positionId"
        ),
        role_req AS (
          SELECT r."roleProfileId", n."lineageId", r."targetLevel"
          FROM "RoleProfileRequirement" r JOIN "CompetencyNode" n ON n."id" = r."competencyId"
        ),
        own_req AS (
          SELECT o."profileId", n."lineageId", o."targetLevel", o."excluded"
          FROM "PositionRequirement" o JOIN "CompetencyNode" n ON n."id" = o."competencyId"
        ),
        required AS (
          SELECT pr."personId", pr."unitId", rr."lineageId", rr."targetLevel"
          FROM profiled pr JOIN role_req rr ON rr."roleProfileId" = pr."roleProfileId"
          LEFT JOIN own_req o ON o."profileId" = pr."profileId" AND o."lineageId" = rr."lineageId"
          WHERE o."profileId" IS NULL
          UNION ALL
          SELECT pr."personId", pr."unitId", o."lineageId", o."targetLevel"
          FROM profiled pr JOIN own_req o ON o."profileId" = pr."profileId"
          WHERE o."excluded" = false
        )
        SELECT q."unitId", q."lineageId", COUNT(*),
          SUM(CASE WHEN q."targetLevel" > COALESCE(c."level", 0) THEN 1 ELSE 0 END),
          SUM(CASE WHEN q."targetLevel" > COALESCE(c."level", 0) THEN q."targetLevel" - COALESCE(c."level", 0) ELSE 0 END)
        FROM required q
        LEFT JOIN "CurrentCompetencyLevel" c ON c."personId" = q."personId" AND c."lineageId" = q."lineageId"
        GROUP BY q."unitId", q."lineageId"`;
      const people = await tx.gapReportUnit.aggregate({ _sum: { people: true } });
      return tx.gapReportRun.create({
        data: { computedAt: now, durationMs: Math.round(performance.now() - started), people: people._sum.people ?? 0, requestedById },
      });
    },
    { timeout: 300_000, maxWait: 30_000 },
  );
}

export function latestGapReportRun(db: Db) {
  return db.gapReportRun.findFirst({ orderBy: { computedAt: "desc" } });
}

/** The latest run, computing the first one if there is none yet. */
export async function ensureGapReport(db: Db) {
  return (await latestGapReportRun(db)) ?? refreshGapReport(db);
}

/** Refreshes when the latest run is older than the refresh interval (called by the worker). */
export async function refreshGapReportIfDue(db: Db, now = new Date()) {
  const latest = await latestGapReportRun(db);
  if (latest && now.getTime() - latest.computedAt.getTime() < GAP_REPORT_REFRESH_MINUTES * 60_000) return null;
  return refreshGapReport(db, { now });
}

export interface GroupAggregate {
  group: string;
  lineageId: string;
  required: number;
  below: number;
  gapSum: number;
}

/**
 * Sums the stored report over the scope, per group (a child unit's subtree, or "__direct" for
 * the people directly in the scope unit) and lineage, plus the people per group.
 */
export async function sumGapReport(db: Db, scope: { id: string; path: string } | null) {
  const inScope = scope ? Prisma.sql`u."path" LIKE ${`${scope.path}%`}` : Prisma.sql`1 = 1`;
  const childOfScope = scope ? Prisma.sql`g."parentId" = ${scope.id}` : Prisma.sql`g."parentId" IS NULL`;
  const groupOf = Prisma.sql`COALESCE((SELECT g."id" FROM "OrgUnit" g WHERE ${childOfScope} AND u."path" LIKE g."path" || '%'), '__direct')`;
  const [sizes, cells] = await Promise.all([
    db.$queryRaw<{ grp: string; people: bigint | number | null }[]>`
      SELECT ${groupOf} AS "grp", SUM(r."people") AS "people"
      FROM "GapReportUnit" r JOIN "OrgUnit" u ON u."id" = r."unitId"
      WHERE ${inScope}
      GROUP BY 1`,
    db.$queryRaw<{ grp: string; lineageId: string; required: bigint | number; below: bigint | number; gapSum: bigint | number }[]>`
      SELECT ${groupOf} AS "grp", r."lineageId", SUM(r."required") AS "required", SUM(r."below") AS "below", SUM(r."gapSum") AS "gapSum"
      FROM "GapReportRow" r JOIN "OrgUnit" u ON u."id" = r."unitId"
      WHERE ${inScope}
      GROUP BY 1, 2`,
  ]);
  return {
    sizes: new Map(sizes.map((r) => [r.grp, Number(r.people ?? 0)])),
    cells: cells.map((r): GroupAggregate => ({ group: r.grp, lineageId: r.lineageId, required: Number(r.required), below: Number(r.below), gapSum: Number(r.gapSum) })),
  };
}
