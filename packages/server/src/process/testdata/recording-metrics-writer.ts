import type { MetricsWriter, Rollups } from "@skein/storage";

/** A MetricsWriter that records every successful write and fails on demand. */
export class RecordingMetricsWriter implements MetricsWriter {
  readonly writes: Rollups[] = [];
  calls = 0;
  #failures = 0;

  /** The next `times` writes reject. */
  failNext(times = 1): void {
    this.#failures = times;
  }

  async writeRollups(rollups: Rollups): Promise<void> {
    this.calls++;
    if (this.#failures > 0) {
      this.#failures--;
      throw new Error("rollup table unavailable");
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
