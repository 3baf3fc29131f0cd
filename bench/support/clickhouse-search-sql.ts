import { chString, chUInt } from "./clickhouse-direct.js";
import { CLICKHOUSE_DATABASE } from "./data-set-location.js";
import type { SearchQuery } from "./search-queries.js";
import { ATTRIBUTE_KEY, ATTRIBUTE_VALUE } from "./search-queries.js";

/** The INT code of the `attr_types` column (packages/storage-clickhouse/src/attribute-types.ts). */
const INT_TYPE = 3;

/**
 * The search baselines on ClickHouse: the same aggregate as DuckDB's — the latest 20 trace ids
 * with a span matching every condition — in the ClickHouse schema's columns (ids as two UInt64
 * halves, attributes as parallel key/type/value arrays).
 */
export function clickhouseSearchSql(q: SearchQuery, database = CLICKHOUSE_DATABASE): string {
  const predicate =
    q.service === undefined
      ? `attr_types[indexOf(attr_keys, ${chString(ATTRIBUTE_KEY)})] = ${INT_TYPE} AND attr_values[indexOf(attr_keys, ${chString(ATTRIBUTE_KEY)})] = ${chString(String(ATTRIBUTE_VALUE))}`
      : `service = ${chString(q.service)} AND duration_ns >= ${chUInt(q.minDurationNs ?? 0n)}`;
  return `SELECT trace_id_hi, trace_id_lo, max(start_ns) AS latest FROM ${database}.spans
WHERE ${predicate} AND start_ns >= ${chUInt(q.startNs)} AND start_ns <= ${chUInt(q.endNs)}
GROUP BY trace_id_hi, trace_id_lo ORDER BY latest DESC, trace_id_hi, trace_id_lo LIMIT 20`;
}
