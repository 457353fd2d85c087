import { db } from "~/utils/db.server.ts";
import { recordLevels } from "./level-records.server.ts";
import { currentLevel, type LevelSourceValue } from "./levels.ts";
import { createPerson, createUnit } from "../../../tests/factories.ts";
import { createPublishedFramework } from "../../../tests/competency-factories.ts";

describe("recordLevels", () => {
  it("keeps the current-level snapshot equal to the rule over the whole history", async () => {
    const unit = await createUnit(db);
    const person = await createPerson(db, { unit });
    const fw = await createPublishedFramework(db);
    const base = { personId: person.id, competencyId: fw.writing.id, lineageId: fw.writing.lineageId };
    const snapshot = () => db.currentCompetencyLevel.findUnique({ where: { personId_lineageId: { personId: person.id, lineageId: fw.writing.lineageId } } });
    const write = (level: number, source: LevelSourceValue, iso: string) => db.$transaction((tx) => recordLevels(tx, [{ ...base, level, source, recordedAt: new Date(iso) }]));

    await write(2, "LEADER", "2026-03-01T10:00:00Z");
    expect(await snapshot()).toMatchObject({ level: 2, source: "LEADER" });
    // An older record added later does not win.
    await write(4, "AGREED", "2025-01-01T10:00:00Z");
    expect(await snapshot()).toMatchObject({ level: 2, source: "LEADER" });
    // Same day: the agreed level beats the leader's rating even when it was recorded earlier.
    await write(3, "AGREED", "2026-03-01T08:00:00Z");
    expect(await snapshot()).toMatchObject({ level: 3, source: "AGREED" });
    await write(1, "LEADER", "2026-03-01T18:00:00Z");
    expect(await snapshot()).toMatchObject({ level: 3, source: "AGREED" });
    // A newer day wins whatever the source.
    await write(2, "TRAINING", "2026-05-02T09:00:00Z");

    const history = await db.competencyLevelRecord.findMany({ where: { personId: person.id } });
    expect(history).toHaveLength(5);
    const byRule = currentLevel(history.map((r) => ({ ...r, source: r.source as LevelSourceValue })), new Date("2026-11-27"), 24)!;
    const snap = await snapshot();
    expect(snap).toMatchObject({ level: 2, source: "TRAINING", recordId: byRule.record.id });
  });

  it("writes nothing when the transaction fails", async () => {
    const unit = await createUnit(db);
    const person = await createPerson(db, { unit });
    const fw = await createPublishedFramework(db);
    await expect(
      db.$transaction(async (tx) => {
        await recordLevels(tx, [{ personId: person.id, competencyId: fw.writing.id, lineageId: fw.writing.lineageId, level: 2, source: "AGREED" }]);
        throw new Error("later step failed");
      }),
    ).rejects.toThrow("later step failed");
    expect(await db.competencyLevelRecord.count({ where: { personId: person.id } })).toBe(0);
    expect(await db.currentCompetencyLevel.count({ where: { personId: person.id } })).toBe(0);
  });
});
