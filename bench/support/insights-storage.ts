import type { Rollups, Storage } from "@skein/storage";
import duckdb from "@skein/storage-duckdb";

/** The DuckDB adapter opened in the bench process on a data dir, for writing and timing rollups. */
export interface DirectRollupStore {
  /** The adapter's read behind a service's RED series (cells by window, summed over operations). */
  readRed(service: string, startUnixMs: number, endUnixMs: number, stepMs: number): Promise<number>;
  /** The adapter's read behind the service map (edge cells over the range). */
  readServiceGraph(startUnixMs: number, endUnixMs: number): Promise<number>;
  close(): Promise<void>;
}

/** Writes `hours` batches of rollups (one writeRollups call each) into a fresh DuckDB data dir. */
export async function writeRollupsDirect(dataDir: string, hours: number, rollupsOf: (hour: number) => Rollups): Promise<DirectRollupStore> {
  const storage: Storage = duckdb.create({ dataDir });
  await storage.start();
  for (let hour = 0; hour < hours; hour++) await storage.metrics.writer.writeRollups(rollupsOf(hour));
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
