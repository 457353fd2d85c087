// The gaps a gap proposal found no training for (from the journey's CREATED event), shown on the
// journey page: the person knows these are not forgotten, HR development plans the offer.
import { useTranslation } from "react-i18next";

export interface UnclosableGapView {
  lineageId: string;
  code: string;
  name: string;
  required: number;
  current: number;
  importance?: string;
}

export function JourneyUnclosableGaps({ gaps }: { gaps: readonly UnclosableGapView[] }) {
  const { t } = useTranslation();
  if (gaps.length === 0) return null;
  return (
    <section className="panel journey-unclosable-gaps" aria-labelledby="journey-unclosable-gaps">
      <h2 id="journey-unclosable-gaps" className="kern-heading-small">
        {t("journeys.proposal.unclosable.title")}
      </h2>
      <p className="kern-body">{t("journeys.proposal.unclosable.intro")}</p>
      <ul>
        {gaps.map((g) => (
          <li key={g.lineageId}>
            <strong>
              {g.code} {g.name}
            </strong>
            {": "}
            {t("journeys.proposal.unclosable.levels", {
              required: g.required,
              current: g.current === 0 ? t("journeys.proposal.notAssessed") : t("journeys.proposal.level", { level: g.current }),
            })}
            {g.importance === "ESSENTIAL" ? ` (${t("journeys.proposal.essential")})` : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
