import { StatusCode } from "@skein/model";
import type { MetricsReader, MetricsWriter, MinuteRange, Rollups, ServiceGraphCell, ServiceGraphRow, SpanMetricsCell, SpanMetricsQuery, SpanMetricsRow } from "../insights.js";
import { chunked } from "./memory-lifecycle.js";
import { checkRollups } from "../rollup-contract.js";
import type { MemoryLifecycle } from "./memory-lifecycle.js";
import { estimateServiceGraphRowBytes, estimateSpanMetricsRowBytes } from "./memory-size.js";

const MINUTE_MS = 60_000;
const NANOS_PER_MS = 1_000_000n;

/**
 * Rollup rows in memory, kept as written (copies): the readers sum them per key at query time, so
 * writes are additive by construction. The reference semantics of insights.ts.
 */
export class MemoryMetricsStore implements MetricsReader, MetricsWriter {
  private spanMetrics: SpanMetricsRow[] = [];
  private serviceGraph: ServiceGraphRow[] = [];
  private bytes = 0;

  constructor(private readonly lifecycle: MemoryLifecycle) {}

  get sizeBytes(): number {
    return this.bytes;
  }

  clear(): void {
    this.spanMetrics = [];
    this.serviceGraph = [];
    this.bytes = 0;
  }

  /**
   * All or nothing: every row is checked (RangeError for one outside the contract, see
   * checkRollups) and copied before any becomes visible.
   */
  async writeRollups(rollups: Rollups, signal?: AbortSignal): Promise<void> {
    this.lifecycle.assertOpen();
    signal?.throwIfAborted();
    checkRollups(rollups);
    const metrics = rollups.spanMetrics.map((row) => ({ ...row, buckets: row.buckets.map((b) => ({ ...b })) }));
    const graph = rollups.serviceGraph.map((row) => ({ ...row, buckets: row.buckets.map((b) => ({ ...b })) }));
    for (const row of metrics) this.bytes += estimateSpanMetricsRowBytes(row);
    for (const row of graph) this.bytes += estimateServiceGraphRowBytes(row);
    this.spanMetrics.push(...metrics);
    this.serviceGraph.push(...graph);
  }

  /** Removes the rows of the minutes that start before `cutoffUnixNano`. */
  deleteBefore(cutoffUnixNano: bigint): void {
    const kept = (row: { minuteUnixMs: number }) => BigInt(row.minuteUnixMs) * NANOS_PER_MS >= cutoffUnixNano;
    for (const row of this.spanMetrics) if (!kept(row)) this.bytes -= estimateSpanMetricsRowBytes(row);
    for (const row of this.serviceGraph) if (!kept(row)) this.bytes -= estimateServiceGraphRowBytes(row);
    this.spanMetrics = this.spanMetrics.filter(kept);
    this.serviceGraph = this.serviceGraph.filter(kept);
  }

  async *querySpanMetrics(query: SpanMetricsQuery, signal?: AbortSignal): AsyncIterable<SpanMetricsCell[]> {
    this.lifecycle.assertOpen();
    const { stepMs, groupBy } = query;
    if (!Number.isInteger(stepMs) || stepMs <= 0 || stepMs % MINUTE_MS !== 0) throw new RangeError(`stepMs must be a positive multiple of 60000, got ${stepMs}`);
    const services = query.services === undefined ? undefined : new Set(query.services);
    const kinds = query.kinds === undefined ? undefined : new Set<number>(query.kinds);
    const cells = new Map<string, SpanMetricsCell>();
    for (const row of this.spanMetrics) {
      if (!inRange(row.minuteUnixMs, query)) continue;
      if (services !== undefined && !services.has(row.service)) continue;
      if (query.operation !== undefined && row.operation !== query.operation) continue;
      if (kinds !== undefined && !kinds.has(row.kind)) continue;
      const group = {
        windowStartUnixMs: Math.floor(row.minuteUnixMs / stepMs) * stepMs,
        service: groupBy.service === true ? row.service : null,
        operation: groupBy.operation === true ? row.operation : null,
        kind: groupBy.kind === true ? row.kind : null,
        error: row.status === StatusCode.ERROR,
      };
      for (const { bucket, count } of row.buckets) {
        const key = JSON.stringify([group.windowStartUnixMs, group.service, group.operation, group.kind, group.error, bucket]);
        const cell = cells.get(key);
        if (cell === undefined) cells.set(key, { ...group, bucket, count });
        else cell.count += count;
      }
    }
    yield* chunked([...cells.values()].filter((c) => c.count > 0), (c) => c, signal);
  }

  async *queryServiceGraph(query: MinuteRange, signal?: AbortSignal): AsyncIterable<ServiceGraphCell[]> {
    this.lifecycle.assertOpen();
    const cells = new Map<string, ServiceGraphCell>();
    for (const row of this.serviceGraph) {
      if (!inRange(row.minuteUnixMs, query)) continue;
      const { source, sourceType, target, targetType, failed } = row;
      for (const { bucket, count } of row.buckets) {
        const key = JSON.stringify([source, sourceType, target, targetType, failed, bucket]);
        const cell = cells.get(key);
        if (cell === undefined) cells.set(key, { source, sourceType, target, targetType, failed, bucket, count });
        else cell.count += count;
      }
    }
    yield* chunked([...cells.values()].filter((c) => c.count > 0), (c) => c, signal);
  }
}

function inRange(minuteUnixMs: number, range: MinuteRange): boolean {
  return minuteUnixMs >= range.startUnixMs && minuteUnixMs < range.endUnixMs;
}
