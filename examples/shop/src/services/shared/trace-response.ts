// The W3C Trace Context `traceresponse` header (https://w3c.github.io/trace-context/#traceresponse-header):
// tells a client which trace its request became, so it can open it in Skein.
import { trace } from "@opentelemetry/api";

export interface TraceResponse {
  traceId: string;
  /** `00-<trace-id>-<span-id>-<flags>`, or undefined when no span is recording (SDK disabled). */
  header: string | undefined;
}

/** From the span active in the current request handler. */
export function currentTraceResponse(): TraceResponse {
  const spanContext = trace.getActiveSpan()?.spanContext();
  if (!spanContext || !trace.isSpanContextValid(spanContext)) return { traceId: "", header: undefined };
  const flags = spanContext.traceFlags.toString(16).padStart(2, "0");
  return { traceId: spanContext.traceId, header: `00-${spanContext.traceId}-${spanContext.spanId}-${flags}` };
}
