// HR's start page card "Compliance gesamt": the rate of all mandatory trainings per Dezernat,
// linking to the organisation-wide overview.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatNumber } from "~/utils/i18n.ts";
import { useLocale } from "~/utils/use-root-data.ts";

interface Entry {
  unit: { id: string; code: string; name: string; type: string } | null;
  required: number;
  compliant: number;
  overdue: number;
  rate: number | null;
}

export function ComplianceOverallStartCard({ card }: { card: { overall: Omit<Entry, "unit">; dezernate: Entry[] } }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const percent = (rate: number | null) => (rate === null ? t("complianceOverview.noRate") : t("complianceOverview.percent", { value: formatNumber(rate * 100, locale, { maximumFractionDigits: 0 }) }));
  return (
    <section className="panel" aria-labelledby="card-compliance-overall">
      <h2 id="card-compliance-overall" className="kern-heading-small">
        {t("complianceOverview.card.title")}
      </h2>
      <p>
        <Link className="kern-link" to="/pflichtschulungen/uebersicht">
          <span className="stat">{percent(card.overall.rate)}</span> {t("complianceOverview.card.overall")}
        </Link>
      </p>
      {card.overall.overdue ? <p>{t("complianceOverview.card.overdue", { count: card.overall.overdue })}</p> : null}
      {card.dezernate.length ? (
        <table className="kern-table kern-table--small">
          <caption className="kern-sr-only">{t("complianceOverview.card.caption")}</caption>
          <thead className="kern-table__header">
            <tr>
              <th scope="col" style={{ textAlign: "left" }}>
                {t("complianceOverview.card.dezernat")}
              </th>
              <th scope="col" className="num">
                {t("complianceOverview.card.rate")}
              </th>
            </tr>
          </thead>
          <tbody className="kern-table__body">
            {card.dezernate.map((d) => (
              <tr key={d.unit?.id ?? "none"}>
                <th scope="row" style={{ textAlign: "left", fontWeight: 400 }}>
                  {d.unit ? (d.unit.type === "DEZERNAT" ? d.unit.name : `${d.unit.code} ${d.unit.name}`) : t("complianceOverview.withoutDezernat")}
                </th>
                <td className="num">{percent(d.rate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
