import { z } from "zod";
import { SPAN_KIND_NAMES, STATUS_CODE_NAMES } from "../span.js";

/**
 * Query-string parameters of the native API, checked for SYNTAX here (shared with the UI, which
 * may validate a form before sending it). The server checks meaning on top (ranges, overflow,
 * start ≤ end) and answers 400 with a coded error. Unknown parameters are rejected, so a typo
 * never silently widens a search. Every value is a single string: a repeated parameter is an error.
 * The server treats a known parameter with an empty value (`service=`) as absent before checking.
 */

/** Go/Jaeger durations with a unit, compound allowed: `250ms`, `1.5s`, `1m30s`, `100us`, `10ns`. A bare number is refused (ambiguous unit). */
export const API_DURATION_PATTERN = /^(?:[0-9]{1,15}(?:\.[0-9]{1,9})?(?:ns|us|µs|ms|s|m|h))+$/;

/** RFC 3339 (`2026-11-24T10:00:00.123456789Z`, offsets allowed; the ns fraction is kept) or unix milliseconds. */
export const API_TIME_PATTERN = /^(?:[0-9]{1,15}|[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]{1,9})?(?:[Zz]|[+-][0-9]{2}:[0-9]{2}))$/;

/** Absent (undefined) when required: "is required"; any other non-string (a repeated parameter arrives as an array): "given once". */
const text = (what: string, max: number) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? `${what} is required: give it once, as text` : `${what} must be given once, as text`) })
    .min(1, `${what} must not be empty`)
    .max(max, `${what} must be at most ${max} characters`);

const duration = (what: string) =>
  text(what, 64).regex(API_DURATION_PATTERN, `${what} must be a duration with a unit, such as 250ms, 1.5s, 2m, 100us or 10ns`);

const time = (what: string) =>
  text(what, 40).regex(
    API_TIME_PATTERN,
    `${what} must be an RFC 3339 timestamp (2026-01-02T15:04:05.123456789Z) or unix milliseconds; in a URL, write a + offset as %2B (+ reads as a space)`,
  );

const limit = (max: number) => text("limit", 12).regex(/^[0-9]+$/, `limit must be an integer from 1 to ${max}`);

/** Most traces a search returns, and the default. */
export const API_TRACE_SEARCH_LIMIT = { default: 20, max: 1000 } as const;
/** Most log records a query returns, and the default. */
export const API_LOG_LIMIT = { default: 100, max: 5000 } as const;

/** `GET /api/v1/traces/{traceId}?format=otlp`. */
export const apiGetTraceQuerySchema = z.strictObject({
  format: z.enum(["native", "otlp"], { error: "format must be otlp (or native, the default)" }).optional(),
});
export type ApiGetTraceQuery = z.infer<typeof apiGetTraceQuerySchema>;

/** `GET /api/v1/traces?…`. Every span-level condition must hold on the SAME span. */
export const apiTraceSearchQuerySchema = z.strictObject({
  service: text("service", 1024).optional(),
  operation: text("operation", 1024).optional(),
  /** A JSON object `{"key": value}`; string, number or boolean values; matches span or resource attributes. */
  attributes: text("attributes", 4096).optional(),
  minDuration: duration("minDuration").optional(),
  maxDuration: duration("maxDuration").optional(),
  status: z.enum(STATUS_CODE_NAMES, { error: "status must be error, ok or unset" }).optional(),
  /** The span kind, on the same span as the other conditions (the latency heatmap's cells link here with it). */
  kind: z.enum(SPAN_KIND_NAMES, { error: `kind must be one of ${SPAN_KIND_NAMES.join(", ")}` }).optional(),
  start: time("start").optional(),
  end: time("end").optional(),
  limit: limit(API_TRACE_SEARCH_LIMIT.max).optional(),
});
export type ApiTraceSearchQuery = z.infer<typeof apiTraceSearchQuerySchema>;

/** `GET /api/v1/logs?…`. */
export const apiLogsQuerySchema = z.strictObject({
  /** Up to 32 hex characters (shorter ids are left-padded); the server answers SKEIN_ERR_INVALID_ID for a bad one. */
  traceId: text("traceId", 64).optional(),
  /** 16 hex characters; the server answers SKEIN_ERR_INVALID_ID for a bad one. */
  spanId: text("spanId", 64).optional(),
  service: text("service", 1024).optional(),
  /** 1–24, or a level name: TRACE, DEBUG, INFO, WARN, ERROR, FATAL (any case). */
  minSeverity: text("minSeverity", 8)
    .regex(/^(?:[0-9]{1,2}|[A-Za-z]{4,8})$/, "minSeverity must be a number from 1 to 24 or a level name (TRACE, DEBUG, INFO, WARN, ERROR, FATAL)")
    .optional(),
  /** Case-insensitive substring of the body. */
  q: text("q", 1024).optional(),
  start: time("start").optional(),
  end: time("end").optional(),
  limit: limit(API_LOG_LIMIT.max).optional(),
});
export type ApiLogsQuery = z.infer<typeof apiLogsQuerySchema>;
