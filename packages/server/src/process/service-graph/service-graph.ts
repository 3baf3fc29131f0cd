import type { ServiceGraphRow, ServiceNodeType } from "@skein/storage";
import type { SpanMetricsTelemetry } from "../span-metrics/span-metrics-telemetry.js";
import type { EdgeHalf } from "./edge-half.js";
import { PendingEdgeStore, type UnpairedReason } from "./pending-edge-store.js";
import { ServiceGraphAggregator } from "./service-graph-aggregator.js";
import type { DirectEdge } from "./service-graph-span.js";

export interface ServiceGraphOptions {
  /** How long a half waits for its other side, ms. Default 10 s. */
  ttlMs?: number;
  /** Pending keys held at most; the oldest are resolved early (counted as evicted). Default 100,000. */
  maxPending?: number;
  /** Edge series between two drains at most. Default 100,000. */
  maxSeries?: number;
  telemetry?: SpanMetricsTelemetry;
}

export const DEFAULT_EDGE_TTL_MS = 10_000;
export const DEFAULT_MAX_PENDING_EDGES = 100_000;
export const DEFAULT_MAX_SERIES = 100_000;

/**
 * The service-graph processor's state: committed direct edges and halves in, rows out.
 * - A CLIENT and its SERVER (a PRODUCER and its CONSUMER, neither naming a destination) pair into
 *   an edge caller service → callee service: minute, latency and weight of the caller span,
 *   failed when either side is ERROR.
 * - Messaging with a destination on one side only: a producer with queue Q and a consumer naming
 *   none make Q → consumer service (the consumer's minute, latency, weight, error, as a direct
 *   consumer edge); a producer naming none and a consumer of Q make producer service → Q. Both
 *   sides naming one add nothing to their direct edges. A half with a destination left unpaired
 *   loses nothing and is not counted.
 * - Only a TTL running out may make a CLIENT with a peer an edge to the external node of that
 *   name (no server answered in time). Without a peer → dropped ("edge_unpaired_caller"); a callee
 *   → "edge_unpaired_callee". A half evicted from the full store or still waiting at shutdown is
 *   dropped ("evicted", "shutdown"): its server may well exist, so it is no external node.
 */
export class ServiceGraph {
  readonly #aggregator: ServiceGraphAggregator;
  readonly #store: PendingEdgeStore;
  readonly #telemetry: SpanMetricsTelemetry | undefined;

  constructor(options: ServiceGraphOptions = {}) {
    this.#telemetry = options.telemetry;
    this.#aggregator = new ServiceGraphAggregator(options.maxSeries ?? DEFAULT_MAX_SERIES);
    this.#store = new PendingEdgeStore({
      ttlMs: options.ttlMs ?? DEFAULT_EDGE_TTL_MS,
      maxPending: options.maxPending ?? DEFAULT_MAX_PENDING_EDGES,
      onPair: (caller, callee) => this.#paired(caller, callee),
      onUnpaired: (half, reason) => this.#unpaired(half, reason),
    });
  }

  /** Keys of halves waiting for their other side. */
  get pendingKeys(): number {
    return this.#store.size;
  }

  addDirect(edge: DirectEdge): void {
    this.#add(edge.minuteMs, edge.source, edge.sourceType, edge.target, edge.targetType, edge.failed, edge.bucket, edge.weight);
  }

  addHalf(half: EdgeHalf, nowMs: number): void {
    this.#store.add(half, nowMs);
  }

  expire(nowMs: number): void {
    this.#store.expire(nowMs);
  }

  /** Gives up on every waiting half (shutdown): each is dropped and counted ("shutdown"), none becomes an edge. */
  settleAll(): void {
    this.#store.settleAll();
  }

  /** Map entries of the edge aggregator (tests of the memory bound). */
  get aggregatorEntries(): number {
    return this.#aggregator.entryCount;
  }

  /** Rows of every edge since the last drain; starts afresh (waiting halves stay). */
  drain(): ServiceGraphRow[] {
    return this.#aggregator.drain();
  }

  #paired(caller: EdgeHalf, callee: EdgeHalf): void {
    const failed = caller.error || callee.error;
    if (!caller.messaging || (caller.destination === undefined && callee.destination === undefined)) {
      this.#add(caller.minuteMs, caller.service, "service", callee.service, "service", failed, caller.bucket, caller.weight);
    } else if (callee.destination === undefined) {
      // The producer's queue edge exists; the consumer names no queue: it consumed from the producer's.
      this.#add(callee.minuteMs, caller.destination!, "queue", callee.service, "service", callee.error, callee.bucket, callee.weight);
    } else if (caller.destination === undefined) {
      this.#add(caller.minuteMs, caller.service, "service", callee.destination, "queue", caller.error, caller.bucket, caller.weight);
    }
    // Both named a destination: both queue edges were made at once.
  }

  #unpaired(half: EdgeHalf, reason: UnpairedReason): void {
    if (reason === "evicted") this.#telemetry?.edgeHalvesEvicted(1);
    if (half.destination !== undefined) return; // its queue edge was made at once: nothing is lost
    if (reason !== "expired") this.#telemetry?.dropped(reason, 1);
    else if (!half.caller) this.#telemetry?.dropped("edge_unpaired_callee", 1);
    else if (half.peer === undefined) this.#telemetry?.dropped("edge_unpaired_caller", 1);
    else this.#add(half.minuteMs, half.service, "service", half.peer, "external", half.error, half.bucket, half.weight);
  }

  #add(minuteMs: number, source: string, sourceType: ServiceNodeType, target: string, targetType: ServiceNodeType, failed: boolean, bucket: number, weight: number): void {
    if (!this.#aggregator.add(minuteMs, source, sourceType, target, targetType, failed, bucket, weight)) this.#telemetry?.dropped("series_limit", 1);
  }
}
