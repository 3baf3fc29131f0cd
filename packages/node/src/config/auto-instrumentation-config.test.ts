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
