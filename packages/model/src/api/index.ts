// HTTP API schemas (zod) and types, shared by the server and the UI (DESIGN §7).
export type { ApiAttributes } from "./api-plain-json.js";
export { apiAttributesSchema, apiNanosSchema, apiPlainJsonSchema, apiSpanIdSchema, apiTraceIdSchema } from "./api-plain-json.js";
export type { ApiSpan, ApiTraceResponse } from "./api-span.js";
export { apiSpanSchema, apiTraceResponseSchema } from "./api-span.js";
export type { ApiTraceSearchResponse, ApiTraceSummary } from "./api-trace-search.js";
export { apiTraceSearchResponseSchema, apiTraceSummarySchema } from "./api-trace-search.js";
export type { ApiHealthResponse, ApiOperationsResponse, ApiServicesResponse, ApiStatusResponse } from "./api-services.js";
export { apiHealthResponseSchema, apiOperationsResponseSchema, apiServicesResponseSchema, apiStatusResponseSchema } from "./api-services.js";
export type { ApiLog, ApiLogsResponse } from "./api-logs.js";
export { apiLogSchema, apiLogsResponseSchema } from "./api-logs.js";
export type { ApiErrorResponse } from "./api-error.js";
export { apiErrorResponseSchema } from "./api-error.js";
export type { ApiGetTraceQuery, ApiLogsQuery, ApiTraceSearchQuery } from "./api-requests.js";
export {
  API_DURATION_PATTERN,
  API_LOG_LIMIT,
  API_TIME_PATTERN,
  API_TRACE_SEARCH_LIMIT,
  apiGetTraceQuerySchema,
  apiLogsQuerySchema,
  apiTraceSearchQuerySchema,
} from "./api-requests.js";
export { parseApiDuration } from "./api-duration.js";
export * from "./api-insights.js";
export * from "./api-alerts.js";
