import type { LogBatch, SpanBatch } from "@skein/model";
import type { LogReader, LogWriter, RetentionResult, Storage, StorageCapabilities, TraceReader, TraceWriter } from "@skein/storage";
import { Counter, Gauge, Histogram, type Registry } from "prom-client";
import { LATENCY_BUCKETS, METRIC_PREFIX } from "./metrics-registry.js";

/** Longest a scrape waits for storage.sizeBytes(). */
export const SIZE_WAIT_MS = 1_000;

/** Resolves when `work` settles or after `ms`, whichever is first; never rejects. */
async function waitAtMost(work: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([work, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Decorates a Storage with self-metrics, so no adapter measures itself (STYLE 16):
 * - skein_storage_commit_duration_seconds{signal}: time of every writeSpans/writeLogs call,
 *   committed or failed;
 * - skein_storage_commit_failures_total{signal}: calls that rejected;
 * - skein_storage_bytes: storage.sizeBytes(), read at scrape time but waited for at most
 *   `sizeWaitMs` (1 s): an engine that hangs (ClickHouse stopped with SIGSTOP, a saturated disk)
 *   must not hang /metrics, which is how the operator sees the outage. A late or failed read
 *   keeps the last value (0 until one succeeds, e.g. before start); at most one read is in
 *   flight, a slow one is reused by later scrapes and its answer counts when it comes;
 * - skein_storage_backlog_writes / _bytes: storage.backlog() (ClickHouse's spool), when the
 *   adapter has one.
 * Readers, lifecycle, retention and capabilities pass through unchanged. Construct once per registry.
 */
export class MeteredStorage implements Storage {
  readonly traces: { reader: TraceReader; writer: TraceWriter };
  readonly logs: { reader: LogReader; writer: LogWriter };
  readonly metrics: Storage["metrics"];
  readonly alerts: Storage["alerts"];
  readonly #inner: Storage;

  constructor(inner: Storage, registry: Registry, options: { sizeWaitMs?: number } = {}) {
    this.#inner = inner;
    const sizeWaitMs = options.sizeWaitMs ?? SIZE_WAIT_MS;
    const commits = new Histogram({
      name: `${METRIC_PREFIX}storage_commit_duration_seconds`,
      help: "Time to commit one batch to storage (write call until durable), in seconds.",
      labelNames: ["signal"],
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    });
    const failures = new Counter({
      name: `${METRIC_PREFIX}storage_commit_failures_total`,
      help: "Batch commits that failed.",
      labelNames: ["signal"],
      registers: [registry],
    });
    if (inner.backlog !== undefined) {
      const backlog = inner.backlog.bind(inner);
      new Gauge({
        name: `${METRIC_PREFIX}storage_backlog_writes`,
        help: "Acknowledged writes kept on local disk until the storage engine takes them (ClickHouse's spool).",
        registers: [registry],
        collect() {
          this.set(backlog().writes);
        },
      });
      new Gauge({
        name: `${METRIC_PREFIX}storage_backlog_bytes`,
        help: "Bytes of the acknowledged writes kept on local disk until the storage engine takes them.",
        registers: [registry],
        collect() {
          this.set(backlog().bytes);
        },
      });
    }
    const size = new Gauge({
      name: `${METRIC_PREFIX}storage_bytes`,
      help: "Bytes the stored data takes on disk (in memory for the memory adapter).",
      registers: [registry],
      collect: () => waitAtMost(readSize(), sizeWaitMs),
    });
    let reading: Promise<void> | undefined;
    // Sets the gauge whenever the read settles (even after the scrape stopped waiting for it).
    const readSize = (): Promise<void> =>
      (reading ??= Promise.resolve()
        .then(() => inner.sizeBytes())
        .then(
          (bytes) => void size.set(bytes),
          () => {}, // not started or already shut down: the last value stands
        )
        .finally(() => (reading = undefined)));
    const timed = async (signal: "traces" | "logs", write: () => Promise<void>, abort: AbortSignal | undefined): Promise<void> => {
      const end = commits.startTimer({ signal });
      try {
        await write();
      } catch (error) {
        // A client that hung up is not a storage failure: alerts on this counter must mean storage.
        if (abort?.aborted !== true) failures.inc({ signal });
        throw error;
      } finally {
        end();
      }
    };
    this.traces = {
      reader: inner.traces.reader,
      writer: { writeSpans: (batch: SpanBatch, abort?: AbortSignal) => timed("traces", () => inner.traces.writer.writeSpans(batch, abort), abort) },
    };
    this.metrics = inner.metrics;
    this.alerts = inner.alerts;
    this.logs = {
      reader: inner.logs.reader,
      writer: { writeLogs: (batch: LogBatch, abort?: AbortSignal) => timed("logs", () => inner.logs.writer.writeLogs(batch, abort), abort) },
    };
  }

  get kind(): string {
    return this.#inner.kind;
  }

  get capabilities(): StorageCapabilities {
    return this.#inner.capabilities;
  }

  start(): Promise<void> {
    return this.#inner.start();
  }

  shutdown(): Promise<void> {
    return this.#inner.shutdown();
  }

  sizeBytes(): Promise<number> {
    return this.#inner.sizeBytes();
  }

  /** Passed through; retention passes are measured by the RetentionScheduler (retention-metrics.ts). */
  deleteBefore(cutoffUnixNano: bigint, signal?: AbortSignal): Promise<RetentionResult> {
    return this.#inner.deleteBefore(cutoffUnixNano, signal);
  }
}
