import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { getSessionParticipants, listEnrolCandidates } from "~/modules/training/enrolment.server.ts";
import { canRecordAttendance as mayRecordAttendance } from "~/modules/training/completions.server.ts";
import { hasPermission } from "~/modules/auth/permissions.ts";
import { requireUserWithPermission } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { run } from "~/utils/http.server.ts";
import { enrolmentActionFor, type EnrolmentActionData } from "~/utils/enrolment-actions.server.ts";
import { formatDateTime } from "~/utils/i18n.ts";
import { useLocale } from "~/utils/use-root-data.ts";
import { Alert, Field } from "~/components/forms.tsx";
import { TextAreaField } from "~/components/text-area.tsx";
import { CancelForm, DecisionForm, EnrolmentResult, EnrolPersonForm, ParticipantTable } from "~/components/enrolment-controls.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";
import enrolmentStyles from "~/styles/enrolment.css";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Termin ${data.session.training.title} – Lernreise` : "Termin – Lernreise" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: enrolmentStyles }];

const QuerySchema = z.object({ personQuery: z.string().trim().max(100).optional().catch(undefined) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  // Who sees which participants (HR all, the trainer all, leaders their team) is decided in the module.
  const actor = await requireUserWithPermission(request, "read:training:any");
  const view = await run(() => getSessionParticipants(db, actor, params.sessionId ?? ""));
  const { personQuery } = QuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const candidates = view.canEnrolOthers ? await listEnrolCandidates(db, actor, { q: personQuery, take: 100 }) : null;
  // Attendance (HR or this session's trainer) once the session has begun: its own page.
  const attendance = mayRecordAttendance(actor, view.session) && view.session.status === "SCHEDULED" && view.session.startsAt <= new Date();
  // The anonymous evaluation of this session: HR, or the session's own trainer.
  const evaluation = hasPermission(actor.roles, "read:evaluation:any") || (hasPermission(actor.roles, "read:evaluation:own") && !!actor.personId && view.session.trainerPersonId === actor.personId);
  return { ...view, candidates, personQuery: personQuery ?? "", canRecordAttendance: attendance, canSeeEvaluation: evaluation };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireUserWithPermission(request, "read:training:any");
  return enrolmentActionFor(actor, request);
}

export default function SessionPage() {
  const { session, scope, participants, waitlist, closed, canCancelEnrolments, canDecide, canEnrolOthers, canCancelSession, freeSeats, candidates, personQuery, canRecordAttendance, canSeeEvaluation } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const locale = useLocale();
  const when = formatDateTime(session.startsAt, locale);
  const trainer = session.trainerName || (session.trainer ? `${session.trainer.firstName} ${session.trainer.lastName}` : "");
  const rowActions = (r: { id: string; status: string; person: { firstName: string; lastName: string } }) => {
    const context = `${r.person.firstName} ${r.person.lastName}`;
    return (
      <>
        {canDecide && r.status === "REQUESTED" ? <DecisionForm enrolmentId={r.id} context={context} /> : null}
        {canCancelEnrolments ? <CancelForm enrolmentId={r.id} context={context} /> : null}
      </>
    );
  };
  const withActions = canDecide || canCancelEnrolments;
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
            <span aria-current="page">{when}</span>
          </li>
        </ol>
      </nav>
      <div className="page-header">
        <p className="kern-preline">{t("enrolment.session.preline")}</p>
        <h1 className="kern-heading-large">{t("enrolment.session.title", { training: session.training.title, date: when })}</h1>
        {session.status === "CANCELLED" ? <Alert tone="warning" title={t("enrolment.sessionCancelled")} /> : null}
      </div>
      <EnrolmentResult />
      <section className="panel" aria-labelledby="facts">
        <h2 id="facts" className="kern-heading-small">
          {t("enrolment.session.facts")}
        </h2>
        <dl className="session-facts">
          <dt>{t("enrolment.table.when")}</dt>
          <dd>
            {session.days.length > 1 ? (
              <ol className="session-days">
                {session.days.map((d) => (
                  <li key={d.id}>
                    {formatDateTime(d.startsAt, locale)} – {formatDateTime(d.endsAt, locale)}
                  </li>
                ))}
              </ol>
            ) : (
              <>
                {formatDateTime(session.startsAt, locale)} – {formatDateTime(session.endsAt, locale)}
              </>
            )}
          </dd>
          <dt>{t("enrolment.table.where")}</dt>
          <dd>
            {session.location || "–"}
            {session.onlineUrl ? (
              <>
                {" · "}
                <a className="kern-link" href={session.onlineUrl} rel="noreferrer">
                  {t("enrolment.onlineLink")}
                </a>
              </>
            ) : null}
          </dd>
          <dt>{t("enrolment.session.trainer")}</dt>
          <dd>{trainer || "–"}</dd>
          <dt>{t("enrolment.session.seats")}</dt>
          <dd>{t("enrolment.session.seatsText", { confirmed: session.confirmedCount, capacity: session.capacity, free: freeSeats })}</dd>
          <dt>{t("enrolment.session.deadline")}</dt>
          <dd>{session.enrolmentDeadline ? formatDateTime(session.enrolmentDeadline, locale) : "–"}</dd>
        </dl>
        <p>
          <a className="kern-link" href={`/schulungen/termine/${session.id}/kalender.ics`} download>
            {t("enrolment.ics")}
          </a>
        </p>
      </section>

      <section className="panel" aria-labelledby="participants">
        <h2 id="participants" className="kern-heading-medium">
          {t("enrolment.session.participants", { count: participants.length })}
        </h2>
        {scope === "team" ? <p className="muted">{t("enrolment.session.teamOnly")}</p> : null}
        {participants.length ? (
          <ParticipantTable rows={participants} caption={t("enrolment.session.participantsCaption", { date: when })} actions={withActions ? rowActions : undefined} />
        ) : (
          <p>{t("enrolment.session.noParticipants")}</p>
        )}
        {canRecordAttendance ? (
          <p>
            <Link className="kern-link" to={`/schulungen/termine/${session.id}/anwesenheit`}>
              {t("completions.attendance.link")}
            </Link>
            <span className="level-descriptor">{t("completions.attendance.linkHint")}</span>
          </p>
        ) : null}
        {canSeeEvaluation ? (
          <p>
            <Link className="kern-link" to={`/wirksamkeit/termine/${session.id}`}>
              {t("evaluation.sessionLink.label")}
            </Link>{" "}
            <span className="level-descriptor">({t("evaluation.sessionLink.hint")})</span>
          </p>
        ) : null}
      </section>

      <section className="panel" aria-labelledby="waitlist">
        <h2 id="waitlist" className="kern-heading-medium">
          {t("enrolment.session.waitlist", { count: waitlist.length })}
        </h2>
        {waitlist.length ? (
          <>
            <p className="muted">{t("enrolment.session.waitlistHint")}</p>
            <ParticipantTable rows={waitlist} showPosition caption={t("enrolment.session.waitlistCaption", { date: when })} actions={canCancelEnrolments ? rowActions : undefined} />
          </>
        ) : (
          <p>{t("enrolment.session.noWaitlist")}</p>
        )}
      </section>

      {closed.length ? (
        <details className="panel">
          <summary className="kern-link">{t("enrolment.session.closed", { count: closed.length })}</summary>
          <ParticipantTable rows={closed} caption={t("enrolment.session.closedCaption", { date: when })} />
        </details>
      ) : null}

      {canEnrolOthers && candidates ? (
        <section className="panel" aria-labelledby="person-anmelden-title" id="person-anmelden">
          <h2 id="person-anmelden-title" className="kern-heading-medium">
            {t("enrolment.enrolPerson.open")}
          </h2>
          <Form method="get" className="filters" role="search" aria-label={t("enrolment.enrolPerson.search")}>
            <Field label={t("enrolment.enrolPerson.search")} inputProps={{ id: "personQuery", name: "personQuery", type: "search", defaultValue: personQuery }} />
            <button type="submit" className="kern-btn kern-btn--secondary">
              <span className="kern-label">{t("enrolment.enrolPerson.searchSubmit")}</span>
            </button>
          </Form>
          <EnrolPersonForm sessionId={session.id} candidates={candidates.people} more={candidates.more} scope={candidates.scope} open />
        </section>
      ) : null}

      {canCancelSession ? <CancelSessionForm sessionId={session.id} count={participants.length + waitlist.length} /> : null}
    </>
  );
}

function CancelSessionForm({ sessionId, count }: { sessionId: string; count: number }) {
  const { t } = useTranslation();
  const result = useActionData() as EnrolmentActionData | undefined;
  const busy = useNavigation().state === "submitting";
  const mine = result?.intent === "session-cancel" ? result : null;
  const failure = mine && !mine.ok ? mine : null;
  return (
    <section className="panel" aria-labelledby="cancel-session">
      <h2 id="cancel-session" className="kern-heading-small">
        {t("enrolment.session.cancelTitle")}
      </h2>
      {failure?.formError && failure.formError !== "form.checkFields" ? <Alert tone="danger" title={t(failure.formError, { defaultValue: failure.formError })} /> : null}
      <details open={!!failure}>
        <summary className="kern-link">{t("enrolment.session.cancelOpen")}</summary>
        <Form method="post" className="form-stack">
          <input type="hidden" name="intent" value="session-cancel" />
          <input type="hidden" name="sessionId" value={sessionId} />
          <p>{t("enrolment.session.cancelHint", { count })}</p>
          <TextAreaField id="session-cancel-reason" name="reason" label={t("enrolment.session.cancelReason")} rows={2} defaultValue={failure?.values.reason ?? ""} errors={failure?.fieldErrors.reason} />
          <div className="btn-row">
            <button className="kern-btn kern-btn--secondary" type="submit" disabled={busy}>
              <span className="kern-label">{t("enrolment.session.cancelSubmit")}</span>
            </button>
          </div>
        </Form>
      </details>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
