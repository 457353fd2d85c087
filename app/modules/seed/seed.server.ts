import { randomBytes } from "node:crypto";
import type { Db } from "~/utils/db.server.ts";
import { recordAudit } from "~/modules/audit/audit.server.ts";
import { hashPassword } from "~/modules/auth/password.server.ts";
import { DEMO_EMAILS, generateAdministration, type Administration } from "./generator.ts";
import { bulkInsert } from "./bulk-insert.server.ts";
import { seedCompetencyModel } from "./competency-seed.server.ts";
import { seedAssessments, type AssessmentSeedPerson } from "./assessment-seed.server.ts";
import { refreshGapReport } from "~/modules/assessment/gap-report.server.ts";
import { seedTrainingCatalogue } from "./training-seed.server.ts";
import { seedEvidence } from "./evidence-seed.server.ts";
import { seedNotifications } from "./notification-seed.server.ts";
import { seedCompliance, seedSyntheticCompliance } from "./compliance-seed.server.ts";
import { seedCompletions } from "./completion-seed.server.ts";
import { seedEnrolments } from "./enrolment-seed.server.ts";
import { seedFeedback } from "./feedback-seed.server.ts";
import { seedJourneys } from "./journey-seed.server.ts";
import { fileStore } from "~/modules/files/file-store.server.ts";
import { isPostgres } from "~/utils/db.server.ts";
import { getEnv } from "~/utils/env.server.ts";

export const DEMO_PASSWORD = "Lernreise-Demo-2026";
export const DEMO_PEOPLE = 300;
export const DEMO_SEED = 2026;

export class SeedRefusedError extends Error {}

/** The seed never mixes with real data: it runs only on an empty database. */
export async function assertEmpty(db: Db) {
  const [people, units, users] = await Promise.all([db.person.count(), db.orgUnit.count(), db.user.count()]);
  if (people + units + users > 0) {
    throw new SeedRefusedError(
      `Die Datenbank enthält bereits Daten (${people} Personen, ${units} Organisationseinheiten, ${users} Konten). ` +
        "Beispieldaten werden nur in eine leere Datenbank geschrieben.",
    );
  }
}

export function assertNotProduction(nodeEnv: string | undefined, force: boolean) {
  if (nodeEnv === "production" && !force) {
    throw new SeedRefusedError("NODE_ENV=production: Beispieldaten werden im Produktivbetrieb nur mit --force geschrieben.");
  }
}

const CHUNK = 500;

async function insert(db: Db, admin: Administration, onProgress?: (done: number, total: number) => void) {
  const total = admin.units.length + admin.positions.length + admin.people.length + admin.assignments.length;
  let done = 0;
  const tick = (n: number) => {
    done += n;
    onProgress?.(done, total);
  };
  const dialect = isPostgres(getEnv().DATABASE_URL) ? "postgresql" : "sqlite";
  const now = new Date();
  await db.$transaction(
    async (tx) => {
      // Units first without leaders (people do not exist yet); parents come before children.
      const stages: [string, Record<string, string | number | boolean | Date | null>[]][] = [
        ["OrgUnit", admin.units.map(({ leaderId: _l, deputyId: _d, ...u }) => ({ ...u, createdAt: now, updatedAt: now }))],
        ["Position", admin.positions.map((p) => ({ ...p, createdAt: now, updatedAt: now }))],
        ["Person", admin.people.map((p) => ({ ...p, createdAt: now, updatedAt: now }))],
        ["PositionAssignment", admin.assignments.map((a) => ({ ...a, createdAt: now }))],
      ];
      for (const [table, rows] of stages) {
        for (let i = 0; i < rows.length; i += CHUNK * 10) {
          const chunk = rows.slice(i, i + CHUNK * 10);
          await bulkInsert(tx, dialect, table, chunk);
          tick(chunk.length);
        }
      }
      for (const unit of admin.units) {
        if (unit.leaderId || unit.deputyId) {
          await tx.orgUnit.update({ where: { id: unit.id }, data: { leaderId: unit.leaderId, deputyId: unit.deputyId } });
        }
      }
      await recordAudit(tx, {
        actorUserId: null,
        action: "seed.administration",
        entityType: "OrgUnit",
        summary: `${admin.units.length} Einheiten, ${admin.positions.length} Stellen, ${admin.people.length} Personen angelegt`,
      });
    },
    { timeout: 600_000, maxWait: 60_000 },
  );
}

