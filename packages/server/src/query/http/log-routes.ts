import { apiLogsQuerySchema } from "@skein/model";
import type { FastifyInstance } from "fastify";
import { requestAbortSignal } from "../../http/request-abort-signal.js";
import type { QueryService } from "../query-service.js";
import { parseQueryParams } from "./query-params.js";

/** `GET /logs?…`. */
export function registerLogRoutes(api: FastifyInstance, service: QueryService): void {
  api.get("/logs", async (request, reply) => {
    const params = parseQueryParams(apiLogsQuerySchema, request.query);
    return service.logs(params, requestAbortSignal(reply));
  });
}
