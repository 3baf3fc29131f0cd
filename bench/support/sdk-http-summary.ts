import { round } from "./latency.js";
import type { HttpRun, Workload } from "./sdk-http-bench.js";

/** Median of a list (mean of the middle two for an even count); NaN when empty. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** One workload of one variant: the median over runs of each figure of its fixed-load phase. */
export interface WorkloadSummary {
  p50Ms: number;
  p99Ms: number;
  serviceP50Ms: number;
  lagP99Ms: number;
  cpuMicrosPerRequest: number;
  /** NaN when Skein was not observed */
  skeinCpuShare: number;
  otherCpuShare: number;
}

/** Per variant: each workload's summary, plus the figures of the whole runs. */
export interface VariantSummary {
  runs: number;
  workloads: Partial<Record<Workload["name"], WorkloadSummary>>;
  requestsPerSec: number;
  /** every failed request of every phase of every run, warm-up included */
  failures: number;
  rssBytes: number;
}

export function summarizeVariant(runs: readonly HttpRun[]): VariantSummary {
  const m = (f: (r: HttpRun) => number | undefined): number => round(median(runs.map(f).filter((v): v is number => v !== undefined)));
  const names = [...new Set(runs.flatMap((r) => Object.keys(r.fixed)))] as Array<Workload["name"]>;
  const workloads: VariantSummary["workloads"] = {};
  for (const name of names) {
    const phase = (r: HttpRun) => r.fixed[name];
    workloads[name] = {
      p50Ms: m((r) => phase(r)?.latencyMs.p50),
      p99Ms: m((r) => phase(r)?.latencyMs.p99),
      serviceP50Ms: m((r) => phase(r)?.serviceMs.p50),
      lagP99Ms: m((r) => phase(r)?.lagMs.p99),
      cpuMicrosPerRequest: m((r) => phase(r)?.cpuMicrosPerRequest),
      skeinCpuShare: m((r) => phase(r)?.skeinCpuShare ?? Number.NaN),
      otherCpuShare: m((r) => phase(r)?.otherCpuShare),
    };
  }
  const failures = runs.reduce((s, r) => s + r.unmeasuredFailures + r.throughput.failures + Object.values(r.fixed).reduce((f, p) => f + p.failures, 0), 0);
  return { runs: runs.length, workloads, requestsPerSec: m((r) => r.throughput.requestsPerSec), failures, rssBytes: m((r) => r.rssBytes) };
}

/** What the SDK adds to one workload: absolute (µs per request) and relative (%). */
export interface Overhead {
  p50DeltaMicros: number;
  p50Pct: number;
  p99DeltaMicros: number;
  cpuDeltaMicros: number;
  cpuRatio: number;
}

export function overhead(baseline: WorkloadSummary, instrumented: WorkloadSummary): Overhead {
  return {
    p50DeltaMicros: round((instrumented.p50Ms - baseline.p50Ms) * 1000, 0),
    p50Pct: round((instrumented.p50Ms / baseline.p50Ms - 1) * 100, 1),
    p99DeltaMicros: round((instrumented.p99Ms - baseline.p99Ms) * 1000, 0),
    cpuDeltaMicros: round(instrumented.cpuMicrosPerRequest - baseline.cpuMicrosPerRequest, 0),
    cpuRatio: round(instrumented.cpuMicrosPerRequest / baseline.cpuMicrosPerRequest, 2),
  };
}
