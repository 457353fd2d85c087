import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { getComplianceOverview } from "~/modules/compliance/overview.server.ts";
import { requireUserWithPermission } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { run } from "~/utils/http.server.ts";
import { formatDate, formatNumber, type Locale } from "~/utils/i18n.ts";
import { useLocale } from "~/utils/use-root-data.ts";
import { PageHeader } from "~/components/page.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";
import { ComplianceBarChart, ComplianceTrendChart } from "~/components/compliance-overview-charts.tsx";
import overviewStyles from "~/styles/compliance-overview.css";

export const meta: MetaFunction = () => [{ title: "Compliance gesamt – Lernreise" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: overviewStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireUserWithPermission(request, "read:compliance:any");
  return run(() => getComplianceOverview(db, actor));
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;
type Counts = Data["overall"];
type Row = Data["dezernate"][number]["amter"][number];

const cockpitHref = (unitId: string) => `/pflichtschulungen/team?unit=${encodeURIComponent(unitId)}`;

function monthLabel(month: string, locale: Locale) {
  return new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "de-DE", { month: "short", year: "numeric", timeZone: "UTC" }).format(new Date(`${month}-01T00:00:00Z`));
}

function usePercent() {
  const { t } = useTranslation();
  const locale = useLocale();
  return (rate: number | null) => (rate === null ? null : t("complianceOverview.percent", { value: formatNumber(rate * 100, locale, { maximumFractionDigits: 0 }) }));
}

/** Rate with counts below it; never colour alone. */
function RateCell({ counts }: { counts: Counts }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const percent = usePercent();
  const n = (v: number) => formatNumber(v, locale);
  const rate = percent(counts.rate);
  return (
    <td className="num">
      {rate === null ? (
        <span className="cell-rate">
          <span aria-hidden="true">{t("complianceOverview.noRate")}</span>
          <span className="kern-sr-only">{t("complianceOverview.noRateSr")}</span>
        </span>
      ) : (
        <span className="cell-rate">{rate}</span>
      )}
      {counts.total > 0 ? (
        <>
          <span className="cell-detail muted">{t("complianceOverview.cellDetail", { compliant: n(counts.compliant), required: n(counts.required) })}</span>
          {counts.overdue ? <span className="cell-detail muted">{t("complianceOverview.cellOverdue", { count: counts.overdue, value: n(counts.overdue) })}</span> : null}
          {counts.dueSoon ? <span className="cell-detail muted">{t("complianceOverview.cellDueSoon", { count: counts.dueSoon, value: n(counts.dueSoon) })}</span> : null}
        </>
      ) : null}
    </td>
  );
}

function UnitTable({ caption, rules, rows, total, firstColumn }: { caption: string; rules: Data["rules"]; rows: { key: string; label: ReactNode; row: Row }[]; total?: { label: string; people: number; cells: Counts[]; total: Counts }; firstColumn: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <div className="kern-table-responsive" tabIndex={0} role="region" aria-label={caption}>
      <table className="kern-table kern-table--striped compliance-table">
        <caption className="kern-sr-only">{caption}</caption>
        <thead className="kern-table__header">
          <tr>
            <th scope="col">{firstColumn}</th>
            <th scope="col" className="num">
              {t("complianceOverview.people")}
            </th>
            <th scope="col" className="num">
              {t("complianceOverview.total")}
            </th>
            {rules.map((r) => (
              <th scope="col" className="num" key={r.id}>
                <Link className="kern-link" to={`/pflichtschulungen/regeln/${r.id}`}>
                  {r.name}
                </Link>
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {rows.map(({ key, label, row }) => (
            <tr key={key}>
              <th scope="row">{label}</th>
              <td className="num">{formatNumber(row.people, locale)}</td>
              <RateCell counts={row.total} />
              {row.cells.map((cell, i) => (
                <RateCell key={rules[i]!.id} counts={cell} />
              ))}
            </tr>
          ))}
          {total ? (
            <tr className="compliance-total">
              <th scope="row">{total.label}</th>
              <td className="num">{formatNumber(total.people, locale)}</td>
              <RateCell counts={total.total} />
              {total.cells.map((cell, i) => (
                <RateCell key={rules[i]!.id} counts={cell} />
              ))}
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}

export default function ComplianceOverviewPage() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const locale = useLocale();
  const percent = usePercent();
  const n = (v: number) => formatNumber(v, locale);
  const { rules, overall, dezernate, trend } = data;
  // A Dezernat's name carries its number already ("Dezernat II – …"); other units show code and name.
  const unitLabel = (unit: { code: string; name: string; type: string } | null, fallback: string) => (unit ? (unit.type === "DEZERNAT" ? unit.name : `${unit.code} ${unit.name}`) : fallback);
  const dezernatLabel = (d: Data["dezernate"][number]) => unitLabel(d.unit, t("complianceOverview.withoutDezernat"));
  const pct = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10);

  return (
    <>
      <PageHeader title={t("complianceOverview.title")} intro={t("complianceOverview.intro", { date: formatDate(data.today, locale) })} />
      <details className="kern-body">
        <summary>{t("complianceOverview.definitionsTitle")}</summary>
        <ul>
          <li>{t("complianceOverview.definitions.counted")}</li>
          <li>{t("complianceOverview.definitions.rate")}</li>
          <li>{t("complianceOverview.definitions.overdue")}</li>
          <li>{t("complianceOverview.definitions.dueSoon", { date: formatDate(data.dueLimit, locale) })}</li>
          <li>{t("complianceOverview.definitions.units")}</li>
        </ul>
      </details>

      {rules.length === 0 ? (
        <p>
          {t("complianceOverview.noRules")}{" "}
          <Link className="kern-link" to="/pflichtschulungen/regeln">
            {t("complianceOverview.rulesLink")}
          </Link>
        </p>
      ) : (
        <>
          <div className="compliance-stats">
            <div>
              <span className="stat">{percent(overall.rate) ?? t("complianceOverview.noRate")}</span> {t("complianceOverview.summary.rate")}
            </div>
            <div>
              <span className="stat">{n(data.people)}</span> {t("complianceOverview.summary.people")}
            </div>
            <div>
              <span className="stat">{n(overall.overdue)}</span> {t("complianceOverview.summary.overdue")}
            </div>
            <div>
              <span className="stat">{n(overall.dueSoon)}</span> {t("complianceOverview.summary.dueSoon")}
            </div>
            <div>
              <span className="stat">{n(rules.length)}</span> {t("complianceOverview.summary.rules")}
            </div>
          </div>

          <section className="compliance-section" aria-labelledby="by-dezernat">
            <h2 id="by-dezernat" className="kern-heading-medium">
              {t("complianceOverview.byDezernat.title")}
            </h2>
            <ComplianceBarChart
              labels={dezernate.map(dezernatLabel)}
              series={rules.map((r, i) => ({ label: r.name, values: dezernate.map((d) => pct(d.cells[i]!.rate)) }))}
              label={t("complianceOverview.byDezernat.chartLabel")}
            />
            <noscript>
              <p className="muted">{t("complianceOverview.chartFallback")}</p>
            </noscript>
            <UnitTable
              caption={t("complianceOverview.byDezernat.caption")}
              firstColumn={t("complianceOverview.unit")}
              rules={rules}
              rows={dezernate.map((d) => ({
                key: d.unit?.id ?? "none",
                label: d.unit ? (
                  <Link className="kern-link" to={cockpitHref(d.unit.id)} aria-label={t("complianceOverview.cockpitLink", { unit: dezernatLabel(d) })}>
                    {dezernatLabel(d)}
                  </Link>
                ) : (
                  dezernatLabel(d)
                ),
                row: d,
              }))}
              total={{ label: t("complianceOverview.administration"), people: data.people, cells: rules, total: overall }}
            />
          </section>

          <section className="compliance-section" aria-labelledby="by-amt">
            <h2 id="by-amt" className="kern-heading-medium">
              {t("complianceOverview.byAmt.title")}
            </h2>
            <p>{t("complianceOverview.byAmt.intro")}</p>
            {dezernate.map((d) => (
              <details key={d.unit?.id ?? "none"} className="compliance-amter">
                <summary>{t("complianceOverview.byAmt.summary", { dezernat: dezernatLabel(d), count: d.amter.length })}</summary>
                <UnitTable
                  caption={t("complianceOverview.byAmt.caption", { dezernat: dezernatLabel(d) })}
                  firstColumn={t("complianceOverview.unit")}
                  rules={rules}
                  rows={d.amter.map((a) => {
                    const label = unitLabel(a.unit, t("complianceOverview.dezernatStaff"));
                    return {
                      key: a.unit?.id ?? "staff",
                      label: a.unit ? (
                        <Link className="kern-link" to={cockpitHref(a.unit.id)} aria-label={t("complianceOverview.cockpitLink", { unit: label })}>
                          {label}
                        </Link>
                      ) : (
                        label
                      ),
                      row: a,
                    };
                  })}
                  total={{ label: dezernatLabel(d), people: d.people, cells: d.cells, total: d.total }}
                />
              </details>
            ))}
          </section>

          <section className="compliance-section" aria-labelledby="trend">
            <h2 id="trend" className="kern-heading-medium">
              {t("complianceOverview.trend.title")}
            </h2>
            <p>{t("complianceOverview.trend.intro")}</p>
            <ComplianceTrendChart
              labels={trend.map((m) => monthLabel(m.month, locale))}
              series={[
                { label: t("complianceOverview.total"), values: trend.map((m) => pct(m.total?.rate ?? null)) },
                ...rules.map((r, i) => ({ label: r.name, values: trend.map((m) => pct(m.cells[i]?.rate ?? null)) })),
              ]}
              label={t("complianceOverview.trend.chartLabel")}
            />
            <noscript>
              <p className="muted">{t("complianceOverview.chartFallback")}</p>
            </noscript>
            <div className="kern-table-responsive" tabIndex={0} role="region" aria-label={t("complianceOverview.trend.caption")}>
              <table className="kern-table kern-table--striped compliance-table">
                <caption className="kern-sr-only">{t("complianceOverview.trend.caption")}</caption>
                <thead className="kern-table__header">
                  <tr>
                    <th scope="col">{t("complianceOverview.trend.month")}</th>
                    <th scope="col" className="num">
                      {t("complianceOverview.total")}
                    </th>
                    {rules.map((r) => (
                      <th scope="col" className="num" key={r.id}>
                        {r.name}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody className="kern-table__body">
                  {trend.map((m) => (
                    <tr key={m.month}>
                      <th scope="row">{m.live ? t("complianceOverview.trend.current", { month: monthLabel(m.month, locale) }) : monthLabel(m.month, locale)}</th>
                      {[m.total, ...m.cells].map((c, i) => (
                        <td className="num" key={i}>
                          {c === null ? (
                            <span className="muted">{t("complianceOverview.trend.noData")}</span>
                          ) : (
                            <>
                              <span className="cell-rate">{percent(c.rate) ?? t("complianceOverview.noRate")}</span>
                              <span className="cell-detail muted">
                                {t("complianceOverview.cellDetail", { compliant: n(c.compliant), required: n(c.required) })}
                                {c.overdue ? <> · {t("complianceOverview.cellOverdue", { count: c.overdue, value: n(c.overdue) })}</> : null}
                              </span>
                            </>
                          )}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>

          <section className="compliance-section" aria-labelledby="rules">
            <h2 id="rules" className="kern-heading-medium">
              {t("complianceOverview.rules.title")}
            </h2>
            <div className="kern-table-responsive" tabIndex={0} role="region" aria-label={t("complianceOverview.rules.caption")}>
              <table className="kern-table kern-table--striped compliance-table">
                <caption className="kern-sr-only">{t("complianceOverview.rules.caption")}</caption>
                <thead className="kern-table__header">
                  <tr>
                    <th scope="col">{t("complianceOverview.rules.rule")}</th>
                    <th scope="col">{t("complianceOverview.rules.legalBasis")}</th>
                    <th scope="col" className="num">
                      {t("complianceOverview.rules.audience")}
                    </th>
                    <th scope="col" className="num">
                      {t("complianceOverview.rules.rate")}
                    </th>
                    <th scope="col" className="num">
                      {t("complianceOverview.rules.compliant")}
                    </th>
                    <th scope="col" className="num">
                      {t("complianceOverview.rules.overdue")}
                    </th>
                    <th scope="col" className="num">
                      {t("complianceOverview.rules.dueSoon")}
                    </th>
                    <th scope="col" className="num">
                      {t("complianceOverview.rules.exemptPaused")}
                    </th>
                    <th scope="col">{t("complianceOverview.rules.cockpit")}</th>
                  </tr>
                </thead>
                <tbody className="kern-table__body">
                  {rules.map((r) => (
                    <tr key={r.id}>
                      <th scope="row">
                        <Link className="kern-link" to={`/pflichtschulungen/regeln/${r.id}`}>
                          {r.name}
                        </Link>
                      </th>
                      <td>{r.legalBasis || "–"}</td>
                      <td className="num">{n(r.total)}</td>
                      <td className="num">{percent(r.rate) ?? t("complianceOverview.noRate")}</td>
                      <td className="num">{t("complianceOverview.cellDetail", { compliant: n(r.compliant), required: n(r.required) })}</td>
                      <td className="num">{n(r.overdue)}</td>
                      <td className="num">{n(r.dueSoon)}</td>
                      <td className="num">
                        {n(r.exempt)} / {n(r.paused)}
                      </td>
                      <td>
                        <Link className="kern-link" to={`/pflichtschulungen/team?rule=${encodeURIComponent(r.id)}`}>
                          {t("complianceOverview.rules.cockpitLink", { rule: r.name })}
                        </Link>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
