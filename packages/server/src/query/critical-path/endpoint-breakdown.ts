import type { ApiEndpointCriticalPathResponse, ApiEndpointOperation, Span } from "@skein/model";
import type { TimeRange } from "@skein/storage";
import { compareCodePoints } from "@skein/storage";
import { criticalPath } from "./critical-path.js";
import { buildSpanTree, clampedDuration, compareSpanStart } from "./span-tree.js";

/** One sampled request of an endpoint: its duration and where its critical path spent it. */
export interface EndpointRequest {
  durationNano: bigint;
  /** Critical-path ns per (service, operation); the values sum to durationNano. */
  operations: Map<string, OperationTime>;
}

export interface OperationTime {
  service: string;
  operation: string;
  nanos: bigint;
}

/**
 * The endpoint request in one trace: the earliest span (start, then span id) of `service` named
 * `operation` that starts within `range`, and the critical path of ITS subtree attributed to each
 * span's (service, operation). Undefined when the trace has no such span.
 */
export function endpointRequestOf(spans: readonly Span[], service: string, operation: string, range: TimeRange): EndpointRequest | undefined {
  const tree = buildSpanTree(spans);
  let endpoint: number | undefined;
  spans.forEach((span, i) => {
    if (!tree.inTree[i] || span.service !== service || span.name !== operation) return;
    if (range.startTimeMinUnixNano !== undefined && span.startTimeUnixNano < range.startTimeMinUnixNano) return;
    if (range.startTimeMaxUnixNano !== undefined && span.startTimeUnixNano > range.startTimeMaxUnixNano) return;
    if (endpoint === undefined || compareSpanStart(span, spans[endpoint]!) < 0) endpoint = i;
  });
  if (endpoint === undefined) return undefined;
  const operations = new Map<string, OperationTime>();
  for (const segment of criticalPath(tree, endpoint)) {
    const span = spans[segment.span]!;
    const key = JSON.stringify([span.service, span.name]);
    const entry = operations.get(key) ?? { service: span.service, operation: span.name, nanos: 0n };
    entry.nanos += segment.end - segment.start;
    operations.set(key, entry);
  }
  return { durationNano: clampedDuration(spans[endpoint]!), operations };
}

/** Nearest-rank percentile (q in percent) of ascending values: the ⌈q·n/100⌉-th smallest. */
function nearestRank(sorted: readonly bigint[], percent: number): bigint {
  const rank = Math.max(1, Math.floor((percent * sorted.length + 99) / 100));
  return sorted[rank - 1]!;
}

/**
 * The endpoint breakdown of the sampled requests (see apiEndpointCriticalPathResponseSchema):
 * "typical" requests last ≤ the p50 duration, "slow" ones ≥ the p95 duration (nearest rank). An
 * operation's share in a group is its critical-path ns over the group's total duration; its time
 * is the mean per request of the group. A group whose requests all last 0 ns spent all of its
 * (zero) time in the endpoint span itself: the endpoint's own operation gets share 1, time 0. Operations on the critical
 * path of neither group are left out; ranked by p95Share, p50Share (descending), then service and
 * operation in code point order. No requests → zeros, nulls and no operations.
 */
export function summarizeEndpoint(requests: readonly EndpointRequest[]): ApiEndpointCriticalPathResponse {
  if (requests.length === 0) return { sampledRequests: 0, p50DurationNano: null, p95DurationNano: null, operations: [] };
  const sorted = requests.map((r) => r.durationNano).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const p50 = nearestRank(sorted, 50);
  const p95 = nearestRank(sorted, 95);
  const typical = groupTotals(requests.filter((r) => r.durationNano <= p50));
  const slow = groupTotals(requests.filter((r) => r.durationNano >= p95));
  const keys = new Set([...typical.byOperation.keys(), ...slow.byOperation.keys()]);
  const operations: ApiEndpointOperation[] = [];
  for (const key of keys) {
    const named = typical.byOperation.get(key) ?? slow.byOperation.get(key)!;
    const inTypical = typical.byOperation.get(key)?.nanos ?? 0n;
    const inSlow = slow.byOperation.get(key)?.nanos ?? 0n;
    operations.push({
      service: named.service,
      operation: named.operation,
      p50Share: shareOf(typical, key),
      p95Share: shareOf(slow, key),
      p50TimeNano: Number(inTypical) / typical.requests,
      p95TimeNano: Number(inSlow) / slow.requests,
    });
  }
  operations.sort(
    (a, b) => b.p95Share - a.p95Share || b.p50Share - a.p50Share || compareCodePoints(a.service, b.service) || compareCodePoints(a.operation, b.operation),
  );
  return { sampledRequests: requests.length, p50DurationNano: Number(p50), p95DurationNano: Number(p95), operations };
}

interface GroupTotals {
  requests: number;
  durationNano: bigint;
  byOperation: Map<string, OperationTime>;
}

/** Sums a non-empty group (each group holds at least the request at its percentile). */
function groupTotals(requests: readonly EndpointRequest[]): GroupTotals {
  const byOperation = new Map<string, OperationTime>();
  let durationNano = 0n;
  for (const request of requests) {
    durationNano += request.durationNano;
    for (const [key, time] of request.operations) {
      const entry = byOperation.get(key) ?? { service: time.service, operation: time.operation, nanos: 0n };
      entry.nanos += time.nanos;
      byOperation.set(key, entry);
    }
  }
  // Zero-duration requests put their endpoint span on the path with 0 ns (criticalPath gives a
  // zero-length root one segment); kept only when that is all the group has.
  if (durationNano > 0n) for (const [key, time] of byOperation) if (time.nanos === 0n) byOperation.delete(key);
  return { requests: requests.length, durationNano, byOperation };
}

/**
 * The operation's critical-path ns over the group's duration, in [0, 1]. A group of zero-duration
 * requests holds only the endpoint's own operation (groupTotals): 1 for it, 0 for the others.
 */
function shareOf(group: GroupTotals, key: string): number {
  const time = group.byOperation.get(key);
  if (group.durationNano === 0n) return time === undefined ? 0 : 1;
  return time === undefined ? 0 : Math.min(1, Number(time.nanos) / Number(group.durationNano));
}
