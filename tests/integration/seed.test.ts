// The demo and synthetic seeds on an empty database of the kind under test (a fresh SQLite
// file, or a fresh PostgreSQL database in test:pg).
import { assertNotProduction, seedDemo, seedSynthetic, SeedRefusedError } from "~/modules/seed/seed.server.ts";
import { emptyDatabase } from "../setup/empty-database.ts";

// Seeding a fresh PostgreSQL database (migrate + seed) takes tens of seconds on a loaded machine.
const SEED_TIMEOUT = 180_000;

describe("seeding", () => {
  it("writes the demo administration with leaders on every unit and four accounts", async () => {
    const { db, drop } = await emptyDatabase();
    try {
      const result = await seedDemo(db);
      expect(result).toMatchObject({ people: 300, accounts: 4 });
      expect(await db.orgUnit.count({ where: { leaderId: null } })).toBe(0);
      const codes = (await db.orgUnit.findMany({ select: { code: true } })).map((u) => u.code);
      expect(codes).toEqual(expect.arrayContaining(["10", "10.3", "12", "20", "32", "37", "50", "51", "61", "66", "OE"]));
      expect(await db.orgUnit.count({ where: { type: "DEZERNAT" } })).toBe(4);
      const dates = await db.person.findFirstOrThrow({ where: { email: "mitarbeiterin@beispielstadt.example" }, include: { assignments: true } });
      expect(dates.assignments).toHaveLength(2); // current and earlier position
      await expect(seedDemo(db)).rejects.toBeInstanceOf(SeedRefusedError);
    } finally {
      await drop();
    }
  }, SEED_TIMEOUT);

  it("writes a synthetic administration of the requested size", async () => {
    const { db, drop } = await emptyDatabase();
    try {
      const result = await seedSynthetic(db, { people: 1200, seed: 3 });
      expect(result.people).toBe(1200);
      expect(await db.person.count()).toBe(1200);
      expect(await db.orgUnit.count({ where: { type: "SACHGEBIET" } })).toBeGreaterThan(0);
      // Ten mandatory-training rules and the requirements of everybody who has not left.
      expect(await db.complianceRule.count()).toBe(10);
      const notLeft = await db.person.count({ where: { status: { not: "LEFT" } } });
      expect(result.compliance.requirements).toBe(await db.complianceRequirement.count());
      expect(result.compliance.requirements).toBeGreaterThan(4 * notLeft);
      // Paths are consistent: every unit's path ends with its id and starts with its parent's.
      const units = await db.orgUnit.findMany({ select: { id: true, path: true, parent: { select: { path: true } } } });
      for (const u of units) {
        expect(u.path.endsWith(`/${u.id}/`)).toBe(true);
        if (u.parent) expect(u.path.startsWith(u.parent.path)).toBe(true);
      }
    } finally {
      await drop();
    }
  }, SEED_TIMEOUT);

  it("refuses production without --force", () => {
    expect(() => assertNotProduction("production", false)).toThrow(SeedRefusedError);
    expect(() => assertNotProduction("production", true)).not.toThrow();
  });
});
