import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { createSession, getTrainingForNewSession } from "~/modules/training/sessions.server.ts";
import { SessionSchema, sessionFieldsOf } from "~/modules/training/schemas.ts";
import { requireUserWithPermission } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { run } from "~/utils/http.server.ts";
import { domainFailure, valuesOf, zodFailure, type FormFailure } from "~/utils/form-result.ts";
import { Alert } from "~/components/forms.tsx";
import { EMPTY_SESSION, SessionForm, sessionValuesFrom } from "~/components/session-form.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";
import catalogueStyles from "~/styles/catalogue.css";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Neuer Termin: ${data.training.title} – Lernreise` : "Neuer Termin – Lernreise" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: catalogueStyles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireUserWithPermission(request, "update:training:any");
  return { training: await run(() => getTrainingForNewSession(db, actor, params.trainingId ?? "")) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireUserWithPermission(request, "update:training:any");
  const trainingId = params.trainingId ?? "";
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "save");
  if (intent === "more-days") {
    return data<FormFailure>({ ok: false, intent, fieldErrors: {}, values: valuesOf(formData) });
  }
  const parsed = SessionSchema.safeParse(sessionFieldsOf(formData));
  if (!parsed.success) return data<FormFailure>(zodFailure("save", parsed.error, formData), { status: 400 });
  try {
    const session = await createSession(db, actor, trainingId, parsed.data);
    return redirect(`/schulungen/${trainingId}?termin=angelegt#termin-${session.id}`);
  } catch (error) {
    return data(domainFailure("save", error, formData), { status: 400 });
  }
}

export default function NewSessionPage() {
  const { training } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t } = useTranslation();
  const shownRows = Number(failure?.values.rows ?? 3) + (failure?.intent === "more-days" ? 3 : 0);
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
            <span aria-current="page">{t("catalogue.sessions.new")}</span>
          </li>
        </ol>
      </nav>
      <div className="page-header">
        <p className="kern-preline">
          {training.code} · {training.title}
        </p>
        <h1 className="kern-heading-large">{t("catalogue.sessions.new")}</h1>
        <p className="kern-body">{t("catalogue.sessionForm.intro")}</p>
      </div>
      {training.status === "ARCHIVED" ? <Alert tone="warning" title={t("catalogue.validation.trainingArchived")} /> : null}
      {failure?.formError ? <Alert tone="danger" title={t(failure.formError, { defaultValue: failure.formError })} /> : null}
      <section className="panel">
        <SessionForm
          values={sessionValuesFrom(EMPTY_SESSION, failure?.values)}
          errors={failure?.fieldErrors}
          rows={Number.isFinite(shownRows) ? shownRows : 3}
          submitLabel={t("catalogue.sessionForm.create")}
        />
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
