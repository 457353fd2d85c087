import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getTrainingFeedbackSettings, updateTrainingFeedbackSettings } from "~/modules/feedback/settings.server.ts";
import { FEEDBACK_KINDS } from "~/modules/feedback/defaults.ts";
import { requireUserWithPermission } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { run } from "~/utils/http.server.ts";
import { domainFailure } from "~/utils/form-result.ts";
import { Alert } from "~/components/forms.tsx";
import { Checkbox, Select, TextInput } from "~/components/questionnaire-forms.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";
import questionnaireStyles from "~/styles/questionnaires.css";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Feedback-Einstellungen: ${data.training.title} – Lernreise` : "Feedback-Einstellungen – Lernreise" },
];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: questionnaireStyles }];

const FIELD = { IMMEDIATE: "immediateQuestionnaireId", TRANSFER_PARTICIPANT: "transferQuestionnaireId", TRANSFER_LEADER: "leaderQuestionnaireId" } as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireUserWithPermission(request, "read:questionnaire:any");
  return run(() => getTrainingFeedbackSettings(db, actor, params.trainingId ?? ""));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireUserWithPermission(request, "update:questionnaire:any");
  const trainingId = params.trainingId ?? "";
  const formData = await request.formData();
  try {
    await updateTrainingFeedbackSettings(db, actor, trainingId, Object.fromEntries(formData));
  } catch (error) {
    return data(domainFailure("settings", error, formData), { status: 400 });
  }
  return redirect(`/schulungen/${trainingId}/feedback?gespeichert=1`);
}

export default function TrainingFeedbackSettingsPage() {
  const { training, settings, options, defaultTitles } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const values = failure?.values;
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
            <Link className="kern-link" to={`/schulungen/${training.id}`}>
              {training.title}
            </Link>
          </li>
          <li>
            <span aria-current="page">{t("feedback.settings.title")}</span>
          </li>
        </ol>
      </nav>
      <div className="page-header">
        <p className="kern-preline">
          {training.code} · {training.title}
        </p>
        <h1 className="kern-heading-large">{t("feedback.settings.title")}</h1>
        <p className="kern-body">{t("feedback.settings.intro")}</p>
      </div>
      {params.get("gespeichert") && !failure ? <Alert tone="success" title={t("feedback.settings.saved")} /> : null}
      {failure?.formError ? <Alert tone="danger" title={t(failure.formError, { defaultValue: failure.formError })} /> : null}
      <Form method="post" className="form-stack" noValidate>
        <Checkbox id="settings-enabled" name="enabled" label={t("feedback.settings.enabled")} defaultChecked={values ? values.enabled === "on" : settings.enabled} />
        <fieldset className="kern-fieldset">
          <legend className="kern-label">{t("feedback.settings.questionnaires")}</legend>
          {FEEDBACK_KINDS.map((kind) => (
            <Select
              key={kind}
              id={`settings-${kind}`}
              name={FIELD[kind]}
              label={t(`feedback.settings.${kind}`)}
              defaultValue={values?.[FIELD[kind]] ?? settings[FIELD[kind]]}
              options={[
                { value: "", label: t("feedback.settings.defaultOption", { title: defaultTitles[kind] }) },
                ...options[kind].map((o) => ({ value: o.id, label: o.archived ? `${o.title} ${t("feedback.settings.archivedSuffix")}` : o.title })),
              ]}
              errors={failure?.fieldErrors}
            />
          ))}
        </fieldset>
        <TextInput
          id="settings-weeks"
          name="transferDelayWeeks"
          label={t("feedback.settings.weeks")}
          hint={t("feedback.settings.weeksHint")}
          defaultValue={values?.transferDelayWeeks ?? String(settings.transferDelayWeeks)}
          errors={failure?.fieldErrors}
        />
        <p className="btn-row">
          <button className="kern-btn kern-btn--primary" type="submit">
            <span className="kern-label">{t("feedback.settings.save")}</span>
          </button>
          <Link className="kern-link" to="/wirksamkeit/frageboegen">
            {t("feedback.settings.manage")}
          </Link>
        </p>
      </Form>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