/** The demo administration "Stadtverwaltung Beispielstadt" with the four demo accounts. */
export async function seedDemo(db: Db) {
  await assertEmpty(db);
  const admin = generateAdministration({ people: DEMO_PEOPLE, seed: DEMO_SEED, withDemoAccounts: true });
  await insert(db, admin);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const accounts = [
    { email: DEMO_EMAILS.employee, personId: admin.demo.employee, roles: ["EMPLOYEE"] as const },
    { email: DEMO_EMAILS.leader, personId: admin.demo.leader, roles: ["EMPLOYEE"] as const },
    { email: DEMO_EMAILS.hr, personId: admin.demo.hr, roles: ["EMPLOYEE", "HR_DEVELOPMENT"] as const },
    { email: DEMO_EMAILS.admin, personId: admin.demo.admin, roles: ["EMPLOYEE", "ADMIN"] as const },
  ];
  const userIdOfPerson = new Map<string, string>();
  await db.$transaction(async (tx) => {
    for (const account of accounts) {
      const user = await tx.user.create({
        data: {
          email: account.email,
          passwordHash,
          personId: account.personId,
          roles: { create: account.roles.map((role) => ({ role })) },
        },
      });
      userIdOfPerson.set(account.personId, user.id);
      await recordAudit(tx, {
        actorUserId: null,
        action: "user.create",
        entityType: "User",
        entityId: user.id,
        affectedPersonId: account.personId,
        summary: `Demo-Konto ${account.email} (${account.roles.join(", ")})`,
      });
    }
  });
  // The competency model: DigComp 2.2, the municipal core model, role profiles and a position
  // profile for every position, kept by the HR demo person.
  const unitCode = new Map(admin.units.map((u) => [u.id, u.code]));
  const competency = await db.$transaction(
    (tx) =>
      seedCompetencyModel(tx, {
        hrPersonId: admin.demo.hr,
        positions: admin.positions.map((p) => ({ id: p.id, code: p.code, title: p.title, isLeadership: p.isLeadership, unitCode: unitCode.get(p.orgUnitId)! })),
      }),
    { timeout: 120_000, maxWait: 60_000 },
  );
  // Assessments: level histories and rounds in every state, started by the HR demo account.
  const assessment = await db.$transaction(
    (tx) =>
      seedAssessments(tx, {
        people: assessmentPeople(admin),
        startedById: userIdOfPerson.get(admin.demo.hr)!,
        userIdOfPerson,
        demo: { employee: admin.demo.employee, leader: admin.demo.leader, team: teamOf(admin, admin.demo.leader) },
        seed: DEMO_SEED,
      }),
    { timeout: 120_000, maxWait: 60_000 },
  );
  // Training catalogue: about 40 trainings with sessions in the past and future (after the
  // competency model it maps to, before any enrolment seed).
  const training = await db.$transaction((tx) => seedTrainingCatalogue(tx, { admin, hrUserId: userIdOfPerson.get(admin.demo.hr)! }), { timeout: 120_000, maxWait: 60_000 });
  // Enrolments: pending requests in the demo leader's team, confirmed places, a full session with
  // a waiting list, cancelled and declined examples, past sessions with confirmed places.
  const activePeople = new Set(admin.people.filter((p) => p.status === "ACTIVE").map((p) => p.id));
  const enrolment = await db.$transaction(
    (tx) =>
      seedEnrolments(tx, {
        employeeId: admin.demo.employee,
        employeeUserId: userIdOfPerson.get(admin.demo.employee)!,
        leaderUserId: userIdOfPerson.get(admin.demo.leader)!,
        hrUserId: userIdOfPerson.get(admin.demo.hr)!,
        team: teamOf(admin, admin.demo.leader).filter((id) => id !== admin.demo.employee && activePeople.has(id)),
      }),
    { timeout: 60_000, maxWait: 60_000 },
  );
  // Evidence with small real files in UPLOAD_DIR: pending, accepted (with its level record) and
  // rejected items in the demo leader's team, two of them the demo employee's.
  const evidence = await seedEvidence(db, {
    store: fileStore(),
    employee: admin.demo.employee,
    team: teamOf(admin, admin.demo.leader),
    leaderUserId: userIdOfPerson.get(admin.demo.leader)!,
  });
  // Notifications, read and unread, with their e-mails for the demo employee and leader.
  await db.$transaction((tx) => seedNotifications(tx, { employeeId: admin.demo.employee, leaderId: admin.demo.leader }));
  // Completions: attendance of past sessions, mandatory e-learning with expiry dates (some
  // expired), the demo employee's certificates, one upload waiting for HR; level records.
  const leaderTeam = teamOf(admin, admin.demo.leader);
  const completion = await seedCompletions(db, {
    store: fileStore(),
    people: admin.people.filter((p) => p.status === "ACTIVE"),
    employeeId: admin.demo.employee,
    reserved: [...Object.values(admin.demo), ...leaderTeam],
    uploaderId: leaderTeam.find((id) => id !== admin.demo.employee && activePeople.has(id)) ?? null,
    hrUserId: userIdOfPerson.get(admin.demo.hr)!,
    employeeUserId: userIdOfPerson.get(admin.demo.employee)!,
    seed: DEMO_SEED,
  });
  // Mandatory trainings: rules, designations, absences, an exemption, more completions, and the
  // requirements of everybody (after all completions).
  const compliance = await db.$transaction(
    (tx) =>
      seedCompliance(tx, {
        people: admin.people,
        leaders: [...new Set(admin.units.map((u) => u.leaderId).filter((id): id is string => !!id))],
        employeeId: admin.demo.employee,
        leaderTeam,
        hrUserId: userIdOfPerson.get(admin.demo.hr)!,
        seed: DEMO_SEED,
      }),
    { timeout: 120_000, maxWait: 60_000 },
  );
  // Feedback: default questionnaires, earlier runs of some trainings, requests in every state with
  // anonymous responses, one session below the minimum group, the demo accounts' pending requests.
  const feedback = await db.$transaction(
    (tx) =>
      seedFeedback(tx, {
        people: admin.people.filter((p) => p.status === "ACTIVE"),
        employeeId: admin.demo.employee,
        leaderId: admin.demo.leader,
        leaderTeam,
        reserved: [...Object.values(admin.demo), ...leaderTeam],
        hrUserId: userIdOfPerson.get(admin.demo.hr)!,
        seed: DEMO_SEED,
      }),
    { timeout: 120_000, maxWait: 60_000 },
  );
  // Learning journeys: three templates, cohorts built from them and journeys in every state
  // (after the catalogue and the designations).
  const journeys = await db.$transaction(
    (tx) =>
      seedJourneys(tx, {
        employeeId: admin.demo.employee,
        leaderId: admin.demo.leader,
        hrUserId: userIdOfPerson.get(admin.demo.hr)!,
        leaderUserId: userIdOfPerson.get(admin.demo.leader)!,
      }),
    { timeout: 120_000, maxWait: 60_000 },
  );
  return {
    units: admin.units.length,
    positions: admin.positions.length,
    people: admin.people.length,
    accounts: accounts.length,
    compliance,
    journeys,
    competency,
    training,
    enrolment,
    completion,
    feedback,
    // Level records of rounds, of accepted evidence and of completed trainings.
    assessment: { rounds: assessment.rounds, records: assessment.records + evidence.records + completion.levelRecords + compliance.levelRecords + feedback.levelRecords, evidence: evidence.items },
  };
}

