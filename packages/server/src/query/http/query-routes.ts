import type { FastifyInstance } from "fastify";
import type { Storage } from "@skein/storage";
import { RouteNotFoundError, UriTooLongError } from "../errors.js";
import type { NanoClock } from "../query-service.js";
import { QueryService, systemNanoClock } from "../query-service.js";
import { registerHealthRoute } from "./health-route.js";
import { registerInsightTraceRoutes } from "./insight-trace-routes.js";
import { registerMetricsRoutes } from "./metrics-routes.js";
import { registerLogRoutes } from "./log-routes.js";
import { installErrorHandlers } from "./query-error-handler.js";
import { registerServiceRoutes } from "./service-routes.js";
import { registerStatusRoute, type ServerStatus } from "./status-route.js";
import { SKEIN_VERSION } from "../../version.js";
import { registerTraceRoutes } from "./trace-routes.js";

export interface QueryRoutesOptions {
  storage: Storage;
  /** "now" in ns since the epoch, for default time windows; the wall clock when absent (tests pin it). */
  clock?: NanoClock;
  /** Reported by `GET /status`; the version alone (no receiver ports) when absent. */
  status?: ServerStatus;
  /** More route groups for the same prefix and error handling (the alerts API), registered last. */
  routes?: ((api: FastifyInstance) => void)[];
}

/** The native API's path prefix (DESIGN §7). */
export const QUERY_API_PREFIX = "/api/v1";
/** Longest request URL the API accepts, in characters (query strings are bounded by their schemas anyway). */
export const MAX_QUERY_URL_LENGTH = 8192;

/**
 * Registers the native query API (`/api/v1/...`) on a Fastify instance, inside its own
 * encapsulated plugin: its error and not-found handlers answer `{"error":{code,message}}` for
 * /api/v1 only and leave the rest of the app (compat APIs, UI assets) alone. Call before
 * app.ready(). The storage must be started by the caller; health reports 503 until it answers.
 */
export async function registerQueryRoutes(app: FastifyInstance, options: QueryRoutesOptions): Promise<void> {
  const clock = options.clock ?? systemNanoClock;
  const service = new QueryService(options.storage, clock);
  await app.register(
    async (api) => {
      installErrorHandlers(api, (request) => routeNotFound(request.method, request.url), options.storage.kind);
      api.addHook("onRequest", async (request) => {
        if (request.url.length > MAX_QUERY_URL_LENGTH) {
          throw new UriTooLongError(`the request URL is ${request.url.length} characters; the API accepts at most ${MAX_QUERY_URL_LENGTH}: narrow the query`);
        }
      });
      registerHealthRoute(api, service);
      registerStatusRoute(api, options.storage.kind, options.status ?? { version: SKEIN_VERSION });
      // Before the trace routes: /traces/compare and /traces/{id}/critical-path are more specific.
      registerInsightTraceRoutes(api, { storage: options.storage, clock, queries: service });
      registerMetricsRoutes(api, { storage: options.storage, clock, queries: service });
      registerTraceRoutes(api, service, routeNotFound);
      registerServiceRoutes(api, service);
      registerLogRoutes(api, service);
      for (const register of options.routes ?? []) register(api);
    },
    { prefix: QUERY_API_PREFIX },
  );
}

/** What an unmatched API request is told. */
function routeNotFound(method: string, url: string): RouteNotFoundError {
  const path = url.split("?", 1)[0]!;
  return new RouteNotFoundError(`no API route for ${method} ${path.slice(0, 200)}; the routes are listed in DESIGN §7 under ${QUERY_API_PREFIX}`);
}
