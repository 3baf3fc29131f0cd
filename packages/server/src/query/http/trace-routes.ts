import { apiGetTraceQuerySchema, apiTraceSearchQuerySchema, encodeOtlpTracesJson, parseTraceIdHex } from "@skein/model";
import type { FastifyInstance } from "fastify";
import { requestAbortSignal } from "../../http/request-abort-signal.js";
import type { QueryService } from "../query-service.js";
import { parseQueryParams } from "./query-params.js";

/**
 * `GET /traces/{traceId}` (native JSON, or lossless OTLP/JSON with `?format=otlp`) and
 * `GET /traces?…` (search). Paths are relative to the API prefix.
 */
export function registerTraceRoutes(api: FastifyInstance, service: QueryService, notFound: (method: string, url: string) => Error): void {
  // A wildcard, not `:traceId`: the router refuses parameters over its maxParamLength before any
  // handler runs, and an over-long id must still get the id's coded 400. Sub-resources
  // (`/traces/{id}/critical-path`) are routed before this; one with an id too long for the router
  // lands here, and gets the same coded 400 for its id; a valid id with an unknown sub-path, 404.
  api.get<{ Params: { "*": string } }>("/traces/*", async (request, reply) => {
    const traceId = request.params["*"];
    if (traceId.includes("/")) {
      parseTraceIdHex(traceId.slice(0, traceId.indexOf("/")));
      throw notFound(request.method, request.url);
    }
    const { format } = parseQueryParams(apiGetTraceQuerySchema, request.query);
    const signal = requestAbortSignal(reply);
    if (format === "otlp") {
      const spans = await service.getTraceSpans(traceId, signal);
      return reply.type("application/json; charset=utf-8").send(encodeOtlpTracesJson(spans));
    }
    return service.getTrace(traceId, signal);
  });

  api.get("/traces", async (request, reply) => {
    const params = parseQueryParams(apiTraceSearchQuerySchema, request.query);
    return service.searchTraces(params, requestAbortSignal(reply));
  });
}
