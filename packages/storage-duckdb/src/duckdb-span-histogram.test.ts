import { LATENCY_BUCKET_COUNT, latencyBucketOf, latencyBucketUpperNano } from "@skein/model";
import type { Span } from "@skein/model";
import { compare, intrinsic } from "@skein/storage";
import { describe, expect, it } from "vitest";
import { makeSpan, traceId } from "./testdata/fixtures.js";
import { withStorage } from "./testdata/temp-storage.js";

const START = 1_700_000_000_000_000_000n;

function spanAt(i: number, durationNano: bigint, over: Partial<Span> = {}): Span {
  const spanId = new Uint8Array(8);
  new DataView(spanId.buffer).setUint32(4, i + 1);
  return makeSpan({ traceId: traceId(i % 250), spanId, startTimeUnixNano: START + BigInt(i), endTimeUnixNano: START + BigInt(i) + durationNano, ...over });
}

describe("duckdb spanLatencyHistogram", () => {
  it("buckets every duration exactly as latencyBucketOf, at each bound and one ns either side", async () => {
    const durations = new Set<bigint>([0n, 1n, 999n, 2n ** 40n, 2n ** 60n]);
    for (let b = 0; b < LATENCY_BUCKET_COUNT - 1; b++) {
      const bound = BigInt(latencyBucketUpperNano(b)!);
      for (const d of [bound - 1n, bound, bound + 1n]) durations.add(d);
    }
    const list = [...durations];
    await withStorage(async (storage) => {
      await storage.traces.writer.writeSpans({ spans: list.map((d, i) => spanAt(i, d, { name: `d${d}` })) });
      // One query per duration would be slow; a step of 1 ns puts each span (start START + i) in its own window.
      const cells = await storage.traces.reader.spanLatencyHistogram({ stepNano: 1n, exemplars: 1 });
      expect(cells).toHaveLength(list.length);
      for (const cell of cells) {
        const i = Number(cell.windowStartUnixNano - START);
        expect({ d: list[i], bucket: cell.bucket }).toEqual({ d: list[i], bucket: latencyBucketOf(Number(list[i]!)) });
        expect(cell.exemplars[0]!.durationNano).toBe(list[i]);
      }
    });
  });

  it("sums sample weights per window and bucket; negative durations count as 0; exemplars bounded", async () => {
    await withStorage(async (storage) => {
      const spans = [
        spanAt(0, 5000n, { sampleWeight: 4 }),
        spanAt(1, 5001n, { sampleWeight: 0.5 }),
        spanAt(2, 5002n),
        spanAt(1_000, 5000n), // next 1 µs window
        spanAt(3, 0n, { endTimeUnixNano: START - 10n }), // end before start: duration 0
      ];
      await storage.traces.writer.writeSpans({ spans });
      const cells = await storage.traces.reader.spanLatencyHistogram({ stepNano: 1000n, exemplars: 2 });
      const byKey = Object.fromEntries(cells.map((c) => [`${c.windowStartUnixNano - START}/${c.bucket}`, c]));
      const b5000 = latencyBucketOf(5000);
      expect(Object.keys(byKey).sort()).toEqual([`0/${b5000}`, "0/0", `1000/${b5000}`].sort());
      expect(byKey[`0/${b5000}`]!.count).toBe(5.5);
      expect(byKey[`0/${b5000}`]!.exemplars.map((e) => e.durationNano)).toEqual([5002n, 5001n]); // latest starts first
      expect(byKey["0/0"]!.exemplars).toEqual([{ traceId: traceId(3), spanId: spans[4]!.spanId, durationNano: 0n }]);
      expect(byKey[`1000/${b5000}`]!.count).toBe(1);
      const none = await storage.traces.reader.spanLatencyHistogram({ exemplars: 0 });
      expect(none.map((c) => [c.windowStartUnixNano, c.exemplars.length])).toEqual(none.map(() => [0n, 0]));
      expect(none.reduce((sum, c) => sum + c.count, 0)).toBe(7.5);
    });
  });

  it("applies the span filter (same span) and the inclusive start range as the trace search does", async () => {
    await withStorage(async (storage) => {
      await storage.traces.writer.writeSpans({
        spans: [spanAt(0, 2000n, { service: "cart", name: "a" }), spanAt(1, 2000n, { service: "web", name: "a" }), spanAt(2, 2000n, { service: "cart", name: "b" }), spanAt(3, 2000n, { service: "cart", name: "a" })],
      });
      const reader = storage.traces.reader;
      const filter = { op: "and" as const, filters: [compare(intrinsic("service"), "=", "cart"), compare(intrinsic("name"), "=", "a")] };
      const all = await reader.spanLatencyHistogram({ spanFilter: filter, exemplars: 10 });
      expect(all.map((c) => c.count)).toEqual([2]);
      const ranged = await reader.spanLatencyHistogram({ spanFilter: filter, startTimeMinUnixNano: START, startTimeMaxUnixNano: START + 2n, exemplars: 10 });
      expect(ranged.map((c) => c.exemplars.map((e) => e.spanId[7]))).toEqual([[1]]);
      await expect(reader.spanLatencyHistogram({ stepNano: 0n, exemplars: 0 })).rejects.toThrow(RangeError);
    });
  });
});
