import type { FastifyInstance } from "fastify";
import type { Registry } from "prom-client";

/** GET /metrics: every metric of `registry` in the Prometheus text exposition format. */
export function registerMetricsRoute(app: FastifyInstance, registry: Registry): void {
  app.get("/metrics", async (_request, reply) => {
    const body = await registry.metrics();
    return reply.type(registry.contentType).send(body);
  });
}
