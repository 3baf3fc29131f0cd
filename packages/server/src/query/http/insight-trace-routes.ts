import { apiEndpointCriticalPathQuerySchema, apiTraceCompareQuerySchema } from "@skein/model";
import type { FastifyInstance } from "fastify";
import { requestAbortSignal } from "../../http/request-abort-signal.js";
import { compareTraces } from "../compare/trace-compare.js";
import { endpointCriticalPath } from "../critical-path/endpoint-critical-path.js";
import { traceCriticalPath } from "../critical-path/trace-critical-path.js";
import type { InsightsRouteDeps } from "./insights-route-deps.js";
import { apiNoQuerySchema } from "./no-query-schema.js";
import { parseQueryParams } from "./query-params.js";

/**
 * `GET /traces/{traceId}/critical-path`, `GET /traces/compare?a=&b=` and
 * `GET /endpoints/critical-path?service=&operation=&start=&end=` (paths relative to the API
 * prefix). Registered before the trace routes: the router prefers these static and parametric
 * paths to the `/traces/*` wildcard.
 */
export function registerInsightTraceRoutes(api: FastifyInstance, deps: InsightsRouteDeps): void {
  api.get<{ Params: { traceId: string } }>("/traces/:traceId/critical-path", async (request, reply) => {
    parseQueryParams(apiNoQuerySchema, request.query);
    return traceCriticalPath(deps.queries, request.params.traceId, requestAbortSignal(reply));
  });

  api.get("/traces/compare", async (request, reply) => {
    const { a, b } = parseQueryParams(apiTraceCompareQuerySchema, request.query);
    return compareTraces(deps.queries, a, b, requestAbortSignal(reply));
  });

  api.get("/endpoints/critical-path", async (request, reply) => {
    const params = parseQueryParams(apiEndpointCriticalPathQuerySchema, request.query);
    return endpointCriticalPath(deps.storage, deps.clock, params, requestAbortSignal(reply));
  });
}
