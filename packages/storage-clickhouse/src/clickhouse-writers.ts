import type { LogBatch, SpanBatch } from "@skein/model";
import { StorageClosedError } from "@skein/storage";
import type { LogWriter, TraceWriter } from "@skein/storage";

/** The durable writer of a started storage (src/write/): batches, inserts or spools, replays. */
export interface WriterCore {
  writeSpans(batch: SpanBatch, signal?: AbortSignal): Promise<void>;
  writeLogs(batch: LogBatch, signal?: AbortSignal): Promise<void>;
}

/** Where the port's writers find the core: set while the storage is started. */
export class WriterSlot {
  core: WriterCore | undefined;

  get(): WriterCore {
    if (this.core === undefined) throw new StorageClosedError();
    return this.core;
  }
}

/** The port's TraceWriter: StorageClosedError outside start..shutdown, else the core's writeSpans. */
export class ClickHouseTraceWriter implements TraceWriter {
  constructor(private readonly slot: WriterSlot) {}

  async writeSpans(batch: SpanBatch, signal?: AbortSignal): Promise<void> {
    await this.slot.get().writeSpans(batch, signal);
  }
}

/** The port's LogWriter, as ClickHouseTraceWriter. */
export class ClickHouseLogWriter implements LogWriter {
  constructor(private readonly slot: WriterSlot) {}

  async writeLogs(batch: LogBatch, signal?: AbortSignal): Promise<void> {
    await this.slot.get().writeLogs(batch, signal);
  }
}
