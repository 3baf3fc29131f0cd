import type { AttributeValue } from "@opentelemetry/api";
import type { InstrumentationConfigMap } from "@opentelemetry/auto-instrumentations-node";
import type { Instrumentation } from "@opentelemetry/instrumentation";
import { autoInstrumentationConfig } from "./auto-instrumentation-config.js";
import { resolveBatch, type BatchConfig } from "./batch-config.js";
import { PARENT_CONSUMER_SPANS_ENV } from "../queue/queue-settings.js";
import { envBoolean, envFlag, envKeyValues, envList, envString, type Env, type Warn } from "./env-values.js";
import { signalUrl } from "./otlp-endpoints.js";
import { resolveSampler, type SamplerConfig } from "./sampler-config.js";
import type { SkeinNodeOptions } from "./skein-node-options.js";

/** name/version of the app's nearest package.json, used only as defaults. */
export interface AppPackage {
  name?: string;
  version?: string;
}

/** Everything start() needs, with options, environment and defaults already combined. */
export interface ResolvedConfig {
  /** OTEL_SDK_DISABLED=true: start() sets nothing up. */
  disabled: boolean;
  serviceName: string;
  /** Resource attributes set by the user (env + code), incl. service.name; detected ones are added later. */
  resourceAttributes: Record<string, AttributeValue>;
  /** Where spans go; undefined when OTEL_TRACES_EXPORTER=none. */
  tracesUrl: string | undefined;
  /** Where log records go; undefined when logs are off. */
  logsUrl: string | undefined;
  /**
   * The code `headers`, handed to both OTLP exporters, where they win over the environment's.
   * The exporters read OTEL_EXPORTER_OTLP_HEADERS and OTEL_EXPORTER_OTLP_{TRACES,LOGS}_HEADERS
   * themselves, per signal, the signal-specific value winning per key (the OTel spec's order).
   */
  headers: Record<string, string>;
  sampler: SamplerConfig;
  spanBatch: BatchConfig;
  logBatch: BatchConfig;
  consoleJson: boolean;
  /** undefined: leave the queue helpers' default alone. */
  parentConsumerSpans: boolean | undefined;
  autoInstrumentations: InstrumentationConfigMap;
  instrumentations: Instrumentation[];
  /** OTEL_METRICS_EXPORTER is set: let the OTel SDK build metric readers from the environment. */
  metricsFromEnv: boolean;
  /** Problems found in the configuration, each a full sentence for the user. */
  warnings: string[];
}

export const UNKNOWN_SERVICE_NAME = "unknown_service:node";

/**
 * Combines code options, the environment and defaults. Pure: `env` is passed in (normally
 * process.env) and nothing is printed; invalid values become `warnings` and are ignored.
 */
export function resolveConfig(options: SkeinNodeOptions, env: Env, app: AppPackage = {}): ResolvedConfig {
  const warnings: string[] = [];
  const warn: Warn = (message) => warnings.push(message);

  const disabled = envBoolean(env, "OTEL_SDK_DISABLED", warn) ?? false;
  const envAttributes = envKeyValues(env, "OTEL_RESOURCE_ATTRIBUTES", warn, "discard-all");
  const attributes: Record<string, AttributeValue> = { ...envAttributes, ...options.resourceAttributes };
  const serviceName =
    nonEmpty(options.serviceName) ??
    envString(env, "OTEL_SERVICE_NAME") ??
    nonEmpty(stringAttribute(attributes["service.name"])) ??
    nonEmpty(app.name) ??
    UNKNOWN_SERVICE_NAME;
  attributes["service.name"] = serviceName;
  const version = nonEmpty(options.serviceVersion) ?? nonEmpty(stringAttribute(attributes["service.version"])) ?? nonEmpty(app.version);
  if (version !== undefined) attributes["service.version"] = version;
  if (nonEmpty(options.environment) !== undefined) attributes["deployment.environment.name"] = options.environment!;

  checkProtocols(env, warn);
  checkHeaders(env, warn);
  const tracesOn = exporterEnabled("OTEL_TRACES_EXPORTER", env, warn);
  const logs = options.logs ?? exporterEnabled("OTEL_LOGS_EXPORTER", env, warn);

  return {
    disabled,
    serviceName,
    resourceAttributes: attributes,
    tracesUrl: tracesOn ? signalUrl("traces", options.endpoint, env, warn) : undefined,
    logsUrl: logs ? signalUrl("logs", options.endpoint, env, warn) : undefined,
    headers: { ...options.headers },
    sampler: resolveSampler(options.sampleRatio, env, warn),
    spanBatch: resolveBatch("OTEL_BSP", env, warn),
    logBatch: resolveBatch("OTEL_BLRP", env, warn),
    consoleJson: options.consoleJson ?? envFlag(env, "SKEIN_CONSOLE_JSON", warn) ?? false,
    parentConsumerSpans: options.parentConsumerSpans ?? envFlag(env, PARENT_CONSUMER_SPANS_ENV, warn),
    autoInstrumentations: autoInstrumentationConfig(options.autoInstrumentations, logs, env),
    instrumentations: options.instrumentations ?? [],
    metricsFromEnv: envString(env, "OTEL_METRICS_EXPORTER") !== undefined,
    warnings,
  };
}

/** OTEL_TRACES_EXPORTER / OTEL_LOGS_EXPORTER: `otlp` (default) or `none`. */
function exporterEnabled(name: string, env: Env, warn: Warn): boolean {
  const values = envList(env, name);
  const unsupported = values.filter((value) => value !== "otlp" && value !== "none");
  if (unsupported.length > 0) {
    warn(`${name}="${env[name]}": @skein/node exports only over OTLP, so ${unsupported.join(", ")} is ignored; use otlp or none.`);
  }
  return !values.includes("none");
}

function checkProtocols(env: Env, warn: Warn): void {
  for (const name of ["OTEL_EXPORTER_OTLP_PROTOCOL", "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "OTEL_EXPORTER_OTLP_LOGS_PROTOCOL"]) {
    const value = envString(env, name);
    if (value !== undefined && value !== "http/protobuf") {
      warn(`${name}="${value}": @skein/node exports OTLP over http/protobuf only (Skein's port 4318). Using http/protobuf.`);
    }
  }
}

/** Only reports malformed entries: the exporters parse these variables, skipping such entries too. */
function checkHeaders(env: Env, warn: Warn): void {
  for (const name of ["OTEL_EXPORTER_OTLP_HEADERS", "OTEL_EXPORTER_OTLP_TRACES_HEADERS", "OTEL_EXPORTER_OTLP_LOGS_HEADERS"]) {
    envKeyValues(env, name, warn, "skip-entry");
  }
}

function stringAttribute(value: AttributeValue | undefined): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== "" ? value : undefined;
}
