import { OTLPLogExporter } from "@opentelemetry/exporter-logs-otlp-grpc";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-grpc";
import { CompressionAlgorithm } from "@opentelemetry/otlp-exporter-base";
import { afterEach, beforeEach, describe, it } from "vitest";
import { expectScenarioReceived, runOtelScenario } from "../shared/testdata/otel-sdk-scenario.js";
import { createHarness, type Harness } from "../shared/testdata/receiver-harness.js";
import { OtlpGrpcReceiver } from "./otlp-grpc-receiver.js";

describe("OtlpGrpcReceiver with the real OpenTelemetry JS gRPC exporters", () => {
  let h: Harness;
  let receiver: OtlpGrpcReceiver;

  beforeEach(async () => {
    h = createHarness();
    receiver = new OtlpGrpcReceiver({ host: "127.0.0.1", port: 0, maxRequestBytes: 1 << 20 }, h.deps);
    await receiver.start();
  });
  afterEach(() => receiver.shutdown());

  it("grpc exporters", async () => {
    const url = `http://127.0.0.1:${receiver.port}`;
    expectScenarioReceived(h, await runOtelScenario(new OTLPTraceExporter({ url }), new OTLPLogExporter({ url })));
  });

  it("grpc exporters, gzip-compressed", async () => {
    const url = `http://127.0.0.1:${receiver.port}`;
    const compression = CompressionAlgorithm.GZIP;
    expectScenarioReceived(h, await runOtelScenario(new OTLPTraceExporter({ url, compression }), new OTLPLogExporter({ url, compression })));
  });
});
