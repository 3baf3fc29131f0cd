import { idProblem, isAllZero, SPAN_ID_BYTES, TRACE_ID_BYTES } from "../ids.js";

/**
 * Why a span must be rejected for its ids, or undefined when they are valid: a 16-byte non-zero
 * trace id, an 8-byte non-zero span id, and a parent span id that is empty or a valid span id.
 */
export function spanIdsProblem(traceId: Uint8Array, spanId: Uint8Array, parentSpanId: Uint8Array): string | undefined {
  return (
    idProblem(traceId, TRACE_ID_BYTES, "trace id") ??
    idProblem(spanId, SPAN_ID_BYTES, "span id") ??
    (parentSpanId.length === 0 ? undefined : parentProblem(parentSpanId))
  );
}

function parentProblem(parentSpanId: Uint8Array): string | undefined {
  const problem = idProblem(parentSpanId, SPAN_ID_BYTES, "span id");
  return problem === undefined ? undefined : `parent ${problem}`;
}

/** A log record's optional id: empty or all zero means "not correlated" (null). */
export function optionalLogId(bytes: Uint8Array): Uint8Array | null {
  return bytes.length === 0 || isAllZero(bytes) ? null : bytes;
}

/** Why a log record must be rejected for its ids (a non-empty id of the wrong length), or undefined. */
export function logIdsProblem(traceId: Uint8Array, spanId: Uint8Array): string | undefined {
  if (traceId.length !== 0 && traceId.length !== TRACE_ID_BYTES) return `trace id must be ${TRACE_ID_BYTES} bytes, got ${traceId.length}`;
  if (spanId.length !== 0 && spanId.length !== SPAN_ID_BYTES) return `span id must be ${SPAN_ID_BYTES} bytes, got ${spanId.length}`;
  return undefined;
}

/** Unknown enum numbers (allowed on the wire by proto3) fold to the zero value the model knows. */
export function knownEnum(value: number, max: number): number {
  return value >= 0 && value <= max && Number.isInteger(value) ? value : 0;
}
