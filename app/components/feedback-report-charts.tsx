// Charts of the evaluation report: distribution bars per item and trend lines per month. Chart.js
// draws on a canvas, so it is loaded only in the browser after hydration; every chart has its
// table beside it (server-rendered, works without JavaScript), and a chart only ever gets figures
// the anonymity rules already released.
import { useCharts } from "./use-charts.ts";
import type { ChartData, ChartDataset, ChartOptions } from "chart.js";
import { formatNumber } from "~/utils/i18n.ts";
import { useLocale } from "~/utils/use-root-data.ts";

const BAR_COLOUR = "#0072B2";
const LINE_COLOURS = ["#1a1a1a", "#D55E00", "#009E73"];
const DASHES = [[], [6, 4], [2, 3]];

const reducedMotion = () => typeof window !== "undefined" && window.matchMedia?.("(prefers-reduced-motion: reduce)").matches;

/** Horizontal bars: share of answers per value or option (0–100 %). */
export function DistributionChart({ labels, shares, label }: { labels: string[]; shares: number[]; label: string }) {
  const charts = useCharts();
  const locale = useLocale();
  if (!charts) return null;
  const { Bar } = charts;
  const percent = (v: number) => `${formatNumber(v, locale, { maximumFractionDigits: 0 })} %`;
  const data: ChartData<"bar", (number | null)[], string | string[]> = {
    labels,
    datasets: [{ label, data: shares.map((s) => Math.round(s * 1000) / 10), backgroundColor: BAR_COLOUR, borderColor: "#1a1a1a", borderWidth: 1 }],
  };
  const options: ChartOptions<"bar"> = {
    indexAxis: "y",
    responsive: true,
    maintainAspectRatio: false,
    animation: reducedMotion() ? false : undefined,
    locale: locale === "de" ? "de-DE" : "en-GB",
    scales: {
      x: { min: 0, max: 100, ticks: { stepSize: 25, callback: (v) => percent(Number(v)), color: "#3d3d3d" }, grid: { color: "#d0d0d0" } },
      y: { ticks: { color: "#1a1a1a" }, grid: { display: false } },
    },
    plugins: { legend: { display: false }, tooltip: { callbacks: { label: (ctx) => percent(Number(ctx.raw)) } } },
  };
  return (
    <div className="feedback-chart" style={{ height: `${Math.max(8, labels.length * 2.1 + 3)}rem` }}>
      <Bar data={data} options={options} role="img" aria-label={label} fallbackContent={<p>{label}</p>} />
    </div>
  );
}

export interface TrendSeries {
  label: string;
  values: (number | null)[];
}

/** Lines over the months; gaps where a month is suppressed. Series differ in colour, dash and point shape. */
export function TrendChart({ labels, series, label, min, max }: { labels: string[]; series: TrendSeries[]; label: string; min: number; max: number }) {
  const charts = useCharts();
  const locale = useLocale();
  if (!charts) return null;
  const { Line } = charts;
  const data: ChartData<"line", (number | null)[], string | string[]> = {
    labels,
    datasets: series.map((s, i) => ({
      label: s.label,
      data: s.values,
      borderColor: LINE_COLOURS[i % LINE_COLOURS.length],
      backgroundColor: LINE_COLOURS[i % LINE_COLOURS.length],
      borderWidth: i === 0 ? 3 : 2,
      borderDash: DASHES[i % DASHES.length],
      pointStyle: (["circle", "rect", "triangle"] as const)[i % 3],
      pointRadius: 5,
      spanGaps: false,
    })) as unknown as ChartDataset<"line", (number | null)[]>[],
  };
  const options: ChartOptions<"line"> = {
    responsive: true,
    maintainAspectRatio: false,
    animation: reducedMotion() ? false : undefined,
    locale: locale === "de" ? "de-DE" : "en-GB",
    scales: {
      y: { min, max, ticks: { color: "#3d3d3d", callback: (v) => formatNumber(Number(v), locale) }, grid: { color: "#d0d0d0" } },
      x: { ticks: { color: "#1a1a1a" }, grid: { display: false } },
    },
    plugins: {
      legend: { position: "bottom", labels: { usePointStyle: true, color: "#1a1a1a", font: { size: 13 } } },
      tooltip: { callbacks: { label: (ctx) => `${ctx.dataset.label}: ${ctx.raw === null ? "–" : formatNumber(Number(ctx.raw), locale, { maximumFractionDigits: 1 })}` } },
    },
  };
  return (
    <div className="feedback-chart">
      <Line data={data} options={options} role="img" aria-label={label} fallbackContent={<p>{label}</p>} />
    </div>
  );
}
