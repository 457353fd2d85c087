import { effectiveMinGroup, filteredGroupVisible, gate, protectPartition, releasableTexts } from "./anonymity.ts";
import { countChoices, mean, monthsBetween, npsOf, topTwoBox, transferRate } from "./report-math.ts";

describe("anonymity rules", () => {
  it("never goes below five", () => {
    expect(effectiveMinGroup(3)).toBe(5);
    expect(effectiveMinGroup(7)).toBe(7);
    expect(effectiveMinGroup(Number.NaN)).toBe(5);
  });

  it("gates an aggregate: below the minimum only the marker, the builder never runs", () => {
    const build = vi.fn(() => ({ mean: 4.2 }));
    expect(gate(4, 5, build)).toEqual({ suppressed: true });
    expect(build).not.toHaveBeenCalled();
    expect(gate(5, 5, build)).toEqual({ mean: 4.2, suppressed: false });
    expect(gate(6, 7, build)).toEqual({ suppressed: true });
    expect(gate(4, 3, build)).toEqual({ suppressed: true });
  });

  it("protects a partition: a single small cell beside a shown total takes the smallest shown cell with it", () => {
    expect(protectPartition([10, 8, 3], 5)).toEqual([true, false, false]);
    expect(protectPartition([10, 8], 5)).toEqual([true, true]);
    expect(protectPartition([10, 2, 3], 5)).toEqual([true, false, false]);
    expect(protectPartition([10, 0, 7], 5)).toEqual([true, false, true]);
    expect(protectPartition([6, 4], 5)).toEqual([false, false]);
    expect(protectPartition([4], 5)).toEqual([false]);
    expect(protectPartition([], 5)).toEqual([]);
  });

  it("shows a filtered group only when what the filter leaves out is empty or large enough", () => {
    expect(filteredGroupVisible(10, 10, 5)).toBe(true);
    expect(filteredGroupVisible(10, 13, 5)).toBe(false);
    expect(filteredGroupVisible(10, 15, 5)).toBe(true);
    expect(filteredGroupVisible(4, 4, 5)).toBe(false);
  });

  it("releases free texts only for a large enough group, trimmed and in alphabetical order", () => {
    expect(releasableTexts(["b", "a", "c", "d"], 4, 5)).toBeNull();
    expect(releasableTexts(["  zebra ", "", null, "Apfel", "birne"], 5, 5)).toEqual(["Apfel", "birne", "zebra"]);
  });
});

describe("report arithmetic", () => {
  it("mean and top-2-box of a five-point scale", () => {
    const counts = new Map([[1, 1], [3, 2], [4, 3], [5, 4]]);
    expect(mean(counts)).toBeCloseTo((1 + 6 + 12 + 20) / 10);
    expect(topTwoBox(counts)).toBeCloseTo(0.7);
    expect(mean(new Map())).toBeNull();
  });

  it("NPS: promoters 9–10 minus detractors 0–6 in percentage points", () => {
    // 4 promoters, 3 passives (7, 8), 3 detractors of 10 → 10 points.
    const nps = npsOf(new Map([[10, 2], [9, 2], [8, 2], [7, 1], [6, 1], [0, 2]]))!;
    expect(nps.score).toBeCloseTo(10);
    expect(nps.promoters).toBeCloseTo(0.4);
    expect(nps.passives).toBeCloseTo(0.3);
    expect(nps.detractors).toBeCloseTo(0.3);
    expect(npsOf(new Map([[3, 5]]))!.score).toBe(-100);
  });

  it("transfer rate: share of yes and partly; choices counted per option from the stored arrays", () => {
    const { perOption, answered } = countChoices([
      { choices: '["yes"]', count: 3 },
      { choices: '["partly"]', count: 2 },
      { choices: '["no"]', count: 5 },
      { choices: "kaputt", count: 9 },
    ]);
    expect(answered).toBe(10);
    expect(transferRate(perOption, answered)).toBeCloseTo(0.5);
    const multi = countChoices([{ choices: '["no_time","technology"]', count: 2 }, { choices: '["no_time"]', count: 1 }]);
    expect(multi.perOption.get("no_time")).toBe(3);
    expect(multi.perOption.get("technology")).toBe(2);
    expect(multi.answered).toBe(3);
  });

  it("months between two periods", () => {
    expect(monthsBetween("2025-11", "2026-02")).toEqual(["2025-11", "2025-12", "2026-01", "2026-02"]);
  });
});
