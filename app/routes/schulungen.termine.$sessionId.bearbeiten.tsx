import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getSessionForEdit, updateSession } from "~/modules/training/sessions.server.ts";
import { SessionSchema, sessionFieldsOf } from "~/modules/training/schemas.ts";
import { berlinDate, berlinTime } from "~/modules/training/berlin-time.ts";
import { requireUserWithPermission } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { run } from "~/utils/http.server.ts";
import { domainFailure, valuesOf, zodFailure, type FormFailure } from "~/utils/form-result.ts";
import { formatDate } from "~/utils/i18n.ts";
import { useLocale } from "~/utils/use-root-data.ts";
import { Alert } from "~/components/forms.tsx";
import { SessionForm, sessionValuesFrom, type SessionFormValues } from "~/components/session-form.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";
import catalogueStyles from "~/styles/catalogue.css";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Termin bearbeiten: ${data.session.training.title} – Lernreise` : "Termin bearbeiten – Lernreise" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: catalogueStyles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireUserWithPermission(request, "update:training:any");
  return { session: await run(() => getSessionForEdit(db, actor, params.sessionId ?? "")) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireUserWithPermission(request, "update:training:any");
  const sessionId = params.sessionId ?? "";
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "save");
  if (intent === "more-days") {
    await run(() => getSessionForEdit(db, actor, sessionId));
    return data<FormFailure>({ ok: false, intent, fieldErrors: {}, values: valuesOf(formData) });
  }
  const parsed = SessionSchema.safeParse(sessionFieldsOf(formData));
  if (!parsed.success) return data<FormFailure>(zodFailure("save", parsed.error, formData), { status: 400 });
  try {
    const session = await getSessionForEdit(db, actor, sessionId);
    await updateSession(db, actor, sessionId, parsed.data);
    return redirect(`/schulungen/${session.training.id}?termin=gespeichert#termin-${sessionId}`);
  } catch (error) {
    return data(domainFailure("save", error, formData), { status: 400 });
  }
}

export default function EditSessionPage() {
  const { session } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t } = useTranslation();
  const locale = useLocale();
  const stored: SessionFormValues = {
    days: session.days.map((d) => ({ date: berlinDate(d.startsAt), start: berlinTime(d.startsAt), end: berlinTime(d.endsAt) })),
    location: session.location,
    onlineUrl: session.onlineUrl,
    trainerName: session.trainerName,
    trainerPerson: session.trainer?.email ?? "",
    capacity: String(session.capacity),
    enrolmentDeadline: session.enrolmentDeadline ? berlinDate(session.enrolmentDeadline) : "",
  };
  const rows = failure ? Number(failure.values.rows ?? 3) + (failure.intent === "more-days" ? 3 : 0) : session.days.length + 2;
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
            <Link className="kern-link" to={`/schulungen/${session.training.id}`}>
              {session.training.title}
            </Link>
          </li>
          <li>
            <span aria-current="page">{t("catalogue.sessions.editTitle", { date: formatDate(session.startsAt, locale) })}</span>
          </li>
        </ol>
      </nav>
      <div className="page-header">
        <p className="kern-preline">
          {session.training.code} · {session.training.title}
        </p>
        <h1 className="kern-heading-large">{t("catalogue.sessions.editTitle", { date: formatDate(session.startsAt, locale) })}</h1>
      </div>
      {session.status === "CANCELLED" ? <Alert tone="warning" title={t("catalogue.validation.sessionCancelled")} /> : null}
      {failure?.formError ? <Alert tone="danger" title={t(failure.formError, { defaultValue: failure.formError })} /> : null}
      <section className="panel">
        <SessionForm
          values={sessionValuesFrom(stored, failure?.values)}
          errors={failure?.fieldErrors}
          rows={Number.isFinite(rows) ? rows : 3}
          capacityHint={t("catalogue.sessionForm.capacityHint", { confirmed: session.confirmedCount, waitlisted: session._count.enrolments })}
          submitLabel={t("catalogue.sessionForm.save")}
        />
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
