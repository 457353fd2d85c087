// Test data built through the same shapes the app uses. Every value is unique per call, so
// tests also run against a shared PostgreSQL database.
import { randomUUID } from "node:crypto";
import type { Db } from "~/utils/db.server.ts";
import { childPath, searchTextOf } from "~/modules/org/org.server.ts";
import { hashPassword } from "~/modules/auth/password.server.ts";
import { createLoginSession } from "~/utils/auth.server.ts";
import { loadActor } from "~/modules/auth/actor.server.ts";
import type { StoredRole } from "~/modules/auth/permissions.ts";

const unique = () => randomUUID().slice(0, 8);
export const TEST_PASSWORD = "Richtig-Langes-Passwort-1";

export async function createUnit(db: Db, { parent, type = "AMT", name }: { parent?: { id: string; path: string }; type?: "DEZERNAT" | "AMT" | "ABTEILUNG" | "SACHGEBIET" | "STABSSTELLE"; name?: string } = {}) {
  const id = randomUUID();
  return db.orgUnit.create({
    data: {
      id,
      code: `T-${unique()}`,
      name: name ?? `Testeinheit ${unique()}`,
      type,
      parentId: parent?.id ?? null,
      path: childPath(parent?.path ?? null, id),
      depth: parent ? parent.path.split("/").filter(Boolean).length : 0,
    },
  });
}

export async function createPerson(
  db: Db,
  { unit, status = "ACTIVE", firstName = "Erika", lastName = `Muster-${unique()}`, title = "Sachbearbeitung" }: {
    unit: { id: string };
    status?: "ACTIVE" | "ON_LEAVE" | "LEFT";
    firstName?: string;
    lastName?: string;
    title?: string;
  },
) {
  const personnelNumber = `T${unique()}`;
  const email = `${personnelNumber.toLowerCase()}@test.example`;
  const position = await db.position.create({
    data: { code: `P-${unique()}`, title, orgUnitId: unit.id, jobDescription: `${title}: Aufgaben der Einheit.` },
  });
  const person = await db.person.create({
    data: {
      personnelNumber,
      firstName,
      lastName,
      email,
      status,
      entryDate: new Date("2020-01-01"),
      orgUnitId: unit.id,
      searchText: searchTextOf({ firstName, lastName, personnelNumber, email }),
      assignments: { create: { positionId: position.id, startDate: new Date("2020-01-01") } },
    },
  });
  return { ...person, position };
}

export async function createAccount(db: Db, person: { id: string; email: string } | null, roles: StoredRole[] = ["EMPLOYEE"]) {
  const email = person?.email ?? `konto-${unique()}@test.example`;
  return db.user.create({
    data: { email, passwordHash: await hashPassword(TEST_PASSWORD), personId: person?.id ?? null, roles: { create: roles.map((role) => ({ role })) } },
  });
}

export async function makeLeader(db: Db, unitId: string, personId: string) {
  await db.orgUnit.update({ where: { id: unitId }, data: { leaderId: personId } });
}

export async function actorFor(db: Db, userId: string) {
  const actor = await loadActor(db, userId);
  if (!actor) throw new Error("no actor");
  return actor;
}

/** A request as the signed-in user would send it, with a real session cookie. */
export async function requestAs(userId: string | null, url: string, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  if (userId) headers.set("Cookie", (await createLoginSession(userId)).split(";")[0]!);
  return new Request(new URL(url, "http://localhost"), { ...init, headers });
}

/**
 * A small administration: Amt A (with Abteilung A1) led by `leader`, Amt B elsewhere, an
 * employee in A1, an outsider in B and an HR account.
 */
export async function createScenario(db: Db) {
  const amtA = await createUnit(db, { type: "AMT", name: "Amt A" });
  const abteilungA1 = await createUnit(db, { parent: amtA, type: "ABTEILUNG", name: "Abteilung A1" });
  const amtB = await createUnit(db, { type: "AMT", name: "Amt B" });
  const leader = await createPerson(db, { unit: amtA, firstName: "Lea", title: "Amtsleitung" });
  await makeLeader(db, amtA.id, leader.id);
  const employee = await createPerson(db, { unit: abteilungA1, firstName: "Emil" });
  const colleague = await createPerson(db, { unit: abteilungA1, firstName: "Clara" });
  const outsider = await createPerson(db, { unit: amtB, firstName: "Otto" });
  const hrPerson = await createPerson(db, { unit: amtB, firstName: "Hanna", title: "Personalentwicklung" });
  const leaderUser = await createAccount(db, leader);
  const employeeUser = await createAccount(db, employee);
  const hrUser = await createAccount(db, hrPerson, ["EMPLOYEE", "HR_DEVELOPMENT"]);
  const adminUser = await createAccount(db, null, ["ADMIN"]);
  return { amtA, abteilungA1, amtB, leader, employee, colleague, outsider, hrPerson, leaderUser, employeeUser, hrUser, adminUser };
}
