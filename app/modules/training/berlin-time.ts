// Wall-clock times of the city administration (Europe/Berlin) ⇄ instants (UTC). Session days are
// entered as a date and two times on the clock in the town hall; the database stores instants.
// Intl knows the time-zone rules, so no date library is needed for this one conversion.

export const TIME_ZONE = "Europe/Berlin";

const partsFormat = new Intl.DateTimeFormat("en-GB", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

function wallClock(instant: Date) {
  const parts = Object.fromEntries(partsFormat.formatToParts(instant).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** Offset of Berlin from UTC at this instant, in milliseconds (+1 h in winter, +2 h in summer). */
function offsetAt(instant: Date) {
  const w = wallClock(instant);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/**
 * The instant of a Berlin wall-clock time, e.g. ("2026-03-10", "09:00") → 08:00 UTC.
 * Times that do not exist (the hour skipped in spring) move forward by the gap, as clocks do.
 */
export function berlinToUtc(date: string, time: string): Date {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const [hh, mm] = time.split(":").map(Number) as [number, number];
  const naive = Date.UTC(y, m - 1, d, hh, mm);
  let result = naive - offsetAt(new Date(naive));
  // Near a switch the offset at the guess may differ from the offset at the result.
  const second = naive - offsetAt(new Date(result));
  if (second !== result) result = Math.max(result, second);
  return new Date(result);
}

/** End of a Berlin calendar day (23:59:59.999), e.g. for an enrolment deadline given as a date. */
export function endOfBerlinDay(date: string): Date {
  return new Date(berlinToUtc(date, "23:59").getTime() + 59_999);
}

const pad = (n: number) => String(n).padStart(2, "0");

/** "2026-03-10" of an instant in Berlin (for date inputs). */
export function berlinDate(instant: Date | string): string {
  const w = wallClock(new Date(instant));
  return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
}

/** "09:00" of an instant in Berlin (for time inputs). */
export function berlinTime(instant: Date | string): string {
  const w = wallClock(new Date(instant));
  return `${pad(w.hour)}:${pad(w.minute)}`;
}
