import type { Tracer } from "@opentelemetry/api";
import type { Logger } from "@opentelemetry/api-logs";
import { OTLPLogExporter as GrpcLogExporter } from "@opentelemetry/exporter-logs-otlp-grpc";
import { OTLPLogExporter as HttpJsonLogExporter } from "@opentelemetry/exporter-logs-otlp-http";
import { OTLPLogExporter as ProtoLogExporter } from "@opentelemetry/exporter-logs-otlp-proto";
import { OTLPTraceExporter as GrpcTraceExporter } from "@opentelemetry/exporter-trace-otlp-grpc";
import { OTLPTraceExporter as HttpJsonTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { OTLPTraceExporter as ProtoTraceExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { resourceFromAttributes } from "@opentelemetry/resources";
import type { LogRecordExporter, ReadableLogRecord } from "@opentelemetry/sdk-logs";
import { BatchLogRecordProcessor, LoggerProvider } from "@opentelemetry/sdk-logs";
import type { ReadableSpan, SpanExporter } from "@opentelemetry/sdk-trace-base";
import { BasicTracerProvider, BatchSpanProcessor } from "@opentelemetry/sdk-trace-base";
import type { SkeinEndpoints } from "./skein-process.js";

/**
 * Exporter options the tests vary. `gzip` is CompressionAlgorithm.GZIP of
 * @opentelemetry/otlp-exporter-base (a string enum; the package is only a transitive dependency).
 */
export interface ExporterOptions {
  compression?: "gzip";
}
type CompressionOption = { compression?: never };
function compressionOf(options: ExporterOptions): CompressionOption {
  return (options.compression ? { compression: options.compression } : {}) as CompressionOption;
}

/** The three OTLP transports the SDK exporters speak. */
export type OtlpProtocol = "http/json" | "http/protobuf" | "grpc";
export const OTLP_PROTOCOLS: readonly OtlpProtocol[] = ["http/json", "http/protobuf", "grpc"];

/** The SDK's ExportResult (0 = SUCCESS, 1 = FAILED). */
export interface ExportOutcome {
  code: number;
  error?: Error;
}

/** Resource attribute values the SDK accepts. */
export type ResourceAttributes = Record<string, string | number | boolean | string[] | number[] | boolean[]>;

export function createTraceExporter(protocol: OtlpProtocol, endpoints: SkeinEndpoints, options: ExporterOptions = {}): SpanExporter {
  const compression = compressionOf(options);
  switch (protocol) {
    case "http/json":
      return new HttpJsonTraceExporter({ url: `${endpoints.otlpHttpUrl}/v1/traces`, ...compression });
    case "http/protobuf":
      return new ProtoTraceExporter({ url: `${endpoints.otlpHttpUrl}/v1/traces`, ...compression });
    case "grpc":
      return new GrpcTraceExporter({ url: `http://${endpoints.otlpGrpcAddress}`, ...compression });
  }
}

export function createLogExporter(protocol: OtlpProtocol, endpoints: SkeinEndpoints, options: ExporterOptions = {}): LogRecordExporter {
  const compression = compressionOf(options);
  switch (protocol) {
    case "http/json":
      return new HttpJsonLogExporter({ url: `${endpoints.otlpHttpUrl}/v1/logs`, ...compression });
    case "http/protobuf":
      return new ProtoLogExporter({ url: `${endpoints.otlpHttpUrl}/v1/logs`, ...compression });
    case "grpc":
      return new GrpcLogExporter({ url: `http://${endpoints.otlpGrpcAddress}`, ...compression });
  }
}

/**
 * Wraps an exporter and records every export's outcome and items, so a test can assert the
 * server acknowledged (SDK processors only log export failures).
 */
class RecordingExporter<T> {
  readonly outcomes: ExportOutcome[] = [];
  readonly exported: T[] = [];
  constructor(private readonly inner: { export(items: T[], done: (r: ExportOutcome) => void): void; shutdown(): Promise<void>; forceFlush?(): Promise<void> }) {}
  export(items: T[], done: (result: ExportOutcome) => void): void {
    this.inner.export(items, (result) => {
      this.outcomes.push(result);
      if (result.code === 0) this.exported.push(...items);
      done(result);
    });
  }
  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }
  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }
  /** Throws with the first failure when any export so far was not acknowledged. */
  assertAllSucceeded(what: string): void {
    if (this.outcomes.length === 0) throw new Error(`${what}: nothing was exported`);
    const failed = this.outcomes.find((o) => o.code !== 0);
    if (failed) throw new Error(`${what}: export failed: ${failed.error?.message ?? "unknown error"}`);
  }
}

/** One service's tracing pipeline: BasicTracerProvider → BatchSpanProcessor → an OTLP exporter. */
export interface TracingPipeline {
  provider: BasicTracerProvider;
  tracer(scopeName: string, scopeVersion?: string): Tracer;
  /** Spans the server acknowledged, as the SDK saw them (resource, scope, times). */
  readonly exported: ReadableSpan[];
  /** Force-flushes and throws unless every export so far was acknowledged. */
  flush(): Promise<void>;
  shutdown(): Promise<void>;
}

export function createTracingPipeline(
  protocol: OtlpProtocol,
  endpoints: SkeinEndpoints,
  resource: ResourceAttributes,
  options: ExporterOptions = {},
): TracingPipeline {
  const recorder = new RecordingExporter<ReadableSpan>(createTraceExporter(protocol, endpoints, options));
  const exporter = recorder as unknown as SpanExporter;
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes(resource),
    spanProcessors: [new BatchSpanProcessor(exporter, { scheduledDelayMillis: 60_000, maxExportBatchSize: 512 })],
  });
  return {
    provider,
    tracer: (name, version) => provider.getTracer(name, version),
    exported: recorder.exported,
    async flush() {
      await provider.forceFlush();
      recorder.assertAllSucceeded(`trace export over ${protocol}`);
    },
    shutdown: () => provider.shutdown(),
  };
}

/** One service's logging pipeline: LoggerProvider → BatchLogRecordProcessor → an OTLP exporter. */
export interface LoggingPipeline {
  provider: LoggerProvider;
  logger(scopeName: string, scopeVersion?: string): Logger;
  readonly exported: ReadableLogRecord[];
  flush(): Promise<void>;
  shutdown(): Promise<void>;
}

export function createLoggingPipeline(
  protocol: OtlpProtocol,
  endpoints: SkeinEndpoints,
  resource: ResourceAttributes,
  options: ExporterOptions = {},
): LoggingPipeline {
  const recorder = new RecordingExporter<ReadableLogRecord>(createLogExporter(protocol, endpoints, options));
  const exporter = recorder as unknown as LogRecordExporter;
  const provider = new LoggerProvider({
    resource: resourceFromAttributes(resource),
    processors: [new BatchLogRecordProcessor({ exporter, scheduledDelayMillis: 60_000 })],
  });
  return {
    provider,
    logger: (name, version) => provider.getLogger(name, version),
    exported: recorder.exported,
    async flush() {
      await provider.forceFlush();
      recorder.assertAllSucceeded(`log export over ${protocol}`);
    },
    shutdown: () => provider.shutdown(),
  };
}
