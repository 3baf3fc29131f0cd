const TRACE_ID = /^[0-9a-f]{32}$/;
const SPAN_ID = /^[0-9a-f]{16}$/;

/**
 * The trace page URL of a trace, selecting a span when one is given: `/trace/{traceId}` or
 * `/trace/{traceId}?span={spanId}`. Ids come from telemetry, so they go into a URL only after
 * checking they are lowercase hex of the right length (32 / 16). No span id (undefined, null or
 * "") links to the trace alone; an invalid trace id or an invalid span id gives undefined (no link).
 */
export function traceHref(traceId: string | null | undefined, spanId?: string | null): string | undefined {
  if (traceId === null || traceId === undefined || !TRACE_ID.test(traceId)) return undefined;
  if (spanId === undefined || spanId === null || spanId === "") return `/trace/${traceId}`;
  return SPAN_ID.test(spanId) ? `/trace/${traceId}?span=${spanId}` : undefined;
}
