import type { ApiLog, ApiSpan, ApiTraceResponse } from "@skein/model/api";

/**
 * Builders of API-shaped spans and logs for UI unit and component tests. Defaults make a valid
 * object; pass only what the test is about. Times are ns strings offset from BASE_NANOS.
 */
export const BASE_NANOS = 1_764_000_000_000_000_000n;
export const TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

export function apiSpan(fields: Partial<ApiSpan> & { spanId: string; startOffsetNs?: number; durationNs?: number }): ApiSpan {
  const { startOffsetNs = 0, durationNs = 1_000_000, ...rest } = fields;
  const start = BASE_NANOS + BigInt(startOffsetNs);
  return {
    traceId: TRACE_ID,
    parentSpanId: null,
    name: `op-${fields.spanId.slice(-4)}`,
    kind: "internal",
    service: "svc",
    startTimeUnixNano: String(start),
    endTimeUnixNano: String(start + BigInt(durationNs)),
    durationNano: String(durationNs),
    status: { code: "unset" },
    attributes: {},
    resource: { "service.name": fields.service ?? "svc" },
    scope: { name: "test" },
    events: [],
    links: [],
    ...rest,
  };
}

export function apiTrace(spans: ApiSpan[]): ApiTraceResponse {
  return { traceId: TRACE_ID, spans };
}

export function apiLog(fields: Partial<ApiLog> & { offsetNs?: number }): ApiLog {
  const { offsetNs = 0, ...rest } = fields;
  const time = String(BASE_NANOS + BigInt(offsetNs));
  return {
    timeUnixNano: time,
    observedTimeUnixNano: time,
    severityNumber: 9,
    severityText: "INFO",
    body: "hello",
    attributes: {},
    resource: { "service.name": "svc" },
    service: "svc",
    scope: { name: "test" },
    traceId: TRACE_ID,
    spanId: null,
    ...rest,
  };
}

/** A 16-hex span id from a small number (`spanIdOf(1)` = "0000000000000001"). */
export function spanIdOf(n: number): string {
  return n.toString(16).padStart(16, "0");
}
