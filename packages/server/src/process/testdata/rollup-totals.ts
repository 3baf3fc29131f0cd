import { LatencyHistogram } from "@skein/model";
import type { ServiceGraphRow, SpanMetricsRow } from "@skein/storage";

/** Calls along one edge, summed over minutes as the reader would (rows are additive). */
export interface EdgeTotal {
  calls: number;
  failed: number;
  histogram: LatencyHistogram;
  minutes: Set<number>;
}

/** `source(type)->target(type)` → totals, e.g. `frontend(service)->checkout(service)`. */
export function edgeTotals(rows: ServiceGraphRow[]): Map<string, EdgeTotal> {
  const out = new Map<string, EdgeTotal>();
  for (const row of rows) {
    const key = `${row.source}(${row.sourceType})->${row.target}(${row.targetType})`;
    let total = out.get(key);
    if (total === undefined) out.set(key, (total = { calls: 0, failed: 0, histogram: new LatencyHistogram(), minutes: new Set() }));
    const histogram = LatencyHistogram.fromBuckets(row.buckets);
    total.calls += histogram.total;
    if (row.failed) total.failed += histogram.total;
    total.histogram.merge(histogram);
    total.minutes.add(row.minuteUnixMs);
  }
  return out;
}

/** Calls per edge key, for exact set comparisons. */
export function edgeCalls(rows: ServiceGraphRow[]): Record<string, number> {
  return Object.fromEntries([...edgeTotals(rows)].map(([key, total]) => [key, total.calls]));
}

/** `service/operation/kind/status@minute` → weighted span count. */
export function seriesCounts(rows: SpanMetricsRow[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const row of rows) {
    const key = `${row.service}/${row.operation}/${row.kind}/${row.status}@${row.minuteUnixMs}`;
    out[key] = (out[key] ?? 0) + row.buckets.reduce((sum, b) => sum + b.count, 0);
  }
  return out;
}
