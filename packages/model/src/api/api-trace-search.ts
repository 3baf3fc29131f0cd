import { z } from "zod";
import { apiNanosSchema, apiTraceIdSchema } from "./api-plain-json.js";

/** One search hit: computed over ALL spans of the trace, not only the matching ones. */
export const apiTraceSummarySchema = z.object({
  traceId: apiTraceIdSchema,
  rootService: z.string(),
  rootName: z.string(),
  startTimeUnixNano: apiNanosSchema,
  durationNano: apiNanosSchema,
  spanCount: z.number().int().nonnegative(),
  errorCount: z.number().int().nonnegative(),
  services: z.array(z.object({ name: z.string(), spanCount: z.number().int().nonnegative(), errorCount: z.number().int().nonnegative() })),
});
export type ApiTraceSummary = z.infer<typeof apiTraceSummarySchema>;

/** `GET /api/v1/traces?…`: newest trace start first, ties by trace id ascending. */
export const apiTraceSearchResponseSchema = z.object({ traces: z.array(apiTraceSummarySchema) });
export type ApiTraceSearchResponse = z.infer<typeof apiTraceSearchResponseSchema>;
