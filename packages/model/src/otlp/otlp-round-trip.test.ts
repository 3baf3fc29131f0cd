import { describe, expect, it } from "vitest";
import { decodeOtlpLogsJson, decodeOtlpLogsProto, decodeOtlpTracesJson, decodeOtlpTracesProto, decodeOtlpTracesProtoReference, encodeOtlpLogsJson, encodeOtlpLogsProto, encodeOtlpTracesJson, encodeOtlpTracesProto } from "./index.js";
import { sampleLogs, sampleSpans } from "./testdata/sample-telemetry.js";

describe("OTLP round trips", () => {
  it("traces survive protobuf encode → decode exactly (both decoders)", () => {
    const spans = sampleSpans();
    const bytes = encodeOtlpTracesProto(spans);
    for (const decode of [decodeOtlpTracesProto, decodeOtlpTracesProtoReference]) {
      const decoded = decode(bytes);
      expect(decoded.rejected).toEqual([]);
      expect(decoded.batch.spans).toStrictEqual(spans);
    }
  });

  it("traces survive OTLP/JSON encode → stringify → decode exactly", () => {
    const spans = sampleSpans();
    const text = JSON.stringify(encodeOtlpTracesJson(spans));
    const decoded = decodeOtlpTracesJson(text);
    expect(decoded.rejected).toEqual([]);
    expect(decoded.batch.spans).toStrictEqual(spans);
  });

  it("logs survive protobuf and JSON round trips exactly", () => {
    const logs = sampleLogs();
    expect(decodeOtlpLogsProto(encodeOtlpLogsProto(logs))).toStrictEqual({ batch: { logs }, rejected: [] });
    expect(decodeOtlpLogsJson(JSON.stringify(encodeOtlpLogsJson(logs)))).toStrictEqual({ batch: { logs }, rejected: [] });
  });

  it("shares one Resource and one scope object per ResourceSpans / ScopeSpans", () => {
    const spans = decodeOtlpTracesProto(encodeOtlpTracesProto(sampleSpans())).batch.spans;
    expect(spans[0]!.resource).toBe(spans[2]!.resource);
    expect(spans[0]!.scope).toBe(spans[1]!.scope);
    expect(spans[0]!.scope).not.toBe(spans[2]!.scope);
    expect(spans[3]!.resource).not.toBe(spans[0]!.resource);
    expect(spans.map((s) => s.service)).toEqual(["checkout", "checkout", "checkout", "unknown_service", "unknown_service"]);
  });

  it("keeps int64 exact beyond 2^53 and the type of every value", () => {
    const attributes = decodeOtlpTracesJson(JSON.stringify(encodeOtlpTracesJson(sampleSpans()))).batch.spans[0]!.attributes;
    expect(attributes["intBeyond53"]).toBe(9007199254740993n);
    expect(attributes["intMin"]).toBe(-(2n ** 63n));
    expect(attributes["double"]).toBe(0.5);
    expect(attributes["doubleZero"]).toBe(0);
    expect(attributes["empty"]).toBeNull();
    expect(attributes["bytes"]).toBeInstanceOf(Uint8Array);
    expect(Object.getPrototypeOf(attributes)).toBeNull();
  });

  it("regroups interleaved spans by resource and scope identity, keeping schema URLs", () => {
    const [s1, s2, s3, s4] = sampleSpans();
    const json = encodeOtlpTracesJson([s1!, s4!, s3!, s2!]);
    expect(json.resourceSpans).toHaveLength(2);
    expect(json.resourceSpans[0]!.schemaUrl).toBe("https://opentelemetry.io/schemas/1.26.0");
    expect(json.resourceSpans[0]!.scopeSpans.map((ss) => [ss.scope.name, ss.schemaUrl, ss.spans.map((s) => s.name)])).toEqual([
      ["http", "https://opentelemetry.io/schemas/1.24.0", ["op-1", "op-2"]],
      ["db", undefined, ["op-3"]],
    ]);
    expect(json.resourceSpans[1]!.scopeSpans[0]!.spans.map((s) => s.name)).toEqual([""]);
  });

  it("emits OTLP/JSON with hex ids, int64 strings and numeric enums", () => {
    const json = encodeOtlpTracesJson(sampleSpans().slice(0, 1));
    const span = json.resourceSpans[0]!.scopeSpans[0]!.spans[0]!;
    expect(span.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(span.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(span.startTimeUnixNano).toBe("1700000000123456790");
    expect(span.kind).toBe(2);
    expect(span.status).toEqual({ code: 2, message: "boom" });
    expect(span.events![0]!.timeUnixNano).toBe("18446744073709551615");
    expect(span.attributes.find((kv) => kv.key === "intMin")!.value).toEqual({ intValue: "-9223372036854775808" });
    expect(span.attributes.find((kv) => kv.key === "bytes")!.value).toEqual({ bytesValue: "AAH+/w==" });
    expect(() => JSON.stringify(json)).not.toThrow();
  });
});
