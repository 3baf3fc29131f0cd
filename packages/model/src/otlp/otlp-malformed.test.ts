import { describe, expect, it } from "vitest";
import { OtlpDecodeError } from "../errors.js";
import { decodeOtlpLogsJson, decodeOtlpLogsProto, decodeOtlpTracesJson, decodeOtlpTracesProto, decodeOtlpTracesProtoReference, encodeOtlpTracesJson, encodeOtlpTracesProto } from "./index.js";
import { sampleSpans } from "./testdata/sample-telemetry.js";

function expectDecodeError(fn: () => unknown, message: RegExp | string): void {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(OtlpDecodeError);
  expect((caught as OtlpDecodeError).code).toBe("SKEIN_ERR_OTLP_DECODE");
  expect((caught as Error).message).toMatch(message);
}

describe("malformed protobuf", () => {
  const valid = encodeOtlpTracesProto(sampleSpans());

  it("throws OtlpDecodeError for truncated payloads at every cut point", () => {
    for (const decode of [decodeOtlpTracesProto, decodeOtlpTracesProtoReference]) {
      for (const cut of [1, 2, 10, 100, valid.length - 1]) expectDecodeError(() => decode(valid.subarray(0, cut)), /ExportTraceServiceRequest/);
    }
  });

  it("throws for an invalid wire type, a bad varint and a length past the end", () => {
    for (const decode of [decodeOtlpTracesProto, decodeOtlpTracesProtoReference, decodeOtlpLogsProto]) {
      expectDecodeError(() => decode(Uint8Array.of(0x0f, 0x01)), /not valid protobuf/);
      expectDecodeError(() => decode(new Uint8Array(11).fill(0xff)), /not valid protobuf/);
      expectDecodeError(() => decode(Uint8Array.of(0x0a, 0x7f, 0x01)), /not valid protobuf/);
      expectDecodeError(() => decode(Uint8Array.of(0x08, 0x05)), /not valid protobuf/);
    }
  });

  it("throws for garbage bytes (text sent as protobuf)", () => {
    const garbage = new TextEncoder().encode('{"resourceSpans": [1, 2, 3]} and some more text to be sure');
    expectDecodeError(() => decodeOtlpTracesProto(garbage), /not valid protobuf/);
    expectDecodeError(() => decodeOtlpLogsProto(garbage), /not valid protobuf/);
  });

  it("decodes an empty payload to an empty batch", () => {
    expect(decodeOtlpTracesProto(new Uint8Array(0))).toEqual({ batch: { spans: [] }, rejected: [] });
    expect(decodeOtlpLogsProto(new Uint8Array(0))).toEqual({ batch: { logs: [] }, rejected: [] });
  });

  it("keeps __proto__ attribute keys as data", () => {
    const [span] = sampleSpans();
    const attributes = Object.create(null) as Record<string, unknown>;
    attributes["__proto__"] = "x";
    attributes["constructor"] = 1n;
    const decoded = decodeOtlpTracesProto(encodeOtlpTracesProto([{ ...span!, attributes: attributes as never }])).batch.spans[0]!;
    expect(Object.keys(decoded.attributes)).toEqual(["__proto__", "constructor"]);
    expect(decoded.attributes["__proto__"]).toBe("x");
    expect(({} as Record<string, unknown>)["x"]).toBeUndefined();
  });
});

