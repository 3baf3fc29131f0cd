import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDbStorage } from "../duckdb-storage.js";

/** Runs fn against a started DuckDbStorage in a fresh temp dir; shuts it down and removes the dir afterwards. */
export async function withStorage<T>(fn: (storage: DuckDbStorage, dir: string) => Promise<T>, dir?: string): Promise<T> {
  const dataDir = dir ?? (await mkdtemp(join(tmpdir(), "skein-duckdb-")));
  const storage = new DuckDbStorage({ dataDir, memoryLimitBytes: 256 * 1024 * 1024 });
  await storage.start();
  try {
    return await fn(storage, dataDir);
  } finally {
    await storage.shutdown();
    if (dir === undefined) await rm(dataDir, { recursive: true, force: true });
  }
}

/** Every chunk of a stream, flattened. */
export async function collect<T>(stream: AsyncIterable<T[]>): Promise<T[]> {
  const all: T[] = [];
  for await (const chunk of stream) all.push(...chunk);
  return all;
}
