// Default questionnaires: created once by code (idempotent), ids by kind, item keys as the reports expect.
import { db } from "~/utils/db.server.ts";
import { DEFAULT_CODES, DEFAULT_QUESTIONNAIRES, ensureDefaultQuestionnaires } from "./defaults.ts";

describe("ensureDefaultQuestionnaires", () => {
  it("creates the three defaults once and returns their ids by kind", async () => {
    const first = await ensureDefaultQuestionnaires(db);
    const second = await db.$transaction((tx) => ensureDefaultQuestionnaires(tx));
    expect(second).toEqual(first);
    const rows = await db.questionnaire.findMany({
      where: { code: { in: Object.values(DEFAULT_CODES) } },
      include: { items: { orderBy: { position: "asc" } } },
    });
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      expect(first[row.kind]).toBe(row.id);
      const def = DEFAULT_QUESTIONNAIRES.find((d) => d.code === row.code)!;
      expect(row.items.map((i) => i.key)).toEqual(def.items.map((i) => i.key));
    }
    const immediate = rows.find((r) => r.code === DEFAULT_CODES.IMMEDIATE)!;
    expect(immediate.learningGain).toBe(true);
    expect(immediate.items.find((i) => i.key === "recommendation")?.type).toBe("NPS");
    const transfer = rows.find((r) => r.code === DEFAULT_CODES.TRANSFER_PARTICIPANT)!;
    const applied = transfer.items.find((i) => i.key === "applied")!;
    expect(JSON.parse(applied.options).map((o: { value: string }) => o.value)).toEqual(["yes", "partly", "no"]);
    expect(transfer.items.every((i) => i.level === "TRANSFER")).toBe(true);
  });

  it("leaves an edited default alone", async () => {
    const ids = await ensureDefaultQuestionnaires(db);
    await db.questionnaire.update({ where: { id: ids.IMMEDIATE }, data: { title: "Geänderter Titel" } });
    const again = await ensureDefaultQuestionnaires(db);
    expect(again.IMMEDIATE).toBe(ids.IMMEDIATE);
    expect((await db.questionnaire.findUniqueOrThrow({ where: { id: ids.IMMEDIATE } })).title).toBe("Geänderter Titel");
  });
});
