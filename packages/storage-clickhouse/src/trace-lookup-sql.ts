// getTrace in two steps (sql/001-trace-index.sql): where the trace's spans are, then the spans.
import { traceIdHalves } from "./id-columns.js";
import { sqlDate, sqlLiteral, sqlUInt64 } from "./sql-literal.js";
import type { TableNames } from "./table-names.js";

/** Where a trace has spans: one (service, span name) with its start range and days. */
export interface TraceBounds {
  service: string;
  name: string;
  /** Smallest and largest span start (ns) written for this (service, name). */
  startMin: bigint;
  startMax: bigint;
  /** UTC days (YYYY-MM-DD) of the partitions those spans are in. */
  days: string[];
}

/** Beyond this many (service, name) pairs step 2 bounds by service; beyond this many services, by the overall start range. */
export const MAX_BOUND_TERMS = 200;
/**
 * A trace whose span starts lie within this span of time (ns) is read with one start range for
 * all its (service, name) pairs; a longer one with a range per pair, which skips more granules.
 */
export const SHORT_TRACE_NANO = 60_000_000_000n;
/** Beyond this many days step 2 reads the day range instead of listing days. */
export const MAX_LISTED_DAYS = 400;

/**
 * Step 1: the trace's rows of trace_index (read by primary key) grouped by (service, name).
 * JSONEachRow rows `{ service: string, name: string, first_start: string, last_start: string,
 * days: string[] }` (UInt64 as decimal strings, days YYYY-MM-DD, 18.16 writes 1970-01-01 as
 * 0000-00-00); map each with traceBoundsFromRow.
 */
export function traceBoundsSql(traceId: Uint8Array, tables: TableNames): string {
  const [hi, lo] = traceIdHalves(traceId);
  return `SELECT service, name, min(start_min) AS first_start, max(start_max) AS last_start, groupUniqArray(day) AS days
FROM ${tables.traceIndex}
WHERE trace_id_hi = ${sqlUInt64(hi)} AND trace_id_lo = ${sqlUInt64(lo)}
GROUP BY service, name
ORDER BY service, name`;
}

/** One row of traceBoundsSql as TraceBounds. */
export function traceBoundsFromRow(row: Record<string, unknown>): TraceBounds {
  const days = row.days;
  if (typeof row.service !== "string" || typeof row.name !== "string" || !Array.isArray(days)) {
    throw new TypeError(`unexpected trace_index row ${JSON.stringify(row)}`);
  }
  return {
    service: row.service,
    name: row.name,
    startMin: BigInt(row.first_start as string),
    startMax: BigInt(row.last_start as string),
    // 18.16 prints day 0 (1970-01-01, where times ≤ 0 go) as 0000-00-00.
    days: days.map((day) => (day === "0000-00-00" ? "1970-01-01" : String(day))),
  };
}

/**
 * Step 2: the trace's spans (`columns`, a comma-separated column list chosen by the caller),
 * ordered by start then span id. Reads only the listed days, and within them only the
 * (service, name, start) ranges of `bounds` — a prefix of the spans' sort key. Exact whatever
 * the bounds (trace id equality is always part of the WHERE); with many bounds the ranges
 * coarsen (per service, then overall) so the SQL stays small. Empty bounds: a query without rows.
 */
export function traceSpansSql(traceId: Uint8Array, bounds: TraceBounds[], tables: TableNames, columns: string): string {
  const [hi, lo] = traceIdHalves(traceId);
  if (bounds.length === 0) return `SELECT ${columns} FROM ${tables.spans} WHERE 0`;
  return `SELECT ${columns}
FROM ${tables.spans}
WHERE ${dayCondition(bounds)}
  AND trace_id_hi = ${sqlUInt64(hi)} AND trace_id_lo = ${sqlUInt64(lo)}
  AND ${rangeCondition(bounds)}
ORDER BY start_ns, span_id`;
}

function dayCondition(bounds: TraceBounds[]): string {
  const days = [...new Set(bounds.flatMap((b) => b.days))].sort();
  if (days.length <= MAX_LISTED_DAYS) return `day IN (${days.map(sqlDate).join(", ")})`;
  return `day >= ${sqlDate(days[0]!)} AND day <= ${sqlDate(days.at(-1)!)}`;
}

function between(min: bigint, max: bigint): string {
  return `start_ns >= ${sqlUInt64(min)} AND start_ns <= ${sqlUInt64(max)}`;
}

function rangeCondition(bounds: TraceBounds[]): string {
  const min = bounds.reduce((m, b) => (b.startMin < m ? b.startMin : m), bounds[0]!.startMin);
  const max = bounds.reduce((m, b) => (b.startMax > m ? b.startMax : m), bounds[0]!.startMax);
  if (bounds.length <= MAX_BOUND_TERMS && max - min <= SHORT_TRACE_NANO) {
    // One set of sort-key prefixes and one start range: 18.16 analyses this key condition far
    // faster than an OR of per-pair ranges (22 vs 33 ms for a 27-pair trace, bench data set),
    // and for a short trace the ranges select the same granules.
    const pairs = bounds.map((b) => `(${sqlLiteral(b.service)}, ${sqlLiteral(b.name)})`).join(", ");
    return `(service, name) IN (${pairs}) AND ${between(min, max)}`;
  }
  if (bounds.length <= MAX_BOUND_TERMS) {
    return `(${bounds.map((b) => `(service = ${sqlLiteral(b.service)} AND name = ${sqlLiteral(b.name)} AND ${between(b.startMin, b.startMax)})`).join("\n    OR ")})`;
  }
  const byService = new Map<string, { min: bigint; max: bigint }>();
  for (const b of bounds) {
    const range = byService.get(b.service);
    if (range === undefined) byService.set(b.service, { min: b.startMin, max: b.startMax });
    else {
      if (b.startMin < range.min) range.min = b.startMin;
      if (b.startMax > range.max) range.max = b.startMax;
    }
  }
  if (byService.size > MAX_BOUND_TERMS) return between(min, max);
  return `(${[...byService].map(([service, r]) => `(service = ${sqlLiteral(service)} AND ${between(r.min, r.max)})`).join("\n    OR ")})`;
}
