import {
  apiEndpointCriticalPathResponseSchema,
  apiLatencyHistogramResponseSchema,
  apiOperationsMetricsResponseSchema,
  apiRedResponseSchema,
  apiServiceMapResponseSchema,
  apiServicesMetricsResponseSchema,
  type ApiEndpointCriticalPathQuery,
  type ApiEndpointCriticalPathResponse,
  type ApiLatencyHistogramQuery,
  type ApiLatencyHistogramResponse,
  type ApiOperationsMetricsQuery,
  type ApiOperationMetrics,
  type ApiRedQuery,
  type ApiRedResponse,
  type ApiServiceMapQuery,
  type ApiServiceMapResponse,
  type ApiServicesMetricsQuery,
  type ApiServicesMetricsResponse,
} from "@skein/model/api";
import { getJson } from "./api-client.js";

/**
 * The service-insights calls of the native API (issue 6), each answer checked against the shared
 * zod schema (a mismatch is an ApiCallError of kind "invalid"). Times are unix ms or RFC 3339
 * strings, steps durations such as "1m"; every call takes the page's AbortSignal.
 */
export const insightsApi = {
  red: async (query: ApiRedQuery, signal?: AbortSignal): Promise<ApiRedResponse> => getJson("/api/v1/metrics/red", query, apiRedResponseSchema, signal),

  services: async (query: ApiServicesMetricsQuery, signal?: AbortSignal): Promise<ApiServicesMetricsResponse> =>
    getJson("/api/v1/metrics/services", query, apiServicesMetricsResponseSchema, signal),

  operations: async (query: ApiOperationsMetricsQuery, signal?: AbortSignal): Promise<ApiOperationMetrics[]> =>
    (await getJson("/api/v1/metrics/operations", query, apiOperationsMetricsResponseSchema, signal)).operations,

  latencyHistogram: async (query: ApiLatencyHistogramQuery, signal?: AbortSignal): Promise<ApiLatencyHistogramResponse> =>
    getJson("/api/v1/metrics/latency-histogram", query, apiLatencyHistogramResponseSchema, signal),

  serviceMap: async (query: ApiServiceMapQuery, signal?: AbortSignal): Promise<ApiServiceMapResponse> =>
    getJson("/api/v1/service-map", query, apiServiceMapResponseSchema, signal),

  endpointCriticalPath: async (query: ApiEndpointCriticalPathQuery, signal?: AbortSignal): Promise<ApiEndpointCriticalPathResponse> =>
    getJson("/api/v1/endpoints/critical-path", query, apiEndpointCriticalPathResponseSchema, signal),
};
