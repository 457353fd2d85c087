import { db } from "~/utils/db.server.ts";
import { AccessDeniedError } from "~/modules/errors.ts";
import { upsertPositionRequirement } from "~/modules/competency/profiles.server.ts";
import { getOrganisationGaps, MIN_GROUP } from "./organisation.server.ts";
import { recordLevels } from "./level-records.server.ts";
import { refreshGapReport } from "./gap-report.server.ts";
import { organisationGapsCsv, organisationGapsXlsx } from "./organisation-export.server.ts";
import { actorFor, createPerson, createScenario, createUnit } from "../../../tests/factories.ts";
import { createPublishedFramework } from "../../../tests/competency-factories.ts";

describe("organisation-wide gaps", () => {
  it("aggregates by sub-unit and merges groups below the minimum size", async () => {
    const s = await createScenario(db);
    const hr = await actorFor(db, s.hrUser.id);
    const fw = await createPublishedFramework(db);
    const root = await createUnit(db, { type: "DEZERNAT", name: "Dezernat Test" });
    const big = await createUnit(db, { parent: root, type: "AMT", name: "Großes Amt" });
    const small = await createUnit(db, { parent: root, type: "AMT", name: "Kleines Amt" });
    const tiny = await createUnit(db, { parent: root, type: "AMT", name: "Winziges Amt" });
    const people: Awaited<ReturnType<typeof createPerson>>[] = [];
    for (let i = 0; i < 6; i++) people.push(await createPerson(db, { unit: big }));
    for (let i = 0; i < 3; i++) people.push(await createPerson(db, { unit: small }));
    for (let i = 0; i < 2; i++) people.push(await createPerson(db, { unit: tiny }));
    for (const p of people) await upsertPositionRequirement(db, hr, p.position.id, { competencyId: fw.writing.id, targetLevel: 2, importance: "ESSENTIAL" });
    // Two people in the big Amt already meet the target.
    await db.$transaction((tx) =>
      recordLevels(
        tx,
        people.slice(0, 2).map((p) => ({ personId: p.id, competencyId: fw.writing.id, lineageId: fw.writing.lineageId, level: 3, source: "AGREED" as const })),
      ),
    );
    // The view reads the latest stored report; on a shared database (PostgreSQL test run) another
    // test may have made one before this data existed, so compute it now.
    await refreshGapReport(db);
    const result = await getOrganisationGaps(db, hr, { unitId: root.id }, { validityMonths: 24 });
    expect(result.columns.map((c) => c.label || c.id)).toEqual([`${big.code} Großes Amt`, "__rest"]);
    expect(result.columns[1]!.size).toBe(5);
    const row = result.rows.find((r) => r.competency.code === "K.1")!;
    expect(row.total).toEqual({ required: 11, below: 9, averageGap: 1.64 });
    expect(row.cells[0]).toEqual({ required: 6, below: 4, averageGap: 1.33 });
    expect(row.cells[1]).toEqual({ required: 5, below: 5, averageGap: 2 });

    // The report is as of its last run: a new agreement shows after the next refresh.
    const moved = people[2]!;
    await db.$transaction((tx) => recordLevels(tx, [{ personId: moved.id, competencyId: fw.writing.id, lineageId: fw.writing.lineageId, level: 2, source: "AGREED" as const }]));
    const stale = await getOrganisationGaps(db, hr, { unitId: root.id }, { validityMonths: 24 });
    // (On the shared PostgreSQL test database another file may refresh it meanwhile.)
    if (stale.computedAt.getTime() === result.computedAt.getTime()) expect(stale.rows.find((r) => r.competency.code === "K.1")!.total.below).toBe(9);
    await refreshGapReport(db);
    const fresh = await getOrganisationGaps(db, hr, { unitId: root.id }, { validityMonths: 24 });
    expect(fresh.rows.find((r) => r.competency.code === "K.1")!.cells[0]).toEqual({ required: 6, below: 3, averageGap: 1 });
    expect(fresh.computedAt.getTime()).toBeGreaterThanOrEqual(result.computedAt.getTime());

    // Inside the small Amt (3 people) nothing is shown on its own.
    const inner = await getOrganisationGaps(db, hr, { unitId: small.id }, { validityMonths: 24 });
    expect(inner.tooSmall).toBe(true);
    expect(MIN_GROUP).toBe(5);

    const csv = organisationGapsCsv(result, "Übrige");
    expect(csv).toContain("Übrige: unter Ziel");
    expect(csv.split("\n")[1]).toContain("K.1;Verständlich schreiben;11;9;1.64;6;4;1.33;5;5;2");
    const xlsx = await organisationGapsXlsx(result, "Übrige", "Test");
    expect(xlsx.subarray(0, 2).toString()).toBe("PK"); // a zip container
  });

  it("is for HR development only", async () => {
    const s = await createScenario(db);
    for (const user of [s.employeeUser, s.leaderUser, s.adminUser]) {
      await expect(getOrganisationGaps(db, await actorFor(db, user.id), {}, { validityMonths: 24 })).rejects.toBeInstanceOf(AccessDeniedError);
    }
  });
});
