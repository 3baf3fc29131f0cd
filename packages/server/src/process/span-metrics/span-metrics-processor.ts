import type { SpanBatch, SpanKind, StatusCode } from "@skein/model";
import type { Component, MetricsWriter } from "@skein/storage";
import type { Logger } from "pino";
import type { Consumer } from "../../pipeline/consumer.js";
import { ConsumerClosedError } from "../../pipeline/errors.js";
import { systemProcessorClock, type ProcessorClock } from "../processor-clock.js";
import { DEFAULT_MAX_SERIES, ServiceGraph } from "../service-graph/service-graph.js";
import { contributionOf, type BatchContribution } from "./batch-contribution.js";
import { RollupWrites } from "./rollup-writes.js";
import { SpanMetricsAggregator } from "./span-metrics-aggregator.js";
import { MinuteOfStart } from "./span-minute.js";
import type { SpanMetricsTelemetry } from "./span-metrics-telemetry.js";

export interface SpanMetricsProcessorOptions {
  /** Where batches go on (the storage writer). */
  next: Consumer<SpanBatch>;
  /** Where rollups go (storage.metrics.writer). */
  writer: MetricsWriter;
  /** Should name the component (main.ts passes a child with `component: "span-metrics"`). */
  logger: Pick<Logger, "warn" | "error">;
  /** ms between rollup writes (config spanMetricsFlushInterval). Default 10 s. */
  flushIntervalMs?: number;
  /** How long a client/server (producer/consumer) half waits for its other side, ms. Default 10 s. */
  edgeTtlMs?: number;
  /** Halves waiting at most (keys). Default 100,000. */
  maxPendingEdges?: number;
  /** Series of each rollup between two flushes at most. Default 100,000 each. */
  maxSeries?: number;
  /** Rows of each rollup waiting for a successful write at most (while writes fail). Default 500,000. */
  maxPendingRows?: number;
  telemetry?: SpanMetricsTelemetry;
  clock?: ProcessorClock;
}

export const DEFAULT_FLUSH_INTERVAL_MS = 10_000;
export const DEFAULT_MAX_PENDING_ROWS = 500_000;

/**
 * The span-metrics and service-graph processors, in front of the storage writer, so they see
 * every span before any sampling. consume() reads the batch (its contribution to both rollups),
 * hands it to `next`, and applies the contribution only once `next` resolved: a refused or
 * failed batch, which the client retries, is never counted. Every `flushIntervalMs` the
 * aggregates are drained and written through MetricsWriter.writeRollups, one call per rollup
 * (RollupWrites: a failed write keeps its rows for the next tick, rows storage refuses as invalid
 * are dropped). Flushes run beside ingest, never in its way. Memory is bounded by the series,
 * pending-edge and backlog bounds. A batch it cannot read still goes on (counted, not rolled up).
 * Stop it after the receivers and before storage: shutdown() (idempotent, safe before start)
 * refuses new batches, waits for those in flight, drops every waiting half (counted) and writes
 * everything left.
 */
export class SpanMetricsProcessor implements Consumer<SpanBatch>, Component {
  readonly #next: Consumer<SpanBatch>;
  readonly #writer: MetricsWriter;
  readonly #logger: SpanMetricsProcessorOptions["logger"];
  readonly #telemetry: SpanMetricsTelemetry | undefined;
  readonly #clock: ProcessorClock;
  readonly #flushIntervalMs: number;
  readonly #minuteOf = new MinuteOfStart();
  readonly #metrics: SpanMetricsAggregator;
  readonly #graph: ServiceGraph;
  readonly #writes: RollupWrites;
  readonly #inFlight = new Set<Promise<unknown>>();
  #seriesLimitDrops = 0;
  #invalidTimeDrops = 0;
  #started = false;
  #timer: unknown;
  #flushing: Promise<void> | undefined;
  #closed = false;
  #stopping: Promise<void> | undefined;

