import { LatencyHistogram, type SpanKind } from "@skein/model";
import type { MetricsReader, SpanMetricsCell, SpanMetricsQuery } from "@skein/storage";

/** Weighted totals of one group (and window) of span-metrics cells. */
export interface SpanMetricsTotals {
  count: number;
  errorCount: number;
  histogram: LatencyHistogram;
}

/** The key fields a group kept (null when summed over) and its window start. */
export interface SpanMetricsGroup extends SpanMetricsTotals {
  windowStartUnixMs: number;
  service: string | null;
  operation: string | null;
  kind: SpanKind | null;
}

/**
 * Reads span-metrics cells and folds them into one SpanMetricsGroup per (window, kept key
 * fields): counts, error counts and the merged latency histogram. The order of the result is
 * unspecified. Memory is bounded by windows × groups × latency buckets.
 */
export async function readSpanMetricsGroups(reader: MetricsReader, query: SpanMetricsQuery, signal?: AbortSignal): Promise<SpanMetricsGroup[]> {
  const groups = new Map<string, SpanMetricsGroup>();
  for await (const chunk of reader.querySpanMetrics(query, signal)) {
    for (const cell of chunk) addCell(groups, cell);
  }
  return [...groups.values()];
}

/**
 * Totals over the whole range of one selection (services/operation/kinds as in the query), or
 * zero counts and an empty histogram when nothing was recorded.
 */
export async function readSpanMetricsTotals(
  reader: MetricsReader,
  query: Omit<SpanMetricsQuery, "stepMs" | "groupBy">,
  signal?: AbortSignal,
): Promise<SpanMetricsTotals> {
  // One window covering the range: a step that is a multiple of a minute and reaches past its end.
  const minutes = Math.max(1, Math.ceil(Math.max(query.endUnixMs, 60_000) / 60_000));
  const groups = await readSpanMetricsGroups(reader, { ...query, stepMs: minutes * 60_000, groupBy: {} }, signal);
  const totals: SpanMetricsTotals = { count: 0, errorCount: 0, histogram: new LatencyHistogram() };
  for (const group of groups) {
    totals.count += group.count;
    totals.errorCount += group.errorCount;
    totals.histogram.merge(group.histogram);
  }
  return totals;
}

function addCell(groups: Map<string, SpanMetricsGroup>, cell: SpanMetricsCell): void {
  const key = JSON.stringify([cell.windowStartUnixMs, cell.service, cell.operation, cell.kind]);
  let group = groups.get(key);
  if (group === undefined) {
    group = { windowStartUnixMs: cell.windowStartUnixMs, service: cell.service, operation: cell.operation, kind: cell.kind, count: 0, errorCount: 0, histogram: new LatencyHistogram() };
    groups.set(key, group);
  }
  group.count += cell.count;
  if (cell.error) group.errorCount += cell.count;
  group.histogram.addToBucket(cell.bucket, cell.count);
}
