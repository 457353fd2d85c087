// Pieces the catalogue pages share: formats, duration, cost, free seats and session days in the
// reader's language (times always on the Berlin clock, where the trainings take place).
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { formatDate, formatNumber, type Locale } from "~/utils/i18n.ts";

const intlLocale = (locale: Locale) => (locale === "de" ? "de-DE" : "en-GB");

export function formatTime(value: Date | string, locale: Locale) {
  return new Intl.DateTimeFormat(intlLocale(locale), { hour: "2-digit", minute: "2-digit", timeZone: "Europe/Berlin" }).format(new Date(value));
}

export function formatWeekdayDate(value: Date | string, locale: Locale) {
  return new Intl.DateTimeFormat(intlLocale(locale), { weekday: "short", day: "2-digit", month: "2-digit", year: "numeric", timeZone: "Europe/Berlin" }).format(new Date(value));
}

/** "45 Min." below an hour, else "7,5 Std."; "–" when not stated. */
export function durationText(minutes: number, locale: Locale, t: TFunction) {
  if (!minutes) return "–";
  if (minutes < 60) return t("catalogue.duration.minutes", { value: formatNumber(minutes, locale) });
  return t("catalogue.duration.hours", { value: formatNumber(minutes / 60, locale, { maximumFractionDigits: 2 }) });
}

export function costText(cents: number, locale: Locale, t: TFunction) {
  if (!cents) return t("catalogue.cost.free");
  return formatNumber(cents / 100, locale, { style: "currency", currency: "EUR" });
}

/** Hours and euros as the edit form shows them ("7,5", "250,00"); empty when not stated. */
export function hoursInput(minutes: number, locale: Locale) {
  return minutes ? formatNumber(minutes / 60, locale, { maximumFractionDigits: 2, useGrouping: false }) : "";
}
export function euroInput(cents: number, locale: Locale) {
  return cents ? formatNumber(cents / 100, locale, { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: false }) : "";
}

export interface SeatInfo {
  status: string;
  capacity: number;
  freeSeats: number;
  open: boolean;
  startsAt: Date | string;
  enrolmentDeadline: Date | string | null;
}

/** "3 von 12 frei", "ausgebucht", "abgesagt", "Anmeldeschluss vorbei" — in words, never colour alone. */
export function SeatsText({ session, now = new Date() }: { session: SeatInfo; now?: Date }) {
  const { t } = useTranslation();
  if (session.status === "CANCELLED") return <span className="kern-badge kern-badge--danger">{t("catalogue.seats.cancelled")}</span>;
  const seats = t("catalogue.seats.free", { free: session.freeSeats, capacity: session.capacity });
  if (new Date(session.startsAt) <= now) return <span>{t("catalogue.seats.started", { capacity: session.capacity })}</span>;
  if (session.freeSeats === 0) return <span>{t("catalogue.seats.full", { capacity: session.capacity })}</span>;
  if (session.enrolmentDeadline && new Date(session.enrolmentDeadline) < now) {
    return (
      <span>
        {seats} <span className="muted">({t("catalogue.seats.deadlinePassed")})</span>
      </span>
    );
  }
  return <span>{seats}</span>;
}

/** All days of a session, one per line: "Di., 10.03.2026, 09:00–16:00 Uhr". */
export function SessionDays({ days, locale }: { days: { id?: string; startsAt: Date | string; endsAt: Date | string }[]; locale: Locale }) {
  const { t } = useTranslation();
  if (days.length === 1) {
    const d = days[0]!;
    return <>{t("catalogue.day", { date: formatWeekdayDate(d.startsAt, locale), from: formatTime(d.startsAt, locale), to: formatTime(d.endsAt, locale) })}</>;
  }
  return (
    <ol className="session-days">
      {days.map((d, i) => (
        <li key={d.id ?? i}>{t("catalogue.day", { date: formatWeekdayDate(d.startsAt, locale), from: formatTime(d.startsAt, locale), to: formatTime(d.endsAt, locale) })}</li>
      ))}
    </ol>
  );
}

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  const tone = status === "PUBLISHED" ? "success" : status === "DRAFT" ? "warning" : "info";
  return <span className={`kern-badge kern-badge--${tone}`}>{t(`catalogue.status.${status}`)}</span>;
}

export function deadlineText(value: Date | string | null, locale: Locale, t: TFunction) {
  return value ? formatDate(value, locale) : t("catalogue.sessions.noDeadline");
}
