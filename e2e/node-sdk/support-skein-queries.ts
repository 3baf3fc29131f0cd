import type { ApiSpan, ApiTraceResponse, ApiTraceSearchResponse } from "@skein/model/api";
import { eventually, getJson } from "../support/api-client.js";

/** The spans of a trace once at least `minSpans` of them are stored (polls; fails after `timeoutMs`). */
export async function traceSpans(apiUrl: string, traceId: string, minSpans = 1, timeoutMs = 10_000): Promise<ApiSpan[]> {
  return eventually(
    async () => {
      const res = await getJson<ApiTraceResponse>(`${apiUrl}/api/v1/traces/${traceId}`);
      if (res.status === 404) return undefined;
      if (res.status !== 200) throw new Error(`GET trace ${traceId}: ${res.status} ${res.text}`);
      return res.body.spans.length >= minSpans ? res.body.spans : undefined;
    },
    timeoutMs,
    `trace ${traceId} with at least ${minSpans} span(s) in Skein`,
  );
}

/** Whether Skein has the trace now (one query, no waiting). */
export async function hasTrace(apiUrl: string, traceId: string): Promise<boolean> {
  const res = await getJson(`${apiUrl}/api/v1/traces/${traceId}`);
  if (res.status !== 200 && res.status !== 404) throw new Error(`GET trace ${traceId}: ${res.status} ${res.text}`);
  return res.status === 200;
}

/** Ids of the traces with a span of `service` in the last hour (at most 1 000, the API's limit). */
export async function traceIdsOfService(apiUrl: string, service: string): Promise<string[]> {
  const res = await getJson<ApiTraceSearchResponse>(`${apiUrl}/api/v1/traces?service=${encodeURIComponent(service)}&limit=1000`);
  if (res.status !== 200) throw new Error(`search service=${service}: ${res.status} ${res.text}`);
  return res.body.traces.map((t) => t.traceId);
}

/** The one span with this id, or a failure message listing what the trace holds. */
export function spanById(spans: readonly ApiSpan[], spanId: string): ApiSpan {
  const span = spans.find((s) => s.spanId === spanId);
  if (!span) throw new Error(`no span ${spanId} in ${JSON.stringify(spans.map((s) => [s.spanId, s.name, s.kind]))}`);
  return span;
}
