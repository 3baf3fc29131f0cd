import { describe, expect, it } from "vitest";
import { summarize } from "./latency.js";
import { cartBody, runOrder } from "./sdk-http-bench.js";
import type { FixedPhase, HttpRun } from "./sdk-http-bench.js";
import { median, overhead, summarizeVariant } from "./sdk-http-summary.js";

function phase(p50: number, cpu: number, failures = 0): FixedPhase {
  const lat = summarize([p50]);
  return { sent: 10, ok: 10 - failures, failures, latencyMs: lat, serviceMs: lat, lagMs: summarize([0.5]), cpuMicrosPerRequest: cpu, otherCpuShare: 0.1, startedAtMs: 0, endedAtMs: 1 };
}

function run(p50: number, rps: number, failures = 0): HttpRun {
  return {
    variant: "baseline",
    round: 1,
    fixed: { checkout: phase(p50, 100 * p50, failures), quote: phase(10 * p50, 200) },
    throughput: { ok: 100, failures: 0, requestsPerSec: rps, latencyMs: summarize([p50]) },
    unmeasuredFailures: 1,
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

  it("summarizes each workload by the median of its runs and counts every failure", () => {
    const s = summarizeVariant([run(1, 900), run(5, 1000, 2), run(2, 1100)]);
    expect(s.workloads.checkout?.p50Ms).toBe(2);
    expect(s.workloads.checkout?.cpuMicrosPerRequest).toBe(200);
    expect(s.workloads.quote?.p50Ms).toBe(20);
    expect(s.requestsPerSec).toBe(1000);
    expect(s.failures).toBe(2 + 3); // two in a fixed phase, one unmeasured per run
    expect(s.runs).toBe(3);
  });

  it("states the overhead in µs per request and as a share", () => {
    const base = summarizeVariant([run(0.25, 1)]).workloads.checkout!;
    const inst = summarizeVariant([run(0.4, 1)]).workloads.checkout!;
    expect(overhead(base, inst)).toMatchObject({ p50DeltaMicros: 150, p50Pct: 60, cpuDeltaMicros: 15, cpuRatio: 1.6 });
  });

  it("sends a 20-item JSON cart", () => {
    const cart = JSON.parse(cartBody().toString("utf8")) as { items: unknown[] };
    expect(cart.items).toHaveLength(20);
  });
});
