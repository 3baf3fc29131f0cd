import type { ApiCriticalPathSegment } from "@skein/model/api";
import type { TraceModel } from "../../../trace/trace-model.js";

/**
 * A trace's critical path indexed by node, built once per (trace, answer) so rows look their part
 * up in O(1): a row's segments are the same array on every render (memoized rows stay memoized).
 * Times are Number ns relative to the trace start, like TraceNode offsets.
 */
export interface CriticalPathLookup {
  /** 1 for each node index with at least one segment (zero-length ones included). */
  readonly onPath: Uint8Array;
  /** Critical-path ns spent in each node (the sum of its segments' lengths). */
  readonly timeNs: Float64Array;
  /** Sum of every segment's length: the root span's duration. */
  readonly totalNs: number;
  /** Nodes on the path. */
  readonly spanCount: number;
  /** Segments whose span id is not in the trace (should be 0: the path is computed from the same spans). */
  readonly unmatched: number;
  /** The node's segments as flat [start, end, start, end, …] in time order, or undefined off the path. */
  segmentsOf(index: number): readonly number[] | undefined;
}

/** Indexes the API's segments against the trace model. O(segments); BigInt only once per bound. */
export function buildCriticalPathLookup(model: TraceModel, segments: readonly ApiCriticalPathSegment[]): CriticalPathLookup {
  const count = model.nodes.length;
  const onPath = new Uint8Array(count);
  const timeNs = new Float64Array(count);
  const bySpan = new Map<number, number[]>();
  let totalNs = 0;
  let unmatched = 0;
  for (const segment of segments) {
    const index = model.indexBySpanId.get(segment.spanId);
    if (index === undefined) {
      unmatched++;
      continue;
    }
    const start = Number(BigInt(segment.startTimeUnixNano) - model.startNs);
    const end = Number(BigInt(segment.endTimeUnixNano) - model.startNs);
    const length = Math.max(0, end - start);
    let list = bySpan.get(index);
    if (list === undefined) {
      list = [];
      bySpan.set(index, list);
    }
    list.push(start, end);
    onPath[index] = 1;
    timeNs[index]! += length;
    totalNs += length;
  }
  return { onPath, timeNs, totalNs, spanCount: bySpan.size, unmatched, segmentsOf: (index) => bySpan.get(index) };
}

/** A highlighted stretch of a bar, in percent of the timeline column (as barGeometry gives bars). */
export interface BarSegment {
  readonly left: number;
  readonly width: number;
}

/**
 * Where a node's critical-path segments (flat [start, end, …], relative ns) fall in the zoom window
 * `[windowStart, windowEnd)`, as percentages of the timeline: clipped to the window, those wholly
 * outside left out. A zero-length segment inside the window is kept (width 0; CSS gives it a
 * minimum width) so an instant span on the path is still marked.
 */
export function criticalBarSegments(segments: readonly number[], windowStart: number, windowEnd: number): BarSegment[] {
  const span = windowEnd - windowStart;
  const out: BarSegment[] = [];
  if (!(span > 0)) return out;
  for (let i = 0; i + 1 < segments.length; i += 2) {
    const start = segments[i]!;
    const end = segments[i + 1]!;
    if (end < windowStart || start > windowEnd) continue;
    const left = (Math.max(start, windowStart) - windowStart) / span;
    const right = (Math.min(end, windowEnd) - windowStart) / span;
    out.push({ left: left * 100, width: Math.max(0, right - left) * 100 });
  }
  return out;
}

/**
 * The segments of a node as percentages of the node's own box (the flame graph draws them inside
 * it): `(segment − nodeStart) / nodeDuration`, clipped to 0–100.
 */
export function segmentsInBox(segments: readonly number[], nodeStart: number, nodeDuration: number): BarSegment[] {
  return criticalBarSegments(segments, nodeStart, nodeStart + Math.max(nodeDuration, 1));
}
