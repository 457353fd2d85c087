import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { listAuditEvents } from "~/modules/audit/audit.server.ts";
import { requireUserWithPermission } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { run } from "~/utils/http.server.ts";
import { formatDateTime } from "~/utils/i18n.ts";
import { z } from "zod";
import { useLocale } from "~/utils/use-root-data.ts";
import { Field } from "~/components/forms.tsx";
import { FilterForm, PageHeader } from "~/components/page.tsx";
import { Pagination } from "~/components/people-table.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";

export const meta: MetaFunction = () => [{ title: "Audit-Log – Lernreise" }];

const AuditQuerySchema = z.object({
  page: z.coerce.number().int().min(1).catch(1).default(1),
  action: z.string().trim().max(60).optional().catch(undefined),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireUserWithPermission(request, "read:audit:any");
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const query = AuditQuerySchema.parse({ ...params, action: params.action || undefined });
  const result = await run(() => listAuditEvents(db, actor, { page: query.page, action: query.action }));
  return { ...result, query, pageCount: Math.max(1, Math.ceil(result.total / result.pageSize)) };
}

export default function AuditPage() {
  const { events, total, pageCount, query } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <>
      <PageHeader title={t("audit.title")} intro={t("audit.intro")} />
      <FilterForm label={t("audit.filterLabel")}>
        <Field label={t("audit.action")} hint={t("audit.actionHint")} inputProps={{ id: "action", name: "action", type: "search", defaultValue: query.action ?? "" }} />
      </FilterForm>
      <div className="kern-table-responsive">
        <table className="kern-table kern-table--striped">
          <caption className="kern-sr-only">{t("audit.title")}</caption>
          <thead className="kern-table__header">
            <tr>
              <th scope="col">{t("audit.time")}</th>
              <th scope="col">{t("audit.actor")}</th>
              <th scope="col">{t("audit.action")}</th>
              <th scope="col">{t("audit.entity")}</th>
              <th scope="col">{t("audit.summary")}</th>
            </tr>
          </thead>
          <tbody className="kern-table__body">
            {events.map((e) => (
              <tr key={e.id}>
                <td>{formatDateTime(e.createdAt, locale)}</td>
                <td>{e.actor?.email ?? t("audit.system")}</td>
                <td>
                  <code>{e.action}</code>
                </td>
                <td>
                  {e.entityType}
                  {e.entityId ? <span className="muted"> {e.entityId}</span> : null}
                </td>
                <td>{e.summary || "–"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination page={query.page} pageCount={pageCount} total={total} />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
