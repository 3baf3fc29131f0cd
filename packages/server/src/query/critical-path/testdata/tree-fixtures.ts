import type { Span } from "@skein/model";
import { BASE_TIME_NANO, makeSpan, spanIdOf, traceIdOf } from "@skein/storage/testing";

/** [span number, parent number (or null; a number not listed = missing parent), start, end, service?, name?]; times in ns after BASE_TIME_NANO. */
export type SpanSpec = [id: number, parent: number | null, start: number, end: number, service?: string, name?: string];

export const T0 = BASE_TIME_NANO;

/** Spans of one trace (traceIdOf(trace)) from compact specs; service defaults to "svc", name to "op<id>". */
export function specSpans(specs: readonly SpanSpec[], trace = 1): Span[] {
  return specs.map(([id, parent, start, end, service, name]) =>
    makeSpan({
      traceId: traceIdOf(trace),
      spanId: spanIdOf(id),
      parentSpanId: parent === null ? null : spanIdOf(parent),
      startTimeUnixNano: T0 + BigInt(start),
      endTimeUnixNano: T0 + BigInt(end),
      service: service ?? "svc",
      name: name ?? `op${id}`,
    }),
  );
}

/** The span number of a fixture span id (inverse of spanIdOf). */
export function numberOf(spanId: Uint8Array): number {
  return new DataView(spanId.buffer, spanId.byteOffset, spanId.byteLength).getUint32(4);
}
