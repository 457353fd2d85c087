import { db } from "~/utils/db.server.ts";
import { AccessDeniedError, NotFoundError } from "~/modules/errors.ts";
import { getTeamJourneyCounts, getTeamJourneys, parseTeamJourneyQuery } from "./team.server.ts";
import { actorFor, createPerson, createUnit } from "../../../tests/factories.ts";
import { createScenario } from "../../../tests/factories.ts";
import { createJourney } from "../../../tests/journey-proposal-factories.ts";

const NOW = new Date("2026-12-01T09:00:00Z");
const query = (q: Record<string, string> = {}) => parseTeamJourneyQuery(new URLSearchParams(q));

async function setup() {
  const s = await createScenario(db);
  // A sub-unit of Abteilung A1 with a person of its own (inside the leader's subtree).
  const sachgebiet = await createUnit(db, { parent: s.abteilungA1, type: "SACHGEBIET", name: "Sachgebiet A1.1" });
  const ida = await createPerson(db, { unit: sachgebiet, firstName: "Ida", lastName: "Zander" });
  await db.person.update({ where: { id: s.employee.id }, data: { lastName: "Adler" } });
  await db.person.update({ where: { id: s.colleague.id }, data: { lastName: "Berg" } });
  const emilProposed = await createJourney(db, { personId: s.employee.id, status: "PROPOSED", title: "Schreiben", steps: [{ title: "A" }, { title: "B" }] });
  await db.learningJourney.update({ where: { id: emilProposed.id }, data: { proposedAt: new Date("2026-11-20T10:00:00Z") } });
  const emilDraft = await createJourney(db, { personId: s.employee.id, status: "DRAFT", title: "Entwurf" });
  const claraActive = await createJourney(db, {
    personId: s.colleague.id,
    status: "ACTIVE",
    title: "Digital arbeiten",
    steps: [
      { title: "Erledigt", dueOn: "2026-11-10", status: "DONE" },
      { title: "Überfällig 1", dueOn: "2026-11-15" },
      { title: "Überfällig 2", dueOn: "2026-11-30", status: "IN_PROGRESS" },
      { title: "Übersprungen", dueOn: "2026-11-01", status: "SKIPPED" },
      { title: "Später", dueOn: "2026-12-20" },
    ],
  });
  const claraDone = await createJourney(db, { personId: s.colleague.id, status: "COMPLETED", title: "Einarbeitung", steps: [{ title: "X", status: "DONE" }] });
  const idaAgreed = await createJourney(db, { personId: ida.id, status: "AGREED", title: "Kommunikation", steps: [{ title: "Y", dueOn: "2026-12-15" }] });
  const ottoProposed = await createJourney(db, { personId: s.outsider.id, status: "PROPOSED", title: "Fremd" });
  const ottoActive = await createJourney(db, { personId: s.outsider.id, status: "ACTIVE", title: "Fremd aktiv", steps: [{ title: "Z", dueOn: "2026-11-01" }] });
  const leaderOwn = await createJourney(db, { personId: s.leader.id, status: "PROPOSED", title: "Eigene" });
  const leaderOwnActive = await createJourney(db, { personId: s.leader.id, status: "ACTIVE", title: "Eigene aktiv" });
  return { s, sachgebiet, ida, emilProposed, emilDraft, claraActive, claraDone, idaAgreed, ottoProposed, ottoActive, leaderOwn, leaderOwnActive };
}

