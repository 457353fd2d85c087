// The mandatory-training part of the demo seed: six rules, requirements for everybody who has
// not left, a realistic mix of statuses in the demo leader's team, and stored rows that are
// exactly what the rules say (a second sync changes nothing).
import type { Db } from "~/utils/db.server.ts";
import { seedDemo } from "~/modules/seed/seed.server.ts";
import { DEMO_EMAILS } from "~/modules/seed/generator.ts";
import { DEMO_RULES } from "~/modules/seed/compliance-seed.server.ts";
import { todayInBerlin } from "~/modules/compliance/days.ts";
import { statusOn, type RequirementStatus } from "~/modules/compliance/engine.ts";
import { syncRequirements } from "~/modules/compliance/sync.server.ts";
import { emptyDatabase } from "../setup/empty-database.ts";

let db: Db;
let drop: () => Promise<void>;
let seeded: Awaited<ReturnType<typeof seedDemo>>;

beforeAll(async () => {
  ({ db, drop } = await emptyDatabase());
  seeded = await seedDemo(db);
}, 240_000);

afterAll(async () => {
  await drop?.();
});

describe("compliance seed", () => {
  it("writes the rules with trainings and legal bases, and requirements for everybody who has not left", async () => {
    const rules = await db.complianceRule.findMany({ include: { trainings: true } });
    expect(rules.map((r) => r.name).sort()).toEqual(DEMO_RULES.map((r) => r.name).sort());
    expect(rules.every((r) => r.trainings.length > 0 && r.legalBasis.length > 0)).toBe(true);
    expect(new Set(rules.map((r) => r.recurrence))).toEqual(new Set(["ROLLING", "FIXED_YEARLY", "NONE"]));

    const privacy = rules.find((r) => r.name === "Datenschutz-Grundschulung")!;
    const notLeft = await db.person.count({ where: { status: { not: "LEFT" } } });
    expect(await db.complianceRequirement.count({ where: { ruleId: privacy.id, closedOn: null } })).toBe(notLeft);
    const left = await db.person.findMany({ where: { status: "LEFT" }, select: { id: true } });
    expect(await db.complianceRequirement.count({ where: { personId: { in: left.map((p) => p.id) }, closedOn: null } })).toBe(0);
    expect(seeded.compliance.requirements).toBe(await db.complianceRequirement.count());
  });

  it("gives the demo leader's team a mix of statuses, with a pause and an exemption", async () => {
    const leader = await db.user.findUniqueOrThrow({ where: { email: DEMO_EMAILS.leader }, select: { personId: true } });
    const units = await db.orgUnit.findMany({ where: { leaderId: leader.personId! }, select: { path: true } });
    const requirements = await db.complianceRequirement.findMany({
      where: { closedOn: null, person: { OR: units.map((u) => ({ orgUnit: { path: { startsWith: u.path } } })), id: { not: leader.personId! } } },
    });
    const today = todayInBerlin();
    const statuses = new Set<RequirementStatus>(requirements.map((r) => statusOn(r, today)));
    for (const status of ["COMPLETED", "DUE_SOON", "PAUSED", "EXEMPT"] as const) expect(statuses, status).toContain(status);
    expect(statuses.has("OVERDUE") || statuses.has("EXPIRED")).toBe(true);

    const employee = await db.user.findUniqueOrThrow({ where: { email: DEMO_EMAILS.employee }, select: { personId: true } });
    const own = requirements.filter((r) => r.personId === employee.personId);
    expect(own.some((r) => ["OVERDUE", "EXPIRED", "DUE_SOON"].includes(statusOn(r, today)))).toBe(true);
  });

  it("stores exactly what the rules say: a second sync changes nothing", async () => {
    const summary = await db.$transaction((tx) => syncRequirements(tx, { cause: "test" }), { timeout: 120_000 });
    expect(summary).toEqual({ started: 0, reopened: 0, changed: 0, closed: 0 });
  });
});
