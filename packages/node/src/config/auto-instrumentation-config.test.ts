import { describe, expect, it } from "vitest";
import { autoInstrumentationConfig } from "./auto-instrumentation-config.js";

describe("autoInstrumentationConfig", () => {
  it("turns fs, dns, net and router off and sets pino's correlation keys", () => {
    const config = autoInstrumentationConfig(undefined, true, {});
    for (const name of ["fs", "dns", "net", "router"] as const) {
      expect(config[`@opentelemetry/instrumentation-${name}`]).toEqual({ enabled: false });
    }
    expect(config["@opentelemetry/instrumentation-pino"]).toEqual({
      disableLogSending: false,
      logKeys: { traceId: "trace_id", spanId: "span_id", traceFlags: "trace_flags" },
    });
    expect(config["@opentelemetry/instrumentation-http"]).toBeUndefined();
  });

  it("turns runtime-node (metrics only) off unless metrics are exported", () => {
    const off = { enabled: false };
    expect(autoInstrumentationConfig(undefined, true, {})["@opentelemetry/instrumentation-runtime-node"]).toEqual(off);
    expect(autoInstrumentationConfig(undefined, true, { OTEL_METRICS_EXPORTER: "none" })["@opentelemetry/instrumentation-runtime-node"]).toEqual(off);
    expect(autoInstrumentationConfig(undefined, true, { OTEL_METRICS_EXPORTER: "otlp" })["@opentelemetry/instrumentation-runtime-node"]).toBeUndefined();
    const asked = { OTEL_NODE_ENABLED_INSTRUMENTATIONS: "http,runtime-node" };
    expect(autoInstrumentationConfig(undefined, true, asked)["@opentelemetry/instrumentation-runtime-node"]).toBeUndefined();
  });

  it("leaves one named in OTEL_NODE_ENABLED_INSTRUMENTATIONS to the environment", () => {
    const config = autoInstrumentationConfig(undefined, true, { OTEL_NODE_ENABLED_INSTRUMENTATIONS: "http,dns" });
    expect(config["@opentelemetry/instrumentation-dns"]).toBeUndefined();
    expect(config["@opentelemetry/instrumentation-net"]).toEqual({ enabled: false });
  });

  it("merges the user's map entry by entry over the defaults", () => {
    const config = autoInstrumentationConfig(
      { "@opentelemetry/instrumentation-dns": { enabled: true }, "@opentelemetry/instrumentation-pino": { disableLogCorrelation: true } },
      false,
      {},
    );
    expect(config["@opentelemetry/instrumentation-dns"]).toEqual({ enabled: true });
    expect(config["@opentelemetry/instrumentation-pino"]).toMatchObject({ disableLogSending: true, disableLogCorrelation: true });
  });
});
