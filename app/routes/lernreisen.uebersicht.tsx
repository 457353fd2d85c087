import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { journeyOverview, type StatusCounts } from "~/modules/journeys/overview.server.ts";
import { listUnclosableGapsSummary } from "~/modules/journeys/proposal.server.ts";
import { requireUserWithPermission } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { run } from "~/utils/http.server.ts";
import { formatDate, formatNumber } from "~/utils/i18n.ts";
import { useLocale } from "~/utils/use-root-data.ts";
import { PageHeader } from "~/components/page.tsx";
import { ComplianceBarChart } from "~/components/compliance-overview-charts.tsx";
import { JourneyUnclosableGapsSummary } from "~/components/journey-unclosable-gaps-summary.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";
import styles from "~/styles/journey-templates.css";

export const meta: MetaFunction = () => [{ title: "Lernreisen gesamt – Lernreise" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

const STATUSES = ["DRAFT", "PROPOSED", "AGREED", "ACTIVE", "COMPLETED", "CANCELLED"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireUserWithPermission(request, "read:journey:any");
  return run(async () => ({ ...(await journeyOverview(db, actor)), unclosableGaps: await listUnclosableGapsSummary(db, actor) }));
}

function StatusCells({ counts }: { counts: StatusCounts }) {
  const locale = useLocale();
  return (
    <>
      {STATUSES.map((s) => (
        <td className="num" key={s}>
          {formatNumber(counts[s], locale)}
        </td>
      ))}
    </>
  );
}

function StatusHeaders() {
  const { t } = useTranslation();
  return (
    <>
      {STATUSES.map((s) => (
        <th scope="col" className="num" key={s}>
          {t(`journeyTemplates.status.${s}`)}
        </th>
      ))}
    </>
  );
}

export default function JourneyOverviewPage() {
  const { templates, programmes, cohorts, withoutTemplate, unclosableGaps } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const locale = useLocale();
  const n = (value: number) => formatNumber(value, locale);
  const pct = (value: number | null) => (value === null ? "–" : `${formatNumber(value, locale)}\u00a0%`);
  return (
    <>
      <PageHeader title={t("journeys.overview.title")} intro={t("journeys.overview.intro")} />
      <p className="btn-row">
        <Link className="kern-link" to="/lernreisen/vorlagen">
          {t("journeys.overview.toTemplates")}
        </Link>
      </p>

      <section aria-labelledby="programmes-heading">
        <h2 id="programmes-heading" className="kern-heading-medium">
          {t("journeys.overview.programmes")}
        </h2>
        {programmes.length ? (
          <>
            <div className="journey-template-chart">
              <ComplianceBarChart
                labels={programmes.map((p) => t(`journeyTemplates.programme.${p.programme}`))}
                series={[{ label: t("journeys.overview.completionRate"), values: programmes.map((p) => p.completionRate) }]}
                label={t("journeys.overview.chartLabel")}
              />
            </div>
            <div className="kern-table-responsive journey-template-scroll" tabIndex={0} role="region" aria-label={t("journeys.overview.programmes")}>
              <table className="kern-table kern-table--striped journey-template-table" data-testid="overview-programmes">
                <caption className="kern-sr-only">{t("journeys.overview.programmesCaption")}</caption>
                <thead className="kern-table__header">
                  <tr>
                    <th scope="col">{t("journeys.overview.programme")}</th>
                    <StatusHeaders />
                    <th scope="col" className="num">
                      {t("journeys.overview.completionRate")}
                    </th>
                  </tr>
                </thead>
                <tbody className="kern-table__body">
                  {programmes.map((p) => (
                    <tr key={p.programme}>
                      <th scope="row">{t(`journeyTemplates.programme.${p.programme}`)}</th>
                      <StatusCells counts={p.counts} />
                      <td className="num">{pct(p.completionRate)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        ) : (
          <p>{t("journeys.overview.none")}</p>
        )}
        <p className="muted">{t("journeys.overview.rateHint")}</p>
      </section>

      <section aria-labelledby="templates-heading">
        <h2 id="templates-heading" className="kern-heading-medium">
          {t("journeys.overview.templates")}
        </h2>
        <div className="kern-table-responsive journey-template-scroll" tabIndex={0} role="region" aria-label={t("journeys.overview.templates")}>
          <table className="kern-table kern-table--striped journey-template-table">
            <caption className="kern-sr-only">{t("journeys.overview.templatesCaption")}</caption>
            <thead className="kern-table__header">
              <tr>
                <th scope="col">{t("journeys.overview.template")}</th>
                <StatusHeaders />
                <th scope="col" className="num">
                  {t("journeys.overview.completionRate")}
                </th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {templates.map((row) => (
                <tr key={row.id}>
                  <th scope="row">
                    <Link className="kern-link" to={`/lernreisen/vorlagen/${row.id}`}>
                      {row.title}
                    </Link>
                    <div className="muted">
                      {t(`journeyTemplates.programme.${row.programme}`)} · {t("journeyTemplates.list.versionShort", { version: row.version })}
                    </div>
                  </th>
                  <StatusCells counts={row.counts} />
                  <td className="num">{pct(row.completionRate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="cohorts-heading">
        <h2 id="cohorts-heading" className="kern-heading-medium">
          {t("journeys.overview.cohorts")}
        </h2>
        {cohorts.length ? (
          <div className="kern-table-responsive journey-template-scroll" tabIndex={0} role="region" aria-label={t("journeys.overview.cohorts")}>
            <table className="kern-table kern-table--striped journey-template-table" data-testid="overview-cohorts">
              <caption className="kern-sr-only">{t("journeys.overview.cohortsCaption")}</caption>
              <thead className="kern-table__header">
                <tr>
                  <th scope="col">{t("journeys.overview.cohort")}</th>
                  <th scope="col">{t("journeys.overview.startsOn")}</th>
                  <th scope="col" className="num">
                    {t("journeys.overview.journeys")}
                  </th>
                  <th scope="col" className="num">
                    {t("journeys.overview.avgProgress")}
                  </th>
                  <th scope="col" className="num">
                    {t("journeys.overview.completionRate")}
                  </th>
                  <th scope="col" className="num">
                    {t("journeys.overview.overdue")}
                  </th>
                </tr>
              </thead>
              <tbody className="kern-table__body">
                {cohorts.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">
                      <Link className="kern-link" to={`/lernreisen/kohorten/${c.id}`}>
                        {c.title}
                      </Link>
                      <div className="muted">{c.templateTitle}</div>
                    </th>
                    <td>{formatDate(c.startsOn, locale)}</td>
                    <td className="num">{n(c.total)}</td>
                    <td className="num">{pct(c.avgProgress)}</td>
                    <td className="num">{pct(c.completionRate)}</td>
                    <td className="num">{n(c.overdue)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>{t("journeys.overview.noCohorts")}</p>
        )}
      </section>

      <section aria-labelledby="without-heading">
        <h2 id="without-heading" className="kern-heading-medium">
          {t("journeys.overview.withoutTemplate")}
        </h2>
        {withoutTemplate.length ? (
          <div className="kern-table-responsive journey-template-scroll" tabIndex={0} role="region" aria-label={t("journeys.overview.withoutTemplate")}>
            <table className="kern-table kern-table--striped journey-template-table">
              <caption className="kern-sr-only">{t("journeys.overview.withoutTemplateCaption")}</caption>
              <thead className="kern-table__header">
                <tr>
                  <th scope="col">{t("journeys.overview.goalKind")}</th>
                  <StatusHeaders />
                  <th scope="col" className="num">
                    {t("journeys.overview.completionRate")}
                  </th>
                </tr>
              </thead>
              <tbody className="kern-table__body">
                {withoutTemplate.map((row) => (
                  <tr key={row.goalKind}>
                    <th scope="row">{t(`journeys.overview.goal.${row.goalKind}`)}</th>
                    <StatusCells counts={row.counts} />
                    <td className="num">{pct(row.completionRate)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>{t("journeys.overview.none")}</p>
        )}
      </section>

      <JourneyUnclosableGapsSummary rows={unclosableGaps} />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
