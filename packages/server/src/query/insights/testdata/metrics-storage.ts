import type { Rollups } from "@skein/storage";
import { MemoryStorage } from "@skein/storage/testing";

/** A started MemoryStorage holding `rollups`; the caller shuts it down. */
export async function storageWithRollups(rollups: Partial<Rollups>): Promise<MemoryStorage> {
  const storage = new MemoryStorage();
  await storage.start();
  await storage.metrics.writer.writeRollups({ spanMetrics: rollups.spanMetrics ?? [], serviceGraph: rollups.serviceGraph ?? [] });
  return storage;
}
