import type { ApiRedPoint, ApiRedSummary } from "@skein/model";
import { LatencyHistogram } from "@skein/model";
import type { SpanMetricsTotals } from "./span-metrics-totals.js";

/** Zero counts and an empty histogram. */
export function emptyTotals(): SpanMetricsTotals {
  return { count: 0, errorCount: 0, histogram: new LatencyHistogram() };
}

/** Adds `from` into `into` (counts and histogram). */
export function addTotals(into: SpanMetricsTotals, from: SpanMetricsTotals): void {
  into.count += from.count;
  into.errorCount += from.errorCount;
  into.histogram.merge(from.histogram);
}

/** errorCount / count, 0 when idle; clamped to [0, 1] against float drift of weighted sums. */
export function errorRateOf(totals: { count: number; errorCount: number }): number {
  return totals.count > 0 ? Math.min(1, Math.max(0, totals.errorCount / totals.count)) : 0;
}

/** Totals over `seconds` as an API summary: per-second rate, error rate, quantiles in ns. */
export function redSummary(totals: SpanMetricsTotals, seconds: number): ApiRedSummary {
  return {
    count: totals.count,
    errorCount: totals.errorCount,
    rate: seconds > 0 ? totals.count / seconds : 0,
    errorRate: errorRateOf(totals),
    p50: totals.histogram.quantile(0.5),
    p95: totals.histogram.quantile(0.95),
    p99: totals.histogram.quantile(0.99),
  };
}

/**
 * One window of a series; `seconds` is the time of the window the minutes read cover (see
 * windowSeconds), so a window the range covers only partly is not diluted; rate 0 when 0.
 */
export function redPoint(timeUnixMs: number, totals: SpanMetricsTotals, seconds: number): ApiRedPoint {
  return {
    time: timeUnixMs,
    count: totals.count,
    errorCount: totals.errorCount,
    rate: seconds > 0 ? totals.count / seconds : 0,
    errorRate: errorRateOf(totals),
    p50: totals.histogram.quantile(0.5),
    p90: totals.histogram.quantile(0.9),
    p95: totals.histogram.quantile(0.95),
    p99: totals.histogram.quantile(0.99),
  };
}
