import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { listOrgUnitOptions, listPeople, listPositionOptions } from "~/modules/org/org.server.ts";
import { requireUserWithPermission } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { run } from "~/utils/http.server.ts";
import { parseListQuery } from "~/utils/query.ts";
import { CheckboxField, Field, SelectField } from "~/components/forms.tsx";
import { Pagination, PeopleTable } from "~/components/people-table.tsx";
import { FilterForm, PageHeader, StatusFilter } from "~/components/page.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";

export const meta: MetaFunction = () => [{ title: "Personen – Lernreise" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireUserWithPermission(request, "read:person:any");
  const query = parseListQuery(request);
  const [result, units, positions] = await Promise.all([
    run(() =>
      listPeople(db, actor, {
        q: query.q,
        unitId: query.unit,
        includeSubUnits: query.sub,
        positionId: query.position,
        status: query.status,
        page: query.page,
      }),
    ),
    listOrgUnitOptions(db),
    listPositionOptions(db),
  ]);
  return { ...result, units, positions, query };
}

export default function PeoplePage() {
  const { people, total, page, pageCount, units, positions, query } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t("people.title")} intro={t("people.intro")} />
      <FilterForm label={t("people.filterLabel")}>
        <Field label={t("filter.search")} inputProps={{ id: "q", name: "q", type: "search", defaultValue: query.q ?? "" }} />
        <SelectField
          label={t("filter.unit")}
          options={[{ value: "", label: t("filter.allUnits") }, ...units.map((u) => ({ value: u.id, label: `${"\u00a0\u00a0".repeat(u.depth)}${u.code} ${u.name}` }))]}
          selectProps={{ id: "unit", name: "unit", defaultValue: query.unit ?? "" }}
        />
        <div>
          <input type="hidden" name="sub" value="0" />
          <CheckboxField label={t("filter.includeSubUnits")} inputProps={{ id: "sub", name: "sub", value: "1", defaultChecked: query.sub }} />
        </div>
        <SelectField
          label={t("filter.position")}
          options={[{ value: "", label: t("filter.allPositions") }, ...positions.map((p) => ({ value: p.id, label: `${p.code} ${p.title}` }))]}
          selectProps={{ id: "position", name: "position", defaultValue: query.position ?? "" }}
        />
        <StatusFilter value={query.status} />
      </FilterForm>
      <PeopleTable people={people} caption={t("people.title")} />
      <Pagination page={page} pageCount={pageCount} total={total} />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
