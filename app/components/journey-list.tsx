// A person's journeys: running ones with their next steps (due first) and progress, then the
// others (drafts, proposed, completed with their record, cancelled). Used on "Meine Lernreise"
// and on a person's journeys page for their leader and HR.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate } from "~/utils/i18n.ts";
import { useLocale } from "~/utils/use-root-data.ts";
import { JourneyProgress, type ProgressView } from "./journey-progress.tsx";

export interface JourneySummary {
  id: string;
  title: string;
  status: string;
  goalKind: string;
  startsOn: string;
  endsOn: string;
  progress: ProgressView;
  overdueCount: number;
  nextSteps: { id: string; title: string; kind: string; status: string; dueOn: string | null; overdue: boolean; trainingId: string | null }[];
}

export function JourneyDue({ dueOn, overdue }: { dueOn: string | null; overdue: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (!dueOn) return <span className="muted">{t("journeys.noDue")}</span>;
  return (
    <span className={overdue ? "journey-overdue" : undefined}>
      {t("journeys.due", { date: formatDate(dueOn, locale) })}
      {overdue ? <strong> – {t("journeys.overdue")}</strong> : null}
    </span>
  );
}

export function JourneyList({ journeys, headingLevel = 2 }: { journeys: JourneySummary[]; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const running = journeys.filter((j) => j.status === "ACTIVE" || j.status === "AGREED");
  const others = journeys.filter((j) => j.status !== "ACTIVE" && j.status !== "AGREED");
  const H = headingLevel === 2 ? "h2" : "h3";
  const Sub = headingLevel === 2 ? "h3" : "h4";
  return (
    <>
      <section aria-labelledby="journeys-running" className="panel">
        <H id="journeys-running" className="kern-heading-medium">
          {t("journeys.list.running")}
        </H>
        {running.length === 0 ? <p>{t("journeys.list.noRunning")}</p> : null}
        {running.map((j) => (
          <article key={j.id} aria-labelledby={`journey-${j.id}`} className="journey-card">
            <Sub id={`journey-${j.id}`} className="kern-heading-small">
              <Link className="kern-link" to={`/lernreisen/${j.id}`}>
                {j.title}
              </Link>
            </Sub>
            <p className="kern-body">
              {t(`journeys.status.${j.status}`)} · {t("journeys.frame", { from: formatDate(j.startsOn, locale), to: formatDate(j.endsOn, locale) })}
              {j.overdueCount > 0 ? <strong> · {t("journeys.list.overdueCount", { count: j.overdueCount })}</strong> : null}
            </p>
            <JourneyProgress id={`progress-${j.id}`} progress={j.progress} label={t("journeys.progress.label")} />
            {j.nextSteps.length > 0 ? (
              <>
                <p className="kern-label">{t("journeys.list.nextSteps")}</p>
                <ol className="journey-next-steps">
                  {j.nextSteps.slice(0, 5).map((s) => (
                    <li key={s.id}>
                      <Link className="kern-link" to={`/lernreisen/${j.id}#step-${s.id}`}>
                        {s.title}
                      </Link>{" "}
                      ({t(`journeys.stepKind.${s.kind}`)}, <JourneyDue dueOn={s.dueOn} overdue={s.overdue} />)
                    </li>
                  ))}
                </ol>
              </>
            ) : (
              <p>{t("journeys.list.allResolved")}</p>
            )}
          </article>
        ))}
      </section>
      <section aria-labelledby="journeys-others" className="panel">
        <H id="journeys-others" className="kern-heading-medium">
          {t("journeys.list.others")}
        </H>
        {others.length === 0 ? (
          <p>{t("journeys.list.noOthers")}</p>
        ) : (
          <table className="kern-table">
            <caption className="kern-label">{t("journeys.list.othersCaption")}</caption>
            <thead className="kern-table__head">
              <tr className="kern-table__row">
                <th scope="col" className="kern-table__header">
                  {t("journeys.fields.title")}
                </th>
                <th scope="col" className="kern-table__header">
                  {t("journeys.list.status")}
                </th>
                <th scope="col" className="kern-table__header">
                  {t("journeys.list.frame")}
                </th>
                <th scope="col" className="kern-table__header">
                  {t("journeys.progress.label")}
                </th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {others.map((j) => (
                <tr key={j.id} className="kern-table__row">
                  <th scope="row" className="kern-table__cell">
                    <Link className="kern-link" to={`/lernreisen/${j.id}${j.status === "COMPLETED" ? "#record" : ""}`}>
                      {j.title}
                    </Link>
                  </th>
                  <td className="kern-table__cell">
                    {t(`journeys.status.${j.status}`)}
                    {j.status === "COMPLETED" ? (
                      <>
                        {" · "}
                        <Link className="kern-link" to={`/lernreisen/${j.id}#record`}>
                          {t("journeys.list.record")}
                        </Link>
                      </>
                    ) : null}
                  </td>
                  <td className="kern-table__cell">{t("journeys.frame", { from: formatDate(j.startsOn, locale), to: formatDate(j.endsOn, locale) })}</td>
                  <td className="kern-table__cell">{t("journeys.progress.text", { done: j.progress.done, total: j.progress.total, percent: j.progress.percent })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
