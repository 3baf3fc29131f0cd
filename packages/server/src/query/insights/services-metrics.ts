import type { ApiServicesMetricsResponse } from "@skein/model";
import type { MetricsReader } from "@skein/storage";
import { compareCodePoints } from "@skein/storage";
import type { MetricsRange, SeriesWindows } from "./metrics-range.js";
import { boundedSeriesWindows, resolveSeriesWindows } from "./metrics-range.js";
import { redSummary } from "./red-point.js";
import { seriesOf } from "./red-metrics.js";
import { readRequestSeriesGroups, readRequestServices } from "./request-groups.js";
import type { SpanMetricsGroup } from "./span-metrics-totals.js";

/** Most series points (services × windows) one `/metrics/services` answer holds. */
export const MAX_SERVICES_POINTS = 50_000;

/**
 * `GET /metrics/services`: every service with rollups in the range, by name (code point order),
 * with its requests' totals over the range and a series over the windows of `step`. The points
 * (services × windows) are bounded by MAX_SERVICES_POINTS (boundedSeriesWindows): without a
 * step a larger one is chosen, with one the request is refused. Reads: one whole-range read
 * (totals and each service's request kinds), then at most two per-window reads by service.
 */
export async function computeServicesMetrics(reader: MetricsReader, range: MetricsRange, step: string | undefined, signal?: AbortSignal): Promise<ApiServicesMetricsResponse> {
  resolveSeriesWindows(range, step); // refuse a bad step before reading
  const services = await readRequestServices(reader, range, signal);
  const windows = boundedSeriesWindows(range, step, { count: services.totals.length, of: "services" }, MAX_SERVICES_POINTS);
  const series = await readRequestSeriesGroups(reader, services, { startUnixMs: range.startUnixMs, endUnixMs: range.endUnixMs, stepMs: windows.stepMs }, true, signal);
  return { stepMs: windows.stepMs, services: servicesOf(services.totals, series, range, windows) };
}

/**
 * Folds per-service totals (one group per service) and per-(window, service) request groups into
 * the API's services list.
 */
export function servicesOf(
  totals: readonly SpanMetricsGroup[],
  series: readonly SpanMetricsGroup[],
  range: MetricsRange,
  windows: SeriesWindows,
): ApiServicesMetricsResponse["services"] {
  const byService = new Map<string, SpanMetricsGroup[]>();
  for (const group of series) {
    const name = group.service ?? "";
    const list = byService.get(name);
    if (list === undefined) byService.set(name, [group]);
    else list.push(group);
  }
  return [...totals]
    .sort((a, b) => compareCodePoints(a.service ?? "", b.service ?? ""))
    .map((group) => ({ name: group.service ?? "", ...redSummary(group, range.seconds), series: seriesOf(byService.get(group.service ?? "") ?? [], range, windows) }));
}