describe("malformed OTLP/JSON", () => {
  const spanJson = (patch: Record<string, unknown>): string => {
    const json = encodeOtlpTracesJson(sampleSpans().slice(0, 2)) as unknown as { resourceSpans: { scopeSpans: { spans: Record<string, unknown>[] }[] }[] };
    Object.assign(json.resourceSpans[0]!.scopeSpans[0]!.spans[1]!, patch);
    return JSON.stringify(json);
  };

  it("throws for text that is not JSON or not an object", () => {
    expectDecodeError(() => decodeOtlpTracesJson("{not json"), /not valid JSON/);
    expectDecodeError(() => decodeOtlpTracesJson("[1]"), /ExportTraceServiceRequest: expected an object/);
    expectDecodeError(() => decodeOtlpLogsJson("null"), /expected an object/);
  });

  it("throws OtlpDecodeError, not a stack overflow, for values nested 50,000 deep", () => {
    const deep = '{"arrayValue":{"values":['.repeat(50_000) + '{"stringValue":"x"}' + "]}}".repeat(50_000);
    const attribute = `[{"key":"k","value":${deep}}]`;
    const traces = `{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"0102030405060708090a0b0c0d0e0f10","spanId":"0102030405060708","attributes":${attribute}}]}]}]}`;
    const logs = `{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"body":${deep}}]}]}]}`;
    expect(() => decodeOtlpTracesJson(traces)).toThrow(OtlpDecodeError);
    expect(() => decodeOtlpLogsJson(logs)).toThrow(/nested too deeply/);
  });

  it("names the path of a value of the wrong type", () => {
    expectDecodeError(() => decodeOtlpTracesJson('{"resourceSpans":{}}'), "resourceSpans: expected an array");
    expectDecodeError(() => decodeOtlpTracesJson(spanJson({ startTimeUnixNano: true })), "resourceSpans[0].scopeSpans[0].spans[1].startTimeUnixNano: expected a decimal string or number");
    expectDecodeError(() => decodeOtlpTracesJson(spanJson({ startTimeUnixNano: "12.5" })), /startTimeUnixNano: expected a decimal string or number/);
    expectDecodeError(() => decodeOtlpTracesJson(spanJson({ endTimeUnixNano: "-1" })), /endTimeUnixNano: expected an unsigned 64-bit integer in range/);
    expectDecodeError(() => decodeOtlpTracesJson(spanJson({ name: 5 })), "resourceSpans[0].scopeSpans[0].spans[1].name: expected a string");
    expectDecodeError(() => decodeOtlpTracesJson(spanJson({ kind: "SERVER" })), /spans\[1\]\.kind: expected an enum/);
    expectDecodeError(() => decodeOtlpTracesJson(spanJson({ traceId: 7 })), /spans\[1\]\.traceId: expected a string/);
    expectDecodeError(() => decodeOtlpTracesJson(spanJson({ flags: -1 })), /spans\[1\]\.flags: expected an unsigned 32-bit integer/);
    expectDecodeError(() => decodeOtlpTracesJson(spanJson({ attributes: [{ key: "a", value: { intValue: "9223372036854775808" } }] })), /attributes\[0\]\.value\.intValue: expected a signed 64-bit integer in range/);
    expectDecodeError(() => decodeOtlpTracesJson(spanJson({ attributes: [{ key: "a", value: { bytesValue: "***" } }] })), /attributes\[0\]\.value\.bytesValue: expected base64 bytes/);
    expectDecodeError(() => decodeOtlpTracesJson(spanJson({ events: [{ name: ["x"] }] })), /spans\[1\]\.events\[0\]\.name: expected a string/);
    expectDecodeError(() => decodeOtlpTracesJson(spanJson({ status: "ok" })), /spans\[1\]\.status: expected an object/);
    expectDecodeError(() => decodeOtlpLogsJson('{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"body":{"doubleValue":{}}}]}]}]}'), "resourceLogs[0].scopeLogs[0].logRecords[0].body.doubleValue: expected a number");
  });

  it("treats __proto__ keys as plain data and never pollutes prototypes", () => {
    const text = spanJson({
      __proto__: { polluted: true },
      attributes: [
        { key: "__proto__", value: { kvlistValue: { values: [{ key: "polluted", value: { boolValue: true } }] } } },
        { key: "constructor", value: { stringValue: "c" } },
      ],
    }).replace('"resourceSpans"', '"__proto__":{"polluted":true},"resourceSpans"');
    expect(text).toContain('"__proto__":{"polluted":true}');
    const span = decodeOtlpTracesJson(text).batch.spans[1]!;
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
    expect(Object.getPrototypeOf(span.attributes)).toBeNull();
    expect(Object.keys(span.attributes)).toEqual(["__proto__", "constructor"]);
    expect(span.attributes["__proto__"]).toEqual(Object.assign(Object.create(null), { polluted: true }));
    expect((span.attributes as Record<string, unknown>)["polluted"]).toBeUndefined();
  });
});
