import { randomUUID } from "node:crypto";
import { db } from "~/utils/db.server.ts";
import { AccessDeniedError, NotFoundError } from "~/modules/errors.ts";
import { getPersonProfile, leadersOf, listPeople, listTeam, requirePersonAccess } from "./org.server.ts";
import { actorFor, createPerson, createScenario, createUnit } from "../../../tests/factories.ts";

describe("row-level access to people", () => {
  it("lets an employee see only their own profile", async () => {
    const s = await createScenario(db);
    const actor = await actorFor(db, s.employeeUser.id);
    expect(await requirePersonAccess(db, actor, s.employee.id)).toBe("own");
    await expect(requirePersonAccess(db, actor, s.colleague.id)).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(requirePersonAccess(db, actor, s.leader.id)).rejects.toBeInstanceOf(AccessDeniedError);
  });

  it("lets a leader see their units and everything below, nothing else", async () => {
    const s = await createScenario(db);
    const actor = await actorFor(db, s.leaderUser.id);
    expect(actor.roles).toContain("LEADER");
    expect(await requirePersonAccess(db, actor, s.employee.id)).toBe("team");
    await expect(requirePersonAccess(db, actor, s.outsider.id)).rejects.toBeInstanceOf(AccessDeniedError);
  });

  it("lets HR development see everyone and says 404 for unknown ids", async () => {
    const s = await createScenario(db);
    const actor = await actorFor(db, s.hrUser.id);
    expect(await requirePersonAccess(db, actor, s.outsider.id)).toBe("any");
    await expect(requirePersonAccess(db, actor, "does-not-exist")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("keeps administrators out of person data", async () => {
    const s = await createScenario(db);
    const actor = await actorFor(db, s.adminUser.id);
    await expect(requirePersonAccess(db, actor, s.employee.id)).rejects.toBeInstanceOf(AccessDeniedError);
  });

  it("logs a read of someone else's profile, not of one's own", async () => {
    const s = await createScenario(db);
    const leader = await actorFor(db, s.leaderUser.id);
    await getPersonProfile(db, leader, s.employee.id);
    const own = await actorFor(db, s.employeeUser.id);
    await getPersonProfile(db, own, s.employee.id);
    const reads = await db.auditEvent.findMany({ where: { action: "person.read", affectedPersonId: s.employee.id } });
    expect(reads).toHaveLength(1);
    expect(reads[0]!.actorUserId).toBe(s.leaderUser.id);
  });

  it("derives a person's leaders from the org tree, nearest first", async () => {
    const s = await createScenario(db);
    const head = await createPerson(db, { unit: s.abteilungA1, firstName: "Abteilungsleiterin" });
    await db.orgUnit.update({ where: { id: s.abteilungA1.id }, data: { leaderId: head.id } });
    const person = await db.person.findUniqueOrThrow({ where: { id: s.employee.id }, include: { orgUnit: true } });
    const leaders = await leadersOf(db, person);
    expect(leaders.map((l) => l.leader.id)).toEqual([head.id, s.leader.id]);
    // The head of the division is led by the head of the Amt, not by herself.
    const headWithUnit = await db.person.findUniqueOrThrow({ where: { id: head.id }, include: { orgUnit: true } });
    expect((await leadersOf(db, headWithUnit)).map((l) => l.leader.id)).toEqual([s.leader.id]);
  });
});

describe("Mein Team", () => {
  it("lists the people below the leader's units, not the leader, not others", async () => {
    const s = await createScenario(db);
    const actor = await actorFor(db, s.leaderUser.id);
    const team = await listTeam(db, actor, { page: 1 });
    const ids = team.people.map((p) => p.id);
    expect(ids).toEqual(expect.arrayContaining([s.employee.id, s.colleague.id]));
    expect(ids).not.toContain(s.leader.id);
    expect(ids).not.toContain(s.outsider.id);
    expect(team.total).toBe(2);
  });

  it("works for a Dezernat with more units than a query may take parameters", async () => {
    const s = await createScenario(db);
    const leaderUnit = await db.orgUnit.findFirstOrThrow({ where: { leaderId: s.leader.id } });
    // 1,200 sub-units below the leader's unit (a large Dezernat), a person in the last one.
    const units = Array.from({ length: 1200 }, () => {
      const id = randomUUID();
      return { id, code: `G-${id.slice(0, 8)}`, name: "Sachgebiet", type: "SACHGEBIET" as const, parentId: leaderUnit.id, path: `${leaderUnit.path}${id}/`, depth: leaderUnit.depth + 1 };
    });
    for (let i = 0; i < units.length; i += 200) await db.orgUnit.createMany({ data: units.slice(i, i + 200) });
    const deep = await createPerson(db, { unit: units.at(-1)!, lastName: "Tiefunten" });
    const actor = await actorFor(db, s.leaderUser.id);
    const team = await listTeam(db, actor, { page: 1, q: "tiefunten" });
    expect(team.people.map((p) => p.id)).toEqual([deep.id]);
    expect((await listTeam(db, actor, { page: 1 })).total).toBe(3);
  });

  it("searches case-insensitively and filters by status", async () => {
    const s = await createScenario(db);
    await createPerson(db, { unit: s.abteilungA1, lastName: "Özdemir-Weiß", status: "LEFT" });
    const actor = await actorFor(db, s.leaderUser.id);
    expect((await listTeam(db, actor, { page: 1, q: "EMIL" })).people.map((p) => p.id)).toEqual([s.employee.id]);
    expect((await listTeam(db, actor, { page: 1, q: "özdemir" })).total).toBe(0);
    expect((await listTeam(db, actor, { page: 1, q: "özdemir", status: "ALL" })).total).toBe(1);
  });

  it("refuses a unit outside the leader's team and employees without a team", async () => {
    const s = await createScenario(db);
    const leader = await actorFor(db, s.leaderUser.id);
    await expect(listTeam(db, leader, { page: 1, unitId: s.amtB.id })).rejects.toBeInstanceOf(AccessDeniedError);
    const employee = await actorFor(db, s.employeeUser.id);
    await expect(listTeam(db, employee, { page: 1 })).rejects.toBeInstanceOf(AccessDeniedError);
  });
});

describe("people list (HR development)", () => {
  it("filters by unit with and without sub-units, by position and by status", async () => {
    const s = await createScenario(db);
    const hr = await actorFor(db, s.hrUser.id);
    const withSub = await listPeople(db, hr, { page: 1, unitId: s.amtA.id, includeSubUnits: true });
    expect(withSub.people.map((p) => p.id).sort()).toEqual([s.leader.id, s.employee.id, s.colleague.id].sort());
    const direct = await listPeople(db, hr, { page: 1, unitId: s.amtA.id, includeSubUnits: false });
    expect(direct.people.map((p) => p.id)).toEqual([s.leader.id]);
    const byPosition = await listPeople(db, hr, { page: 1, positionId: s.employee.position.id });
    expect(byPosition.people.map((p) => p.id)).toEqual([s.employee.id]);
    const left = await createPerson(db, { unit: s.amtA, status: "LEFT" });
    const current = await listPeople(db, hr, { page: 1, unitId: s.amtA.id, includeSubUnits: true });
    expect(current.people.map((p) => p.id)).not.toContain(left.id);
    const formers = await listPeople(db, hr, { page: 1, unitId: s.amtA.id, includeSubUnits: true, status: "LEFT" });
    expect(formers.people.map((p) => p.id)).toEqual([left.id]);
  });

  it("paginates with a stable order", async () => {
    const unit = await createUnit(db);
    for (let i = 0; i < 30; i++) await createPerson(db, { unit, lastName: `Seite-${String(i).padStart(2, "0")}` });
    const s = await createScenario(db);
    const hr = await actorFor(db, s.hrUser.id);
    const page1 = await listPeople(db, hr, { page: 1, unitId: unit.id });
    const page2 = await listPeople(db, hr, { page: 2, unitId: unit.id });
    expect(page1.total).toBe(30);
    expect(page1.pageCount).toBe(2);
    expect(page1.people).toHaveLength(25);
    expect(page2.people.map((p) => p.lastName)).toEqual(["Seite-25", "Seite-26", "Seite-27", "Seite-28", "Seite-29"]);
  });

  it("is refused to leaders and employees", async () => {
    const s = await createScenario(db);
    await expect(listPeople(db, await actorFor(db, s.leaderUser.id), { page: 1 })).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(listPeople(db, await actorFor(db, s.employeeUser.id), { page: 1 })).rejects.toBeInstanceOf(AccessDeniedError);
  });
});
