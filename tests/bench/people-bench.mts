// Benchmark: seeds a synthetic administration (default 50,000 people) into a scratch SQLite
// database (or BENCH_DATABASE_URL) and times the people list and "Mein Team" of a Dezernat
// leader, as the loaders call them. Prints numbers; asserts nothing.
// Usage: npm run bench [-- --employees 50000 --seed 1 --runs 20]
import { accountFor, prepareSyntheticDatabase, timer } from "./synthetic.mts";

const opts = prepareSyntheticDatabase({ runs: 20 });
const { db } = await import("~/utils/db.server.ts");
const { loadActor } = await import("~/modules/auth/actor.server.ts");
const { listPeople, listTeam, getPersonProfile } = await import("~/modules/org/org.server.ts");

// Accounts for the biggest Dezernat's leader and an HR person (created once).
const dezernate = await db.orgUnit.findMany({ where: { type: "DEZERNAT" }, select: { id: true, path: true, leaderId: true, name: true } });
const sizes = await Promise.all(dezernate.map((d) => db.person.count({ where: { orgUnit: { path: { startsWith: d.path } } } })));
const dezernat = dezernate[sizes.indexOf(Math.max(...sizes))]!;
const leaderUser = await accountFor(dezernat.leaderId!, ["EMPLOYEE"]);
const someone = await db.person.findFirstOrThrow({ where: { orgUnit: { type: "SACHGEBIET" } }, orderBy: { personnelNumber: "desc" } });
const hrUser = await accountFor(someone.id, ["EMPLOYEE", "HR_DEVELOPMENT"]);
const leader = (await loadActor(db, leaderUser.id))!;
const hr = (await loadActor(db, hrUser.id))!;
const amt = await db.orgUnit.findFirstOrThrow({ where: { type: "AMT" }, select: { id: true } });
const teamMember = await db.person.findFirstOrThrow({ where: { orgUnit: { path: { startsWith: dezernat.path } }, id: { not: leader.personId! } } });

const time = timer(opts.runs);

const [people, units] = await Promise.all([db.person.count(), db.orgUnit.count()]);
console.log(`\n${people} people, ${units} org units, ${opts.dialect}, ${opts.runs} runs each\n`);
const teamSize = (await listTeam(db, leader, { page: 1 })).total;
await time(`Mein Team, Dezernat leader (${teamSize} people), page 1`, () => listTeam(db, leader, { page: 1 }));
await time("Mein Team, Dezernat leader, page 200", () => listTeam(db, leader, { page: 200 }));
await time("Mein Team, Dezernat leader, search 'müller'", () => listTeam(db, leader, { page: 1, q: "müller" }));
await time("People list (HR), all, page 1", () => listPeople(db, hr, { page: 1 }));
await time("People list (HR), Amt with sub-units, page 1", () => listPeople(db, hr, { page: 1, unitId: amt.id, includeSubUnits: true }));
await time("People list (HR), search 'schmidt'", () => listPeople(db, hr, { page: 1, q: "schmidt" }));
await time("People list (HR), status LEFT", () => listPeople(db, hr, { page: 1, status: "LEFT" }));
await time("Person page of a team member (leader, audited read)", () => getPersonProfile(db, leader, teamMember.id));
await db.$disconnect();
