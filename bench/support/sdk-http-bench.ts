import { round, summarize } from "./latency.js";
import type { ProcSample } from "./proc-stats.js";
import type { LatencySummary } from "./latency.js";
import { closedLoop, openLoop } from "./sdk-load.js";
import type { Target } from "./sdk-load.js";
import { startService } from "./sdk-service-process.js";
import type { ServiceVariant } from "./sdk-service-process.js";

/** The load of one run of the fixture service; every run of a scenario uses the same plan. */
export interface HttpPlan {
  /** open-loop rate of the fixed-load phase, requests/s */
  ratePerSec: number;
  fixedMs: number;
  /** workers of the closed-loop throughput phase */
  concurrency: number;
  throughputMs: number;
  /**
   * open loop at the rate, before anything is measured (not a closed-loop burst: the SDK would
   * export that burst during the measurement)
   */
  warmupMs: number;
  /** runs per variant, interleaved A B, B A, A B … so drift hits both alike */
  rounds: number;
}

/** Figures of one service process: a fixed-load phase, then a throughput phase. */
export interface HttpRun {
  variant: ServiceVariant;
  round: number;
  fixed: {
    sent: number;
    ok: number;
    failures: number;
    /** see LoadSamples.latencyMs */
    latencyMs: LatencySummary;
    serviceMs: LatencySummary;
    lagMs: LatencySummary;
    /** CPU time of the service process per answered request (user + system), µs */
    cpuMicrosPerRequest: number;
    /** Skein's CPU during the phase as a share of one core (it shares the machine), when observed */
    skeinCpuShare?: number;
    /** wall-clock bounds of the phase, unix ms (to find its traces in Skein) */
    startedAtMs: number;
    endedAtMs: number;
  };
  throughput: { ok: number; failures: number; requestsPerSec: number; latencyMs: LatencySummary };
  /** resident set of the service at the end of the run, bytes */
  rssBytes: number;
}

/** A cart of 20 line items (~1 KB of JSON), the body of every request. */
export function cartBody(): Buffer {
  const items = Array.from({ length: 20 }, (_, i) => ({ sku: `SKU-${1000 + i}`, name: `item ${i}`, qty: 1 + (i % 3), price: 9.99 + i }));
  return Buffer.from(JSON.stringify({ orderId: "order-000042", customer: "c-7", currency: "EUR", items }));
}

/** The order of the runs: rounds of both variants, alternating which goes first. */
export function runOrder(rounds: number): Array<{ variant: ServiceVariant; round: number }> {
  const out: Array<{ variant: ServiceVariant; round: number }> = [];
  for (let r = 1; r <= rounds; r++) {
    const pair: ServiceVariant[] = r % 2 === 1 ? ["baseline", "instrumented"] : ["instrumented", "baseline"];
    for (const variant of pair) out.push({ variant, round: r });
  }
  return out;
}

/**
 * One service process of `variant` through warm-up, fixed load and throughput; stopped after.
 * `skein` samples the Skein server, to report its CPU during the fixed-load phase.
 */
export async function runService(variant: ServiceVariant, roundNo: number, plan: HttpPlan, otlpHttpUrl: string, skein?: () => ProcSample): Promise<HttpRun> {
  const service = await startService(variant, otlpHttpUrl);
  try {
    const target: Target = { url: service.url, body: cartBody() };
    await openLoop(target, plan.ratePerSec, plan.warmupMs);
    const cpu0 = service.sample().cpuSeconds;
    const skein0 = skein?.().cpuSeconds;
    const startedAtMs = Date.now();
    const fixed = await openLoop(target, plan.ratePerSec, plan.fixedMs);
    const endedAtMs = Date.now();
    const cpu1 = service.sample().cpuSeconds;
    const skein1 = skein?.().cpuSeconds;
    const tput = await closedLoop(target, plan.concurrency, plan.throughputMs);
    return {
      variant,
      round: roundNo,
      fixed: {
        sent: fixed.sent,
        ok: fixed.ok,
        failures: fixed.failures,
        latencyMs: summarize(fixed.latencyMs),
        serviceMs: summarize(fixed.serviceMs),
        lagMs: summarize(fixed.lagMs),
        cpuMicrosPerRequest: round(((cpu1 - cpu0) * 1e6) / Math.max(1, fixed.ok)),
        ...(skein0 !== undefined && skein1 !== undefined ? { skeinCpuShare: round((skein1 - skein0) / (fixed.elapsedMs / 1000)) } : {}),
        startedAtMs,
        endedAtMs,
      },
      throughput: {
        ok: tput.ok,
        failures: tput.failures,
        requestsPerSec: round((tput.ok * 1000) / tput.elapsedMs),
        latencyMs: summarize(tput.latencyMs),
      },
      rssBytes: service.sample().rssBytes,
    };
  } finally {
    await service.stop();
  }
}

/** Median of a list (mean of the middle two for an even count); NaN when empty. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Per variant: the median over its runs of each headline figure. */
export interface VariantSummary {
  runs: number;
  p50Ms: number;
  p99Ms: number;
  serviceP50Ms: number;
  lagP99Ms: number;
  cpuMicrosPerRequest: number;
  /** NaN when Skein was not observed */
  skeinCpuShare: number;
  requestsPerSec: number;
  failures: number;
  rssBytes: number;
}

export function summarizeVariant(runs: readonly HttpRun[]): VariantSummary {
  const m = (f: (r: HttpRun) => number): number => round(median(runs.map(f)));
  return {
    runs: runs.length,
    p50Ms: m((r) => r.fixed.latencyMs.p50),
    p99Ms: m((r) => r.fixed.latencyMs.p99),
    serviceP50Ms: m((r) => r.fixed.serviceMs.p50),
    lagP99Ms: m((r) => r.fixed.lagMs.p99),
    cpuMicrosPerRequest: m((r) => r.fixed.cpuMicrosPerRequest),
    skeinCpuShare: m((r) => r.fixed.skeinCpuShare ?? Number.NaN),
    requestsPerSec: m((r) => r.throughput.requestsPerSec),
    failures: runs.reduce((s, r) => s + r.fixed.failures + r.throughput.failures, 0),
    rssBytes: m((r) => r.rssBytes),
  };
}
