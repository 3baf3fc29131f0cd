import { ROOT_CONTEXT, trace, type HrTime } from "@opentelemetry/api";
import type { AnyValue, AnyValueMap } from "@opentelemetry/api-logs";
import { randomHex } from "./api-client.js";
import type { SdkAttributes, SdkValue } from "./expected-values.js";
import { createLoggingPipeline, type OtlpProtocol, type ResourceAttributes } from "./otel-clients.js";
import type { SkeinEndpoints } from "./skein-process.js";

/** Everything the test sent for one log record. */
export interface LogSpec {
  label: string;
  time: HrTime;
  observedTime: HrTime;
  severityNumber: number;
  severityText: string;
  body: SdkValue;
  attributes: SdkAttributes;
  service: string;
  resource: ResourceAttributes;
  scope: { name: string; version?: string };
  traceId: string | null;
  spanId: string | null;
}

export interface SentLogs {
  mainService: string;
  auxService: string;
  traceId: string;
  spanA: string;
  spanB: string;
  /** Lowercase marker that every `mainService` body contains in some letter case. */
  marker: string;
  logs: Record<"info" | "error" | "debug" | "warnMap", LogSpec>;
}

/**
 * Emits four records through two LoggerProviders (two resources) and the given exporter:
 * INFO and ERROR correlated to two spans of one trace (span context passed explicitly), a DEBUG
 * record with no trace, and a WARN record with a map body from the second service in the same
 * trace. Resolves once the server acknowledged every export.
 */
export async function sendShopLogs(protocol: OtlpProtocol, endpoints: SkeinEndpoints): Promise<SentLogs> {
  const tag = protocol.replace(/\W+/g, "-");
  const mainService = `logsvc-${tag}`;
  const auxService = `logaux-${tag}`;
  const mainResource: ResourceAttributes = { "service.name": mainService, "service.instance.id": "i-1", "host.cpu_count": 4 };
  const auxResource: ResourceAttributes = { "service.name": auxService };
  const main = createLoggingPipeline(protocol, endpoints, mainResource);
  const aux = createLoggingPipeline(protocol, endpoints, auxResource);
  const mainScope = { name: "e2e-logger", version: "3.1.4" };
  const auxScope = { name: "e2e-aux" };
  const mainLogger = main.logger(mainScope.name, mainScope.version);
  const auxLogger = aux.logger(auxScope.name);

  const traceId = randomHex(16);
  const spanA = randomHex(8);
  const spanB = randomHex(8);
  const marker = `zq-${tag}-${randomHex(3)}`;
  const t0 = Math.floor(Date.now() / 1000) - 60;
  const at = (seconds: number, nanos: number): HrTime => [t0 + seconds, nanos];
  const main_ = { service: mainService, resource: mainResource, scope: mainScope };

  const logs: SentLogs["logs"] = {
    info: {
      ...main_,
      label: "info",
      time: at(0, 100_000_011),
      observedTime: at(0, 100_500_012),
      severityNumber: 9,
      severityText: "INFO",
      body: `cart loaded for ${marker}`,
      attributes: { "user.id": "alice", "cart.items": 3 },
      traceId,
      spanId: spanA,
    },
    debug: {
      ...main_,
      label: "debug",
      time: at(0, 200_000_021),
      observedTime: at(0, 200_000_022),
      severityNumber: 5,
      severityText: "DEBUG",
      body: `debug detail ${marker}`,
      attributes: {},
      traceId: null,
      spanId: null,
    },
    error: {
      ...main_,
      label: "error",
      time: at(0, 300_000_031),
      observedTime: at(1, 32),
      severityNumber: 17,
      severityText: "ERROR",
      body: `Payment DECLINED ${marker.toUpperCase()}: insufficient funds`,
      attributes: {
        "e2e.string": "ünïcode",
        "e2e.bool": false,
        "e2e.int": 1234567,
        "e2e.double": 0.001,
        "e2e.bytes": new Uint8Array([0, 1, 2, 254, 255]),
        "e2e.int_array": [5, 6],
        "e2e.string_array": ["x"],
        "e2e.map": { nested: "yes", depth: 2 },
      },
      traceId,
      spanId: spanB,
    },
    warnMap: {
      service: auxService,
      resource: auxResource,
      scope: auxScope,
      label: "warnMap",
      time: at(0, 400_000_041),
      observedTime: at(0, 400_000_042),
      severityNumber: 13,
      severityText: "WARN",
      body: { event: "retry", attempt: 2, delay: 0.25, tags: ["x", "y"], nested: { ok: false } },
      attributes: { "retry.reason": "timeout" },
      traceId,
      spanId: spanA,
    },
  };
  for (const spec of Object.values(logs)) {
    const logger = spec.service === mainService ? mainLogger : auxLogger;
    logger.emit({
      timestamp: spec.time,
      observedTimestamp: spec.observedTime,
      severityNumber: spec.severityNumber,
      severityText: spec.severityText,
      body: spec.body as AnyValue,
      attributes: spec.attributes as AnyValueMap,
      context: spec.traceId
        ? trace.setSpanContext(ROOT_CONTEXT, { traceId: spec.traceId, spanId: spec.spanId!, traceFlags: 1 })
        : ROOT_CONTEXT,
    });
  }
  await Promise.all([main.flush(), aux.flush()]);
  await Promise.all([main.shutdown(), aux.shutdown()]);
  return { mainService, auxService, traceId, spanA, spanB, marker, logs };
}
