import { SpanKind as ApiSpanKind, SpanStatusCode, context, trace } from "@opentelemetry/api";
import type { HrTime } from "@opentelemetry/api";
import { SeverityNumber } from "@opentelemetry/api-logs";
import { JsonLogsSerializer, JsonTraceSerializer, ProtobufLogsSerializer, ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor } from "@opentelemetry/sdk-logs";
import type { ReadableLogRecord } from "@opentelemetry/sdk-logs";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { describe, expect, it } from "vitest";
import type { AnyValue, Attributes } from "../any-value.js";
import { bytesToHex } from "../ids.js";
import type { LogRecord } from "../log-record.js";
import type { Span } from "../span.js";
import { decodeOtlpLogsJson, decodeOtlpLogsProto, decodeOtlpTracesJson, decodeOtlpTracesProto, decodeOtlpTracesProtoReference } from "./index.js";

/** Payloads produced by the real OpenTelemetry JS serializers (what the exporters send). */

const ns = (t: HrTime): bigint => BigInt(t[0]) * 1_000_000_000n + BigInt(t[1]);

/** OTel JS attribute values as the OTLP transformer types them: integral numbers → int64. */
function expected(value: unknown): AnyValue {
  if (typeof value === "number") return Number.isInteger(value) ? BigInt(value) : value;
  if (Array.isArray(value)) return value.map(expected);
  if (value instanceof Uint8Array) return value;
  if (value === undefined) return null;
  if (typeof value === "object" && value !== null) return expectedAttributes(value as Record<string, unknown>);
  return value as AnyValue;
}

function expectedAttributes(attributes: Record<string, unknown>): Attributes {
  const out = Object.create(null) as Attributes;
  for (const [k, v] of Object.entries(attributes)) out[k] = expected(v);
  return out;
}

async function recordSpans(): Promise<ReadableSpan[]> {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ "service.name": "cart", "service.version": "1.4.0", "process.pid": 4242 }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const tracer = provider.getTracer("cart-lib", "2.0.1");
  const root = tracer.startSpan("POST /cart", {
    kind: ApiSpanKind.SERVER,
    attributes: { "http.request.method": "POST", "http.response.status_code": 503, ratio: 0.25, ok: false, tags: ["a", "b"], codes: [1, 2], big: 2 ** 53 + 2 },
  });
  const ctx = trace.setSpan(context.active(), root);
  const child = tracer.startSpan("SELECT cart", { kind: ApiSpanKind.CLIENT, attributes: { "db.system": "postgresql" } }, ctx);
  child.addEvent("exception", { "exception.type": "TimeoutError", "exception.message": "took too long" }, [1_700_000_000, 123_456_789]);
  child.addLink({ context: { traceId: "0af7651916cd43dd8448eb211c80319c", spanId: "b7ad6b7169203331", traceFlags: 1, isRemote: true }, attributes: { why: "batch" } });
  child.setStatus({ code: SpanStatusCode.ERROR, message: "timeout" });
  child.end([1_700_000_001, 5]);
  tracer.startSpan("produce", { kind: ApiSpanKind.PRODUCER }, ctx).end();
  root.setStatus({ code: SpanStatusCode.OK });
  root.end();
  await provider.forceFlush();
  return exporter.getFinishedSpans();
}

function expectSameSpan(decoded: Span, sdk: ReadableSpan): void {
  const sc = sdk.spanContext();
  expect(bytesToHex(decoded.traceId)).toBe(sc.traceId);
  expect(bytesToHex(decoded.spanId)).toBe(sc.spanId);
  expect(decoded.parentSpanId === null ? undefined : bytesToHex(decoded.parentSpanId)).toBe(sdk.parentSpanContext?.spanId);
  expect(decoded.name).toBe(sdk.name);
  expect(decoded.kind).toBe(sdk.kind + 1);
  expect(decoded.startTimeUnixNano).toBe(ns(sdk.startTime));
  expect(decoded.endTimeUnixNano).toBe(ns(sdk.endTime));
  expect(decoded.attributes).toStrictEqual(expectedAttributes(sdk.attributes));
  expect(decoded.droppedAttributesCount).toBe(sdk.droppedAttributesCount);
  expect(decoded.status).toEqual({ code: sdk.status.code, message: sdk.status.message ?? "" });
  expect(decoded.flags).toBe(sc.traceFlags | 0x100);
  expect(decoded.traceState).toBe(sc.traceState?.serialize() ?? "");
  expect(decoded.events).toStrictEqual(
    sdk.events.map((e) => ({ timeUnixNano: ns(e.time), name: e.name, attributes: expectedAttributes(e.attributes ?? {}), droppedAttributesCount: e.droppedAttributesCount ?? 0 })),
  );
  expect(decoded.links.map((l) => ({ traceId: bytesToHex(l.traceId), spanId: bytesToHex(l.spanId), attributes: l.attributes, flags: l.flags }))).toStrictEqual(
    sdk.links.map((l) => ({
      traceId: l.context.traceId,
      spanId: l.context.spanId,
      attributes: expectedAttributes(l.attributes ?? {}),
      flags: l.context.traceFlags | 0x100 | (l.context.isRemote ? 0x200 : 0),
    })),
  );
  expect(decoded.resource.attributes).toStrictEqual(expectedAttributes(sdk.resource.attributes));
  expect(decoded.scope).toMatchObject({ name: sdk.instrumentationScope.name, version: sdk.instrumentationScope.version });
  expect(decoded.service).toBe("cart");
  expect(decoded.sampleWeight).toBe(1);
}

