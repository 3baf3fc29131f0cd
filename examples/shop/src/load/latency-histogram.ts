// Order latencies for percentiles over a whole load run in bounded memory: log-scaled buckets
// 1% wide (so a reported percentile is within ~1% of the true one), from 0.1 ms to ~30 min.

const UNIT_MS = 0.1;
const GROWTH = 1.01;
const LOG_GROWTH = Math.log(GROWTH);
const BUCKETS = 1_600; // 1.01^1600 × 0.1 ms ≈ 8·10^5 s: anything longer lands in the last bucket

export class LatencyHistogram {
  private readonly counts = new Uint32Array(BUCKETS);
  private total = 0;
  private min = Infinity;
  private max = 0;

  get count(): number {
    return this.total;
  }

  record(ms: number): void {
    const units = Math.max(0, ms) / UNIT_MS;
    const index = units < 1 ? 0 : Math.min(BUCKETS - 1, Math.floor(Math.log(units) / LOG_GROWTH) + 1);
    this.counts[index]!++;
    this.total++;
    if (ms < this.min) this.min = ms;
    if (ms > this.max) this.max = ms;
  }

  /** The latency below which a share `p` (0..1) of recordings fall, in ms, 0.1 ms precision; 0 when empty. */
  percentile(p: number): number {
    if (this.total === 0) return 0;
    const rank = Math.max(1, Math.ceil(p * this.total));
    let seen = 0;
    for (let index = 0; index < BUCKETS; index++) {
      seen += this.counts[index]!;
      if (seen >= rank) {
        // The last bucket holds everything beyond the range: its bound is the largest recording.
        const upper = index === BUCKETS - 1 ? this.max : index === 0 ? UNIT_MS : UNIT_MS * GROWTH ** index;
        return Math.round(Math.min(this.max, Math.max(this.min, upper)) * 10) / 10;
      }
    }
    return Math.round(this.max * 10) / 10;
  }
}
