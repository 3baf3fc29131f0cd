import { StatusCode } from "@skein/model";
import type { SpanKind } from "@skein/model";
import { expect } from "vitest";
import type { MinuteRange, ServiceGraphCell, ServiceGraphRow, ServiceNodeType, SpanMetricsCell, SpanMetricsQuery, SpanMetricsRow } from "../insights.js";
import type { Storage } from "../storage.js";
import { collect } from "../testing/fixtures.js";

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
/** 2023-11-14T21:00:00Z in ms: an hour boundary, so windows of 1, 5 and 60 minutes all start here. */
export const T0 = 472_221 * HOUR;
/** The start of minute `n` after T0. */
export const minute = (n: number): number => T0 + n * MINUTE;

/** One span-metrics row; `buckets` as [bucket, count] pairs. */
export function metricsRow(
  minuteUnixMs: number,
  service: string,
  operation: string,
  kind: SpanKind,
  status: StatusCode,
  buckets: [number, number][],
): SpanMetricsRow {
  return { minuteUnixMs, service, operation, kind, status, buckets: buckets.map(([bucket, count]) => ({ bucket, count })) };
}

/** One service-graph row; `buckets` as [bucket, count] pairs. */
export function graphRow(
  minuteUnixMs: number,
  source: [string, ServiceNodeType],
  target: [string, ServiceNodeType],
  failed: boolean,
  buckets: [number, number][],
): ServiceGraphRow {
  return { minuteUnixMs, source: source[0], sourceType: source[1], target: target[0], targetType: target[1], failed, buckets: buckets.map(([bucket, count]) => ({ bucket, count })) };
}

export const ok = StatusCode.OK;
export const unset = StatusCode.UNSET;
export const error = StatusCode.ERROR;

/** A span-metrics cell, for expectations. */
export function metricsCell(windowStartUnixMs: number, service: string | null, operation: string | null, kind: SpanKind | null, isError: boolean, bucket: number, count: number): SpanMetricsCell {
  return { windowStartUnixMs, service, operation, kind, error: isError, bucket, count };
}

/** A service-graph cell, for expectations. */
export function graphCell(source: [string, ServiceNodeType], target: [string, ServiceNodeType], failed: boolean, bucket: number, count: number): ServiceGraphCell {
  return { source: source[0], sourceType: source[1], target: target[0], targetType: target[1], failed, bucket, count };
}

const metricsKey = (c: SpanMetricsCell): string => JSON.stringify([c.windowStartUnixMs, c.service, c.operation, c.kind, c.error, c.bucket]);
const graphKey = (c: ServiceGraphCell): string => JSON.stringify([c.source, c.sourceType, c.target, c.targetType, c.failed, c.bucket]);
const byKey = <T>(key: (c: T) => string) => (a: T, b: T): number => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);

/**
 * Drains querySpanMetrics and returns the cells in a canonical order, checking the reader's
 * general promises: one cell per key, counts > 0, only the fields of the contract.
 */
export async function spanMetrics(storage: Storage, query: Partial<SpanMetricsQuery> & Pick<SpanMetricsQuery, "groupBy">): Promise<SpanMetricsCell[]> {
  const full: SpanMetricsQuery = { startUnixMs: T0, endUnixMs: T0 + 2 * HOUR, stepMs: MINUTE, ...query };
  const cells = (await collect(storage.metrics.reader.querySpanMetrics(full))).map((c) => ({
    windowStartUnixMs: c.windowStartUnixMs,
    service: c.service,
    operation: c.operation,
    kind: c.kind,
    error: c.error,
    bucket: c.bucket,
    count: c.count,
  }));
  expectUniquePositive(cells, metricsKey);
  return cells.sort(byKey(metricsKey));
}

/** Drains queryServiceGraph into canonical order, checking one cell per key and counts > 0. */
export async function serviceGraph(storage: Storage, range: MinuteRange = { startUnixMs: T0, endUnixMs: T0 + 2 * HOUR }): Promise<ServiceGraphCell[]> {
  const cells = (await collect(storage.metrics.reader.queryServiceGraph(range))).map((c) => ({
    source: c.source,
    sourceType: c.sourceType,
    target: c.target,
    targetType: c.targetType,
    failed: c.failed,
    bucket: c.bucket,
    count: c.count,
  }));
  expectUniquePositive(cells, graphKey);
  return cells.sort(byKey(graphKey));
}

/** Expected cells in the same canonical order as spanMetrics() returns. */
export const sortedMetrics = (cells: SpanMetricsCell[]): SpanMetricsCell[] => [...cells].sort(byKey(metricsKey));
/** Expected cells in the same canonical order as serviceGraph() returns. */
export const sortedGraph = (cells: ServiceGraphCell[]): ServiceGraphCell[] => [...cells].sort(byKey(graphKey));

function expectUniquePositive<T extends { count: number }>(cells: T[], key: (c: T) => string): void {
  const keys = cells.map(key);
  expect(new Set(keys).size, `one cell per key, got ${keys.length - new Set(keys).size} duplicates`).toBe(keys.length);
  for (const cell of cells) {
    expect(typeof cell.count).toBe("number");
    expect(cell.count, `count of ${key(cell)}`).toBeGreaterThan(0);
  }
}

/** Compares counts that may be float sums: relative 1e-12, i.e. no loss beyond float addition order. */
export function expectCount(actual: number | undefined, expected: number, label?: string): void {
  expect(actual, label).toBeDefined();
  expect(Math.abs(actual! - expected), `${label ?? "count"}: ${actual} vs ${expected}`).toBeLessThanOrEqual(Math.abs(expected) * 1e-12);
}
