import { LATENCY_BUCKET_COUNT, StatusCode, bytesToHex, latencyBucketLowerNano, latencyBucketOf, spanDurationNano } from "@skein/model";
import type { Span } from "@skein/model";
import { beforeEach, describe, expect, it } from "vitest";
import { and, attribute, compare, intrinsic } from "../filter.js";
import type { SpanFilter } from "../filter.js";
import { BASE_TIME_NANO, attrs, makeResource, makeSpan, spanIdOf, traceIdOf } from "../testing/fixtures.js";
import type { ConformanceContext } from "./harness.js";
import { itWhen } from "./harness.js";
import { countsByBucket, exemplarOf, histogram } from "./span-histogram-helpers.js";

const MS = 1_000_000n;
const S = 1_000_000_000n;
let nextSpan = 1;
/** A span of trace `trace` lasting `duration` ns from `start`. */
const spanOf = (trace: number, duration: bigint, start = BASE_TIME_NANO, more: Partial<Span> = {}): Span =>
  makeSpan({ traceId: traceIdOf(trace), spanId: spanIdOf(nextSpan++), startTimeUnixNano: start, endTimeUnixNano: start + duration, ...more });

/** Buckets whose lower bound and the nanosecond below it are checked; 0 and the open last bucket's neighbours included. */
const BOUNDARY_BUCKETS = [1, 2, 57, 100, 200, LATENCY_BUCKET_COUNT - 2, LATENCY_BUCKET_COUNT - 1];

/**
 * Same-span data: trace 1 has checkout POST /pay (2 s, error, gold, prod) and db SELECT (10 ms,
 * silver, staging); trace 2 has checkout GET /health (1 ms). Each lands in its own bucket.
 */
const PAY = spanOf(1, 2n * S, BASE_TIME_NANO, {
  name: "POST /pay",
  status: { code: StatusCode.ERROR, message: "declined" },
  attributes: attrs({ tier: "gold" }),
  resource: makeResource(attrs({ "service.name": "checkout", env: "prod" })),
});
const SELECT = spanOf(1, 10n * MS, BASE_TIME_NANO + MS, { name: "SELECT", attributes: attrs({ tier: "silver" }), resource: makeResource(attrs({ "service.name": "db", env: "staging" })) });
const HEALTH = spanOf(2, 1n * MS, BASE_TIME_NANO + 2n * MS, { name: "GET /health", service: "checkout" });

