import { LATENCY_BUCKET_COUNT } from "@skein/model";
import { StorageClosedError } from "@skein/storage";
import type { LatencyBucketCount } from "@skein/model";
import type { MetricsWriter, Rollups } from "@skein/storage";
import type { DuckDBConnection } from "@duckdb/node-api";
import type { DuckDbHandle } from "./duckdb-handle.js";
import { inTransaction } from "./appender-commit.js";
import { appendRollups, rollupItems } from "./rollup-rows.js";
import type { RollupItem } from "./rollup-rows.js";
import { TableWriter } from "./table-writer.js";

function commitRollups(connection: DuckDBConnection, items: RollupItem[]): Promise<void> {
  return inTransaction(connection, `${items.length} rollup rows`, () => appendRollups(connection, items));
}

/**
 * Writes span-metrics and service-graph rollups with group commit (see TableWriter): one
 * writeRollups() is committed in one transaction (both tables), durable once it resolves (DuckDB's
 * COMMIT syncs the WAL), and passes the write gate like every write. Rows are never merged on
 * write: the tables are additive and the reader sums.
 */
export class DuckDbMetricsWriter implements MetricsWriter {
  private readonly writer: TableWriter<RollupItem>;

  constructor(private readonly handle: DuckDbHandle) {
    this.writer = new TableWriter(handle, commitRollups);
  }

  /** Rejects with RangeError, keeping nothing, when a row breaks the Rollups contract. */
  writeRollups(rollups: Rollups, signal?: AbortSignal): Promise<void> {
    if (!this.handle.accepting) return Promise.reject(new StorageClosedError());
    try {
      for (const row of rollups.spanMetrics) checkRow(row.minuteUnixMs, row.buckets);
      for (const row of rollups.serviceGraph) checkRow(row.minuteUnixMs, row.buckets);
    } catch (error) {
      return Promise.reject(error);
    }
    return this.writer.submit(rollupItems(rollups), signal);
  }

  /** Waits for every accepted write to settle, then closes the connection. */
  close(): Promise<void> {
    return this.writer.close();
  }
}

function checkRow(minuteUnixMs: number, buckets: readonly LatencyBucketCount[]): void {
  if (!Number.isSafeInteger(minuteUnixMs)) throw new RangeError(`rollup minute ${minuteUnixMs} is not an integer number of ms`);
  for (const { bucket, count } of buckets) {
    if (!Number.isInteger(bucket) || bucket < 0 || bucket >= LATENCY_BUCKET_COUNT) throw new RangeError(`latency bucket ${bucket} is outside 0…${LATENCY_BUCKET_COUNT - 1}`);
    if (!Number.isFinite(count)) throw new RangeError(`rollup count ${count} is not finite`);
  }
}
