import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import type { ClickHouseConnection } from "./clickhouse-connection.js";
import { sqlLiteral } from "./sql-literal.js";

/** Bytes of the files under `dir`, recursively; 0 when it does not exist. Files vanishing meanwhile count as 0. */
export async function directorySizeBytes(dir: string): Promise<number> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  let total = 0;
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += await directorySizeBytes(path);
    else if (entry.isFile()) total += await stat(path).then((s) => s.size, () => 0);
  }
  return total;
}

/** Bytes on disk of the active parts of `database` on each server, summed. */
export async function databaseBytes(servers: readonly ClickHouseConnection[], database: string, signal?: AbortSignal): Promise<number> {
  let total = 0;
  for (const server of servers) {
    const [row] = await server.queryAll<{ bytes: string }>(`SELECT sum(bytes_on_disk) AS bytes FROM system.parts WHERE active AND database = ${sqlLiteral(database)}`, signal);
    total += Number(row?.bytes ?? 0);
  }
  return total;
}