describe("payloads from the OpenTelemetry JS serializers", () => {
  it("decodes ProtobufTraceSerializer and JsonTraceSerializer output field by field", async () => {
    const sdkSpans = await recordSpans();
    expect(sdkSpans).toHaveLength(3);
    const proto = ProtobufTraceSerializer.serializeRequest(sdkSpans)!;
    const json = new TextDecoder().decode(JsonTraceSerializer.serializeRequest(sdkSpans)!);
    const results = [decodeOtlpTracesProto(proto), decodeOtlpTracesProtoReference(proto), decodeOtlpTracesJson(json)];
    for (const { batch, rejected } of results) {
      expect(rejected).toEqual([]);
      expect(batch.spans).toHaveLength(3);
      for (const sdk of sdkSpans) expectSameSpan(batch.spans.find((s) => bytesToHex(s.spanId) === sdk.spanContext().spanId)!, sdk);
    }
    expect(results[1]!.batch).toStrictEqual(results[0]!.batch);
    expect(results[2]!.batch).toStrictEqual(results[0]!.batch);
  });

  it("decodes ProtobufLogsSerializer and JsonLogsSerializer output field by field", async () => {
    const exporter = new InMemoryLogRecordExporter();
    const provider = new LoggerProvider({ resource: resourceFromAttributes({ "service.name": "cart" }), processors: [new SimpleLogRecordProcessor({ exporter })] });
    const logger = provider.getLogger("cart-log", "3.0.0");
    const spanContext = { traceId: "0af7651916cd43dd8448eb211c80319c", spanId: "b7ad6b7169203331", traceFlags: 1 };
    const ctx = trace.setSpanContext(context.active(), spanContext);
    logger.emit({ severityNumber: SeverityNumber.ERROR, severityText: "ERROR", body: "payment failed", attributes: { attempt: 3, card: "visa" }, context: ctx, eventName: "payment.failed", timestamp: [1_700_000_000, 42] });
    logger.emit({ severityNumber: SeverityNumber.INFO2, body: { nested: { list: [1, "x"] }, raw: new Uint8Array([1, 2, 3]) } });
    await provider.forceFlush();
    const sdkLogs: ReadableLogRecord[] = exporter.getFinishedLogRecords();
    const proto = ProtobufLogsSerializer.serializeRequest(sdkLogs)!;
    const json = new TextDecoder().decode(JsonLogsSerializer.serializeRequest(sdkLogs)!);
    for (const { batch, rejected } of [decodeOtlpLogsProto(proto), decodeOtlpLogsJson(json)]) {
      expect(rejected).toEqual([]);
      const [a, b] = batch.logs as [LogRecord, LogRecord];
      expect(a).toMatchObject({ severityNumber: 17, severityText: "ERROR", body: "payment failed", eventName: "payment.failed", flags: 1, service: "cart" });
      expect(a.timeUnixNano).toBe(ns(sdkLogs[0]!.hrTime));
      expect(a.observedTimeUnixNano).toBe(ns(sdkLogs[0]!.hrTimeObserved));
      expect(bytesToHex(a.traceId!)).toBe(spanContext.traceId);
      expect(bytesToHex(a.spanId!)).toBe(spanContext.spanId);
      expect(a.attributes).toStrictEqual(expectedAttributes({ attempt: 3, card: "visa" }));
      expect(a.scope).toMatchObject({ name: "cart-log", version: "3.0.0" });
      expect(b).toMatchObject({ severityNumber: 10, traceId: null, spanId: null, eventName: "" });
      expect(b.body).toStrictEqual(expected({ nested: { list: [1, "x"] }, raw: new Uint8Array([1, 2, 3]) }));
    }
  });
});
