import type { FastifyReply } from "fastify";

/**
 * An AbortSignal that fires when the client goes away before the response is complete, so work
 * done for that request (storing an export, reading for a query) can stop for nobody. It never
 * fires after a normal response. Shared by the OTLP/HTTP receiver and the query API.
 */
export function requestAbortSignal(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  reply.raw.once("close", () => {
    if (!reply.raw.writableEnded) controller.abort(new Error("the client closed the connection"));
  });
  return controller.signal;
}
