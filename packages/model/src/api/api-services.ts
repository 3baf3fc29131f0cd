import { z } from "zod";
import { SPAN_KIND_NAMES } from "../span.js";

/** `GET /api/v1/services`: distinct service names, sorted. */
export const apiServicesResponseSchema = z.object({ services: z.array(z.string()) });
export type ApiServicesResponse = z.infer<typeof apiServicesResponseSchema>;

/** `GET /api/v1/services/{service}/operations`: distinct (name, kind), sorted by name then kind. */
export const apiOperationsResponseSchema = z.object({
  operations: z.array(z.object({ name: z.string(), kind: z.enum(SPAN_KIND_NAMES) })),
});
export type ApiOperationsResponse = z.infer<typeof apiOperationsResponseSchema>;

/** `GET /api/v1/health`: 200 when the storage answers, else a 503 error body. */
export const apiHealthResponseSchema = z.object({ status: z.literal("ok") });
export type ApiHealthResponse = z.infer<typeof apiHealthResponseSchema>;

/**
 * `GET /api/v1/status`: what this server is and where it ingests, so the UI can tell a user with
 * no data yet exactly where to send it. A receiver that is not running has a null port.
 */
export const apiStatusResponseSchema = z.object({
  version: z.string(),
  storage: z.string(),
  ingest: z.object({ otlpHttpPort: z.number().int().nullable(), otlpGrpcPort: z.number().int().nullable() }),
});
export type ApiStatusResponse = z.infer<typeof apiStatusResponseSchema>;
