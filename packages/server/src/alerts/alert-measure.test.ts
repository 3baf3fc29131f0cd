import { SpanKind } from "@skein/model";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { alertWindow, measureRule } from "./alert-measure.js";
import type { AlertRule } from "./alert-rule.js";
import { AlertTestStorage, type TestSpanMetric } from "./testing/alert-test-storage.js";

const MIN = 60_000;
const NOW = 1_800_000_000_000 + 30_000; // 30 s into a minute
const CURRENT = NOW - 30_000;

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
  it("covers the window's minutes ending with the current, still filling one", () => {
    expect(alertWindow(NOW, 5 * MIN)).toEqual({ startUnixMs: CURRENT - 4 * MIN, endUnixMs: CURRENT + MIN });
    expect(alertWindow(CURRENT, MIN)).toEqual({ startUnixMs: CURRENT, endUnixMs: CURRENT + MIN });
  });
});

describe("measureRule", () => {
  it("computes the weighted error rate over the window only", async () => {
    const reader = await readerWith(
      { minuteUnixMs: CURRENT, service: "checkout", operation: "pay", durationNano: 1e6, count: 6 },
      { minuteUnixMs: CURRENT - 4 * MIN, service: "checkout", operation: "pay", durationNano: 1e6, count: 2, error: true },
      { minuteUnixMs: CURRENT - 5 * MIN, service: "checkout", operation: "pay", durationNano: 1e6, count: 100, error: true }, // before the window
      { minuteUnixMs: CURRENT, service: "cart", operation: "pay", durationNano: 1e6, count: 100, error: true }, // another service
    );
    expect(await measureRule(reader, rule(), NOW)).toEqual({ count: 8, value: 25 });
  });

  it("counts a service's server and consumer spans, or all its spans when it has neither", async () => {
    const reader = await readerWith(
      { minuteUnixMs: CURRENT, service: "checkout", operation: "pay", kind: SpanKind.SERVER, durationNano: 1e6, count: 3 },
      { minuteUnixMs: CURRENT, service: "checkout", operation: "poll", kind: SpanKind.CONSUMER, durationNano: 1e6, count: 1, error: true },
      { minuteUnixMs: CURRENT, service: "checkout", operation: "db", kind: SpanKind.CLIENT, durationNano: 1e6, count: 50, error: true },
    );
    expect(await measureRule(reader, rule(), NOW)).toEqual({ count: 4, value: 25 });
    const clientsOnly = await readerWith({ minuteUnixMs: CURRENT, service: "checkout", operation: "db", kind: SpanKind.CLIENT, durationNano: 1e6, count: 10, error: true });
    expect(await measureRule(clientsOnly, rule(), NOW)).toEqual({ count: 10, value: 100 });
    // With an operation: that operation's spans of every kind.
    expect(await measureRule(reader, rule({ operation: "db" }), NOW)).toEqual({ count: 50, value: 100 });
  });

  it("reads a latency percentile from the merged histogram, within the bucket error", async () => {
    for (let i = 1; i <= 100; i++) await t.addMetric({ minuteUnixMs: CURRENT - (i % 3) * MIN, service: "checkout", operation: "pay", durationNano: i * 1e6 });
    const reader = t.storage.metrics.reader;
    const measured = await measureRule(reader, rule({ condition: { type: "latency", percentile: 95, threshold: "80ms" } }), NOW);
    expect(measured.count).toBe(100);
    expect(measured.value! / 95e6).toBeGreaterThan(1 - 0.045);
    expect(measured.value! / 95e6).toBeLessThan(1 + 0.045);
  });

  it("has no value with fewer than minRequests requests, or none", async () => {
    const reader = await readerWith({ minuteUnixMs: CURRENT, service: "checkout", operation: "pay", durationNano: 1e6, count: 9, error: true });
    expect(await measureRule(reader, rule({ minRequests: 10 }), NOW)).toEqual({ count: 9, value: null });
    expect(await measureRule(reader, rule({ minRequests: 9 }), NOW)).toEqual({ count: 9, value: 100 });
    expect(await measureRule(t.storage.metrics.reader, rule({ minRequests: 0 }), NOW)).toEqual({ count: 0, value: null });
  });
});
