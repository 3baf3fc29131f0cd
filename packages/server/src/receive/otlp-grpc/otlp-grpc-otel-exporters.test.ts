import { OTLPLogExporter } from "@opentelemetry/exporter-logs-otlp-grpc";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-grpc";
import { CompressionAlgorithm } from "@opentelemetry/otlp-exporter-base";
import { status } from "@grpc/grpc-js";
import { ExportResultCode, type ExportResult } from "@opentelemetry/core";
import { BasicTracerProvider, SimpleSpanProcessor, type ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { StorageBackloggedError } from "@skein/storage";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
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

  // The JS gRPC exporter does not retry by itself (its transport reports every error as final);
  // what matters is that it is told RESOURCE_EXHAUSTED, a code OTLP lists as retryable.
  it("the grpc trace exporter is answered RESOURCE_EXHAUSTED when storage's spool is full", async () => {
    const spans: ReadableSpan[] = [];
    const capture = { export: (batch: ReadableSpan[], done: (r: ExportResult) => void) => (spans.push(...batch), done({ code: ExportResultCode.SUCCESS })), shutdown: async () => {} };
    const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(capture)] });
    provider.getTracer("skein-test").startSpan("GET /cart").end();
    await provider.shutdown();

    h.traces.failWith(new StorageBackloggedError("spool full", 3), 1);
    const exporter = new OTLPTraceExporter({ url: `http://127.0.0.1:${receiver.port}` });
    const refused = await new Promise<ExportResult>((resolve) => exporter.export(spans, resolve));
    expect(refused.code).toBe(ExportResultCode.FAILED);
    expect(refused.error).toMatchObject({ code: status.RESOURCE_EXHAUSTED, details: "storage is backlogged, retry later: spool full" });
    const retried = await new Promise<ExportResult>((resolve) => exporter.export(spans, resolve));
    expect(retried.code).toBe(ExportResultCode.SUCCESS);
    expect(h.traces.batches.flatMap((b) => b.spans.map((s) => s.name))).toEqual(["GET /cart"]);
    await exporter.shutdown();
  });
});
