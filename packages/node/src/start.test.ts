import { trace } from "@opentelemetry/api";
import { logs } from "@opentelemetry/api-logs";
import { bytesToHex } from "@skein/model";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { start, type SkeinNode } from "./start.js";
import { OtlpCaptureServer } from "./testdata/otlp-capture-server.js";

// One start() per process: this file's tests share it and run in order.
describe("start() in this process, against a capture server", () => {
  let capture: OtlpCaptureServer;
  let node: SkeinNode;

  beforeAll(async () => {
    capture = await OtlpCaptureServer.start();
    node = start({
      serviceName: "unit",
      serviceVersion: "1.0.0",
      environment: "test",
      endpoint: capture.url,
      resourceAttributes: { team: "core" },
    });
  });
  afterAll(async () => {
    await node.shutdown();
    await capture.close();
  });

  it("exports spans and correlated log records with the resolved and detected resource", async () => {
    expect(node.serviceName).toBe("unit");
    const traceId = trace.getTracer("test").startActiveSpan("work", (span) => {
      logs.getLogger("test").emit({ body: "inside work" });
      span.end();
      return span.spanContext().traceId;
    });
    await node.forceFlush();
    const span = capture.spans.find((s) => s.name === "work");
    expect(span).toBeDefined();
    expect(bytesToHex(span!.traceId)).toBe(traceId);
    expect(span!.resource.attributes).toMatchObject({
      "service.name": "unit",
      "service.version": "1.0.0",
      "deployment.environment.name": "test",
      team: "core",
      "process.pid": BigInt(process.pid),
      "telemetry.sdk.language": "nodejs",
    });
    expect(typeof span!.resource.attributes["host.name"]).toBe("string");
    const log = capture.logs.find((l) => l.body === "inside work");
    expect(log && bytesToHex(log.traceId!)).toBe(traceId);
    expect(log && bytesToHex(log.spanId!)).toBe(bytesToHex(span!.spanId));
  });

  it("returns the running instance when called again, warning only about options it ignores", () => {
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      expect(start({ serviceName: "other" })).toBe(node);
      expect(stderr).toHaveBeenCalledWith(expect.stringContaining('[skein] start() was called again; returning the instance already started for "unit"'));
      stderr.mockClear();
      expect(start()).toBe(node);
      expect(stderr).not.toHaveBeenCalled();
    } finally {
      stderr.mockRestore();
    }
  });

  it("flushes on shutdown, which is idempotent", async () => {
    trace.getTracer("test").startSpan("last words").end();
    const first = node.shutdown();
    expect(node.shutdown()).toBe(first);
    await first;
    expect(capture.spans.some((s) => s.name === "last words")).toBe(true);
    trace.getTracer("test").startSpan("after shutdown").end();
    await node.forceFlush();
    await node.shutdown();
    expect(capture.spans.some((s) => s.name === "after shutdown")).toBe(false);
  });
});
