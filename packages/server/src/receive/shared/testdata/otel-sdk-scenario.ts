import { context, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { SeverityNumber } from "@opentelemetry/api-logs";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BatchLogRecordProcessor, LoggerProvider, type LogRecordExporter } from "@opentelemetry/sdk-logs";
import { BasicTracerProvider, BatchSpanProcessor, type SpanExporter } from "@opentelemetry/sdk-trace-base";
import { bytesToHex } from "@skein/model";
import { expect } from "vitest";
import type { Harness } from "./receiver-harness.js";

/** Ids the OTel SDK generated, as lowercase hex. */
export interface ScenarioIds {
  traceId: string;
  rootSpanId: string;
  childSpanId: string;
}

/**
 * Drives the real OpenTelemetry JS SDK: two spans (server root + failing client child with an
 * exception event) and one correlated error log, exported through the given exporters, flushed
 * and shut down before returning.
 */
export async function runOtelScenario(spanExporter: SpanExporter, logExporter: LogRecordExporter): Promise<ScenarioIds> {
  const resource = resourceFromAttributes({ "service.name": "cart", "service.version": "1.2.3" });
  const tracerProvider = new BasicTracerProvider({ resource, spanProcessors: [new BatchSpanProcessor(spanExporter)] });
  const tracer = tracerProvider.getTracer("skein-e2e", "0.1.0");
  const root = tracer.startSpan(
    "GET /cart",
    { kind: SpanKind.SERVER, startTime: [1_700_000_000, 5], attributes: { "http.response.status_code": 500, "http.route": "/cart", retried: true, ratio: 0.5 } },
  );
  const rootContext = trace.setSpan(context.active(), root);
  const child = tracer.startSpan("redis GET", { kind: SpanKind.CLIENT, startTime: [1_700_000_000, 1_000_000] }, rootContext);
  child.addEvent("exception", { "exception.message": "timeout" }, [1_700_000_000, 2_000_000]);
  child.setStatus({ code: SpanStatusCode.ERROR, message: "timeout" });
  child.end([1_700_000_000, 3_000_000]);
  root.end([1_700_000_000, 250_000_005]);

  const loggerProvider = new LoggerProvider({ resource, processors: [new BatchLogRecordProcessor({ exporter: logExporter })] });
  loggerProvider.getLogger("skein-e2e").emit({
    timestamp: [1_700_000_000, 2_500_000],
    severityNumber: SeverityNumber.ERROR,
    severityText: "ERROR",
    body: "cart failed",
    attributes: { "cart.items": 3 },
    context: trace.setSpan(context.active(), child),
  });
  await Promise.all([tracerProvider.forceFlush(), loggerProvider.forceFlush()]);
  await Promise.all([tracerProvider.shutdown(), loggerProvider.shutdown()]);
  return { traceId: root.spanContext().traceId, rootSpanId: root.spanContext().spanId, childSpanId: child.spanContext().spanId };
}

/** What the receiver must have handed to the consumers after runOtelScenario(). */
export function expectScenarioReceived(h: Harness, ids: ScenarioIds): void {
  const spans = h.traces.batches.flatMap((b) => b.spans);
  expect(spans.map((s) => s.name).sort()).toEqual(["GET /cart", "redis GET"]);
  const root = spans.find((s) => s.name === "GET /cart");
  const child = spans.find((s) => s.name === "redis GET");
  expect(bytesToHex(root?.traceId ?? new Uint8Array(0))).toBe(ids.traceId);
  expect(bytesToHex(root?.spanId ?? new Uint8Array(0))).toBe(ids.rootSpanId);
  expect(root?.parentSpanId).toBeNull();
  expect(bytesToHex(child?.parentSpanId ?? new Uint8Array(0))).toBe(ids.rootSpanId);
  expect(root?.service).toBe("cart");
  expect(root?.resource.attributes["service.version"]).toBe("1.2.3");
  expect(root?.scope).toMatchObject({ name: "skein-e2e", version: "0.1.0" });
  expect(root?.kind).toBe(2);
  expect(root?.startTimeUnixNano).toBe(1_700_000_000_000_000_005n);
  expect(root?.endTimeUnixNano).toBe(1_700_000_000_250_000_005n);
  expect(root?.attributes).toMatchObject({ "http.response.status_code": 500n, "http.route": "/cart", retried: true, ratio: 0.5 });
  expect(child?.status).toEqual({ code: 2, message: "timeout" });
  expect(child?.events.map((e) => [e.name, e.timeUnixNano, e.attributes["exception.message"]])).toEqual([["exception", 1_700_000_000_002_000_000n, "timeout"]]);

  const logs = h.logs.batches.flatMap((b) => b.logs);
  expect(logs).toHaveLength(1);
  expect(logs[0]).toMatchObject({ body: "cart failed", severityNumber: 17, severityText: "ERROR", service: "cart", timeUnixNano: 1_700_000_000_002_500_000n });
  expect(logs[0]?.attributes["cart.items"]).toBe(3n);
  expect(bytesToHex(logs[0]?.traceId ?? new Uint8Array(0))).toBe(ids.traceId);
  expect(bytesToHex(logs[0]?.spanId ?? new Uint8Array(0))).toBe(ids.childSpanId);
}
