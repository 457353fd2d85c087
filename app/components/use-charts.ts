// Chart.js draws on a canvas, so it is loaded only in the browser after hydration, once for all
// charts on the page. Pages keep their table alternative beside every chart (server-rendered,
// works without JavaScript), so a failed load loses nothing.
import { useEffect, useState, type ComponentType, type ReactNode } from "react";
import type { ChartData, ChartOptions } from "chart.js";

export type ChartProps<T extends "bar" | "line"> = {
  data: ChartData<T, (number | null)[], string | string[]>;
  options: ChartOptions<T>;
  role: string;
  "aria-label": string;
  fallbackContent?: ReactNode;
};
export type ChartComponents = { Bar: ComponentType<ChartProps<"bar">>; Line: ComponentType<ChartProps<"line">> };

let loading: Promise<ChartComponents> | null = null;
function loadCharts(): Promise<ChartComponents> {
  loading ??= Promise.all([import("chart.js"), import("react-chartjs-2")]).then(([chart, react]) => {
    chart.Chart.register(chart.CategoryScale, chart.LinearScale, chart.BarElement, chart.LineElement, chart.PointElement, chart.Tooltip, chart.Legend);
    return { Bar: react.Bar as unknown as ChartComponents["Bar"], Line: react.Line as unknown as ChartComponents["Line"] };
  });
  return loading;
}

/** The bar and line components once Chart.js has loaded in the browser; null before (and on the server). */
export function useCharts() {
  const [charts, setCharts] = useState<ChartComponents | null>(null);
  useEffect(() => {
    let active = true;
    loadCharts()
      .then((c) => {
        if (active) setCharts(c);
      })
      .catch(() => {
        // Without the chart the table alternative still carries everything.
      });
    return () => {
      active = false;
    };
  }, []);
  return charts;
}
