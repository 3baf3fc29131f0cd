import { LatencyHistogram, SpanKind, StatusCode } from "@skein/model";
import type { Rollups, ServiceGraphRow, SpanMetricsRow } from "@skein/storage";
import { Rng } from "./rng.js";

/** The shape of the synthetic rollups: what 24 h of a mid-size system's processors write. */
export interface RollupPlan {
  services: number;
  operationsPerService: number;
  /** Latency samples per series and minute (spread over ~8–12 buckets). */
  samplesPerSeriesMinute: number;
  minutes: number;
  /** The first minute, unix ms, a multiple of 60,000. */
  startUnixMs: number;
}

export const SERVICE_PREFIX = "svc-";

/** Service i calls service i+1 and i+2 (a chain with shortcuts), every third one a database, every fifth a queue. */
export function rollupEdges(services: number): { source: string; target: string; targetType: ServiceGraphRow["targetType"] }[] {
  const edges: { source: string; target: string; targetType: ServiceGraphRow["targetType"] }[] = [];
  for (let i = 0; i < services; i++) {
    const source = `${SERVICE_PREFIX}${i}`;
    for (const j of [i + 1, i + 2]) if (j < services) edges.push({ source, target: `${SERVICE_PREFIX}${j}`, targetType: "service" });
    if (i % 3 === 0) edges.push({ source, target: `db-${i}`, targetType: "database" });
    if (i % 5 === 0) edges.push({ source, target: `queue-${i}`, targetType: "queue" });
  }
  return edges;
}

/**
 * Rollups for one hour of the plan (minutes [hour·60, hour·60 + 60) from its start), deterministic
 * per seed: per minute, every (service, operation) as a SERVER series with OK spans and, for 1 in
 * 10 series, some ERROR spans; every edge with its calls, a few failed.
 */
export function rollupsForHour(plan: RollupPlan, hour: number, seed: number): Rollups {
  const rng = new Rng(seed + hour);
  const spanMetrics: SpanMetricsRow[] = [];
  const serviceGraph: ServiceGraphRow[] = [];
  const edges = rollupEdges(plan.services);
  const first = hour * 60;
  const last = Math.min(plan.minutes, first + 60);
  const buckets = (median: number): SpanMetricsRow["buckets"] => {
    const histogram = new LatencyHistogram();
    for (let s = 0; s < plan.samplesPerSeriesMinute; s++) histogram.record(median * Math.exp((rng.next() - 0.5) * 1.6));
    return histogram.buckets();
  };
  for (let m = first; m < last; m++) {
    const minuteUnixMs = plan.startUnixMs + m * 60_000;
    for (let s = 0; s < plan.services; s++) {
      for (let o = 0; o < plan.operationsPerService; o++) {
        const base = { minuteUnixMs, service: `${SERVICE_PREFIX}${s}`, operation: `GET /api/op-${o}`, kind: SpanKind.SERVER };
        const median = 2e6 * (1 + s + o);
        spanMetrics.push({ ...base, status: StatusCode.UNSET, buckets: buckets(median) });
        if ((s * plan.operationsPerService + o) % 10 === 0) spanMetrics.push({ ...base, status: StatusCode.ERROR, buckets: [{ bucket: 150, count: 1 + Math.floor(rng.next() * 3) }] });
      }
    }
    for (const edge of edges) {
      const base = { minuteUnixMs, source: edge.source, sourceType: "service" as const, target: edge.target, targetType: edge.targetType };
      serviceGraph.push({ ...base, failed: false, buckets: buckets(5e6) });
      if (rng.next() < 0.2) serviceGraph.push({ ...base, failed: true, buckets: [{ bucket: 160, count: 1 }] });
    }
  }
  return { spanMetrics, serviceGraph };
}

/** Rows (one per latency bucket) the stored form of the plan holds, roughly: for the report. */
export function bucketRows(rollups: Rollups): number {
  let rows = 0;
  for (const row of rollups.spanMetrics) rows += row.buckets.length;
  for (const row of rollups.serviceGraph) rows += row.buckets.length;
  return rows;
}
