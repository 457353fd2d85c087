import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { listUsers, setUserRoles } from "~/modules/users/users.server.ts";
import { SetRolesSchema } from "~/modules/users/schemas.ts";
import { STORED_ROLES } from "~/modules/auth/permissions.ts";
import { ValidationError } from "~/modules/errors.ts";
import { requireUserWithPermission } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { run } from "~/utils/http.server.ts";
import { parseListQuery } from "~/utils/query.ts";
import { formatDate } from "~/utils/i18n.ts";
import { useLocale } from "~/utils/use-root-data.ts";
import { Alert, Field } from "~/components/forms.tsx";
import { FilterForm, PageHeader } from "~/components/page.tsx";
import { Pagination } from "~/components/people-table.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";

export const meta: MetaFunction = () => [{ title: "Benutzer & Rollen – Lernreise" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireUserWithPermission(request, "read:user:any");
  const query = parseListQuery(request);
  const result = await run(() => listUsers(db, actor, { q: query.q, page: query.page }));
  return { ...result, page: query.page, query, selfId: actor.userId };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireUserWithPermission(request, "update:user:any");
  const formData = await request.formData();
  const parsed = SetRolesSchema.safeParse({ userId: formData.get("userId"), roles: formData.getAll("roles") });
  if (!parsed.success) return data({ ok: false, message: "validation.roleUnknown" }, { status: 400 });
  try {
    await run(() => setUserRoles(db, actor, parsed.data));
  } catch (error) {
    if (error instanceof Response && error.status === 400) return data({ ok: false, message: await error.text() }, { status: 400 });
    if (error instanceof ValidationError) return data({ ok: false, message: error.message }, { status: 400 });
    throw error;
  }
  return { ok: true, message: "users.saved" };
}

export default function UsersPage() {
  const { users, total, page, pageCount, query, selfId } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <>
      <PageHeader title={t("users.title")} intro={t("users.intro")} />
      {actionData ? <Alert tone={actionData.ok ? "success" : "danger"} title={t(actionData.message, { defaultValue: actionData.message })} /> : null}
      <FilterForm label={t("users.filterLabel")}>
        <Field label={t("filter.searchEmail")} inputProps={{ id: "q", name: "q", type: "search", defaultValue: query.q ?? "" }} />
      </FilterForm>
      <div className="kern-table-responsive">
        <table className="kern-table kern-table--striped">
          <caption className="kern-sr-only">{t("users.title")}</caption>
          <thead className="kern-table__header">
            <tr>
              <th scope="col">{t("users.email")}</th>
              <th scope="col">{t("users.person")}</th>
              <th scope="col">{t("users.leader")}</th>
              <th scope="col">{t("users.roles")}</th>
              <th scope="col">{t("users.created")}</th>
            </tr>
          </thead>
          <tbody className="kern-table__body">
            {users.map((u) => (
              <tr key={u.id}>
                <td>{u.email}</td>
                <td>{u.name ?? "–"}</td>
                <td>{u.leadsUnits > 0 ? t("users.leadsUnits", { count: u.leadsUnits }) : "–"}</td>
                <td>
                  <Form method="post" className="badge-list">
                    <input type="hidden" name="userId" value={u.id} />
                    <fieldset className="kern-fieldset">
                      <legend className="kern-sr-only">{t("users.rolesOf", { email: u.email })}</legend>
                      {STORED_ROLES.map((role) => (
                        <div className="kern-form-check" key={role}>
                          <input
                            className="kern-form-check__checkbox"
                            type="checkbox"
                            id={`role-${u.id}-${role}`}
                            name="roles"
                            value={role}
                            defaultChecked={u.roles.includes(role)}
                            disabled={u.id === selfId && role === "ADMIN"}
                          />
                          <label className="kern-label" htmlFor={`role-${u.id}-${role}`}>
                            {t(`role.${role}`)}
                          </label>
                        </div>
                      ))}
                      {u.id === selfId ? <input type="hidden" name="roles" value="ADMIN" /> : null}
                    </fieldset>
                    <button className="kern-btn kern-btn--secondary kern-btn--x-small" type="submit">
                      <span className="kern-label">{t("users.saveRoles")}</span>
                      <span className="kern-sr-only"> {u.email}</span>
                    </button>
                  </Form>
                </td>
                <td>{formatDate(u.createdAt, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination page={page} pageCount={pageCount} total={total} />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
