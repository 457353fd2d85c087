import { db } from "~/utils/db.server.ts";
import { AccessDeniedError, NotFoundError } from "~/modules/errors.ts";
import { todayInBerlin } from "~/modules/compliance/days.ts";
import { listUnclosableGapsSummary, proposeJourneyFromGaps, ProposalRefusedError } from "./proposal.server.ts";
import { actorFor, createAccount, createPerson } from "../../../tests/factories.ts";
import { createTraining } from "../../../tests/training-factories.ts";
import { createGapScenario } from "../../../tests/journey-proposal-factories.ts";

const OPTIONS = { validityMonths: 24 };

describe("proposeJourneyFromGaps", () => {
  it("writes a draft with a step per chosen training, its rationale and the unclosable gaps on the CREATED event", async () => {
    const s = await createGapScenario(db);
    const employee = await actorFor(db, s.employeeUser.id);
    // K.1 (essential, 1 → 3): two trainings reach level 3; only the second has a session with free seats.
    const { training: noSeats, session: full } = await createTraining(db, { title: "Schreibwerkstatt kompakt", capacity: 1, competencies: [{ node: s.fw.writing, targetLevel: 3 }] });
    await db.trainingSession.update({ where: { id: full.id }, data: { confirmedCount: 1 } });
    const { training: writing, session } = await createTraining(db, { title: "Schreibwerkstatt", startsInDays: 20, durationMinutes: 480, competencies: [{ node: s.fw.writing, targetLevel: 3 }] });
    // Too low for K.1, and nothing reaches K.2 at level 2.
    await createTraining(db, { title: "Zuhören Einstieg", competencies: [{ node: s.fw.writing, targetLevel: 2 }, { node: s.fw.listening, targetLevel: 1 }] });

    const now = new Date();
    const result = await proposeJourneyFromGaps(db, employee, s.employee.id, { ...OPTIONS, now });
    expect(result).toMatchObject({ access: "own", steps: 1 });

    const journey = await db.learningJourney.findUniqueOrThrow({
      where: { id: result.id },
      include: { phases: { orderBy: { position: "asc" } }, steps: { orderBy: { position: "asc" } }, events: true },
    });
    expect(journey).toMatchObject({ personId: s.employee.id, status: "DRAFT", goalKind: "POSITION_GAPS", startsOn: todayInBerlin(now) });
    expect(journey.phases.map((p) => p.title)).toEqual(["Wesentliche Lücken"]);
    expect(journey.steps).toEqual([
      expect.objectContaining({
        kind: "TRAINING",
        title: "Schreibwerkstatt",
        trainingId: writing.id,
        sessionId: session.id,
        competencyId: s.fw.writing.id,
        lineageId: s.fw.writing.lineageId,
        targetLevel: 3,
        dueOn: todayInBerlin(session.startsAt),
        status: "OPEN",
      }),
    ]);
    expect(journey.steps[0]!.trainingId).not.toBe(noSeats.id);
    expect(journey.steps[0]!.rationale).toContain("weil sie einen Termin mit freien Plätzen hat");
    expect(journey.events).toHaveLength(1);
    const detail = JSON.parse(journey.events[0]!.detail);
    expect(detail).toMatchObject({ status: "DRAFT", unclosableGaps: [{ lineageId: s.fw.listening.lineageId, code: "K.2", name: "Zuhören", required: 2, current: 0, importance: "IMPORTANT" }] });
    expect(await db.auditEvent.count({ where: { action: "journey.propose-from-gaps", entityId: result.id, affectedPersonId: s.employee.id } })).toBe(1);
  });

  it("lets the leader and HR propose for the person, nobody else", async () => {
    const s = await createGapScenario(db);
    await createTraining(db, { competencies: [{ node: s.fw.writing, targetLevel: 3 }, { node: s.fw.listening, targetLevel: 2 }] });
    const leader = await actorFor(db, s.leaderUser.id);
    const hr = await actorFor(db, s.hrUser.id);
    expect((await proposeJourneyFromGaps(db, leader, s.employee.id, OPTIONS)).access).toBe("team");
    const byHr = await proposeJourneyFromGaps(db, hr, s.employee.id, OPTIONS);
    expect(byHr).toMatchObject({ access: "any", steps: 1, unclosable: [] });

    const outsiderUser = await createAccount(db, s.outsider);
    const outsider = await actorFor(db, outsiderUser.id);
    await expect(proposeJourneyFromGaps(db, outsider, s.employee.id, OPTIONS)).rejects.toBeInstanceOf(AccessDeniedError);
    // The employee cannot propose for a colleague; the leader not outside the led units.
    await expect(proposeJourneyFromGaps(db, await actorFor(db, s.employeeUser.id), s.colleague.id, OPTIONS)).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(proposeJourneyFromGaps(db, leader, s.outsider.id, OPTIONS)).rejects.toBeInstanceOf(AccessDeniedError);
    const admin = await actorFor(db, s.adminUser.id);
    await expect(proposeJourneyFromGaps(db, admin, s.employee.id, OPTIONS)).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(proposeJourneyFromGaps(db, hr, "unbekannt", OPTIONS)).rejects.toBeInstanceOf(NotFoundError);
    expect(await db.learningJourney.count({ where: { personId: { in: [s.colleague.id, s.outsider.id] } } })).toBe(0);
  });

  it("refuses without a position profile or without gaps, with a German message key and nothing written", async () => {
    const s = await createGapScenario(db);
    const hr = await actorFor(db, s.hrUser.id);
    // Clara's position has no profile.
    const noProfile = proposeJourneyFromGaps(db, hr, s.colleague.id, OPTIONS);
    await expect(noProfile).rejects.toBeInstanceOf(ProposalRefusedError);
    await expect(noProfile).rejects.toMatchObject({ reason: "noProfile", message: "journeys.proposal.refused.noProfile", status: 400 });
    // Emil reaches every level.
    await db.competencyLevelRecord.createMany({
      data: [
        { personId: s.employee.id, competencyId: s.fw.writing.id, lineageId: s.fw.writing.lineageId, level: 3, source: "AGREED" },
        { personId: s.employee.id, competencyId: s.fw.listening.id, lineageId: s.fw.listening.lineageId, level: 2, source: "AGREED" },
      ],
    });
    await expect(proposeJourneyFromGaps(db, hr, s.employee.id, OPTIONS)).rejects.toMatchObject({ reason: "noGaps" });
    const gone = await createPerson(db, { unit: s.abteilungA1, status: "LEFT" });
    await expect(proposeJourneyFromGaps(db, hr, gone.id, OPTIONS)).rejects.toMatchObject({ reason: "personLeft" });
    expect(await db.learningJourney.count({ where: { personId: { in: [s.employee.id, s.colleague.id, gone.id] } } })).toBe(0);
  });
});

