import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { listQuestionnaires } from "~/modules/feedback/questionnaires.server.ts";
import { requireUserWithPermission } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { run } from "~/utils/http.server.ts";
import { formatNumber } from "~/utils/i18n.ts";
import { useLocale } from "~/utils/use-root-data.ts";
import { Alert } from "~/components/forms.tsx";
import { PageHeader } from "~/components/page.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";
import questionnaireStyles from "~/styles/questionnaires.css";

export const meta: MetaFunction = () => [{ title: "Fragebögen – Wirksamkeit – Lernreise" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: questionnaireStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireUserWithPermission(request, "read:questionnaire:any");
  return run(() => listQuestionnaires(db, actor));
}

type Row = Awaited<ReturnType<typeof loader>>["questionnaires"][number];

export default function QuestionnairesPage() {
  const { questionnaires } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const locale = useLocale();
  const [params] = useSearchParams();
  const active = questionnaires.filter((q) => !q.archivedAt);
  const archived = questionnaires.filter((q) => q.archivedAt);
  const table = (rows: Row[], caption: string) => (
    <div className="kern-table-responsive" tabIndex={0} role="region" aria-label={caption}>
      <table className="kern-table kern-table--striped">
        <caption className="kern-title">{caption}</caption>
        <thead className="kern-table__header">
          <tr>
            <th scope="col">{t("feedback.questionnaires.list.name")}</th>
            <th scope="col">{t("feedback.questionnaires.list.kind")}</th>
            <th scope="col" className="num">
              {t("feedback.questionnaires.list.items")}
            </th>
            <th scope="col" className="num">
              {t("feedback.questionnaires.list.trainings")}
            </th>
            <th scope="col" className="num">
              {t("feedback.questionnaires.list.responses")}
            </th>
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {rows.map((q) => (
            <tr key={q.id}>
              <th scope="row">
                <Link className="kern-link" to={`/wirksamkeit/frageboegen/${q.id}`}>
                  {q.title}
                </Link>
                {q.isDefault ? <span className="kern-badge kern-badge--info"> {t("feedback.questionnaires.list.default")}</span> : null}
              </th>
              <td>{t(`feedback.questionnaires.kind.${q.kind}`)}</td>
              <td className="num">{formatNumber(q.items, locale)}</td>
              <td className="num">{formatNumber(q.trainings, locale)}</td>
              <td className="num">{formatNumber(q.responses, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
  return (
    <>
      <PageHeader title={t("feedback.questionnaires.title")} intro={t("feedback.questionnaires.intro")} />
      {params.get("archiviert") ? <Alert tone="success" title={t("feedback.questionnaires.archivedDone")} /> : null}
      <p className="btn-row">
        <Link className="kern-btn kern-btn--primary" to="/wirksamkeit/frageboegen/neu">
          <span className="kern-label">{t("feedback.questionnaires.new")}</span>
        </Link>
      </p>
      {active.length ? table(active, t("feedback.questionnaires.list.caption")) : <p>{t("feedback.questionnaires.list.empty")}</p>}
      {archived.length ? <div className="questionnaire-panel">{table(archived, t("feedback.questionnaires.list.archivedCaption"))}</div> : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
