// The feedback part of the demo seed: default questionnaires, requests in every state with their
// receipts, anonymous responses with real distributions over several trainings, sessions and
// months, one session below the minimum group, and the demo accounts' pending requests.
import type { Db } from "~/utils/db.server.ts";
import { seedDemo } from "~/modules/seed/seed.server.ts";
import { DEMO_EMAILS } from "~/modules/seed/generator.ts";
import { SMALL_SESSION_CODE, SMALL_SESSION_RESPONSES } from "~/modules/seed/feedback-seed.server.ts";
import { DEFAULT_CODES } from "~/modules/feedback/defaults.ts";
import { getEnv } from "~/utils/env.server.ts";
import { emptyDatabase } from "../setup/empty-database.ts";

let db: Db;
let drop: () => Promise<void>;
let seeded: Awaited<ReturnType<typeof seedDemo>>;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

beforeAll(async () => {
  ({ db, drop } = await emptyDatabase());
  seeded = await seedDemo(db);
}, 300_000);

afterAll(async () => {
  await drop?.();
});

describe("feedback seed", () => {
  it("writes the defaults, requests in every state, a receipt per answer and one response per receipt", async () => {
    expect(await db.questionnaire.count({ where: { code: { in: Object.values(DEFAULT_CODES) } } })).toBe(3);
    expect(await db.feedbackRequest.count()).toBe(seeded.feedback.requests);
    const byStatus = await db.feedbackRequest.groupBy({ by: ["kind", "status"], _count: { _all: true } });
    for (const kind of ["IMMEDIATE", "TRANSFER_PARTICIPANT", "TRANSFER_LEADER"] as const) {
      for (const status of ["PENDING", "ANSWERED", "EXPIRED"] as const) {
        expect(byStatus.find((g) => g.kind === kind && g.status === status)?._count._all ?? 0).toBeGreaterThan(0);
      }
    }
    const answered = await db.feedbackRequest.findMany({ where: { status: "ANSWERED" }, select: { id: true } });
    const receipts = await db.feedbackReceipt.findMany();
    expect(new Set(receipts.map((r) => r.requestId))).toEqual(new Set(answered.map((r) => r.id)));
    expect(await db.feedbackResponse.count()).toBe(answered.length);
    expect(seeded.feedback.answered).toBe(answered.length);
    // Level records of the earlier sessions are part of the totals.
    expect(seeded.assessment.records).toBe(await db.competencyLevelRecord.count());
  });

  it("stores responses without any link to a person or request", async () => {
    const responses = await db.feedbackResponse.findMany();
    const people = new Set((await db.person.findMany({ select: { id: true } })).map((p) => p.id));
    const requests = new Set((await db.feedbackRequest.findMany({ select: { id: true } })).map((r) => r.id));
    for (const r of responses) {
      expect(Object.keys(r).sort()).toEqual(["id", "kind", "period", "provider", "questionnaireId", "sessionId", "trainingId", "unitPath"]);
      expect(r.id).toMatch(UUID);
      expect(people.has(r.id) || requests.has(r.id)).toBe(false);
      expect(r.period).toMatch(/^\d{4}-\d{2}$/);
      expect(r.unitPath.startsWith("/")).toBe(true);
    }
    // No answer's text names a person.
    const texts = await db.feedbackAnswer.findMany({ where: { text: { not: null } }, select: { text: true } });
    expect(texts.length).toBeGreaterThan(5);
    const names = await db.person.findMany({ select: { lastName: true } });
    const lastNames = new Set(names.map((n) => n.lastName));
    expect(texts.some((t) => [...lastNames].some((n) => t.text!.includes(n)))).toBe(false);
  });

  it("gives several trainings real distributions over sessions and months", async () => {
    const perTraining = await db.feedbackResponse.groupBy({ by: ["trainingId"], where: { kind: "IMMEDIATE" }, _count: { _all: true } });
    expect(perTraining.filter((g) => g._count._all >= 10 && g._count._all <= 45).length).toBeGreaterThanOrEqual(4);
    const periods = await db.feedbackResponse.groupBy({ by: ["trainingId", "period"], where: { kind: "IMMEDIATE" }, _count: { _all: true } });
    const periodsPerTraining = new Map<string, number>();
    for (const p of periods) periodsPerTraining.set(p.trainingId, (periodsPerTraining.get(p.trainingId) ?? 0) + 1);
    expect(Math.max(...periodsPerTraining.values())).toBeGreaterThanOrEqual(3);
    // Scale answers spread over the scale, NPS answers over promoters and detractors.
    const nps = await db.feedbackAnswer.findMany({ where: { item: { key: "recommendation" } }, select: { value: true } });
    expect(nps.some((a) => a.value! >= 9)).toBe(true);
    expect(nps.some((a) => a.value! <= 6)).toBe(true);
    const applied = await db.feedbackAnswer.findMany({ where: { item: { key: "applied" } }, select: { choices: true } });
    expect(new Set(applied.map((a) => JSON.parse(a.choices!)[0]))).toEqual(new Set(["yes", "partly", "no"]));
    expect(await db.feedbackAnswer.count({ where: { item: { key: "barriers" } } })).toBeGreaterThan(10);
    expect(await db.feedbackLearningGain.count()).toBeGreaterThan(50);
    // Trainings differ: the mean of the first scale item is not the same everywhere.
    const means = await db.feedbackAnswer.groupBy({ by: ["itemId"], where: { item: { type: "SCALE5", position: 0 } }, _avg: { value: true } });
    expect(means.length).toBeGreaterThan(0);
  });

  it("leaves one session below the minimum group", async () => {
    const training = await db.training.findFirstOrThrow({ where: { code: SMALL_SESSION_CODE } });
    const responses = await db.feedbackResponse.findMany({ where: { trainingId: training.id } });
    expect(responses).toHaveLength(SMALL_SESSION_RESPONSES);
    expect(new Set(responses.map((r) => r.sessionId)).size).toBe(1);
    expect(SMALL_SESSION_RESPONSES).toBeLessThan(getEnv().FEEDBACK_MIN_GROUP);
  });

  it("gives the demo employee a pending feedback request with a notification and a later transfer check", async () => {
    const now = new Date();
    const user = await db.user.findUniqueOrThrow({ where: { email: DEMO_EMAILS.employee } });
    const requests = await db.feedbackRequest.findMany({ where: { personId: user.personId! } });
    const immediate = requests.find((r) => r.kind === "IMMEDIATE")!;
    expect(immediate.status).toBe("PENDING");
    expect(immediate.notifiedAt).not.toBeNull();
    expect(immediate.availableFrom.getTime()).toBeLessThanOrEqual(now.getTime());
    expect(immediate.expiresAt.getTime()).toBeGreaterThan(now.getTime());
    const transfer = requests.find((r) => r.kind === "TRANSFER_PARTICIPANT")!;
    expect(transfer.status).toBe("PENDING");
    expect(transfer.completionId).toBe(immediate.completionId);
    expect(transfer.availableFrom.getTime()).toBeGreaterThan(now.getTime());
    expect(await db.notification.count({ where: { personId: user.personId!, kind: "feedback.requested", link: `/feedback/${immediate.id}` } })).toBe(1);
  });

  it("gives the demo leader a pending transfer check about a team member and a pending level proposal", async () => {
    const now = new Date();
    const user = await db.user.findUniqueOrThrow({ where: { email: DEMO_EMAILS.leader }, include: { person: { include: { orgUnit: true } } } });
    const leaderUnits = await db.orgUnit.findMany({ where: { leaderId: user.personId! } });
    const pending = await db.feedbackRequest.findMany({
      where: { personId: user.personId!, kind: "TRANSFER_LEADER", status: "PENDING", availableFrom: { lte: now } },
    });
    expect(pending).toHaveLength(1);
    const subject = await db.person.findUniqueOrThrow({ where: { id: pending[0]!.subjectPersonId! }, include: { orgUnit: true } });
    expect(leaderUnits.some((u) => subject.orgUnit!.path.startsWith(u.path))).toBe(true);
    const proposals = await db.levelUpdateProposal.findMany({ where: { status: "PENDING" }, include: { person: { include: { orgUnit: true } } } });
    expect(proposals.length).toBeGreaterThanOrEqual(1);
    expect(proposals.some((p) => leaderUnits.some((u) => p.person.orgUnit!.path.startsWith(u.path)))).toBe(true);
    // One request per completion, kind and person (the unique key), never more.
    const all = await db.feedbackRequest.findMany({ select: { completionId: true, kind: true, personId: true } });
    expect(new Set(all.map((r) => `${r.completionId}|${r.kind}|${r.personId}`)).size).toBe(all.length);
  });
});
