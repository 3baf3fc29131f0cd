import { describe, expect, it } from "vitest";
import { alignedColumns, hasIsolatedValues, maxValue } from "./time-series-data.js";

describe("alignedColumns", () => {
  it("turns ms window starts into uPlot seconds and scales each line, keeping gaps as null", () => {
    const lines = [
      { label: "p50", color: "#000", values: [1_000_000, null, 3_000_000] },
      { label: "p99", color: "#111", values: [2_000_000, 4_000_000] },
    ];
    expect(alignedColumns([60_000, 120_000, 180_000], lines, 1e-6)).toEqual([
      [60, 120, 180],
      [1, null, 3],
      [2, 4, null],
    ]);
  });
});

describe("maxValue", () => {
  it("is the largest value of any line, ignoring nulls, and 0 without values", () => {
    expect(maxValue([{ label: "a", color: "", values: [1, null, 7] }, { label: "b", color: "", values: [3] }])).toBe(7);
    expect(maxValue([{ label: "a", color: "", values: [null] }])).toBe(0);
  });
});

describe("hasIsolatedValues", () => {
  it("is true when a value has gaps (or the ends) on both sides", () => {
    expect(hasIsolatedValues([null, 3, null, 4, 5])).toBe(true);
    expect(hasIsolatedValues([7])).toBe(true);
    expect(hasIsolatedValues([1, 2, null, 4, 5])).toBe(false);
    expect(hasIsolatedValues([null, null])).toBe(false);
  });
});
