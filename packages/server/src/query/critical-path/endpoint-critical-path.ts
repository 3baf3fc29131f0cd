import type { ApiEndpointCriticalPathQuery, ApiEndpointCriticalPathResponse, Span } from "@skein/model";
import type { Storage } from "@skein/storage";
import { and, compare, intrinsic } from "@skein/storage";
import { assertStorageCanEvaluate } from "../capability-check.js";
import { collectChunks } from "../collect.js";
import type { NanoClock } from "../query-service.js";
import { resolveTimeWindow } from "../time-window.js";
import { compareSpans } from "../trace-assembly.js";
import type { EndpointRequest } from "./endpoint-breakdown.js";
import { endpointRequestOf, summarizeEndpoint } from "./endpoint-breakdown.js";

/** Most endpoint requests analysed per call: the most recent traces with a matching span. */
export const ENDPOINT_SAMPLE_LIMIT = 200;
/** Spans loaded at most per call, all sampled traces together: bounds the memory one request takes. */
export const ENDPOINT_SPAN_BUDGET = 500_000;
/** Traces loaded at once: bounds the storage load one request puts on a shared server. */
const LOAD_CONCURRENCY = 4;

export interface EndpointCriticalPathOptions {
  /** Spans loaded at most (tests lower it). Default ENDPOINT_SPAN_BUDGET. */
  spanBudget?: number;
}

/**
 * `GET /endpoints/critical-path`: finds the most recent (≤ 200) traces with a span of the service
 * and operation starting in the window (default the last hour before `clock()`), loads them four
 * at a time and summarizes the critical paths of their endpoint spans (summarizeEndpoint).
 * Sampling stops once the traces loaded hold `spanBudget` spans: a trace whose loading crosses
 * it (and any still loading then) is left out, so memory stays bounded whatever the trace sizes;
 * sampledRequests says how many requests were analysed. Throws InvalidParameterError for a bad
 * window, UnsupportedQueryError when the storage cannot evaluate the filter (as searchTraces);
 * storage errors pass through.
 */
export async function endpointCriticalPath(
  storage: Storage,
  clock: NanoClock,
  params: ApiEndpointCriticalPathQuery,
  signal?: AbortSignal,
  options: EndpointCriticalPathOptions = {},
): Promise<ApiEndpointCriticalPathResponse> {
  const range = resolveTimeWindow(params, clock(), "last-hour");
  const spanFilter = and(compare(intrinsic("service"), "=", params.service), compare(intrinsic("name"), "=", params.operation));
  assertStorageCanEvaluate(storage, spanFilter);
  const reader = storage.traces.reader;
  const budget = options.spanBudget ?? ENDPOINT_SPAN_BUDGET;
  let loadedSpans = 0;
  let exhausted = false;
  /** One trace's spans in display order, or undefined once the budget is crossed (the read stops there). */
  const loadWithinBudget = async (traceId: Uint8Array, loadSignal: AbortSignal): Promise<Span[] | undefined> => {
    const spans: Span[] = [];
    for await (const chunk of reader.getTrace(traceId, loadSignal)) {
      loadedSpans += chunk.length;
      if (loadedSpans > budget) {
        exhausted = true;
        return undefined;
      }
      for (const span of chunk) spans.push(span);
    }
    return spans.sort(compareSpans);
  };
  const summaries = await collectChunks(reader.findTraces({ ...range, spanFilter, limit: ENDPOINT_SAMPLE_LIMIT }, signal), ENDPOINT_SAMPLE_LIMIT);
  const requests: (EndpointRequest | undefined)[] = new Array(summaries.length);
  // The first failure stops the other loaders too.
  const failed = new AbortController();
  const loadSignal = signal === undefined ? failed.signal : AbortSignal.any([signal, failed.signal]);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (!exhausted && next < summaries.length) {
      const i = next++;
      loadSignal.throwIfAborted();
      const spans = await loadWithinBudget(summaries[i]!.traceId, loadSignal);
      if (spans !== undefined) requests[i] = endpointRequestOf(spans, params.service, params.operation, range);
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
