import type { ApiRedResponse } from "@skein/model/api";
import { useMemo } from "react";
import { formatErrorRate, formatRate } from "../../components/charts/insights-format.js";
import { TimeSeriesChart } from "../../components/charts/time-series-chart.js";
import type { ChartLine } from "../../components/charts/time-series-data.js";
import { formatDuration } from "../../format/format-duration.js";

const ACCENT = "#3b6fd8";
const ERROR = "#d33a3a";

/**
 * The RED charts of one series: requests (and errors) per second, error rate, and p50/p90/p99
 * latency (ns, drawn in ms). Windows without requests have no error rate or latency (gaps).
 */
export function RedCharts({ red }: { red: ApiRedResponse }) {
  const charts = useMemo(() => redLines(red), [red]);
  return (
    <div className="red-charts">
      <TimeSeriesChart title="Requests" timesMs={charts.times} lines={charts.rate} format={formatRate} testId="red-rate-chart" />
      <TimeSeriesChart title="Error rate" timesMs={charts.times} lines={charts.errors} format={formatErrorRate} testId="red-errors-chart" />
      <TimeSeriesChart title="Latency" timesMs={charts.times} lines={charts.latency} format={(ms) => formatDuration(ms * 1e6)} scale={1e-6} testId="red-latency-chart" />
    </div>
  );
}

/** The lines of the three charts from the API's series (exported for tests). */
export function redLines(red: ApiRedResponse): { times: number[]; rate: ChartLine[]; errors: ChartLine[]; latency: ChartLine[] } {
  const s = red.series;
  const idle = (i: number) => s[i]!.count <= 0;
  return {
    times: s.map((p) => p.time),
    rate: [
      { label: "requests/s", color: ACCENT, values: s.map((p) => p.rate) },
      { label: "errors/s", color: ERROR, values: s.map((p) => p.rate * p.errorRate) },
    ],
    errors: [{ label: "error rate", color: ERROR, values: s.map((p, i) => (idle(i) ? null : p.errorRate)) }],
    latency: [
      { label: "p50", color: "#59a14f", values: s.map((p) => p.p50) },
      { label: "p90", color: "#f28e2b", values: s.map((p) => p.p90) },
      { label: "p99", color: "#8a5cc2", values: s.map((p) => p.p99) },
    ],
  };
}
