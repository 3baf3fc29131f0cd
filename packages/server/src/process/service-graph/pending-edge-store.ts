import type { EdgeHalf } from "./edge-half.js";

/** Why a half left the store without its other side: its TTL ran out, room was needed, or the store shut down. */
export type UnpairedReason = "expired" | "evicted" | "shutdown";

export interface PendingEdgeStoreOptions {
  /** How long a half waits for its other side, in ms, from its arrival. */
  ttlMs: number;
  /** Keys held at most (a consumer half takes one per parent and link); the oldest go first. */
  maxPending: number;
  /** A caller met its callee of the same family (CLIENT/SERVER, PRODUCER/CONSUMER); called once per call. */
  onPair(caller: EdgeHalf, callee: EdgeHalf): void;
  /** A half left unpaired; called once per half. */
  onUnpaired(half: EdgeHalf, reason: UnpairedReason): void;
}

/**
 * The halves of calls waiting for their other side, as in Tempo's service-graph store: either
 * side may arrive first, in any batch. A half arriving pairs with a waiting half of the other
 * role of its family under one of its keys, else waits until `ttlMs` after its arrival. One map
 * per family (CLIENT/SERVER, PRODUCER/CONSUMER) finds halves by key, so a CONSUMER waiting under
 * its parent never meets the CLIENT "receive" span that parent is. A queue in arrival order
 * (every half has the same TTL) gives the next to expire and the first to evict. The queue, not
 * Map iteration: V8 leaves deleted entries as holes at the front of a Map until it rehashes, so
 * taking "the first entry" of a Map drained from the front costs O(holes) each time. A half
 * whose first key another half of the same role claims as its first key is evicted: one call per
 * key. A consumer's further keys (links, parent) are taken only when free, so consumers sharing a
 * parent do not push each other out. A callee pairs with one caller only: a message consumed by
 * several consumers yields one edge, from whichever consumer arrives while the producer waits.
 */
export class PendingEdgeStore {
  /** CLIENT/SERVER halves by key. */
  readonly #calls = new Map<string, EdgeHalf>();
  /** PRODUCER/CONSUMER halves by key. */
  readonly #messages = new Map<string, EdgeHalf>();
  /** Waiting halves in arrival order from #head on; settled ones are skipped (and compacted away). */
  #queue: EdgeHalf[] = [];
  #head = 0;
  readonly #options: PendingEdgeStoreOptions;

  constructor(options: PendingEdgeStoreOptions) {
    if (!(options.maxPending >= 1)) throw new RangeError(`maxPending must be ≥ 1, got ${options.maxPending}`);
    this.#options = options;
  }

  /** Keys held now (a multi-key consumer half counts once per key). */
  get size(): number {
    return this.#calls.size + this.#messages.size;
  }

  add(half: EdgeHalf, nowMs: number): void {
    const other = this.#waitingCounterpart(half);
    if (other !== undefined) {
      this.#settle(other);
      half.settled = true;
      if (half.caller) this.#options.onPair(half, other);
      else this.#options.onPair(other, half);
      return;
    }
    const needed = 1 + (half.otherKeys?.length ?? 0);
    if (needed > this.#options.maxPending) {
      half.settled = true;
      this.#options.onUnpaired(half, "evicted");
      return;
    }
    half.expiresAtMs = nowMs + this.#options.ttlMs;
    const entries = this.#entriesOf(half);
    const existing = entries.get(half.key);
    // Its first key held as another half's first key: one call per key, the older gives way. Held
    // as a consumer's further key: that consumer just stops waiting under it.
    if (existing !== undefined && existing.key === half.key) this.#unpaired(existing, "evicted");
    entries.set(half.key, half);
    if (half.otherKeys !== undefined) for (const key of half.otherKeys) if (!entries.has(key)) entries.set(key, half);
    this.#enqueue(half);
    // Room last, so a half whose keys were already held does not push out others needlessly.
    while (this.size > this.#options.maxPending) this.#unpaired(this.#oldest()!, "evicted");
  }

  /** Settles every half whose TTL ran out at `nowMs`. */
  expire(nowMs: number): void {
    for (let half = this.#oldest(); half !== undefined && half.expiresAtMs <= nowMs; half = this.#oldest()) this.#unpaired(half, "expired");
  }

  /** Settles every waiting half (reason "shutdown"): nothing waits any more. */
  settleAll(): void {
    for (let half = this.#oldest(); half !== undefined; half = this.#oldest()) this.#unpaired(half, "shutdown");
  }

  /** The oldest half still waiting, dropping settled ones from the front of the queue. */
  #oldest(): EdgeHalf | undefined {
    const queue = this.#queue;
    while (this.#head < queue.length && queue[this.#head]!.settled) queue[this.#head++] = undefined as unknown as EdgeHalf;
    if (this.#head === queue.length) {
      this.#queue = [];
      this.#head = 0;
      return undefined;
    }
    return queue[this.#head];
  }

  /**
   * Appends a half. Paired halves stay in the queue until they reach its front; when settled
   * ones could make up most of it, they are filtered out, so the queue stays within about twice
   * the waiting halves (amortized O(1) per half).
   */
  #enqueue(half: EdgeHalf): void {
    this.#queue.push(half);
    if (this.#queue.length - this.#head > 2 * this.size + 1024) {
      this.#queue = this.#queue.slice(this.#head).filter((h) => !h.settled);
      this.#head = 0;
    }
  }

  #entriesOf(half: EdgeHalf): Map<string, EdgeHalf> {
    return half.messaging ? this.#messages : this.#calls;
  }

  #waitingCounterpart(half: EdgeHalf): EdgeHalf | undefined {
    const entries = this.#entriesOf(half);
    const first = entries.get(half.key);
    if (first !== undefined && first.caller !== half.caller) return first;
    if (half.otherKeys === undefined) return undefined;
    for (const key of half.otherKeys) {
      const other = entries.get(key);
      if (other !== undefined && other.caller !== half.caller) return other;
    }
    return undefined;
  }

  #unpaired(half: EdgeHalf, reason: UnpairedReason): void {
    this.#settle(half);
    this.#options.onUnpaired(half, reason);
  }

  #settle(half: EdgeHalf): void {
    half.settled = true;
    const entries = this.#entriesOf(half);
    if (entries.get(half.key) === half) entries.delete(half.key);
    if (half.otherKeys !== undefined) for (const key of half.otherKeys) if (entries.get(key) === half) entries.delete(key);
  }
}
