// Radar of target vs. current per competency area with its table alternative (screens.md: every
// chart has a table beside it and never carries meaning by colour alone). Chart.js draws on a
// canvas, so it is loaded only in the browser after hydration; the table is server-rendered and
// works without JavaScript.
import { useEffect, useState, type ComponentType, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { ChartData, ChartOptions } from "chart.js";
import { formatNumber } from "~/utils/i18n.ts";
import { useLocale } from "~/utils/use-root-data.ts";

export interface RadarPoint {
  label: string;
  target: number;
  current: number;
  count: number;
}

type RadarComponent = ComponentType<{
  data: ChartData<"radar", number[], string[]>;
  options: ChartOptions<"radar">;
  role: string;
  "aria-label": string;
  fallbackContent?: ReactNode;
  id?: string;
}>;

/** Loads Chart.js once, registering only what a radar needs. */
let loading: Promise<RadarComponent> | null = null;
function loadRadar(): Promise<RadarComponent> {
  loading ??= Promise.all([import("chart.js"), import("react-chartjs-2")]).then(([chart, react]) => {
    chart.Chart.register(chart.RadialLinearScale, chart.PointElement, chart.LineElement, chart.Filler, chart.Tooltip, chart.Legend);
    return react.Radar as unknown as RadarComponent;
  });
  return loading;
}

// Two colours that differ in lightness as well as hue; line style and point shape differ too.
const TARGET_COLOUR = "#6b3fa0";
const CURRENT_COLOUR = "#005a8c";

/** Splits long axis labels into lines of about 18 characters so they fit beside the radar. */
function wrapLabel(label: string, width = 18): string[] {
  const lines: string[] = [];
  for (const word of label.split(" ")) {
    const last = lines[lines.length - 1];
    if (last !== undefined && (last + " " + word).length <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

/** The radar alone; renders nothing on the server and before hydration. */
export function RadarChart({ points }: { points: RadarPoint[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [Radar, setRadar] = useState<RadarComponent | null>(null);
  useEffect(() => {
    let active = true;
    loadRadar()
      .then((component) => {
        if (active) setRadar(() => component);
      })
      .catch(() => {
        // Without the chart the table alternative still carries everything.
      });
    return () => {
      active = false;
    };
  }, []);
  if (!Radar) return null;

  const reducedMotion = typeof window !== "undefined" && window.matchMedia?.("(prefers-reduced-motion: reduce)").matches;
  const percent = (v: number) => `${formatNumber(v, locale)} %`;
  const summary = t("gaps.chartLabel", {
    items: points.map((p) => t("gaps.chartItem", { label: p.label, target: p.target, current: p.current })).join("; "),
  });
  const data: ChartData<"radar", number[], string[]> = {
    labels: points.map((p) => wrapLabel(p.label)),
    datasets: [
      {
        label: t("gaps.target"),
        data: points.map((p) => p.target),
        borderColor: TARGET_COLOUR,
        backgroundColor: "rgba(107, 63, 160, 0.08)",
        borderDash: [8, 5],
        borderWidth: 2,
        pointStyle: "rectRot",
        pointRadius: 6,
        pointBackgroundColor: "#fff",
        pointBorderColor: TARGET_COLOUR,
        fill: true,
      },
      {
        label: t("gaps.current"),
        data: points.map((p) => p.current),
        borderColor: CURRENT_COLOUR,
        backgroundColor: "rgba(0, 90, 140, 0.18)",
        borderWidth: 3,
        pointStyle: "circle",
        pointRadius: 5,
        pointBackgroundColor: CURRENT_COLOUR,
        pointBorderColor: CURRENT_COLOUR,
        fill: true,
      },
    ],
  };
  const options: ChartOptions<"radar"> = {
    responsive: true,
    maintainAspectRatio: true,
    animation: reducedMotion ? false : undefined,
    locale: locale === "de" ? "de-DE" : "en-GB",
    scales: {
      r: {
        min: 0,
        max: 100,
        ticks: { stepSize: 25, callback: (value) => percent(Number(value)), backdropColor: "rgba(255,255,255,0.85)", color: "#3d3d3d" },
        pointLabels: { color: "#1a1a1a", font: { size: 13 }, padding: 8 },
        grid: { color: "#c8c8c8" },
        angleLines: { color: "#c8c8c8" },
      },
    },
    plugins: {
      legend: { position: "bottom", labels: { usePointStyle: true, color: "#1a1a1a", font: { size: 14 } } },
      tooltip: { callbacks: { label: (ctx) => `${ctx.dataset.label}: ${percent(Number(ctx.raw))}` } },
    },
  };
  return (
    <div className="radar-chart">
      <Radar data={data} options={options} role="img" aria-label={summary} fallbackContent={<p>{summary}</p>} />
      <p className="muted">{t("gaps.chartLegendText")}</p>
    </div>
  );
}

/** The radar (client only) beside its table alternative (always, also without JavaScript). */
export function RadarWithTable({ points, headingId }: { points: RadarPoint[]; headingId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const percent = (v: number) => t("gaps.percent", { value: formatNumber(v, locale) });
  return (
    <div className="radar-with-table">
      <div className="radar-figure">
        {points.length >= 3 ? (
          <>
            <RadarChart points={points} />
            <noscript>
              <p className="muted">{t("gaps.chartFallback")}</p>
            </noscript>
          </>
        ) : (
          <p className="muted">{t("gaps.chartTooFew")}</p>
        )}
      </div>
      <div className="kern-table-responsive">
        <table className="kern-table" aria-describedby={headingId}>
          <caption className="kern-sr-only">{t("gaps.tableCaption")}</caption>
          <thead className="kern-table__header">
            <tr>
              <th scope="col">{t("gaps.cluster")}</th>
              <th scope="col" className="num">
                {t("gaps.targetPercent")}
              </th>
              <th scope="col" className="num">
                {t("gaps.currentPercent")}
              </th>
              <th scope="col" className="num">
                {t("gaps.count")}
              </th>
            </tr>
          </thead>
          <tbody className="kern-table__body">
            {points.map((p) => (
              <tr key={p.label}>
                <th scope="row">{p.label}</th>
                <td className="num">{percent(p.target)}</td>
                <td className="num">{percent(p.current)}</td>
                <td className="num">{formatNumber(p.count, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
