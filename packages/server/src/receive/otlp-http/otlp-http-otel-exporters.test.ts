import { OTLPLogExporter as JsonLogExporter } from "@opentelemetry/exporter-logs-otlp-http";
import { OTLPLogExporter as ProtoLogExporter } from "@opentelemetry/exporter-logs-otlp-proto";
import { OTLPTraceExporter as JsonTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { OTLPTraceExporter as ProtoTraceExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { CompressionAlgorithm } from "@opentelemetry/otlp-exporter-base";
import { StorageBackloggedError } from "@skein/storage";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { expectScenarioReceived, runOtelScenario } from "../shared/testdata/otel-sdk-scenario.js";
import { createHarness, type Harness } from "../shared/testdata/receiver-harness.js";
import { OtlpHttpReceiver } from "./otlp-http-receiver.js";

describe("OtlpHttpReceiver with the real OpenTelemetry JS exporters", () => {
  let h: Harness;
  let receiver: OtlpHttpReceiver;

  beforeEach(async () => {
    h = createHarness();
    receiver = new OtlpHttpReceiver({ host: "127.0.0.1", port: 0, maxRequestBytes: 1 << 20, corsOrigins: [] }, h.deps);
    await receiver.start();
  });
  afterEach(() => receiver.shutdown());

  const url = (path: string): string => `http://127.0.0.1:${receiver.port}${path}`;

  it("http/json exporters", async () => {
    const ids = await runOtelScenario(new JsonTraceExporter({ url: url("/v1/traces") }), new JsonLogExporter({ url: url("/v1/logs") }));
    expectScenarioReceived(h, ids);
    expect(h.telemetry.filter((c) => c[0] === "requestRejected")).toEqual([]);
  });

  it("http/protobuf exporters, gzip-compressed", async () => {
    const compression = CompressionAlgorithm.GZIP;
    const ids = await runOtelScenario(
      new ProtoTraceExporter({ url: url("/v1/traces"), compression }),
      new ProtoLogExporter({ url: url("/v1/logs"), compression }),
    );
    expectScenarioReceived(h, ids);
  });

  it("http/protobuf exporters retry a 503 from a full storage spool after its Retry-After, and the data arrives", async () => {
    h.traces.failWith(new StorageBackloggedError("spool full", 1), 1);
    h.logs.failWith(new StorageBackloggedError("spool full", 1), 1);
    const startedAt = Date.now();
    const ids = await runOtelScenario(new ProtoTraceExporter({ url: url("/v1/traces") }), new ProtoLogExporter({ url: url("/v1/logs") }));
    expectScenarioReceived(h, ids);
    expect([h.traces.calls, h.logs.calls]).toEqual([2, 2]);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(950); // the exporters waited Retry-After: 1
    expect(h.telemetry).toContainEqual(["requestRejected", "otlp-http", "traces", "storage_backlogged"]);
    expect(h.telemetry).toContainEqual(["requestRejected", "otlp-http", "logs", "storage_backlogged"]);
  });
});
