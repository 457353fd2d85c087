import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { listTemplates } from "~/modules/journeys/templates.server.ts";
import { requireUserWithPermission } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { run } from "~/utils/http.server.ts";
import { formatNumber } from "~/utils/i18n.ts";
import { useLocale } from "~/utils/use-root-data.ts";
import { Alert } from "~/components/forms.tsx";
import { PageHeader } from "~/components/page.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";
import styles from "~/styles/journey-templates.css";

export const meta: MetaFunction = () => [{ title: "Lernreise-Vorlagen – Lernreise" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireUserWithPermission(request, "read:journeytemplate:any");
  const includeArchived = new URL(request.url).searchParams.get("archiv") === "1";
  return { templates: await run(() => listTemplates(db, actor, { includeArchived })) };
}

export default function JourneyTemplatesPage() {
  const { templates } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const locale = useLocale();
  const n = (value: number) => formatNumber(value, locale);
  const includeArchived = params.get("archiv") === "1";
  return (
    <>
      <PageHeader title={t("journeyTemplates.title")} intro={t("journeyTemplates.intro")} />
      {params.get("archiviert") ? <Alert tone="success" title={t("journeyTemplates.archivedDone")} /> : null}
      <p className="btn-row">
        <Link className="kern-btn kern-btn--primary" to="/lernreisen/vorlagen/neu">
          <span className="kern-label">{t("journeyTemplates.newTemplate")}</span>
        </Link>
        <Link className="kern-link" to="/lernreisen/uebersicht">
          {t("journeyTemplates.toOverview")}
        </Link>
        <Link className="kern-link" to={includeArchived ? "/lernreisen/vorlagen" : "/lernreisen/vorlagen?archiv=1"}>
          {includeArchived ? t("journeyTemplates.list.hideArchived") : t("journeyTemplates.list.showArchived")}
        </Link>
      </p>
      {templates.length ? (
        <div className="kern-table-responsive journey-template-scroll" tabIndex={0} role="region" aria-label={t("journeyTemplates.list.caption")}>
          <table className="kern-table kern-table--striped journey-template-table">
            <caption className="kern-title">{t("journeyTemplates.list.caption")}</caption>
            <thead className="kern-table__header">
              <tr>
                <th scope="col">{t("journeyTemplates.list.template")}</th>
                <th scope="col">{t("journeyTemplates.list.programme")}</th>
                <th scope="col" className="num">
                  {t("journeyTemplates.list.steps")}
                </th>
                <th scope="col" className="num">
                  {t("journeyTemplates.list.version")}
                </th>
                <th scope="col" className="num">
                  {t("journeyTemplates.list.journeys")}
                </th>
                <th scope="col" className="num">
                  {t("journeyTemplates.list.running")}
                </th>
                <th scope="col" className="num">
                  {t("journeyTemplates.list.completed")}
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
                    {row.archived ? <span className="kern-badge kern-badge--info"> {t("journeyTemplates.list.archived")}</span> : null}
                    <div className="muted">{t("journeyTemplates.list.duration", { count: row.durationWeeks })}</div>
                  </th>
                  <td>{t(`journeyTemplates.programme.${row.programme}`)}</td>
                  <td className="num">{n(row.steps)}</td>
                  <td className="num">{n(row.version)}</td>
                  <td className="num">{n(row.journeys)}</td>
                  <td className="num">{n(row.running)}</td>
                  <td className="num">{n(row.completed)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t("journeyTemplates.list.empty")}</p>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
