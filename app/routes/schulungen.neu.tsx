import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { createTraining } from "~/modules/training/catalogue.server.ts";
import { TrainingSchema } from "~/modules/training/schemas.ts";
import { requireUserWithPermission } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { domainFailure, zodFailure, type FormFailure } from "~/utils/form-result.ts";
import { Alert } from "~/components/forms.tsx";
import { PageHeader } from "~/components/page.tsx";
import { EMPTY_TRAINING, mergeValues, TrainingForm } from "~/components/training-form.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";
import catalogueStyles from "~/styles/catalogue.css";

export const meta: MetaFunction = () => [{ title: "Neue Schulung – Schulungskatalog – Lernreise" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: catalogueStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "create:training:any");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireUserWithPermission(request, "create:training:any");
  const formData = await request.formData();
  const parsed = TrainingSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return data<FormFailure>(zodFailure("create", parsed.error, formData), { status: 400 });
  try {
    const training = await createTraining(db, actor, parsed.data);
    return redirect(`/schulungen/${training.id}/bearbeiten?angelegt=1`);
  } catch (error) {
    return data(domainFailure("create", error, formData), { status: 400 });
  }
}

export default function NewTrainingPage() {
  const failure = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <>
      <nav className="breadcrumb" aria-label={t("catalogue.breadcrumb")}>
        <ol>
          <li>
            <Link className="kern-link" to="/schulungen">
              {t("catalogue.title")}
            </Link>
          </li>
          <li>
            <span aria-current="page">{t("catalogue.newTitle")}</span>
          </li>
        </ol>
      </nav>
      <PageHeader title={t("catalogue.newTitle")} intro={t("catalogue.newIntro")} />
      {failure?.formError ? <Alert tone="danger" title={t(failure.formError, { defaultValue: failure.formError })} /> : null}
      <section className="panel">
        <TrainingForm values={mergeValues(EMPTY_TRAINING, failure?.values)} errors={failure?.fieldErrors} intent="create" submitLabel={t("catalogue.create")} />
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
