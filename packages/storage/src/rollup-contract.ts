import { LATENCY_BUCKET_COUNT } from "@skein/model";
import type { LatencyBucketCount } from "@skein/model";
import type { Rollups, ServiceNodeType } from "./insights.js";

/** The node types a service-graph row may name (ServiceNodeType). */
const NODE_TYPES: readonly string[] = ["service", "database", "external", "queue"] satisfies ServiceNodeType[];
/** 2106-01-01T00:00Z: the first minute outside the contract (the ClickHouse partition Date ends there). */
const END_OF_MINUTES_MS = Date.UTC(2106, 0, 1);

/**
 * Throws RangeError on the first row of `rollups` outside the MetricsWriter contract (every adapter
 * calls it before storing anything, so a refused call stores nothing): minute not a multiple of 60,000 ms in 1970 … 2105, bucket not an index of
 * the latency bucket scheme, count not a finite number > 0, kind or status not an integer 0–255
 * (what the adapters' columns hold), node type not a ServiceNodeType. Checks every row before the
 * caller stores any, so a refused call stores nothing.
 */
export function checkRollups(rollups: Rollups): void {
  for (const row of rollups.spanMetrics) {
    checkMinuteAndBuckets(row.minuteUnixMs, row.buckets);
    for (const code of [row.kind, row.status]) if (!Number.isInteger(code) || code < 0 || code > 255) throw new RangeError(`span kind or status ${code} is not an integer 0–255`);
  }
  for (const row of rollups.serviceGraph) {
    checkMinuteAndBuckets(row.minuteUnixMs, row.buckets);
    for (const type of [row.sourceType, row.targetType]) if (!NODE_TYPES.includes(type)) throw new RangeError(`unknown service-map node type ${JSON.stringify(type)}`);
  }
}

function checkMinuteAndBuckets(minuteUnixMs: number, buckets: readonly LatencyBucketCount[]): void {
  if (!Number.isSafeInteger(minuteUnixMs) || minuteUnixMs < 0 || minuteUnixMs % 60_000 !== 0 || minuteUnixMs >= END_OF_MINUTES_MS) {
    throw new RangeError(`rollup minute ${minuteUnixMs} is not a multiple of 60000 ms between 1970 and 2105`);
  }
  for (const { bucket, count } of buckets) {
    if (!Number.isInteger(bucket) || bucket < 0 || bucket >= LATENCY_BUCKET_COUNT) throw new RangeError(`latency bucket ${bucket} is not an integer 0–${LATENCY_BUCKET_COUNT - 1}`);
    if (!(count > 0) || !Number.isFinite(count)) throw new RangeError(`latency bucket count ${count} is not a finite number > 0`);
  }
}
