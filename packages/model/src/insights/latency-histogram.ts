import { LATENCY_BUCKET_COUNT, latencyBucketMiddle, latencyBucketOf } from "./latency-buckets.js";

/** One non-empty bucket: its index in the latency bucket scheme and its (weighted) count. */
export interface LatencyBucketCount {
  bucket: number;
  count: number;
}

/**
 * A mergeable latency histogram over the fixed bucket scheme of latency-buckets.ts. Counts are
 * weighted (a span with sample weight 4 adds 4), so they may be fractional. Sparse: only the
 * buckets that were hit take memory.
 */
export class LatencyHistogram {
  readonly #counts = new Map<number, number>();
  #total = 0;

  /** Adds `weight` observations of a duration in ns. */
  record(durationNano: number, weight = 1): void {
    this.addToBucket(latencyBucketOf(durationNano), weight);
  }

  /** Adds `count` to one bucket (merging stored rows). */
  addToBucket(bucket: number, count: number): void {
    if (!(count > 0)) return;
    if (!Number.isInteger(bucket) || bucket < 0 || bucket >= LATENCY_BUCKET_COUNT) throw new RangeError(`latency bucket ${bucket} is outside 0…${LATENCY_BUCKET_COUNT - 1}`);
    this.#counts.set(bucket, (this.#counts.get(bucket) ?? 0) + count);
    this.#total += count;
  }

  merge(other: LatencyHistogram): void {
    for (const { bucket, count } of other.buckets()) this.addToBucket(bucket, count);
  }

  /** Sum of all counts. */
  get total(): number {
    return this.#total;
  }

  /** The non-empty buckets, ascending by bucket. */
  buckets(): LatencyBucketCount[] {
    return [...this.#counts].sort((a, b) => a[0] - b[0]).map(([bucket, count]) => ({ bucket, count }));
  }

  /**
   * The q-quantile (0 ≤ q ≤ 1) in ns, as the middle of the bucket holding the observation of
   * rank ⌈q × total⌉ (the first observation for q = 0); null when empty. Within
   * LATENCY_BUCKET_RELATIVE_ERROR of the exact quantile (nearest-rank definition).
   */
  quantile(q: number): number | null {
    if (this.#total <= 0) return null;
    const rank = Math.max(q * this.#total, Number.MIN_VALUE);
    let seen = 0;
    const sorted = this.buckets();
    for (const { bucket, count } of sorted) {
      seen += count;
      // Tolerate float sums of fractional weights: 1e-9 relative.
      if (seen >= rank * (1 - 1e-12)) return latencyBucketMiddle(bucket);
    }
    return latencyBucketMiddle(sorted[sorted.length - 1]!.bucket);
  }

  static fromBuckets(buckets: Iterable<LatencyBucketCount>): LatencyHistogram {
    const histogram = new LatencyHistogram();
    for (const { bucket, count } of buckets) histogram.addToBucket(bucket, count);
    return histogram;
  }
}
