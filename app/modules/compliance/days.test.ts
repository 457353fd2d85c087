import { addDays, addMonths, dayOf, daysBetween, daysInMonth, isDay, maxDay, minDay, nextYearlyOnOrAfter, toInstant, todayInBerlin, yearlyDate } from "./days.ts";

describe("calendar days", () => {
  test("isDay accepts real calendar days only", () => {
    expect(isDay("2026-11-27")).toBe(true);
    expect(isDay("2024-02-29")).toBe(true);
    expect(isDay("2026-02-29")).toBe(false);
    expect(isDay("2026-04-31")).toBe(false);
    expect(isDay("2026-13-01")).toBe(false);
    expect(isDay("2026-00-10")).toBe(false);
    expect(isDay("27.11.2026")).toBe(false);
    expect(isDay("2026-1-5")).toBe(false);
  });

  test("days in month, leap years included", () => {
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2026, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(2100, 2)).toBe(28);
    expect(daysInMonth(2026, 4)).toBe(30);
    expect(daysInMonth(2026, 12)).toBe(31);
  });

  test("addDays crosses months, years and leap days", () => {
    expect(addDays("2026-11-27", 0)).toBe("2026-11-27");
    expect(addDays("2026-11-27", 5)).toBe("2026-12-02");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2026-02-28", 1)).toBe("2026-03-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(addDays("2024-03-01", -1)).toBe("2024-02-29");
    // Across the change to summer time (29 March 2026) nothing shifts: days are UTC.
    expect(addDays("2026-03-28", 2)).toBe("2026-03-30");
    expect(addDays("2026-10-24", 2)).toBe("2026-10-26");
  });

  test("addMonths clamps to the end of the month", () => {
    expect(addMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(addMonths("2024-01-31", 1)).toBe("2024-02-29");
    expect(addMonths("2026-03-31", 1)).toBe("2026-04-30");
    expect(addMonths("2026-01-31", 2)).toBe("2026-03-31");
    expect(addMonths("2024-02-29", 12)).toBe("2025-02-28");
    expect(addMonths("2024-02-29", 48)).toBe("2028-02-29");
    expect(addMonths("2026-11-27", 24)).toBe("2028-11-27");
    expect(addMonths("2026-11-30", 3)).toBe("2027-02-28");
    expect(addMonths("2026-12-15", 1)).toBe("2027-01-15");
    expect(addMonths("2027-01-15", -1)).toBe("2026-12-15");
    expect(addMonths("2026-03-31", -1)).toBe("2026-02-28");
  });

  test("daysBetween counts whole days in both directions", () => {
    expect(daysBetween("2026-11-27", "2026-11-27")).toBe(0);
    expect(daysBetween("2026-01-01", "2027-01-01")).toBe(365);
    expect(daysBetween("2024-01-01", "2025-01-01")).toBe(366);
    expect(daysBetween("2026-12-01", "2026-11-27")).toBe(-4);
    expect(daysBetween("2026-03-28", "2026-03-30")).toBe(2);
  });

  test("yearly dates: 29 February falls on 28 February in common years", () => {
    expect(yearlyDate(2027, 2, 29)).toBe("2027-02-28");
    expect(yearlyDate(2028, 2, 29)).toBe("2028-02-29");
    expect(yearlyDate(2026, 3, 31)).toBe("2026-03-31");
  });

  test("next yearly date on or after a day", () => {
    expect(nextYearlyOnOrAfter("2026-03-31", 3, 31)).toBe("2026-03-31");
    expect(nextYearlyOnOrAfter("2026-04-01", 3, 31)).toBe("2027-03-31");
    expect(nextYearlyOnOrAfter("2026-01-15", 3, 31)).toBe("2026-03-31");
    expect(nextYearlyOnOrAfter("2026-11-27", 2, 29)).toBe("2027-02-28");
    expect(nextYearlyOnOrAfter("2027-03-01", 2, 29)).toBe("2028-02-29");
    expect(nextYearlyOnOrAfter("2027-02-28", 2, 29)).toBe("2027-02-28");
  });

  test("instants and Berlin's today", () => {
    expect(dayOf(new Date("2026-11-27T00:00:00.000Z"))).toBe("2026-11-27");
    expect(toInstant("2026-11-27").toISOString()).toBe("2026-11-27T00:00:00.000Z");
    // 23:30 UTC on 26 November is 00:30 on 27 November in Berlin (winter time).
    expect(todayInBerlin(new Date("2026-11-26T23:30:00.000Z"))).toBe("2026-11-27");
    expect(todayInBerlin(new Date("2026-11-26T22:30:00.000Z"))).toBe("2026-11-26");
    // Summer time: 22:30 UTC on 30 June is 00:30 on 1 July.
    expect(todayInBerlin(new Date("2026-06-30T22:30:00.000Z"))).toBe("2026-07-01");
  });

  test("min and max of days", () => {
    expect(maxDay("2026-01-31", "2026-02-01")).toBe("2026-02-01");
    expect(minDay("2026-01-31", "2026-02-01")).toBe("2026-01-31");
  });
});
