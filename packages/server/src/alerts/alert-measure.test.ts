import { SpanKind, latencyBucketLowerNano, latencyBucketUpperNano, type ApiAlertCondition } from "@skein/model";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { alertWindow, measureRule, type AlertMeasurement } from "./alert-measure.js";
import { thresholdOf, type AlertRule } from "./alert-rule.js";
import { AlertTestStorage, type TestSpanMetric } from "./testing/alert-test-storage.js";

const MIN = 60_000;
const NOW = 1_800_000_000_000 + 30_000; // 30 s into a minute
const LAG = 12_000; // span-metrics flush every 10 s + 2 s grace
/** The last complete minute at NOW (the one before NOW's). */
const CURRENT = NOW - 30_000 - MIN;

/** measureRule at NOW over the rule's window, as a pass does. */
async function measure(reader: Parameters<typeof measureRule>[0], r: AlertRule, now = NOW): Promise<Pick<AlertMeasurement, "count" | "value">> {
  const { count, value } = await measureRule(reader, r, alertWindow(now, r.windowMs, LAG), now);
  return { count, value };
}

function rule(overrides: Partial<AlertRule> = {}): AlertRule {
  return {
    id: "r1",
    name: "r",
    service: "checkout",
    operation: null,
    condition: { type: "error-rate", thresholdPercent: 5 },
    window: "5m",
    windowMs: 5 * MIN,
    minRequests: 1,
    webhookUrl: "http://127.0.0.1:9/",
    enabled: true,
    createdAt: 0,
    updatedAt: 0,
    ...overrides,
  };
}

let t: AlertTestStorage;
beforeEach(async () => {
  t = new AlertTestStorage();
  await t.memory.start();
});
afterEach(() => t.memory.shutdown());

/** A fresh storage holding these observations, and its metrics reader. */
async function readerWith(...metrics: TestSpanMetric[]) {
  const storage = new AlertTestStorage();
  await storage.memory.start();
  for (const metric of metrics) await storage.addMetric(metric);
  return storage.storage.metrics.reader;
}

describe("alertWindow", () => {
  it("covers the last complete minutes a flush has covered, never the one still filling", () => {
    const minute = NOW - 30_000; // NOW's own minute, still filling
    expect(alertWindow(NOW, 5 * MIN, LAG)).toEqual({ startUnixMs: minute - 5 * MIN, endUnixMs: minute });
    // The minute before is measured only once its last flush (+ grace) is past.
    expect(alertWindow(minute + LAG - 1, MIN, LAG)).toEqual({ startUnixMs: minute - 2 * MIN, endUnixMs: minute - MIN });
    expect(alertWindow(minute + LAG, MIN, LAG)).toEqual({ startUnixMs: minute - MIN, endUnixMs: minute });
  });
});

describe("measureRule", () => {
  it("computes the weighted error rate over the window only", async () => {
    const reader = await readerWith(
      { minuteUnixMs: CURRENT, service: "checkout", operation: "pay", durationNano: 1e6, count: 6 },
      { minuteUnixMs: CURRENT - 4 * MIN, service: "checkout", operation: "pay", durationNano: 1e6, count: 2, error: true },
      { minuteUnixMs: CURRENT - 5 * MIN, service: "checkout", operation: "pay", durationNano: 1e6, count: 100, error: true }, // before the window
      { minuteUnixMs: CURRENT, service: "cart", operation: "pay", durationNano: 1e6, count: 100, error: true }, // another service
      { minuteUnixMs: CURRENT + MIN, service: "checkout", operation: "pay", durationNano: 1e6, count: 100, error: true }, // the minute still filling
    );
    expect(await measure(reader, rule())).toEqual({ count: 8, value: 25 });
  });

  it("counts a service's server and consumer spans, or all its spans when it has neither", async () => {
    const reader = await readerWith(
      { minuteUnixMs: CURRENT, service: "checkout", operation: "pay", kind: SpanKind.SERVER, durationNano: 1e6, count: 3 },
      { minuteUnixMs: CURRENT, service: "checkout", operation: "poll", kind: SpanKind.CONSUMER, durationNano: 1e6, count: 1, error: true },
      { minuteUnixMs: CURRENT, service: "checkout", operation: "db", kind: SpanKind.CLIENT, durationNano: 1e6, count: 50, error: true },
    );
    expect(await measure(reader, rule())).toEqual({ count: 4, value: 25 });
    const clientsOnly = await readerWith({ minuteUnixMs: CURRENT, service: "checkout", operation: "db", kind: SpanKind.CLIENT, durationNano: 1e6, count: 10, error: true });
    expect(await measure(clientsOnly, rule())).toEqual({ count: 10, value: 100 });
    // With an operation: that operation's spans of every kind.
    expect(await measure(reader, rule({ operation: "db" }))).toEqual({ count: 50, value: 100 });
    // Which population was measured (the exemplars follow it).
    const window = alertWindow(NOW, 5 * MIN, LAG);
    expect((await measureRule(reader, rule(), window, NOW)).requestKindsOnly).toBe(true);
    expect((await measureRule(clientsOnly, rule(), window, NOW)).requestKindsOnly).toBe(false);
    expect((await measureRule(reader, rule({ operation: "db" }), window, NOW)).requestKindsOnly).toBe(false);
  });

  it("reads a latency percentile from the merged histogram, within the bucket error", async () => {
    for (let i = 1; i <= 100; i++) await t.addMetric({ minuteUnixMs: CURRENT - (i % 3) * MIN, service: "checkout", operation: "pay", durationNano: i * 1e6 });
    const reader = t.storage.metrics.reader;
    const measured = await measure(reader, rule({ condition: { type: "latency", percentile: 95, threshold: "80ms" } }));
    expect(measured.count).toBe(100);
    expect(measured.value! / 95e6).toBeGreaterThan(1 - 0.045);
    expect(measured.value! / 95e6).toBeLessThan(1 + 0.045);
  });

  it("has no value with fewer than minRequests requests, or none", async () => {
    const reader = await readerWith({ minuteUnixMs: CURRENT, service: "checkout", operation: "pay", durationNano: 1e6, count: 9, error: true });
    expect(await measure(reader, rule({ minRequests: 10 }))).toEqual({ count: 9, value: null });
    expect(await measure(reader, rule({ minRequests: 9 }))).toEqual({ count: 9, value: 100 });
    expect(await measure(t.storage.metrics.reader, rule({ minRequests: 0 }))).toEqual({ count: 0, value: null });
    const window = alertWindow(NOW, 5 * MIN, LAG);
    expect((await measureRule(reader, rule({ minRequests: 10 }), window, NOW)).breached).toBeNull();
  });

  it("decides an error rate strictly above the threshold", async () => {
    const reader = await readerWith(
      { minuteUnixMs: CURRENT, service: "checkout", operation: "pay", durationNano: 1e6, count: 9 },
      { minuteUnixMs: CURRENT, service: "checkout", operation: "pay", durationNano: 1e6, count: 1, error: true },
    );
    const window = alertWindow(NOW, 5 * MIN, LAG);
    const breached = async (thresholdPercent: number) => (await measureRule(reader, rule({ condition: { type: "error-rate", thresholdPercent } }), window, NOW)).breached;
    expect(await breached(9.99)).toBe(true);
    expect(await breached(10)).toBe(false);
  });
});

