import { db } from "~/utils/db.server.ts";
import { AccessDeniedError } from "~/modules/errors.ts";
import { getEvaluationOverview, getSessionReport, getTeamEvaluation, getTrainingReport, parsePeriodRange, type GroupReport, type TrainingReport } from "./reports.server.ts";
import { actorFor, createAccount, createPerson, createScenario } from "../../../tests/factories.ts";
import { createTraining } from "../../../tests/training-factories.ts";
import { addRequests, addResponses, addSession, createQuestionnaires, immediateAnswers } from "../../../tests/evaluation-factories.ts";

const NOW = new Date("2026-11-27T10:00:00Z");
const shown = (g: GroupReport) => {
  if (g.suppressed) throw new Error("suppressed");
  return g;
};
const item = (r: TrainingReport, key: string, kind: "IMMEDIATE" | "TRANSFER_PARTICIPANT" = "IMMEDIATE") => shown(r.groups[kind]).items.find((i) => i.key === key || i.text === key)!;

async function world() {
  const s = await createScenario(db);
  const q = await createQuestionnaires(db);
  const { training, session: big } = await createTraining(db, { title: `Wirksam ${Math.random().toString(36).slice(2, 7)}` });
  await db.training.update({ where: { id: training.id }, data: { provider: "Akademie Test" } });
  const small = await addSession(db, training.id);
  const third = await addSession(db, training.id, { startsAt: new Date("2026-10-01T07:00:00Z") });
  const hr = await actorFor(db, s.hrUser.id);
  return { s, q, training, big, small, third, hr };
}

