import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { createQuestionnaire, getQuestionnaire, listQuestionnaires } from "~/modules/feedback/questionnaires.server.ts";
import { requireUserWithPermission } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { run } from "~/utils/http.server.ts";
import { domainFailure } from "~/utils/form-result.ts";
import { Alert } from "~/components/forms.tsx";
import { PageHeader } from "~/components/page.tsx";
import { QuestionnaireDetailsFields, Select } from "~/components/questionnaire-forms.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";
import questionnaireStyles from "~/styles/questionnaires.css";

export const meta: MetaFunction = () => [{ title: "Neuer Fragebogen – Wirksamkeit – Lernreise" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: questionnaireStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireUserWithPermission(request, "create:questionnaire:any");
  const copyId = new URL(request.url).searchParams.get("kopie") ?? "";
  const { questionnaires } = await run(() => listQuestionnaires(db, actor));
  const source = copyId ? await run(() => getQuestionnaire(db, actor, copyId)) : null;
  return {
    sources: questionnaires.map((q) => ({ id: q.id, title: q.title, kind: q.kind })),
    source: source ? { id: source.questionnaire.id, title: source.questionnaire.title, description: source.questionnaire.description, kind: source.questionnaire.kind, learningGain: source.questionnaire.learningGain } : null,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireUserWithPermission(request, "create:questionnaire:any");
  const formData = await request.formData();
  try {
    const created = await createQuestionnaire(db, actor, Object.fromEntries(formData));
    return redirect(`/wirksamkeit/frageboegen/${created.id}?angelegt=1`);
  } catch (error) {
    return data(domainFailure("create", error, formData), { status: 400 });
  }
}

export default function NewQuestionnairePage() {
  const { sources, source } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t } = useTranslation();
  const values = failure?.values;
  return (
    <>
      <nav className="breadcrumb" aria-label={t("feedback.questionnaires.breadcrumb")}>
        <ol>
          <li>
            <Link className="kern-link" to="/wirksamkeit/frageboegen">
              {t("feedback.questionnaires.title")}
            </Link>
          </li>
          <li>
            <span aria-current="page">{t("feedback.questionnaires.newPage.title")}</span>
          </li>
        </ol>
      </nav>
      <PageHeader title={t("feedback.questionnaires.newPage.title")} intro={t("feedback.questionnaires.newPage.intro")} />
      {failure?.formError ? <Alert tone="danger" title={t(failure.formError, { defaultValue: failure.formError })} /> : null}
      <Form method="post" className="form-stack" noValidate>
        <QuestionnaireDetailsFields
          values={{
            title: values?.title ?? (source ? t("feedback.questionnaires.edit.copyTitle", { title: source.title }) : ""),
            description: values?.description ?? source?.description ?? "",
            kind: values?.kind ?? source?.kind ?? "IMMEDIATE",
            learningGain: values ? values.learningGain === "on" : (source?.learningGain ?? false),
          }}
          errors={failure?.fieldErrors}
        />
        <Select
          id="q-copy-from"
          name="copyFromId"
          label={t("feedback.questionnaires.fields.copyFrom")}
          defaultValue={values?.copyFromId ?? source?.id ?? ""}
          options={[
            { value: "", label: t("feedback.questionnaires.fields.copyFromNone") },
            ...sources.map((s) => ({ value: s.id, label: `${s.title} (${t(`feedback.questionnaires.kind.${s.kind}`)})` })),
          ]}
          errors={failure?.fieldErrors}
        />
        <p className="btn-row">
          <button className="kern-btn kern-btn--primary" type="submit">
            <span className="kern-label">{t("feedback.questionnaires.newPage.submit")}</span>
          </button>
          <Link className="kern-link" to="/wirksamkeit/frageboegen">
            {t("feedback.questionnaires.edit.cancel")}
          </Link>
        </p>
      </Form>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
