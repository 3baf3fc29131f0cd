import { StatusCode } from "@skein/model";
import type { Span } from "@skein/model";
import { compareBytes, compareCodePoints } from "./code-point-order.js";
import type { TraceSummary } from "./queries.js";

/** Earlier start first; equal starts by span id ascending, so the choice is deterministic. */
function isEarlier(a: Span, b: Span): boolean {
  if (a.startTimeUnixNano !== b.startTimeUnixNano) return a.startTimeUnixNano < b.startTimeUnixNano;
  return compareBytes(a.spanId, b.spanId) < 0;
}

/**
 * The search-result row of one trace, as documented on TraceSummary: root = the earliest span
 * without parent, else the earliest span (ties by span id ascending); start = min span start;
 * duration = max span end − start (0 if negative); services by name in code point order.
 * `spans` must be all spans of one trace, non-empty (RangeError otherwise); order is irrelevant.
 */
export function summarizeTrace(spans: readonly Span[]): TraceSummary {
  const first = spans[0];
  if (first === undefined) throw new RangeError("summarizeTrace needs at least one span");
  let root: Span | undefined;
  let earliest = first;
  let start = first.startTimeUnixNano;
  let end = first.endTimeUnixNano;
  let errorCount = 0;
  const services = new Map<string, { name: string; spanCount: number; errorCount: number }>();
  for (const span of spans) {
    if (isEarlier(span, earliest)) earliest = span;
    if (span.parentSpanId === null && (root === undefined || isEarlier(span, root))) root = span;
    if (span.startTimeUnixNano < start) start = span.startTimeUnixNano;
    if (span.endTimeUnixNano > end) end = span.endTimeUnixNano;
    const isError = span.status.code === StatusCode.ERROR;
    if (isError) errorCount++;
    let service = services.get(span.service);
    if (service === undefined) {
      service = { name: span.service, spanCount: 0, errorCount: 0 };
      services.set(span.service, service);
    }
    service.spanCount++;
    if (isError) service.errorCount++;
  }
  root ??= earliest;
  return {
    traceId: first.traceId,
    rootService: root.service,
    rootName: root.name,
    startTimeUnixNano: start,
    durationNano: end > start ? end - start : 0n,
    spanCount: spans.length,
    errorCount,
    services: [...services.values()].sort((a, b) => compareCodePoints(a.name, b.name)),
  };
}
