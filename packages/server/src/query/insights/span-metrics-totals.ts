import { LatencyHistogram, type SpanKind } from "@skein/model";
import type { MetricsReader, SpanMetricsCell, SpanMetricsQuery } from "@skein/storage";
import { wholeRangeStepMs } from "./metrics-range.js";
import { addTotals, emptyTotals } from "./red-point.js";

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
  const groups = await readSpanMetricsGroups(reader, { ...query, stepMs: wholeRangeStepMs(query), groupBy: {} }, signal);
  return sumTotals(groups);
}

/** The sum of some groups' counts, error counts and histograms (zeros when there are none). */
export function sumTotals(groups: readonly SpanMetricsTotals[]): SpanMetricsTotals {
  const totals = emptyTotals();
  for (const group of groups) addTotals(totals, group);
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
