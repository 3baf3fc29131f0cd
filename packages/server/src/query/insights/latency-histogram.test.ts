import { apiLatencyHistogramResponseSchema, bytesToHex, latencyBucketLowerNano, latencyBucketOf, latencyBucketUpperNano, LATENCY_BUCKET_COUNT } from "@skein/model";
import { UnsupportedQueryError } from "@skein/storage";
import { spanIdOf, traceIdOf } from "@skein/storage/testing";
import { describe, expect, it } from "vitest";
import { InvalidParameterError } from "../errors.js";
import { MAX_HEATMAP_RANGE_DAYS, buildLatencyHistogramQuery, latencyBucketsOf } from "./latency-histogram.js";

const MS = 1_000_000n;
const NOW = 1_700_000_600_123n * MS;
const full = { kind: "memory", capabilities: { attributeFilters: true, regex: true, booleanFilters: true } };

describe("buildLatencyHistogramQuery", () => {
  it("uses the search filters on one span, the last hour by default, and 3 exemplars", () => {
    const query = buildLatencyHistogramQuery(full, { service: "api", status: "error", minDuration: "10ms" }, NOW);
    expect(query.startTimeMaxUnixNano).toBe(NOW);
    expect(query.startTimeMinUnixNano).toBe(NOW - 3_600_000n * MS);
    expect(query.exemplars).toBe(3);
    expect(query.stepNano).toBeUndefined();
    expect(query.spanFilter).toMatchObject({ op: "and" });
    expect((query.spanFilter as { filters: unknown[] }).filters).toHaveLength(3);
  });

  it("ANDs the span kind into the same-span filter", () => {
    const kindOnly = buildLatencyHistogramQuery(full, { kind: "server" }, NOW);
    expect(kindOnly.spanFilter).toEqual({ op: "compare", field: { type: "intrinsic", name: "kind" }, cmp: "=", value: "server" });
    const one = buildLatencyHistogramQuery(full, { service: "api", kind: "consumer" }, NOW).spanFilter as { op: string; filters: unknown[] };
    expect(one.op).toBe("and");
    expect(one.filters).toEqual([
      { op: "compare", field: { type: "intrinsic", name: "service" }, cmp: "=", value: "api" },
      { op: "compare", field: { type: "intrinsic", name: "kind" }, cmp: "=", value: "consumer" },
    ]);
    const flat = buildLatencyHistogramQuery(full, { service: "api", status: "error", kind: "client" }, NOW).spanFilter as { filters: unknown[] };
    expect(flat.filters).toHaveLength(3);
  });

  it("takes a step of whole milliseconds and refuses more than 500 windows", () => {
    expect(buildLatencyHistogramQuery(full, { step: "1m" }, NOW).stepNano).toBe(60_000n * MS);
    expect(buildLatencyHistogramQuery(full, { start: "0", end: "499999", step: "1s" }, NOW).stepNano).toBe(1000n * MS);
    expect(() => buildLatencyHistogramQuery(full, { start: "0", end: "500000", step: "1s" }, NOW)).toThrow(/501 windows .* at most 500/);
    expect(() => buildLatencyHistogramQuery(full, { step: "1500us" }, NOW)).toThrow(InvalidParameterError);
    expect(() => buildLatencyHistogramQuery(full, { step: "10ns" }, NOW)).toThrow(/whole number of milliseconds/);
  });

  it(`refuses a range longer than ${MAX_HEATMAP_RANGE_DAYS} days: it would read every stored span of it`, () => {
    const dayMs = 86_400_000n;
    const end = NOW / MS;
    const month = buildLatencyHistogramQuery(full, { start: String(end - 31n * dayMs), end: String(end) }, NOW);
    expect(NOW - month.startTimeMinUnixNano!).toBe(31n * dayMs * MS);
    expect(() => buildLatencyHistogramQuery(full, { start: String(end - 31n * dayMs - 1n), end: String(end) }, NOW)).toThrow(InvalidParameterError);
    expect(() => buildLatencyHistogramQuery(full, { start: "0" }, NOW)).toThrow(/spans 19675\.\d days; the latency histogram covers at most 31 days .*narrow it/);
  });

  it("refuses filters the storage cannot evaluate, like search does", () => {
    const bare = { kind: "plain", capabilities: {} };
    expect(() => buildLatencyHistogramQuery(bare, { attributes: '{"http.route":"/x"}' }, NOW)).toThrow(UnsupportedQueryError);
    expect(() => buildLatencyHistogramQuery(full, { minDuration: "2s", maxDuration: "1s" }, NOW)).toThrow(/minDuration .* greater than maxDuration/);
  });
});

describe("latencyBucketsOf", () => {
  const exemplar = (n: number, durationNano: bigint) => ({ traceId: traceIdOf(n), spanId: spanIdOf(n), durationNano });

  it("orders cells by time then bucket, with bounds, and at most 3 exemplars slowest first", () => {
    const step = { startTimeMinUnixNano: 0n, startTimeMaxUnixNano: 10n * 60_000n * MS, stepNano: 60_000n * MS, exemplars: 3 };
    const b = latencyBucketOf(5e6);
    const buckets = latencyBucketsOf(
      [
        { windowStartUnixNano: 120_000n * MS, bucket: b, count: 1, exemplars: [exemplar(9, 5_000_000n)] },
        { windowStartUnixNano: 60_000n * MS, bucket: LATENCY_BUCKET_COUNT - 1, count: 0.5, exemplars: [] },
        { windowStartUnixNano: 60_000n * MS, bucket: b, count: 4, exemplars: [exemplar(1, 5_000_000n), exemplar(2, 5_100_000n), exemplar(3, 5_000_000n), exemplar(4, 4_900_000n)] },
      ],
      step,
    );
    expect(buckets.map((c) => [c.time, c.lowerNano, c.count])).toEqual([
      [60_000, latencyBucketLowerNano(b), 4],
      [60_000, latencyBucketLowerNano(LATENCY_BUCKET_COUNT - 1), 0.5],
      [120_000, latencyBucketLowerNano(b), 1],
    ]);
    expect(buckets[0]!.upperNano).toBe(latencyBucketUpperNano(b));
    expect(buckets[1]!.upperNano).toBeNull();
    expect(buckets[0]!.exemplars).toEqual([
      { traceId: bytesToHex(traceIdOf(2)), spanId: bytesToHex(spanIdOf(2)), durationNano: "5100000" },
      { traceId: bytesToHex(traceIdOf(1)), spanId: bytesToHex(spanIdOf(1)), durationNano: "5000000" },
      { traceId: bytesToHex(traceIdOf(3)), spanId: bytesToHex(spanIdOf(3)), durationNano: "5000000" },
    ]);
    expect(() => apiLatencyHistogramResponseSchema.parse({ stepMs: 60_000, buckets })).not.toThrow();
  });

  it("reports the range start (ms) as every cell's time without a step", () => {
    const buckets = latencyBucketsOf([{ windowStartUnixNano: 0n, bucket: 3, count: 2, exemplars: [] }], { startTimeMinUnixNano: 1_700_000_000_123_456_789n, startTimeMaxUnixNano: NOW, exemplars: 3 });
    expect(buckets).toEqual([{ time: 1_700_000_000_123, lowerNano: latencyBucketLowerNano(3), upperNano: latencyBucketUpperNano(3), count: 2, exemplars: [] }]);
  });
});
