import { z } from "zod";
import { SPAN_KIND_NAMES } from "../span.js";
import { apiNanosSchema, apiSpanIdSchema, apiTraceIdSchema } from "./api-plain-json.js";
import { API_DURATION_PATTERN, API_TIME_PATTERN, apiTraceSearchQuerySchema } from "./api-requests.js";

/**
 * Service insights (issue 6): RED metrics and latency histograms over the span-metrics rollups,
 * the service map, critical paths and trace comparison. Counts are weighted by sample weight, so
 * they may be fractional. Latencies computed from rollup histograms are numbers of ns within
 * ≈ 4.4 % of the exact value, null when there was nothing to measure; times of series points are
 * unix milliseconds (rollups are per minute). Span times stay exact ns decimal strings.
 */

/** Absent (undefined) when required: "is required"; any other non-string (a repeated parameter arrives as an array): "given once". */
const text = (what: string, max: number) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? `${what} is required: give it once, as text` : `${what} must be given once, as text`) })
    .min(1, `${what} must not be empty`)
    .max(max, `${what} must be at most ${max} characters`);
const time = (what: string) =>
  text(what, 40).regex(
    API_TIME_PATTERN,
    `${what} must be an RFC 3339 timestamp (2026-01-02T15:04:05.123456789Z) or unix milliseconds; in a URL, write a + offset as %2B (+ reads as a space)`,
  );
const duration = (what: string) => text(what, 64).regex(API_DURATION_PATTERN, `${what} must be a duration with a unit, such as 1m, 5m, 1h`);
const count = z.number().nonnegative();
const latency = z.number().nonnegative().nullable();

/** `GET /api/v1/metrics/red?service=&operation=&kind=&start=&end=&step=`; default window the last hour, step chosen for ~60 points (at least 1m, a whole number of minutes). */
export const apiRedQuerySchema = z.strictObject({
  service: text("service", 1024).optional(),
  operation: text("operation", 1024).optional(),
  kind: z.enum(SPAN_KIND_NAMES, { error: `kind must be one of ${SPAN_KIND_NAMES.join(", ")}` }).optional(),
  start: time("start").optional(),
  end: time("end").optional(),
  step: duration("step").optional(),
});
export type ApiRedQuery = z.infer<typeof apiRedQuerySchema>;

/** One window of a RED series; every window of the range is present (zeros when idle). */
export const apiRedPointSchema = z.object({
  /** Window start, unix ms. */
  time: z.number().int(),
  count: count,
  errorCount: count,
  /** count per second over the window. */
  rate: count,
  /** errorCount / count, 0 when count is 0. */
  errorRate: z.number().min(0).max(1),
  p50: latency,
  p90: latency,
  p95: latency,
  p99: latency,
});
export type ApiRedPoint = z.infer<typeof apiRedPointSchema>;

export const apiRedResponseSchema = z.object({ stepMs: z.number().int().positive(), series: z.array(apiRedPointSchema) });
export type ApiRedResponse = z.infer<typeof apiRedResponseSchema>;

/** Totals of one service or operation over a range. */
export const apiRedSummarySchema = z.object({ count: count, errorCount: count, rate: count, errorRate: z.number().min(0).max(1), p50: latency, p95: latency, p99: latency });
export type ApiRedSummary = z.infer<typeof apiRedSummarySchema>;

/**
 * `GET /api/v1/metrics/services?start=&end=&step=`: every service with rollups in the range, by
 * name, with totals and a series for sparklines. A service's requests are its server and consumer
 * spans, or all its spans when it has neither.
 */
export const apiServicesMetricsQuerySchema = apiRedQuerySchema.pick({ start: true, end: true, step: true });
export type ApiServicesMetricsQuery = z.infer<typeof apiServicesMetricsQuerySchema>;
export const apiServiceMetricsSchema = apiRedSummarySchema.extend({ name: z.string(), series: z.array(apiRedPointSchema) });
export type ApiServiceMetrics = z.infer<typeof apiServiceMetricsSchema>;
export const apiServicesMetricsResponseSchema = z.object({ stepMs: z.number().int().positive(), services: z.array(apiServiceMetricsSchema) });
export type ApiServicesMetricsResponse = z.infer<typeof apiServicesMetricsResponseSchema>;

