/**
 * The one latency bucket scheme of Skein's rollups (span metrics, service graph) and latency
 * heatmaps. Log-bucketed and fixed, so histograms written by any node at any time merge by adding
 * counts per bucket index. Bucket 0 holds durations below 1 µs; bucket i (1 ≤ i < LATENCY_BUCKET_COUNT − 1)
 * holds [bound(i−1), bound(i)); the last bucket holds everything from its lower bound up. Bounds
 * grow by 2^(1/8) (≈ 9.05 %), so a quantile read back as the bucket's geometric middle is within
 * ≈ 4.4 % of the true value (bucket 0 and the last bucket excepted). 288 bounds reach ≈ 19 h.
 */

/** Bounds per doubling of the duration. */
const BOUNDS_PER_DOUBLING = 8;
/** Upper bounds of buckets 0 … LATENCY_BUCKET_COUNT − 2, in integer ns, ascending. */
const BOUNDS: readonly number[] = Array.from({ length: 288 }, (_, i) => Math.round(1000 * 2 ** (i / BOUNDS_PER_DOUBLING)));

/** Number of buckets: 0 … LATENCY_BUCKET_COUNT − 1. */
export const LATENCY_BUCKET_COUNT = BOUNDS.length + 1;

/** The worst relative error of latencyBucketMiddle against any duration of the bucket (buckets 1 … count − 2). */
export const LATENCY_BUCKET_RELATIVE_ERROR = 2 ** (1 / (2 * BOUNDS_PER_DOUBLING)) - 1;

/**
 * The bucket of a duration in ns (a number: exact up to 2^53 ns ≈ 104 days; negative counts as 0).
 * Exact at the bounds: a duration equal to a bound is in the bucket above it.
 */
export function latencyBucketOf(durationNano: number): number {
  if (!(durationNano >= BOUNDS[0]!)) return 0;
  // Binary search: the number of bounds ≤ durationNano.
  let low = 0;
  let high = BOUNDS.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (BOUNDS[mid]! <= durationNano) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The inclusive lower bound of a bucket in ns (0 for bucket 0). */
export function latencyBucketLowerNano(bucket: number): number {
  checkBucket(bucket);
  return bucket === 0 ? 0 : BOUNDS[bucket - 1]!;
}

/** The exclusive upper bound of a bucket in ns; null for the last (open) bucket. */
export function latencyBucketUpperNano(bucket: number): number | null {
  checkBucket(bucket);
  return bucket >= BOUNDS.length ? null : BOUNDS[bucket]!;
}

/**
 * The value a quantile falling in this bucket is reported as: the geometric middle of its bounds
 * (500 ns for bucket 0, the lower bound for the open last bucket).
 */
export function latencyBucketMiddle(bucket: number): number {
  const lower = latencyBucketLowerNano(bucket);
  const upper = latencyBucketUpperNano(bucket);
  if (bucket === 0) return 500;
  if (upper === null) return lower;
  return Math.sqrt(lower * upper);
}

/** Every bucket's bounds, for charts: [lowerNano, upperNano | null]. */
export function latencyBucketBounds(): { bucket: number; lowerNano: number; upperNano: number | null }[] {
  return Array.from({ length: LATENCY_BUCKET_COUNT }, (_, bucket) => ({ bucket, lowerNano: latencyBucketLowerNano(bucket), upperNano: latencyBucketUpperNano(bucket) }));
}

function checkBucket(bucket: number): void {
  if (!Number.isInteger(bucket) || bucket < 0 || bucket >= LATENCY_BUCKET_COUNT) {
    throw new RangeError(`latency bucket ${bucket} is outside 0…${LATENCY_BUCKET_COUNT - 1}`);
  }
}
