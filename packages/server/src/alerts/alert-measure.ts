import { SpanKind } from "@skein/model";
import type { MetricsReader, MinuteRange } from "@skein/storage";
import { readSpanMetricsTotals, type SpanMetricsTotals } from "../query/insights/span-metrics-totals.js";
import type { AlertRule } from "./alert-rule.js";

const MINUTE_MS = 60_000;

/** What one evaluation measured. */
export interface AlertMeasurement {
  /** Weighted requests in the window. */
  count: number;
  /** Percent (error rate) or ns (latency); null when there were fewer than minRequests requests. */
  value: number | null;
}

/**
 * The minutes a rule evaluated at `nowMs` looks at: the `windowMs / 1m` minutes ending with the
 * current one, which is still filling — [floor(now/1m) − window/1m + 1, floor(now/1m) + 1).
 */
export function alertWindow(nowMs: number, windowMs: number): MinuteRange {
  const currentMinute = Math.floor(nowMs / MINUTE_MS);
  return { startUnixMs: (currentMinute - windowMs / MINUTE_MS + 1) * MINUTE_MS, endUnixMs: (currentMinute + 1) * MINUTE_MS };
}

/**
 * Measures a rule over its window of span-metrics rollups. With an operation: that operation's
 * spans of every kind. Without: the service's requests — its server and consumer spans, or all
 * its spans when it has neither (as the services page counts them). Error rate = errorCount /
 * count × 100; latency = the percentile of the merged histogram (within the bucket error).
 */
export async function measureRule(reader: MetricsReader, rule: AlertRule, nowMs: number, signal?: AbortSignal): Promise<AlertMeasurement> {
  const range = alertWindow(nowMs, rule.windowMs);
  const selection = { ...range, services: [rule.service] };
  let totals: SpanMetricsTotals;
  if (rule.operation !== null) {
    totals = await readSpanMetricsTotals(reader, { ...selection, operation: rule.operation }, signal);
  } else {
    totals = await readSpanMetricsTotals(reader, { ...selection, kinds: [SpanKind.SERVER, SpanKind.CONSUMER] }, signal);
    if (totals.count <= 0) totals = await readSpanMetricsTotals(reader, selection, signal);
  }
  const { count } = totals;
  if (!(count > 0) || count < rule.minRequests) return { count, value: null };
  const value = rule.condition.type === "error-rate" ? (totals.errorCount / count) * 100 : totals.histogram.quantile(rule.condition.percentile / 100);
  return { count, value };
}
