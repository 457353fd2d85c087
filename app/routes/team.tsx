import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { listTeam } from "~/modules/org/org.server.ts";
import { requireUserWithPermission } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { run } from "~/utils/http.server.ts";
import { parseListQuery } from "~/utils/query.ts";
import { Field, SelectField } from "~/components/forms.tsx";
import { Pagination, PeopleTable } from "~/components/people-table.tsx";
import { FilterForm, PageHeader, StatusFilter } from "~/components/page.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";

export const meta: MetaFunction = () => [{ title: "Mein Team – Lernreise" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireUserWithPermission(request, "read:person:team");
  const query = parseListQuery(request);
  const result = await run(() => listTeam(db, actor, { q: query.q, unitId: query.unit, status: query.status, page: query.page }));
  return { ...result, query };
}

export default function TeamPage() {
  const { people, total, page, pageCount, units, query } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t("team.title")} intro={t("team.intro")} />
      <FilterForm label={t("team.filterLabel")}>
        <Field label={t("filter.search")} inputProps={{ id: "q", name: "q", type: "search", defaultValue: query.q ?? "" }} />
        <SelectField
          label={t("filter.unit")}
          options={[
            { value: "", label: t("filter.allMyUnits") },
            ...units.map((u) => ({ value: u.id, label: `${"\u00a0\u00a0".repeat(Math.max(0, u.depth - (units[0]?.depth ?? 0)))}${u.code} ${u.name}` })),
          ]}
          selectProps={{ id: "unit", name: "unit", defaultValue: query.unit ?? "" }}
        />
        <StatusFilter value={query.status} />
      </FilterForm>
      <PeopleTable people={people} caption={t("team.title")} />
      <Pagination page={page} pageCount={pageCount} total={total} />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
