// The body of "Meine Kompetenzen" and of a person's "Kompetenzen und Lücken": required vs.
// current level per competency, the rule for the current level, radar + table, history.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { getPersonGaps } from "~/modules/assessment/gaps.server.ts";
import { formatDate } from "~/utils/i18n.ts";
import { useLocale } from "~/utils/use-root-data.ts";
import { RadarWithTable } from "./radar-chart.tsx";

export type PersonGaps = Awaited<ReturnType<typeof getPersonGaps>>;
type Row = PersonGaps["rows"][number];

interface Props {
  gaps: PersonGaps;
  /** Null on the own page. */
  person: { id: string; firstName: string; lastName: string } | null;
}

function levelLabel(row: Row, level: number) {
  return row.competency.framework.scale.levels.find((l) => l.ordinal === level)?.label ?? "";
}

export function PersonGapsPage({ gaps, person }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const own = person === null;
  const { position, rows, radar, essentialGaps, validityMonths } = gaps;
  const withGap = rows.filter((r) => r.gap > 0).length;
  const unrated = rows.filter((r) => !r.current).length;
  const level = (row: Row, n: number) => {
    const label = levelLabel(row, n);
    return label ? t("gaps.levelValue", { level: n, label }) : String(n);
  };

  return (
    <>
      {person ? (
        <nav className="breadcrumb" aria-label={t("gaps.breadcrumb")}>
          <ol>
            <li>
              {gaps.access === "team" ? (
                <Link className="kern-link" to="/team">
                  {t("gaps.breadcrumbTeam")}
                </Link>
              ) : (
                <Link className="kern-link" to="/personen">
                  {t("gaps.breadcrumbPeople")}
                </Link>
              )}
            </li>
            <li>
              <Link className="kern-link" to={`/personen/${person.id}`}>
                {person.firstName} {person.lastName}
              </Link>
            </li>
            <li>
              <span aria-current="page">{t("gaps.preline")}</span>
            </li>
          </ol>
        </nav>
      ) : null}
      <div className="page-header">
        <p className="kern-preline">{own ? t("gaps.ownPreline") : t("gaps.preline")}</p>
        <h1 className="kern-heading-large">{own ? t("gaps.ownTitle") : `${person.firstName} ${person.lastName}`}</h1>
        <p className="kern-body">
          {position ? (
            <>
              {t("gaps.position", { title: position.title })} ·{" "}
              <Link className="kern-link" to={`/stellenprofile/${position.id}`}>
                {t("gaps.positionProfileLink")}
              </Link>
            </>
          ) : null}
        </p>
        {own ? (
          <p className="kern-body">
            {t("evidence.gapsHint")}{" "}
            <Link className="kern-link" to="/nachweise">
              {t("evidence.gapsLink")}
            </Link>
          </p>
        ) : null}
      </div>

      {!position || rows.length === 0 ? (
        <section className="panel empty-state" aria-labelledby="gaps-empty">
          <h2 id="gaps-empty" className="kern-heading-medium">
            {t("gaps.competenciesTitle")}
          </h2>
          <p>{position ? t("gaps.noRequirements") : t("gaps.noPosition")}</p>
        </section>
      ) : (
        <>
          <div className="two-columns">
            <section className="panel" aria-labelledby="gaps-summary">
              <h2 id="gaps-summary" className="kern-heading-medium">
                {t("gaps.summaryTitle")}
              </h2>
              <p>
                <a className="stat stat-link" href="#gaps-competencies">
                  {t("gaps.essentialGaps", { count: essentialGaps })}
                </a>
              </p>
              <p>{t("gaps.summaryDetail", { withGap, total: rows.length, unrated })}</p>
            </section>
            <section className="panel" aria-labelledby="gaps-rule">
              <h2 id="gaps-rule" className="kern-heading-medium">
                {t("gaps.ruleTitle")}
              </h2>
              <ol className="rule-list">
                <li>{t("gaps.rule.kept")}</li>
                <li>{t("gaps.rule.validity", { count: validityMonths })}</li>
                <li>{t("gaps.rule.current")}</li>
                <li>{t("gaps.rule.outdated")}</li>
              </ol>
            </section>
          </div>

          <section className="panel" aria-labelledby="gaps-chart">
            <h2 id="gaps-chart" className="kern-heading-medium">
              {t("gaps.chartTitle")}
            </h2>
            <p id="gaps-chart-intro">{t("gaps.chartIntro")}</p>
            <RadarWithTable points={radar} headingId="gaps-chart-intro" />
          </section>

          <section className="panel" aria-labelledby="gaps-competencies">
            <h2 id="gaps-competencies" className="kern-heading-medium">
              {t("gaps.competenciesTitle")}
            </h2>
            <div className="kern-table-responsive">
              <table className="kern-table gap-table">
                <caption className="kern-sr-only">{t("gaps.competenciesCaption")}</caption>
                <thead className="kern-table__header">
                  <tr>
                    <th scope="col">{t("gaps.competency")}</th>
                    <th scope="col">{t("gaps.targetLevel")}</th>
                    <th scope="col">{t("gaps.currentLevel")}</th>
                    <th scope="col">{t("gaps.gap")}</th>
                    <th scope="col">{t("gaps.importance")}</th>
                  </tr>
                </thead>
                <tbody className="kern-table__body">
                  {rows.map((row) => {
                    const essentialGap = row.importance === "ESSENTIAL" && row.gap > 0;
                    return (
                      <tr key={row.competency.id} className={essentialGap ? "gap-row--essential" : undefined}>
                        <th scope="row">
                          <strong>
                            {row.competency.code} {row.competency.name}
                          </strong>
                          <br />
                          <span className="muted">{row.competency.framework.name}</span>
                        </th>
                        <td>{level(row, row.targetLevel)}</td>
                        <td>
                          {row.current ? (
                            <>
                              {level(row, row.current.level)}
                              <br />
                              <span className="muted">
                                {t(`gaps.source.${row.current.source}`)}, {t("gaps.recordedOn", { date: formatDate(row.current.recordedAt, locale) })}
                              </span>
                              <br />
                              {row.current.outdated ? (
                                <>
                                  <span className="kern-badge kern-badge--warning">
                                    {t("gaps.outdated")}
                                  </span>{" "}
                                  <span className="muted">{t("gaps.outdatedSince", { date: formatDate(row.current.validUntil, locale) })}</span>
                                </>
                              ) : (
                                <span className="muted">{t("gaps.validUntil", { date: formatDate(row.current.validUntil, locale) })}</span>
                              )}
                            </>
                          ) : (
                            <em>{t("gaps.notRated")}</em>
                          )}
                        </td>
                        <td>
                          {row.gap > 0 ? t("gaps.gapValue", { count: row.gap }) : t("gaps.noGap")}
                          {essentialGap ? (
                            <>
                              {" "}
                              <span className="kern-badge kern-badge--danger">
                                {t("gaps.essentialGapBadge")}
                              </span>
                            </>
                          ) : null}
                        </td>
                        <td>{t(`gaps.importanceValue.${row.importance}`)}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </section>

          <section className="panel" aria-labelledby="gaps-history">
            <h2 id="gaps-history" className="kern-heading-medium">
              {t("gaps.historyTitle")}
            </h2>
            <p>{t("gaps.historyIntro")}</p>
            {rows.map((row) => {
              const name = `${row.competency.code} ${row.competency.name}`;
              return (
                <details key={row.competency.id} className="history-details">
                  <summary>{t("gaps.historySummary", { name, count: row.history.length })}</summary>
                  {row.history.length ? (
                    <div className="kern-table-responsive">
                      <table className="kern-table kern-table--small">
                        <caption className="kern-sr-only">{t("gaps.historyCaption", { name })}</caption>
                        <thead className="kern-table__header">
                          <tr>
                            <th scope="col">{t("gaps.date")}</th>
                            <th scope="col">{t("gaps.level")}</th>
                            <th scope="col">{t("gaps.sourceLabel")}</th>
                            <th scope="col">{t("gaps.note")}</th>
                          </tr>
                        </thead>
                        <tbody className="kern-table__body">
                          {row.history.map((h) => (
                            <tr key={h.id}>
                              <td>{formatDate(h.recordedAt, locale)}</td>
                              <td>{level(row, h.level)}</td>
                              <td>{t(`gaps.source.${h.source}`)}</td>
                              <td>{h.note || "–"}</td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    </div>
                  ) : (
                    <p>{t("gaps.historyEmpty")}</p>
                  )}
                </details>
              );
            })}
          </section>
        </>
      )}
    </>
  );
}
