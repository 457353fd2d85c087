// The body of an evaluation report (training or session): per kind of feedback the key figures,
// every item as a chart with its table, free texts, barriers, learning gain; then the comparison of
// sessions and the trend. Suppressed groups show only "Zu wenige Rückmeldungen (n < 5)".
import type { SerializeFrom } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { ComparisonCell, TrainingReport } from "~/modules/feedback/reports.server.ts";
import { formatNumber, type Locale } from "~/utils/i18n.ts";
import { useLocale } from "~/utils/use-root-data.ts";
import { DistributionChart, TrendChart } from "./feedback-report-charts.tsx";

type Report = SerializeFrom<TrainingReport>;
type Kind = "IMMEDIATE" | "TRANSFER_PARTICIPANT" | "TRANSFER_LEADER";
const KINDS: Kind[] = ["IMMEDIATE", "TRANSFER_PARTICIPANT", "TRANSFER_LEADER"];

export function useFigures() {
  const locale = useLocale();
  const { t } = useTranslation();
  return {
    locale,
    n: (v: number) => formatNumber(v, locale),
    dec: (v: number | null) => (v === null ? "–" : formatNumber(v, locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 })),
    pct: (v: number | null) => (v === null ? "–" : t("evaluation.percent", { value: formatNumber(v * 100, locale, { maximumFractionDigits: 0 }) })),
    nps: (v: number | null) => (v === null ? "–" : formatNumber(Math.round(v), locale, { signDisplay: "exceptZero" })),
  };
}

export function monthLabel(period: string, locale: Locale) {
  return new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "de-DE", { month: "short", year: "numeric", timeZone: "UTC" }).format(new Date(`${period}-01T00:00:00Z`));
}

/** The suppression notice: no number, only the threshold. */
export function TooFew({ min }: { min: number }) {
  const { t } = useTranslation();
  return <span className="feedback-too-few">{t("evaluation.tooFew", { min })}</span>;
}

