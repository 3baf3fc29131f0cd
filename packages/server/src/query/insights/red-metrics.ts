import type { ApiRedPoint, ApiRedResponse, SpanKind } from "@skein/model";
import { SPAN_KIND_NAMES } from "@skein/model";
import type { MetricsReader, MinuteRange } from "@skein/storage";
import type { SeriesWindows } from "./metrics-range.js";
import { windowStarts } from "./metrics-range.js";
import { addTotals, emptyTotals, redPoint } from "./red-point.js";
import { readServiceRequestGroups } from "./request-groups.js";
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
 * selected service's requests (selectRequestGroups), summed over the services.
 */
export async function computeRedSeries(
  reader: MetricsReader,
  selection: RedSelection,
  range: MinuteRange,
  windows: SeriesWindows,
  signal?: AbortSignal,
): Promise<ApiRedResponse> {
  const base = { startUnixMs: range.startUnixMs, endUnixMs: range.endUnixMs, stepMs: windows.stepMs, ...(selection.service !== undefined ? { services: [selection.service] } : {}) };
  let groups: SpanMetricsGroup[];
  if (selection.operation !== undefined || selection.kind !== undefined) {
    groups = await readSpanMetricsGroups(
      reader,
      {
        ...base,
        ...(selection.operation !== undefined ? { operation: selection.operation } : {}),
        ...(selection.kind !== undefined ? { kinds: [SPAN_KIND_NAMES.indexOf(selection.kind) as SpanKind] } : {}),
        groupBy: {},
      },
      signal,
    );
  } else {
    groups = await readServiceRequestGroups(reader, base, signal);
  }
  return { stepMs: windows.stepMs, series: seriesOf(groups, windows) };
}

/** Sums groups per window and lays them on every window of the series. */
export function seriesOf(groups: readonly SpanMetricsGroup[], windows: SeriesWindows): ApiRedPoint[] {
  const byWindow = new Map<number, SpanMetricsTotals>();
  for (const group of groups) {
    let totals = byWindow.get(group.windowStartUnixMs);
    if (totals === undefined) byWindow.set(group.windowStartUnixMs, (totals = emptyTotals()));
    addTotals(totals, group);
  }
  return windowStarts(windows).map((time) => redPoint(time, byWindow.get(time) ?? emptyTotals(), windows.stepMs));
}
