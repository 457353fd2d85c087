import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { listPositionProfiles } from "~/modules/competency/profiles.server.ts";
import { listOrgUnitOptions } from "~/modules/org/org.server.ts";
import { requireUserWithPermission } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { run } from "~/utils/http.server.ts";
import { formatDate } from "~/utils/i18n.ts";
import { useLocale } from "~/utils/use-root-data.ts";
import { Field, SelectField } from "~/components/forms.tsx";
import { FilterForm, PageHeader } from "~/components/page.tsx";
import { Pagination } from "~/components/people-table.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";

export const meta: MetaFunction = () => [{ title: "Stellenprofile – Lernreise" }];

const QuerySchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  unit: z.string().max(50).optional().catch(undefined),
  state: z.enum(["ALL", "MISSING", "DUE"]).catch("ALL").default("ALL"),
  page: z.coerce.number().int().min(1).catch(1).default(1),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireUserWithPermission(request, "update:profile:any");
  const params = Object.fromEntries([...new URL(request.url).searchParams].filter(([, v]) => v !== ""));
  const query = QuerySchema.parse(params);
  const [result, units] = await Promise.all([run(() => listPositionProfiles(db, actor, { ...query, unitId: query.unit })), listOrgUnitOptions(db)]);
  return { ...result, units, query };
}

export default function PositionProfilesPage() {
  const { positions, total, page, pageCount, units, query } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const locale = useLocale();
  const now = new Date();
  return (
    <>
      <PageHeader title={t("profiles.title")} intro={t("profiles.intro")} />
      <p>
        <Link className="kern-link" to="/rollenprofile">
          {t("roleProfiles.title")}
        </Link>
      </p>
      <FilterForm label={t("profiles.filterLabel")}>
        <Field label={t("profiles.search")} inputProps={{ id: "q", name: "q", type: "search", defaultValue: query.q ?? "" }} />
        <SelectField
          label={t("filter.unit")}
          options={[{ value: "", label: t("filter.allUnits") }, ...units.map((u) => ({ value: u.id, label: `${"\u00a0\u00a0".repeat(u.depth)}${u.code} ${u.name}` }))]}
          selectProps={{ id: "unit", name: "unit", defaultValue: query.unit ?? "" }}
        />
        <SelectField
          label={t("profiles.state")}
          options={["ALL", "MISSING", "DUE"].map((s) => ({ value: s, label: t(`profiles.stateOption.${s}`) }))}
          selectProps={{ id: "state", name: "state", defaultValue: query.state }}
        />
      </FilterForm>
      {positions.length ? (
        <div className="kern-table-responsive">
          <table className="kern-table kern-table--striped">
            <caption className="kern-sr-only">{t("profiles.title")}</caption>
            <thead className="kern-table__header">
              <tr>
                <th scope="col">{t("position.code")}</th>
                <th scope="col">{t("position.title")}</th>
                <th scope="col">{t("position.orgUnit")}</th>
                <th scope="col">{t("profiles.roleProfile")}</th>
                <th scope="col" className="kern-table__header--numeric">
                  {t("profiles.ownRows")}
                </th>
                <th scope="col">{t("review.next")}</th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {positions.map((p) => (
                <tr key={p.id}>
                  <td>{p.code}</td>
                  <td>
                    <Link className="kern-link" to={`/stellenprofile/${p.id}`}>
                      {p.title}
                    </Link>
                  </td>
                  <td>
                    {p.orgUnit.code} {p.orgUnit.name}
                  </td>
                  <td>{p.profile ? (p.profile.roleProfile?.name ?? t("profiles.noRoleProfile")) : <span className="kern-badge kern-badge--warning">{t("profiles.missing")}</span>}</td>
                  <td className="kern-table__cell--numeric">{p.profile?._count.requirements ?? 0}</td>
                  <td>
                    {formatDate(p.profile?.nextReviewAt, locale)}{" "}
                    {p.profile?.nextReviewAt && new Date(p.profile.nextReviewAt) < now ? <span className="kern-badge kern-badge--danger">{t("review.overdue")}</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t("profiles.emptyList")}</p>
      )}
      <Pagination page={page} pageCount={pageCount} total={total} />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