/** `GET /api/v1/metrics/operations?service=&start=&end=`: the service's operations, busiest (count) first. */
export const apiOperationsMetricsQuerySchema = z.strictObject({ service: text("service", 1024), start: time("start").optional(), end: time("end").optional() });
export type ApiOperationsMetricsQuery = z.infer<typeof apiOperationsMetricsQuerySchema>;
export const apiOperationMetricsSchema = apiRedSummarySchema.extend({ name: z.string(), kind: z.enum(SPAN_KIND_NAMES) });
export type ApiOperationMetrics = z.infer<typeof apiOperationMetricsSchema>;
export const apiOperationsMetricsResponseSchema = z.object({ operations: z.array(apiOperationMetricsSchema) });
export type ApiOperationsMetricsResponse = z.infer<typeof apiOperationsMetricsResponseSchema>;

/**
 * `GET /api/v1/metrics/latency-histogram?…`: the trace search filters (same-span semantics; limit
 * not allowed) plus `kind` (the span kind, on the same span as the other filters) and `step` for a
 * heatmap (time windows; absent: one window over the range), over stored spans (after sampling;
 * counts weighted).
 */
export const apiLatencyHistogramQuerySchema = apiTraceSearchQuerySchema.omit({ limit: true }).extend({ step: duration("step").optional() });
export type ApiLatencyHistogramQuery = z.infer<typeof apiLatencyHistogramQuerySchema>;

export const apiExemplarSchema = z.object({ traceId: apiTraceIdSchema, spanId: apiSpanIdSchema, durationNano: apiNanosSchema });
export type ApiExemplar = z.infer<typeof apiExemplarSchema>;

/** One non-empty cell, ordered by time then lowerNano. */
export const apiLatencyBucketSchema = z.object({
  /** Window start, unix ms (the range start without a step). */
  time: z.number().int(),
  lowerNano: z.number().nonnegative(),
  /** null for the last, open bucket. */
  upperNano: z.number().positive().nullable(),
  count: count,
  /** Up to 3 spans of the cell. */
  exemplars: z.array(apiExemplarSchema),
});
export type ApiLatencyBucket = z.infer<typeof apiLatencyBucketSchema>;
export const apiLatencyHistogramResponseSchema = z.object({ stepMs: z.number().int().positive().nullable(), buckets: z.array(apiLatencyBucketSchema) });
export type ApiLatencyHistogramResponse = z.infer<typeof apiLatencyHistogramResponseSchema>;

/** `GET /api/v1/service-map?start=&end=` (default the last hour). */
export const apiServiceMapQuerySchema = z.strictObject({ start: time("start").optional(), end: time("end").optional() });
export type ApiServiceMapQuery = z.infer<typeof apiServiceMapQuerySchema>;

export const SERVICE_NODE_TYPES = ["service", "database", "external", "queue"] as const;
export const apiServiceMapNodeSchema = z.object({
  /** Unique among the nodes; edges refer to it. */
  name: z.string(),
  type: z.enum(SERVICE_NODE_TYPES),
  /** Requests per second handled (services) or received (other nodes) over the range. */
  rate: count,
  errorRate: z.number().min(0).max(1),
  p95: latency,
});
export type ApiServiceMapNode = z.infer<typeof apiServiceMapNodeSchema>;
export const apiServiceMapEdgeSchema = z.object({ source: z.string(), target: z.string(), callCount: count, errorCount: count, p95: latency });
export type ApiServiceMapEdge = z.infer<typeof apiServiceMapEdgeSchema>;
export const apiServiceMapResponseSchema = z.object({ nodes: z.array(apiServiceMapNodeSchema), edges: z.array(apiServiceMapEdgeSchema) });
export type ApiServiceMapResponse = z.infer<typeof apiServiceMapResponseSchema>;

