/**
 * The composition root: config → storage → pipeline → receivers → API server, then signals.
 * Nothing else in the server constructs components; what exists is listed in components.ts.
 * With a retention window (config `retention`), a RetentionScheduler removes old data hourly.
 */
import { constants } from "node:fs";
import { access, mkdir } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import type { SpanBatch } from "@skein/model";
import type { Storage } from "@skein/storage";
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from "fastify";
import { destination, pino, type DestinationStream, type Logger } from "pino";
import type { Registry } from "prom-client";
import { receivers, storageKinds, type Receiver } from "./components.js";
import type { SkeinConfig } from "./config/config-schema.js";
import { configKeySpec } from "./config/config-keys.js";
import { configuredSecrets, redactJsonLine, type SecretSources } from "./config/secrets.js";
import { dataDirError, listenError, storageStartError } from "./pipeline/startup-errors.js";
import { registerQueryRoutes } from "./query/http/query-routes.js";
import { queryApiServerOptions } from "./query/http/server-options.js";
import { registerUiRoutes } from "./query/http/ui-routes.js";
import type { ServerStatus } from "./query/http/status-route.js";
import { SKEIN_VERSION } from "./version.js";
import { uiAssetsDir } from "@skein/ui/assets-dir";
import {
  MeteredStorage,
  PrometheusReceiverTelemetry,
  PrometheusRetentionTelemetry,
  createMetricsRegistry,
  registerMetricsRoute,
  registerRowsInFlightGauge,
} from "./self-metrics/index.js";
import { createAlerting, type Alerting } from "./alerts/index.js";
import type { Consumer } from "./pipeline/consumer.js";
import { SpanMetricsProcessor } from "./process/span-metrics/span-metrics-processor.js";
import { PrometheusAlertTelemetry } from "./self-metrics/alert-metrics.js";
import { PrometheusSpanMetricsTelemetry } from "./self-metrics/span-metrics-metrics.js";
import { RetentionScheduler } from "./store/retention-scheduler.js";
import { loadStorageAdapter } from "./store/storage-registry.js";
import { storageOptionsFor } from "./store/storage-options.js";
import { StorageWriterConsumer } from "./store/storage-writer-consumer.js";

/** A started server. */
export interface RunningSkein {
  readonly config: SkeinConfig;
  /** Port of the UI, query API and /metrics as bound (the real one when configured as 0). */
  readonly httpPort: number;
  /** Bound port of each receiver, by component name ("otlp-http", "otlp-grpc"). */
  readonly receiverPorts: ReadonlyMap<string, number>;
  /**
   * Stops accepting (receivers close first and finish their in-flight requests), waits for the
   * commits in flight, shuts storage down (flushing it), then closes the API server. Idempotent.
   * Rejects, after trying every step, if any step failed.
   */
  shutdown(): Promise<void>;
}

/**
 * Logs as JSON lines on stderr (stdout carries only the ready banner; tests pass another
 * `stream`). Synchronous: none lost at exit. Every line has the configured passwords and any URL password replaced by *** (an engine's
 * error quotes its URL, and a 5xx is logged with its cause).
 */
export function createLogger(config: Pick<SkeinConfig, "logLevel"> & SecretSources, stream: DestinationStream = destination({ fd: 2, sync: true })): Logger {
  const secrets = configuredSecrets(config);
  return pino({ level: config.logLevel, base: { name: "skein" }, hooks: { streamWrite: (line) => redactJsonLine(line, secrets) } }, stream);
}

/**
 * Starts every component in order; if one fails, stops those already started (in reverse) and
 * rejects with a StartupError saying what is wrong and what to do.
 */
