import type { FastifyInstance } from "fastify";
import { requestAbortSignal } from "../../http/request-abort-signal.js";
import type { QueryService } from "../query-service.js";
import { apiNoQuerySchema } from "./no-query-schema.js";
import { parseQueryParams } from "./query-params.js";

/** `GET /services` and `GET /services/{service}/operations`. Neither takes query parameters. */
export function registerServiceRoutes(api: FastifyInstance, service: QueryService): void {
  api.get("/services", async (request, reply) => {
    parseQueryParams(apiNoQuerySchema, request.query);
    return service.services(requestAbortSignal(reply));
  });

  api.get<{ Params: { service: string } }>("/services/:service/operations", async (request, reply) => {
    parseQueryParams(apiNoQuerySchema, request.query);
    return service.operations(request.params.service, requestAbortSignal(reply));
  });
}