/** `GET /api/v1/traces/{traceId}/critical-path`: the segments in time order; their lengths sum to the root span's duration. */
export const apiCriticalPathSegmentSchema = z.object({ spanId: apiSpanIdSchema, startTimeUnixNano: apiNanosSchema, endTimeUnixNano: apiNanosSchema });
export type ApiCriticalPathSegment = z.infer<typeof apiCriticalPathSegmentSchema>;
export const apiCriticalPathResponseSchema = z.object({ traceId: apiTraceIdSchema, segments: z.array(apiCriticalPathSegmentSchema) });
export type ApiCriticalPathResponse = z.infer<typeof apiCriticalPathResponseSchema>;

/** `GET /api/v1/endpoints/critical-path?service=&operation=&start=&end=`. */
export const apiEndpointCriticalPathQuerySchema = z.strictObject({
  service: text("service", 1024),
  operation: text("operation", 1024),
  start: time("start").optional(),
  end: time("end").optional(),
});
export type ApiEndpointCriticalPathQuery = z.infer<typeof apiEndpointCriticalPathQuerySchema>;

/**
 * Of the endpoint's sampled requests, "typical" ones are those at or below the p50 duration and
 * "slow" ones those at or above p95. An operation's share is its critical-path time in that group
 * over the group's total duration; shares of a group sum to 1. Ranked by p95Share, then p50Share.
 */
export const apiEndpointOperationSchema = z.object({
  service: z.string(),
  operation: z.string(),
  p50Share: z.number().min(0).max(1),
  p95Share: z.number().min(0).max(1),
  /** Mean critical-path time per request of the group, ns. */
  p50TimeNano: z.number().nonnegative(),
  p95TimeNano: z.number().nonnegative(),
});
export type ApiEndpointOperation = z.infer<typeof apiEndpointOperationSchema>;
export const apiEndpointCriticalPathResponseSchema = z.object({
  /** Endpoint spans analysed (the most recent, at most 200). */
  sampledRequests: z.number().int().nonnegative(),
  p50DurationNano: latency,
  p95DurationNano: latency,
  operations: z.array(apiEndpointOperationSchema),
});
export type ApiEndpointCriticalPathResponse = z.infer<typeof apiEndpointCriticalPathResponseSchema>;

/** `GET /api/v1/traces/compare?a=&b=`. */
export const apiTraceCompareQuerySchema = z.strictObject({ a: text("a", 64), b: text("b", 64) });
export type ApiTraceCompareQuery = z.infer<typeof apiTraceCompareQuerySchema>;

export const TRACE_DIFF_STATUSES = ["added", "missing", "slower", "faster", "unchanged"] as const;
/**
 * One aligned position: spans match when they have the same (service, operation) path from the
 * root and the same ordinal among siblings of equal (service, operation) by start time. "added" is
 * only in b, "missing" only in a; slower/faster when |b − a| exceeds max(5 % of a, 100 µs).
 */
export const apiTraceDiffEntrySchema = z.object({
  /** Stable key of the position: the path of "service/operation#ordinal" from the root. */
  path: z.string(),
  depth: z.number().int().nonnegative(),
  service: z.string(),
  operation: z.string(),
  status: z.enum(TRACE_DIFF_STATUSES),
  aSpanId: apiSpanIdSchema.nullable(),
  bSpanId: apiSpanIdSchema.nullable(),
  aDurationNano: apiNanosSchema.nullable(),
  bDurationNano: apiNanosSchema.nullable(),
  /** b − a in ns, a decimal string that may be negative; null unless both exist. */
  deltaNano: z.string().regex(/^-?[0-9]+$/).nullable(),
});
export type ApiTraceDiffEntry = z.infer<typeof apiTraceDiffEntrySchema>;
export const apiTraceCompareResponseSchema = z.object({
  a: z.object({ traceId: apiTraceIdSchema, durationNano: apiNanosSchema, spanCount: z.number().int() }),
  b: z.object({ traceId: apiTraceIdSchema, durationNano: apiNanosSchema, spanCount: z.number().int() }),
  /** Depth-first in a's tree order, added entries after their nearest aligned ancestor's children. */
  entries: z.array(apiTraceDiffEntrySchema),
});
export type ApiTraceCompareResponse = z.infer<typeof apiTraceCompareResponseSchema>;
