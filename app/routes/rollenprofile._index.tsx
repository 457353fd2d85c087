import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { createRoleProfile, listRoleProfiles } from "~/modules/competency/profiles.server.ts";
import { requireUserWithPermission } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { domainFailure, zodFailure, type FormFailure } from "~/utils/form-result.ts";
import { formatDate } from "~/utils/i18n.ts";
import { useLocale } from "~/utils/use-root-data.ts";
import { Alert, Field } from "~/components/forms.tsx";
import { PageHeader } from "~/components/page.tsx";
import { TextAreaField } from "~/components/text-area.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";

export const meta: MetaFunction = () => [{ title: "Rollenprofile – Lernreise" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "update:profile:any");
  return { roleProfiles: await listRoleProfiles(db) };
}

const CreateSchema = z.object({
  name: z.string({ error: "validation.nameRequired" }).trim().min(1, { error: "validation.nameRequired" }).max(200),
  description: z.string().trim().max(5000).default(""),
});

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireUserWithPermission(request, "update:profile:any");
  const formData = await request.formData();
  const parsed = CreateSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return data<FormFailure>(zodFailure("create", parsed.error, formData), { status: 400 });
  try {
    const roleProfile = await createRoleProfile(db, actor, parsed.data);
    return redirect(`/rollenprofile/${roleProfile.id}`);
  } catch (error) {
    return data(domainFailure("create", error, formData), { status: 400 });
  }
}

export default function RoleProfilesPage() {
  const { roleProfiles } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <>
      <PageHeader title={t("roleProfiles.title")} intro={t("roleProfiles.intro")} />
      {failure?.formError ? <Alert tone="danger" title={t(failure.formError, { defaultValue: failure.formError })} /> : null}
      {roleProfiles.length ? (
        <div className="kern-table-responsive">
          <table className="kern-table kern-table--striped">
            <caption className="kern-sr-only">{t("roleProfiles.title")}</caption>
            <thead className="kern-table__header">
              <tr>
                <th scope="col">{t("roleProfiles.name")}</th>
                <th scope="col" className="kern-table__header--numeric">
                  {t("profiles.requirements")}
                </th>
                <th scope="col" className="kern-table__header--numeric">
                  {t("roleProfiles.positions")}
                </th>
                <th scope="col">{t("review.next")}</th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {roleProfiles.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Link className="kern-link" to={`/rollenprofile/${r.id}`}>
                      {r.name}
                    </Link>
                  </td>
                  <td className="kern-table__cell--numeric">{r._count.requirements}</td>
                  <td className="kern-table__cell--numeric">{r._count.positionProfiles}</td>
                  <td>{formatDate(r.nextReviewAt, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t("roleProfiles.empty")}</p>
      )}
      <section className="panel" aria-labelledby="new-role-profile">
        <h2 id="new-role-profile" className="kern-heading-medium">
          {t("roleProfiles.new")}
        </h2>
        <Form method="post" className="form-stack">
          <Field label={t("roleProfiles.name")} errors={failure?.fieldErrors.name} inputProps={{ id: "rp-name", name: "name", required: true, defaultValue: failure?.values.name ?? "" }} />
          <TextAreaField label={t("frameworks.description")} id="rp-description" name="description" defaultValue={failure?.values.description ?? ""} />
          <button className="kern-btn kern-btn--primary" type="submit">
            <span className="kern-label">{t("roleProfiles.create")}</span>
          </button>
        </Form>
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
