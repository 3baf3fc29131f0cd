import { z } from "zod";
import { SPAN_KIND_NAMES, STATUS_CODE_NAMES } from "../span.js";
import { apiAttributesSchema, apiNanosSchema, apiSpanIdSchema, apiTraceIdSchema } from "./api-plain-json.js";

/**
 * One span in the native API (DESIGN §7). Optional keys (traceState, status.message,
 * scope.version, link traceState) are omitted when empty rather than sent as "".
 */
export const apiSpanSchema = z.object({
  traceId: apiTraceIdSchema,
  spanId: apiSpanIdSchema,
  /** null for a root span. */
  parentSpanId: apiSpanIdSchema.nullable(),
  traceState: z.string().optional(),
  name: z.string(),
  kind: z.enum(SPAN_KIND_NAMES),
  service: z.string(),
  startTimeUnixNano: apiNanosSchema,
  endTimeUnixNano: apiNanosSchema,
  /** end − start, 0 when the end is before the start. */
  durationNano: apiNanosSchema,
  status: z.object({ code: z.enum(STATUS_CODE_NAMES), message: z.string().optional() }),
  attributes: apiAttributesSchema,
  resource: apiAttributesSchema,
  scope: z.object({ name: z.string(), version: z.string().optional() }),
  events: z.array(z.object({ timeUnixNano: apiNanosSchema, name: z.string(), attributes: apiAttributesSchema })),
  links: z.array(
    z.object({ traceId: apiTraceIdSchema, spanId: apiSpanIdSchema, traceState: z.string().optional(), attributes: apiAttributesSchema }),
  ),
});
export type ApiSpan = z.infer<typeof apiSpanSchema>;

/** `GET /api/v1/traces/{traceId}`: every span, sorted by start time then span id. */
export const apiTraceResponseSchema = z.object({
  traceId: apiTraceIdSchema,
  spans: z.array(apiSpanSchema),
});
export type ApiTraceResponse = z.infer<typeof apiTraceResponseSchema>;
