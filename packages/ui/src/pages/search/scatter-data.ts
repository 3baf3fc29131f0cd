import type { ApiTraceSummary } from "@skein/model/api";

/**
 * The scatter plot's data, in uPlot's aligned-columns shape. Points are sorted by start time
 * (uPlot needs ascending x); `traceIds[i]`/`traces[i]` belong to point i in every column:
 * - `xs`: trace start, unix SECONDS (fractional; uPlot's time axis unit);
 * - `ys`: duration in ms, every trace (drawn in the accent colour);
 * - `errorYs`: the same duration for traces with an error, else null (drawn over, in red).
 * Durations are clamped to MIN_DURATION_MS so a log-scale y axis can show a 0-length trace.
 */
export interface ScatterData {
  traceIds: string[];
  traces: ApiTraceSummary[];
  xs: number[];
  ys: number[];
  errorYs: (number | null)[];
}

/** 1 µs: the floor of the log-scale y axis. */
export const MIN_DURATION_MS = 0.001;

export function buildScatterData(traces: readonly ApiTraceSummary[]): ScatterData {
  const sorted = traces
    .map((trace) => ({ trace, startNs: BigInt(trace.startTimeUnixNano) }))
    .sort((a, b) => (a.startNs < b.startNs ? -1 : a.startNs > b.startNs ? 1 : a.trace.traceId < b.trace.traceId ? -1 : 1));
  const data: ScatterData = { traceIds: [], traces: [], xs: [], ys: [], errorYs: [] };
  for (const { trace, startNs } of sorted) {
    const durationMs = Math.max(MIN_DURATION_MS, Number(trace.durationNano) / 1e6);
    data.traceIds.push(trace.traceId);
    data.traces.push(trace);
    // Whole ms first, then the fraction, so the float keeps sub-ms order for close starts.
    data.xs.push(Number(startNs / 1_000_000n) / 1000 + Number(startNs % 1_000_000n) / 1e9);
    data.ys.push(durationMs);
    data.errorYs.push(trace.errorCount > 0 ? durationMs : null);
  }
  return data;
}

/**
 * The index of the point nearest to (`left`, `top`) among `points` (CSS pixels in the same frame),
 * or -1 when none lies within `maxDistance` pixels. Ties go to the later point (drawn on top).
 */
export function nearestPoint(points: ReadonlyArray<{ left: number; top: number }>, left: number, top: number, maxDistance: number): number {
  let best = -1;
  let bestDistance = maxDistance * maxDistance;
  points.forEach((point, index) => {
    const distance = (point.left - left) ** 2 + (point.top - top) ** 2;
    if (distance <= bestDistance) {
      best = index;
      bestDistance = distance;
    }
  });
  return best;
}
