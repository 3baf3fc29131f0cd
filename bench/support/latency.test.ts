import { describe, expect, it } from "vitest";
import { percentile, round, summarize } from "./latency.js";

describe("latency summary", () => {
  it("uses nearest-rank percentiles", () => {
    const samples = Array.from({ length: 100 }, (_, i) => i + 1); // 1..100
    const s = summarize(samples.reverse());
    expect(s.p50).toBe(50);
    expect(s.p90).toBe(90);
    expect(s.p99).toBe(99);
    expect(s.max).toBe(100);
    expect(s.mean).toBe(50.5);
    expect(s.count).toBe(100);
  });

  it("handles one sample and no samples", () => {
    expect(percentile([7], 99)).toBe(7);
    expect(Number.isNaN(summarize([]).p99)).toBe(true);
  });

  it("rounds to three decimals", () => {
    expect(round(1.23456)).toBe(1.235);
  });
});
