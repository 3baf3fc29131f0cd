import { qualifiedTable } from "../encoded-write.js";
import type { EncodedWrite } from "../encoded-write.js";
import type { TableName, TableNames } from "../table-names.js";
import type { WriterConnection } from "./clickhouse-writer-options.js";

/**
 * Concatenates JSONEachRow bodies (or single lines), each ending in a newline. Joined once:
 * checking the end of a growing concatenation would flatten it every time (quadratic).
 */
export function joinJsonLines(bodies: readonly string[]): string {
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

/**
 * Inserts a group of writes with one INSERT per table: every side table first (trace_index,
 * operations: a lookup finds the spans only through them, and duplicates there are harmless),
 * then the main tables. Resolves once ClickHouse confirmed all of them; on a failure some of the
 * tables (or of their blocks) may be stored, which a replay's per-row check sorts out.
 */
export async function insertGroup(connection: WriterConnection, tables: TableNames, writes: readonly EncodedWrite[]): Promise<void> {
  const side = byTable(writes.flatMap((w) => w.side));
  await Promise.all([...side].map(([table, bodies]) => connection.insertEncoded(qualifiedTable(tables, table), joinJsonLines(bodies))));
  const main = byTable(writes.map((w) => w.main));
  await Promise.all([...main].map(([table, bodies]) => connection.insertEncoded(qualifiedTable(tables, table), joinJsonLines(bodies))));
}
