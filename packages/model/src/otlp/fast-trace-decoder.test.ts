import protobuf from "protobufjs";
import { describe, expect, it } from "vitest";
import { OtlpDecodeError } from "../errors.js";
import { decodeOtlpTracesProtoFast } from "./fast-trace-decoder.js";
import { decodeOtlpTracesProtoReference } from "./proto-traces-decoder.js";
import { encodeOtlpTracesProto } from "./proto-traces-encoder.js";
import { ExportTraceServiceRequest } from "./proto-root.js";
import { randomSpans } from "./testdata/random-spans.js";
import { sampleSpans } from "./testdata/sample-telemetry.js";
import { mulberry32 } from "./testdata/semconv-spans.js";

describe("hand-written trace decoder", () => {
  it("decodes random payloads exactly like the protobufjs reference", () => {
    let spanCount = 0;
    let rejectedCount = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const spans = randomSpans(seed, 6, seed % 2 === 0);
      const bytes = encodeOtlpTracesProto(spans);
      const fast = decodeOtlpTracesProtoFast(bytes);
      expect(fast).toStrictEqual(decodeOtlpTracesProtoReference(bytes));
      if (seed % 2 === 1) expect(fast.batch.spans).toStrictEqual(spans);
      spanCount += fast.batch.spans.length;
      rejectedCount += fast.rejected.length;
    }
    expect(spanCount).toBeGreaterThan(200);
    expect(rejectedCount).toBeGreaterThan(10);
  });

  it("accepts fields in any order: resource and schema_url after the spans", () => {
    const spans = sampleSpans().slice(0, 3);
    const ResourceSpans = ExportTraceServiceRequest.root.lookupType("opentelemetry.proto.trace.v1.ResourceSpans");
    const request = ExportTraceServiceRequest.decode(encodeOtlpTracesProto(spans)) as unknown as { resourceSpans: { resource: object; scopeSpans: object[]; schemaUrl: string }[] };
    const rs = request.resourceSpans[0]!;
    // Concatenated encodings of one message merge: scope_spans, then schema_url, then resource.
    const body = Buffer.concat([
      ResourceSpans.encode({ scopeSpans: rs.scopeSpans }).finish(),
      ResourceSpans.encode({ schemaUrl: rs.schemaUrl }).finish(),
      ResourceSpans.encode({ resource: rs.resource }).finish(),
    ]);
    const reordered = protobuf.Writer.create().uint32(0x0a).bytes(body).finish();
    expect(body[0]).toBe(0x12);
    expect(decodeOtlpTracesProtoFast(reordered)).toStrictEqual({ batch: { spans }, rejected: [] });
    expect(decodeOtlpTracesProtoReference(reordered)).toStrictEqual({ batch: { spans }, rejected: [] });
  });

  it("decodes a Buffer view at a non-zero offset of a larger pooled buffer", () => {
    const bytes = encodeOtlpTracesProto(sampleSpans());
    const view = Buffer.concat([Buffer.from("junk before"), bytes, Buffer.from("after")]).subarray(11, 11 + bytes.length);
    expect(decodeOtlpTracesProtoFast(view).batch.spans).toStrictEqual(sampleSpans());
    expect(decodeOtlpTracesProtoFast(view).batch.spans[0]!.traceId.byteOffset).toBe(0);
  });

  it("rejects a known field with the wrong wire type", () => {
    // ResourceSpans { ScopeSpans { Span { name (field 5) as a varint } } }
    const bytes = Uint8Array.of(0x0a, 0x06, 0x12, 0x04, 0x12, 0x02, 0x28, 0x01);
    expect(() => decodeOtlpTracesProtoFast(bytes)).toThrow("Span field 5 has wire type 0 at byte 7 (in resourceSpans[0].scopeSpans[0].spans[0])");
  });

  it("skips unknown fields of every wire type", () => {
    const bytes = encodeOtlpTracesProto(sampleSpans().slice(0, 1));
    const unknown = Uint8Array.of(0xf8, 0x01, 0x05, 0xf9, 0x01, 1, 2, 3, 4, 5, 6, 7, 8, 0xfa, 0x01, 0x02, 0xaa, 0xbb, 0xfd, 0x01, 1, 2, 3, 4);
    const withUnknown = new Uint8Array([...unknown, ...bytes, ...unknown]);
    expect(decodeOtlpTracesProtoFast(withUnknown)).toStrictEqual(decodeOtlpTracesProtoFast(bytes));
  });

  it("throws only OtlpDecodeError on corrupted payloads (random truncation and byte flips)", () => {
    const rand = mulberry32(99);
    const valid = encodeOtlpTracesProto(randomSpans(7, 4, true));
    let errors = 0;
    for (let i = 0; i < 300; i++) {
      const bytes = valid.slice(0, 1 + Math.floor(rand() * valid.length));
      for (let flips = 1 + Math.floor(rand() * 4); flips > 0; flips--) bytes[Math.floor(rand() * bytes.length)] = Math.floor(rand() * 256);
      try {
        decodeOtlpTracesProtoFast(bytes);
      } catch (error) {
        expect(error).toBeInstanceOf(OtlpDecodeError);
        errors++;
      }
    }
    expect(errors).toBeGreaterThan(100);
  });

  it("survives deeply nested values as an OtlpDecodeError, not a crash", () => {
    // A span attribute whose AnyValue nests array_value 100000 levels deep, written outside-in.
    const depth = 100_000;
    const varint = (n: number): number[] => {
      const out: number[] = [];
      for (; n > 127; n >>>= 7) out.push((n & 0x7f) | 0x80);
      out.push(n);
      return out;
    };
    const valueLen = [0];
    const arrayLen = [0];
    for (let k = 1; k <= depth; k++) {
      arrayLen[k] = 1 + varint(valueLen[k - 1]!).length + valueLen[k - 1]!;
      valueLen[k] = 1 + varint(arrayLen[k]!).length + arrayLen[k]!;
    }
    const bytes: number[] = [];
    for (let k = depth; k >= 1; k--) bytes.push(0x2a, ...varint(arrayLen[k]!), 0x0a, ...varint(valueLen[k - 1]!));
    const wrap = (tag: number, body: Uint8Array): Uint8Array => protobuf.Writer.create().uint32(tag).bytes(body).finish();
    const keyValue = new Uint8Array([0x0a, 0x01, 0x6b, 0x12, ...varint(valueLen[depth]!), ...bytes]);
    const request = wrap(0x0a, wrap(0x12, wrap(0x12, wrap(0x4a, keyValue))));
    expect(() => decodeOtlpTracesProtoFast(request)).toThrow(OtlpDecodeError);
    expect(() => decodeOtlpTracesProtoReference(request)).toThrow(OtlpDecodeError);
    // An empty ResourceSpans is fine.
    expect(decodeOtlpTracesProtoFast(wrap(0x0a, new Uint8Array(0))).batch.spans).toEqual([]);
  });
});
