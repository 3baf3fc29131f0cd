import { getNodeAutoInstrumentations } from "@opentelemetry/auto-instrumentations-node";
import { OTLPLogExporter } from "@opentelemetry/exporter-logs-otlp-proto";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { BatchLogRecordProcessor, type LogRecordProcessor } from "@opentelemetry/sdk-logs";
import type { Instrumentation } from "@opentelemetry/instrumentation";
import { NodeSDK } from "@opentelemetry/sdk-node";
import { BatchSpanProcessor, type SpanProcessor } from "@opentelemetry/sdk-trace-base";
import { batchProcessorSettings } from "../config/batch-config.js";
import type { ResolvedConfig } from "../config/resolve-config.js";
import { ActivityCounter } from "./activity-counter.js";
import { createResource } from "./create-resource.js";
import { createSampler } from "./create-sampler.js";
import { OutageReportingExporter } from "./outage-reporting-exporter.js";

/** A NodeSDK ready to start(), plus the parts start() needs to hook, flush and watch. */
export interface SdkParts {
  sdk: NodeSDK;
  /** Already constructed (and so enabled); the ESM loader hook needs their module names. */
  instrumentations: Instrumentation[];
  /** The batch processors; forceFlush() on each exports what is queued. */
  flushables: Array<{ forceFlush(): Promise<void> }>;
  activity: ActivityCounter;
}

/**
 * Wires the OTel Node SDK: auto-instrumentations (+ extra ones), OTLP/HTTP protobuf exporters
 * behind batch processors (Skein's export batch size, see batchProcessorSettings), the sampler
 * and the resource. The propagator is left to the SDK, which reads OTEL_PROPAGATORS and defaults
 * to W3C tracecontext + baggage. Metrics are off (Skein stores traces and logs) unless
 * OTEL_METRICS_EXPORTER asks for them.
 */
export function createNodeSdk(config: ResolvedConfig): SdkParts {
  const activity = new ActivityCounter();
  const spanProcessors: SpanProcessor[] = [];
  const logRecordProcessors: LogRecordProcessor[] = [];
  if (config.tracesUrl !== undefined) {
    const otlp = new OTLPTraceExporter({ url: config.tracesUrl, headers: config.headers });
    const exporter = new OutageReportingExporter(otlp, "spans", config.tracesUrl);
    spanProcessors.push(new BatchSpanProcessor(exporter, batchProcessorSettings(config.spanBatch)));
  }
  // Always at least one span processor: with none, NodeSDK registers no tracer provider and no
  // span is created at all (OTEL_TRACES_EXPORTER=none means no exporter, not no tracing).
  spanProcessors.push(activity);
  if (config.logsUrl !== undefined) {
    const otlp = new OTLPLogExporter({ url: config.logsUrl, headers: config.headers });
    const exporter = new OutageReportingExporter(otlp, "log records", config.logsUrl);
    logRecordProcessors.push(new BatchLogRecordProcessor({ exporter, ...batchProcessorSettings(config.logBatch) }), activity);
  }
  const instrumentations = [...getNodeAutoInstrumentations(config.autoInstrumentations), ...config.instrumentations];
  const sdk = new NodeSDK({
    resource: createResource(config.resourceAttributes),
    autoDetectResources: false,
    sampler: createSampler(config.sampler),
    spanProcessors,
    logRecordProcessors,
    instrumentations,
    ...(config.metricsFromEnv ? {} : { metricReaders: [] }),
  });
  const flushables = [...spanProcessors, ...logRecordProcessors].filter((p) => p !== activity);
  return { sdk, instrumentations, flushables, activity };
}
