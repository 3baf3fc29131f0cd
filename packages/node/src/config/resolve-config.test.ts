import { describe, expect, it } from "vitest";
import { resolveConfig, UNKNOWN_SERVICE_NAME } from "./resolve-config.js";

describe("resolveConfig", () => {
  it("defaults: localhost:4318, logs on, console untouched, every trace kept, no warnings", () => {
    const config = resolveConfig({}, {});
    expect(config).toMatchObject({
      disabled: false,
      serviceName: UNKNOWN_SERVICE_NAME,
      tracesUrl: "http://localhost:4318/v1/traces",
      logsUrl: "http://localhost:4318/v1/logs",
      headers: {},
      sampler: { kind: "parentbased_always_on" },
      consoleJson: false,
      parentConsumerSpans: undefined,
      metricsFromEnv: false,
      warnings: [],
    });
    expect(config.resourceAttributes).toEqual({ "service.name": UNKNOWN_SERVICE_NAME });
  });

  it("names the service from OTEL_SERVICE_NAME, then OTEL_RESOURCE_ATTRIBUTES, then package.json", () => {
    const app = { name: "@acme/shop", version: "1.2.3" };
    expect(resolveConfig({}, {}, app).serviceName).toBe("@acme/shop");
    expect(resolveConfig({}, { OTEL_RESOURCE_ATTRIBUTES: "service.name=attr" }, app).serviceName).toBe("attr");
    expect(resolveConfig({}, { OTEL_SERVICE_NAME: "env", OTEL_RESOURCE_ATTRIBUTES: "service.name=attr" }, app).serviceName).toBe("env");
    expect(resolveConfig({ serviceName: "code" }, { OTEL_SERVICE_NAME: "env" }, app).serviceName).toBe("code");
  });

  it("builds resource attributes with code over env, and the version from package.json as a last resort", () => {
    const env = { OTEL_RESOURCE_ATTRIBUTES: "team=payments,service.version=9.9.9,region=eu" };
    const config = resolveConfig(
      { serviceName: "payment", environment: "staging", resourceAttributes: { region: "us", replicas: 3 } },
      env,
      { version: "1.0.0" },
    );
    expect(config.resourceAttributes).toEqual({
      "service.name": "payment",
      "service.version": "9.9.9",
      "deployment.environment.name": "staging",
      team: "payments",
      region: "us",
      replicas: 3,
    });
    expect(resolveConfig({}, {}, { version: "1.0.0" }).resourceAttributes["service.version"]).toBe("1.0.0");
    expect(resolveConfig({ serviceVersion: "2.0.0" }, env).resourceAttributes["service.version"]).toBe("2.0.0");
  });

  it("merges code headers over OTEL_EXPORTER_OTLP_HEADERS", () => {
    const config = resolveConfig({ headers: { authorization: "Bearer code" } }, { OTEL_EXPORTER_OTLP_HEADERS: "authorization=Bearer%20env,x-team=pay" });
    expect(config.headers).toEqual({ authorization: "Bearer code", "x-team": "pay" });
  });

  it("turns logs off with logs:false or OTEL_LOGS_EXPORTER=none, and traces off with OTEL_TRACES_EXPORTER=none", () => {
    expect(resolveConfig({ logs: false }, {}).logsUrl).toBeUndefined();
    expect(resolveConfig({}, { OTEL_LOGS_EXPORTER: "none" }).logsUrl).toBeUndefined();
    expect(resolveConfig({ logs: true }, { OTEL_LOGS_EXPORTER: "none" }).logsUrl).toBe("http://localhost:4318/v1/logs");
    expect(resolveConfig({}, { OTEL_TRACES_EXPORTER: "none" }).tracesUrl).toBeUndefined();
    const off = resolveConfig({ logs: false }, {});
    expect(off.autoInstrumentations["@opentelemetry/instrumentation-pino"]).toMatchObject({ disableLogSending: true });
    expect(off.autoInstrumentations["@opentelemetry/instrumentation-winston"]).toMatchObject({ disableLogSending: true });
  });

  it("reads OTEL_SDK_DISABLED, SKEIN_CONSOLE_JSON, SKEIN_PARENT_CONSUMER_SPANS, batch settings and OTEL_METRICS_EXPORTER", () => {
    const config = resolveConfig(
      {},
      {
        OTEL_SDK_DISABLED: "true",
        SKEIN_CONSOLE_JSON: "1",
        SKEIN_PARENT_CONSUMER_SPANS: "true",
        OTEL_BSP_SCHEDULE_DELAY: "100",
        OTEL_BLRP_SCHEDULE_DELAY: "50",
        OTEL_BLRP_MAX_QUEUE_SIZE: "10",
        OTEL_METRICS_EXPORTER: "otlp",
      },
    );
    expect(config).toMatchObject({ disabled: true, consoleJson: true, parentConsumerSpans: true, metricsFromEnv: true });
    expect(config.spanBatch).toEqual({ scheduledDelayMillis: 100 });
    expect(config.logBatch).toEqual({ scheduledDelayMillis: 50, maxQueueSize: 10 });
  });

  it("lets code options win over env flags", () => {
    const config = resolveConfig({ consoleJson: false, parentConsumerSpans: false }, { SKEIN_CONSOLE_JSON: "true", SKEIN_PARENT_CONSUMER_SPANS: "1" });
    expect(config.consoleJson).toBe(false);
    expect(config.parentConsumerSpans).toBe(false);
  });

  it("collects a clear warning for every invalid value instead of throwing", () => {
    const config = resolveConfig(
      { endpoint: "skein:4318" },
      {
        OTEL_SDK_DISABLED: "maybe",
        SKEIN_CONSOLE_JSON: "on",
        SKEIN_PARENT_CONSUMER_SPANS: "sometimes",
        OTEL_TRACES_SAMPLER: "ratio",
        OTEL_EXPORTER_OTLP_PROTOCOL: "grpc",
        OTEL_LOGS_EXPORTER: "console",
        OTEL_BSP_SCHEDULE_DELAY: "fast",
        OTEL_RESOURCE_ATTRIBUTES: "oops",
      },
    );
    expect(config.disabled).toBe(false);
    expect(config.consoleJson).toBe(false);
    // Reported here; false is the queue helpers' default, so they need not read (and warn) again.
    expect(config.parentConsumerSpans).toBe(false);
    expect(config.logsUrl).toBe("http://localhost:4318/v1/logs");
    const text = config.warnings.join("\n");
    for (const fragment of [
      'OTEL_SDK_DISABLED="maybe"',
      'SKEIN_CONSOLE_JSON="on"',
      'SKEIN_PARENT_CONSUMER_SPANS="sometimes"',
      'OTEL_TRACES_SAMPLER="ratio"',
      'OTEL_EXPORTER_OTLP_PROTOCOL="grpc"',
      'OTEL_LOGS_EXPORTER="console"',
      'OTEL_BSP_SCHEDULE_DELAY="fast"',
      '"oops" is not key=value',
      'endpoint "skein:4318"',
    ]) {
      expect(text).toContain(fragment);
    }
  });
});