describe("getTeamJourneys", () => {
  it("lists pending agreements first, then running journeys by name with progress and overdue steps, only in the led units", async () => {
    const d = await setup();
    const leader = await actorFor(db, d.s.leaderUser.id);
    const view = await getTeamJourneys(db, leader, query(), { now: NOW });
    expect(view.pending.total).toBe(1);
    expect(view.pending.rows).toEqual([expect.objectContaining({ id: d.emilProposed.id, title: "Schreiben", steps: 2, person: expect.objectContaining({ lastName: "Adler" }) })]);
    expect(view.journeys.map((j) => j.id)).toEqual([d.claraActive.id, d.idaAgreed.id]);
    const clara = view.journeys[0]!;
    expect(clara.progress).toMatchObject({ done: 1, total: 4, skipped: 1, percent: 25 });
    expect(clara.overdueCount).toBe(2);
    expect(clara.overdueSteps.map((st) => [st.title, st.dueOn])).toEqual([
      ["Überfällig 1", "2026-11-15"],
      ["Überfällig 2", "2026-11-30"],
    ]);
    expect(view.journeys[1]).toMatchObject({ overdueCount: 0, progress: { done: 0, total: 1, percent: 0 } });
    expect(view.total).toBe(2);
    // Nothing of Otto's (another office), of the leader's own journeys, or drafts.
    const shown = [...view.pending.rows.map((r) => r.id), ...view.journeys.map((j) => j.id)];
    for (const hidden of [d.ottoProposed.id, d.ottoActive.id, d.leaderOwn.id, d.leaderOwnActive.id, d.emilDraft.id, d.claraDone.id]) expect(shown).not.toContain(hidden);
    expect(view.units.map((u) => u.name)).toEqual(expect.arrayContaining(["Amt A", "Abteilung A1", "Sachgebiet A1.1"]));
    expect(view.units.map((u) => u.name)).not.toContain("Amt B");
  });

  it("filters by unit and status, and pages", async () => {
    const d = await setup();
    const leader = await actorFor(db, d.s.leaderUser.id);
    const sub = await getTeamJourneys(db, leader, query({ unit: d.sachgebiet.id }), { now: NOW });
    expect(sub.selectedUnitId).toBe(d.sachgebiet.id);
    expect(sub.pending.total).toBe(0);
    expect(sub.journeys.map((j) => j.id)).toEqual([d.idaAgreed.id]);
    expect((await getTeamJourneys(db, leader, query({ status: "OVERDUE" }), { now: NOW })).journeys.map((j) => j.id)).toEqual([d.claraActive.id]);
    expect((await getTeamJourneys(db, leader, query({ status: "COMPLETED" }), { now: NOW })).journeys.map((j) => j.id)).toEqual([d.claraDone.id]);
    expect((await getTeamJourneys(db, leader, query({ status: "AGREED" }), { now: NOW })).journeys.map((j) => j.id)).toEqual([d.idaAgreed.id]);
    // Bad values fall back to the defaults; a page beyond the last shows the last.
    const fallback = await getTeamJourneys(db, leader, query({ status: "ALLES", page: "99" }), { now: NOW });
    expect(fallback).toMatchObject({ status: "RUNNING", page: 1, pageCount: 1 });

    await expect(getTeamJourneys(db, leader, query({ unit: d.s.amtB.id }), { now: NOW })).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(getTeamJourneys(db, leader, query({ unit: "gibt-es-nicht" }), { now: NOW })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("is for leaders only", async () => {
    const d = await setup();
    await expect(getTeamJourneys(db, await actorFor(db, d.s.employeeUser.id), query(), { now: NOW })).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(getTeamJourneys(db, await actorFor(db, d.s.hrUser.id), query(), { now: NOW })).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(getTeamJourneys(db, await actorFor(db, d.s.adminUser.id), query(), { now: NOW })).rejects.toBeInstanceOf(AccessDeniedError);
  });
});

describe("getTeamJourneyCounts", () => {
  it("counts pending, running and overdue journeys of the led units; null for non-leaders", async () => {
    const d = await setup();
    expect(await getTeamJourneyCounts(db, await actorFor(db, d.s.leaderUser.id), { now: NOW })).toEqual({ pending: 1, running: 2, overdue: 1 });
    expect(await getTeamJourneyCounts(db, await actorFor(db, d.s.employeeUser.id), { now: NOW })).toBeNull();
    expect(await getTeamJourneyCounts(db, await actorFor(db, d.s.hrUser.id), { now: NOW })).toBeNull();
  });
});
