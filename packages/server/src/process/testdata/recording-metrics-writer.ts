import type { MetricsWriter, Rollups } from "@skein/storage";

/**
 * A MetricsWriter that records every successful write and fails on demand. A failing call
 * records nothing (the port's all-or-nothing call of one rollup), except with
 * `refuseServiceGraph`, which mimics an adapter writing the tables one after the other: the
 * span-metrics rows of a call are stored, then its service-graph rows are refused.
 */
export class RecordingMetricsWriter implements MetricsWriter {
  readonly writes: Rollups[] = [];
  calls = 0;
  /** Every call holding service-graph rows stores its span-metrics rows, then rejects. */
  refuseServiceGraph = false;
  #failures = 0;
  #error: () => Error = () => new Error("rollup table unavailable");

  /** The next `times` writes reject, with `error()` (default: a temporary failure). */
  failNext(times = 1, error?: () => Error): void {
    this.#failures = times;
    if (error !== undefined) this.#error = error;
  }

  async writeRollups(rollups: Rollups): Promise<void> {
    this.calls++;
    if (this.#failures > 0) {
      this.#failures--;
      throw this.#error();
    }
    if (this.refuseServiceGraph && rollups.serviceGraph.length > 0) {
      if (rollups.spanMetrics.length > 0) this.writes.push({ spanMetrics: [...rollups.spanMetrics], serviceGraph: [] });
      throw new Error("service_graph insert refused");
    }
    this.writes.push({ spanMetrics: [...rollups.spanMetrics], serviceGraph: [...rollups.serviceGraph] });
  }

  get spanMetrics(): Rollups["spanMetrics"] {
    return this.writes.flatMap((w) => w.spanMetrics);
  }

  get serviceGraph(): Rollups["serviceGraph"] {
    return this.writes.flatMap((w) => w.serviceGraph);
  }
}
