import { Server, ServerCredentials } from "@grpc/grpc-js";
import type { Component } from "@skein/storage";
import type { ReceiverDeps } from "../receiver-options.js";
import type { ExportContext } from "../shared/otlp-export.js";
import { logsSignal, tracesSignal } from "../shared/otlp-signals.js";
import { ReceiverLifecycleError } from "../shared/receiver-errors.js";
import { SHUTDOWN_GRACE_MS } from "../shared/shutdown-grace.js";
import type { OtlpGrpcConfig } from "./otlp-grpc-config.js";
import { exportHandler } from "./otlp-grpc-export.js";
import { logsServiceDefinition, traceServiceDefinition } from "./otlp-grpc-service.js";

/** Component name used in telemetry and logs. */
export const OTLP_GRPC_RECEIVER = "otlp-grpc";

/**
 * OTLP/gRPC receiver: `TraceService/Export` and `LogsService/Export`, plaintext (insecure
 * credentials), gzip-compressed messages accepted. Messages over `maxRequestBytes` (compressed or
 * inflated) fail with RESOURCE_EXHAUSTED inside grpc-js, before our handler, so they are not
 * counted in receiver telemetry.
 *
 * Lifecycle: start() once (binds; rejects if the port is taken); shutdown() is idempotent and safe
 * before start(): it stops accepting calls and resolves once in-flight calls have completed.
 */
export class OtlpGrpcReceiver implements Component {
  readonly #config: OtlpGrpcConfig;
  readonly #deps: ReceiverDeps;
  #server: Server | undefined;
  #boundPort: number | undefined;
  #starting: Promise<void> | undefined;
  #stopping: Promise<void> | undefined;

  constructor(config: OtlpGrpcConfig, deps: ReceiverDeps) {
    this.#config = config;
    this.#deps = deps;
  }

  /** The bound port once started (useful with port 0); the configured port before. */
  get port(): number {
    return this.#boundPort ?? this.#config.port;
  }

  start(): Promise<void> {
    if (this.#stopping !== undefined) return Promise.reject(new ReceiverLifecycleError("otlp-grpc receiver was shut down; create a new one"));
    if (this.#starting !== undefined) return Promise.reject(new ReceiverLifecycleError("otlp-grpc receiver already started"));
    this.#starting = this.#bind();
    return this.#starting;
  }

  shutdown(): Promise<void> {
    this.#stopping ??= this.#close();
    return this.#stopping;
  }

  async #bind(): Promise<void> {
    const { host, port, maxRequestBytes } = this.#config;
    const server = new Server({ "grpc.max_receive_message_length": maxRequestBytes });
    const ctx: ExportContext = { receiver: OTLP_GRPC_RECEIVER, deps: this.#deps };
    server.addService(traceServiceDefinition, { Export: exportHandler(tracesSignal, ctx) });
    server.addService(logsServiceDefinition, { Export: exportHandler(logsSignal, ctx) });
    this.#server = server;
    const address = host.includes(":") && !host.startsWith("[") ? `[${host}]:${port}` : `${host}:${port}`;
    this.#boundPort = await new Promise<number>((resolve, reject) => {
      server.bindAsync(address, ServerCredentials.createInsecure(), (err, bound) => (err ? reject(err) : resolve(bound)));
    });
    this.#deps.logger.info({ receiver: OTLP_GRPC_RECEIVER, host, port: this.#boundPort }, "OTLP/gRPC receiver listening");
  }

  async #close(): Promise<void> {
    if (this.#starting !== undefined) await this.#starting.catch(() => {});
    const server = this.#server;
    if (server === undefined) return;
    // In-flight calls get a grace period to be committed and answered; a client that keeps a
    // stream open past it (a stalled upload) is cut off so shutdown always ends.
    const force = setTimeout(() => server.forceShutdown(), SHUTDOWN_GRACE_MS);
    force.unref();
    try {
      await new Promise<void>((resolve) => server.tryShutdown(() => resolve()));
    } finally {
      clearTimeout(force);
    }
  }
}
