// PLACEHOLDER (issue 6 in progress): replaced by the real routes.
import type { FastifyInstance } from "fastify";
import type { InsightsRouteDeps } from "./insights-route-deps.js";

export function registerInsightTraceRoutes(_api: FastifyInstance, _deps: InsightsRouteDeps): void {}