describe("training report", () => {
  it("computes response rate from requests, means, top-2-box, NPS and distributions on hand-made data", async () => {
    const w = await world();
    // 10 responses: relevance 5,5,5,4,4,4,3,3,2,1; recommendation 10,10,9,9,8,7,6,5,3,0 → 4 promoters, 4 detractors → 0.
    const rel = [5, 5, 5, 4, 4, 4, 3, 3, 2, 1];
    const rec = [10, 10, 9, 9, 8, 7, 6, 5, 3, 0];
    await addResponses(db, w.q.immediate, { trainingId: w.training.id, sessionId: w.big.id, answers: rel.map((v, i) => ({ relevance: v, trainer: 4, recommendation: rec[i], best: `Text ${String.fromCharCode(106 - i)}` })) });
    await addRequests(db, { trainingId: w.training.id, sessionId: w.big.id, questionnaireId: w.q.immediate.id, kind: "IMMEDIATE", personIds: [w.s.employee.id, w.s.colleague.id, w.s.outsider.id], statuses: { ANSWERED: 10, PENDING: 3, EXPIRED: 2 } });
    // Not yet sent: does not count.
    await addRequests(db, { trainingId: w.training.id, sessionId: w.big.id, questionnaireId: w.q.immediate.id, kind: "IMMEDIATE", personIds: [w.s.leader.id], statuses: { PENDING: 4 }, availableFrom: new Date("2027-01-01T00:00:00Z") });

    const r = await getTrainingReport(db, w.hr, w.training.id, { from: null, to: null }, { now: NOW, minGroup: 5 });
    const g = shown(r.groups.IMMEDIATE);
    expect(g.responses).toBe(10);
    expect(g.requests).toEqual({ sent: 15, answered: 10, rate: 10 / 15 });
    const relevance = item(r, "Die Inhalte sind relevant.");
    if (relevance.stats.suppressed) throw new Error("suppressed");
    expect(relevance.stats.mean).toBeCloseTo(3.6);
    expect(relevance.stats.topTwoBox).toBeCloseTo(0.6);
    expect(relevance.stats.distribution.map((d) => d.count)).toEqual([1, 1, 2, 3, 3]);
    expect(g.nps).toBeCloseTo(0);
    const best = item(r, "best");
    if (best.stats.suppressed) throw new Error("suppressed");
    expect(best.stats.texts).toEqual(["Text a", "Text b", "Text c", "Text d", "Text e", "Text f", "Text g", "Text h", "Text i", "Text j"]);
    expect(r.groups.TRANSFER_PARTICIPANT).toEqual({ suppressed: true });
  });

  it("transfer rate and top barriers of the transfer check", async () => {
    const w = await world();
    const applied = ["yes", "yes", "partly", "no", "no", "partly"];
    await addResponses(db, w.q.participant, {
      trainingId: w.training.id,
      sessionId: w.big.id,
      answers: applied.map((a, i) => ({ applied: [a], support: 3, barriers: i < 4 ? ["no_time"] : i < 5 ? ["technology", "no_time"] : ["technology"] })),
    });
    const r = await getTrainingReport(db, w.hr, w.training.id, { from: null, to: null }, { now: NOW, minGroup: 5 });
    const g = shown(r.groups.TRANSFER_PARTICIPANT);
    expect(g.transferRate).toBeCloseTo(4 / 6);
    expect(g.barriers.map((b) => [b.value, b.count])).toEqual([
      ["no_time", 5],
      ["technology", 2],
    ]);
  });

  it("suppresses a group of four entirely: no count, no mean, no texts; the comparison shows the session without numbers", async () => {
    const w = await world();
    await addResponses(db, w.q.immediate, { trainingId: w.training.id, sessionId: w.small.id, answers: immediateAnswers(4, { scale: 1, best: (i) => `Geheimnis ${i}` }) });
    const session = await getSessionReport(db, w.hr, w.small.id, { now: NOW, minGroup: 5 });
    expect(session.groups.IMMEDIATE).toEqual({ suppressed: true });
    expect(session.trend.every((p) => p.cells.IMMEDIATE.suppressed)).toBe(true);
    const text = JSON.stringify(session);
    expect(text).not.toContain("Geheimnis");
    expect(text).not.toMatch(/"responses":4|"answered"|"mean"/);
    const training = await getTrainingReport(db, w.hr, w.training.id, { from: null, to: null }, { now: NOW, minGroup: 5 });
    expect(training.groups.IMMEDIATE).toEqual({ suppressed: true });
    expect(JSON.stringify(training)).not.toContain("Geheimnis");
  });

  it("shows a group of exactly the minimum, and hides a group of six when the minimum is raised to seven", async () => {
    const w = await world();
    await addResponses(db, w.q.immediate, { trainingId: w.training.id, sessionId: w.big.id, answers: immediateAnswers(5, { best: (i) => `Gut ${i}` }) });
    const five = await getSessionReport(db, w.hr, w.big.id, { now: NOW, minGroup: 5 });
    expect(shown(five.groups.IMMEDIATE).responses).toBe(5);
    expect(JSON.stringify(five)).toContain("Gut 0");
    await addResponses(db, w.q.immediate, { trainingId: w.training.id, sessionId: w.big.id, answers: immediateAnswers(1) });
    const seven = await getSessionReport(db, w.hr, w.big.id, { now: NOW, minGroup: 7 });
    expect(seven.groups.IMMEDIATE).toEqual({ suppressed: true });
    expect(JSON.stringify(seven)).not.toContain("Gut 0");
    // A configured value below five is lifted to five.
    const three = await getTrainingReport(db, w.hr, w.training.id, { from: null, to: null }, { now: NOW, minGroup: 3 });
    expect(three.minGroup).toBe(5);
  });

  it("compares sessions: one small session next to a shown total takes the smallest other session with it", async () => {
    const w = await world();
    await addResponses(db, w.q.immediate, { trainingId: w.training.id, sessionId: w.big.id, answers: immediateAnswers(9) });
    await addResponses(db, w.q.immediate, { trainingId: w.training.id, sessionId: w.third.id, answers: immediateAnswers(6) });
    await addResponses(db, w.q.immediate, { trainingId: w.training.id, sessionId: w.small.id, answers: immediateAnswers(3, { scale: 1, recommendation: 0 }) });
    const r = await getTrainingReport(db, w.hr, w.training.id, { from: null, to: null }, { now: NOW, minGroup: 5 });
    expect(shown(r.groups.IMMEDIATE).responses).toBe(18);
    const cellOf = (id: string) => r.comparison.find((c) => c.session?.id === id)!.cells.IMMEDIATE;
    expect(cellOf(w.big.id)).toMatchObject({ suppressed: false, responses: 9, nps: 100 });
    expect(cellOf(w.third.id)).toEqual({ suppressed: true });
    expect(cellOf(w.small.id)).toEqual({ suppressed: true });
    // The session page follows the same rule: the session of six is not shown on its own either.
    expect((await getSessionReport(db, w.hr, w.third.id, { now: NOW, minGroup: 5 })).groups.IMMEDIATE).toEqual({ suppressed: true });
  });

  it("period filter and trend: a month under the minimum is suppressed, and a filter leaving out a small rest is too", async () => {
    const w = await world();
    await addResponses(db, w.q.immediate, { trainingId: w.training.id, sessionId: w.big.id, period: "2026-08", answers: immediateAnswers(6) });
    await addResponses(db, w.q.immediate, { trainingId: w.training.id, sessionId: w.big.id, period: "2026-09", answers: immediateAnswers(7) });
    await addResponses(db, w.q.immediate, { trainingId: w.training.id, sessionId: w.third.id, period: "2026-10", answers: immediateAnswers(2) });
    const all = await getTrainingReport(db, w.hr, w.training.id, { from: null, to: null }, { now: NOW, minGroup: 5 });
    expect(all.periods).toEqual(["2026-08", "2026-09", "2026-10"]);
    const cells = all.trend.map((p) => p.cells.IMMEDIATE);
    // October (2) is small; August (6) goes with it so that total minus September tells nothing about October alone.
    expect(cells.map((c) => c.suppressed)).toEqual([true, false, true]);
    // August–September leaves out October's two responses: suppressed; August–October is everything.
    const augSep = await getTrainingReport(db, w.hr, w.training.id, parsePeriodRange("2026-08", "2026-09"), { now: NOW, minGroup: 5 });
    expect(augSep.groups.IMMEDIATE).toEqual({ suppressed: true });
    const augOct = await getTrainingReport(db, w.hr, w.training.id, parsePeriodRange("2026-08", "2026-10"), { now: NOW, minGroup: 5 });
    expect(shown(augOct.groups.IMMEDIATE).responses).toBe(15);
    expect(() => parsePeriodRange("2026-13", null)).toThrow();
  });

  it("learning gain: mean before and after per competency, only with enough ratings", async () => {
    const w = await world();
    const gains = Array.from({ length: 6 }, (_, i) => [
      { lineageId: "lin-a", before: 1, after: 3 },
      ...(i < 3 ? [{ lineageId: "lin-b", before: 2, after: 2 }] : []),
    ]);
    await addResponses(db, w.q.immediate, { trainingId: w.training.id, sessionId: w.big.id, answers: immediateAnswers(6), gains });
    const r = await getTrainingReport(db, w.hr, w.training.id, { from: null, to: null }, { now: NOW, minGroup: 5 });
    const lg = shown(r.groups.IMMEDIATE).learningGain;
    expect(lg).toHaveLength(1);
    expect(lg[0]).toMatchObject({ lineageId: "lin-a", before: 1, after: 3, answered: 6 });
  });

  it("only HR reads training reports; a session's report also its own trainer", async () => {
    const w = await world();
    const trainerPerson = await createPerson(db, { unit: w.s.amtB, firstName: "Tina" });
    const otherTrainer = await createPerson(db, { unit: w.s.amtB, firstName: "Theo" });
    const trainer = await actorFor(db, (await createAccount(db, trainerPerson)).id);
    const other = await actorFor(db, (await createAccount(db, otherTrainer)).id);
    const mine = await addSession(db, w.training.id, { trainerPersonId: trainerPerson.id });
    await addResponses(db, w.q.immediate, { trainingId: w.training.id, sessionId: mine.id, answers: immediateAnswers(5) });
    await expect(getTrainingReport(db, trainer, w.training.id, { from: null, to: null })).rejects.toBeInstanceOf(AccessDeniedError);
    expect(shown((await getSessionReport(db, trainer, mine.id, { now: NOW, minGroup: 5 })).groups.IMMEDIATE).responses).toBe(5);
    await expect(getSessionReport(db, other, mine.id)).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(getSessionReport(db, await actorFor(db, w.s.employeeUser.id), mine.id)).rejects.toBeInstanceOf(AccessDeniedError);
  });
});

