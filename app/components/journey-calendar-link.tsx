// Download link for a journey's dates as an .ics file (/lernreisen/:id/kalender.ics).
import { useTranslation } from "react-i18next";

export function JourneyCalendarLink({ journeyId }: { journeyId: string }) {
  const { t } = useTranslation();
  return (
    <p className="journey-calendar-link">
      {/* A file download: a plain link, not client-side navigation. */}
      <a className="kern-link" href={`/lernreisen/${encodeURIComponent(journeyId)}/kalender.ics`} download>
        {t("journeys.ics.download")}
      </a>{" "}
      <span className="muted">{t("journeys.ics.hint")}</span>
    </p>
  );
}
