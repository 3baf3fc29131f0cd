import { describe, expect, it } from "vitest";
import { LatencyHistogram } from "./latency-histogram.js";

describe("LatencyHistogram", () => {
  it("reports 0 before the first recording", () => {
    expect(new LatencyHistogram().percentile(0.5)).toBe(0);
  });

  it("reports one value exactly", () => {
    const h = new LatencyHistogram();
    h.record(42.3);
    expect(h.percentile(0.5)).toBe(42.3);
    expect(h.percentile(0.99)).toBe(42.3);
  });

  it("finds p50 and p99 of 1..1000 ms within 1%", () => {
    const h = new LatencyHistogram();
    for (let ms = 1000; ms >= 1; ms--) h.record(ms);
    expect(h.count).toBe(1000);
    expect(Math.abs(h.percentile(0.5) - 500) / 500).toBeLessThanOrEqual(0.01);
    expect(Math.abs(h.percentile(0.99) - 990) / 990).toBeLessThanOrEqual(0.01);
    expect(h.percentile(1)).toBe(1000);
  });

  it("separates a slow tail from fast orders", () => {
    const h = new LatencyHistogram();
    for (let i = 0; i < 95; i++) h.record(20);
    for (let i = 0; i < 5; i++) h.record(450);
    expect(h.percentile(0.5)).toBeCloseTo(20, 0);
    expect(h.percentile(0.99)).toBeCloseTo(450, -1);
  });

  it("keeps sub-0.1 ms and huge values in range", () => {
    const h = new LatencyHistogram();
    h.record(0.01);
    h.record(5_000_000);
    expect(h.percentile(0.5)).toBe(0.1); // the first bucket's bound: 0.1 ms resolution
    expect(h.percentile(1)).toBe(5_000_000);
  });
});