describe("HR overview", () => {
  it("lists trainings with responses, response rate, NPS and transfer rate, and per provider and period", async () => {
    const w = await world();
    const provider = `Anbieter ${Math.random().toString(36).slice(2, 7)}`;
    // Requests carry no provider: they count by the training's current provider.
    await db.training.update({ where: { id: w.training.id }, data: { provider } });
    await addResponses(db, w.q.immediate, { trainingId: w.training.id, sessionId: w.big.id, provider, answers: immediateAnswers(6, { recommendation: 10 }) });
    await addResponses(db, w.q.participant, { trainingId: w.training.id, sessionId: w.big.id, provider, answers: Array.from({ length: 5 }, (_, i) => ({ applied: [i < 4 ? "yes" : "no"] })) });
    await addRequests(db, { trainingId: w.training.id, sessionId: w.big.id, questionnaireId: w.q.immediate.id, kind: "IMMEDIATE", personIds: [w.s.employee.id], statuses: { ANSWERED: 6, EXPIRED: 2 } });
    const { training: tiny } = await createTraining(db, { title: "Klein" });
    await addResponses(db, w.q.immediate, { trainingId: tiny.id, provider, answers: immediateAnswers(3) });
    const { training: middle } = await createTraining(db, { title: "Mittel" });
    await addResponses(db, w.q.immediate, { trainingId: middle.id, provider, answers: immediateAnswers(5) });

    const o = await getEvaluationOverview(db, w.hr, { provider, from: null, to: null }, { now: NOW, minGroup: 5 });
    const row = o.trainings.find((t) => t.training.id === w.training.id)!;
    expect(row.cells.IMMEDIATE).toMatchObject({ suppressed: false, responses: 6, nps: 100, requests: { sent: 8, answered: 6 } });
    expect(row.cells.TRANSFER_PARTICIPANT).toMatchObject({ suppressed: false, responses: 5, transferRate: 0.8 });
    // The small training is listed without numbers, and since the provider's total is shown the
    // smallest shown training (five) goes with it: 6 + 5 + 3 = 14, so 14 − 6 reveals eight, not three.
    expect(o.trainings.find((t) => t.training.id === tiny.id)!.cells.IMMEDIATE).toEqual({ suppressed: true });
    expect(o.trainings.find((t) => t.training.id === middle.id)!.cells.IMMEDIATE).toEqual({ suppressed: true });
    expect(o.byProvider.find((p) => p.key === provider)!.cells.IMMEDIATE).toMatchObject({ suppressed: false, responses: 14 });
    expect(o.providers).toContain(provider);
    await expect(getEvaluationOverview(db, await actorFor(db, w.s.employeeUser.id), { provider: null, from: null, to: null })).rejects.toBeInstanceOf(AccessDeniedError);
  });
});

