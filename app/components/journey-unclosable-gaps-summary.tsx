// HR development's planning input on the journeys overview: competencies for which gap proposals
// found no training, with how many running journeys and people need one. Competencies are
// ordered by demand; people are never listed. Data: listUnclosableGapsSummary (proposal.server.ts).
import { useTranslation } from "react-i18next";
import { formatNumber } from "~/utils/i18n.ts";
import { useLocale } from "~/utils/use-root-data.ts";

export interface UnclosableGapSummaryView {
  lineageId: string;
  code: string;
  name: string;
  journeys: number;
  people: number;
  essential: number;
  maxRequired: number;
}

export function JourneyUnclosableGapsSummary({ rows }: { rows: readonly UnclosableGapSummaryView[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const n = (value: number) => formatNumber(value, locale);
  return (
    <section className="panel" aria-labelledby="journey-unclosable-summary">
      <h2 id="journey-unclosable-summary" className="kern-heading-medium">
        {t("journeys.proposal.summary.title")}
      </h2>
      <p className="kern-body">{t("journeys.proposal.summary.intro")}</p>
      {rows.length === 0 ? (
        <p className="kern-body">{t("journeys.proposal.summary.empty")}</p>
      ) : (
        <div className="kern-table-responsive" tabIndex={0} role="region" aria-labelledby="journey-unclosable-summary">
          <table className="kern-table kern-table--striped">
            <caption className="kern-sr-only">{t("journeys.proposal.summary.caption")}</caption>
            <thead className="kern-table__header">
              <tr>
                <th scope="col">{t("journeys.proposal.summary.competency")}</th>
                <th scope="col" className="num">
                  {t("journeys.proposal.summary.people")}
                </th>
                <th scope="col" className="num">
                  {t("journeys.proposal.summary.journeys")}
                </th>
                <th scope="col" className="num">
                  {t("journeys.proposal.summary.essential")}
                </th>
                <th scope="col" className="num">
                  {t("journeys.proposal.summary.maxRequired")}
                </th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {rows.map((r) => (
                <tr key={r.lineageId}>
                  <th scope="row">
                    {r.code} {r.name}
                  </th>
                  <td className="num">{n(r.people)}</td>
                  <td className="num">{n(r.journeys)}</td>
                  <td className="num">{n(r.essential)}</td>
                  <td className="num">{n(r.maxRequired)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
