// Benchmark for mandatory trainings (issue "Mandatory trainings"): on the synthetic
// administration (default 50,000 people) with ten rules (about 500,000 requirements), times a
// Dezernat leader's cockpit, HR's overview, a rule change's preview and save, an employee's own
// page and a reminder run, as their loaders and the CLI call them. Prints numbers; asserts
// nothing. Usage: npm run bench:compliance [-- --employees 50000 --seed 1 --runs 10 --fresh]
// (BENCH_REMINDERS=1 also times the reminder runs; the first one queues tens of thousands of
// notifications and takes minutes.)
import { accountFor, prepareSyntheticDatabase, timer } from "./synthetic.mts";

const opts = prepareSyntheticDatabase({ runs: 10 });
const { db } = await import("~/utils/db.server.ts");
const { loadActor } = await import("~/modules/auth/actor.server.ts");
const { seedSyntheticCompliance } = await import("~/modules/seed/compliance-seed.server.ts");
const { syncRequirements } = await import("~/modules/compliance/sync.server.ts");

if ((await db.complianceRule.count()) === 0) {
  const t0 = performance.now();
  const seeded = await seedSyntheticCompliance(db, { seed: opts.seed, dialect: opts.dialect === "SQLite" ? "sqlite" : "postgresql" });
  console.log(
    `compliance seed: ${seeded.rules} rules, ${seeded.completions} completions, ${seeded.flags} designations, ${seeded.requirements} requirements in ${((performance.now() - t0) / 1000).toFixed(1)} s (first full sync ${(seeded.syncMs / 1000).toFixed(1)} s)`,
  );
}

if ((await db.complianceRequirement.count()) === 0) {
  const t0 = performance.now();
  const sync = await db.$transaction((tx) => syncRequirements(tx, { cause: "seed" }), { timeout: 1_800_000, maxWait: 60_000 });
  console.log(`first full sync: ${sync.started} requirements in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

const [people, requirements, open] = await Promise.all([db.person.count(), db.complianceRequirement.count(), db.complianceRequirement.count({ where: { closedOn: null } })]);
console.log(`\n${people} people, ${requirements} requirements (${open} open), ${opts.dialect}, ${opts.runs} runs each\n`);

const once = async (label: string, fn: () => Promise<unknown>) => {
  const t0 = performance.now();
  await fn();
  console.log(`${label.padEnd(62)} once  ${(performance.now() - t0).toFixed(1).padStart(7)} ms`);
};
const time = timer(opts.runs, 62);

await once("Full re-sync of every requirement (nothing changed)", () => db.$transaction((tx) => syncRequirements(tx, { cause: "bench" }), { timeout: 1_800_000 }));
const someone = await db.person.findFirstOrThrow({ where: { status: "ACTIVE" }, select: { id: true } });
await time("Sync of one person (after a completion or job change)", () => db.$transaction((tx) => syncRequirements(tx, { personIds: [someone.id], cause: "bench" })));

// HR development's organisation-wide overview (Dezernat/Amt × rule, rules, trend), its start page card and the worker's hourly snapshot.
{
  const { getComplianceOverview, getComplianceOverallCard } = await import("~/modules/compliance/overview.server.ts");
  const { recordComplianceSnapshot } = await import("~/modules/compliance/snapshots.server.ts");
  const hr = (await loadActor(db, (await accountFor(someone.id, ["EMPLOYEE", "HR_DEVELOPMENT"])).id))!;
  await time("HR overview (Dezernat/Amt × rule, rules, 12-month trend)", () => getComplianceOverview(db, hr));
  await time("HR start page card Compliance gesamt", () => getComplianceOverallCard(db, hr));
  await time("Current month's snapshot (worker, hourly)", () => recordComplianceSnapshot(db));
}

// HR's rule list with coverage, and a change to a rule for everybody: the what-if preview and the
// save, which re-syncs everyone the rule applies to inside its transaction.
{
  const { listRules, updateRule } = await import("~/modules/compliance/rules.server.ts");
  const { previewRule } = await import("~/modules/compliance/preview.server.ts");
  const { draftOfRule } = await import("~/modules/compliance/rule-form.ts");
  const { parseAudience } = await import("~/modules/compliance/audience.ts");
  const hr = (await loadActor(db, (await accountFor(someone.id, ["EMPLOYEE", "HR_DEVELOPMENT"])).id))!;
  const stored = await db.complianceRule.findFirstOrThrow({ where: { name: "Datenschutz" }, include: { trainings: true } });
  const draft = draftOfRule({ ...stored, audience: parseAudience(stored.audience), trainingIds: stored.trainings.map((t) => t.trainingId) });
  const people = await db.complianceRequirement.count({ where: { ruleId: stored.id, closedOn: null } });
  await time("HR rule list with coverage", () => listRules(db, hr));
  await time(`Preview of a change to a rule for everybody (${people} people)`, () => previewRule(db, hr, { ...draft, dueSoonDays: "45" }, { ruleId: stored.id }));
  await once("Save of that change (re-sync of everybody in the rule)", () => updateRule(db, hr, stored.id, { ...draft, dueSoonDays: "45" }));
  await once("Save back (re-sync again)", () => updateRule(db, hr, stored.id, draft));
}

// A Dezernat leader's cockpit (the Dezernat with the most people), a drill-down into one of its
// Ämter, the leader's start card, an employee's own page and a reminder run with nothing new.
{
  const { getCockpit, getComplianceStartCard } = await import("~/modules/compliance/cockpit.server.ts");
  const { listRequirementsOfPerson } = await import("~/modules/compliance/requirements.server.ts");
  const { queueComplianceReminders } = await import("~/modules/compliance/reminders.server.ts");
  const dezernate = await db.orgUnit.findMany({ where: { type: "DEZERNAT" }, select: { id: true, path: true, leaderId: true, code: true } });
  const sizes = await Promise.all(dezernate.map((d) => db.complianceRequirement.count({ where: { closedOn: null, person: { orgUnit: { path: { startsWith: d.path } } } } })));
  const biggest = dezernate[sizes.indexOf(Math.max(...sizes))]!;
  const leader = (await loadActor(db, (await accountFor(biggest.leaderId!, ["EMPLOYEE"])).id))!;
  const amt = await db.orgUnit.findFirstOrThrow({ where: { type: "AMT", path: { startsWith: biggest.path } }, select: { id: true } });
  const employee = (await loadActor(db, (await accountFor(someone.id, ["EMPLOYEE"])).id))!;
  await time(`Cockpit, Dezernat ${biggest.code} leader (${Math.max(...sizes)} requirements), page 1`, () => getCockpit(db, leader, { unit: biggest.id, page: 1 }));
  await time("Cockpit, Dezernat leader, overdue only, page 5", () => getCockpit(db, leader, { unit: biggest.id, status: "overdue", page: 5 }));
  await time("Cockpit, Dezernat leader, drill-down into an Amt", () => getCockpit(db, leader, { unit: amt.id, page: 1 }));
  await time("Leader start card Pflichtschulungen im Team", () => getComplianceStartCard(db, leader));
  await time("Meine Pflichtschulungen (employee's own page)", () => listRequirementsOfPerson(db, employee, someone.id));
  // The first run after go-live queues tens of thousands of "due soon" reminders; afterwards a run
  // only finds what became due since.
  if (process.env.BENCH_REMINDERS === "1") {
    await once("Reminder run (first run sends everything that is due)", () => queueComplianceReminders(db));
    await once("Reminder run with nothing new to send", () => queueComplianceReminders(db));
  }
}

await db.$disconnect();
