import type { ApiOperationsMetricsResponse } from "@skein/model";
import { SPAN_KIND_NAMES } from "@skein/model";
import type { MetricsReader } from "@skein/storage";
import { compareCodePoints } from "@skein/storage";
import type { MetricsRange } from "./metrics-range.js";
import { wholeRangeStepMs } from "./metrics-range.js";
import { redSummary } from "./red-point.js";
import type { SpanMetricsGroup } from "./span-metrics-totals.js";
import { readSpanMetricsGroups } from "./span-metrics-totals.js";

/** `GET /metrics/operations`: the service's (operation, kind) totals over the range, busiest first. */
export async function computeOperationsMetrics(reader: MetricsReader, service: string, range: MetricsRange, signal?: AbortSignal): Promise<ApiOperationsMetricsResponse> {
  const groups = await readSpanMetricsGroups(
    reader,
    { startUnixMs: range.startUnixMs, endUnixMs: range.endUnixMs, stepMs: wholeRangeStepMs(range), services: [service], groupBy: { operation: true, kind: true } },
    signal,
  );
  return { operations: operationsOf(groups, range.seconds) };
}

/**
 * One entry per (operation, kind) group (the groups must span one window), by count descending,
 * then name (code point order), then kind name.
 */
export function operationsOf(groups: readonly SpanMetricsGroup[], seconds: number): ApiOperationsMetricsResponse["operations"] {
  return groups
    .map((group) => ({ name: group.operation ?? "", kind: SPAN_KIND_NAMES[group.kind ?? 0] ?? "unspecified", ...redSummary(group, seconds) }))
    .sort((a, b) => b.count - a.count || compareCodePoints(a.name, b.name) || compareCodePoints(a.kind, b.kind));
}
