/**
 * Rows of one rollup (span metrics or service graph) drained from the aggregates and not yet
 * written, oldest first, at most `maxRows`: while writes fail, rows wait here for the next tick;
 * beyond the bound the oldest are dropped (add returns how many, the caller counts and logs
 * them). One backlog per rollup, written in its own call, so a write that stored one rollup and
 * failed on the other is never retried whole (which would count the stored rows twice).
 */
export class RollupBacklog<Row> {
  #chunks: Row[][] = [];
  #rows = 0;

  constructor(readonly maxRows: number) {}

  get rows(): number {
    return this.#rows;
  }

  /** Appends the rows; returns how many of the oldest were dropped to stay within maxRows. */
  add(rows: Row[]): number {
    if (rows.length === 0) return 0;
    this.#chunks.push(rows);
    this.#rows += rows.length;
    let dropped = 0;
    while (this.#rows > this.maxRows) {
      const oldest = this.#chunks[0]!;
      const excess = Math.min(this.#rows - this.maxRows, oldest.length);
      if (excess === oldest.length) this.#chunks.shift();
      else this.#chunks[0] = oldest.slice(excess);
      this.#rows -= excess;
      dropped += excess;
    }
    return dropped;
  }

  /** Every waiting row, oldest first, as one write. */
  peek(): Row[] {
    if (this.#chunks.length === 1) return this.#chunks[0]!;
    const out: Row[] = [];
    for (const chunk of this.#chunks) for (const row of chunk) out.push(row);
    return out;
  }

  /** Forgets every row (written, or given up on). */
  clear(): void {
    this.#chunks = [];
    this.#rows = 0;
  }
}
