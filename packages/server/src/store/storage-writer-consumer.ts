import type { LogBatch, SpanBatch } from "@skein/model";
import type { Component, Storage } from "@skein/storage";
import type { Consumer } from "../pipeline/consumer.js";
import { ConsumerClosedError, OverloadedError } from "../pipeline/errors.js";

export interface StorageWriterConsumerOptions {
  /**
   * Rows (spans + log records) handed to the writers and not yet committed, at most. A batch that
   * would go beyond is refused at once with OverloadedError — unless nothing is in flight, so a
   * single batch larger than the bound still gets through. Default 200,000 (~100–200 MB of
   * decoded spans).
   */
  maxRowsInFlight?: number;
  /** Told to clients refused with OverloadedError. Default 1 s. */
  retryAfterSeconds?: number;
}

export const DEFAULT_MAX_ROWS_IN_FLIGHT = 200_000;

/**
 * The last consumer of the pipeline: writes span batches with storage.traces.writer and log
 * batches with storage.logs.writer. consume() resolves only after the writer committed the batch
 * (so a receiver may ack), and rejects with the writer's error, with OverloadedError when the
 * rows in flight are at the bound, or with ConsumerClosedError after shutdown() began.
 * One instance serves both signals and shares one bound between them, since both hold memory.
 */
export class StorageWriterConsumer implements Consumer<SpanBatch>, Consumer<LogBatch>, Component {
  readonly #storage: Pick<Storage, "traces" | "logs">;
  readonly #maxRows: number;
  readonly #retryAfterSeconds: number;
  readonly #writes = new Set<Promise<void>>();
  #rowsInFlight = 0;
  #closed = false;

  constructor(storage: Pick<Storage, "traces" | "logs">, options: StorageWriterConsumerOptions = {}) {
    this.#storage = storage;
    this.#maxRows = options.maxRowsInFlight ?? DEFAULT_MAX_ROWS_IN_FLIGHT;
    this.#retryAfterSeconds = options.retryAfterSeconds ?? 1;
  }

  /** Rows accepted by consume() whose commit has not settled yet. */
  get rowsInFlight(): number {
    return this.#rowsInFlight;
  }

  async start(): Promise<void> {}

  async consume(batch: SpanBatch | LogBatch, signal?: AbortSignal): Promise<void> {
    if (this.#closed) throw new ConsumerClosedError();
    signal?.throwIfAborted();
    const rows = "spans" in batch ? batch.spans.length : batch.logs.length;
    if (rows === 0) return;
    if (this.#rowsInFlight > 0 && this.#rowsInFlight + rows > this.#maxRows) {
      throw new OverloadedError(
        `${this.#rowsInFlight} rows are waiting to be committed (limit ${this.#maxRows}); retry in ${this.#retryAfterSeconds}s`,
        this.#retryAfterSeconds,
      );
    }
    this.#rowsInFlight += rows;
    const write = "spans" in batch ? this.#storage.traces.writer.writeSpans(batch, signal) : this.#storage.logs.writer.writeLogs(batch, signal);
    const settled = write.then(
      () => {},
      () => {},
    );
    this.#writes.add(settled);
    try {
      await write;
    } finally {
      this.#rowsInFlight -= rows;
      this.#writes.delete(settled);
    }
  }

  /** Refuses new batches and resolves once every batch in flight has settled. Idempotent. */
  async shutdown(): Promise<void> {
    this.#closed = true;
    while (this.#writes.size > 0) await Promise.all([...this.#writes]);
  }
}
