import type { LogBatch, SpanBatch } from "@skein/model";
import { StorageClosedError } from "@skein/storage";
import type { LogWriter, MetricsWriter, Rollups, TraceWriter } from "@skein/storage";

/** The durable writer of a started storage (src/write/): batches, inserts or spools, replays. */
export interface WriterCore {
  writeSpans(batch: SpanBatch, signal?: AbortSignal): Promise<void>;
  writeLogs(batch: LogBatch, signal?: AbortSignal): Promise<void>;
  writeRollups(rollups: Rollups, signal?: AbortSignal): Promise<void>;
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

/** The port's MetricsWriter, as ClickHouseTraceWriter: rollups take the same durable path as spans. */
export class ClickHouseMetricsWriter implements MetricsWriter {
  constructor(private readonly slot: WriterSlot) {}

  async writeRollups(rollups: Rollups, signal?: AbortSignal): Promise<void> {
    await this.slot.get().writeRollups(rollups, signal);
  }
}
