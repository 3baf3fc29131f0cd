import { SpanKind, StatusCode } from "@skein/model";
import type { Rollups } from "@skein/storage";
import { BASE_MINUTE_MS, MINUTE, graphRow, metricsRow } from "./rollup-fixtures.js";

const MS = 1_000_000;
const { SERVER, CLIENT, CONSUMER, PRODUCER, INTERNAL } = SpanKind;
const { OK, UNSET, ERROR } = StatusCode;
const at = (minutes: number) => BASE_MINUTE_MS + minutes * MINUTE;

/**
 * A small shop, minute by minute from BASE_MINUTE_MS, with exactly known counts:
 * - frontend: SERVER "GET /checkout" m0 10×100 ms ok + 2×300 ms error, m1 5×100 ms, m7 3×200 ms
 *   error; CLIENT "POST /charge" m0 12×50 ms (not requests: frontend has SERVER spans).
 * - payment: SERVER "charge" m0 11×40 ms + 1×40 ms error; INTERNAL "validate" m0 12×1 ms;
 *   CLIENT "SELECT" m0 12×5 ms.
 * - worker: CONSUMER "process order" m2 4×20 ms; PRODUCER "publish" m2 1×1 ms.
 * - batch: INTERNAL only, "cron" m3 2.5 (weighted) × 1 s, of which 0.5 error.
 * Edges: frontend→payment 12 calls (1 failed) ×50 ms; payment→postgres (database) 12×5 ms;
 * frontend→orders (queue) 4×2 ms; orders (queue)→worker 4×20 ms; payment→api.stripe.com (external)
 * 3 calls, 2 failed, ×80 ms at m7.
 */
export function shopRollups(): Rollups {
  return {
    spanMetrics: [
      metricsRow(at(0), "frontend", "GET /checkout", SERVER, OK, [{ durationNano: 100 * MS, count: 10 }]),
      metricsRow(at(0), "frontend", "GET /checkout", SERVER, ERROR, [{ durationNano: 300 * MS, count: 2 }]),
      metricsRow(at(1), "frontend", "GET /checkout", SERVER, UNSET, [{ durationNano: 100 * MS, count: 5 }]),
      metricsRow(at(7), "frontend", "GET /checkout", SERVER, ERROR, [{ durationNano: 200 * MS, count: 3 }]),
      metricsRow(at(0), "frontend", "POST /charge", CLIENT, UNSET, [{ durationNano: 50 * MS, count: 12 }]),
      metricsRow(at(0), "payment", "charge", SERVER, OK, [{ durationNano: 40 * MS, count: 11 }]),
      metricsRow(at(0), "payment", "charge", SERVER, ERROR, [{ durationNano: 40 * MS, count: 1 }]),
      metricsRow(at(0), "payment", "validate", INTERNAL, UNSET, [{ durationNano: 1 * MS, count: 12 }]),
      metricsRow(at(0), "payment", "SELECT", CLIENT, UNSET, [{ durationNano: 5 * MS, count: 12 }]),
      metricsRow(at(2), "worker", "process order", CONSUMER, UNSET, [{ durationNano: 20 * MS, count: 4 }]),
      metricsRow(at(2), "worker", "publish", PRODUCER, UNSET, [{ durationNano: 1 * MS, count: 1 }]),
      metricsRow(at(3), "batch", "cron", INTERNAL, UNSET, [{ durationNano: 1000 * MS, count: 2 }]),
      metricsRow(at(3), "batch", "cron", INTERNAL, ERROR, [{ durationNano: 1000 * MS, count: 0.5 }]),
    ],
    serviceGraph: [
      graphRow(at(0), ["frontend", "service"], ["payment", "service"], false, 50 * MS, 11),
      graphRow(at(0), ["frontend", "service"], ["payment", "service"], true, 50 * MS, 1),
      graphRow(at(0), ["payment", "service"], ["postgres", "database"], false, 5 * MS, 12),
      graphRow(at(2), ["frontend", "service"], ["orders", "queue"], false, 2 * MS, 4),
      graphRow(at(2), ["orders", "queue"], ["worker", "service"], false, 20 * MS, 4),
      graphRow(at(7), ["payment", "service"], ["api.stripe.com", "external"], false, 80 * MS, 1),
      graphRow(at(7), ["payment", "service"], ["api.stripe.com", "external"], true, 80 * MS, 2),
    ],
  };
}

export { at as shopMinute };
