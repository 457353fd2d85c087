import { describe, expect, it } from "vitest";
import { allStepsResolved, canMove, isEditable, isStepOverdue, progressOf, relativeDue } from "./model.ts";

describe("journey model", () => {
  it("computes relative due days from the start (week 2, month 3, clamped month ends)", () => {
    expect(relativeDue("2026-01-05", 2, "WEEKS")).toBe("2026-01-19");
    expect(relativeDue("2026-01-31", 1, "MONTHS")).toBe("2026-02-28");
    expect(relativeDue("2026-11-27", 3, "MONTHS")).toBe("2027-02-27");
    expect(relativeDue("2026-12-30", 5, "DAYS")).toBe("2027-01-04");
  });

  it("allows only the workflow's transitions", () => {
    expect(canMove("DRAFT", "PROPOSED")).toBe(true);
    expect(canMove("PROPOSED", "DRAFT")).toBe(true);
    expect(canMove("DRAFT", "AGREED")).toBe(false);
    expect(canMove("AGREED", "ACTIVE")).toBe(true);
    expect(canMove("COMPLETED", "ACTIVE")).toBe(false);
    expect(isEditable("PROPOSED")).toBe(true);
    expect(isEditable("ACTIVE")).toBe(false);
  });

  it("counts progress without skipped steps", () => {
    expect(progressOf([{ status: "DONE" }, { status: "OPEN" }, { status: "SKIPPED" }, { status: "IN_PROGRESS" }])).toEqual({ done: 1, total: 3, skipped: 1, percent: 33 });
    expect(progressOf([]).percent).toBe(0);
    expect(allStepsResolved([{ status: "DONE" }, { status: "SKIPPED" }])).toBe(true);
    expect(allStepsResolved([{ status: "DONE" }, { status: "OPEN" }])).toBe(false);
  });

  it("marks open steps past their due day as overdue", () => {
    expect(isStepOverdue({ status: "OPEN", dueOn: "2026-11-26" }, "2026-11-27")).toBe(true);
    expect(isStepOverdue({ status: "OPEN", dueOn: "2026-11-27" }, "2026-11-27")).toBe(false);
    expect(isStepOverdue({ status: "DONE", dueOn: "2026-01-01" }, "2026-11-27")).toBe(false);
    expect(isStepOverdue({ status: "OPEN", dueOn: null }, "2026-11-27")).toBe(false);
  });
});
