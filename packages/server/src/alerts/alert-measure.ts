import type { MetricsReader, MinuteRange } from "@skein/storage";
import { wholeRangeStepMs } from "../query/insights/metrics-range.js";
import { isRequestKind, selectRequestGroups } from "../query/insights/request-groups.js";
import { readSpanMetricsGroups, readSpanMetricsTotals, sumTotals, type SpanMetricsTotals } from "../query/insights/span-metrics-totals.js";
import { latencyThresholdBound, type AlertRule } from "./alert-rule.js";

const MINUTE_MS = 60_000;
/** Margin on top of the span-metrics flush interval before a finished minute counts as written. */
export const ALERT_FLUSH_GRACE_MS = 2_000;

/** What one evaluation measured. */
export interface AlertMeasurement {
  /** The minutes measured. */
  range: MinuteRange;
  /** unix ms of the evaluation. */
  measuredAtMs: number;
  /** Weighted requests in the window. */
  count: number;
  /** Percent (error rate) or ns (latency); null when there were fewer than minRequests requests. */
  value: number | null;
  /** Whether the condition holds; null without data (then the rule keeps its state). */
  breached: boolean | null;
  /** True when the requests measured were the service's SERVER and CONSUMER spans only (rule without an operation). */
  requestKindsOnly: boolean;
}

/**
 * The end (exclusive, a minute boundary) of the last minute that every span-metrics flush has
 * covered at `nowMs`: a minute ending at E is complete once the processor flushed after E, i.e.
 * by E + flush interval, plus a grace for the write (lagMs = flush interval + ALERT_FLUSH_GRACE_MS).
 */
export function completeMinutesEnd(nowMs: number, lagMs: number): number {
  return Math.floor((nowMs - lagMs) / MINUTE_MS) * MINUTE_MS;
}

/**
 * The minutes a rule evaluated at `nowMs` looks at: the last `windowMs / 1m` complete minutes
 * (completeMinutesEnd). A still-filling minute is never measured: a pass early in a minute would
 * see only its first seconds, and a short window would flap on a handful of requests.
 */
export function alertWindow(nowMs: number, windowMs: number, lagMs: number): MinuteRange {
  const endUnixMs = completeMinutesEnd(nowMs, lagMs);
  return { startUnixMs: endUnixMs - windowMs, endUnixMs };
}

/**
 * Measures a rule over `range` of span-metrics rollups. With an operation: that operation's spans
 * of every kind. Without: the service's requests — its server and consumer spans, or all its spans
 * when it has neither (the request rule of query/insights/request-groups.ts). Error rate =
 * errorCount / count × 100, breached when above the threshold. Latency: decided by counts at the
 * effective threshold (latencyThresholdBound): breached when the weighted count of requests at or
 * above it is more than (1 − N/100) of all; the value reported is the percentile read from the
 * merged histogram (the middle of its bucket, so above the effective threshold exactly when breached).
 */
export async function measureRule(reader: MetricsReader, rule: AlertRule, range: MinuteRange, measuredAtMs: number, signal?: AbortSignal): Promise<AlertMeasurement> {
  const selection = { ...range, services: [rule.service] };
  let totals: SpanMetricsTotals;
  let requestKindsOnly = false;
  if (rule.operation !== null) {
    totals = await readSpanMetricsTotals(reader, { ...selection, operation: rule.operation }, signal);
  } else {
    // One read by kind, then the request rule shared with RED and the services page.
    const byKind = await readSpanMetricsGroups(reader, { ...selection, stepMs: wholeRangeStepMs(range), groupBy: { kind: true } }, signal);
    const requests = selectRequestGroups(byKind);
    requestKindsOnly = requests.some((group) => isRequestKind(group.kind));
    totals = sumTotals(requests);
  }
  const { count } = totals;
  const base = { range, measuredAtMs, count, requestKindsOnly };
  if (!(count > 0) || count < rule.minRequests) return { ...base, value: null, breached: null };
  const condition = rule.condition;
  if (condition.type === "error-rate") {
    const value = (totals.errorCount / count) * 100;
    return { ...base, value, breached: value > condition.thresholdPercent };
  }
  const q = condition.percentile / 100;
  const { bucket } = latencyThresholdBound(condition.threshold);
  const histogram = totals.histogram;
  let below = 0;
  for (const entry of histogram.buckets()) if (entry.bucket < bucket) below += entry.count;
  // Same rank and float tolerance as LatencyHistogram.quantile (nearest rank ⌈q × total⌉), so the
  // reported percentile lies at or above the bound exactly when the rule is breached.
  const rank = Math.max(q * histogram.total, Number.MIN_VALUE);
  const breached = below < rank * (1 - 1e-12);
  return { ...base, value: histogram.quantile(q), breached };
}
