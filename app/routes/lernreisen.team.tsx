// "Lernreisen im Team" for leaders: journeys waiting for their agreement first, then running
// journeys with progress and overdue steps; filters by unit and status; sorted by name, no ranking.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getTeamJourneys, parseTeamJourneyQuery } from "~/modules/journeys/team.server.ts";
import { requireUserWithPermission } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { run } from "~/utils/http.server.ts";
import { formatDate, formatNumber } from "~/utils/i18n.ts";
import { useLocale } from "~/utils/use-root-data.ts";
import { SelectField } from "~/components/forms.tsx";
import { FilterForm, PageHeader } from "~/components/page.tsx";
import { Pagination } from "~/components/people-table.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";

export const meta: MetaFunction = () => [{ title: "Lernreisen im Team – Lernreise" }];

// Mirrors TEAM_STATUS_FILTERS of the module (server-only).
const STATUS_FILTERS = ["RUNNING", "AGREED", "ACTIVE", "OVERDUE", "COMPLETED"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireUserWithPermission(request, "read:journey:team");
  const query = parseTeamJourneyQuery(new URL(request.url).searchParams);
  return run(() => getTeamJourneys(db, actor, query));
}

export default function TeamJourneysPage() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const locale = useLocale();
  const n = (value: number) => formatNumber(value, locale);
  const day = (value: string) => formatDate(`${value}T12:00:00Z`, locale);
  const name = (p: { firstName: string; lastName: string }) => `${p.lastName}, ${p.firstName}`;
  const unit = (p: { orgUnit: { code: string; name: string } | null }) => (p.orgUnit ? `${p.orgUnit.code} ${p.orgUnit.name}` : "–");
  const topDepth = data.units[0]?.depth ?? 0;
  return (
    <>
      <PageHeader title={t("journeys.team.title")} intro={t("journeys.team.intro")} />
      <FilterForm label={t("journeys.team.filterLabel")}>
        <SelectField
          label={t("journeys.team.unit")}
          options={[
            { value: "", label: t("journeys.team.allUnits") },
            ...data.units.map((u) => ({ value: u.id, label: `${"\u00a0\u00a0".repeat(Math.max(0, u.depth - topDepth))}${u.code} ${u.name}` })),
          ]}
          selectProps={{ id: "unit", name: "unit", defaultValue: data.selectedUnitId ?? "" }}
        />
        <SelectField
          label={t("journeys.team.status")}
          options={STATUS_FILTERS.map((s) => ({ value: s, label: t(`journeys.team.statusFilter.${s}`) }))}
          selectProps={{ id: "status", name: "status", defaultValue: data.status }}
        />
      </FilterForm>

      <section aria-labelledby="pending-heading">
        <h2 id="pending-heading" className="kern-heading-medium">
          {t("journeys.team.pending.title", { count: data.pending.total, formatted: n(data.pending.total) })}
        </h2>
        {data.pending.total === 0 ? (
          <p className="kern-body">{t("journeys.team.pending.empty")}</p>
        ) : (
          <>
            <p className="kern-body">{t("journeys.team.pending.intro")}</p>
            <div className="kern-table-responsive" tabIndex={0} role="region" aria-labelledby="pending-heading">
              <table className="kern-table kern-table--striped">
                <caption className="kern-sr-only">{t("journeys.team.pending.caption")}</caption>
                <thead className="kern-table__header">
                  <tr>
                    <th scope="col">{t("journeys.team.col.person")}</th>
                    <th scope="col">{t("journeys.team.col.unit")}</th>
                    <th scope="col">{t("journeys.team.col.journey")}</th>
                    <th scope="col" className="num">
                      {t("journeys.team.col.steps")}
                    </th>
                    <th scope="col">{t("journeys.team.col.period")}</th>
                    <th scope="col">{t("journeys.team.col.proposedAt")}</th>
                  </tr>
                </thead>
                <tbody className="kern-table__body">
                  {data.pending.rows.map((j) => (
                    <tr key={j.id}>
                      <th scope="row">{name(j.person)}</th>
                      <td>{unit(j.person)}</td>
                      <td>
                        <Link className="kern-link" to={`/lernreisen/${j.id}`}>
                          {j.title}
                        </Link>
                      </td>
                      <td className="num">{n(j.steps)}</td>
                      <td>{t("journeys.team.period", { from: day(j.startsOn), to: day(j.endsOn) })}</td>
                      <td>{formatDate(j.proposedAt, locale)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {data.pending.total > data.pending.rows.length ? (
              <p className="kern-body muted">{t("journeys.team.pending.more", { shown: n(data.pending.rows.length), total: n(data.pending.total) })}</p>
            ) : null}
          </>
        )}
      </section>

      <section aria-labelledby="journeys-heading">
        <h2 id="journeys-heading" className="kern-heading-medium">
          {t(`journeys.team.list.${data.status}`)}
        </h2>
        {data.journeys.length === 0 ? (
          <p className="kern-body">{t("journeys.team.list.empty")}</p>
        ) : (
          <div className="kern-table-responsive" tabIndex={0} role="region" aria-labelledby="journeys-heading">
            <table className="kern-table kern-table--striped">
              <caption className="kern-sr-only">{t("journeys.team.list.caption")}</caption>
              <thead className="kern-table__header">
                <tr>
                  <th scope="col">{t("journeys.team.col.person")}</th>
                  <th scope="col">{t("journeys.team.col.unit")}</th>
                  <th scope="col">{t("journeys.team.col.journey")}</th>
                  <th scope="col">{t("journeys.team.col.status")}</th>
                  <th scope="col">{t("journeys.team.col.progress")}</th>
                  <th scope="col">{t("journeys.team.col.overdue")}</th>
                  <th scope="col">{t("journeys.team.col.endsOn")}</th>
                </tr>
              </thead>
              <tbody className="kern-table__body">
                {data.journeys.map((j) => (
                  <tr key={j.id}>
                    <th scope="row">{name(j.person)}</th>
                    <td>{unit(j.person)}</td>
                    <td>
                      <Link className="kern-link" to={`/lernreisen/${j.id}`}>
                        {j.title}
                      </Link>
                    </td>
                    <td>{t(`journeys.team.statusLabel.${j.status}`)}</td>
                    <td>
                      <progress className="journey-team-progress" value={j.progress.done} max={Math.max(1, j.progress.total)} aria-hidden="true" />{" "}
                      {t("journeys.team.progress", { done: n(j.progress.done), total: n(j.progress.total), percent: n(j.progress.percent) })}
                    </td>
                    <td>
                      {j.overdueCount === 0 ? (
                        <span className="muted">{t("journeys.team.noOverdue")}</span>
                      ) : (
                        <>
                          <strong>{t("journeys.team.overdueCount", { count: j.overdueCount, formatted: n(j.overdueCount) })}</strong>
                          <ul className="journey-team-overdue">
                            {j.overdueSteps.map((s) => (
                              <li key={s.id}>{t("journeys.team.overdueStep", { step: s.title, date: day(s.dueOn) })}</li>
                            ))}
                          </ul>
                        </>
                      )}
                    </td>
                    <td>{day(j.endsOn)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pagination page={data.page} pageCount={data.pageCount} total={data.total} />
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
