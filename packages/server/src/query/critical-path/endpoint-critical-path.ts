import type { ApiEndpointCriticalPathQuery, ApiEndpointCriticalPathResponse } from "@skein/model";
import type { Storage } from "@skein/storage";
import { and, compare, intrinsic } from "@skein/storage";
import { collectChunks } from "../collect.js";
import type { NanoClock } from "../query-service.js";
import { resolveTimeWindow } from "../time-window.js";
import { assembleTrace } from "../trace-assembly.js";
import type { EndpointRequest } from "./endpoint-breakdown.js";
import { endpointRequestOf, summarizeEndpoint } from "./endpoint-breakdown.js";

/** Most endpoint requests analysed per call: the most recent traces with a matching span. */
export const ENDPOINT_SAMPLE_LIMIT = 200;
/** Traces loaded at once: bounds the storage load one request puts on a shared server. */
const LOAD_CONCURRENCY = 4;

/**
 * `GET /endpoints/critical-path`: finds the most recent (≤ 200) traces with a span of the service
 * and operation starting in the window (default the last hour before `clock()`), loads them four
 * at a time and summarizes the critical paths of their endpoint spans (summarizeEndpoint). Throws
 * InvalidParameterError for a bad window; storage errors pass through.
 */
export async function endpointCriticalPath(
  storage: Storage,
  clock: NanoClock,
  params: ApiEndpointCriticalPathQuery,
  signal?: AbortSignal,
): Promise<ApiEndpointCriticalPathResponse> {
  const range = resolveTimeWindow(params, clock(), "last-hour");
  const spanFilter = and(compare(intrinsic("service"), "=", params.service), compare(intrinsic("name"), "=", params.operation));
  const reader = storage.traces.reader;
  const summaries = await collectChunks(reader.findTraces({ ...range, spanFilter, limit: ENDPOINT_SAMPLE_LIMIT }, signal), ENDPOINT_SAMPLE_LIMIT);
  const requests: (EndpointRequest | undefined)[] = new Array(summaries.length);
  // The first failure stops the other loaders too.
  const failed = new AbortController();
  const loadSignal = signal === undefined ? failed.signal : AbortSignal.any([signal, failed.signal]);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < summaries.length) {
      const i = next++;
      loadSignal.throwIfAborted();
      const spans = await assembleTrace(reader, summaries[i]!.traceId, loadSignal);
      requests[i] = endpointRequestOf(spans, params.service, params.operation, range);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(LOAD_CONCURRENCY, summaries.length) }, worker));
  } catch (error) {
    failed.abort();
    throw error;
  }
  return summarizeEndpoint(requests.filter((r): r is EndpointRequest => r !== undefined));
}
