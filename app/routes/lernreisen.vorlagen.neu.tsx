import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { createTemplate } from "~/modules/journeys/templates.server.ts";
import { requireUserWithPermission } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { domainFailure } from "~/utils/form-result.ts";
import { Alert } from "~/components/forms.tsx";
import { PageHeader } from "~/components/page.tsx";
import { SubmitButton, TemplateHeaderFields } from "~/components/journey-template-forms.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";
import styles from "~/styles/journey-templates.css";

export const meta: MetaFunction = () => [{ title: "Neue Lernreise-Vorlage – Lernreise" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "create:journeytemplate:any");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireUserWithPermission(request, "create:journeytemplate:any");
  const formData = await request.formData();
  try {
    const template = await createTemplate(db, actor, Object.fromEntries(formData));
    return redirect(`/lernreisen/vorlagen/${template.id}?angelegt=1`);
  } catch (error) {
    return data(domainFailure("create", error, formData), { status: 400 });
  }
}

export default function NewJourneyTemplatePage() {
  const failure = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <>
      <nav className="breadcrumb" aria-label={t("journeyTemplates.breadcrumb")}>
        <ol>
          <li>
            <Link className="kern-link" to="/lernreisen/vorlagen">
              {t("journeyTemplates.title")}
            </Link>
          </li>
          <li>
            <span aria-current="page">{t("journeyTemplates.newTitle")}</span>
          </li>
        </ol>
      </nav>
      <PageHeader title={t("journeyTemplates.newTitle")} intro={t("journeyTemplates.newIntro")} />
      {failure?.formError ? <Alert tone="danger" title={t(failure.formError, { defaultValue: failure.formError })} /> : null}
      <section className="panel">
        <Form method="post">
          <TemplateHeaderFields values={failure?.values ?? {}} errors={failure?.fieldErrors} />
          <p className="btn-row">
            <SubmitButton intent="create">{t("journeyTemplates.create")}</SubmitButton>
          </p>
        </Form>
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
