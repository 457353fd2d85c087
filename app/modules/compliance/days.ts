// Calendar days as "YYYY-MM-DD" strings. Due dates of mandatory trainings are days in the town
// hall's calendar, so all arithmetic here is on days (UTC-based, no time of day, no DST).

export type Day = string;

const DAY_MS = 86_400_000;
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

function parse(day: Day) {
  const match = DAY_PATTERN.exec(day);
  if (!match) throw new Error(`Not a day: ${day}`);
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

function format(year: number, month: number, day: number): Day {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

export function isDay(value: string): boolean {
  const match = DAY_PATTERN.exec(value);
  if (!match) return false;
  const { year, month, day } = parse(value);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** The UTC calendar day of a stored instant (entry dates and assignments are stored at 00:00 UTC). */
export function dayOf(instant: Date): Day {
  return instant.toISOString().slice(0, 10);
}

/** Today in Berlin: a reminder run at 00:30 local time already counts the new day. */
export function todayInBerlin(now: Date = new Date()): Day {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

export function toInstant(day: Day): Date {
  return new Date(`${day}T00:00:00.000Z`);
}

export function daysInMonth(year: number, month: number) {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function addDays(day: Day, days: number): Day {
  return dayOf(new Date(toInstant(day).getTime() + days * DAY_MS));
}

/** Adds months, clamping to the month's end: 31 Jan + 1 month = 28/29 Feb, 29 Feb + 12 = 28 Feb. */
export function addMonths(day: Day, months: number): Day {
  const { year, month, day: dom } = parse(day);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  return format(targetYear, targetMonth, Math.min(dom, daysInMonth(targetYear, targetMonth)));
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: Day, to: Day): number {
  return Math.round((toInstant(to).getTime() - toInstant(from).getTime()) / DAY_MS);
}

/** The given month/day in a year; 29 Feb falls on 28 Feb in common years. */
export function yearlyDate(year: number, month: number, day: number): Day {
  return format(year, month, Math.min(day, daysInMonth(year, month)));
}

/** The first occurrence of the yearly date on or after `day`. */
export function nextYearlyOnOrAfter(day: Day, month: number, dom: number): Day {
  const { year } = parse(day);
  const thisYear = yearlyDate(year, month, dom);
  return thisYear >= day ? thisYear : yearlyDate(year + 1, month, dom);
}

export function maxDay(a: Day, b: Day): Day {
  return a >= b ? a : b;
}

export function minDay(a: Day, b: Day): Day {
  return a <= b ? a : b;
}