function ItemBlock({ item, id, min }: { item: Extract<Report["groups"][Kind], { suppressed: false }>["items"][number]; id: string; min: number }) {
  const { t } = useTranslation();
  const f = useFigures();
  const heading = (
    <h4 className="kern-heading-small" id={id}>
      {item.text}
    </h4>
  );
  if (item.stats.suppressed) {
    return (
      <div className="feedback-item">
        {heading}
        <p>
          <TooFew min={min} />
        </p>
      </div>
    );
  }
  const s = item.stats;
  if (item.type === "TEXT") {
    return (
      <div className="feedback-item">
        {heading}
        {s.texts && s.texts.length ? (
          <>
            <p className="muted">{t("evaluation.report.textsNote")}</p>
            <ul className="feedback-texts" aria-labelledby={id}>
              {s.texts.map((text, i) => (
                <li key={i}>{text}</li>
              ))}
            </ul>
          </>
        ) : (
          <p className="muted">{t("evaluation.report.noTexts")}</p>
        )}
      </div>
    );
  }
  const caption = t("evaluation.report.distributionCaption", { item: item.text });
  return (
    <div className="feedback-item">
      {heading}
      <p className="feedback-figures">
        {t("evaluation.report.answered", { count: s.answered, value: f.n(s.answered) })}
        {s.mean !== null ? <> · {t("evaluation.report.mean", { value: f.dec(s.mean) })}</> : null}
        {s.topTwoBox !== null ? <> · {t("evaluation.report.topTwo", { value: f.pct(s.topTwoBox) })}</> : null}
        {s.nps ? <> · {t("evaluation.report.npsDetail", { score: f.nps(s.nps.score), promoters: f.pct(s.nps.promoters), detractors: f.pct(s.nps.detractors) })}</> : null}
      </p>
      <DistributionChart labels={s.distribution.map((d) => d.label)} shares={s.distribution.map((d) => d.share)} label={caption} />
      <div className="kern-table-responsive" tabIndex={0} role="region" aria-label={caption}>
        <table className="kern-table kern-table--striped feedback-table">
          <caption className="kern-sr-only">{caption}</caption>
          <thead className="kern-table__header">
            <tr>
              <th scope="col">{item.type === "SINGLE" || item.type === "MULTI" ? t("evaluation.report.option") : t("evaluation.report.value")}</th>
              <th scope="col" className="num">
                {t("evaluation.report.count")}
              </th>
              <th scope="col" className="num">
                {t("evaluation.report.share")}
              </th>
            </tr>
          </thead>
          <tbody className="kern-table__body">
            {s.distribution.map((d) => (
              <tr key={d.value}>
                <th scope="row">{d.label}</th>
                <td className="num">{f.n(d.count)}</td>
                <td className="num">{f.pct(d.share)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function GroupSection({ report, kind }: { report: Report; kind: Kind }) {
  const { t } = useTranslation();
  const f = useFigures();
  const g = report.groups[kind];
  const headingId = `kind-${kind}`;
  return (
    <section className="feedback-section" aria-labelledby={headingId}>
      <h2 id={headingId} className="kern-heading-medium">
        {t(`evaluation.kind.${kind}`)}
      </h2>
      {g.suppressed ? (
        <p>
          <TooFew min={report.minGroup} />
        </p>
      ) : (
        <>
          <dl className="feedback-stats">
            <div>
              <dt>{t("evaluation.report.responses")}</dt>
              <dd>{f.n(g.responses)}</dd>
            </div>
            {g.requests ? (
              <div>
                <dt>{t("evaluation.report.responseRate")}</dt>
                <dd>
                  {f.pct(g.requests.rate)} <span className="muted">{t("evaluation.report.ofRequests", { answered: f.n(g.requests.answered), sent: f.n(g.requests.sent) })}</span>
                </dd>
              </div>
            ) : null}
            {g.nps !== null ? (
              <div>
                <dt>{t("evaluation.report.nps")}</dt>
                <dd>{f.nps(g.nps)}</dd>
              </div>
            ) : null}
            {g.transferRate !== null ? (
              <div>
                <dt>{t("evaluation.report.transferRate")}</dt>
                <dd>{f.pct(g.transferRate)}</dd>
              </div>
            ) : null}
          </dl>
          {g.barriers.length ? (
            <>
              <h3 className="kern-heading-small">{t("evaluation.report.barriers")}</h3>
              <ol className="feedback-barriers">
                {g.barriers.map((b) => (
                  <li key={b.value}>{t("evaluation.report.barrier", { label: b.label, count: b.count, share: f.pct(b.share) })}</li>
                ))}
              </ol>
            </>
          ) : null}
          {g.learningGain.length ? (
            <div className="kern-table-responsive" tabIndex={0} role="region" aria-label={t("evaluation.report.learningGain")}>
              <table className="kern-table kern-table--striped feedback-table">
                <caption>{t("evaluation.report.learningGain")}</caption>
                <thead className="kern-table__header">
                  <tr>
                    <th scope="col">{t("evaluation.report.competency")}</th>
                    <th scope="col" className="num">
                      {t("evaluation.report.before")}
                    </th>
                    <th scope="col" className="num">
                      {t("evaluation.report.after")}
                    </th>
                    <th scope="col" className="num">
                      {t("evaluation.report.ratings")}
                    </th>
                  </tr>
                </thead>
                <tbody className="kern-table__body">
                  {g.learningGain.map((l) =>
                    l.suppressed ? null : (
                      <tr key={l.lineageId}>
                        <th scope="row">{`${l.code} ${l.name}`.trim()}</th>
                        <td className="num">{f.dec(l.before)}</td>
                        <td className="num">{f.dec(l.after)}</td>
                        <td className="num">{f.n(l.answered)}</td>
                      </tr>
                    ),
                  )}
                </tbody>
              </table>
            </div>
          ) : null}
          <h3 className="kern-heading-small">{t("evaluation.report.items")}</h3>
          {g.items.map((item) => (
            <ItemBlock key={item.id} item={item} id={`item-${item.id}`} min={report.minGroup} />
          ))}
        </>
      )}
    </section>
  );
}

function FigureCells({ cell, min, kind }: { cell: SerializeFrom<ComparisonCell>; min: number; kind: "IMMEDIATE" | "TRANSFER_PARTICIPANT" }) {
  const f = useFigures();
  if (cell.suppressed)
    return (
      <td colSpan={kind === "IMMEDIATE" ? 3 : 2}>
        <TooFew min={min} />
      </td>
    );
  return kind === "IMMEDIATE" ? (
    <>
      <td className="num">{f.n(cell.responses)}</td>
      <td className="num">{f.dec(cell.reactionMean)}</td>
      <td className="num">{f.nps(cell.nps)}</td>
    </>
  ) : (
    <>
      <td className="num">{f.n(cell.responses)}</td>
      <td className="num">{f.pct(cell.transferRate)}</td>
    </>
  );
}

function FigureHeader({ kind }: { kind: "IMMEDIATE" | "TRANSFER_PARTICIPANT" }) {
  const { t } = useTranslation();
  const prefix = t(`evaluation.kindShort.${kind}`);
  return (
    <>
      <th scope="col" className="num">
        {prefix}: {t("evaluation.report.responses")}
      </th>
      {kind === "IMMEDIATE" ? (
        <>
          <th scope="col" className="num">
            {prefix}: {t("evaluation.report.reactionMean")}
          </th>
          <th scope="col" className="num">
            {prefix}: {t("evaluation.report.nps")}
          </th>
        </>
      ) : (
        <th scope="col" className="num">
          {prefix}: {t("evaluation.report.transferRate")}
        </th>
      )}
    </>
  );
}

export function ReportBody({ report, sessionLinks = false }: { report: Report; sessionLinks?: boolean }) {
  const { t } = useTranslation();
  const f = useFigures();
  const trendLabels = report.trend.map((p) => monthLabel(p.period, f.locale));
  const immediate = report.trend.map((p) => (p.cells.IMMEDIATE.suppressed ? null : p.cells.IMMEDIATE));
  return (
    <>
      {KINDS.map((kind) => (
        <GroupSection key={kind} report={report} kind={kind} />
      ))}

      {report.comparison.length ? (
        <section className="feedback-section" aria-labelledby="comparison">
          <h2 id="comparison" className="kern-heading-medium">
            {t("evaluation.report.comparison")}
          </h2>
          <p>{t("evaluation.report.comparisonIntro", { min: report.minGroup })}</p>
          <div className="kern-table-responsive" tabIndex={0} role="region" aria-label={t("evaluation.report.comparison")}>
            <table className="kern-table kern-table--striped feedback-table">
              <caption className="kern-sr-only">{t("evaluation.report.comparison")}</caption>
              <thead className="kern-table__header">
                <tr>
                  <th scope="col">{t("evaluation.report.session")}</th>
                  <FigureHeader kind="IMMEDIATE" />
                  <FigureHeader kind="TRANSFER_PARTICIPANT" />
                </tr>
              </thead>
              <tbody className="kern-table__body">
                {report.comparison.map((row) => (
                  <tr key={row.session?.id ?? "none"}>
                    <th scope="row">
                      {row.session && sessionLinks ? (
                        <Link className="kern-link" to={`/wirksamkeit/termine/${row.session.id}`}>
                          {row.session.label}
                        </Link>
                      ) : (
                        (row.session?.label ?? t("evaluation.report.noSession"))
                      )}
                    </th>
                    <FigureCells cell={row.cells.IMMEDIATE} min={report.minGroup} kind="IMMEDIATE" />
                    <FigureCells cell={row.cells.TRANSFER_PARTICIPANT} min={report.minGroup} kind="TRANSFER_PARTICIPANT" />
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}

      {report.trend.length ? (
        <section className="feedback-section" aria-labelledby="trend">
          <h2 id="trend" className="kern-heading-medium">
            {t("evaluation.report.trend")}
          </h2>
          <p>{t("evaluation.report.trendIntro", { min: report.minGroup })}</p>
          {immediate.some((c) => c) ? (
            <>
              <TrendChart labels={trendLabels} series={[{ label: t("evaluation.report.reactionMean"), values: immediate.map((c) => (c ? c.reactionMean : null)) }]} label={t("evaluation.report.trendReactionChart")} min={1} max={5} />
              <TrendChart labels={trendLabels} series={[{ label: t("evaluation.report.nps"), values: immediate.map((c) => (c ? c.nps : null)) }]} label={t("evaluation.report.trendNpsChart")} min={-100} max={100} />
              <noscript>
                <p className="muted">{t("evaluation.chartFallback")}</p>
              </noscript>
            </>
          ) : null}
          <div className="kern-table-responsive" tabIndex={0} role="region" aria-label={t("evaluation.report.trend")}>
            <table className="kern-table kern-table--striped feedback-table">
              <caption className="kern-sr-only">{t("evaluation.report.trend")}</caption>
              <thead className="kern-table__header">
                <tr>
                  <th scope="col">{t("evaluation.report.month")}</th>
                  <FigureHeader kind="IMMEDIATE" />
                  <FigureHeader kind="TRANSFER_PARTICIPANT" />
                </tr>
              </thead>
              <tbody className="kern-table__body">
                {report.trend.map((p, i) => (
                  <tr key={p.period}>
                    <th scope="row">{trendLabels[i]}</th>
                    <FigureCells cell={p.cells.IMMEDIATE} min={report.minGroup} kind="IMMEDIATE" />
                    <FigureCells cell={p.cells.TRANSFER_PARTICIPANT} min={report.minGroup} kind="TRANSFER_PARTICIPANT" />
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </>
  );
}
