import type { ApiLatencyBucket } from "@skein/model/api";
import { latencyBucketLowerNano, latencyBucketUpperNano } from "@skein/model/insights";
import { describe, expect, it } from "vitest";
import { buildHeatmapGrid, cellIntensity, cellSearchHref } from "./heatmap-cells.js";

const MIN = 60_000;
const TRACE = "0af7651916cd43dd8448eb211c80319c";

function bucket(time: number, fine: number, count: number, exemplarCount = 0): ApiLatencyBucket {
  return {
    time,
    lowerNano: latencyBucketLowerNano(fine),
    upperNano: latencyBucketUpperNano(fine),
    count,
    exemplars: Array.from({ length: exemplarCount }, (_, i) => ({ traceId: TRACE, spanId: String(i + 1).padStart(16, "0"), durationNano: "1000" })),
  };
}

describe("buildHeatmapGrid", () => {
  it("puts each bucket in the column of its window and a row per fine bucket when few", () => {
    const grid = buildHeatmapGrid([bucket(10 * MIN, 80, 2), bucket(12 * MIN, 82, 5)], MIN, 10 * MIN, 14 * MIN);
    expect(grid.columns).toEqual([10 * MIN, 11 * MIN, 12 * MIN, 13 * MIN]);
    expect(grid.rows.map((r) => r.lowerNano)).toEqual([latencyBucketLowerNano(80), latencyBucketLowerNano(81), latencyBucketLowerNano(82)]);
    expect(grid.cells.map(({ column, row, count, startMs, endMs }) => ({ column, row, count, startMs, endMs }))).toEqual([
      { column: 0, row: 0, count: 2, startMs: 10 * MIN, endMs: 11 * MIN },
      { column: 2, row: 2, count: 5, startMs: 12 * MIN, endMs: 13 * MIN },
    ]);
    expect(grid.maxCount).toBe(5);
  });

  it("merges adjacent fine buckets (a power of two of them) to stay within maxRows, adding counts and pooling exemplars", () => {
    // Fine buckets 64…127 span 64 buckets: with maxRows 10 they merge by 8 into rows 8…15.
    const grid = buildHeatmapGrid([bucket(0, 64, 1, 2), bucket(0, 70, 3, 2), bucket(0, 127, 4)], MIN, 0, MIN, 10);
    expect(grid.rows).toHaveLength(8);
    expect(grid.rows[0]).toEqual({ lowerNano: latencyBucketLowerNano(64), upperNano: latencyBucketUpperNano(71) });
    expect(grid.rows[7]).toEqual({ lowerNano: latencyBucketLowerNano(120), upperNano: latencyBucketUpperNano(127) });
    expect(grid.cells.map((c) => [c.row, c.count, c.exemplars.length])).toEqual([
      [0, 4, 4],
      [7, 4, 0],
    ]);
    // Every row's upper bound is the next row's lower bound: no gap, no overlap.
    for (let r = 1; r < grid.rows.length; r++) expect(grid.rows[r]!.lowerNano).toBe(grid.rows[r - 1]!.upperNano);
  });

  it("keeps the open last bucket open", () => {
    const grid = buildHeatmapGrid([bucket(0, 288, 1)], MIN, 0, MIN);
    expect(grid.rows).toEqual([{ lowerNano: latencyBucketLowerNano(288), upperNano: null }]);
  });

  it("uses one column without a step, and has no rows without buckets", () => {
    expect(buildHeatmapGrid([bucket(5, 90, 1)], null, 5, 500).columns).toEqual([5]);
    const empty = buildHeatmapGrid([], MIN, 0, 3 * MIN);
    expect(empty).toEqual({ columns: [0, MIN, 2 * MIN], rows: [], cells: [], maxCount: 0 });
  });
});

describe("cellIntensity", () => {
  it("is 0 for nothing, 1 for the busiest cell, and log-scaled between", () => {
    expect(cellIntensity(0, 100)).toBe(0);
    expect(cellIntensity(100, 100)).toBe(1);
    expect(cellIntensity(10, 100)).toBeCloseTo(Math.log(11) / Math.log(101));
  });
});

describe("cellSearchHref", () => {
  it("searches the cell's service, band and window", () => {
    const [cell] = buildHeatmapGrid([bucket(10 * MIN, 80, 2)], MIN, 10 * MIN, 11 * MIN).cells;
    const url = new URL(cellSearchHref(cell!, "checkout", "POST /pay"), "http://x");
    expect(url.pathname).toBe("/search");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      service: "checkout",
      operation: "POST /pay",
      minDuration: `${latencyBucketLowerNano(80)}ns`,
      maxDuration: `${latencyBucketUpperNano(80)}ns`,
      start: new Date(10 * MIN).toISOString(),
      end: new Date(11 * MIN).toISOString(),
    });
  });

  it("carries the span kind the heatmap was asked with, and none for every kind", () => {
    const [cell] = buildHeatmapGrid([bucket(10 * MIN, 80, 2)], MIN, 10 * MIN, 11 * MIN).cells;
    const server = new URL(cellSearchHref(cell!, "checkout", undefined, "server"), "http://x").searchParams;
    expect(server.get("kind")).toBe("server");
    expect(server.has("operation")).toBe(false);
    expect(new URL(cellSearchHref(cell!, "checkout", "SELECT orders", "client"), "http://x").searchParams.get("kind")).toBe("client");
    expect(new URL(cellSearchHref(cell!, "checkout", undefined, undefined), "http://x").searchParams.has("kind")).toBe(false);
  });
});
