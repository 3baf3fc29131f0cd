/**
 * Progress of a long phase on stderr, at most once a second: done / total and the rate.
 * stdout stays for the result table.
 */
export class Progress {
  private readonly started = performance.now();
  private last = 0;

  constructor(
    private readonly label: string,
    private readonly total: number,
    private readonly unit: string,
  ) {}

  update(done: number, extra = ""): void {
    const now = performance.now();
    if (now - this.last < 1000) return;
    this.last = now;
    this.print(done, extra);
  }

  /** Final line; `count` when the phase stopped before the total (a time budget ran out). */
  done(extra = "", count = this.total): void {
    this.print(count, extra);
  }

  private print(done: number, extra: string): void {
    const secs = (performance.now() - this.started) / 1000;
    const rate = secs > 0 ? Math.round(done / secs) : 0;
    process.stderr.write(
      `  ${this.label}: ${done.toLocaleString("en-US")} / ${this.total.toLocaleString("en-US")} ${this.unit}` +
        ` (${rate.toLocaleString("en-US")} ${this.unit}/s, ${secs.toFixed(1)} s)${extra ? " " + extra : ""}\n`,
    );
  }
}
