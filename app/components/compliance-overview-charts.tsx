// Charts of HR's compliance overview: rates per Dezernat and rule (bars) and the twelve-month
// trend (lines). Chart.js draws on a canvas, so it is loaded only in the browser after
// hydration; the page always has the table alternative beside it (server-rendered, works
// without JavaScript). Series differ in colour (Okabe–Ito, safe for colour vision deficiency)
// and, for lines, in dash pattern and point shape, so colour is never the only distinction.
import { useCharts } from "./use-charts.ts";
import type { ChartData, ChartDataset, ChartOptions, PointStyle } from "chart.js";
import { formatNumber } from "~/utils/i18n.ts";
import { useLocale } from "~/utils/use-root-data.ts";

export interface ChartSeries {
  label: string;
  /** Percentages 0–100; null where there is nothing to show. */
  values: (number | null)[];
}

/** Splits a long axis label (a Dezernat's full name) into lines of about `width` characters. */
export function wrapLabel(label: string, width = 26): string[] {
  const lines: string[] = [];
  for (const word of label.split(" ")) {
    const last = lines[lines.length - 1];
    if (last !== undefined && (last + " " + word).length <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

export const SERIES_COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#882255", "#44AA99", "#332288", "#999933"];
const POINT_STYLES: PointStyle[] = ["circle", "rect", "triangle", "rectRot", "star", "crossRot", "rectRounded", "cross"];
const DASHES = [[], [6, 4], [2, 3], [10, 4, 2, 4]];

function useCommon() {
  const locale = useLocale();
  const reducedMotion = typeof window !== "undefined" && window.matchMedia?.("(prefers-reduced-motion: reduce)").matches;
  const percent = (v: number) => `${formatNumber(v, locale, { maximumFractionDigits: 0 })} %`;
  return { locale, reducedMotion, percent };
}

/** Grouped bars: one group per label (Dezernat), one bar per series (rule). */
export function ComplianceBarChart({ labels, series, label }: { labels: string[]; series: ChartSeries[]; label: string }) {
  const charts = useCharts();
  const { locale, reducedMotion, percent } = useCommon();
  if (!charts) return null;
  const { Bar } = charts;
  const data: ChartData<"bar", (number | null)[], string | string[]> = {
    labels: labels.map((l) => wrapLabel(l)),
    datasets: series.map((s, i) => ({
      label: s.label,
      data: s.values,
      backgroundColor: SERIES_COLOURS[i % SERIES_COLOURS.length],
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
      y: { min: 0, max: 100, ticks: { stepSize: 25, callback: (v) => percent(Number(v)), color: "#3d3d3d" }, grid: { color: "#d0d0d0" } },
      x: { ticks: { color: "#1a1a1a" }, grid: { display: false } },
    },
    plugins: {
      legend: { position: "bottom", labels: { color: "#1a1a1a", font: { size: 13 } } },
      tooltip: { callbacks: { label: (ctx) => `${ctx.dataset.label}: ${ctx.raw === null ? "–" : percent(Number(ctx.raw))}` } },
    },
  };
  return (
    <div className="compliance-chart">
      <Bar data={data} options={options} role="img" aria-label={label} fallbackContent={<p>{label}</p>} />
    </div>
  );
}

/** Lines over the months: the first series (all rules) thick, the others thinner, dashed and with their own point shape. */
export function ComplianceTrendChart({ labels, series, label }: { labels: string[]; series: ChartSeries[]; label: string }) {
  const charts = useCharts();
  const { locale, reducedMotion, percent } = useCommon();
  if (!charts) return null;
  const { Line } = charts;
  const data: ChartData<"line", (number | null)[], string | string[]> = {
    labels,
    // Built untyped and cast once: Chart.js's line dataset type is too deep for an inline literal.
    datasets: series.map((s, i) => {
      const colour = i === 0 ? "#1a1a1a" : SERIES_COLOURS[(i - 1) % SERIES_COLOURS.length]!;
      return {
        label: s.label,
        data: s.values,
        borderColor: colour,
        backgroundColor: colour,
        borderWidth: i === 0 ? 4 : 2,
        borderDash: i === 0 ? [] : DASHES[(i - 1) % DASHES.length]!,
        pointStyle: POINT_STYLES[i % POINT_STYLES.length]!,
        pointRadius: i === 0 ? 5 : 4,
        spanGaps: false,
      } as Record<string, unknown>;
    }) as unknown as ChartDataset<"line", (number | null)[]>[],
  };
  const options: ChartOptions<"line"> = {
    responsive: true,
    maintainAspectRatio: false,
    animation: reducedMotion ? false : undefined,
    locale: locale === "de" ? "de-DE" : "en-GB",
    scales: {
      y: { min: 0, max: 100, ticks: { stepSize: 25, callback: (v) => percent(Number(v)), color: "#3d3d3d" }, grid: { color: "#d0d0d0" } },
      x: { ticks: { color: "#1a1a1a" }, grid: { display: false } },
    },
    plugins: {
      legend: { position: "bottom", labels: { usePointStyle: true, color: "#1a1a1a", font: { size: 13 } } },
      tooltip: { callbacks: { label: (ctx) => `${ctx.dataset.label}: ${ctx.raw === null ? "–" : percent(Number(ctx.raw))}` } },
    },
  };
  return (
    <div className="compliance-chart">
      <Line data={data} options={options} role="img" aria-label={label} fallbackContent={<p>{label}</p>} />
    </div>
  );
}