/**
 * Each person's current primary position and nearest leader along the org tree (as leadersOf
 * does: the deepest unit on the person's path led by someone else).
 */
function assessmentPeople(admin: Administration): AssessmentSeedPerson[] {
  const unitById = new Map(admin.units.map((u) => [u.id, u]));
  const current = new Map<string, Administration["assignments"][number]>();
  for (const a of admin.assignments) if (a.endDate === null && a.isPrimary) current.set(a.personId, a);
  return admin.people.map((p) => {
    let leaderPersonId: string | null = null;
    for (let unit = unitById.get(p.orgUnitId); unit; unit = unit.parentId ? unitById.get(unit.parentId) : undefined) {
      if (unit.leaderId && unit.leaderId !== p.id) {
        leaderPersonId = unit.leaderId;
        break;
      }
    }
    const assignment = current.get(p.id);
    return { id: p.id, active: p.status === "ACTIVE", positionId: assignment?.positionId ?? null, positionSince: assignment?.startDate ?? null, leaderPersonId };
  });
}

/** People in the units a person leads (and below), without the person. */
function teamOf(admin: Administration, leaderId: string) {
  const paths = admin.units.filter((u) => u.leaderId === leaderId).map((u) => u.path);
  const pathOf = new Map(admin.units.map((u) => [u.id, u.path]));
  return admin.people.filter((p) => p.id !== leaderId && paths.some((path) => pathOf.get(p.orgUnitId)!.startsWith(path))).map((p) => p.id);
}

