// Latency buckets and mergeable histograms of Skein's rollups, shared by the server, the storage
// adapters and the UI (heatmap axes).
export { LATENCY_BUCKET_COUNT, LATENCY_BUCKET_RELATIVE_ERROR, latencyBucketBounds, latencyBucketLowerNano, latencyBucketMiddle, latencyBucketOf, latencyBucketUpperNano } from "./latency-buckets.js";
export type { LatencyBucketCount } from "./latency-histogram.js";
export { LatencyHistogram } from "./latency-histogram.js";
