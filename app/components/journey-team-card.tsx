// Start-page card for leaders: their team's learning journeys in aggregate (no names, no ranking).
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatNumber } from "~/utils/i18n.ts";
import { useLocale } from "~/utils/use-root-data.ts";

export function TeamJourneysStartCard({ counts }: { counts: { pending: number; running: number; overdue: number } }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const n = (value: number) => formatNumber(value, locale);
  return (
    <section className="panel" aria-labelledby="card-team-journeys">
      <h2 id="card-team-journeys" className="kern-heading-small">
        {t("journeys.team.card.title")}
      </h2>
      <p>
        <Link className="kern-link" to="/lernreisen/team">
          {t("journeys.team.card.pending", { count: counts.pending, formatted: n(counts.pending) })}
        </Link>
      </p>
      <p>
        <Link className="kern-link" to="/lernreisen/team?status=RUNNING">
          {t("journeys.team.card.running", { count: counts.running, formatted: n(counts.running) })}
        </Link>
      </p>
      <p>
        <Link className="kern-link" to="/lernreisen/team?status=OVERDUE">
          {t("journeys.team.card.overdue", { count: counts.overdue, formatted: n(counts.overdue) })}
        </Link>
      </p>
    </section>
  );
}