describe("listUnclosableGapsSummary", () => {
  it("counts the gaps without a training by competency over running proposals, for HR only", async () => {
    const s = await createGapScenario(db);
    const hr = await actorFor(db, s.hrUser.id);
    // Nothing closes either gap: K.1 and K.2 unclosable for Emil (twice: two proposals).
    const first = await proposeJourneyFromGaps(db, hr, s.employee.id, OPTIONS);
    await proposeJourneyFromGaps(db, await actorFor(db, s.employeeUser.id), s.employee.id, OPTIONS);
    expect(first.unclosable.map((g) => g.code)).toEqual(["K.1", "K.2"]);

    const mine = (rows: Awaited<ReturnType<typeof listUnclosableGapsSummary>>) => rows.filter((r) => r.lineageId === s.fw.writing.lineageId || r.lineageId === s.fw.listening.lineageId);
    expect(mine(await listUnclosableGapsSummary(db, hr))).toEqual([
      { lineageId: s.fw.writing.lineageId, code: "K.1", name: "Verständlich schreiben", journeys: 2, people: 1, essential: 2, maxRequired: 3 },
      { lineageId: s.fw.listening.lineageId, code: "K.2", name: "Zuhören", journeys: 2, people: 1, essential: 0, maxRequired: 2 },
    ]);

    // A cancelled journey no longer counts; a training that now closes K.1 takes it off the list.
    await db.learningJourney.update({ where: { id: first.id }, data: { status: "CANCELLED" } });
    await createTraining(db, { competencies: [{ node: s.fw.writing, targetLevel: 3 }] });
    expect(mine(await listUnclosableGapsSummary(db, hr))).toEqual([expect.objectContaining({ code: "K.2", journeys: 1, people: 1 })]);

    await expect(listUnclosableGapsSummary(db, await actorFor(db, s.leaderUser.id))).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(listUnclosableGapsSummary(db, await actorFor(db, s.employeeUser.id))).rejects.toBeInstanceOf(AccessDeniedError);
  });
});