  constructor(options: SpanMetricsProcessorOptions) {
    this.#next = options.next;
    this.#writer = options.writer;
    this.#logger = options.logger;
    this.#telemetry = options.telemetry;
    this.#clock = options.clock ?? systemProcessorClock;
    this.#flushIntervalMs = options.flushIntervalMs ?? DEFAULT_FLUSH_INTERVAL_MS;
    if (!(this.#flushIntervalMs > 0)) throw new RangeError(`flushIntervalMs must be > 0, got ${this.#flushIntervalMs}`);
    const maxSeries = options.maxSeries ?? DEFAULT_MAX_SERIES;
    this.#metrics = new SpanMetricsAggregator(maxSeries);
    this.#graph = new ServiceGraph({ ttlMs: options.edgeTtlMs, maxPending: options.maxPendingEdges, maxSeries, telemetry: options.telemetry });
    this.#writes = new RollupWrites(options.writer, options.maxPendingRows ?? DEFAULT_MAX_PENDING_ROWS, options.logger, options.telemetry);
  }

  /** Keys of client/server and producer/consumer halves waiting for their other side. */
  get pendingEdgeKeys(): number {
    return this.#graph.pendingKeys;
  }

  /** Rows drained but not yet written (writes failing). */
  get pendingRows(): number {
    return this.#writes.rows;
  }

  /** Map entries of both aggregators (tests of the memory bound). */
  get aggregatorEntries(): number {
    return this.#metrics.entryCount + this.#graph.aggregatorEntries;
  }

  /** Starts the flush ticks, once: a second call (even from inside a tick) starts nothing. */
  async start(): Promise<void> {
    if (this.#closed || this.#started) return;
    this.#started = true;
    this.#schedule();
  }

  async consume(batch: SpanBatch, signal?: AbortSignal): Promise<void> {
    if (this.#closed) throw new ConsumerClosedError();
    const contribution = this.#read(batch);
    const committed = this.#next.consume(batch, signal).then(() => this.#applyOnce(contribution));
    this.#inFlight.add(committed);
    try {
      await committed;
    } finally {
      this.#inFlight.delete(committed);
    }
  }

  /** Drains and writes now (waits for a flush in progress first). Never rejects. */
  async flush(): Promise<void> {
    while (this.#flushing !== undefined) await this.#flushing;
    this.#flushing = this.#guardedFlush(false).finally(() => (this.#flushing = undefined));
    await this.#flushing;
  }

  shutdown(): Promise<void> {
    this.#stopping ??= this.#stop();
    return this.#stopping;
  }

  async #stop(): Promise<void> {
    this.#closed = true;
    if (this.#timer !== undefined) this.#clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
    while (this.#flushing !== undefined) await this.#flushing;
    this.#flushing = this.#guardedFlush(true).finally(() => (this.#flushing = undefined));
    await this.#flushing;
  }

  #schedule(): void {
    this.#timer = this.#clock.setTimeout(() => {
      this.#timer = undefined;
      void this.flush().finally(() => {
        if (!this.#closed) this.#schedule();
      });
    }, this.#flushIntervalMs);
  }

  /**
   * The batch's contribution, or the number of its spans when it cannot be read (a bug or a
   * malformed hand-built span): the batch must still reach storage, so the error stays here.
   */
  #read(batch: SpanBatch): BatchContribution | number {
    try {
      return contributionOf(batch, this.#minuteOf);
    } catch (error) {
      const spans = Array.isArray(batch.spans) ? batch.spans.length : 0;
      this.#logger.error({ err: error, spans }, "span metrics: could not read a batch; it is stored but missing from the rollups");
      return spans;
    }
  }

  /** The batch is committed: whatever happens here must not fail it (the client would resend it). */
  #applyOnce(c: BatchContribution | number): void {
    try {
      if (typeof c === "number") this.#telemetry?.dropped("read_failed", c);
      else this.#apply(c);
    } catch (error) {
      this.#logger.error({ err: error, spans: typeof c === "number" ? c : c.count }, "span metrics: could not count a committed batch; its spans are missing from the rollups");
    }
  }

  #apply(c: BatchContribution): void {
    if (c.invalidTime > 0) {
      this.#invalidTimeDrops += c.invalidTime;
      this.#telemetry?.dropped("invalid_time", c.invalidTime);
    }
    let refused = 0;
    for (let i = 0; i < c.count; i++) {
      const slot = c.kindStatus[i]!;
      const kind = ((slot / 3) | 0) as SpanKind;
      const status = (slot % 3) as StatusCode;
      if (!this.#metrics.add(c.minutes[i]!, c.services[i]!, c.operations[i]!, kind, status, c.buckets[i]!, c.weights[i]!)) refused++;
    }
    if (refused > 0) {
      this.#seriesLimitDrops += refused;
      this.#telemetry?.dropped("series_limit", refused);
    }
    for (const edge of c.graph.direct) this.#graph.addDirect(edge);
    if (c.graph.halves.length > 0) {
      const now = this.#clock.now();
      for (const half of c.graph.halves) this.#graph.addHalf(half, now);
      this.#graph.expire(now);
    }
  }

  /** #flush, whose only possible failures are bugs (a telemetry that throws): logged, never rejected (a tick would leave it unhandled). */
  async #guardedFlush(final: boolean): Promise<void> {
    try {
      await this.#flush(final);
    } catch (error) {
      this.#logger.error({ err: error }, "span metrics: a rollup flush failed unexpectedly");
    }
  }

  /** One flush; `final` then drops every half still waiting and gives up on a failed write. Never rejects. */
  async #flush(final: boolean): Promise<void> {
    this.#graph.expire(this.#clock.now()); // halves whose TTL ran out resolve as usual, even the last time
    if (final) this.#graph.settleAll();
    if (this.#seriesLimitDrops > 0) {
      this.#logger.warn({ spans: this.#seriesLimitDrops, maxSeries: this.#metrics.maxSeries }, "span metrics: too many distinct series in one flush interval; spans beyond the bound were not counted");
      this.#seriesLimitDrops = 0;
    }
    if (this.#invalidTimeDrops > 0) {
      this.#logger.warn({ spans: this.#invalidTimeDrops }, "span metrics: spans starting before 1970 or after 2105 (clock skew?) were stored but left out of the rollups");
      this.#invalidTimeDrops = 0;
    }
    this.#writes.add(this.#metrics.drain(), this.#graph.drain());
    await this.#writes.write(final);
  }
}
