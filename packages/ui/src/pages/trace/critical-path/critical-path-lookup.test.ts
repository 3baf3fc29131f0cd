import { describe, expect, it } from "vitest";
import { spanIdOf } from "../../../testing/api-fixtures.js";
import { buildTraceModel } from "../../../trace/trace-model.js";
import { smallTrace } from "../waterfall/testdata/small-trace.js";
import { buildCriticalPathLookup, criticalBarSegments, segmentsInBox } from "./critical-path-lookup.js";
import { pathSegments, SMALL_TRACE_PATH } from "./testdata/small-trace-path.js";

const ms = 1_000_000;
const model = buildTraceModel(smallTrace());
const index = (n: number) => model.indexBySpanId.get(spanIdOf(n))!;

describe("buildCriticalPathLookup", () => {
  const lookup = buildCriticalPathLookup(model, pathSegments(SMALL_TRACE_PATH));

  it("gives each span its segments in relative ns, in time order", () => {
    expect(lookup.segmentsOf(index(1))).toEqual([0, 10 * ms, 80 * ms, 85 * ms, 95 * ms, 100 * ms]);
    expect(lookup.segmentsOf(index(2))).toEqual([10 * ms, 12 * ms, 20 * ms, 30 * ms, 70 * ms, 80 * ms]);
    expect(lookup.segmentsOf(index(5))).toEqual([30 * ms, 70 * ms]);
  });

  it("sums each span's time on the path and the path's total", () => {
    expect(lookup.timeNs[index(1)]).toBe(20 * ms);
    expect(lookup.timeNs[index(2)]).toBe(22 * ms);
    expect(lookup.timeNs[index(4)]).toBe(8 * ms);
    expect(lookup.timeNs[index(5)]).toBe(40 * ms);
    expect(lookup.timeNs[index(3)]).toBe(10 * ms);
    expect(lookup.totalNs).toBe(100 * ms);
    expect(lookup.spanCount).toBe(5);
    expect(lookup.unmatched).toBe(0);
  });

  it("returns the same array on every call (memoized rows stay equal)", () => {
    expect(lookup.segmentsOf(index(2))).toBe(lookup.segmentsOf(index(2)));
  });

  it("leaves spans off the path out, and counts segments of unknown spans", () => {
    const partial = buildCriticalPathLookup(model, pathSegments([[1, 0, 30], [5, 30, 70], [1, 70, 100], [9, 0, 1]]));
    expect(partial.segmentsOf(index(2))).toBeUndefined();
    expect(partial.onPath[index(2)]).toBe(0);
    expect(partial.onPath[index(5)]).toBe(1);
    expect(partial.unmatched).toBe(1);
    expect(partial.spanCount).toBe(2);
  });
});

/** Percentages rounded to 1e-9 (floating-point division). */
const rounded = (list: Array<{ left: number; width: number }>) => list.map(({ left, width }) => ({ left: Number(left.toFixed(9)), width: Number(width.toFixed(9)) }));

describe("criticalBarSegments", () => {
  const segments = [10, 20, 40, 60];

  it("maps segments to percent of the whole window", () => {
    expect(rounded(criticalBarSegments(segments, 0, 100))).toEqual([
      { left: 10, width: 10 },
      { left: 40, width: 20 },
    ]);
  });

  it("clips to a zoom window and drops segments outside it", () => {
    expect(rounded(criticalBarSegments(segments, 15, 55))).toEqual([
      { left: 0, width: 12.5 },
      { left: 62.5, width: 37.5 },
    ]);
    expect(rounded(criticalBarSegments(segments, 25, 35))).toEqual([]);
  });

  it("keeps a zero-length segment inside the window", () => {
    expect(rounded(criticalBarSegments([50, 50], 0, 100))).toEqual([{ left: 50, width: 0 }]);
  });

  it("places segments inside a node's own box", () => {
    expect(rounded(segmentsInBox([10, 20, 40, 60], 10, 50))).toEqual([
      { left: 0, width: 20 },
      { left: 60, width: 40 },
    ]);
  });
});

describe("buildCriticalPathLookup at scale", () => {
  it("indexes a 100k-span trace's 200k segments in under a second (~150 ms here)", async () => {
    const { apiSpan, apiTrace } = await import("../../../testing/api-fixtures.js");
    const n = 100_000;
    const spans = [apiSpan({ spanId: spanIdOf(1), durationNs: 2 * n * 1000 })];
    const path: Array<[number, number, number]> = [];
    for (let i = 0; i < n; i++) {
      spans.push(apiSpan({ spanId: spanIdOf(i + 2), parentSpanId: spanIdOf(1), startOffsetNs: (2 * i + 1) * 1000, durationNs: 1000 }));
      path.push([1, (2 * i) / 1000, (2 * i + 1) / 1000], [i + 2, (2 * i + 1) / 1000, (2 * i + 2) / 1000]);
    }
    const big = buildTraceModel(apiTrace(spans));
    const segments = pathSegments(path);
    const began = performance.now();
    const lookup = buildCriticalPathLookup(big, segments);
    const tookMs = performance.now() - began;
    expect(tookMs).toBeLessThan(1000);
    expect(lookup.spanCount).toBe(n + 1);
    expect(lookup.totalNs).toBe(2 * n * 1000);
    expect(lookup.segmentsOf(big.indexBySpanId.get(spanIdOf(1))!)!.length).toBe(2 * n);
  });
});
