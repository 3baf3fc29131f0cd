import type { TimeRange } from "@skein/storage";
import { InvalidParameterError } from "./errors.js";
import { parseTimeParam } from "./time-param.js";

/** One hour in ns: the default search window. */
export const DEFAULT_WINDOW_NANOS = 3_600_000_000_000n;

/**
 * The inclusive span-start bounds of a query. With neither start nor end, `whenAbsent` decides:
 * "last-hour" → [now − 1h, now]; "all-time" → unbounded. Otherwise end defaults to now and start
 * to end − 1h (never below 0). Throws InvalidParameterError when start is after end.
 */
export function resolveTimeWindow(
  params: { start?: string | undefined; end?: string | undefined },
  nowNanos: bigint,
  whenAbsent: "last-hour" | "all-time",
): TimeRange {
  if (params.start === undefined && params.end === undefined && whenAbsent === "all-time") return {};
  const end = params.end !== undefined ? parseTimeParam("end", params.end) : nowNanos;
  const start = params.start !== undefined ? parseTimeParam("start", params.start) : end > DEFAULT_WINDOW_NANOS ? end - DEFAULT_WINDOW_NANOS : 0n;
  if (start > end) {
    throw new InvalidParameterError(
      `start (${start} ns) is after end (${end} ns${params.end === undefined ? ", which defaults to now" : ""}); give an earlier start or a later end`,
    );
  }
  return { startTimeMinUnixNano: start, startTimeMaxUnixNano: end };
}
