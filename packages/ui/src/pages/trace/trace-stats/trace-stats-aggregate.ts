import type { TraceModel } from "../../../trace/trace-model.js";

/** Totals of one group of spans (a service, or one operation of a service). Times in ns. */
export interface StatsTotals {
  readonly spanCount: number;
  readonly errorCount: number;
  /** Sum of the spans' durations (overlapping spans count twice, as in Jaeger's "total"). */
  readonly totalNs: number;
  /** Sum of the spans' self times: the part of the trace this group spent on its own. */
  readonly selfNs: number;
  readonly avgNs: number;
  readonly maxNs: number;
  /** selfNs as a share (0–100) of the sum of every span's self time; 0 for an all-zero trace. */
  readonly selfPercent: number;
}

export interface OperationStats extends StatsTotals {
  readonly operation: string;
}

export interface ServiceStats extends StatsTotals {
  readonly service: string;
  readonly operations: readonly OperationStats[];
}

export type StatsSortKey = "name" | "spanCount" | "errorCount" | "totalNs" | "selfNs" | "avgNs" | "maxNs" | "selfPercent";
export interface StatsSort {
  readonly key: StatsSortKey;
  readonly descending: boolean;
}
export const DEFAULT_STATS_SORT: StatsSort = { key: "selfNs", descending: true };

interface Accumulator {
  spanCount: number;
  errorCount: number;
  totalNs: number;
  selfNs: number;
  maxNs: number;
}

/** Per service, then per operation (span name): counts and times over every span of the trace. O(n). */
export function aggregateTraceStats(model: TraceModel): ServiceStats[] {
  const services = new Map<string, { totals: Accumulator; operations: Map<string, Accumulator> }>();
  let traceSelfNs = 0;
  for (const node of model.nodes) {
    let service = services.get(node.span.service);
    if (!service) {
      service = { totals: emptyAccumulator(), operations: new Map() };
      services.set(node.span.service, service);
    }
    let operation = service.operations.get(node.span.name);
    if (!operation) {
      operation = emptyAccumulator();
      service.operations.set(node.span.name, operation);
    }
    for (const target of [service.totals, operation]) {
      target.spanCount++;
      if (node.isError) target.errorCount++;
      target.totalNs += node.durationNs;
      target.selfNs += node.selfTimeNs;
      if (node.durationNs > target.maxNs) target.maxNs = node.durationNs;
    }
    traceSelfNs += node.selfTimeNs;
  }
  return [...services].map(([name, { totals, operations }]) => ({
    service: name,
    ...finish(totals, traceSelfNs),
    operations: [...operations].map(([operation, acc]) => ({ operation, ...finish(acc, traceSelfNs) })),
  }));
}

/** Services sorted by `sort`, and each service's operations by the same key (names ascending break ties). */
export function sortTraceStats(stats: readonly ServiceStats[], sort: StatsSort): ServiceStats[] {
  const sign = sort.descending ? -1 : 1;
  const compare = <T extends StatsTotals>(name: (row: T) => string) => (a: T, b: T) => {
    const byKey = sort.key === "name" ? name(a).localeCompare(name(b)) : a[sort.key] - b[sort.key];
    return sign * byKey || name(a).localeCompare(name(b));
  };
  return [...stats]
    .sort(compare<ServiceStats>((row) => row.service))
    .map((service) => ({ ...service, operations: [...service.operations].sort(compare<OperationStats>((row) => row.operation)) }));
}

function emptyAccumulator(): Accumulator {
  return { spanCount: 0, errorCount: 0, totalNs: 0, selfNs: 0, maxNs: 0 };
}

function finish(acc: Accumulator, traceSelfNs: number): StatsTotals {
  return {
    ...acc,
    avgNs: acc.spanCount === 0 ? 0 : acc.totalNs / acc.spanCount,
    selfPercent: traceSelfNs === 0 ? 0 : (acc.selfNs / traceSelfNs) * 100,
  };
}
