import type { AttributeValue } from "@opentelemetry/api";
import type { InstrumentationConfigMap } from "@opentelemetry/auto-instrumentations-node";
import type { Instrumentation } from "@opentelemetry/instrumentation";

/**
 * Code configuration for `start()`. Every field is optional: a field set here wins over the
 * matching environment variable, which wins over the default. `node --import @skein/node/register`
 * is `start()` with no options, so everything it does can be set through the environment.
 */
export interface SkeinNodeOptions {
  /** `service.name`. Env: OTEL_SERVICE_NAME, then `service.name` in OTEL_RESOURCE_ATTRIBUTES. Default: the app's package.json name, else `unknown_service:node`. */
  serviceName?: string;
  /** `service.version`. Env: `service.version` in OTEL_RESOURCE_ATTRIBUTES. Default: the app's package.json version, if any. */
  serviceVersion?: string;
  /** `deployment.environment.name` (e.g. `production`). Env: the same key in OTEL_RESOURCE_ATTRIBUTES. */
  environment?: string;
  /**
   * OTLP/HTTP base URL of Skein; `/v1/traces` and `/v1/logs` are appended. Env:
   * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT / _LOGS_ENDPOINT (full URLs, used as they are), then
   * OTEL_EXPORTER_OTLP_ENDPOINT. Default `http://localhost:4318`.
   */
  endpoint?: string;
  /**
   * Headers sent with every export (e.g. an auth token). Env: OTEL_EXPORTER_OTLP_HEADERS, with
   * OTEL_EXPORTER_OTLP_TRACES_HEADERS / _LOGS_HEADERS winning over it key by key; a header set
   * here wins over both.
   */
  headers?: Record<string, string>;
  /** Extra resource attributes, merged over OTEL_RESOURCE_ATTRIBUTES. */
  resourceAttributes?: Record<string, AttributeValue>;
  /** Export pino/winston (and console, when `consoleJson`) records as OTLP logs. Env: OTEL_LOGS_EXPORTER=none turns it off. Default true. */
  logs?: boolean;
  /**
   * Rewrite `console.log/info/debug/warn/error` output as JSON lines carrying `trace_id`,
   * `span_id` and `trace_flags`. Env: SKEIN_CONSOLE_JSON=true|1. Default false.
   */
  consoleJson?: boolean;
  /**
   * Whether `withConsumerSpan` makes the producer's span the parent of the consumer span (it is
   * always linked). Env: SKEIN_PARENT_CONSUMER_SPANS=true|1. Unset: the queue helpers' default.
   */
  parentConsumerSpans?: boolean;
  /**
   * Head sampling: keep this share (0..1) of new traces; a request that arrives with a sampled or
   * unsampled `traceparent` keeps its caller's decision (parent-based). Env: OTEL_TRACES_SAMPLER
   * (+ OTEL_TRACES_SAMPLER_ARG). Default: keep every trace.
   */
  sampleRatio?: number;
  /** Instrumentations to enable in addition to the Node auto-instrumentations. */
  instrumentations?: Instrumentation[];
  /**
   * Per-instrumentation configuration for the auto-instrumentations, keyed by package name
   * (`{ "@opentelemetry/instrumentation-http": { ignoreIncomingRequestHook } }`); merged over
   * Skein's defaults. `{ enabled: true }` turns on one that is off by default (fs, dns, net, router).
   */
  autoInstrumentations?: InstrumentationConfigMap;
}
