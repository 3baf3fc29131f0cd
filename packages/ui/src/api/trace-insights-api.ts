import { apiCriticalPathResponseSchema, apiTraceCompareResponseSchema, type ApiCriticalPathResponse, type ApiTraceCompareResponse } from "@skein/model/api";
import { getJson } from "./api-client.js";

/**
 * The per-trace insight calls (issue 6): a trace's critical path and the comparison of two traces.
 * Ids are sent as given (the API validates them: 400 for a malformed id, 404 for an unknown one,
 * whose message starts with "a: " or "b: " for compare).
 */
export const traceInsightsApi = {
  criticalPath: async (traceId: string, signal?: AbortSignal): Promise<ApiCriticalPathResponse> =>
    getJson(`/api/v1/traces/${encodeURIComponent(traceId)}/critical-path`, {}, apiCriticalPathResponseSchema, signal),

  compare: async (a: string, b: string, signal?: AbortSignal): Promise<ApiTraceCompareResponse> =>
    getJson("/api/v1/traces/compare", { a, b }, apiTraceCompareResponseSchema, signal),
};
