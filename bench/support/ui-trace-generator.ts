import type { GenAttribute, GenSpan } from "./gen-span.js";
import { KIND, STATUS } from "./gen-span.js";
import { Rng } from "./rng.js";

/**
 * One very large trace for the `ui` scenario: a random recursive tree (each new span picks its
 * parent among the spans so far, with a bias towards recent ones, so depth grows like a batch job
 * fanning out: up to 24 levels), services that change along the tree, children inside their
 * parent's interval, ~2% exceptions and a log record on ~4% of spans
 * (every failed one and 2% more).
 * Deterministic for a seed.
 */
export interface BigTrace {
  traceId: Uint8Array;
  spans: GenSpan[];
  logs: BigTraceLog[];
  maxDepth: number;
}

export interface BigTraceLog {
  traceId: Uint8Array;
  spanId: Uint8Array;
  service: string;
  timeNs: bigint;
  severityNumber: number;
  severityText: string;
  body: string;
}

const SERVICES = ["frontend", "checkout", "cart", "payment", "inventory", "shipping", "recommendation", "ad", "currency", "email"];
const OPERATIONS = ["GET /api/products", "POST /api/cart", "grpc Reserve", "SELECT stock", "HGET cart", "publish orders", "render template", "compute quote", "convert currency", "score fraud"];
const MAX_DEPTH = 24;

export function generateBigTrace(spanCount: number, seed: number, baseNs: bigint): BigTrace {
  const rng = new Rng(seed);
  const traceId = rng.bytes(16);
  const parents = new Int32Array(spanCount).fill(-1);
  const depth = new Int32Array(spanCount);
  const service = new Int32Array(spanCount);
  let maxDepth = 0;
  for (let i = 1; i < spanCount; i++) {
    // Half the time a parent among the last 32 spans (deep chains), else any span (wide fan-out).
    let parent = rng.chance(0.5) ? Math.max(0, i - 1 - Math.floor(rng.next() * 32)) : Math.floor(rng.next() * i);
    while (depth[parent]! >= MAX_DEPTH) parent = parents[parent]!;
    parents[i] = parent;
    depth[i] = depth[parent]! + 1;
    maxDepth = Math.max(maxDepth, depth[i]!);
    service[i] = rng.chance(0.7) ? service[parent]! : rng.int(0, SERVICES.length - 1);
  }

  const start = new Array<number>(spanCount);
  const end = new Array<number>(spanCount);
  start[0] = 0;
  end[0] = 30_000 * Math.sqrt(spanCount / 10_000) * 1e6; // 10k spans → 30 s, 100k → 95 s
  // Parents precede children in index order, so one forward pass places every span. A child takes
  // 20–80% of its parent at a random offset (siblings overlap like parallel calls), so durations
  // shrink with depth but stay in the millisecond range at the deepest level.
  for (let i = 1; i < spanCount; i++) {
    const p = parents[i]!;
    const length = (end[p]! - start[p]!) * (0.2 + 0.6 * rng.next());
    start[i] = start[p]! + (end[p]! - start[p]! - length) * rng.next();
    end[i] = start[i]! + length;
  }

  const ids = Array.from({ length: spanCount }, () => rng.bytes(8));
  const spans: GenSpan[] = [];
  const logs: BigTraceLog[] = [];
  for (let i = 0; i < spanCount; i++) {
    const s = SERVICES[service[i]!]!;
    const startNs = offsetToNs(baseNs, start[i]!);
    const endNs = offsetToNs(baseNs, end[i]!);
    const failed = rng.chance(0.02);
    const attributes: GenAttribute[] = [
      { key: "span.index", value: i },
      { key: "peer.service", value: SERVICES[service[parents[i]! < 0 ? 0 : parents[i]!]!]! },
      { key: "http.response.status_code", value: failed ? 500 : 200 },
      { key: "batch.item", value: `item-${rng.int(1, 5000)}` },
    ];
    spans.push({
      traceId, spanId: ids[i]!, parentSpanId: i === 0 ? null : ids[parents[i]!]!,
      name: i === 0 ? "POST /api/batch-import" : rng.pick(OPERATIONS), kind: i === 0 ? KIND.SERVER : rng.pick([KIND.INTERNAL, KIND.CLIENT, KIND.SERVER]),
      startNs, endNs, attributes, service: s, scope: "bench-ui",
      events: failed ? [{ timeNs: endNs, name: "exception", attributes: [{ key: "exception.type", value: "Error" }, { key: "exception.message", value: "upstream failed" }] }] : [],
      statusCode: failed ? STATUS.ERROR : STATUS.UNSET, statusMessage: failed ? "upstream failed" : "",
    });
    if (failed || rng.chance(0.02)) {
      logs.push({ traceId, spanId: ids[i]!, service: s, timeNs: endNs, severityNumber: failed ? 17 : 9, severityText: failed ? "ERROR" : "INFO", body: failed ? `span ${i} failed: upstream failed` : `span ${i} processed ${rng.int(1, 500)} items` });
    }
  }
  return { traceId, spans, logs, maxDepth };
}

function offsetToNs(base: bigint, offsetNs: number): bigint {
  return base + BigInt(Math.round(offsetNs));
}
