// HR development's evaluation report of one training: key figures, items with charts and tables,
// comparison of sessions, trend; exports. Small groups show no numbers (docs/decisions/023).
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getTrainingReport, reportFilters } from "~/modules/feedback/reports.server.ts";
import { requireUserWithPermission } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { run } from "~/utils/http.server.ts";
import { formatDate } from "~/utils/i18n.ts";
import { Alert } from "~/components/forms.tsx";
import { FilterForm, PageHeader } from "~/components/page.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";
import { ReportBody, useFigures } from "~/components/feedback-report-body.tsx";
import reportStyles from "~/styles/feedback-report.css";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data ? `Wirksamkeit: ${data.training.title}` : "Wirksamkeit"} – Lernreise` }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportStyles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireUserWithPermission(request, "read:evaluation:any");
  return run(async () => getTrainingReport(db, actor, params.trainingId ?? "", reportFilters(request)));
}

export default function TrainingReportPage() {
  const report = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const f = useFigures();
  const query = new URLSearchParams();
  if (report.filters.from) query.set("from", report.filters.from);
  if (report.filters.to) query.set("to", report.filters.to);
  if (report.filters.sessionId) query.set("session", report.filters.sessionId);
  const suffix = query.size ? `?${query}` : "";
  const base = `/wirksamkeit/schulungen/${report.training.id}`;
  return (
    <>
      <nav className="breadcrumb" aria-label={t("evaluation.nav.reports")}>
        <ol>
          <li>
            <Link className="kern-link" to="/wirksamkeit">
              {t("evaluation.nav.reports")}
            </Link>
          </li>
          <li>
            <span aria-current="page">{report.training.title}</span>
          </li>
        </ol>
      </nav>
      <PageHeader title={t("evaluation.report.title", { training: report.training.title })} intro={t("evaluation.report.intro", { code: report.training.code, provider: report.training.provider || "–" })} />
      <p>
        <Link className="kern-link" to={`/schulungen/${report.training.id}`}>
          {t("evaluation.report.catalogueLink")}
        </Link>
      </p>
      <Alert tone="info" title={t("evaluation.privacy", { min: report.minGroup })} />
      <FilterForm label={t("evaluation.filters.label")}>
        <div className="kern-form-input">
          <label className="kern-label" htmlFor="from">
            {t("evaluation.filters.from")}
          </label>
          <input className="kern-form-input__input" type="month" id="from" name="from" defaultValue={report.filters.from ?? ""} placeholder="2026-01" />
        </div>
        <div className="kern-form-input">
          <label className="kern-label" htmlFor="to">
            {t("evaluation.filters.to")}
          </label>
          <input className="kern-form-input__input" type="month" id="to" name="to" defaultValue={report.filters.to ?? ""} placeholder="2026-12" />
        </div>
        <div className="kern-form-input">
          <label className="kern-label" htmlFor="session">
            {t("evaluation.filters.session")}
          </label>
          <div className="kern-form-input__select-wrapper">
            <select className="kern-form-input__select" id="session" name="session" defaultValue={report.filters.sessionId ?? ""}>
              <option value="">{t("evaluation.filters.allSessions")}</option>
              {report.sessions.map((s) => (
                <option key={s.id} value={s.id}>
                  {formatDate(s.startsAt, f.locale)}
                  {s.location ? `, ${s.location}` : ""}
                </option>
              ))}
            </select>
          </div>
        </div>
      </FilterForm>
      <section aria-labelledby="exports">
        <h2 id="exports" className="kern-heading-small">
          {t("evaluation.report.exports")}
        </h2>
        <p className="feedback-exports">
          <a className="kern-link" href={`${base}.csv${suffix}`} download>
            {t("evaluation.report.csv")}
          </a>
          <a className="kern-link" href={`${base}.xlsx${suffix}`} download>
            {t("evaluation.report.xlsx")}
          </a>
          <a className="kern-link" href={`${base}.pdf${suffix}`} download>
            {t("evaluation.report.pdf")}
          </a>
        </p>
      </section>
      <ReportBody report={report} sessionLinks />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