/** A larger synthetic administration of the same shape, for benchmarks. No accounts. */
export async function seedSynthetic(db: Db, { people, seed }: { people: number; seed: number }, onProgress?: (done: number, total: number) => void) {
  await assertEmpty(db);
  const admin = generateAdministration({ people, seed });
  await insert(db, admin, onProgress);
  // Competency model and assessments of the same shape as the demo, so the gap views can be
  // measured at scale. Rounds need a starting account: one HR account for the first active
  // person, with a random password nobody knows (benchmarks sign in through their own accounts).
  const hrPerson = admin.people.find((p) => p.status === "ACTIVE") ?? admin.people[0]!;
  const hrUser = await db.user.create({
    data: {
      email: hrPerson.email,
      personId: hrPerson.id,
      passwordHash: await hashPassword(randomBytes(24).toString("base64url")),
      roles: { create: [{ role: "EMPLOYEE" }, { role: "HR_DEVELOPMENT" }] },
    },
  });
  const unitCode = new Map(admin.units.map((u) => [u.id, u.code]));
  const competency = await db.$transaction(
    (tx) =>
      seedCompetencyModel(tx, {
        hrPersonId: hrPerson.id,
        positions: admin.positions.map((p) => ({ id: p.id, code: p.code, title: p.title, isLeadership: p.isLeadership, unitCode: unitCode.get(p.orgUnitId)! })),
      }),
    { timeout: 600_000, maxWait: 60_000 },
  );
  const assessment = await db.$transaction(
    (tx) => seedAssessments(tx, { people: assessmentPeople(admin), startedById: hrUser.id, demo: { employee: "", leader: "", team: [] }, seed }),
    { timeout: 1_800_000, maxWait: 60_000 },
  );
  return {
    units: admin.units.length,
    positions: admin.positions.length,
    people: admin.people.length,
    accounts: 1,
    competency,
    assessment: { rounds: assessment.rounds, records: assessment.records },
    gapReport: await refreshGapReport(db),
    // Ten mandatory-training rules with completions and everybody's requirements.
    compliance: await seedSyntheticCompliance(db, { seed, dialect: isPostgres(getEnv().DATABASE_URL) ? "postgresql" : "sqlite" }),
  };
}
