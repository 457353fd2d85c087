// The assessment part of the demo seed: level histories and rounds in every state, the demo
// employee's agreed round, the demo leader's open rounds, all consistent with the profiles.
import type { Db } from "~/utils/db.server.ts";
import { seedDemo } from "~/modules/seed/seed.server.ts";
import { DEMO_EMAILS } from "~/modules/seed/generator.ts";
import { effectiveRequirements } from "~/modules/competency/profiles.server.ts";
import { leadersOf } from "~/modules/org/org.server.ts";
import { getPersonGaps } from "~/modules/assessment/gaps.server.ts";
import { listOpenRoundsOfTeam, startRound } from "~/modules/assessment/rounds.server.ts";
import { addMonths, currentLevel, type LevelSourceValue } from "~/modules/assessment/levels.ts";
import { mulberry32 } from "~/modules/seed/assessment-seed.server.ts";
import { actorFor } from "../factories.ts";
import { emptyDatabase } from "../setup/empty-database.ts";

const ACTIVE = ["OPEN", "SELF_ASSESSED", "LEADER_RATED"] as const;

let db: Db;
let drop: () => Promise<void>;
let seeded: Awaited<ReturnType<typeof seedDemo>>;

beforeAll(async () => {
  ({ db, drop } = await emptyDatabase());
  seeded = await seedDemo(db);
}, 180_000);

afterAll(async () => {
  await drop?.();
});

async function userOf(email: string) {
  return db.user.findUniqueOrThrow({ where: { email }, include: { person: { include: { orgUnit: true } } } });
}

