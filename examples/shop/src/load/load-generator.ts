// runLoad: an open-loop load generator for the shop. Orders leave on a fixed schedule
// (ratePerSecond) whether or not earlier ones were answered, so a slow shop shows up as latency
// and failures instead of silently lowering the load (no coordinated omission).
import type { LoadOptions, LoadStats, OrderResponse } from "../shop-contract.js";
import { LatencyHistogram } from "./latency-histogram.js";
import { randomOrder } from "./random-order.js";

/** An order unanswered after this long counts as unreachable. */
const REQUEST_TIMEOUT_MS = 10_000;
/** After the caller's signal aborts, orders in flight get this long before they are abandoned. */
const ABORT_GRACE_MS = 1_000;
const MAX_RATE_PER_SECOND = 10_000;

const STATUSES: ReadonlySet<string> = new Set<OrderResponse["status"]>(["confirmed", "declined", "failed"]);

function checkOptions(options: LoadOptions): void {
  const { ratePerSecond, durationMs, declinedCardShare, progressIntervalMs } = options;
  if (!Number.isFinite(ratePerSecond) || ratePerSecond <= 0 || ratePerSecond > MAX_RATE_PER_SECOND) {
    throw new RangeError(`ratePerSecond must be above 0 and at most ${MAX_RATE_PER_SECOND}, got ${ratePerSecond}`);
  }
  if (durationMs !== undefined && !(Number.isFinite(durationMs) && durationMs >= 0)) {
    throw new RangeError(`durationMs must be 0 or more, got ${durationMs}`);
  }
  if (durationMs === undefined && !options.signal) {
    throw new RangeError("runLoad needs durationMs or signal: without either it would never end");
  }
  if (declinedCardShare !== undefined && !(declinedCardShare >= 0 && declinedCardShare <= 1)) {
    throw new RangeError(`declinedCardShare must be a number from 0 to 1, got ${declinedCardShare}`);
  }
  if (progressIntervalMs !== undefined && !(Number.isFinite(progressIntervalMs) && progressIntervalMs > 0)) {
    throw new RangeError(`progressIntervalMs must be above 0, got ${progressIntervalMs}`);
  }
}

/** Resolves at `ms` from now, or at once when `signal` aborts. */
function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, Math.max(0, ms));
    signal?.addEventListener("abort", done, { once: true });
  });
}

/** Resolves the final stats when durationMs has passed or the signal aborted, and every order was settled. */
export async function runLoad(options: LoadOptions): Promise<LoadStats> {
  checkOptions(options);
  const url = `${options.frontendUrl.replace(/\/+$/, "")}/api/orders`;
  const { ratePerSecond, durationMs, signal } = options;
  const declinedCardShare = options.declinedCardShare ?? 0;
  const latencies = new LatencyHistogram();
  const counts = { sent: 0, confirmed: 0, declined: 0, failed: 0, unreachable: 0 };
  const lastTraceIds: LoadStats["lastTraceIds"] = {};
  const abandon = new AbortController();
  const inFlight = new Set<Promise<void>>();
  const startedAt = performance.now();
  const elapsed = () => performance.now() - startedAt;

  const snapshot = (): LoadStats => ({
    ...counts,
    elapsedMs: Math.round(elapsed()),
    p50Ms: latencies.percentile(0.5),
    p99Ms: latencies.percentile(0.99),
    lastTraceIds: { ...lastTraceIds },
  });

  async function sendOrder(): Promise<void> {
    const sentAt = performance.now();
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(randomOrder(Math.random, declinedCardShare)),
        signal: AbortSignal.any([AbortSignal.timeout(REQUEST_TIMEOUT_MS), abandon.signal]),
      });
      const body = (await response.json().catch(() => ({}))) as Partial<OrderResponse>;
      latencies.record(performance.now() - sentAt);
      const status: OrderResponse["status"] =
        response.status >= 200 && response.status < 300 ? "confirmed" : response.status === 402 ? "declined" : "failed";
      counts[status]++;
      const traceId = typeof body.traceId === "string" && body.traceId !== "" ? body.traceId : response.headers.get("traceresponse")?.split("-")[1];
      const reported = typeof body.status === "string" && STATUSES.has(body.status) ? body.status : status;
      if (traceId) lastTraceIds[reported] = traceId;
    } catch {
      counts.unreachable++;
    }
  }

  const progressEvery = options.progressIntervalMs ?? 5_000;
  const progress = options.onProgress ? setInterval(() => options.onProgress?.(snapshot()), progressEvery) : undefined;
  try {
    // Order n (0-based) leaves at n / ratePerSecond; with a duration, only those before its end.
    const total = durationMs === undefined ? Infinity : Math.ceil((durationMs * ratePerSecond) / 1_000 - 1e-9);
    while (!signal?.aborted && counts.sent < total) {
      // Every order due by now leaves now, also after a stall of the event loop (open loop).
      const due = Math.min(total, Math.floor((elapsed() * ratePerSecond) / 1_000) + 1);
      while (counts.sent < due) {
        counts.sent++;
        const order = sendOrder();
        inFlight.add(order);
        void order.finally(() => inFlight.delete(order));
      }
      if (counts.sent >= total) break;
      await pause((counts.sent * 1_000) / ratePerSecond - elapsed(), signal);
    }
    if (signal?.aborted && inFlight.size > 0) {
      await Promise.race([Promise.all(inFlight), pause(ABORT_GRACE_MS, undefined)]);
      abandon.abort();
    }
    await Promise.all(inFlight);
  } finally {
    clearInterval(progress);
  }
  const stats = snapshot();
  options.onProgress?.(stats);
  return stats;
}
