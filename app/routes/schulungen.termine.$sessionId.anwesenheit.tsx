// Attendance of a session (HR development or the session's trainer): the whole list at once.
// Who may see and save it is decided per session in the module (completions.server.ts).
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getAttendanceSheet, recordAttendance } from "~/modules/training/completions.server.ts";
import { requireUserWithPermission } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { run } from "~/utils/http.server.ts";
import { domainFailure, type FormFailure } from "~/utils/form-result.ts";
import { formatDateTime } from "~/utils/i18n.ts";
import { useLocale } from "~/utils/use-root-data.ts";
import { Alert } from "~/components/forms.tsx";
import { AttendanceForm } from "~/components/attendance-form.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";
import completionStyles from "~/styles/completions.css";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Anwesenheit ${data.session.training.title} – Lernreise` : "Anwesenheit – Lernreise" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: completionStyles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireUserWithPermission(request, "read:training:any");
  return run(() => getAttendanceSheet(db, actor, params.sessionId ?? ""));
}

type ActionResult = { ok: true; intent: "save"; created: number; updated: number; removed: number; unchanged: number; attendanceOnly: number; at: number } | FormFailure;

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireUserWithPermission(request, "read:training:any");
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "save");
  if (intent !== "save" && intent !== "all-attended") throw new Response("Unbekannte Aktion", { status: 400 });
  const ids = formData.getAll("enrolmentId").filter((v): v is string => typeof v === "string" && v.length > 0);
  const rows = ids.map((id) => ({
    enrolmentId: id,
    attendance: intent === "all-attended" ? "ATTENDED" : formData.get(`attendance.${id}`),
    result: formData.get(`result.${id}`),
    expiresOn: formData.get(`expiresOn.${id}`),
  }));
  try {
    const result = await recordAttendance(db, actor, { sessionId: params.sessionId ?? "", rows, defaultExpiresOn: formData.get("defaultExpiresOn") });
    return data<ActionResult>({ ok: true, intent: "save", ...result, at: Date.now() });
  } catch (error) {
    const failure = domainFailure("save", error, formData);
    // "Alle anwesend" that failed on a date: show the rows as they were sent (all attended).
    if (intent === "all-attended") for (const id of ids) failure.values[`attendance.${id}`] = "ATTENDED";
    return data<ActionResult>(failure, { status: 400 });
  }
}

export default function AttendancePage() {
  const sheet = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const locale = useLocale();
  const { session } = sheet;
  const when = formatDateTime(session.startsAt, locale);
  const failure = actionData && !actionData.ok ? actionData : null;
  const saved = actionData?.ok ? actionData : null;
  return (
    <>
      <nav className="breadcrumb" aria-label={t("org.breadcrumb")}>
        <ol>
          <li>
            <Link className="kern-link" to="/schulungen">
              {t("enrolment.session.catalogue")}
            </Link>
          </li>
          <li>
            <Link className="kern-link" to={`/schulungen/${session.training.id}`}>
              {session.training.title}
            </Link>
          </li>
          <li>
            <Link className="kern-link" to={`/schulungen/termine/${session.id}`}>
              {when}
            </Link>
          </li>
          <li>
            <span aria-current="page">{t("completions.attendance.crumb")}</span>
          </li>
        </ol>
      </nav>
      <div className="page-header">
        <p className="kern-preline">{t("completions.attendance.preline")}</p>
        <h1 className="kern-heading-large">{t("completions.attendance.title", { training: session.training.title, date: when })}</h1>
        <p className="kern-body">{sheet.access === "trainer" ? t("completions.attendance.introTrainer") : t("completions.attendance.intro")}</p>
      </div>
      {saved ? (
        <Alert tone="success" title={t("completions.attendance.saved")}>
          <p>{t("completions.attendance.savedDetail", { created: saved.created, updated: saved.updated, removed: saved.removed, unchanged: saved.unchanged + saved.attendanceOnly })}</p>
        </Alert>
      ) : null}
      {sheet.cancelled ? <Alert tone="warning" title={t("completions.attendance.cancelled")} /> : !sheet.started ? <Alert tone="info" title={t("completions.attendance.notStarted")} /> : null}
      {sheet.participants.length === 0 ? (
        <section className="panel empty-state" aria-labelledby="attendance-empty">
          <h2 id="attendance-empty" className="kern-heading-medium">
            {t("completions.attendance.listTitle", { count: 0 })}
          </h2>
          <p>{t("completions.attendance.empty")}</p>
        </section>
      ) : (
        <section className="panel">
          <AttendanceForm key={saved ? String(saved.at) : "attendance"} sheet={sheet} failure={failure} />
        </section>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
