import type { ApiLog } from "@skein/model/api";
import { logTime } from "../format/log-text.js";

/** A trace's logs, oldest first, and the same logs grouped by the span they were written in. */
export interface TraceLogs {
  /** Every log of the trace in time order, by logTime (ties keep the API's order). */
  readonly all: readonly ApiLog[];
  /** spanId → that span's logs in time order. Logs without a span id are only in `all`. */
  readonly bySpanId: ReadonlyMap<string, readonly ApiLog[]>;
}

/**
 * Groups logs (in any order, e.g. the API's newest-first) by span, oldest first. A log whose event
 * time is unknown ("0") sorts by its observed time (logTime), not before everything else.
 */
export function groupTraceLogs(logs: readonly ApiLog[]): TraceLogs {
  const all = [...logs].sort((a, b) => compareNanos(logTime(a), logTime(b)));
  const bySpanId = new Map<string, ApiLog[]>();
  for (const log of all) {
    if (log.spanId === null) continue;
    const list = bySpanId.get(log.spanId);
    if (list) list.push(log);
    else bySpanId.set(log.spanId, [log]);
  }
  return { all, bySpanId };
}

/** Orders two ns decimal strings numerically without BigInt (equal-length strings compare as text). */
export function compareNanos(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
