import type { Rollups } from "@skein/storage";

/**
 * Rollup rows drained from the aggregates and not yet written, oldest first, at most `maxRows`:
 * while writes fail, rows wait here for the next tick; beyond the bound the oldest are dropped
 * (add returns how many, the caller counts and logs them).
 */
export class RollupBacklog {
  #chunks: Rollups[] = [];
  #rows = 0;

  constructor(readonly maxRows: number) {}

  get rows(): number {
    return this.#rows;
  }

  /** Appends the rows; returns how many of the oldest were dropped to stay within maxRows. */
  add(rollups: Rollups): number {
    const rows = rollups.spanMetrics.length + rollups.serviceGraph.length;
    if (rows === 0) return 0;
    this.#chunks.push(rollups);
    this.#rows += rows;
    let dropped = 0;
    while (this.#rows > this.maxRows) {
      const oldest = this.#chunks[0]!;
      const excess = this.#rows - this.maxRows;
      const fromMetrics = Math.min(excess, oldest.spanMetrics.length);
      const fromGraph = Math.min(excess - fromMetrics, oldest.serviceGraph.length);
      oldest.spanMetrics = oldest.spanMetrics.slice(fromMetrics);
      oldest.serviceGraph = oldest.serviceGraph.slice(fromGraph);
      if (oldest.spanMetrics.length + oldest.serviceGraph.length === 0) this.#chunks.shift();
      this.#rows -= fromMetrics + fromGraph;
      dropped += fromMetrics + fromGraph;
    }
    return dropped;
  }

  /** Every waiting row, as one write. */
  peek(): Rollups {
    if (this.#chunks.length === 1) return this.#chunks[0]!;
    return { spanMetrics: this.#chunks.flatMap((c) => c.spanMetrics), serviceGraph: this.#chunks.flatMap((c) => c.serviceGraph) };
  }

  /** Forgets every row (they were written). */
  clear(): void {
    this.#chunks = [];
    this.#rows = 0;
  }
}
