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

  it("keeps only the code headers: the exporters read the env ones per signal (see sdk/export-env.test.ts)", () => {
    const env = { OTEL_EXPORTER_OTLP_HEADERS: "authorization=Bearer%20env,x-team=pay", OTEL_EXPORTER_OTLP_TRACES_HEADERS: "x-team=traces" };
    const config = resolveConfig({ headers: { authorization: "Bearer code" } }, env);
    expect(config.headers).toEqual({ authorization: "Bearer code" });
    expect(config.warnings).toEqual([]);
  });

  it("reports malformed header entries in each of the three header variables", () => {
    const env = { OTEL_EXPORTER_OTLP_HEADERS: "novalue", OTEL_EXPORTER_OTLP_TRACES_HEADERS: "a=%zz", OTEL_EXPORTER_OTLP_LOGS_HEADERS: "=x" };
    const text = resolveConfig({}, env).warnings.join("\n");
    expect(text).toContain('OTEL_EXPORTER_OTLP_HEADERS: "novalue" is not key=value');
    expect(text).toContain('OTEL_EXPORTER_OTLP_TRACES_HEADERS: "a=%zz" has a bad percent-encoding');
    expect(text).toContain('OTEL_EXPORTER_OTLP_LOGS_HEADERS: "=x" is not key=value');
  });

  it("discards all of OTEL_RESOURCE_ATTRIBUTES when an entry has a bad percent-encoding, as the spec asks", () => {
    const config = resolveConfig({}, { OTEL_RESOURCE_ATTRIBUTES: "service.name=attr,team=a%2" });
    expect(config.serviceName).toBe(UNKNOWN_SERVICE_NAME);
    expect(config.resourceAttributes).toEqual({ "service.name": UNKNOWN_SERVICE_NAME });
    expect(config.warnings).toEqual([expect.stringContaining('OTEL_RESOURCE_ATTRIBUTES: "team=a%2" has a bad percent-encoding')]);
    expect(config.warnings[0]).toContain("Ignoring the whole of OTEL_RESOURCE_ATTRIBUTES");
  });

  it("reads OTEL_SDK_DISABLED as the spec does (only true), SKEIN_* flags as true/1", () => {
    expect(resolveConfig({}, { OTEL_SDK_DISABLED: "TRUE" }).disabled).toBe(true);
    const one = resolveConfig({}, { OTEL_SDK_DISABLED: "1", SKEIN_CONSOLE_JSON: "1", SKEIN_PARENT_CONSUMER_SPANS: "1" });
    expect(one).toMatchObject({ disabled: false, consoleJson: true, parentConsumerSpans: true });
    expect(one.warnings).toEqual(['OTEL_SDK_DISABLED="1" is not a boolean; use true to turn it on. Treating it as false.']);
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
