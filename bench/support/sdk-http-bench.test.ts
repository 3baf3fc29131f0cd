import { describe, expect, it } from "vitest";
import { summarize } from "./latency.js";
import { cartBody, median, runOrder, summarizeVariant } from "./sdk-http-bench.js";
import type { HttpRun } from "./sdk-http-bench.js";

function run(p50: number, rps: number, failures = 0): HttpRun {
  const lat = summarize([p50]);
  return {
    variant: "baseline",
    round: 1,
    fixed: { sent: 10, ok: 10 - failures, failures, latencyMs: lat, serviceMs: lat, lagMs: summarize([0.5]), cpuMicrosPerRequest: 100, startedAtMs: 0, endedAtMs: 1 },
    throughput: { ok: 100, failures: 0, requestsPerSec: rps, latencyMs: lat },
    rssBytes: 1,
  };
}

describe("sdk http bench helpers", () => {
  it("takes the median of odd and even counts", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(Number.isNaN(median([]))).toBe(true);
  });

  it("interleaves the variants, alternating which goes first", () => {
    expect(runOrder(3).map((r) => `${r.variant[0]}${r.round}`)).toEqual(["b1", "i1", "i2", "b2", "b3", "i3"]);
  });

  it("summarizes a variant by the median of its runs and sums failures", () => {
    const s = summarizeVariant([run(1, 900), run(5, 1000, 2), run(2, 1100)]);
    expect(s.p50Ms).toBe(2);
    expect(s.requestsPerSec).toBe(1000);
    expect(s.failures).toBe(2);
    expect(s.runs).toBe(3);
  });

  it("sends a 20-item JSON cart", () => {
    const cart = JSON.parse(cartBody().toString("utf8")) as { items: unknown[] };
    expect(cart.items).toHaveLength(20);
  });
});
