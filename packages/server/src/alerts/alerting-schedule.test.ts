import { SpanKind, StatusCode, latencyBucketOf, type ApiAlertWebhookPayload } from "@skein/model";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AlertRules } from "./alert-rules.js";
import type { AlertLogger } from "./alert-telemetry.js";
import { createAlerting } from "./alerting.js";
import { AlertTestStorage } from "./testing/alert-test-storage.js";
import { manualClock } from "./testing/manual-alert-clock.js";

// When passes run and which minutes they see, driven through a simulated span-metrics processor:
// one request per second, flushed to the rollups every 10 s (at second 3, 13, …, of each minute).

const MIN = 60_000;
const T0 = 1_800_000_000_000; // a minute boundary
const FLUSH_MS = 10_000;
const FLUSH_PHASE_MS = 3_000;
const silent: AlertLogger = { info() {}, warn() {}, error() {} };

let fake: AlertTestStorage;
beforeEach(async () => {
  fake = new AlertTestStorage();
  await fake.memory.start();
});
afterEach(() => fake.memory.shutdown());

interface Simulation {
  /** Whether the request at this second (ms since T0) fails. */
  isError: (sinceT0Ms: number) => boolean;
  minutes: number;
  /** unix ms of the first pass (alerting starts then). */
  startAt?: number;
}

/**
 * Runs alerting (interval 1m, flush interval 10 s) with an error-rate rule "> 10 % over 1m" over
 * the simulated traffic; returns the notifications' states and times (s since T0).
 */