export async function startSkein(config: SkeinConfig, logger: Logger): Promise<RunningSkein> {
  // Started components, in start order; a failed startup stops them in reverse.
  const started: Step[] = [];
  try {
    await prepareDataDir(config.dataDir);
    const registry = createMetricsRegistry();
    const kind = storageKinds[config.storage];
    const adapter = await loadStorageAdapter(config.storage);
    const storage = new MeteredStorage(adapter.create(storageOptionsFor(config, logger)), registry);
    try {
      await storage.start();
    } catch (error) {
      await storage.shutdown().catch(() => {});
      const server = config.storage === "duckdb" ? undefined : kind.describe(config);
      throw storageStartError(error, { kind: config.storage, dataDir: config.dataDir, server, secrets: configuredSecrets(config) });
    }
    const storageStep: Step = { name: "storage", stop: () => storage.shutdown() };
    started.push(storageStep);

    // Alerts register routes on the API and start once it listens (links need its address); they
    // stop first at shutdown, while storage still takes the events of notifications cut short.
    let boundApiUrl = "";
    const alerting = createAlerting({
      storage,
      logger: logger.child({ component: "alerts" }),
      intervalMs: config.alertInterval,
      spanMetricsFlushIntervalMs: config.spanMetricsFlushInterval,
      evaluate: config.alerts === "on",
      spanMetricsOn: config.spanMetrics === "on",
      publicUrl: () => config.publicUrl ?? boundApiUrl,
      telemetry: new PrometheusAlertTelemetry(registry),
    });
    const alertsStep: Step = { name: "alerts", stop: () => alerting.shutdown() };
    started.push(alertsStep);

    // Retention (off by default) stops first at shutdown: it aborts a pass and waits for it.
    let retentionStep: Step | undefined;
    if (config.retention > 0) {
      const retention = new RetentionScheduler({
        storage,
        windowMs: config.retention,
        logger: logger.child({ component: "retention" }),
        telemetry: new PrometheusRetentionTelemetry(registry),
      });
      await retention.start();
      retentionStep = { name: "retention", stop: () => retention.shutdown() };
      started.push(retentionStep);
    }

    const writer = new StorageWriterConsumer(storage);
    const writerStep: Step = { name: "storage-writer", stop: () => writer.shutdown() };
    started.push(writerStep);
    registerRowsInFlightGauge(registry, () => writer.rowsInFlight);

    // Span metrics and the service graph see every span before any sampling; they stop after the
    // receivers (no more batches) and before the writer and storage (their last flush writes).
    let traces: Consumer<SpanBatch> = writer;
    let spanMetricsStep: Step | undefined;
    if (config.spanMetrics === "on") {
      const spanTelemetry = new PrometheusSpanMetricsTelemetry(registry);
      const processor = new SpanMetricsProcessor({
        next: writer,
        writer: storage.metrics.writer,
        logger: logger.child({ component: "span-metrics" }),
        flushIntervalMs: config.spanMetricsFlushInterval,
        telemetry: spanTelemetry,
      });
      spanTelemetry.watch(processor);
      await processor.start();
      spanMetricsStep = { name: "span-metrics", stop: () => processor.shutdown() };
      started.push(spanMetricsStep);
      traces = processor;
    }

    const telemetry = new PrometheusReceiverTelemetry(registry);
    const receiverPorts = new Map<string, number>();
    const running: Receiver[] = [];
    // Receivers stop together: each finishes its in-flight requests (and their commits) first.
    const receiversStep: Step = { name: "receivers", stop: async () => void (await Promise.all(running.map((receiver) => receiver.shutdown()))) };
    started.push(receiversStep);
    for (const entry of receivers) {
      const receiver = await entry.create(config, { traces, logs: writer, telemetry, logger: logger.child({ component: entry.name }) });
      try {
        await receiver.start();
      } catch (error) {
        await receiver.shutdown().catch(() => {});
        throw listenError(error, `the ${entry.name} receiver`, config.host, config[entry.portKey] as number, flagOf(entry.portKey));
      }
      running.push(receiver);
      receiverPorts.set(entry.name, receiver.port);
    }

    const api = await startApiServer(config, storage, registry, logger, alerting, {
      version: SKEIN_VERSION,
      otlpHttpPort: receiverPorts.get("otlp-http") ?? null,
      otlpGrpcPort: receiverPorts.get("otlp-grpc") ?? null,
    });
    const apiStep: Step = { name: "api", stop: () => closeApiServer(api) };
    started.push(apiStep);
    boundApiUrl = urlOf(config.host, (api.server.address() as AddressInfo).port);
    await alerting.start();

    let stopping: Promise<void> | undefined;
    return {
      config,
      httpPort: (api.server.address() as AddressInfo).port,
      receiverPorts,
      // Stop accepting, drain, flush storage; the API goes last so health and /metrics answer meanwhile.
      shutdown: () => (stopping ??= runSteps([alertsStep, ...optional(retentionStep), receiversStep, ...optional(spanMetricsStep), writerStep, storageStep, apiStep], logger)),
    };
  } catch (error) {
    await runSteps(started.reverse(), logger).catch(() => {});
    throw error;
  }
}

interface Step {
  name: string;
  stop(): Promise<void>;
}

function optional(step: Step | undefined): Step[] {
  return step === undefined ? [] : [step];
}

/** Runs every step in order even if some fail; rejects at the end if any did. */
async function runSteps(steps: Step[], logger: Logger): Promise<void> {
  const failures: unknown[] = [];
  for (const step of steps) {
    try {
      await step.stop();
    } catch (error) {
      logger.error({ err: error, component: step.name }, "shutdown failed");
      failures.push(error);
    }
  }
  if (failures.length > 0) throw new AggregateError(failures, "some components failed to shut down; see the log");
}

async function prepareDataDir(dataDir: string): Promise<void> {
  try {
    await mkdir(dataDir, { recursive: true });
    await access(dataDir, constants.W_OK);
  } catch (error) {
    throw dataDirError(error, dataDir);
  }
}

async function startApiServer(config: SkeinConfig, storage: Storage, registry: Registry, logger: Logger, alerting: Alerting, status: ServerStatus): Promise<FastifyInstance> {
  const app: FastifyInstance = Fastify({
    ...queryApiServerOptions(),
    loggerInstance: logger.child({ component: "api" }) as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
  });
  await registerQueryRoutes(app, { storage, status, routes: [(api) => alerting.registerRoutes(api)] });
  registerMetricsRoute(app, registry);
  await registerUiRoutes(app, { assetsDir: uiAssetsDir });
  try {
    await app.listen({ host: config.host, port: config.httpPort });
  } catch (error) {
    await app.close().catch(() => {});
    throw listenError(error, "the UI and API server", config.host, config.httpPort, flagOf("httpPort"));
  }
  return app;
}

/**
 * Closes the API server. It goes last, after storage: a query still running then can only fail,
 * so a keep-alive socket is given a short grace before it is cut rather than the 72 s keep-alive.
 */
async function closeApiServer(api: FastifyInstance): Promise<void> {
  const force = setTimeout(() => api.server.closeAllConnections(), 2_000);
  force.unref();
  try {
    await api.close();
  } finally {
    clearTimeout(force);
  }
}

/** The UI's URL as bound: a wildcard host becomes localhost, an IPv6 address goes in brackets. */
function urlOf(host: string, port: number): string {
  const name = host === "0.0.0.0" || host === "::" ? "localhost" : host.includes(":") ? `[${host}]` : host;
  return `http://${name}:${port}`;
}

function flagOf(key: Parameters<typeof configKeySpec>[0]): string {
  return configKeySpec(key).flag.split(" ")[0];
}
