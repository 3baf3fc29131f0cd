import { StorageClosedError } from "../errors.js";

/**
 * The Component state machine the memory adapter's parts share: new → started → closed.
 * start() twice is a no-op; start() after shutdown() throws StorageClosedError (an adapter
 * instance is not restartable); shutdown() is idempotent and safe in any state.
 */
export class MemoryLifecycle {
  private state: "new" | "started" | "closed" = "new";

  start(): void {
    if (this.state === "closed") throw new StorageClosedError("memory storage was shut down and cannot be restarted");
    this.state = "started";
  }

  /** Returns true the first time it actually closes a started or new instance. */
  shutdown(): boolean {
    if (this.state === "closed") return false;
    this.state = "closed";
    return true;
  }

  /** Throws StorageClosedError unless started and not shut down. */
  assertOpen(): void {
    if (this.state !== "started") throw new StorageClosedError();
  }
}

/** Most items per chunk a memory reader yields. */
export const MEMORY_CHUNK_SIZE = 1000;

/** Yields `items` in chunks of at most MEMORY_CHUNK_SIZE, mapping each item, checking `signal` before each chunk. */
export function* chunked<T, U>(items: readonly T[], map: (item: T) => U, signal?: AbortSignal): Generator<U[]> {
  for (let i = 0; i < items.length; i += MEMORY_CHUNK_SIZE) {
    signal?.throwIfAborted();
    yield items.slice(i, i + MEMORY_CHUNK_SIZE).map(map);
  }
}
