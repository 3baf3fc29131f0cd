import { round, summarize } from "./latency.js";
import type { LatencySummary } from "./latency.js";
import type { ProcSample } from "./proc-stats.js";
import { closedLoop, closedLoopCount, openLoop } from "./sdk-load.js";
import type { Target } from "./sdk-load.js";
import { machineBusySeconds, otherCpuShare } from "./sdk-machine-load.js";
import { startService } from "./sdk-service-process.js";
import type { ServiceProcess, ServiceVariant } from "./sdk-service-process.js";

/**
 * One workload of the fixture service: a route, and how hard to warm it up. `checkout` is a
 * near-empty handler (the SDK's fixed per-request cost dominates), `quote` a handler that waits
 * for a downstream call (the SDK's cost next to real I/O).
 */
export interface Workload {
  name: "checkout" | "quote";
  path: "/checkout" | "/quote";
  /** closed-loop workers during its warm-up */
  warmupConcurrency: number;
}

/** The load of one run of the fixture service; every run of a scenario uses the same plan. */
export interface HttpPlan {
  workloads: Workload[];
  /** open-loop rate of the fixed-load phases, requests/s */
  ratePerSec: number;
  fixedMs: number;
  /**
   * Requests per workload sent closed loop right after the service starts, so the JIT has
   * compiled the request path (both variants reach a steady CPU cost per request only after a few
   * thousand requests; at the fixed rate that would take seconds per run).
   */
  warmupRequests: number;
  /**
   * Open loop at the rate before each fixed phase, after the warm-up burst: the SDK exports
   * what the burst queued and Skein ingests it before anything is measured.
   */
  leadInMs: number;
  /** workers of the closed-loop throughput phase (first workload only) */
  concurrency: number;
  throughputMs: number;
  /** runs per variant, interleaved A B, B A, A B … so drift hits both alike */
  rounds: number;
}

/** One fixed-load phase of one workload. */
export interface FixedPhase {
  sent: number;
  ok: number;
  failures: number;
  /** see LoadSamples.latencyMs */
  latencyMs: LatencySummary;
  serviceMs: LatencySummary;
  lagMs: LatencySummary;
  /** CPU time of the service process per answered request (user + system, all threads), µs */
  cpuMicrosPerRequest: number;
  /** Skein's CPU during the phase as a share of one core (it shares the machine), when observed */
  skeinCpuShare?: number;
  /** CPU of every other process on the machine during the phase, as a share of one core */
  otherCpuShare: number;
  /** wall-clock bounds of the phase, unix ms (to find its traces in Skein) */
  startedAtMs: number;
  endedAtMs: number;
}

/** Figures of one service process: each workload's fixed-load phase, then a throughput phase. */
export interface HttpRun {
  variant: ServiceVariant;
  round: number;
  fixed: Partial<Record<Workload["name"], FixedPhase>>;
  throughput: { ok: number; failures: number; requestsPerSec: number; latencyMs: LatencySummary };
  /** failed requests of the warm-up and lead-in phases (not measured, but a failure is a failure) */
  unmeasuredFailures: number;
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

/** Where a run sends its telemetry and what else it observes. */
export interface RunEnv {
  otlpHttpUrl: string;
  downstreamUrl: string;
  /** the Skein server, to report its CPU during each fixed phase */
  skein: () => ProcSample;
  /** CPU seconds of the other measured processes that are not children of this one (Skein, the stub) */
  ownProcesses: () => number;
}

/** One service process of `variant` through warm-up, each workload's fixed load, and throughput; stopped after. */
export async function runService(variant: ServiceVariant, roundNo: number, plan: HttpPlan, env: RunEnv): Promise<HttpRun> {
  const service = await startService(variant, env.otlpHttpUrl, { downstreamUrl: env.downstreamUrl });
  try {
    const body = cartBody();
    const targetOf = (w: Workload): Target => ({ url: `${service.url}${w.path}`, body });
    let unmeasuredFailures = 0;
    for (const w of plan.workloads) unmeasuredFailures += (await closedLoopCount(targetOf(w), w.warmupConcurrency, plan.warmupRequests)).failures;
    const fixed: HttpRun["fixed"] = {};
    for (const w of plan.workloads) {
      unmeasuredFailures += (await openLoop(targetOf(w), plan.ratePerSec, plan.leadInMs)).failures;
      fixed[w.name] = await fixedPhase(service, targetOf(w), plan, env);
    }
    const tput = await closedLoop(targetOf(plan.workloads[0]!), plan.concurrency, plan.throughputMs);
    return {
      variant,
      round: roundNo,
      fixed,
      throughput: { ok: tput.ok, failures: tput.failures, requestsPerSec: round((tput.ok * 1000) / tput.elapsedMs), latencyMs: summarize(tput.latencyMs) },
      unmeasuredFailures,
      rssBytes: service.sample().rssBytes,
    };
  } finally {
    await service.stop();
  }
}

async function fixedPhase(service: ServiceProcess, target: Target, plan: HttpPlan, env: RunEnv): Promise<FixedPhase> {
  const cpu0 = service.sample().cpuSeconds;
  const skein0 = env.skein().cpuSeconds;
  const own0 = env.ownProcesses() + selfCpuSeconds();
  const machine0 = machineBusySeconds();
  const startedAtMs = Date.now();
  const fixed = await openLoop(target, plan.ratePerSec, plan.fixedMs);
  const endedAtMs = Date.now();
  const machine1 = machineBusySeconds();
  const cpu1 = service.sample().cpuSeconds;
  const skein1 = env.skein().cpuSeconds;
  const own1 = env.ownProcesses() + selfCpuSeconds();
  const seconds = fixed.elapsedMs / 1000;
  return {
    sent: fixed.sent,
    ok: fixed.ok,
    failures: fixed.failures,
    latencyMs: summarize(fixed.latencyMs),
    serviceMs: summarize(fixed.serviceMs),
    lagMs: summarize(fixed.lagMs),
    cpuMicrosPerRequest: round(((cpu1 - cpu0) * 1e6) / Math.max(1, fixed.ok)),
    skeinCpuShare: round((skein1 - skein0) / seconds),
    otherCpuShare: otherCpuShare(machine1 - machine0, cpu1 - cpu0 + own1 - own0, seconds),
    startedAtMs,
    endedAtMs,
  };
}

/** CPU seconds of the bench process itself (the load generator). */
function selfCpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}
