import type { MetricsWriter, Rollups, ServiceGraphRow, SpanMetricsRow } from "@skein/storage";
import type { Logger } from "pino";
import { RollupBacklog } from "./rollup-backlog.js";
import type { SpanMetricsTelemetry } from "./span-metrics-telemetry.js";

/** The two rollups, each with its own backlog, label and write call. */
type RollupName = "span_metrics" | "service_graph";

/**
 * The rows drained from the aggregates on their way to MetricsWriter.writeRollups. Each rollup
 * has its own backlog and is written in its own call holding only its rows (the port makes such
 * a call all-or-nothing), cleared on its own success: a write that stored span metrics and
 * failed on the service graph retries only the service graph. On failure:
 * - a RangeError (the port refuses rows outside its contract, before any I/O) can never succeed:
 *   the rows are dropped ("write_rejected"), logged as an error, and never block later rows;
 * - any other error keeps the rows for the next tick (each backlog at most maxRows, oldest
 *   dropped as "backlog_full"), except on the final write, where they are lost ("shutdown_write_failed").
 * Calls are never concurrent: the processor serializes flushes.
 */
export class RollupWrites {
  readonly #writer: MetricsWriter;
  readonly #logger: Pick<Logger, "warn" | "error">;
  readonly #telemetry: SpanMetricsTelemetry | undefined;
  readonly #spanMetrics: RollupBacklog<SpanMetricsRow>;
  readonly #serviceGraph: RollupBacklog<ServiceGraphRow>;

  constructor(writer: MetricsWriter, maxRows: number, logger: Pick<Logger, "warn" | "error">, telemetry: SpanMetricsTelemetry | undefined) {
    this.#writer = writer;
    this.#logger = logger;
    this.#telemetry = telemetry;
    this.#spanMetrics = new RollupBacklog(maxRows);
    this.#serviceGraph = new RollupBacklog(maxRows);
  }

  /** Rows of both rollups waiting to be written. */
  get rows(): number {
    return this.#spanMetrics.rows + this.#serviceGraph.rows;
  }

  get maxRows(): number {
    return this.#spanMetrics.maxRows;
  }

  /** Queues freshly drained rows behind those waiting (dropping the oldest beyond the bound). */
  add(spanMetrics: SpanMetricsRow[], serviceGraph: ServiceGraphRow[]): void {
    const dropped = this.#spanMetrics.add(spanMetrics) + this.#serviceGraph.add(serviceGraph);
    if (dropped > 0) {
      this.#telemetry?.dropped("backlog_full", dropped);
      this.#logger.warn({ rows: dropped, maxPendingRows: this.maxRows }, "span metrics: rollup writes keep failing; dropped the oldest rows");
    }
  }

  /** Writes each non-empty backlog in its own call; `final`: a failed write loses its rows. Never rejects. */
  async write(final: boolean): Promise<void> {
    await this.#writeOne("span_metrics", this.#spanMetrics, (rows) => ({ spanMetrics: rows, serviceGraph: [] }), final);
    await this.#writeOne("service_graph", this.#serviceGraph, (rows) => ({ spanMetrics: [], serviceGraph: rows }), final);
  }

  async #writeOne<Row>(rollup: RollupName, backlog: RollupBacklog<Row>, call: (rows: Row[]) => Rollups, final: boolean): Promise<void> {
    if (backlog.rows === 0) return;
    const rows = backlog.peek();
    try {
      await this.#writer.writeRollups(call(rows));
    } catch (error) {
      this.#telemetry?.flushFailed();
      if (error instanceof RangeError) {
        backlog.clear();
        this.#telemetry?.dropped("write_rejected", rows.length);
        this.#logger.error({ err: error, rollup, rows: rows.length }, "span metrics: storage refused rollup rows as invalid; they are dropped (a bug: please report it)");
      } else if (final) {
        backlog.clear();
        this.#telemetry?.dropped("shutdown_write_failed", rows.length);
        this.#logger.error({ err: error, rollup, rows: rows.length }, "span metrics: writing rollups at shutdown failed; these rows are lost");
      } else {
        this.#logger.warn({ err: error, rollup, pendingRows: backlog.rows }, "span metrics: writing rollups failed; retrying on the next flush");
      }
      return;
    }
    backlog.clear();
    if (rollup === "span_metrics") this.#telemetry?.rowsFlushed(rows.length, 0);
    else this.#telemetry?.rowsFlushed(0, rows.length);
  }
}
