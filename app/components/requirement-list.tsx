// A person's mandatory trainings: "Meine Pflichtschulungen" (own) and the person tab for leaders
// and HR (team/any). Status as text (never colour alone), due date, why it applies, where to
// enrol or upload a certificate, the history and the reminders the person received.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { RequirementsOfPerson } from "~/modules/compliance/requirements.server.ts";
import type { ExplainLine, ExplainParam } from "~/modules/compliance/explain.ts";
import { formatDate, formatDateTime, formatNumber, type Locale } from "~/utils/i18n.ts";
import { useLocale } from "~/utils/use-root-data.ts";
import { PageHeader } from "./page.tsx";

// Single fetch keeps Dates, so the loader data has the module's own shape.
export type RequirementsData = RequirementsOfPerson;
type OpenItem = RequirementsData["open"][number];

/** Display order of the status counts: what needs action first. */
export const STATUS_ORDER = ["OVERDUE", "EXPIRED", "DUE_SOON", "NOT_DUE", "PAUSED", "EXEMPT", "COMPLETED"] as const;

const STATUS_TONE: Record<string, string> = {
  OVERDUE: "kern-badge--danger",
  EXPIRED: "kern-badge--danger",
  DUE_SOON: "kern-badge--warning",
  COMPLETED: "kern-badge--success",
  NOT_DUE: "kern-badge--info",
  PAUSED: "kern-badge--info",
  EXEMPT: "kern-badge--info",
};

export function ComplianceStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <span className={`kern-badge ${STATUS_TONE[status] ?? ""}`}>{t(`compliance.status.${status}`, { defaultValue: status })}</span>;
}

function monthDay(value: { month: number; day: number }, locale: Locale) {
  return new Intl.DateTimeFormat(locale === "de" ? "de-DE" : "en-GB", { day: "numeric", month: "long", timeZone: "UTC" }).format(new Date(Date.UTC(2000, value.month - 1, value.day)));
}

/** Renders an explanation line (explain.ts) in the reader's language. */
export function useExplainText(perspective: "own" | "them") {
  const { t } = useTranslation();
  const locale = useLocale();
  const param = (value: ExplainParam): string | number => {
    if (typeof value === "string" || typeof value === "number") return value;
    if ("day" in value) return formatDate(value.day, locale);
    if ("monthDay" in value) return monthDay(value.monthDay, locale);
    return t(value.key);
  };
  return (line: ExplainLine) =>
    t(line.key, { ...Object.fromEntries(Object.entries(line.params).map(([k, v]) => [k, param(v)])), context: perspective === "them" ? "them" : undefined });
}

