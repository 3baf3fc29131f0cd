import type { ApiHealthResponse } from "@skein/model";
import type { FastifyInstance } from "fastify";
import type { QueryService } from "../query-service.js";
import { apiNoQuerySchema } from "./no-query-schema.js";
import { parseQueryParams } from "./query-params.js";

/** `GET /health`: 200 `{"status":"ok"}` when the storage answers a point lookup, else 503. */
export function registerHealthRoute(api: FastifyInstance, service: QueryService): void {
  api.get("/health", async (request): Promise<ApiHealthResponse> => {
    parseQueryParams(apiNoQuerySchema, request.query);
    await service.checkHealth();
    return { status: "ok" };
  });
}
