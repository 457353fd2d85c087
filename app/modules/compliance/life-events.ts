// Values of the life-event forms that both the server module and the pages need.
export const ABSENCE_KINDS = ["PARENTAL_LEAVE", "LONG_ILLNESS", "SECONDMENT", "OTHER"] as const;
export type AbsenceKindValue = (typeof ABSENCE_KINDS)[number];
/** An exemption lasts at most this many years. */
export const EXEMPTION_MAX_YEARS = 5;
export const REASON_MAX = 1000;
export const NOTE_MAX = 500;
