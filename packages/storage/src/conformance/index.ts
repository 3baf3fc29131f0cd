import type { Storage } from "../storage.js";

export interface StorageConformanceOptions {
  /** Shown in the describe() title. */
  name: string;
  /** A new, not yet started adapter over `dataDir` (a fresh temp dir per test). */
  create(dataDir: string): Storage;
  /** True when data acknowledged by a writer survives shutdown() and a new create(sameDir). */
  persistent: boolean;
}

/** Registers the storage conformance tests (vitest describe/it) for one adapter. */
export function runStorageConformance(options: StorageConformanceOptions): void {
  void options;
}
