import type { ApiStatusResponse } from "@skein/model";
import type { FastifyInstance } from "fastify";
import { apiNoQuerySchema } from "./no-query-schema.js";
import { parseQueryParams } from "./query-params.js";

/** What the status route reports besides the storage kind; the composition root knows it. */
export interface ServerStatus {
  version: string;
  /** Bound ports of the OTLP receivers; null (or absent) when that receiver is not running. */
  otlpHttpPort?: number | null;
  otlpGrpcPort?: number | null;
}

/** `GET /status`: version, storage kind and the ports the OTLP receivers really bound. */
export function registerStatusRoute(api: FastifyInstance, storageKind: string, status: ServerStatus): void {
  api.get("/status", async (request): Promise<ApiStatusResponse> => {
    parseQueryParams(apiNoQuerySchema, request.query);
    return {
      version: status.version,
      storage: storageKind,
      ingest: { otlpHttpPort: status.otlpHttpPort ?? null, otlpGrpcPort: status.otlpGrpcPort ?? null },
    };
  });
}
