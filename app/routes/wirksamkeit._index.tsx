// HR development's overview of training effectiveness: per training, provider and period, every
// figure only for groups the anonymity rules release (docs/decisions/023).
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { getEvaluationOverview, parsePeriodRange } from "~/modules/feedback/reports.server.ts";
import { requireUserWithPermission } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { run } from "~/utils/http.server.ts";
import { Alert } from "~/components/forms.tsx";
import { FilterForm, PageHeader } from "~/components/page.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";
import { monthLabel, TooFew, useFigures } from "~/components/feedback-report-body.tsx";
import reportStyles from "~/styles/feedback-report.css";

export const meta: MetaFunction = () => [{ title: "Wirksamkeit – Lernreise" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireUserWithPermission(request, "read:evaluation:any");
  const url = new URL(request.url);
  const providerParam = url.searchParams.get("provider");
  return run(async () => {
    const range = parsePeriodRange(url.searchParams.get("from"), url.searchParams.get("to"));
    // "" is a real value (responses without a provider); no parameter means all providers.
    const provider = providerParam === null || providerParam === "__all" ? null : providerParam;
    return getEvaluationOverview(db, actor, { ...range, provider });
  });
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;
type Cell = Data["trainings"][number]["cells"]["IMMEDIATE"];

function Cells({ immediate, transfer, min, withRate }: { immediate: Cell; transfer: Cell; min: number; withRate: boolean }) {
  const f = useFigures();
  return (
    <>
      {immediate.suppressed ? (
        <td colSpan={withRate ? 3 : 2}>
          <TooFew min={min} />
        </td>
      ) : (
        <>
          <td className="num">{f.n(immediate.responses)}</td>
          {withRate ? <td className="num">{f.pct(immediate.requests?.rate ?? null)}</td> : null}
          <td className="num">{f.nps(immediate.nps)}</td>
        </>
      )}
      {transfer.suppressed ? (
        <td colSpan={2}>
          <TooFew min={min} />
        </td>
      ) : (
        <>
          <td className="num">{f.n(transfer.responses)}</td>
          <td className="num">{f.pct(transfer.transferRate)}</td>
        </>
      )}
    </>
  );
}

function Table({ caption, first, rows, min, withRate }: { caption: string; first: string; rows: { key: string; label: ReactNode; cells: Data["trainings"][number]["cells"] }[]; min: number; withRate: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="kern-table-responsive" tabIndex={0} role="region" aria-label={caption}>
      <table className="kern-table kern-table--striped feedback-table">
        <caption className="kern-sr-only">{caption}</caption>
        <thead className="kern-table__header">
          <tr>
            <th scope="col">{first}</th>
            <th scope="col" className="num">
              {t("evaluation.overview.responses")}
            </th>
            {withRate ? (
              <th scope="col" className="num">
                {t("evaluation.overview.responseRate")}
              </th>
            ) : null}
            <th scope="col" className="num">
              {t("evaluation.overview.nps")}
            </th>
            <th scope="col" className="num">
              {t("evaluation.overview.transferResponses")}
            </th>
            <th scope="col" className="num">
              {t("evaluation.overview.transferRate")}
            </th>
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.label}</th>
              <Cells immediate={r.cells.IMMEDIATE} transfer={r.cells.TRANSFER_PARTICIPANT} min={min} withRate={withRate} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function EvaluationOverviewPage() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const f = useFigures();
  const query = new URLSearchParams();
  if (data.filters.from) query.set("from", data.filters.from);
  if (data.filters.to) query.set("to", data.filters.to);
  const reportHref = (id: string) => `/wirksamkeit/schulungen/${id}${query.size ? `?${query}` : ""}`;
  const providerLabel = (p: string) => p || t("evaluation.filters.noProvider");
  return (
    <>
      <PageHeader title={t("evaluation.overview.title")} intro={t("evaluation.overview.intro")} />
      <Alert tone="info" title={t("evaluation.privacy", { min: data.minGroup })} />
      <p>
        <Link className="kern-link" to="/wirksamkeit/frageboegen">
          {t("evaluation.overview.questionnaires")}
        </Link>
      </p>
      <FilterForm label={t("evaluation.filters.label")}>
        <div className="kern-form-input">
          <label className="kern-label" htmlFor="provider">
            {t("evaluation.filters.provider")}
          </label>
          <div className="kern-form-input__select-wrapper">
            <select className="kern-form-input__select" id="provider" name="provider" defaultValue={data.filters.provider ?? "__all"}>
              <option value="__all">{t("evaluation.filters.allProviders")}</option>
              {data.providers.map((p) => (
                <option key={p} value={p}>
                  {providerLabel(p)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="kern-form-input">
          <label className="kern-label" htmlFor="from">
            {t("evaluation.filters.from")}
          </label>
          <input className="kern-form-input__input" type="month" id="from" name="from" defaultValue={data.filters.from ?? ""} placeholder="2026-01" />
        </div>
        <div className="kern-form-input">
          <label className="kern-label" htmlFor="to">
            {t("evaluation.filters.to")}
          </label>
          <input className="kern-form-input__input" type="month" id="to" name="to" defaultValue={data.filters.to ?? ""} placeholder="2026-12" />
        </div>
      </FilterForm>
      <details className="kern-body">
        <summary>{t("evaluation.overview.definitionsTitle")}</summary>
        <p>{t("evaluation.overview.definitions")}</p>
      </details>

      {data.trainings.length === 0 ? (
        <p>{t("evaluation.overview.empty")}</p>
      ) : (
        <>
          <section className="feedback-section" aria-labelledby="trainings">
            <h2 id="trainings" className="kern-heading-medium">
              {t("evaluation.overview.trainings")}
            </h2>
            <Table
              caption={t("evaluation.overview.trainings")}
              first={t("evaluation.overview.training")}
              min={data.minGroup}
              withRate
              rows={data.trainings.map((r) => ({
                key: r.key,
                label: (
                  <Link className="kern-link" to={reportHref(r.training.id)}>
                    {r.training.title} <span className="muted">({r.training.code})</span>
                  </Link>
                ),
                cells: r.cells,
              }))}
            />
          </section>
          <section className="feedback-section" aria-labelledby="providers">
            <h2 id="providers" className="kern-heading-medium">
              {t("evaluation.overview.providers")}
            </h2>
            <Table caption={t("evaluation.overview.providers")} first={t("evaluation.overview.provider")} min={data.minGroup} withRate={false} rows={data.byProvider.map((r) => ({ key: r.key || "none", label: providerLabel(r.key), cells: r.cells }))} />
          </section>
          <section className="feedback-section" aria-labelledby="periods">
            <h2 id="periods" className="kern-heading-medium">
              {t("evaluation.overview.periods")}
            </h2>
            <Table caption={t("evaluation.overview.periods")} first={t("evaluation.overview.period")} min={data.minGroup} withRate={false} rows={data.byPeriod.map((r) => ({ key: r.key, label: monthLabel(r.key, f.locale), cells: r.cells }))} />
          </section>
        </>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
