import { bytesToHex } from "@skein/model";
import { describe, expect, it } from "vitest";
import { BASE_TIME_NANO, collect, makeSpan, spanIdOf, traceIdOf } from "../testing/fixtures.js";
import type { ConformanceContext } from "./harness.js";
import { bySpanId, richSpan } from "./fixtures.js";

/** writeSpans → getTrace is lossless, whole-trace and exact-id. */
export function traceRoundTripTests(ctx: ConformanceContext): void {
  describe("trace round trip", () => {
    it("returns every field of a span exactly as written", async () => {
      const span = richSpan();
      const root = makeSpan({ traceId: span.traceId, spanId: spanIdOf(999), parentSpanId: null, startTimeUnixNano: 1_700_000_000_123_456_789n, endTimeUnixNano: 1_700_000_000_123_456_790n });
      await ctx.storage().traces.writer.writeSpans({ spans: [richSpan(), root] });
      const got = bySpanId(await collect(ctx.storage().traces.reader.getTrace(span.traceId)));
      expect(got).toHaveLength(2);
      expect(got[1]).toEqual(span);
      expect(got[0]).toEqual(root);
      expect(got[0]!.parentSpanId).toBeNull();
      expect(got[0]!.startTimeUnixNano).toBe(1_700_000_000_123_456_789n);
    });

    it("keeps int and double apart and int64 exact", async () => {
      await ctx.storage().traces.writer.writeSpans({ spans: [richSpan()] });
      const [got] = await collect(ctx.storage().traces.reader.getTrace(traceIdOf(1)));
      const a = got!.attributes;
      expect(typeof a["double.integral"]).toBe("number");
      expect(typeof a["int.zero"]).toBe("bigint");
      expect(a["int.beyond-double"]).toBe(9_007_199_254_740_993n);
      expect(a["int.min"]).toBe(-9_223_372_036_854_775_808n);
      expect(a["double.tenth"]).toBe(0.1);
      expect(Object.hasOwn(a, "__proto__")).toBe(true);
      expect(a["__proto__"]).toBe("proto key");
      expect(a[""]).toBe("empty key");
      expect(a["empty"]).toBeNull();
      expect(got!.resource.attributes["int.min"]).toBe(-9_223_372_036_854_775_808n);
      expect(got!.events[0]!.attributes["int.beyond-double"]).toBe(9_007_199_254_740_993n);
      expect(got!.links[0]!.attributes["bytes"]).toEqual(new Uint8Array([0, 1, 127, 128, 255]));
      expect(got!.scope.attributes["array.nested"]).toEqual(richSpan().attributes["array.nested"]);
    });

    it("yields nothing for an unknown trace id", async () => {
      await ctx.storage().traces.writer.writeSpans({ spans: [makeSpan({ traceId: traceIdOf(1) })] });
      expect(await collect(ctx.storage().traces.reader.getTrace(traceIdOf(2)))).toEqual([]);
    });

    it("returns only the spans of the asked trace, including one written in two batches", async () => {
      const t = traceIdOf(10);
      const first = [makeSpan({ traceId: t, name: "root" }), makeSpan({ traceId: t, parentSpanId: spanIdOf(1), name: "a" })];
      const other = [makeSpan({ traceId: traceIdOf(11), name: "other" })];
      const second = [makeSpan({ traceId: t, parentSpanId: spanIdOf(1), name: "b", startTimeUnixNano: BASE_TIME_NANO + 5n })];
      await ctx.storage().traces.writer.writeSpans({ spans: [...first, ...other] });
      await ctx.storage().traces.writer.writeSpans({ spans: second });
      const got = await collect(ctx.storage().traces.reader.getTrace(t));
      expect(got.map((s) => bytesToHex(s.spanId)).sort()).toEqual([...first, ...second].map((s) => bytesToHex(s.spanId)).sort());
      expect(got.map((s) => s.name).sort()).toEqual(["a", "b", "root"]);
    });

    it("returns a trace larger than any reasonable chunk whole", async () => {
      const t = traceIdOf(20);
      const spans = Array.from({ length: 2_500 }, (_, i) => makeSpan({ traceId: t, spanId: spanIdOf(i + 1), parentSpanId: i === 0 ? null : spanIdOf(1), name: `op-${i}` }));
      await ctx.storage().traces.writer.writeSpans({ spans });
      const got = await collect(ctx.storage().traces.reader.getTrace(t));
      expect(new Set(got.map((s) => s.name)).size).toBe(2_500);
      expect(got.every((s) => bytesToHex(s.traceId) === bytesToHex(t))).toBe(true);
    });

    it("accepts an empty batch", async () => {
      await ctx.storage().traces.writer.writeSpans({ spans: [] });
      expect(await ctx.storage().traces.reader.getServices()).toEqual([]);
    });
  });
}