describe("HR overview filters", () => {
  it("suppresses a filtered row whose left-out rest is a small group", async () => {
    const w = await world();
    const provider = `Anbieter ${Math.random().toString(36).slice(2, 7)}`;
    await addResponses(db, w.q.immediate, { trainingId: w.training.id, provider, period: "2026-09", answers: immediateAnswers(10) });
    await addResponses(db, w.q.immediate, { trainingId: w.training.id, provider, period: "2026-10", answers: immediateAnswers(3, { recommendation: 0 }) });
    const september = await getEvaluationOverview(db, w.hr, { provider, from: "2026-09", to: "2026-09" }, { now: NOW, minGroup: 5 });
    // Unfiltered the training has 13; September alone 10 would reveal October's three.
    expect(september.trainings.find((t) => t.training.id === w.training.id)!.cells.IMMEDIATE).toEqual({ suppressed: true });
    expect(september.byProvider.find((p) => p.key === provider)!.cells.IMMEDIATE).toEqual({ suppressed: true });
    const all = await getEvaluationOverview(db, w.hr, { provider, from: null, to: null }, { now: NOW, minGroup: 5 });
    expect(all.trainings.find((t) => t.training.id === w.training.id)!.cells.IMMEDIATE).toMatchObject({ suppressed: false, responses: 13 });
  });
});

describe("leaders' team view", () => {
  it("aggregates transfer results of the led units only, and only for large enough groups", async () => {
    const w = await world();
    const leader = await actorFor(db, w.s.leaderUser.id);
    const inside = w.s.abteilungA1.path;
    const outside = w.s.amtB.path;
    await addResponses(db, w.q.participant, { trainingId: w.training.id, unitPath: inside, answers: Array.from({ length: 5 }, (_, i) => ({ applied: [i < 2 ? "yes" : "no"], support: 4, barriers: ["no_time"] })) });
    await addResponses(db, w.q.leader, { trainingId: w.training.id, unitPath: inside, answers: Array.from({ length: 2 }, () => ({ applied: ["yes"] })) });
    // Outside the led units: must never count.
    await addResponses(db, w.q.participant, { trainingId: w.training.id, unitPath: outside, answers: Array.from({ length: 20 }, () => ({ applied: ["yes"], support: 1 })) });
    const { training: other } = await createTraining(db, { title: "Nur draußen" });
    await addResponses(db, w.q.participant, { trainingId: other.id, unitPath: outside, answers: Array.from({ length: 8 }, () => ({ applied: ["yes"] })) });

    const team = await getTeamEvaluation(db, leader, { minGroup: 5 });
    expect(team.trainings.map((t) => t.training.id)).toEqual([w.training.id]);
    const row = team.trainings[0]!;
    expect(row.participant).toMatchObject({ suppressed: false, responses: 5, transferRate: 0.4, supportMean: 4 });
    expect(row.leader).toEqual({ suppressed: true });
    await expect(getTeamEvaluation(db, await actorFor(db, w.s.employeeUser.id))).rejects.toBeInstanceOf(AccessDeniedError);
  });
});
