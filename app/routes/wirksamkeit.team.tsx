// Leaders: aggregated transfer results of the trainings of their staff (responses whose
// respondent's unit lies in a led subtree), only for groups the anonymity rules release.
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getTeamEvaluation } from "~/modules/feedback/reports.server.ts";
import { requireUserWithPermission } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { run } from "~/utils/http.server.ts";
import { Alert } from "~/components/forms.tsx";
import { PageHeader } from "~/components/page.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";
import { TooFew, useFigures } from "~/components/feedback-report-body.tsx";
import reportStyles from "~/styles/feedback-report.css";

export const meta: MetaFunction = () => [{ title: "Wirksamkeit im Team – Lernreise" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireUserWithPermission(request, "read:evaluation:team");
  return run(() => getTeamEvaluation(db, actor));
}

type Cell = ReturnType<typeof useLoaderData<typeof loader>>["trainings"][number]["participant"];

function TransferCells({ cell, min }: { cell: Cell; min: number }) {
  const { t } = useTranslation();
  const f = useFigures();
  if (cell.suppressed)
    return (
      <td colSpan={4}>
        <TooFew min={min} />
      </td>
    );
  return (
    <>
      <td className="num">{f.n(cell.responses)}</td>
      <td className="num">{f.pct(cell.transferRate)}</td>
      <td className="num">{f.dec(cell.supportMean)}</td>
      <td>
        {cell.barriers.length ? (
          <ol className="feedback-barriers">
            {cell.barriers.slice(0, 3).map((b) => (
              <li key={b.value}>{t("evaluation.report.barrier", { label: b.label, count: b.count, share: f.pct(b.share) })}</li>
            ))}
          </ol>
        ) : (
          "–"
        )}
      </td>
    </>
  );
}

export default function TeamEvaluationPage() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const head = (group: string) => (
    <>
      <th scope="col" className="num">
        {group}: {t("evaluation.team.responses")}
      </th>
      <th scope="col" className="num">
        {group}: {t("evaluation.team.transferRate")}
      </th>
      <th scope="col" className="num">
        {group}: {t("evaluation.team.support")}
      </th>
      <th scope="col">
        {group}: {t("evaluation.team.barriers")}
      </th>
    </>
  );
  return (
    <>
      <PageHeader title={t("evaluation.team.title")} intro={t("evaluation.team.intro")} />
      <Alert tone="info" title={t("evaluation.privacy", { min: data.minGroup })} />
      {data.trainings.length === 0 ? (
        <p>{t("evaluation.team.empty")}</p>
      ) : (
        <div className="kern-table-responsive" tabIndex={0} role="region" aria-label={t("evaluation.team.caption")}>
          <table className="kern-table kern-table--striped feedback-table">
            <caption className="kern-sr-only">{t("evaluation.team.caption")}</caption>
            <thead className="kern-table__header">
              <tr>
                <th scope="col">{t("evaluation.team.training")}</th>
                {head(t("evaluation.team.participant"))}
                {head(t("evaluation.team.leader"))}
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {data.trainings.map((r) => (
                <tr key={r.training.id}>
                  <th scope="row">
                    {r.training.title} <span className="muted">({r.training.code})</span>
                  </th>
                  <TransferCells cell={r.participant} min={data.minGroup} />
                  <TransferCells cell={r.leader} min={data.minGroup} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
