import { apiNoQuerySchema } from "./no-query-schema.js";
import type { FastifyInstance } from "fastify";
import type { QueryService } from "../query-service.js";
import { parseQueryParams } from "./query-params.js";
import { requestSignal } from "./request-signal.js";

/** `GET /services` and `GET /services/{service}/operations`. Neither takes query parameters. */
export function registerServiceRoutes(api: FastifyInstance, service: QueryService): void {
  api.get("/services", async (request, reply) => {
    parseQueryParams(apiNoQuerySchema, request.query);
    return service.services(requestSignal(reply));
  });

  api.get<{ Params: { service: string } }>("/services/:service/operations", async (request, reply) => {
    parseQueryParams(apiNoQuerySchema, request.query);
    return service.operations(request.params.service, requestSignal(reply));
  });
}
