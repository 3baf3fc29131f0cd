import type { ApiServicesMetricsResponse } from "@skein/model";
import type { MetricsReader } from "@skein/storage";
import { compareCodePoints } from "@skein/storage";
import type { MetricsRange, SeriesWindows } from "./metrics-range.js";
import { addTotals, emptyTotals, redSummary } from "./red-point.js";
import { seriesOf } from "./red-metrics.js";
import { readServiceRequestGroups } from "./request-groups.js";
import type { SpanMetricsGroup } from "./span-metrics-totals.js";

/**
 * `GET /metrics/services`: every service with rollups in the range, by name (code point order),
 * with its requests' totals over the range and a series over `windows`.
 */
export async function computeServicesMetrics(reader: MetricsReader, range: MetricsRange, windows: SeriesWindows, signal?: AbortSignal): Promise<ApiServicesMetricsResponse> {
  const groups = await readServiceRequestGroups(reader, { startUnixMs: range.startUnixMs, endUnixMs: range.endUnixMs, stepMs: windows.stepMs }, signal);
  return { stepMs: windows.stepMs, services: servicesOf(groups, range, windows) };
}

/** Folds per-(window, service) request groups into the API's services list. */
export function servicesOf(groups: readonly SpanMetricsGroup[], range: MetricsRange, windows: SeriesWindows): ApiServicesMetricsResponse["services"] {
  const byService = new Map<string, SpanMetricsGroup[]>();
  for (const group of groups) {
    const name = group.service ?? "";
    const list = byService.get(name);
    if (list === undefined) byService.set(name, [group]);
    else list.push(group);
  }
  return [...byService]
    .sort((a, b) => compareCodePoints(a[0], b[0]))
    .map(([name, list]) => {
      const totals = emptyTotals();
      for (const group of list) addTotals(totals, group);
      return { name, ...redSummary(totals, range.seconds), series: seriesOf(list, windows) };
    });
}
