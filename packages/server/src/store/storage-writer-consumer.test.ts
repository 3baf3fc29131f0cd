import type { LogBatch, LogRecord, Span, SpanBatch } from "@skein/model";
import type { LogWriter, Storage, TraceWriter } from "@skein/storage";
import { describe, expect, it } from "vitest";
import { ConsumerClosedError, OverloadedError } from "../pipeline/errors.js";
import { StorageWriterConsumer } from "./storage-writer-consumer.js";

/** Writers whose commits complete only when the test says so. */
class GatedWriters implements TraceWriter, LogWriter {
  readonly committed: Array<SpanBatch | LogBatch> = [];
  readonly pending: Array<{ commit(): void; fail(error: Error): void }> = [];

  writeSpans(batch: SpanBatch): Promise<void> {
    return this.#gate(batch);
  }

  writeLogs(batch: LogBatch): Promise<void> {
    return this.#gate(batch);
  }

  #gate(batch: SpanBatch | LogBatch): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({
        commit: () => {
          this.committed.push(batch);
          resolve();
        },
        fail: reject,
      });
    });
  }
}

function storageOf(writers: GatedWriters): Pick<Storage, "traces" | "logs"> {
  return { traces: { reader: undefined as never, writer: writers }, logs: { reader: undefined as never, writer: writers } };
}

const spans = (count: number): SpanBatch => ({ spans: Array.from({ length: count }, () => ({}) as Span) });
const logs = (count: number): LogBatch => ({ logs: Array.from({ length: count }, () => ({}) as LogRecord) });

/** Lets queued promise callbacks run. */
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("StorageWriterConsumer", () => {
  it("resolves only after the writer committed, for spans and logs", async () => {
    const writers = new GatedWriters();
    const consumer = new StorageWriterConsumer(storageOf(writers));
    let acked = false;
    const done = consumer.consume(spans(3)).then(() => (acked = true));
    const logsDone = consumer.consume(logs(2));
    await tick();
    expect(acked).toBe(false);
    expect(consumer.rowsInFlight).toBe(5);
    writers.pending.forEach((write) => write.commit());
    await Promise.all([done, logsDone]);
    expect(acked).toBe(true);
    expect(writers.committed.map((batch) => ("spans" in batch ? `spans:${batch.spans.length}` : `logs:${batch.logs.length}`))).toEqual(["spans:3", "logs:2"]);
    expect(consumer.rowsInFlight).toBe(0);
  });

  it("refuses at once with OverloadedError beyond the bound, and accepts again after commits", async () => {
    const writers = new GatedWriters();
    const consumer = new StorageWriterConsumer(storageOf(writers), { maxRowsInFlight: 200, retryAfterSeconds: 2 });
    const first = consumer.consume(spans(150));
    const refused = await consumer.consume(logs(100)).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(OverloadedError);
    expect((refused as OverloadedError).code).toBe("SKEIN_ERR_OVERLOADED");
    expect((refused as OverloadedError).retryAfterSeconds).toBe(2);
    const fits = consumer.consume(spans(50));
    expect(consumer.rowsInFlight).toBe(200);
    expect(writers.pending).toHaveLength(2);
    writers.pending.forEach((write) => write.commit());
    await Promise.all([first, fits]);
    const again = consumer.consume(logs(100));
    writers.pending[2].commit();
    await again;
    expect(consumer.rowsInFlight).toBe(0);
  });

  it("lets one batch larger than the bound through when nothing is in flight", async () => {
    const writers = new GatedWriters();
    const consumer = new StorageWriterConsumer(storageOf(writers), { maxRowsInFlight: 10 });
    const big = consumer.consume(spans(25));
    await expect(consumer.consume(spans(1))).rejects.toBeInstanceOf(OverloadedError);
    writers.pending[0].commit();
    await big;
  });

  it("passes a writer failure on and frees its rows", async () => {
    const writers = new GatedWriters();
    const consumer = new StorageWriterConsumer(storageOf(writers), { maxRowsInFlight: 10 });
    const failing = consumer.consume(spans(10));
    writers.pending[0].fail(new Error("disk full"));
    await expect(failing).rejects.toThrow("disk full");
    expect(consumer.rowsInFlight).toBe(0);
  });

  it("writes nothing for an empty batch or an aborted signal", async () => {
    const writers = new GatedWriters();
    const consumer = new StorageWriterConsumer(storageOf(writers));
    await consumer.consume(spans(0));
    await expect(consumer.consume(spans(1), AbortSignal.abort(new Error("gone")))).rejects.toThrow("gone");
    expect(writers.pending).toHaveLength(0);
  });

  it("shutdown waits for batches in flight, then refuses new ones", async () => {
    const writers = new GatedWriters();
    const consumer = new StorageWriterConsumer(storageOf(writers));
    const inFlight = consumer.consume(spans(4));
    let drained = false;
    const shutdown = consumer.shutdown().then(() => (drained = true));
    await tick();
    expect(drained).toBe(false);
    await expect(consumer.consume(spans(1))).rejects.toBeInstanceOf(ConsumerClosedError);
    writers.pending[0].commit();
    await Promise.all([inFlight, shutdown]);
    expect(drained).toBe(true);
    await consumer.shutdown();
  });
});
