import cors from "@fastify/cors";
import type { Component } from "@skein/storage";
import Fastify, { type FastifyInstance } from "fastify";
import type { AddressInfo } from "node:net";
import type { ReceiverDeps } from "../receiver-options.js";
import { ReceiverLifecycleError } from "../shared/receiver-errors.js";
import { SHUTDOWN_GRACE_MS } from "../shared/shutdown-grace.js";
import type { OtlpHttpConfig } from "./otlp-http-config.js";
import { registerOtlpRoutes } from "./otlp-http-routes.js";

/** Component name used in telemetry and logs. */
export const OTLP_HTTP_RECEIVER = "otlp-http";

/**
 * OTLP/HTTP receiver: `POST /v1/traces` and `POST /v1/logs`, protobuf or JSON, optionally gzip.
 *
 * Acknowledges a request (200) only after the signal's consumer resolved, i.e. the batch is
 * committed downstream; a consumer failure is answered 429 (SKEIN_ERR_OVERLOADED) or 503, both
 * with Retry-After, and nothing of the request is acknowledged. Bodies are limited to
 * `maxRequestBytes` on the wire and after inflation (413).
 *
 * Lifecycle: start() once (binds; rejects if the port is taken); shutdown() is idempotent and safe
 * before start(): it stops accepting connections and resolves once in-flight requests have been
 * answered.
 */
export class OtlpHttpReceiver implements Component {
  readonly #config: OtlpHttpConfig;
  readonly #deps: ReceiverDeps;
  #app: FastifyInstance | undefined;
  #starting: Promise<void> | undefined;
  #stopping: Promise<void> | undefined;
  /** Set once shutdown began: responses then close their connection instead of keeping it alive. */
  #closing = false;

  constructor(config: OtlpHttpConfig, deps: ReceiverDeps) {
    this.#config = config;
    this.#deps = deps;
  }

  /** The bound port once started (useful with port 0); the configured port before. */
  get port(): number {
    const address = this.#app?.server.address();
    return address !== null && typeof address === "object" ? (address as AddressInfo).port : this.#config.port;
  }

  start(): Promise<void> {
    if (this.#stopping !== undefined) return Promise.reject(new ReceiverLifecycleError("otlp-http receiver was shut down; create a new one"));
    if (this.#starting !== undefined) return Promise.reject(new ReceiverLifecycleError("otlp-http receiver already started"));
    this.#starting = this.#listen();
    return this.#starting;
  }

  shutdown(): Promise<void> {
    this.#stopping ??= this.#close();
    return this.#stopping;
  }

  async #listen(): Promise<void> {
    const { host, port, maxRequestBytes, corsOrigins } = this.#config;
    const app = Fastify({
      logger: false,
      exposeHeadRoutes: false,
      // A client gets this long to send headers and body; slow uploads must not pin sockets.
      requestTimeout: 60_000,
      // Not enforced by Fastify here: its catch-all content-type parser (otlp-http-routes.ts)
      // leaves the stream alone and the route reads it with readRequestBody() under
      // maxRequestBytes. Set to the same value so request.routeOptions.bodyLimit tells the truth.
      bodyLimit: maxRequestBytes,
    });
    this.#app = app;
    const corsEnabled = corsOrigins.length > 0;
    if (corsEnabled) {
      await app.register(cors, {
        origin: corsOrigins.includes("*") ? "*" : corsOrigins,
        methods: ["POST"],
        // allowedHeaders unset: reflect Access-Control-Request-Headers (exporters send custom ones).
        exposedHeaders: ["Retry-After"],
        maxAge: 86_400,
      });
    }
    // Keep-alive sockets whose request finishes after close() began would otherwise hold the
    // server open until keepAliveTimeout (72 s): answer them with `Connection: close`.
    app.addHook("onSend", async (_request, reply) => {
      if (this.#closing) void reply.header("connection", "close");
    });
    registerOtlpRoutes(app, { receiver: OTLP_HTTP_RECEIVER, deps: this.#deps, maxRequestBytes, corsEnabled });
    app.setErrorHandler((err, _request, reply) => {
      this.#deps.logger.error({ err, receiver: OTLP_HTTP_RECEIVER }, "OTLP/HTTP request failed unexpectedly");
      void reply.code(500).type("application/json").send(JSON.stringify({ code: 13, message: "internal error" }));
    });
    await app.listen({ host, port });
    this.#deps.logger.info({ receiver: OTLP_HTTP_RECEIVER, host, port: this.port }, "OTLP/HTTP receiver listening");
  }

  async #close(): Promise<void> {
    this.#closing = true;
    if (this.#starting !== undefined) await this.#starting.catch(() => {});
    const app = this.#app;
    if (app === undefined) return;
    // In-flight requests get a grace period to be committed and answered; a client that keeps a
    // socket open past it (a stalled upload) is cut off so shutdown always ends.
    const force = setTimeout(() => app.server.closeAllConnections(), SHUTDOWN_GRACE_MS);
    force.unref();
    try {
      await app.close();
    } finally {
      clearTimeout(force);
    }
  }
}
