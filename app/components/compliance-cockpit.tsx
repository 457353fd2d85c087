// Pieces of the compliance cockpit ("Pflichtschulungen im Team"): the bar chart of compliance
// per unit and rule (client only; the matrix table beside it is the always-present alternative),
// status badges with text, and the leader's start-page card.
import { useEffect, useState, type ComponentType, type ReactNode } from "react";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { ChartData, ChartOptions } from "chart.js";
import { formatNumber, type Locale } from "~/utils/i18n.ts";
import { useLocale } from "~/utils/use-root-data.ts";

export interface RateCounts {
  required: number;
  compliant: number;
  overdue: number;
  dueSoon: number;
  rate: number | null;
}

/** "75 %" / "75 %"; "–" when nothing is required. */
export function formatRate(rate: number | null, locale: Locale) {
  if (rate === null) return "–";
  return `${formatNumber(rate * 100, locale, { maximumFractionDigits: 0 })}\u00a0%`;
}

const STATUS_TONE: Record<string, string> = {
  NOT_DUE: "kern-badge--info",
  DUE_SOON: "kern-badge--warning",
  OVERDUE: "kern-badge--danger",
  EXPIRED: "kern-badge--danger",
};

/** The status as a badge whose text carries the meaning (colour only adds to it). */
export function ComplianceStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <span className={`kern-badge ${STATUS_TONE[status] ?? ""}`}>{t(`complianceCockpit.status.${status}`, { defaultValue: status })}</span>;
}

type BarComponent = ComponentType<{
  data: ChartData<"bar", (number | null)[], string>;
  options: ChartOptions<"bar">;
  role: string;
  "aria-label": string;
  fallbackContent?: ReactNode;
}>;

let loading: Promise<BarComponent> | null = null;
function loadBar(): Promise<BarComponent> {
  loading ??= Promise.all([import("chart.js"), import("react-chartjs-2")]).then(([chart, react]) => {
    chart.Chart.register(chart.CategoryScale, chart.LinearScale, chart.BarElement, chart.Tooltip, chart.Legend);
    return react.Bar as unknown as BarComponent;
  });
  return loading;
}

// Distinguishable colours (also in lightness), each with a different border style in the legend.
const COLOURS = ["#005a8c", "#b34700", "#2e7d32", "#6b3fa0", "#8a6d00", "#0b7a75", "#a3195b", "#3d3d3d", "#1565c0", "#6d4c41"];

export interface ChartSeries {
  label: string;
  /** Rate 0..1 per unit (null: nothing required). */
  rates: (number | null)[];
}

/** Grouped bars: one group per unit, one bar per rule. Renders nothing before hydration. */
export function ComplianceBarChart({ units, series, describedBy }: { units: string[]; series: ChartSeries[]; describedBy?: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [Bar, setBar] = useState<BarComponent | null>(null);
  useEffect(() => {
    let active = true;
    loadBar()
      .then((component) => {
        if (active) setBar(() => component);
      })
      .catch(() => {
        // Without the chart the table carries everything.
      });
    return () => {
      active = false;
    };
  }, []);
  if (!Bar || units.length === 0 || series.length === 0) return null;
  const reducedMotion = typeof window !== "undefined" && window.matchMedia?.("(prefers-reduced-motion: reduce)").matches;
  const data: ChartData<"bar", (number | null)[], string> = {
    labels: units,
    datasets: series.map((s, i) => ({
      label: s.label,
      data: s.rates.map((r) => (r === null ? null : Math.round(r * 1000) / 10)),
      backgroundColor: COLOURS[i % COLOURS.length],
      borderColor: "#1a1a1a",
      borderWidth: 1,
    })),
  };
  const options: ChartOptions<"bar"> = {
    responsive: true,
    maintainAspectRatio: false,
    animation: reducedMotion ? false : undefined,
    locale: locale === "de" ? "de-DE" : "en-GB",
    scales: {
      y: { min: 0, max: 100, title: { display: true, text: t("complianceCockpit.chart.axis"), color: "#1a1a1a" }, ticks: { color: "#3d3d3d", callback: (v) => `${v} %` } },
      x: { ticks: { color: "#1a1a1a", autoSkip: false } },
    },
    plugins: {
      legend: { position: "bottom", labels: { color: "#1a1a1a", font: { size: 14 } } },
      tooltip: { callbacks: { label: (ctx) => `${ctx.dataset.label}: ${ctx.raw === null ? "–" : `${formatNumber(Number(ctx.raw), locale)} %`}` } },
    },
  };
  const label = t("complianceCockpit.chart.label");
  return (
    <div className="compliance-chart" style={{ position: "relative", height: `${Math.max(16, 4 + units.length * 2)}rem`, maxWidth: "60rem" }} aria-describedby={describedBy}>
      <Bar data={data} options={options} role="img" aria-label={label} fallbackContent={<p>{label}</p>} />
    </div>
  );
}

export interface StartCardData {
  rules: (RateCounts & { id: string; name: string })[];
  overall: RateCounts;
}

/** The leader's start-page card: rate per rule, overdue and due within 30 days. */
export function TeamComplianceStartCard({ card }: { card: StartCardData }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <section className="panel" aria-labelledby="card-compliance-team">
      <h2 id="card-compliance-team" className="kern-heading-small">
        {t("complianceCockpit.start.title")}
      </h2>
      {card.rules.length === 0 ? (
        <p>{t("complianceCockpit.start.none")}</p>
      ) : (
        <>
          <p>
            <Link className="kern-link" to="/pflichtschulungen/team?status=overdue">
              <span className="stat">{formatNumber(card.overall.overdue, locale)}</span> {t("complianceCockpit.start.overdue", { count: card.overall.overdue })}
            </Link>
          </p>
          <p>
            <Link className="kern-link" to="/pflichtschulungen/team?status=due30">
              {t("complianceCockpit.start.dueSoon", { count: card.overall.dueSoon, formatted: formatNumber(card.overall.dueSoon, locale) })}
            </Link>
          </p>
          <ul className="compliance-start-rates">
            {card.rules.map((r) => (
              <li key={r.id}>
                {t("complianceCockpit.start.rule", { rule: r.name, rate: formatRate(r.rate, locale), compliant: r.compliant, required: r.required })}
              </li>
            ))}
          </ul>
        </>
      )}
      <Link className="kern-link" to="/pflichtschulungen/team">
        {t("complianceCockpit.start.link")}
      </Link>
    </section>
  );
}
