import { context, ROOT_CONTEXT } from "@opentelemetry/api";
import { suppressTracing } from "@opentelemetry/core";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";

/** Resolves whether an OTLP/HTTP endpoint looks able to take an export again; never rejects. */
export type EndpointProbe = (url: string) => Promise<boolean>;

export const PROBE_TIMEOUT_MS = 2_000;

/** What the OTLP exporters retry (so an export to such an endpoint would linger in retries). */
const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);
const UNREACHABLE_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EAI_AGAIN", "ENOTFOUND", "ENETUNREACH", "EHOSTUNREACH"]);

/**
 * One POST with an empty body (an empty OTLP export request) to `url`, without the exporter's
 * retries and without keeping the process alive once connected (its socket is unref'd; only the
 * connection attempt itself, at most `timeoutMs`, holds the event loop).
 *
 * Unreachable (false): the connection fails with a network error or is not made within
 * `timeoutMs`, or the answer is a status the exporters retry (429, 502, 503, 504). Anything else
 * is reachable (true), including 4xx answers and TLS errors (the probe has none of the
 * exporter's headers or certificates; the real export that follows tells), and a connected
 * endpoint that has not answered within `timeoutMs`. Runs with tracing suppressed, so the
 * http instrumentation records nothing.
 */
export function probeEndpoint(url: string, timeoutMs = PROBE_TIMEOUT_MS): Promise<boolean> {
  return new Promise((resolve) => {
    let connected = false;
    const target = new URL(url);
    const send = target.protocol === "https:" ? httpsRequest : httpRequest;
    const options = { method: "POST", agent: false, headers: { "content-type": "application/x-protobuf", "content-length": "0" } };
    const req = context.with(suppressTracing(ROOT_CONTEXT), () =>
      send(target, options, (res) => {
        res.resume();
        finish(!RETRYABLE_STATUSES.has(res.statusCode ?? 0));
      }),
    );
    const timer = setTimeout(() => finish(connected), timeoutMs).unref();
    function finish(reachable: boolean): void {
      clearTimeout(timer);
      resolve(reachable);
      req.destroy();
    }
    req.on("socket", (socket) => {
      socket.unref();
      socket.once("connect", () => (connected = true));
    });
    req.on("error", (error: NodeJS.ErrnoException) => finish(!UNREACHABLE_CODES.has(error.code ?? "")));
    req.end();
  });
}
