import type { SpanKind, StatusCode } from "@skein/model";
import { LatencyHistogram, latencyBucketOf } from "@skein/model";
import type { ServiceGraphRow, ServiceNodeType, SpanMetricsRow } from "@skein/storage";

/** A minute-aligned base for rollup fixtures: 2023-11-14T22:00:00Z (a multiple of 1h). */
export const BASE_MINUTE_MS = 1_699_999_200_000;
export const MINUTE = 60_000;

/** One span-metrics row of `count` spans each lasting `durationNano` (weight may be fractional). */
export function metricsRow(
  minuteUnixMs: number,
  service: string,
  operation: string,
  kind: SpanKind,
  status: StatusCode,
  durations: { durationNano: number; count: number }[],
): SpanMetricsRow {
  const histogram = new LatencyHistogram();
  for (const { durationNano, count } of durations) histogram.addToBucket(latencyBucketOf(durationNano), count);
  return { minuteUnixMs, service, operation, kind, status, buckets: histogram.buckets() };
}

/** One service-graph row of `count` calls each seen lasting `durationNano` by the caller. */
export function graphRow(
  minuteUnixMs: number,
  source: [string, ServiceNodeType],
  target: [string, ServiceNodeType],
  failed: boolean,
  durationNano: number,
  count: number,
): ServiceGraphRow {
  return { minuteUnixMs, source: source[0], sourceType: source[1], target: target[0], targetType: target[1], failed, buckets: [{ bucket: latencyBucketOf(durationNano), count }] };
}

/** The exact nearest-rank q-quantile of weighted durations (what histogram quantiles approximate). */
export function exactQuantile(values: { durationNano: number; count: number }[], q: number): number {
  const sorted = [...values].sort((a, b) => a.durationNano - b.durationNano);
  const total = sorted.reduce((sum, v) => sum + v.count, 0);
  let seen = 0;
  for (const v of sorted) {
    seen += v.count;
    if (seen >= q * total * (1 - 1e-12)) return v.durationNano;
  }
  return sorted[sorted.length - 1]!.durationNano;
}