function StatusCounts({ data }: { data: RequirementsData }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const own = data.access === "own";
  const shown = STATUS_ORDER.filter((s) => data.counts[s] > 0);
  return (
    <section className="panel" aria-labelledby="compliance-summary">
      <h2 id="compliance-summary" className="kern-heading-medium">
        {t("compliance.mine.summary")}
      </h2>
      <p>{t(own ? "compliance.mine.total" : "compliance.mine.totalOf", { count: data.open.length })}</p>
      {shown.length ? (
        <ul className="compliance-counts" aria-label={t("compliance.mine.countsLabel")}>
          {shown.map((s) => (
            <li key={s}>
              <span className="stat">{formatNumber(data.counts[s], locale)}</span> <ComplianceStatusBadge status={s} />
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function TrainingOptions({ item, own }: { item: OpenItem; own: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <ul className="compliance-trainings">
      {item.trainings.map((tr) => (
        <li key={tr.id}>
          {tr.published ? (
            <Link className="kern-link" to={`/schulungen/${tr.id}`}>
              {t("compliance.item.trainingLink", { title: tr.title, code: tr.code })}
            </Link>
          ) : (
            <>
              {t("compliance.item.trainingLink", { title: tr.title, code: tr.code })} <span className="muted">{t("compliance.item.notPublished")}</span>
            </>
          )}
          {tr.enrolment ? (
            <p>
              {t(`compliance.item.enrolled.${tr.enrolment.status}`, { date: formatDateTime(tr.enrolment.startsAt, locale) })}{" "}
              {own ? (
                <Link className="kern-link" to="/anmeldungen">
                  {t("compliance.item.enrolledLink")}
                </Link>
              ) : null}
            </p>
          ) : tr.nextSession ? (
            <>
              <p>
                {tr.nextSession.location
                  ? t("compliance.item.nextSession", { date: formatDateTime(tr.nextSession.startsAt, locale), place: tr.nextSession.location, free: tr.nextSession.freeSeats })
                  : t("compliance.item.nextSessionNoPlace", { date: formatDateTime(tr.nextSession.startsAt, locale), free: tr.nextSession.freeSeats })}
              </p>
              {own && item.status !== "COMPLETED" && item.status !== "EXEMPT" ? (
                <p>
                  <Link
                    className="kern-btn kern-btn--secondary"
                    to={`/schulungen/${tr.id}#termin-${tr.nextSession.id}`}
                    aria-label={t("compliance.item.enrolLabel", { title: tr.title, date: formatDateTime(tr.nextSession.startsAt, locale) })}
                  >
                    <span className="kern-label">{t("compliance.item.enrol")}</span>
                  </Link>
                </p>
              ) : null}
            </>
          ) : tr.published ? (
            <p className="muted">{t("compliance.item.noSession")}</p>
          ) : null}
          {own && tr.published && item.status !== "EXEMPT" ? (
            <p>
              <Link className="kern-link" to={`/nachweise?schulung=${encodeURIComponent(tr.id)}#completions-upload`} aria-label={t("compliance.item.uploadLabel", { title: tr.title })}>
                {t("compliance.item.upload")}
              </Link>
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

function RequirementCard({ item, own }: { item: OpenItem; own: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const text = useExplainText(own ? "own" : "them");
  const headingId = `req-${item.id}`;
  const overdue = item.status === "OVERDUE" || item.status === "EXPIRED";
  return (
    <li>
      <article className="panel requirement-card" aria-labelledby={headingId}>
        <h3 id={headingId} className="kern-heading-small">
          {item.rule.name}
        </h3>
        <dl className="kern-description-list">
          <div className="kern-description-list-item">
            <dt className="kern-description-list-item__key">{t("compliance.item.status")}</dt>
            <dd className="kern-description-list-item__value">
              <ComplianceStatusBadge status={item.status} />
              {overdue && item.daysOverdue > 0 ? <> {t("compliance.item.daysOverdue", { count: item.daysOverdue })}</> : null}
              {item.status === "PAUSED" && item.pausedFrom ? (
                <>
                  {" "}
                  {item.pausedUntil
                    ? t("compliance.item.pausedRange", { from: formatDate(item.pausedFrom, locale), until: formatDate(item.pausedUntil, locale) })
                    : t("compliance.item.pausedOpen", { from: formatDate(item.pausedFrom, locale) })}
                </>
              ) : null}
              {item.status === "EXEMPT" && item.exemptUntil ? <> {t("compliance.item.exemptUntil", { date: formatDate(item.exemptUntil, locale) })}</> : null}
            </dd>
          </div>
          <div className="kern-description-list-item">
            <dt className="kern-description-list-item__key">{t("compliance.item.dueOn")}</dt>
            <dd className="kern-description-list-item__value">{item.dueOn ? formatDate(item.dueOn, locale) : t("compliance.item.noDue")}</dd>
          </div>
          <div className="kern-description-list-item">
            <dt className="kern-description-list-item__key">{t("compliance.item.completedOn")}</dt>
            <dd className="kern-description-list-item__value">
              {item.completedOn ? (
                <>
                  {formatDate(item.completedOn, locale)}, {item.validUntil ? t("compliance.item.validUntil", { date: formatDate(item.validUntil, locale) }) : t("compliance.item.validForever")}
                </>
              ) : (
                t("compliance.item.notCompleted")
              )}
            </dd>
          </div>
          <div className="kern-description-list-item">
            <dt className="kern-description-list-item__key">{t("compliance.item.legalBasis")}</dt>
            <dd className="kern-description-list-item__value">{item.rule.legalBasis}</dd>
          </div>
        </dl>
        {item.rule.description ? <p>{item.rule.description}</p> : null}
        <h4 className="kern-heading-small requirement-subheading">{t("compliance.item.trainings")}</h4>
        <TrainingOptions item={item} own={own} />
        <details className="requirement-why">
          <summary>{t(own ? "compliance.item.why" : "compliance.item.whyOf")}</summary>
          <h4 className="kern-heading-small requirement-subheading">{t("compliance.item.whyAudience")}</h4>
          <ul>
            {item.why.audience.map((line, i) => (
              <li key={i}>{text(line)}</li>
            ))}
          </ul>
          <h4 className="kern-heading-small requirement-subheading">{t("compliance.item.whyDue")}</h4>
          <ul>
            {item.why.due.map((line, i) => (
              <li key={i}>{text(line)}</li>
            ))}
          </ul>
          {item.why.special.length ? (
            <>
              <h4 className="kern-heading-small requirement-subheading">{t("compliance.item.whySpecial")}</h4>
              <ul>
                {item.why.special.map((line, i) => (
                  <li key={i}>{text(line)}</li>
                ))}
              </ul>
            </>
          ) : null}
        </details>
      </article>
    </li>
  );
}

function History({ data }: { data: RequirementsData }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const text = useExplainText(data.access === "own" ? "own" : "them");
  return (
    <section className="panel" aria-labelledby="compliance-history">
      <h2 id="compliance-history" className="kern-heading-medium">
        {t("compliance.history.title")}
      </h2>
      <h3 id="compliance-closed" className="kern-heading-small">
        {t("compliance.history.closedTitle")}
      </h3>
      {data.closed.length ? (
        <div className="kern-table-responsive">
          <table className="kern-table" aria-labelledby="compliance-closed">
            <caption className="kern-sr-only">{t("compliance.history.closedCaption")}</caption>
            <thead className="kern-table__header">
              <tr>
                <th scope="col">{t("compliance.history.rule")}</th>
                <th scope="col">{t("compliance.history.since")}</th>
                <th scope="col">{t("compliance.history.closedOn")}</th>
                <th scope="col">{t("compliance.history.reason")}</th>
                <th scope="col">{t("compliance.history.completedOn")}</th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {data.closed.map((c) => (
                <tr key={c.id}>
                  <th scope="row">{c.ruleName}</th>
                  <td>{formatDate(c.audienceSince, locale)}</td>
                  <td>{formatDate(c.closedOn, locale)}</td>
                  <td>{c.reason ? t(`compliance.closed.${c.reason}`, { defaultValue: c.reason }) : "–"}</td>
                  <td>{formatDate(c.completedOn, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="empty-state">{t("compliance.history.closedEmpty")}</p>
      )}
      <h3 id="compliance-events" className="kern-heading-small">
        {t("compliance.history.eventsTitle")}
      </h3>
      {data.history.length ? (
        <div className="kern-table-responsive">
          <table className="kern-table" aria-labelledby="compliance-events">
            <caption className="kern-sr-only">{t("compliance.history.eventsCaption")}</caption>
            <thead className="kern-table__header">
              <tr>
                <th scope="col">{t("compliance.history.at")}</th>
                <th scope="col">{t("compliance.history.rule")}</th>
                <th scope="col">{t("compliance.history.change")}</th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {data.history.map((e) => (
                <tr key={e.id}>
                  <td>{formatDateTime(e.at, locale)}</td>
                  <td>{e.ruleName}</td>
                  <td>{text(e.message)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="empty-state">{t("compliance.history.eventsEmpty")}</p>
      )}
    </section>
  );
}

function Reminders({ data }: { data: RequirementsData }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const own = data.access === "own";
  const about = (r: RequirementsData["reminders"][number]) => {
    if (r.kind === "HR_DIGEST") return t("compliance.reminders.aboutDigest");
    const rule = r.ruleName ?? "–";
    if (r.subject && r.kind === "LEADER_OVERDUE") return t("compliance.reminders.aboutPerson", { rule, person: r.subject, date: formatDate(r.dueOn, locale) });
    return r.dueOn ? t("compliance.reminders.aboutRule", { rule, date: formatDate(r.dueOn, locale) }) : t("compliance.reminders.aboutRuleNoDate", { rule });
  };
  return (
    <section className="panel" aria-labelledby="compliance-reminders">
      <h2 id="compliance-reminders" className="kern-heading-medium">
        {t(own ? "compliance.reminders.title" : "compliance.reminders.titleOf")}
      </h2>
      {data.reminders.length ? (
        <div className="kern-table-responsive">
          <table className="kern-table" aria-labelledby="compliance-reminders">
            <caption className="kern-sr-only">{t("compliance.reminders.caption")}</caption>
            <thead className="kern-table__header">
              <tr>
                <th scope="col">{t("compliance.reminders.sentAt")}</th>
                <th scope="col">{t("compliance.reminders.kindLabel")}</th>
                <th scope="col">{t("compliance.reminders.about")}</th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {data.reminders.map((r) => (
                <tr key={r.id}>
                  <td>{formatDateTime(r.sentAt, locale)}</td>
                  <td>{t(`compliance.reminders.kind.${r.kind}`, { defaultValue: r.kind })}</td>
                  <td>{about(r)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="empty-state">{t("compliance.reminders.empty")}</p>
      )}
    </section>
  );
}

/** The whole page: own ("Meine Pflichtschulungen") or a person's tab (leader, HR). */
export function RequirementList({ data }: { data: RequirementsData }) {
  const { t } = useTranslation();
  const own = data.access === "own";
  const name = `${data.person.firstName} ${data.person.lastName}`;
  return (
    <>
      <PageHeader title={own ? t("compliance.mine.title") : t("compliance.mine.titleOf", { name })} intro={own ? t("compliance.mine.intro") : t("compliance.mine.introOf")} />
      {!own ? (
        <p className="btn-row">
          <Link className="kern-link" to={`/personen/${data.person.id}`}>
            {t("compliance.mine.back")}
          </Link>
          {data.canManageExemptions ? (
            <Link className="kern-link" to={`/personen/${data.person.id}/befreiungen`}>
              {t("compliance.mine.exemptions")}
            </Link>
          ) : null}
        </p>
      ) : null}
      <StatusCounts data={data} />
      <section aria-labelledby="compliance-list">
        <h2 id="compliance-list" className="kern-heading-medium">
          {t("compliance.mine.listTitle")}
        </h2>
        {data.open.length ? (
          <>
            <p className="muted">{t("compliance.mine.listIntro")}</p>
            <ol className="requirement-list">
              {data.open.map((item) => (
                <RequirementCard key={item.id} item={item} own={own} />
              ))}
            </ol>
          </>
        ) : (
          <p className="empty-state">{t(own ? "compliance.mine.empty" : "compliance.mine.emptyOf")}</p>
        )}
      </section>
      <History data={data} />
      <Reminders data={data} />
    </>
  );
}

/** The start page's card: counts by status with a link to the page. */
export function ComplianceStartCard({ summary }: { summary: { total: number; counts: Record<string, number> } }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const shown = STATUS_ORDER.filter((s) => (summary.counts[s] ?? 0) > 0);
  const open = (summary.counts.OVERDUE ?? 0) + (summary.counts.EXPIRED ?? 0) + (summary.counts.DUE_SOON ?? 0);
  return (
    <section className="panel" aria-labelledby="card-compliance">
      <h2 id="card-compliance" className="kern-heading-small">
        {t("compliance.mine.startCard.title")}
      </h2>
      {summary.total === 0 ? (
        <p>{t("compliance.mine.startCard.none")}</p>
      ) : (
        <>
          {/* Inline layout: the start page does not load this page's stylesheet. */}
          <ul className="compliance-counts" aria-label={t("compliance.mine.countsLabel")} style={{ listStyle: "none", padding: 0, display: "flex", flexWrap: "wrap", gap: ".5rem 1.5rem" }}>
            {shown.map((s) => (
              <li key={s} style={{ display: "flex", alignItems: "center", gap: ".4rem" }}>
                <span className="stat">{formatNumber(summary.counts[s] ?? 0, locale)}</span> <ComplianceStatusBadge status={s} />
              </li>
            ))}
          </ul>
          {open === 0 ? <p>{t("compliance.mine.startCard.allFine")}</p> : null}
        </>
      )}
      <Link className="kern-link" to="/pflichtschulungen">
        {t("compliance.mine.startCard.link")}
      </Link>
    </section>
  );
}
