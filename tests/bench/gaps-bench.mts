// Benchmark for the gap views (issue "Assessments and gap analysis"): seeds the synthetic
// administration (default 50,000 people with profiles and assessment rounds) into a scratch
// SQLite database (or BENCH_DATABASE_URL) unless it exists, then times the team heatmap of a
// Dezernat leader and HR's organisation view as their loaders call them. Prints numbers; asserts
// nothing. Usage: npm run bench:gaps [-- --employees 50000 --seed 1 --runs 10 --fresh]
import { accountFor, prepareSyntheticDatabase, timer } from "./synthetic.mts";

const opts = prepareSyntheticDatabase({ runs: 10 });
const { db } = await import("~/utils/db.server.ts");
const { loadActor } = await import("~/modules/auth/actor.server.ts");
const { getTeamHeatmap } = await import("~/modules/assessment/team.server.ts");
const { getOrganisationGaps } = await import("~/modules/assessment/organisation.server.ts");
const { refreshGapReport } = await import("~/modules/assessment/gap-report.server.ts");

// The Dezernat with the most people, its leader, and the seed's HR account.
const dezernate = await db.orgUnit.findMany({ where: { type: "DEZERNAT" }, select: { id: true, path: true, leaderId: true, code: true } });
const sizes = await Promise.all(dezernate.map((d) => db.person.count({ where: { status: "ACTIVE", orgUnit: { path: { startsWith: d.path } } } })));
const biggest = dezernate[sizes.indexOf(Math.max(...sizes))]!;
const leader = (await loadActor(db, (await accountFor(biggest.leaderId!, ["EMPLOYEE"])).id))!;
const hrUser = await db.user.findFirstOrThrow({ where: { roles: { some: { role: "HR_DEVELOPMENT" } } } });
const hr = (await loadActor(db, hrUser.id))!;
const cluster = await db.competencyNode.findFirstOrThrow({ where: { kind: "CLUSTER", framework: { status: "PUBLISHED" } }, select: { id: true } });
const amt = await db.orgUnit.findFirstOrThrow({ where: { type: "AMT", path: { startsWith: biggest.path } }, select: { id: true } });
const validity = { validityMonths: 24 };

const time = timer(opts.runs, 62);

const [people, records, rounds] = await Promise.all([db.person.count(), db.competencyLevelRecord.count(), db.assessmentRound.count()]);
console.log(`\n${people} people, ${rounds} assessment rounds, ${records} level records, ${opts.dialect}, ${opts.runs} runs each\n`);
const heat = await getTeamHeatmap(db, leader, { page: 1 }, validity);
await time(`Team heatmap, Dezernat ${biggest.code} leader (${heat.total} people), page 1`, () => getTeamHeatmap(db, leader, { page: 1 }, validity));
await time("Team heatmap, Dezernat leader, last page", () => getTeamHeatmap(db, leader, { page: heat.pageCount }, validity));
await time("Team heatmap, Dezernat leader, one cluster", () => getTeamHeatmap(db, leader, { page: 1, clusterId: cluster.id }, validity));
await time("Team heatmap, Dezernat leader, one Amt", () => getTeamHeatmap(db, leader, { page: 1, unitId: amt.id }, validity));
// The report behind the organisation view is recomputed as a whole by the worker (every 15 min)
// or on HR's request; the view itself sums the stored per-unit rows.
await time("Gap report recompute (worker / 'Jetzt neu berechnen')", () => refreshGapReport(db));
const org = await getOrganisationGaps(db, hr, {}, validity);
await time(`Organisation view (HR), whole administration (${org.totalPeople} people)`, () => getOrganisationGaps(db, hr, {}, validity));
await time(`Organisation view (HR), Dezernat ${biggest.code}`, () => getOrganisationGaps(db, hr, { unitId: biggest.id }, validity));
await time("Organisation view (HR), one Amt", () => getOrganisationGaps(db, hr, { unitId: amt.id }, validity));
await db.$disconnect();
