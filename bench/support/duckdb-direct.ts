import { statSync } from "node:fs";
import { join } from "node:path";
import { DuckDBInstance, blobValue } from "@duckdb/node-api";
import type { DuckDBConnection, DuckDBPreparedStatement, DuckDBValue } from "@duckdb/node-api";
import { SKEIN_DATA_DIR } from "./dataset.js";

/**
 * The query baselines: the server's own DuckDB file opened directly (server stopped), with the
 * adapter's settings (2 threads, 1 GiB), queried with bare SQL through @duckdb/node-api.
 * Table and columns are the adapter's (packages/storage-duckdb/src/sql/spans.sql).
 */
export const SPANS_FILE = join(SKEIN_DATA_DIR, "skein.duckdb");

export class DirectDuckDb {
  private readonly prepared = new Map<string, DuckDBPreparedStatement>();

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
  ) {}

  static async open(file = SPANS_FILE): Promise<DirectDuckDb> {
    const instance = await DuckDBInstance.create(file, { access_mode: "READ_ONLY", threads: "2", memory_limit: "1GiB" });
    return new DirectDuckDb(instance, await instance.connect());
  }

  /**
   * Runs `sql` (prepared once, then reused) and materializes every row as JS values, as an API
   * would have to; returns the row count and the wall time in ms.
   */
  async time(sql: string, values: DuckDBValue[]): Promise<{ rows: number; ms: number }> {
    const started = performance.now();
    let statement = this.prepared.get(sql);
    if (!statement) this.prepared.set(sql, (statement = await this.connection.prepare(sql)));
    statement.bind(values);
    const reader = await statement.runAndReadAll();
    const rows = reader.getRowsJS().length;
    return { rows, ms: performance.now() - started };
  }

  /** Writes `table` as one zstd Parquet file at `path` (overwritten); returns its size in bytes. */
  async exportParquet(table: string, path: string): Promise<number> {
    await this.connection.run(`COPY ${table} TO '${path.replace(/'/g, "''")}' (FORMAT parquet, COMPRESSION zstd)`);
    return statSync(path).size;
  }

  /**
   * The file's blocks: `used` hold data, `free` are left over from rewritten row groups and are
   * reused by later writes (DuckDB does not shrink a file for free blocks inside it).
   */
  async blocks(): Promise<{ blockSize: number; total: number; used: number; free: number }> {
    const reader = await this.connection.runAndReadAll("SELECT block_size, total_blocks, used_blocks, free_blocks FROM pragma_database_size()");
    const [blockSize, total, used, free] = reader.getRowsJS()[0]!.map(Number) as [number, number, number, number];
    return { blockSize, total, used, free };
  }

  async count(table: string): Promise<number> {
    const reader = await this.connection.runAndReadAll(`SELECT count(*) FROM ${table}`);
    return Number(reader.getRowsJS()[0]![0]);
  }

  /** Column names of `table`, to follow the adapter's schema while it evolves. */
  async columns(table: string): Promise<string[]> {
    const reader = await this.connection.runAndReadAll("SELECT column_name FROM information_schema.columns WHERE table_name = $1", [table]);
    return reader.getRowsJS().map((r) => String(r[0]));
  }

  close(): void {
    for (const s of this.prepared.values()) s.destroySync();
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

export function blob(hex: string): DuckDBValue {
  return blobValue(Buffer.from(hex, "hex"));
}
