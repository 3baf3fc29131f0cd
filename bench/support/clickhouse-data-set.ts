import type { ClickHouseBenchServer } from "./clickhouse-bench-server.js";
import type { DirectClickHouse } from "./clickhouse-direct.js";
import { chString } from "./clickhouse-direct.js";
import { CLICKHOUSE_DATABASE } from "./data-set-location.js";
import type { Manifest } from "./dataset.js";

/** Active parts of one table of the bench database (system.parts). */
export interface PartsFigure {
  table: string;
  parts: number;
  rows: number;
  /** bytes of the parts' directories: data, marks, primary index, checksums */
  bytesOnDisk: number;
  compressedBytes: number;
  uncompressedBytes: number;
}

/** What settling the ClickHouse data set found; kept in its manifest. */
export interface ClickHouseSettled {
  database: string;
  serverVersion: string;
  partsAsIngested: PartsFigure[];
  partsAfterOptimizeFinal: PartsFigure[];
  optimizeFinalMs: number;
  /** count() of the spans table once settled */
  spansStored: number;
}

interface PartsRow {
  table: string;
  parts: string;
  rows: string;
  bytes: string;
  compressed: string;
  uncompressed: string;
}

export async function activeParts(direct: DirectClickHouse, database = CLICKHOUSE_DATABASE): Promise<PartsFigure[]> {
  const rows = await direct.rows<PartsRow>(
    `SELECT table, count() AS parts, sum(rows) AS rows, sum(bytes_on_disk) AS bytes, sum(data_compressed_bytes) AS compressed, sum(data_uncompressed_bytes) AS uncompressed
FROM system.parts WHERE database = ${chString(database)} AND active GROUP BY table ORDER BY table`,
  );
  return rows.map((r) => ({ table: r.table, parts: Number(r.parts), rows: Number(r.rows), bytesOnDisk: Number(r.bytes), compressedBytes: Number(r.compressed), uncompressedBytes: Number(r.uncompressed) }));
}

export async function countRows(direct: DirectClickHouse, table: string, database = CLICKHOUSE_DATABASE): Promise<number> {
  const [row] = await direct.rows<{ n: string }>(`SELECT count() AS n FROM ${database}.${table}`);
  return Number(row?.n ?? 0);
}

/** Partitions of the database's tables that still have more than one active part. */
async function unmergedPartitions(direct: DirectClickHouse, database: string): Promise<number> {
  const [row] = await direct.rows<{ n: string }>(
    `SELECT count() AS n FROM (SELECT table, partition FROM system.parts WHERE database = ${chString(database)} AND active GROUP BY table, partition HAVING count() > 1)`,
  );
  return Number(row?.n ?? 0);
}

/**
 * Brings the stored data set to the state merges settle to — one part per partition — with
 * `OPTIMIZE TABLE … FINAL` on every MergeTree table of the bench database, so bytes on disk and
 * query times do not depend on how far background merges got. OPTIMIZE returns without merging
 * when a merge of those parts is already running, so it is repeated until every partition has one
 * part (at most ~60 s).
 */
export async function settleClickHouse(server: ClickHouseBenchServer, committedSpans: number, database = CLICKHOUSE_DATABASE): Promise<ClickHouseSettled> {
  const direct = server.direct();
  try {
    const serverVersion = (await direct.exec("SELECT version()")).trim();
    const partsAsIngested = await activeParts(direct, database);
    const tables = await direct.rows<{ name: string }>(`SELECT name FROM system.tables WHERE database = ${chString(database)} AND engine LIKE '%MergeTree' ORDER BY name`);
    process.stderr.write(`  settling ClickHouse: OPTIMIZE TABLE … FINAL on ${tables.map((t) => t.name).join(", ")} (${committedSpans.toLocaleString("en-US")} spans acknowledged)\n`);
    const started = performance.now();
    for (let attempt = 0; ; attempt++) {
      for (const t of tables) await direct.exec(`OPTIMIZE TABLE ${database}.${t.name} FINAL`);
      if ((await unmergedPartitions(direct, database)) === 0) break;
      if (attempt >= 120) throw new Error(`ClickHouse: partitions of ${database} still have several parts after ${attempt + 1} OPTIMIZE … FINAL rounds`);
      await new Promise((r) => setTimeout(r, 500));
    }
    const optimizeFinalMs = Math.round(performance.now() - started);
    const partsAfterOptimizeFinal = await activeParts(direct, database);
    const spansStored = await countRows(direct, "spans", database);
    return { database, serverVersion, partsAsIngested, partsAfterOptimizeFinal, optimizeFinalMs, spansStored };
  } finally {
    direct.close();
  }
}

/** Why a stored ClickHouse data set cannot be reused (its database gone or changed), or undefined. */
export async function verifyClickHouseDataSet(server: ClickHouseBenchServer, manifest: Manifest): Promise<string | undefined> {
  const settled = manifest.clickhouse;
  if (settled === undefined) return "the manifest has no settled ClickHouse state";
  const direct = server.direct();
  try {
    const stored = await countRows(direct, "spans", settled.database);
    return stored === settled.spansStored ? undefined : `${stored} spans in ClickHouse, ${settled.spansStored} when it was stored`;
  } catch (error) {
    return (error as Error).message;
  } finally {
    direct.close();
  }
}
