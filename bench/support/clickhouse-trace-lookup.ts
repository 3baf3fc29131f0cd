import type { DirectClickHouse } from "./clickhouse-direct.js";
import { chString, chUInt, traceIdHalves } from "./clickhouse-direct.js";
import { CLICKHOUSE_DATABASE } from "./data-set-location.js";

interface IndexRow {
  day: string;
  service: string;
  name: string;
  lo: string;
  hi: string;
}

/** Statement 1: where the trace's spans are, from the side table ordered by trace id. */
export function traceIndexSql(traceIdHex: string, database = CLICKHOUSE_DATABASE): string {
  const { hi, lo } = traceIdHalves(traceIdHex);
  return `SELECT day, service, name, min(start_min) AS lo, max(start_max) AS hi FROM ${database}.trace_index
WHERE trace_id_hi = ${hi} AND trace_id_lo = ${lo} GROUP BY day, service, name`;
}

/**
 * Statement 2: the trace's spans, bounded by the index rows — day (the partition) and
 * (service, name, start_ns), a prefix of the spans table's sort key — so ClickHouse reads only
 * the granules that can hold them. Undefined when the index knows no rows (unknown trace).
 */
export function traceSpansSql(traceIdHex: string, index: readonly IndexRow[], database = CLICKHOUSE_DATABASE): string | undefined {
  if (index.length === 0) return undefined;
  const { hi, lo } = traceIdHalves(traceIdHex);
  const ranges = index.map((r) => `(day = ${chString(r.day)} AND service = ${chString(r.service)} AND name = ${chString(r.name)} AND start_ns >= ${chUInt(BigInt(r.lo))} AND start_ns <= ${chUInt(BigInt(r.hi))})`);
  return `SELECT * FROM ${database}.spans WHERE trace_id_hi = ${hi} AND trace_id_lo = ${lo} AND (${ranges.join(" OR ")})`;
}

/**
 * The trace-by-id SQL baseline on ClickHouse: the two statements above over HTTP, every span
 * row parsed into a JS object; returns the span count and the wall time of both, in ms.
 */
export async function lookupTraceBySql(direct: DirectClickHouse, traceIdHex: string): Promise<{ rows: number; ms: number }> {
  const started = performance.now();
  const index = await direct.rows<IndexRow>(traceIndexSql(traceIdHex));
  const sql = traceSpansSql(traceIdHex, index);
  const rows = sql === undefined ? 0 : (await direct.rows<unknown>(sql)).length;
  return { rows, ms: performance.now() - started };
}
