import { addMonths, currentLevel, gapOf } from "./levels.ts";

const at = (iso: string) => new Date(`${iso}T10:00:00.000Z`);
const now = at("2026-11-27");

describe("current level rule", () => {
  it("takes the most recent valid record", () => {
    const result = currentLevel(
      [
        { level: 2, source: "AGREED" as const, recordedAt: at("2025-01-10") },
        { level: 3, source: "LEADER" as const, recordedAt: at("2026-03-01") },
      ],
      now,
      24,
    );
    expect(result).toMatchObject({ level: 3, source: "LEADER", outdated: false });
  });

  it("prefers agreed over evidence over training over leader on the same day", () => {
    const day = "2026-06-01";
    const records = [
      { level: 1, source: "LEADER" as const, recordedAt: new Date(`${day}T15:00:00Z`) },
      { level: 2, source: "TRAINING" as const, recordedAt: new Date(`${day}T14:00:00Z`) },
      { level: 3, source: "EVIDENCE" as const, recordedAt: new Date(`${day}T13:00:00Z`) },
    ];
    expect(currentLevel(records, now, 24)?.source).toBe("EVIDENCE");
    expect(currentLevel([...records, { level: 4, source: "AGREED" as const, recordedAt: new Date(`${day}T09:00:00Z`) }], now, 24)).toMatchObject({ level: 4, source: "AGREED" });
  });

  it("shows the most recent record, marked outdated once past its validity", () => {
    const old = { level: 4, source: "AGREED" as const, recordedAt: at("2023-05-01") };
    const older = { level: 2, source: "AGREED" as const, recordedAt: at("2022-05-01") };
    expect(currentLevel([old, older], now, 24)).toMatchObject({ level: 4, outdated: true });
    expect(currentLevel([old], now, 48)).toMatchObject({ level: 4, outdated: false });
    expect(currentLevel([], now, 24)).toBeNull();
  });

  it("counts validity in whole days, so records of one day expire together", () => {
    const morning = { level: 4, source: "AGREED" as const, recordedAt: new Date("2024-11-27T06:00:00Z") };
    const evening = { level: 1, source: "LEADER" as const, recordedAt: new Date("2024-11-27T20:00:00Z") };
    const justBefore = new Date("2026-11-26T23:59:59Z");
    expect(currentLevel([evening, morning], justBefore, 24)).toMatchObject({ level: 4, outdated: false });
    expect(currentLevel([evening, morning], new Date("2026-11-27T00:00:00Z"), 24)).toMatchObject({ level: 4, outdated: true });
    expect(currentLevel([evening, morning], justBefore, 24)?.validUntil.toISOString()).toBe("2026-11-27T00:00:00.000Z");
  });

  it("computes validity by calendar months and gaps against the target", () => {
    expect(addMonths(at("2024-01-31"), 1).toISOString().slice(0, 10)).toBe("2024-02-29");
    expect(currentLevel([{ level: 2, source: "LEADER" as const, recordedAt: at("2024-11-27") }], now, 24)?.outdated).toBe(true);
    expect(gapOf(3, { level: 1 })).toBe(2);
    expect(gapOf(3, { level: 4 })).toBe(0);
    expect(gapOf(3, null)).toBe(3);
  });
});
