import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { listRules } from "~/modules/compliance/rules.server.ts";
import { requireUserWithPermission } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { run } from "~/utils/http.server.ts";
import { formatDate, formatNumber } from "~/utils/i18n.ts";
import { useLocale } from "~/utils/use-root-data.ts";
import { Alert } from "~/components/forms.tsx";
import { PageHeader } from "~/components/page.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";
import rulesStyles from "~/styles/compliance-rules.css";

export const meta: MetaFunction = () => [{ title: "Pflichtschulungs-Regeln – Lernreise" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: rulesStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireUserWithPermission(request, "read:compliancerule:any");
  const includeArchived = new URL(request.url).searchParams.get("archiv") === "1";
  return run(() => listRules(db, actor, { includeArchived }));
}

export default function ComplianceRulesPage() {
  const { rules, today } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const locale = useLocale();
  const includeArchived = params.get("archiv") === "1";
  const success = params.get("angelegt") ? "complianceRules.created" : params.get("gespeichert") ? "complianceRules.saved" : params.get("archiviert") ? "complianceRules.archivedDone" : null;
  const n = (value: number) => formatNumber(value, locale);
  const dayMonth = (month: number | null, day: number | null) =>
    month && day ? new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "de-DE", { day: "numeric", month: "long", timeZone: "UTC" }).format(new Date(Date.UTC(2024, month - 1, day))) : "–";
  return (
    <>
      <PageHeader title={t("complianceRules.title")} intro={t("complianceRules.intro")} />
      {success ? <Alert tone="success" title={t(success)} /> : null}
      <p className="btn-row">
        <Link className="kern-btn kern-btn--primary" to="/pflichtschulungen/regeln/neu">
          <span className="kern-label">{t("complianceRules.newRule")}</span>
        </Link>
        <Link className="kern-link" to={includeArchived ? "/pflichtschulungen/regeln" : "/pflichtschulungen/regeln?archiv=1"}>
          {includeArchived ? t("complianceRules.list.hideArchived") : t("complianceRules.list.showArchived")}
        </Link>
      </p>
      {rules.length ? (
        <div className="kern-table-responsive rule-scroll" tabIndex={0} role="region" aria-label={t("complianceRules.list.caption")}>
          <table className="kern-table kern-table--striped rule-table">
            <caption className="kern-title">
              {t("complianceRules.list.caption")} ({formatDate(today, locale)})
            </caption>
            <thead className="kern-table__header">
              <tr>
                <th scope="col">{t("complianceRules.list.name")}</th>
                <th scope="col">{t("complianceRules.list.trainings")}</th>
                <th scope="col">{t("complianceRules.list.recurrence")}</th>
                <th scope="col" className="num">
                  {t("complianceRules.list.open")}
                </th>
                <th scope="col" className="num">
                  {t("complianceRules.list.compliant")}
                </th>
                <th scope="col" className="num">
                  {t("complianceRules.list.overdue")}
                </th>
                <th scope="col" className="num">
                  {t("complianceRules.list.dueSoon")}
                </th>
                <th scope="col" className="num">
                  {t("complianceRules.list.rate")}
                </th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {rules.map((rule) => (
                <tr key={rule.id} className={rule.archivedAt ? "rule-archived" : undefined}>
                  <th scope="row">
                    <Link className="kern-link" to={`/pflichtschulungen/regeln/${rule.id}`}>
                      {rule.name}
                    </Link>
                    {rule.archivedAt ? <span className="kern-badge kern-badge--info"> {t("complianceRules.list.archived")}</span> : null}
                    <div className="muted">{rule.legalBasis}</div>
                  </th>
                  <td>
                    <ul className="rule-list">
                      {rule.trainings.map((tr) => (
                        <li key={tr.id}>
                          {tr.code} {tr.title}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td>{t(`complianceRules.recurrenceSummary.${rule.recurrence}`, { count: rule.intervalMonths ?? 0, date: dayMonth(rule.yearlyMonth, rule.yearlyDay) })}</td>
                  <td className="num">{n(rule.coverage.open)}</td>
                  <td className="num">{n(rule.coverage.compliant)}</td>
                  <td className="num">{n(rule.coverage.overdue)}</td>
                  <td className="num">{n(rule.coverage.dueSoon)}</td>
                  <td className="num">{rule.coverage.rate === null ? "–" : formatNumber(rule.coverage.rate, locale, { style: "percent", maximumFractionDigits: 0 })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t("complianceRules.list.empty")}</p>
      )}
      <p className="muted">{t("complianceRules.list.rateHint")}</p>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
