import type { RetentionResult, Storage, StorageAdapter, StorageCapabilities } from "../storage.js";
import type { AlertStore } from "../insights.js";
import { MemoryAlertStore } from "./memory-alert-store.js";
import { MemoryLifecycle } from "./memory-lifecycle.js";
import { MemoryLogStore } from "./memory-log-store.js";
import { MemoryMetricsStore } from "./memory-metrics-store.js";
import { MemoryTraceStore } from "./memory-trace-store.js";

/**
 * The reference adapter: everything in process memory, unbounded, lost at shutdown(). For unit
 * tests and as the executable spec of the reader contracts; evaluates every filter itself.
 * Writes resolve once the data is visible to readers. Using it before start() or after
 * shutdown() throws StorageClosedError.
 */
export class MemoryStorage implements Storage {
  readonly kind = "memory";
  readonly capabilities: StorageCapabilities = { attributeFilters: true, regex: true, booleanFilters: true };
  private readonly lifecycle = new MemoryLifecycle();
  private readonly traceStore = new MemoryTraceStore(this.lifecycle);
  private readonly logStore = new MemoryLogStore(this.lifecycle);
  readonly traces = { reader: this.traceStore, writer: this.traceStore };
  readonly logs = { reader: this.logStore, writer: this.logStore };
  private readonly metricsStore = new MemoryMetricsStore(this.lifecycle);
  private readonly alertStore = new MemoryAlertStore(this.lifecycle);
  readonly metrics = { reader: this.metricsStore, writer: this.metricsStore };
  readonly alerts: AlertStore = this.alertStore;

  async start(): Promise<void> {
    this.lifecycle.start();
  }

  /** Idempotent; drops all data. */
  async shutdown(): Promise<void> {
    if (this.lifecycle.shutdown()) {
      this.traceStore.clear();
      this.logStore.clear();
      this.metricsStore.clear();
      this.alertStore.clear();
    }
  }

  /** Exact: removes everything (spans, log records, rollup minutes; not alert documents) older than the cutoff at once (`removedBeforeUnixNano` = cutoff). */
  async deleteBefore(cutoffUnixNano: bigint, signal?: AbortSignal): Promise<RetentionResult> {
    this.lifecycle.assertOpen();
    signal?.throwIfAborted();
    this.traceStore.deleteBefore(cutoffUnixNano);
    this.logStore.deleteBefore(cutoffUnixNano);
    this.metricsStore.deleteBefore(cutoffUnixNano);
    return { removedBeforeUnixNano: cutoffUnixNano };
  }

  /** An estimate of the serialized size of the stored data (see memory-size.ts). */
  async sizeBytes(): Promise<number> {
    this.lifecycle.assertOpen();
    return this.traceStore.sizeBytes + this.logStore.sizeBytes + this.metricsStore.sizeBytes + this.alertStore.sizeBytes;
  }
}

/** Ignores dataDir and options: every create() is a new, empty store. */
export const memoryStorageAdapter = {
  kind: "memory",
  create: () => new MemoryStorage(),
} satisfies StorageAdapter;

export default memoryStorageAdapter;