async function simulate(simulation: Simulation): Promise<string[]> {
  const clock = manualClock(simulation.startAt ?? T0 + 8_000);
  const sent: ApiAlertWebhookPayload[] = [];
  const fetch = async (_url: string | URL | Request, init?: RequestInit) => {
    sent.push(JSON.parse(String(init?.body)) as ApiAlertWebhookPayload);
    return new Response(null, { status: 200 });
  };
  const alerting = createAlerting({ storage: fake.storage, logger: silent, intervalMs: MIN, spanMetricsFlushIntervalMs: FLUSH_MS, publicUrl: "http://h", clock, delivery: { fetch: fetch as typeof globalThis.fetch } });
  await new AlertRules(fake.memory.alerts, () => T0).create({
    name: "errors", service: "checkout", operation: null, condition: { type: "error-rate", thresholdPercent: 10 }, window: "1m", windowMs: MIN, minRequests: 1, webhookUrl: "http://127.0.0.1:9/", enabled: true,
  });
  const end = T0 + simulation.minutes * MIN;
  let flushedUpTo = T0;
  let nextFlush = T0 + FLUSH_PHASE_MS;
  const flushUntil = async (t: number) => {
    for (; nextFlush <= t; nextFlush += FLUSH_MS) {
      const counts = new Map<string, number>();
      for (let s = flushedUpTo; s < nextFlush; s += 1_000) {
        const key = JSON.stringify([Math.floor(s / MIN) * MIN, simulation.isError(s - T0)]);
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      const spanMetrics = [...counts].map(([key, count]) => {
        const [minuteUnixMs, error] = JSON.parse(key) as [number, boolean];
        return { minuteUnixMs, service: "checkout", operation: "pay", kind: SpanKind.SERVER, status: error ? StatusCode.ERROR : StatusCode.UNSET, buckets: [{ bucket: latencyBucketOf(1e6), count }] };
      });
      await fake.memory.metrics.writer.writeRollups({ spanMetrics, serviceGraph: [] });
      flushedUpTo = nextFlush;
    }
  };
  await alerting.start();
  while (clock.time < end) {
    const next = Math.min(...clock.pending());
    await flushUntil(next);
    clock.fire();
    await alerting.evaluateNow(); // joins the pass the timer started
    await alerting.idle();
  }
  await alerting.shutdown();
  return sent.map((payload) => `${payload.state} ${(payload.time - T0) / 1000}`);
}

describe("alerting schedule and window", () => {
  it("runs each pass once the minute that just ended is flushed (minute + flush interval + grace)", async () => {
    const clock = manualClock(T0 + 8_000);
    const alerting = createAlerting({ storage: fake.storage, logger: silent, intervalMs: MIN, spanMetricsFlushIntervalMs: FLUSH_MS, publicUrl: "http://h", clock });
    await alerting.start();
    expect(clock.pending()).toEqual([T0 + 8_000]); // a first pass at once
    clock.fire();
    await alerting.evaluateNow();
    expect(clock.pending()).toEqual([T0 + 12_250]); // minute T0 − 1m … T0 complete: flushed by T0 + 10 s, + 2 s grace
    clock.fire();
    await alerting.evaluateNow();
    expect(clock.pending()).toEqual([T0 + MIN + 12_250]);
    await alerting.shutdown();
  });

  it("sees a burst of errors in the second half of a minute", async () => {
    const burstMinute = 5 * MIN;
    const notifications = await simulate({ minutes: 10, isError: (t) => t >= burstMinute + 30_000 && t < burstMinute + MIN });
    expect(notifications).toEqual([`firing ${(burstMinute + MIN + 12_250) / 1000}`, `resolved ${(burstMinute + 2 * MIN + 12_250) / 1000}`]);
  });

  it("does not flap at a steady 2 % error rate against a 10 % threshold", async () => {
    // One failed request every 50 s: every complete minute holds 1 or 2 errors of 60 (≤ 3.4 %).
    expect(await simulate({ minutes: 120, isError: (t) => t % 50_000 === 0 })).toEqual([]);
  });

  it("keeps evaluating when the wall clock steps back an hour", async () => {
    const clock = manualClock(T0 + 8_000);
    const alerting = createAlerting({ storage: fake.storage, logger: silent, intervalMs: MIN, spanMetricsFlushIntervalMs: FLUSH_MS, publicUrl: "http://h", clock });
    let passes = 0;
    const listRules = fake.memory.alerts.listRules.bind(fake.memory.alerts);
    fake.memory.alerts.listRules = async (signal) => {
      passes++;
      if (passes === 2) clock.wallOffset = -3_600_000; // NTP steps the clock back during the second pass
      return listRules(signal);
    };
    await alerting.start();
    clock.fire();
    await alerting.evaluateNow();
    clock.fire();
    await alerting.evaluateNow();
    const [next] = clock.pending();
    expect(next! - clock.time).toBeLessThanOrEqual(MIN + FLUSH_MS + 2_000 + 250);
    clock.fire();
    await alerting.evaluateNow();
    expect(passes).toBe(3);
    // Back on the minute grid of the new wall clock.
    expect((clock.now() + (clock.pending()[0]! - clock.time) - 12_250) % MIN).toBe(0);
    await alerting.shutdown();
  });

  it("runs a pass every interval (from start to start) when the interval is under a minute", async () => {
    const clock = manualClock(T0 + 8_000);
    const alerting = createAlerting({ storage: fake.storage, logger: silent, intervalMs: 1_000, spanMetricsFlushIntervalMs: 200, publicUrl: "http://h", clock });
    await alerting.start();
    clock.fire();
    await alerting.evaluateNow();
    expect(clock.pending()).toEqual([T0 + 9_000]);
    await alerting.shutdown();
  });
});

describe("alerting on a node that does not evaluate", () => {
  it("starts no passes and says so; warns at start when span metrics are off", async () => {
    const logged: string[] = [];
    const logger: AlertLogger = { info: (_f, m) => void logged.push(`info ${m}`), warn: (_f, m) => void logged.push(`warn ${m}`), error() {} };
    const clock = manualClock(T0);
    const off = createAlerting({ storage: fake.storage, logger, intervalMs: MIN, evaluate: false, publicUrl: "http://h", clock });
    await off.start();
    await off.evaluateNow();
    expect(clock.pending()).toEqual([]);
    expect(logged).toEqual(["info alerts: this node does not evaluate alert rules (alerts off); the rules API shows each rule's state from its latest event"]);
    await off.shutdown();

    logged.length = 0;
    const noMetrics = createAlerting({ storage: fake.storage, logger, intervalMs: MIN, spanMetricsOn: false, publicUrl: "http://h", clock });
    await noMetrics.start();
    expect(logged[0]).toMatch(/^warn alerts: span metrics are off/);
    await noMetrics.shutdown();
  });
});
