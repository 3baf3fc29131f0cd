import {
  apiLatencyHistogramQuerySchema,
  apiOperationsMetricsQuerySchema,
  apiRedQuerySchema,
  apiServiceMapQuerySchema,
  apiServicesMetricsQuerySchema,
} from "@skein/model";
import type { FastifyInstance } from "fastify";
import { requestAbortSignal } from "../../http/request-abort-signal.js";
import { computeLatencyHistogram } from "../insights/latency-histogram.js";
import { resolveMetricsRange, resolveSeriesWindows } from "../insights/metrics-range.js";
import { computeOperationsMetrics } from "../insights/operations-metrics.js";
import { computeRedSeries } from "../insights/red-metrics.js";
import { computeServiceMap } from "../insights/service-map.js";
import { computeServicesMetrics } from "../insights/services-metrics.js";
import type { InsightsRouteDeps } from "./insights-route-deps.js";
import { parseQueryParams } from "./query-params.js";

/**
 * `GET /metrics/red`, `/metrics/services`, `/metrics/operations`, `/metrics/latency-histogram`
 * and `/service-map` (paths relative to the API prefix). The first three and the map read the
 * span-metrics and service-graph rollups; the histogram reads stored spans.
 */
export function registerMetricsRoutes(api: FastifyInstance, deps: InsightsRouteDeps): void {
  const metrics = deps.storage.metrics.reader;

  api.get("/metrics/red", async (request, reply) => {
    const params = parseQueryParams(apiRedQuerySchema, request.query);
    const range = resolveMetricsRange(params, deps.clock());
    const windows = resolveSeriesWindows(range, params.step);
    return computeRedSeries(metrics, params, range, windows, requestAbortSignal(reply));
  });

  api.get("/metrics/services", async (request, reply) => {
    const params = parseQueryParams(apiServicesMetricsQuerySchema, request.query);
    const range = resolveMetricsRange(params, deps.clock());
    return computeServicesMetrics(metrics, range, params.step, requestAbortSignal(reply));
  });

  api.get("/metrics/operations", async (request, reply) => {
    const params = parseQueryParams(apiOperationsMetricsQuerySchema, request.query);
    return computeOperationsMetrics(metrics, params.service, resolveMetricsRange(params, deps.clock()), requestAbortSignal(reply));
  });

  api.get("/metrics/latency-histogram", async (request, reply) => {
    const params = parseQueryParams(apiLatencyHistogramQuerySchema, request.query);
    return computeLatencyHistogram(deps.storage, params, deps.clock(), requestAbortSignal(reply));
  });

  api.get("/service-map", async (request, reply) => {
    const params = parseQueryParams(apiServiceMapQuerySchema, request.query);
    return computeServiceMap(metrics, resolveMetricsRange(params, deps.clock()), requestAbortSignal(reply));
  });
}
