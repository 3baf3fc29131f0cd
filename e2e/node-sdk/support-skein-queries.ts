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

/** Most traces one search answers (API_TRACE_SEARCH_LIMIT.max): an answer this long may be cut short. */
const SEARCH_LIMIT = 1_000;

/**
 * Ids of the traces with a span of `service` whose start lies in `window` (unix ms, inclusive;
 * default the last hour). Throws when the answer may be truncated at the API's 1 000-trace limit,
 * so a count is never silently capped: split the window instead.
 */
export async function traceIdsOfService(apiUrl: string, service: string, window?: { startMs: number; endMs: number }): Promise<string[]> {
  const range = window ? `&start=${Math.floor(window.startMs)}&end=${Math.ceil(window.endMs)}` : "";
  const res = await getJson<ApiTraceSearchResponse>(`${apiUrl}/api/v1/traces?service=${encodeURIComponent(service)}&limit=${SEARCH_LIMIT}${range}`);
  if (res.status !== 200) throw new Error(`search service=${service}${range}: ${res.status} ${res.text}`);
  if (res.body.traces.length >= SEARCH_LIMIT) {
    throw new Error(`search service=${service}${range} returned ${SEARCH_LIMIT} traces, the API's limit: the list may be cut short; use a narrower window`);
  }
  return res.body.traces.map((t) => t.traceId);
}

/** The one span with this id, or a failure message listing what the trace holds. */
export function spanById(spans: readonly ApiSpan[], spanId: string): ApiSpan {
  const span = spans.find((s) => s.spanId === spanId);
  if (!span) throw new Error(`no span ${spanId} in ${JSON.stringify(spans.map((s) => [s.spanId, s.name, s.kind]))}`);
  return span;
}