/** spanLatencyHistogram: buckets, windows, weights, time range, same-span filters, exemplars. */
export function spanHistogramTests(ctx: ConformanceContext): void {
  const write = (spans: Span[]) => ctx.storage().traces.writer.writeSpans({ spans });

  describe("span latency histogram", () => {
    it("an empty store, and a range without spans, have no cells", async () => {
      expect(await histogram(ctx.storage())).toEqual([]);
      await write([spanOf(1, MS)]);
      expect(await histogram(ctx.storage(), { startTimeMinUnixNano: BASE_TIME_NANO + 1n })).toEqual([]);
    });

    it("bucket = latencyBucketOf(duration), exact at bucket bounds; end before start counts as 0", async () => {
      const spans: Span[] = [spanOf(1, 0n), spanOf(1, 1n), spanOf(1, 999n), spanOf(1, -5n)];
      const expected = new Map<number, number>([[0, 4]]);
      const add = (bucket: number) => expected.set(bucket, (expected.get(bucket) ?? 0) + 1);
      for (const b of BOUNDARY_BUCKETS) {
        const lower = BigInt(latencyBucketLowerNano(b));
        spans.push(spanOf(1, lower), spanOf(1, lower - 1n));
        add(b);
        add(b - 1);
      }
      await write(spans);
      const cells = await histogram(ctx.storage());
      expect(cells.every((c) => c.window === 0n), "no step: every window starts at 0").toBe(true);
      expect(cells.every((c) => c.exemplars.length === 0), "exemplars 0: none").toBe(true);
      expect(countsByBucket(cells)).toEqual(expected);
      const reference = new Map<number, number>();
      for (const s of spans) reference.set(latencyBucketOf(Number(spanDurationNano(s))), (reference.get(latencyBucketOf(Number(spanDurationNano(s)))) ?? 0) + 1);
      expect(countsByBucket(cells)).toEqual(reference);
    });

    it("counts are sums of sample weights", async () => {
      await write([spanOf(1, 5n * MS, BASE_TIME_NANO, { sampleWeight: 2.5 }), spanOf(2, 5n * MS, BASE_TIME_NANO, { sampleWeight: 4 }), spanOf(3, 5n * MS), spanOf(3, 50n * MS, BASE_TIME_NANO, { sampleWeight: 0.25 })]);
      expect(countsByBucket(await histogram(ctx.storage()))).toEqual(new Map([[latencyBucketOf(5e6), 7.5], [latencyBucketOf(5e7), 0.25]]));
    });

    it("the time range is inclusive on span start", async () => {
      const at = (offset: bigint, duration: bigint) => spanOf(1, duration, BASE_TIME_NANO + offset);
      await write([at(-1n, 1_000n), at(0n, 10_000n), at(10n, 100_000n), at(11n, 1_000_000n), at(-S, 10n * S)]);
      const inRange = await histogram(ctx.storage(), { startTimeMinUnixNano: BASE_TIME_NANO, startTimeMaxUnixNano: BASE_TIME_NANO + 10n });
      expect(countsByBucket(inRange)).toEqual(new Map([[latencyBucketOf(1e4), 1], [latencyBucketOf(1e5), 1]]));
      const fromMin = await histogram(ctx.storage(), { startTimeMinUnixNano: BASE_TIME_NANO + 10n });
      expect(countsByBucket(fromMin)).toEqual(new Map([[latencyBucketOf(1e5), 1], [latencyBucketOf(1e6), 1]]));
      const toMax = await histogram(ctx.storage(), { startTimeMaxUnixNano: BASE_TIME_NANO - 1n });
      expect(countsByBucket(toMax)).toEqual(new Map([[latencyBucketOf(1e3), 1], [latencyBucketOf(1e10), 1]]));
    });

    it("windows are floor(start / step) × step, aligned to the epoch", async () => {
      const second = (BASE_TIME_NANO / S) * S;
      const spans = [spanOf(1, MS, second), spanOf(1, MS, second + S - 1n), spanOf(1, MS, second + S), spanOf(1, 100n * MS, second + S + 5n), spanOf(1, MS, second + 3n * S)];
      await write(spans);
      const perSecond = await histogram(ctx.storage(), { stepNano: S });
      const b1 = latencyBucketOf(1e6);
      const b100 = latencyBucketOf(1e8);
      expect(perSecond.map((c) => [c.window - second, c.bucket, c.count])).toEqual([[0n, b1, 2], [S, b1, 1], [S, b100, 1], [3n * S, b1, 1]]);
      // 7 s does not divide a minute: windows start at multiples of 7 s since 1970, not at the first span.
      const step = 7n * S;
      const expected = new Map<bigint, number>();
      for (const s of spans) if (s.endTimeUnixNano - s.startTimeUnixNano === MS) expected.set((s.startTimeUnixNano / step) * step, (expected.get((s.startTimeUnixNano / step) * step) ?? 0) + 1);
      const sevens = (await histogram(ctx.storage(), { stepNano: step })).filter((c) => c.bucket === b1);
      expect(new Map(sevens.map((c) => [c.window, c.count]))).toEqual(expected);
      expect(sevens.every((c) => c.window % step === 0n)).toBe(true);
    });

    describe("same-span filters (as findTraces)", () => {
      beforeEach(() => write([PAY, SELECT, HEALTH]));
      const matched = async (spanFilter: SpanFilter): Promise<string[]> => {
        const cells = await histogram(ctx.storage(), { spanFilter, exemplars: 10 });
        const total = cells.reduce((sum, c) => sum + c.count, 0);
        const spanIds = cells.flatMap((c) => c.exemplars.map((e) => e.spanId)).sort();
        expect(total, "one span per matched cell").toBe(spanIds.length);
        return spanIds;
      };
      const hex = (...spans: Span[]) => spans.map((s) => bytesToHex(s.spanId)).sort();
      const service = (s: string) => compare(intrinsic("service"), "=", s);

      it("service counts spans, not traces", async () => expect(await matched(service("checkout"))).toEqual(hex(PAY, HEALTH)));
      it("name", async () => expect(await matched(compare(intrinsic("name"), "=", "SELECT"))).toEqual(hex(SELECT)));
      it("status", async () => expect(await matched(compare(intrinsic("status"), "=", "error"))).toEqual(hex(PAY)));
      it("duration compare", async () => expect(await matched(compare(intrinsic("duration"), ">=", 10n * MS))).toEqual(hex(PAY, SELECT)));
      it("conditions hold on the same span", async () => {
        expect(await matched(and(service("db"), compare(intrinsic("status"), "=", "error")))).toEqual([]);
        expect(await matched(and(service("checkout"), compare(intrinsic("duration"), "<", 1n * S)))).toEqual(hex(HEALTH));
      });
      itWhen(ctx, ["attributeFilters"], "span and resource attributes", async () => {
        expect(await matched(compare(attribute("tier", "span"), "=", "gold"))).toEqual(hex(PAY));
        expect(await matched(compare(attribute("env", "resource"), "=", "staging"))).toEqual(hex(SELECT));
        expect(await matched(and(compare(attribute("env", "resource"), "=", "prod"), compare(attribute("tier", "span"), "=", "silver")))).toEqual([]);
      });
      itWhen(ctx, ["booleanFilters"], "or and not", async () => {
        expect(await matched({ op: "or", filters: [service("db"), compare(intrinsic("name"), "=", "GET /health")] })).toEqual(hex(SELECT, HEALTH));
        expect(await matched({ op: "not", filter: service("checkout") })).toEqual(hex(SELECT));
      });
    });

    it("exemplars: at most the requested number, each a span of its cell", async () => {
      const slow = Array.from({ length: 5 }, (_, i) => spanOf(10 + i, 40n * MS));
      const fast = [spanOf(20, 2n * MS), spanOf(21, 2n * MS, BASE_TIME_NANO + 1n)];
      await write([...slow, ...fast]);
      const cellSpans = new Map([[latencyBucketOf(4e7), slow.map(exemplarOf)], [latencyBucketOf(2e6), fast.map(exemplarOf)]]);
      for (const wanted of [1, 3, 10]) {
        const cells = await histogram(ctx.storage(), { exemplars: wanted });
        expect(cells.map((c) => [c.bucket, c.count])).toEqual([...cellSpans].map(([b, spans]) => [b, spans.length]).sort((x, y) => x[0]! - y[0]!));
        for (const cell of cells) {
          const own = cellSpans.get(cell.bucket)!;
          expect(cell.exemplars.length).toBeLessThanOrEqual(Math.min(wanted, own.length));
          for (const e of cell.exemplars) expect(own, `exemplar ${e.spanId} of bucket ${cell.bucket}`).toContainEqual(e);
        }
      }
      expect((await histogram(ctx.storage(), { exemplars: 0 })).every((c) => c.exemplars.length === 0)).toBe(true);
    });

    it("an exemplar of a span whose end is before its start has duration 0", async () => {
      const skewed = spanOf(1, -7n);
      await write([skewed]);
      expect(await histogram(ctx.storage(), { exemplars: 1 })).toEqual([{ window: 0n, bucket: 0, count: 1, exemplars: [exemplarOf(skewed)] }]);
      expect(exemplarOf(skewed).durationNano).toBe(0n);
    });

    it("using a shut-down storage rejects with StorageClosedError", async () => {
      await ctx.storage().shutdown();
      await expect(ctx.storage().traces.reader.spanLatencyHistogram({ exemplars: 0 })).rejects.toMatchObject({ code: "SKEIN_ERR_STORAGE_CLOSED" });
    });
  });
}
