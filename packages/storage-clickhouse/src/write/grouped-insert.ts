import { qualifiedTable } from "../encoded-write.js";
import type { EncodedWrite } from "../encoded-write.js";
import type { TableName, TableNames } from "../table-names.js";
import type { WriterConnection } from "./clickhouse-writer-options.js";
import { settleInserts } from "./insert-failure.js";
import type { StepInsert } from "./insert-failure.js";

/** Makes the query id of the next INSERT; undefined: send none. */
export type QueryIdSource = (() => string) | undefined;

/**
 * Concatenates row bodies (or single lines), each ending in a newline. Joined once: checking
 * the end of a growing concatenation would flatten it every time (quadratic).
 */
export function joinLines(bodies: readonly string[]): string {
  const parts: string[] = [];
  for (const body of bodies) {
    if (body.length === 0) continue;
    parts.push(body.endsWith("\n") ? body : `${body}\n`);
  }
  return parts.join("");
}

function byTable(parts: { table: TableName; body: string }[]): Map<TableName, string[]> {
  const out = new Map<TableName, string[]>();
  for (const p of parts) {
    const list = out.get(p.table);
    if (list === undefined) out.set(p.table, [p.body]);
    else list.push(p.body);
  }
  return out;
}

/** Starts one INSERT of `body` into `table` (with the next query id, if any). */
export function startInsert(connection: WriterConnection, table: string, body: string, queryIds: QueryIdSource, signal?: AbortSignal): StepInsert {
  const queryId = queryIds?.();
  const done = connection.insertEncoded(table, body, signal, queryId === undefined ? undefined : { queryId });
  return { done, queryId };
}

/**
 * Inserts a group of writes with one INSERT per table: every side table first (trace_index,
 * operations: a lookup finds the spans only through them, and duplicates there are harmless),
 * then the main tables. Resolves once ClickHouse confirmed all of them. On a failure it rejects
 * with StoreFailedError only once every INSERT it started has ended, so nothing of the group is
 * still being sent when the caller retries; some of the tables (or of their blocks) may be
 * stored, which a replay's per-row check sorts out.
 */
export async function insertGroup(connection: WriterConnection, tables: TableNames, writes: readonly EncodedWrite[], queryIds?: QueryIdSource): Promise<void> {
  const side = byTable(writes.flatMap((w) => w.side));
  await settleInserts([...side].map(([table, bodies]) => startInsert(connection, qualifiedTable(tables, table), joinLines(bodies), queryIds)), false);
  const main = byTable(writes.map((w) => w.main));
  await settleInserts([...main].map(([table, bodies]) => startInsert(connection, qualifiedTable(tables, table), joinLines(bodies), queryIds)), true);
}
