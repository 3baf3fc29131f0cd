import { qualifiedTable } from "../encoded-write.js";
import type { EncodedWrite } from "../encoded-write.js";
import type { TableName, TableNames } from "../table-names.js";
import type { WriterConnection } from "./clickhouse-writer-options.js";
import { joinLines, startInsert } from "./grouped-insert.js";
import type { QueryIdSource } from "./grouped-insert.js";
import { notInserting, settleInserts } from "./insert-failure.js";
import { storedRowsSql } from "./stored-rows-sql.js";

/** The lines of a body (one row per line) whose index is not in `stored`. */
export function linesNotIn(body: string, stored: ReadonlySet<number> | undefined): string[] {
  const lines = body.split("\n");
  if (lines.at(-1) === "") lines.pop();
  return stored === undefined ? lines : lines.filter((_, index) => !stored.has(index));
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list === undefined) out.set(k, [item]);
    else list.push(item);
  }
  return out;
}

/**
 * Stores writes exactly once however often it is called, even after an insert of them that
 * failed half-way or landed unconfirmed: inserts their side tables (duplicates harmless), asks
 * the main table which `(ingest_id, ingest_row)` it already holds, and inserts only the other
 * rows — one INSERT per table for all the writes. Returns how many main rows it inserted. Fails
 * with StoreFailedError, once none of its requests is running any more. Not atomic against an
 * insert of the same writes still running on the server: callers make sure none is
 * (unsettled-inserts.ts).
 */
export async function storeOnce(connection: WriterConnection, tables: TableNames, writes: readonly EncodedWrite[], signal?: AbortSignal, queryIds?: QueryIdSource): Promise<number> {
  const side = groupBy(writes.flatMap((w) => w.side), (p) => p.table);
  await settleInserts([...side].map(([table, parts]) => startInsert(connection, qualifiedTable(tables, table), joinLines(parts.map((p) => p.body)), queryIds, signal)), false);
  let inserted = 0;
  for (const [table, group] of groupBy(writes, (w): TableName => w.main.table)) {
    const name = qualifiedTable(tables, table);
    const rows = await notInserting(() => connection.queryAll<{ id: string; row: number | string }>(storedRowsSql(name, group), signal));
    const stored = new Map<string, Set<number>>();
    for (const r of rows) {
      const set = stored.get(r.id);
      if (set === undefined) stored.set(r.id, new Set([Number(r.row)]));
      else set.add(Number(r.row));
    }
    const missing = group.flatMap((w) => {
      const have = stored.get(w.ingestId.toString());
      return have !== undefined && have.size >= w.rows ? [] : linesNotIn(w.main.body, have);
    });
    if (missing.length === 0) continue;
    await settleInserts([startInsert(connection, name, joinLines(missing), queryIds, signal)], true);
    inserted += missing.length;
  }
  return inserted;
}
