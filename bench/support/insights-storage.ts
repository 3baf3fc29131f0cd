import type { Rollups, Storage, StorageAdapter } from "@skein/storage";
import duckdb from "@skein/storage-duckdb";

/** A storage adapter opened in the bench process on a data dir, for writing and timing rollups. */
export interface DirectRollupStore {
  /** The adapter's read behind a service's RED series (cells by window, summed over operations). */
  readRed(service: string, startUnixMs: number, endUnixMs: number, stepMs: number): Promise<number>;
  /** The adapter's read behind the service map (edge cells over the range). */
  readServiceGraph(startUnixMs: number, endUnixMs: number): Promise<number>;
  close(): Promise<void>;
}

/** Where the rollups go: DuckDB in a data dir, or a ClickHouse database (its spool in the data dir). */
export type RollupTarget = { engine: "duckdb"; dataDir: string } | { engine: "clickhouse"; dataDir: string; url: string; database: string };

/** Writes `hours` batches of rollups (one writeRollups call per kind and hour) through the target's adapter. */
export async function writeRollupsDirect(target: RollupTarget, hours: number, rollupsOf: (hour: number) => Rollups): Promise<DirectRollupStore> {
  const adapter: StorageAdapter =
    target.engine === "duckdb" ? duckdb : ((await import("@skein/storage-clickhouse")) as { default: StorageAdapter }).default;
  const options = target.engine === "duckdb" ? undefined : { url: target.url, database: target.database };
  const storage: Storage = adapter.create({ dataDir: target.dataDir, options });
  await storage.start();
  for (let hour = 0; hour < hours; hour++) {
    const rollups = rollupsOf(hour);
    // One kind per call, as the span-metrics processor writes them.
    await storage.metrics.writer.writeRollups({ spanMetrics: rollups.spanMetrics, serviceGraph: [] });
    await storage.metrics.writer.writeRollups({ spanMetrics: [], serviceGraph: rollups.serviceGraph });
  }
  const count = async (cells: AsyncIterable<unknown[]>): Promise<number> => {
    let n = 0;
    for await (const chunk of cells) n += chunk.length;
    return n;
  };
  return {
    readRed: (service, startUnixMs, endUnixMs, stepMs) => count(storage.metrics.reader.querySpanMetrics({ startUnixMs, endUnixMs, stepMs, services: [service], groupBy: {} })),
    readServiceGraph: (startUnixMs, endUnixMs) => count(storage.metrics.reader.queryServiceGraph({ startUnixMs, endUnixMs })),
    close: () => storage.shutdown(),
  };
}
