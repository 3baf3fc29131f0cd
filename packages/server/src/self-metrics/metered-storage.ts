import type { LogBatch, SpanBatch } from "@skein/model";
import type { LogReader, LogWriter, RetentionResult, Storage, StorageCapabilities, TraceReader, TraceWriter } from "@skein/storage";
import { Counter, Gauge, Histogram, type Registry } from "prom-client";
import { LATENCY_BUCKETS, METRIC_PREFIX } from "./metrics-registry.js";

/**
 * Decorates a Storage with self-metrics, so no adapter measures itself (STYLE 16):
 * - skein_storage_commit_duration_seconds{signal}: time of every writeSpans/writeLogs call,
 *   committed or failed;
 * - skein_storage_commit_failures_total{signal}: calls that rejected;
 * - skein_storage_bytes: storage.sizeBytes(), read at scrape time (left unset if it fails, e.g.
 *   before start or after shutdown);
 * - skein_storage_backlog_writes / _bytes: storage.backlog() (ClickHouse's spool), when the
 *   adapter has one.
 * Readers, lifecycle, retention and capabilities pass through unchanged. Construct once per registry.
 */
export class MeteredStorage implements Storage {
  readonly traces: { reader: TraceReader; writer: TraceWriter };
  readonly logs: { reader: LogReader; writer: LogWriter };
  readonly #inner: Storage;

  constructor(inner: Storage, registry: Registry) {
    this.#inner = inner;
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
    new Gauge({
      name: `${METRIC_PREFIX}storage_bytes`,
      help: "Bytes the stored data takes on disk (in memory for the memory adapter).",
      registers: [registry],
      async collect() {
        try {
          this.set(await inner.sizeBytes());
        } catch {
          // Not started or already shut down: nothing to report this scrape.
        }
      },
    });
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
