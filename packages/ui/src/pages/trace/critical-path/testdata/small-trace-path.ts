import type { ApiCriticalPathSegment } from "@skein/model/api";
import { BASE_NANOS, spanIdOf } from "../../../../testing/api-fixtures.js";

/** [span number, start ms, end ms] of smallTrace's critical path (waterfall/testdata/small-trace.ts). */
export const SMALL_TRACE_PATH: ReadonlyArray<readonly [number, number, number]> = [
  [1, 0, 10], [2, 10, 12], [4, 12, 20], [2, 20, 30], [5, 30, 70], [2, 70, 80], [1, 80, 85], [3, 85, 95], [1, 95, 100],
];

/** The API's segments for a path given as [span number, start ms, end ms] from the trace start. */
export function pathSegments(path: ReadonlyArray<readonly [number, number, number]>): ApiCriticalPathSegment[] {
  const ns = (ms: number) => String(BASE_NANOS + BigInt(Math.round(ms * 1_000_000)));
  return path.map(([n, start, end]) => ({ spanId: spanIdOf(n), startTimeUnixNano: ns(start), endTimeUnixNano: ns(end) }));
}
