import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getOrganisationGaps } from "~/modules/assessment/organisation.server.ts";
import { refreshGapReport } from "~/modules/assessment/gap-report.server.ts";
import { recordAudit } from "~/modules/audit/audit.server.ts";
import { requireUserWithPermission } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { getEnv } from "~/utils/env.server.ts";
import { run } from "~/utils/http.server.ts";
import { formatDateTime, formatNumber } from "~/utils/i18n.ts";
import { useLocale } from "~/utils/use-root-data.ts";
import { Alert } from "~/components/forms.tsx";
import { PageHeader } from "~/components/page.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";

export const meta: MetaFunction = () => [{ title: "Kompetenzlücken – Lernreise" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireUserWithPermission(request, "read:profile:any");
  const unitId = new URL(request.url).searchParams.get("unit") || null;
  return run(() => getOrganisationGaps(db, actor, { unitId }, { validityMonths: getEnv().LEVEL_VALIDITY_MONTHS }));
}

/** HR recomputes the report now (the worker also does it every few minutes). */
export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireUserWithPermission(request, "read:profile:any");
  const report = await refreshGapReport(db, { requestedById: actor.userId });
  await recordAudit(db, { actorUserId: actor.userId, action: "gaps.report-refresh", entityType: "GapReportRun", entityId: report.id, summary: `${report.people} Personen, ${report.durationMs} ms` });
  const unit = new URL(request.url).searchParams.get("unit");
  return redirect(`/auswertungen/kompetenzluecken${unit ? `?unit=${encodeURIComponent(unit)}` : ""}`);
}

export default function OrganisationGapsPage() {
  const { scope, breadcrumb, columns, rows, totalPeople, minGroup, tooSmall, computedAt } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const locale = useLocale();
  const query = scope ? `?unit=${scope.id}` : "";
  const cellText = (cell: { required: number; below: number; averageGap: number } | null) =>
    cell ? t("orgGaps.cell", { below: cell.below, required: cell.required, gap: formatNumber(cell.averageGap, locale, { maximumFractionDigits: 2 }) }) : t("orgGaps.hidden");
  return (
    <>
      <nav className="breadcrumb" aria-label={t("org.breadcrumb")}>
        <ol>
          <li>{scope ? <Link className="kern-link" to="/auswertungen/kompetenzluecken">{t("orgGaps.root")}</Link> : <span aria-current="page">{t("orgGaps.root")}</span>}</li>
          {breadcrumb.map((b) => (
            <li key={b.id}>
              {b.id === scope?.id ? (
                <span aria-current="page">
                  {b.code} {b.name}
                </span>
              ) : (
                <Link className="kern-link" to={`?unit=${b.id}`}>
                  {b.code} {b.name}
                </Link>
              )}
            </li>
          ))}
        </ol>
      </nav>
      <PageHeader title={t("orgGaps.title")} intro={t("orgGaps.intro")} />
      <Alert tone="info" title={t("orgGaps.privacy", { min: minGroup })} />
      <Form method="post" className="btn-row report-freshness">
        <p className="muted">{t("orgGaps.asOf", { date: formatDateTime(computedAt, locale) })}</p>
        <button type="submit" className="kern-btn kern-btn--secondary" disabled={navigation.state === "submitting"}>
          <span className="kern-label">{navigation.state === "submitting" ? t("orgGaps.refreshing") : t("orgGaps.refresh")}</span>
        </button>
      </Form>
      {tooSmall ? (
        <p>{t("orgGaps.tooSmall", { min: minGroup })}</p>
      ) : rows.length ? (
        <>
          <p className="btn-row">
            <span className="muted">{t("orgGaps.people", { count: totalPeople })}</span>
            <a className="kern-link" href={`/auswertungen/kompetenzluecken.csv${query}`} download>
              {t("orgGaps.exportCsv")}
            </a>
            <a className="kern-link" href={`/auswertungen/kompetenzluecken.xlsx${query}`} download>
              {t("orgGaps.exportXlsx")}
            </a>
          </p>
          <div className="kern-table-responsive" tabIndex={0} role="region" aria-label={t("orgGaps.caption")}>
            <table className="kern-table kern-table--striped">
              <caption className="kern-sr-only">{t("orgGaps.caption")}</caption>
              <thead className="kern-table__header">
                <tr>
                  <th scope="col">{t("orgGaps.competency")}</th>
                  <th scope="col">{t("orgGaps.total")}</th>
                  {columns.map((c) => (
                    <th scope="col" key={c.id}>
                      {c.id === "__rest" ? (
                        t("orgGaps.rest")
                      ) : (
                        <Link className="kern-link" to={`?unit=${c.id}`} aria-label={t("orgGaps.drill", { unit: c.label })}>
                          {c.label}
                        </Link>
                      )}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="kern-table__body">
                {rows.map((r) => (
                  <tr key={r.competency.lineageId}>
                    <th scope="row">
                      {r.competency.code} {r.competency.name}
                    </th>
                    <td>{cellText(r.total)}</td>
                    {r.cells.map((cell, i) => (
                      <td key={columns[i]!.id}>{cellText(cell)}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : (
        <p>{t("orgGaps.empty")}</p>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
