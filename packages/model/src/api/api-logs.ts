import { z } from "zod";
import { apiAttributesSchema, apiNanosSchema, apiPlainJsonSchema, apiSpanIdSchema, apiTraceIdSchema } from "./api-plain-json.js";

/** One log record in the native API; `body` is plain JSON like an attribute value. */
export const apiLogSchema = z.object({
  timeUnixNano: apiNanosSchema,
  observedTimeUnixNano: apiNanosSchema,
  /** 0 (unspecified) to 24. */
  severityNumber: z.number().int().min(0).max(24),
  severityText: z.string(),
  body: apiPlainJsonSchema,
  attributes: apiAttributesSchema,
  resource: apiAttributesSchema,
  service: z.string(),
  scope: z.object({ name: z.string(), version: z.string().optional() }),
  traceId: apiTraceIdSchema.nullable(),
  spanId: apiSpanIdSchema.nullable(),
});
export type ApiLog = z.infer<typeof apiLogSchema>;

/** `GET /api/v1/logs?…`: newest timeUnixNano first. */
export const apiLogsResponseSchema = z.object({ logs: z.array(apiLogSchema) });
export type ApiLogsResponse = z.infer<typeof apiLogsResponseSchema>;
