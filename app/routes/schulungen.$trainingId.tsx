import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { getTraining } from "~/modules/training/catalogue.server.ts";
import { requireUserWithPermission } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { getEnv } from "~/utils/env.server.ts";
import { run } from "~/utils/http.server.ts";
import { formatDate } from "~/utils/i18n.ts";
import { useLocale } from "~/utils/use-root-data.ts";
import { Alert } from "~/components/forms.tsx";
import { costText, durationText, SeatsText, SessionDays, StatusBadge } from "~/components/catalogue.tsx";
import { levelText } from "~/components/level-choice.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";
import { getTrainingEnrolmentState } from "~/modules/training/enrolment.server.ts";
import { enrolmentActionFor } from "~/utils/enrolment-actions.server.ts";
import { SessionEnrolmentControls } from "~/components/enrolment-controls.tsx";
import catalogueStyles from "~/styles/catalogue.css";
import enrolmentStyles from "~/styles/enrolment.css";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.training.title} – Schulungskatalog – Lernreise` : "Schulung – Lernreise" }];
export const links: LinksFunction = () => [
  { rel: "stylesheet", href: catalogueStyles },
  { rel: "stylesheet", href: enrolmentStyles },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireUserWithPermission(request, "read:training:any");
  const view = await run(() => getTraining(db, actor, params.trainingId ?? "", { validityMonths: getEnv().LEVEL_VALIDITY_MONTHS }));
  return { ...view, enrolment: await getTrainingEnrolmentState(db, actor, view.training.id) };
}

/** The enrolment forms of the sessions (request, cancel, enrol someone): see enrolment-actions. */
export async function action({ request }: ActionFunctionArgs) {
  return enrolmentActionFor(await requireUserWithPermission(request, "read:training:any"), request);
}

type Data = Awaited<ReturnType<typeof loader>>;
type Session = Data["sessions"][number];

export default function TrainingPage() {
  const { training, competencies, closesGaps, sessions, hasPerson, editor } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const locale = useLocale();
  const [params] = useSearchParams();
  const saved = params.get("termin");
  const upcoming = sessions.filter((s) => !s.past);
  const past = sessions.filter((s) => s.past).reverse();
  const row = (label: string, value: ReactNode) => (
    <div className="kern-description-list-item">
      <dt className="kern-description-list-item__key">{label}</dt>
      <dd className="kern-description-list-item__value">{value}</dd>
    </div>
  );
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
            <span aria-current="page">{training.title}</span>
          </li>
        </ol>
      </nav>
      <div className="page-header">
        <p className="kern-preline">
          {training.code} · {t(`catalogue.format.${training.format}`)}
        </p>
        <h1 className="kern-heading-large">{training.title}</h1>
        {editor || training.status !== "PUBLISHED" ? (
          <p>
            <StatusBadge status={training.status} />
          </p>
        ) : null}
      </div>
      {saved === "angelegt" || saved === "gespeichert" ? <Alert tone="success" title={t(`catalogue.sessions.${saved === "angelegt" ? "created" : "saved"}`)} /> : null}
      {training.status === "ARCHIVED" ? <Alert tone="info" title={t("catalogue.archivedNotice")} /> : null}
      {editor ? (
        <p className="btn-row">
          <Link className="kern-btn kern-btn--secondary" to={`/schulungen/${training.id}/bearbeiten`}>
            <span className="kern-label">{t("catalogue.edit")}</span>
          </Link>
          {training.status !== "ARCHIVED" ? (
            <Link className="kern-btn kern-btn--secondary" to={`/schulungen/${training.id}/termine/neu`}>
              <span className="kern-label">{t("catalogue.sessions.new")}</span>
            </Link>
          ) : null}
          <Link className="kern-btn kern-btn--secondary" to={`/schulungen/${training.id}/feedback`}>
            <span className="kern-label">{t("feedback.settings.link")}</span>
          </Link>
          <Link className="kern-btn kern-btn--secondary" to={`/wirksamkeit/schulungen/${training.id}`}>
            <span className="kern-label">{t("evaluation.report.link")}</span>
          </Link>
        </p>
      ) : null}

      {hasPerson && competencies.length ? (
        closesGaps.length ? (
          <section className="gap-callout" aria-labelledby="closes-gap">
            <h2 id="closes-gap" className="kern-heading-small">
              {t("catalogue.closesGap.title", { list: closesGaps.map((g) => g.name).join(", ") })}
            </h2>
            <ul>
              {closesGaps.map((g) => (
                <li key={g.lineageId}>
                  {t("catalogue.closesGap.item", {
                    competency: `${g.code} ${g.name}`,
                    current: g.current ? String(g.current) : t("catalogue.closesGap.notRated"),
                    required: g.required,
                    target: g.level ? `${g.targetLevel} – ${g.level.label}` : g.targetLevel,
                  })}
                </li>
              ))}
            </ul>
          </section>
        ) : (
          <p className="kern-body muted">{t("catalogue.closesGap.none")}</p>
        )
      ) : null}

      <div className="two-columns">
        <section className="panel" aria-labelledby="about">
          <h2 id="about" className="kern-heading-medium">
            {t("catalogue.about")}
          </h2>
          {training.description ? <p className="job-description">{training.description}</p> : <p className="muted">{t("catalogue.noDescription")}</p>}
          {training.externalUrl ? (
            <p>
              <a className="kern-link" href={training.externalUrl} rel="noopener noreferrer">
                {t("catalogue.externalLink")}
                <span className="kern-sr-only"> {training.title}</span>
              </a>
            </p>
          ) : null}
        </section>
        <section className="panel" aria-labelledby="facts">
          <h2 id="facts" className="kern-heading-medium">
            {t("catalogue.facts")}
          </h2>
          <dl className="kern-description-list">
            {row(t("catalogue.field.format"), t(`catalogue.format.${training.format}`))}
            {row(t("catalogue.field.provider"), training.provider || "–")}
            {row(t("catalogue.field.duration"), durationText(training.durationMinutes, locale, t))}
            {row(t("catalogue.field.cost"), costText(training.costCents, locale, t))}
            {row(t("catalogue.field.language"), t(`catalogue.language.${training.language}`, { defaultValue: training.language }))}
            {row(t("catalogue.field.requiresApproval"), training.requiresApproval ? t("catalogue.approval.yes") : t("catalogue.approval.no"))}
            {row(t("catalogue.field.targetGroups"), training.targetGroups ? <span className="job-description">{training.targetGroups}</span> : "–")}
            {row(t("catalogue.field.prerequisites"), training.prerequisites ? <span className="job-description">{training.prerequisites}</span> : t("catalogue.noPrerequisites"))}
            {row(
              t("catalogue.field.contact"),
              training.contactName || training.contactEmail ? (
                <>
                  {training.contactName}
                  {training.contactEmail ? (
                    <>
                      {training.contactName ? <br /> : null}
                      <a className="kern-link" href={`mailto:${training.contactEmail}`}>
                        {training.contactEmail}
                      </a>
                    </>
                  ) : null}
                </>
              ) : (
                "–"
              ),
            )}
          </dl>
        </section>
      </div>

      <section className="panel" aria-labelledby="competencies">
        <h2 id="competencies" className="kern-heading-medium">
          {t("catalogue.competencies.title")}
        </h2>
        {competencies.length ? (
          <ul className="competency-list">
            {competencies.map((c) => (
              <li key={c.lineageId}>
                <strong>
                  {c.competency.code} {c.competency.name}
                </strong>{" "}
                <span className="muted">({c.competency.framework.name})</span>
                {c.closesGap ? (
                  <>
                    {" "}
                    <span className="kern-badge kern-badge--success">{t("catalogue.closesGapBadge")}</span>
                  </>
                ) : null}
                <br />
                {t("catalogue.competencies.leadsTo", { level: levelText(c.levels, c.targetLevel) })}
                {c.descriptor ? <span className="level-descriptor">{c.descriptor}</span> : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t("catalogue.competencies.none")}</p>
        )}
      </section>

      <section className="panel" aria-labelledby="sessions">
        <h2 id="sessions" className="kern-heading-medium">
          {t("catalogue.sessions.title")}
        </h2>
        {upcoming.length ? (
          <SessionsTable sessions={upcoming} caption={t("catalogue.sessions.upcomingCaption", { title: training.title })} editor={editor} />
        ) : (
          <p className="kern-body">{training.format === "ELEARNING" ? t("catalogue.sessions.noneElearning") : t("catalogue.sessions.none")}</p>
        )}
        {past.length ? (
          <details className="history-details">
            <summary>{t("catalogue.sessions.past", { count: past.length })}</summary>
            <SessionsTable sessions={past} caption={t("catalogue.sessions.pastCaption", { title: training.title })} editor={editor} />
          </details>
        ) : null}
      </section>
    </>
  );
}

function SessionsTable({ sessions, caption, editor }: { sessions: Session[]; caption: string; editor: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <div className="kern-table-responsive">
      <table className="kern-table kern-table--striped sessions-table">
        <caption className="kern-sr-only">{caption}</caption>
        <thead className="kern-table__header">
          <tr>
            <th scope="col">{t("catalogue.sessions.when")}</th>
            <th scope="col">{t("catalogue.sessions.where")}</th>
            <th scope="col">{t("catalogue.sessions.trainer")}</th>
            <th scope="col">{t("catalogue.sessions.seats")}</th>
            <th scope="col">{t("catalogue.sessions.deadline")}</th>
            {/* Enrolment column: the enrolment module adds its controls ("Anmelden", own status) here. */}
            <th scope="col">{t("catalogue.sessions.enrolment")}</th>
            {editor ? <th scope="col">{t("catalogue.sessions.manage")}</th> : null}
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {sessions.map((s) => (
            <tr key={s.id} id={`termin-${s.id}`}>
              <th scope="row">
                <SessionDays days={s.days} locale={locale} />
              </th>
              <td>
                {s.location ? <span className="training-meta">{s.location}</span> : null}
                {s.onlineUrl ? (
                  <a className="kern-link" href={s.onlineUrl} rel="noopener noreferrer">
                    {t("catalogue.sessions.onlineLink")}
                  </a>
                ) : null}
              </td>
              <td>{s.trainerLabel || "–"}</td>
              <td>
                <SeatsText session={s} />
              </td>
              <td>{s.enrolmentDeadline ? formatDate(s.enrolmentDeadline, locale) : t("catalogue.sessions.noDeadline")}</td>
              <td>
                <EnrolmentCell session={s} />
              </td>
              {editor ? (
                <td>
                  {s.status === "SCHEDULED" ? (
                    <Link className="kern-link" to={`/schulungen/termine/${s.id}/bearbeiten`}>
                      {t("catalogue.sessions.editLink")}
                      <span className="kern-sr-only"> {formatDate(s.startsAt, locale)}</span>
                    </Link>
                  ) : (
                    "–"
                  )}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The viewer's status and the enrolment forms (enrolment-controls), with the availability as fallback. */
function EnrolmentCell({ session }: { session: Session }) {
  const { training, enrolment } = useLoaderData<typeof loader>();
  const locale = useLocale();
  return (
    <SessionEnrolmentControls
      sessionId={session.id}
      context={`${training.title}, ${formatDate(session.startsAt, locale)}`}
      requiresApproval={training.requiresApproval}
      state={enrolment.sessions[session.id]}
      candidates={enrolment.candidates}
      fallback={<SessionEnrolment session={session} />}
    />
  );
}

/**
 * Whether a place can be had in this session. The enrolment module extends this cell with the
 * viewer's own enrolment status and the "Anmelden" control.
 */
function SessionEnrolment({ session }: { session: Session }) {
  const { t } = useTranslation();
  if (session.status === "CANCELLED") return <>{t("catalogue.enrolment.cancelled")}</>;
  if (session.past) return <>{t("catalogue.enrolment.past")}</>;
  if (session.deadlinePassed) return <>{t("catalogue.enrolment.deadlinePassed")}</>;
  if (new Date(session.startsAt) <= new Date()) return <>{t("catalogue.enrolment.running")}</>;
  if (session.freeSeats === 0) return <>{t("catalogue.enrolment.full")}</>;
  return <>{t("catalogue.enrolment.open")}</>;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
