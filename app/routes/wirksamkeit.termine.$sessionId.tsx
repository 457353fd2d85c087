// The evaluation report of one session: for HR development and for the session's own trainer.
// Other people get 403; a session below the minimum group shows no numbers (docs/decisions/023).
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { canReadAnyEvaluation, getSessionReport } from "~/modules/feedback/reports.server.ts";
import { requireUserWithPermission } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { run } from "~/utils/http.server.ts";
import { formatDate } from "~/utils/i18n.ts";
import { Alert } from "~/components/forms.tsx";
import { PageHeader } from "~/components/page.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";
import { ReportBody, useFigures } from "~/components/feedback-report-body.tsx";
import reportStyles from "~/styles/feedback-report.css";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data ? `Wirksamkeit: ${data.report.training.title}` : "Wirksamkeit"} – Lernreise` }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportStyles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireUserWithPermission(request, "read:evaluation:own");
  const report = await run(() => getSessionReport(db, actor, params.sessionId ?? ""));
  return { report, hr: canReadAnyEvaluation(actor) };
}

export default function SessionReportPage() {
  const { report, hr } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const f = useFigures();
  const date = report.session ? formatDate(report.session.startsAt, f.locale) : "";
  return (
    <>
      {hr ? (
        <nav className="breadcrumb" aria-label={t("evaluation.nav.reports")}>
          <ol>
            <li>
              <Link className="kern-link" to="/wirksamkeit">
                {t("evaluation.nav.reports")}
              </Link>
            </li>
            <li>
              <Link className="kern-link" to={`/wirksamkeit/schulungen/${report.training.id}`}>
                {report.training.title}
              </Link>
            </li>
            <li>
              <span aria-current="page">{date}</span>
            </li>
          </ol>
        </nav>
      ) : null}
      <PageHeader title={t("evaluation.report.sessionTitle", { date })} intro={`${report.training.title} · ${t("evaluation.report.intro", { code: report.training.code, provider: report.training.provider || "–" })}`} />
      <Alert tone="info" title={t("evaluation.privacy", { min: report.minGroup })} />
      {hr ? (
        <p>
          <Link className="kern-link" to={`/wirksamkeit/schulungen/${report.training.id}`}>
            {t("evaluation.report.trainingLink")}
          </Link>
        </p>
      ) : null}
      <ReportBody report={report} />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
