import { describe, expect, it } from "vitest";
import type { Span } from "../span.js";
import { decodeOtlpLogsJson, decodeOtlpLogsProto, decodeOtlpTracesJson, decodeOtlpTracesProto, decodeOtlpTracesProtoReference, encodeOtlpLogsJson, encodeOtlpLogsProto, encodeOtlpTracesJson, encodeOtlpTracesProto } from "./index.js";
import { id, sampleLogs, sampleSpans } from "./testdata/sample-telemetry.js";

/** Five spans of one ResourceSpans/ScopeSpans; spans 1–4 get a broken id each. */
function spansWithBadIds(): Span[] {
  const [good] = sampleSpans();
  const variants: Partial<Span>[] = [
    {},
    { traceId: id(4, 1) },
    { traceId: new Uint8Array(16) },
    { spanId: new Uint8Array(8) },
    { parentSpanId: id(3, 2) },
    { spanId: id(9, 3) },
  ];
  return variants.map((v) => ({ ...good!, ...v }));
}

const EXPECTED_REASONS = [
  "span 1 of resourceSpans[0].scopeSpans[0]: trace id must be 16 bytes, got 4",
  "span 2 of resourceSpans[0].scopeSpans[0]: trace id must not be all zero",
  "span 3 of resourceSpans[0].scopeSpans[0]: span id must not be all zero",
  "span 4 of resourceSpans[0].scopeSpans[0]: parent span id must be 8 bytes, got 3",
  "span 5 of resourceSpans[0].scopeSpans[0]: span id must be 8 bytes, got 9",
];

describe("per-span rejection", () => {
  it("rejects spans with invalid ids one by one and keeps the others (protobuf, both decoders)", () => {
    const bytes = encodeOtlpTracesProto(spansWithBadIds());
    for (const decode of [decodeOtlpTracesProto, decodeOtlpTracesProtoReference]) {
      const decoded = decode(bytes);
      expect(decoded.rejected.map((r) => r.reason)).toEqual(EXPECTED_REASONS);
      expect(decoded.batch.spans).toHaveLength(1);
      expect(decoded.batch.spans[0]!.name).toBe("op-1");
    }
  });

  it("rejects the same spans from OTLP/JSON, and ids that are not hex", () => {
    const json = encodeOtlpTracesJson(spansWithBadIds());
    json.resourceSpans[0]!.scopeSpans[0]!.spans.push({ ...json.resourceSpans[0]!.scopeSpans[0]!.spans[0]!, traceId: "zz".repeat(16) });
    json.resourceSpans[0]!.scopeSpans[0]!.spans.push({ ...json.resourceSpans[0]!.scopeSpans[0]!.spans[0]!, spanId: "" });
    const decoded = decodeOtlpTracesJson(JSON.stringify(json));
    expect(decoded.rejected.map((r) => r.reason)).toEqual([
      ...EXPECTED_REASONS,
      "span 6 of resourceSpans[0].scopeSpans[0]: trace id is not hex",
      "span 7 of resourceSpans[0].scopeSpans[0]: span id must be 8 bytes, got 0",
    ]);
    expect(decoded.batch.spans).toHaveLength(1);
  });

  it("treats empty or all-zero log ids as uncorrelated and rejects wrong lengths", () => {
    const [base] = sampleLogs();
    const logs = [
      { ...base!, traceId: new Uint8Array(16), spanId: new Uint8Array(8) },
      { ...base!, traceId: id(5, 1) },
      { ...base!, traceId: id(16, 1), spanId: id(7, 1) },
      { ...base!, traceId: id(16, 1), spanId: id(8, 1) },
    ];
    for (const decoded of [decodeOtlpLogsProto(encodeOtlpLogsProto(logs)), decodeOtlpLogsJson(JSON.stringify(encodeOtlpLogsJson(logs)))]) {
      expect(decoded.rejected.map((r) => r.reason)).toEqual([
        "log record 1 of resourceLogs[0].scopeLogs[0]: trace id must be 16 bytes, got 5",
        "log record 2 of resourceLogs[0].scopeLogs[0]: span id must be 8 bytes, got 7",
      ]);
      expect(decoded.batch.logs.map((l) => [l.traceId, l.spanId])).toEqual([
        [null, null],
        [id(16, 1), id(8, 1)],
      ]);
    }
  });
});