describe("assessment seed", () => {
  it("has a deterministic pseudo-random source", () => {
    const a = mulberry32(7);
    const b = mulberry32(7);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
  });

  it("writes rounds in every state and reports the counts", async () => {
    const byStatus = await db.assessmentRound.groupBy({ by: ["status"], _count: { _all: true } });
    const count = new Map(byStatus.map((g) => [g.status, g._count._all]));
    for (const status of ["OPEN", "SELF_ASSESSED", "LEADER_RATED", "AGREED", "CANCELLED"] as const) expect(count.get(status) ?? 0).toBeGreaterThan(0);
    expect(seeded).toMatchObject({ people: 300, accounts: 4 });
    expect(seeded.assessment.rounds).toBe(await db.assessmentRound.count());
    expect(seeded.assessment.records).toBe(await db.competencyLevelRecord.count());
    // Most active people have a level history.
    const active = await db.person.count({ where: { status: "ACTIVE" } });
    const withRecords = (await db.competencyLevelRecord.groupBy({ by: ["personId"] })).length;
    expect(withRecords).toBeGreaterThan(active * 0.6);
    // At most one active round per person.
    const activeRounds = await db.assessmentRound.groupBy({ by: ["personId"], where: { status: { in: [...ACTIVE] } }, _count: { _all: true } });
    expect(activeRounds.filter((g) => g._count._all > 1)).toEqual([]);
  });

  it("fills each round as far as its state and writes the matching records", async () => {
    const hr = await userOf(DEMO_EMAILS.hr);
    const rounds = await db.assessmentRound.findMany({ include: { items: true } });
    const records = await db.competencyLevelRecord.findMany({ select: { roundId: true, source: true, competencyId: true, level: true, recordedAt: true } });
    const recordsOf = new Map<string, typeof records>();
    for (const r of records) recordsOf.set(r.roundId!, [...(recordsOf.get(r.roundId!) ?? []), r]);
    const now = new Date();
    for (const round of rounds) {
      expect(round.startedById).toBe(hr.id);
      expect(round.items.length).toBeGreaterThan(0);
      expect(round.createdAt.getTime()).toBeLessThan(now.getTime());
      const own = recordsOf.get(round.id) ?? [];
      const self = round.items.map((i) => i.selfLevel);
      const leader = round.items.map((i) => i.leaderLevel);
      const agreed = round.items.map((i) => i.agreedLevel);
      switch (round.status) {
        case "OPEN":
        case "CANCELLED":
          expect([...self, ...leader, ...agreed].every((l) => l === null)).toBe(true);
          expect(round.selfSubmittedAt).toBeNull();
          expect(own).toEqual([]);
          break;
        case "SELF_ASSESSED":
          expect(self.every((l) => l !== null)).toBe(true);
          expect([...leader, ...agreed].every((l) => l === null)).toBe(true);
          expect(round.selfSubmittedAt).not.toBeNull();
          expect(own).toEqual([]);
          break;
        case "LEADER_RATED":
          expect([...self, ...leader].every((l) => l !== null)).toBe(true);
          expect(agreed.every((l) => l === null)).toBe(true);
          expect(round.leaderRatedAt!.getTime()).toBeGreaterThan(round.selfSubmittedAt!.getTime());
          expect(own.map((r) => r.source)).toEqual(round.items.map(() => "LEADER"));
          break;
        case "AGREED":
          expect([...self, ...leader, ...agreed].every((l) => l !== null)).toBe(true);
          expect(round.agreedAt!.getTime()).toBeGreaterThan(round.leaderRatedAt!.getTime());
          expect(round.agreedAt!.getTime()).toBeLessThan(now.getTime());
          for (const item of round.items) {
            expect(own.find((r) => r.source === "AGREED" && r.competencyId === item.competencyId)).toMatchObject({ level: item.agreedLevel, recordedAt: round.agreedAt });
            expect(own.find((r) => r.source === "LEADER" && r.competencyId === item.competencyId)).toMatchObject({ level: item.leaderLevel, recordedAt: round.leaderRatedAt });
          }
          break;
      }
    }
    // Levels are spread around the target: some below, some at, some above.
    const agreedItems = rounds.flatMap((r) => r.items).filter((i) => i.agreedLevel !== null);
    expect(agreedItems.some((i) => i.agreedLevel! < i.targetLevel)).toBe(true);
    expect(agreedItems.some((i) => i.agreedLevel! === i.targetLevel)).toBe(true);
    expect(agreedItems.some((i) => i.agreedLevel! > i.targetLevel)).toBe(true);
  });

  it("asks only for the competencies of the person's position, at levels within the scale", async () => {
    const rounds = await db.assessmentRound.findMany({
      include: {
        items: { include: { competency: { include: { framework: { include: { scale: { include: { _count: { select: { levels: true } } } } } } } } } },
        person: { include: { orgUnit: true, assignments: { where: { endDate: null }, include: { position: { include: { profile: true } } } } } },
      },
    });
    const required = new Map<string, Map<string, { targetLevel: number; importance: string }>>();
    for (const round of rounds) {
      const current = round.person.assignments.find((a) => a.isPrimary)!;
      expect(round.positionId).toBe(current.positionId);
      const profileId = current.position.profile!.id;
      if (!required.has(profileId)) {
        const { rows } = await effectiveRequirements(db, profileId);
        required.set(profileId, new Map(rows.map((r) => [r.competency.id, { targetLevel: r.targetLevel, importance: r.importance }])));
      }
      const rows = required.get(profileId)!;
      expect(round.items.map((i) => i.competencyId).sort()).toEqual([...rows.keys()].sort());
      for (const item of round.items) {
        expect(rows.get(item.competencyId)).toEqual({ targetLevel: item.targetLevel, importance: item.importance });
        const max = item.competency.framework.scale._count.levels;
        for (const level of [item.targetLevel, item.selfLevel, item.leaderLevel, item.agreedLevel]) {
          if (level === null) continue;
          expect(level).toBeGreaterThanOrEqual(1);
          expect(level).toBeLessThanOrEqual(max);
        }
      }
    }
    // The round's leader is the nearest leader from the org tree.
    for (const round of rounds.filter((_, i) => i % 7 === 0)) {
      const leader = (await leadersOf(db, round.person))[0]?.leader.id;
      expect(round.leaderPersonId).toBe(leader);
    }
    const records = await db.competencyLevelRecord.findMany({ include: { competency: { select: { lineageId: true, framework: { select: { scale: { select: { _count: { select: { levels: true } } } } } } } } } });
    for (const r of records) {
      expect(r.lineageId).toBe(r.competency.lineageId);
      expect(r.level).toBeGreaterThanOrEqual(1);
      expect(r.level).toBeLessThanOrEqual(r.competency.framework.scale._count.levels);
    }
  });

  it("has records older than 24 months, so outdated levels show", async () => {
    const cutoff = addMonths(new Date(), -24);
    const old = await db.competencyLevelRecord.findMany({ where: { recordedAt: { lt: cutoff } }, select: { personId: true } });
    expect(old.length).toBeGreaterThan(0);
    // For some of these people nothing newer exists: their level is shown as outdated.
    const people = [...new Set(old.map((r) => r.personId))];
    const newer = await db.competencyLevelRecord.groupBy({ by: ["personId"], where: { personId: { in: people }, recordedAt: { gte: cutoff } } });
    expect(newer.length).toBeLessThan(people.length);
    const recent = await db.competencyLevelRecord.count({ where: { recordedAt: { gte: addMonths(new Date(), -20) } } });
    expect(recent).toBeGreaterThan(old.length);
  });

  it("keeps one current-level snapshot per person and competency, equal to the rule over the history", async () => {
    const [records, snapshots] = await Promise.all([
      db.competencyLevelRecord.findMany({ select: { id: true, personId: true, lineageId: true, level: true, source: true, recordedAt: true } }),
      db.currentCompetencyLevel.findMany(),
    ]);
    const groups = new Map<string, typeof records>();
    for (const r of records) groups.set(`${r.personId}|${r.lineageId}`, [...(groups.get(`${r.personId}|${r.lineageId}`) ?? []), r]);
    expect(snapshots).toHaveLength(groups.size);
    for (const snap of snapshots) {
      const winner = currentLevel(groups.get(`${snap.personId}|${snap.lineageId}`)!.map((r) => ({ ...r, source: r.source as LevelSourceValue })), new Date(), 24)!;
      expect(snap.recordId).toBe(winner.record.id);
    }
  });

  it("gives the demo employee an agreed round from about 14 months ago and no active round", async () => {
    const user = await userOf(DEMO_EMAILS.employee);
    const rounds = await db.assessmentRound.findMany({ where: { personId: user.personId! } });
    expect(rounds.filter((r) => (ACTIVE as readonly string[]).includes(r.status))).toEqual([]);
    const agreed = rounds.filter((r) => r.status === "AGREED");
    expect(agreed).toHaveLength(1);
    const monthsAgo = (Date.now() - agreed[0]!.agreedAt!.getTime()) / (30.44 * 86_400_000);
    expect(monthsAgo).toBeGreaterThan(13);
    expect(monthsAgo).toBeLessThan(16);
    expect(await db.competencyLevelRecord.count({ where: { personId: user.personId!, source: "AGREED", roundId: agreed[0]!.id } })).toBeGreaterThan(0);

    const actor = await actorFor(db, user.id);
    const gaps = await getPersonGaps(db, actor, user.personId!, { validityMonths: 24 });
    expect(gaps.rows.length).toBeGreaterThan(0);
    // Every level is current: from the agreement, or from evidence or trainings completed since
    // (evidence and completion seeds).
    expect(gaps.rows.every((r) => r.current !== null && !r.current.outdated && r.current.source !== "LEADER")).toBe(true);
    expect(gaps.rows.some((r) => r.current?.source === "AGREED")).toBe(true);
    expect(gaps.rows.some((r) => r.gap > 0)).toBe(true);
    expect(gaps.rows.some((r) => r.gap === 0)).toBe(true);
    // She can start a new round (what the browser tests do).
    await expect(startRound(db, actor, { personId: user.personId! })).resolves.toMatchObject({ status: "OPEN" });
  });

  it("shows the demo leader open rounds of Amt 32, self-assessed and leader-rated", async () => {
    const user = await userOf(DEMO_EMAILS.leader);
    const amt = user.person!.orgUnit!;
    expect(amt.code).toBe("32");
    const rounds = await db.assessmentRound.findMany({ where: { person: { orgUnit: { path: { startsWith: amt.path } } }, NOT: { personId: user.personId! } } });
    const states = new Set(rounds.map((r) => r.status));
    expect(states.has("SELF_ASSESSED")).toBe(true);
    expect(states.has("LEADER_RATED")).toBe(true);
    // Some of them are his own direct reports (he rates and agrees them himself).
    expect(rounds.some((r) => r.leaderPersonId === user.personId && r.status === "SELF_ASSESSED")).toBe(true);
    const open = await listOpenRoundsOfTeam(db, await actorFor(db, user.id));
    expect(open.map((r) => r.status)).toEqual(expect.arrayContaining(["SELF_ASSESSED", "LEADER_RATED"]));
  });
});
