import type { ApiRedPoint, ApiRedResponse, SpanKind } from "@skein/model";
import { SPAN_KIND_NAMES } from "@skein/model";
import type { MetricsReader } from "@skein/storage";
import type { MetricsRange, SeriesWindows } from "./metrics-range.js";
import { windowSeconds, windowStarts } from "./metrics-range.js";
import { addTotals, emptyTotals, redPoint } from "./red-point.js";
import { readRequestSeriesGroups, readRequestServices, readServiceRequestGroups } from "./request-groups.js";
import type { SpanMetricsGroup, SpanMetricsTotals } from "./span-metrics-totals.js";
import { readSpanMetricsGroups } from "./span-metrics-totals.js";

export interface RedSelection {
  /** Absent: every service. */
  service?: string | undefined;
  operation?: string | undefined;
  kind?: (typeof SPAN_KIND_NAMES)[number] | undefined;
}

/**
 * `GET /metrics/red`: one point per window of `windows`, zeros and null quantiles when idle. With
 * an operation or a kind the series counts exactly those spans; otherwise it counts each
 * selected service's requests (selectRequestGroups), summed over the services. Memory grows with
 * the windows, not with services × windows: without a service, one whole-range read decides each
 * service's request kinds, then at most two summed per-window reads (readRequestSeriesGroups).
 */
export async function computeRedSeries(
  reader: MetricsReader,
  selection: RedSelection,
  range: MetricsRange,
  windows: SeriesWindows,
  signal?: AbortSignal,
): Promise<ApiRedResponse> {
  const minutes = { startUnixMs: range.startUnixMs, endUnixMs: range.endUnixMs, stepMs: windows.stepMs };
  const services = selection.service !== undefined ? { services: [selection.service] } : {};
  let groups: SpanMetricsGroup[];
  if (selection.operation !== undefined || selection.kind !== undefined) {
    groups = await readSpanMetricsGroups(
      reader,
      {
        ...minutes,
        ...services,
        ...(selection.operation !== undefined ? { operation: selection.operation } : {}),
        ...(selection.kind !== undefined ? { kinds: [SPAN_KIND_NAMES.indexOf(selection.kind) as SpanKind] } : {}),
        groupBy: {},
      },
      signal,
    );
  } else if (selection.service !== undefined) {
    groups = await readServiceRequestGroups(reader, { ...minutes, ...services }, signal); // one service: windows × its kinds
  } else {
    groups = await readRequestSeriesGroups(reader, await readRequestServices(reader, range, signal), minutes, false, signal);
  }
  return { stepMs: windows.stepMs, series: seriesOf(groups, range, windows) };
}

/**
 * Sums groups per window and lays them on every window of the series; each point's rate divides
 * by the time of its window that the range's minutes cover (windowSeconds).
 */
export function seriesOf(groups: readonly SpanMetricsGroup[], range: Pick<MetricsRange, "startUnixMs" | "coveredEndUnixMs">, windows: SeriesWindows): ApiRedPoint[] {
  const byWindow = new Map<number, SpanMetricsTotals>();
  for (const group of groups) {
    let totals = byWindow.get(group.windowStartUnixMs);
    if (totals === undefined) byWindow.set(group.windowStartUnixMs, (totals = emptyTotals()));
    addTotals(totals, group);
  }
  return windowStarts(windows).map((time) => redPoint(time, byWindow.get(time) ?? emptyTotals(), windowSeconds(range, time, windows.stepMs)));
}
