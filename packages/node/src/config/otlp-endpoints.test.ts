import { describe, expect, it } from "vitest";
import { signalUrl } from "./otlp-endpoints.js";

const noWarn = (message: string): void => {
  throw new Error(`unexpected warning: ${message}`);
};

describe("signalUrl", () => {
  it("defaults to localhost:4318 with the signal path", () => {
    expect(signalUrl("traces", undefined, {}, noWarn)).toBe("http://localhost:4318/v1/traces");
    expect(signalUrl("logs", undefined, {}, noWarn)).toBe("http://localhost:4318/v1/logs");
  });

  it("appends v1/<signal> to OTEL_EXPORTER_OTLP_ENDPOINT, keeping its path", () => {
    expect(signalUrl("traces", undefined, { OTEL_EXPORTER_OTLP_ENDPOINT: "http://skein:4318" }, noWarn)).toBe("http://skein:4318/v1/traces");
    expect(signalUrl("logs", undefined, { OTEL_EXPORTER_OTLP_ENDPOINT: "https://gw/otlp/" }, noWarn)).toBe("https://gw/otlp/v1/logs");
  });

  it("uses the signal-specific variable as it is, before the general one", () => {
    const env = { OTEL_EXPORTER_OTLP_ENDPOINT: "http://a:4318", OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: "http://b:9999/custom" };
    expect(signalUrl("logs", undefined, env, noWarn)).toBe("http://b:9999/custom");
    expect(signalUrl("traces", undefined, env, noWarn)).toBe("http://a:4318/v1/traces");
  });

  it("lets the code endpoint win over every variable", () => {
    const env = { OTEL_EXPORTER_OTLP_ENDPOINT: "http://a:4318", OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "http://b/v1/traces" };
    expect(signalUrl("traces", "http://code:4318", env, noWarn)).toBe("http://code:4318/v1/traces");
  });

  it("reports an invalid URL and falls back to the next source", () => {
    const warnings: string[] = [];
    const warn = (m: string): number => warnings.push(m);
    expect(signalUrl("traces", "localhost:4318", { OTEL_EXPORTER_OTLP_ENDPOINT: "http://env:4318" }, warn)).toBe("http://env:4318/v1/traces");
    expect(signalUrl("traces", undefined, { OTEL_EXPORTER_OTLP_ENDPOINT: "skein" }, warn)).toBe("http://localhost:4318/v1/traces");
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain('endpoint "localhost:4318" is not an http(s) URL');
    expect(warnings[1]).toContain('OTEL_EXPORTER_OTLP_ENDPOINT="skein"');
  });
});