describe("latency thresholds", () => {
  const latency = (percentile: number, threshold: string): ApiAlertCondition => ({ type: "latency", percentile, threshold });
  const window = alertWindow(NOW, 5 * MIN, LAG);
  /** Measures a latency rule over spans of the given durations (ms, weight 1 each unless [ms, count]). */
  async function decide(condition: ApiAlertCondition, ...spans: (number | [number, number])[]) {
    const reader = await readerWith(
      ...spans.map((span): TestSpanMetric => {
        const [ms, count] = typeof span === "number" ? [span, 1] : span;
        return { minuteUnixMs: CURRENT, service: "checkout", operation: "pay", durationNano: ms * 1e6, count };
      }),
    );
    return measureRule(reader, rule({ condition }), window, NOW);
  }

  it("round the threshold to the nearest latency bucket bound and report that one", () => {
    // 760 ms and 780 ms lie in the bucket [741.46 ms, 808.56 ms): 760 is nearer its lower bound, 780 its upper.
    expect(latencyBucketLowerNano(157)).toBe(741_455_200);
    expect(latencyBucketUpperNano(157)).toBe(808_562_629);
    expect(thresholdOf(latency(99, "760ms"))).toBe(741_455_200);
    expect(thresholdOf(latency(99, "780ms"))).toBe(808_562_629);
    expect(thresholdOf(latency(99, "741.4552ms"))).toBe(741_455_200); // a bound stays itself
    expect(thresholdOf(latency(99, "24h"))).toBe(latencyBucketLowerNano(288)); // past the last bound: the last bound
  });

  it("decide by counts at the effective threshold (the reviewer's cases)", async () => {
    // Every request takes 800 ms; "p99 > 780ms" compares at 808.56 ms: not breached. The rollups
    // cannot tell 800 ms from 780 ms (same bucket); the effective threshold says which way it goes.
    const at800 = await decide(latency(99, "780ms"), [800, 100]);
    expect(at800.breached).toBe(false);
    expect(at800.value).toBeLessThan(thresholdOf(latency(99, "780ms")));
    // Every request takes 745 ms; "p99 > 760ms" compares at 741.46 ms: breached, value above it.
    const at745 = await decide(latency(99, "760ms"), [745, 100]);
    expect(at745.breached).toBe(true);
    expect(at745.value).toBeGreaterThan(thresholdOf(latency(99, "760ms")));
    // 850 ms is past 808.56 ms: "p99 > 780ms" is breached.
    expect((await decide(latency(99, "780ms"), [850, 100])).breached).toBe(true);
  });

  it("hold when more than (1 − N/100) of the weighted requests are at or above the bound", async () => {
    const condition = latency(90, "741.4552ms"); // exactly a bound
    // 10 of 100 at or above: not more than 10 % → not breached; 11 of 100 → breached.
    expect((await decide(condition, [100, 90], [741.4552, 10])).breached).toBe(false);
    expect((await decide(condition, [100, 89], [741.4552, 11])).breached).toBe(true);
    // Fractional sample weights count as they are.
    expect((await decide(condition, [100, 8.95], [900, 1.05])).breached).toBe(true);
    expect((await decide(condition, [100, 9], [900, 1])).breached).toBe(false);
  });

  it("fire in the open last bucket, where the percentile read back equals its lower bound", async () => {
    // Requests of 20 h with "p50 > 18h": every one is above, and the bucket's value is its lower bound ≈ 17.5 h.
    const measured = await decide(latency(50, "18h"), [20 * 3_600_000, 10]);
    expect(measured.value).toBe(latencyBucketLowerNano(288));
    expect(measured.breached).toBe(true);
  });
});
