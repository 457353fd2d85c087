import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { cohortView } from "~/modules/journeys/overview.server.ts";
import { requireUserWithPermission } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { run } from "~/utils/http.server.ts";
import { formatDate, formatNumber } from "~/utils/i18n.ts";
import { useLocale } from "~/utils/use-root-data.ts";
import { Alert } from "~/components/forms.tsx";
import { PageHeader } from "~/components/page.tsx";
import { ComplianceBarChart } from "~/components/compliance-overview-charts.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";
import styles from "~/styles/journey-templates.css";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.cohort.title ?? "Gruppe"} – Lernreisen – Lernreise` }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

const STATUSES = ["DRAFT", "PROPOSED", "AGREED", "ACTIVE", "COMPLETED", "CANCELLED"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireUserWithPermission(request, "read:journey:any");
  return run(() => cohortView(db, actor, params.cohortId!));
}

export default function CohortPage() {
  const view = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const locale = useLocale();
  const n = (value: number) => formatNumber(value, locale);
  const pct = (value: number | null) => (value === null ? "–" : `${formatNumber(value, locale)}\u00a0%`);
  const { cohort } = view;
  const created = params.get("angelegt");
  return (
    <>
      <nav className="breadcrumb" aria-label={t("journeyTemplates.breadcrumb")}>
        <ol>
          <li>
            <Link className="kern-link" to="/lernreisen/uebersicht">
              {t("journeys.overview.title")}
            </Link>
          </li>
          <li>
            <Link className="kern-link" to={`/lernreisen/vorlagen/${cohort.template.id}`}>
              {cohort.template.title}
            </Link>
          </li>
          <li>
            <span aria-current="page">{cohort.title}</span>
          </li>
        </ol>
      </nav>
      <PageHeader
        title={cohort.title}
        intro={t("journeyTemplates.cohort.intro", { template: cohort.template.title, date: formatDate(cohort.startsOn, locale), programme: t(`journeyTemplates.programme.${cohort.programme}`) })}
      />
      {created ? <Alert tone="success" title={t("journeyTemplates.cohort.created", { count: Number(created), skipped: Number(params.get("uebersprungen") ?? 0) })} /> : null}
      {cohort.audience ? <p className="muted">{t(`journeyTemplates.assign.kind.${cohort.audience.kind}`)}</p> : null}

      <section aria-labelledby="figures-heading">
        <h2 id="figures-heading" className="kern-heading-medium">
          {t("journeyTemplates.cohort.figures")}
        </h2>
        <ul className="journey-template-figures">
          <li>
            <strong data-testid="cohort-total">{n(view.total)}</strong> {t("journeyTemplates.cohort.journeys")}
          </li>
          <li>
            <strong>{pct(view.avgProgress)}</strong> {t("journeyTemplates.cohort.avgProgress")}
          </li>
          <li>
            <strong>{pct(view.completionRate)}</strong> {t("journeyTemplates.cohort.completionRate")}
          </li>
          <li>
            <strong>{n(view.overdue)}</strong> {t("journeyTemplates.cohort.overdue")}
          </li>
        </ul>
        <div className="kern-table-responsive journey-template-scroll" tabIndex={0} role="region" aria-label={t("journeyTemplates.cohort.byStatus")}>
          <table className="kern-table journey-template-table">
            <caption className="kern-title">{t("journeyTemplates.cohort.byStatus")}</caption>
            <thead className="kern-table__header">
              <tr>
                {STATUSES.map((s) => (
                  <th scope="col" className="num" key={s}>
                    {t(`journeyTemplates.status.${s}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="kern-table__body">
              <tr>
                {STATUSES.map((s) => (
                  <td className="num" key={s}>
                    {n(view.counts[s])}
                  </td>
                ))}
              </tr>
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="phases-heading">
        <h2 id="phases-heading" className="kern-heading-medium">
          {t("journeyTemplates.cohort.phases")}
        </h2>
        {view.phases.length ? (
          <>
            <div className="journey-template-chart">
              <ComplianceBarChart labels={view.phases.map((p) => p.title)} series={[{ label: t("journeyTemplates.cohort.doneShare"), values: view.phases.map((p) => p.percent) }]} label={t("journeyTemplates.cohort.chartLabel")} />
            </div>
            <div className="kern-table-responsive journey-template-scroll" tabIndex={0} role="region" aria-label={t("journeyTemplates.cohort.phasesTable")}>
              <table className="kern-table kern-table--striped journey-template-table">
                <caption className="kern-title">{t("journeyTemplates.cohort.phasesTable")}</caption>
                <thead className="kern-table__header">
                  <tr>
                    <th scope="col">{t("journeyTemplates.cohort.phase")}</th>
                    <th scope="col" className="num">
                      {t("journeyTemplates.cohort.doneSteps")}
                    </th>
                    <th scope="col" className="num">
                      {t("journeyTemplates.cohort.countedSteps")}
                    </th>
                    <th scope="col" className="num">
                      {t("journeyTemplates.cohort.doneShare")}
                    </th>
                    <th scope="col" className="num">
                      {t("journeyTemplates.cohort.overdue")}
                    </th>
                  </tr>
                </thead>
                <tbody className="kern-table__body">
                  {view.phases.map((p) => (
                    <tr key={p.title}>
                      <th scope="row">{p.title}</th>
                      <td className="num">{n(p.done)}</td>
                      <td className="num">{n(p.counted)}</td>
                      <td className="num">{pct(p.percent)}</td>
                      <td className="num">{n(p.overdue)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        ) : (
          <p>{t("journeyTemplates.cohort.noSteps")}</p>
        )}
      </section>

      <section aria-labelledby="participants-heading">
        <h2 id="participants-heading" className="kern-heading-medium">
          {t("journeyTemplates.cohort.participants")}
        </h2>
        <p className="muted">{t("journeyTemplates.cohort.participantsHint")}</p>
        <div className="kern-table-responsive journey-template-scroll" tabIndex={0} role="region" aria-label={t("journeyTemplates.cohort.participants")}>
          <table className="kern-table kern-table--striped journey-template-table" data-testid="cohort-participants">
            <caption className="kern-sr-only">{t("journeyTemplates.cohort.participants")}</caption>
            <thead className="kern-table__header">
              <tr>
                <th scope="col">{t("journeyTemplates.cohort.name")}</th>
                <th scope="col">{t("journeyTemplates.cohort.status")}</th>
                <th scope="col">{t("journeyTemplates.cohort.period")}</th>
                <th scope="col" className="num">
                  {t("journeyTemplates.cohort.progress")}
                </th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {view.participants.map((p) => (
                <tr key={p.journeyId}>
                  <th scope="row">
                    <Link className="kern-link" to={`/lernreisen/${p.journeyId}`}>
                      {p.name}
                    </Link>
                    {p.outdated ? <div className="muted">{t("journeyTemplates.cohort.outdated")}</div> : null}
                  </th>
                  <td>{t(`journeyTemplates.status.${p.status}`)}</td>
                  <td>
                    {formatDate(p.startsOn, locale)} – {formatDate(p.endsOn, locale)}
                  </td>
                  <td className="num">{pct(p.percent)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
