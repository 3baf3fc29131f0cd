import { mainRowKeys } from "../encoded-write.js";
import type { EncodedWrite } from "../encoded-write.js";
import { rollupHourConditions } from "../rollup-hour-key.js";
import { sqlDate, sqlList, sqlUInt64 } from "../sql-literal.js";
import type { TableName } from "../table-names.js";

/** Beyond this many distinct services or names the narrowing condition is left out (the query stays correct, only slower). */
const MAX_KEY_VALUES = 1_000;

/**
 * The sort-key columns (sql/*.sql) a dedup query narrows by, per main table (the fields
 * mainRowKeys reads): `(service, name, start_ns)`, `(service, time_ns)`, `(hour, service,
 * minute_ms, operation)`, `(hour, source, minute_ms, target)` — `hour` the rollup tables' leading
 * intDiv(minute_ms, 3600000), bounded from the same times (rollup-hour-key.ts).
 */
const KEY_COLUMNS: Partial<Record<TableName, { service: string; name: string | undefined; time: string; hour?: true }>> = {
  spans: { service: "service", name: "name", time: "start_ns" },
  logs: { service: "service", name: undefined, time: "time_ns" },
  span_metrics: { service: "service", name: "operation", time: "minute_ms", hour: true },
  service_graph: { service: "source", name: undefined, time: "minute_ms", hour: true },
};

interface KeyBounds {
  services: Set<string>;
  names: Set<string>;
  minTime: bigint;
  maxTime: bigint;
}

/**
 * Services, names and the time range of the main rows of `writes`, read back by encoded-write.ts
 * (which alone knows the row format); undefined when a body cannot be read that way (the query
 * then narrows by day and ingest id only: correct, only slower).
 */
function keyBounds(writes: readonly EncodedWrite[]): KeyBounds | undefined {
  const bounds: KeyBounds = { services: new Set(), names: new Set(), minTime: 2n ** 64n, maxTime: -1n };
  for (const write of writes) {
    let keys;
    try {
      keys = mainRowKeys(write);
    } catch {
      return undefined;
    }
    for (const key of keys) {
      bounds.services.add(key.service);
      bounds.names.add(key.name);
      if (key.time < bounds.minTime) bounds.minTime = key.time;
      if (key.time > bounds.maxTime) bounds.maxTime = key.time;
    }
  }
  return bounds.maxTime < 0n ? undefined : bounds;
}

/**
 * The statement listing which `(ingest_id, ingest_row)` of `writes` (all with the same main
 * table, `table` its qualified name) that table already holds. Bounded by the writes' days and
 * ids; when the rows' sort-key values are at hand also by service, name and time, so that
 * ClickHouse reads a few granules instead of whole day partitions (there is no index on
 * ingest_id). Every value goes through sql-literal.ts.
 */
export function storedRowsSql(table: string, writes: readonly EncodedWrite[]): string {
  if (writes.length === 0) throw new RangeError("storedRowsSql needs at least one write");
  const kind = writes[0]!.main.table;
  let minDay = writes[0]!.minDay;
  let maxDay = writes[0]!.maxDay;
  for (const w of writes) {
    if (w.main.table !== kind) throw new RangeError(`writes of ${kind} and ${w.main.table} in one dedup query`);
    if (w.minDay < minDay) minDay = w.minDay;
    if (w.maxDay > maxDay) maxDay = w.maxDay;
  }
  const conditions = [`day >= ${sqlDate(minDay)}`, `day <= ${sqlDate(maxDay)}`];
  const key = KEY_COLUMNS[kind];
  const bounds = key === undefined ? undefined : keyBounds(writes);
  if (key !== undefined && bounds !== undefined) {
    if (bounds.services.size <= MAX_KEY_VALUES) conditions.push(`${key.service} IN (${sqlList([...bounds.services])})`);
    if (key.name !== undefined && bounds.names.size <= MAX_KEY_VALUES) conditions.push(`${key.name} IN (${sqlList([...bounds.names])})`);
    conditions.push(`${key.time} >= ${sqlUInt64(bounds.minTime)}`, `${key.time} <= ${sqlUInt64(bounds.maxTime)}`);
    if (key.hour === true) conditions.push(...rollupHourConditions(bounds.minTime, bounds.maxTime));
  }
  conditions.push(`ingest_id IN (${sqlList(writes.map((w) => w.ingestId))})`);
  return `SELECT DISTINCT toString(ingest_id) AS id, ingest_row AS row FROM ${table} WHERE ${conditions.join(" AND ")}`;
}
