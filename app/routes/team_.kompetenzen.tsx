import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { getTeamHeatmap } from "~/modules/assessment/team.server.ts";
import { requireUserWithPermission } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { getEnv } from "~/utils/env.server.ts";
import { run } from "~/utils/http.server.ts";
import { SelectField } from "~/components/forms.tsx";
import { FilterForm, PageHeader } from "~/components/page.tsx";
import { Pagination } from "~/components/people-table.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";

export const meta: MetaFunction = () => [{ title: "Team-Kompetenzen – Lernreise" }];

const QuerySchema = z.object({
  unit: z.string().max(50).optional().catch(undefined),
  cluster: z.string().max(50).optional().catch(undefined),
  page: z.coerce.number().int().min(1).catch(1).default(1),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireUserWithPermission(request, "read:person:team");
  const query = QuerySchema.parse(Object.fromEntries([...new URL(request.url).searchParams].filter(([, v]) => v !== "")));
  const heatmap = await run(() => getTeamHeatmap(db, actor, { unitId: query.unit, clusterId: query.cluster, page: query.page }, { validityMonths: getEnv().LEVEL_VALIDITY_MONTHS }));
  return { ...heatmap, query };
}

export default function TeamCompetenciesPage() {
  const { columns, rows, clusters, units, openRounds, total, page, pageCount, query } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const gapClass = (gap: number) => (gap === 0 ? "heat heat--met" : gap === 1 ? "heat heat--small" : "heat heat--large");
  return (
    <>
      <PageHeader title={t("teamCompetencies.title")} intro={t("teamCompetencies.intro")} />
      <p>
        <Link className="kern-link" to="/einschaetzungen">
          {t("teamCompetencies.openRounds", { open: openRounds.OPEN ?? 0, self: openRounds.SELF_ASSESSED ?? 0, leader: openRounds.LEADER_RATED ?? 0 })}
        </Link>
      </p>
      <FilterForm label={t("teamCompetencies.filterLabel")}>
        <SelectField
          label={t("filter.unit")}
          options={[{ value: "", label: t("filter.allMyUnits") }, ...units.map((u) => ({ value: u.id, label: `${"\u00a0\u00a0".repeat(Math.max(0, u.depth - (units[0]?.depth ?? 0)))}${u.code} ${u.name}` }))]}
          selectProps={{ id: "unit", name: "unit", defaultValue: query.unit ?? "" }}
        />
        <SelectField
          label={t("teamCompetencies.cluster")}
          options={[{ value: "", label: t("teamCompetencies.allClusters") }, ...clusters.map((c) => ({ value: c.id, label: `${c.code} ${c.name}` }))]}
          selectProps={{ id: "cluster", name: "cluster", defaultValue: query.cluster ?? "" }}
        />
      </FilterForm>
      <ul className="heat-legend" aria-label={t("teamCompetencies.legend")}>
        <li>
          <span className="heat heat--met">0</span> {t("teamCompetencies.legendMet")}
        </li>
        <li>
          <span className="heat heat--small">1</span> {t("teamCompetencies.legendSmall")}
        </li>
        <li>
          <span className="heat heat--large">2+</span> {t("teamCompetencies.legendLarge")}
        </li>
      </ul>
      {rows.length && columns.length ? (
        <div className="kern-table-responsive heatmap-wrap" tabIndex={0} role="region" aria-label={t("teamCompetencies.caption")}>
          <table className="kern-table heatmap">
            <caption className="kern-sr-only">{t("teamCompetencies.caption")}</caption>
            <thead className="kern-table__header">
              <tr>
                <th scope="col">{t("teamCompetencies.person")}</th>
                {columns.map((c) => (
                  <th scope="col" key={c.id}>
                    <abbr title={c.name}>{c.code}</abbr>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {rows.map((row) => (
                <tr key={row.person.id}>
                  <th scope="row">
                    <Link className="kern-link" to={`/personen/${row.person.id}/kompetenzen`}>
                      {row.person.lastName}, {row.person.firstName}
                    </Link>
                  </th>
                  {row.cells.map((cell, i) =>
                    cell ? (
                      <td key={columns[i]!.id} className={gapClass(cell.gap)}>
                        <span aria-hidden="true">{cell.gap}</span>
                        <span className="kern-sr-only">
                          {t("teamCompetencies.cell", { target: cell.targetLevel, current: cell.current ?? t("teamCompetencies.unknown"), gap: cell.gap })}
                        </span>
                        {cell.outdated ? <span className="heat-note"> ({t("teamCompetencies.outdated")})</span> : null}
                      </td>
                    ) : (
                      <td key={columns[i]!.id} className="heat heat--none">
                        <span aria-hidden="true">·</span>
                        <span className="kern-sr-only">{t("teamCompetencies.notRequired")}</span>
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t("teamCompetencies.empty")}</p>
      )}
      <Pagination page={page} pageCount={pageCount} total={total} />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
