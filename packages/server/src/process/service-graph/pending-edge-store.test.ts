import { describe, expect, it } from "vitest";
import { SpanKind } from "@skein/model";
import { edgeHalf, type EdgeHalf, type EdgeHalfKind } from "./edge-half.js";
import { PendingEdgeStore, type UnpairedReason } from "./pending-edge-store.js";

function harness(maxPending = 100, ttlMs = 10_000) {
  const pairs: string[] = [];
  const unpaired: string[] = [];
  const store = new PendingEdgeStore({
    ttlMs,
    maxPending,
    onPair: (caller, callee) => pairs.push(`${caller.service}->${callee.service}`),
    onUnpaired: (half: EdgeHalf, reason: UnpairedReason) => unpaired.push(`${half.service}:${reason}`),
  });
  return { store, pairs, unpaired };
}

const half = (kind: EdgeHalfKind, key: string, service: string, otherKeys?: string[]) => edgeHalf(kind, key, otherKeys, service, false, 0, 0, 1);
/** A CLIENT half; a SERVER half, or a CONSUMER half when it has further keys; a PRODUCER half. */
const caller = (key: string, service = "a") => half(SpanKind.CLIENT, key, service);
const callee = (key: string, service = "b", otherKeys?: string[]) => half(otherKeys === undefined ? SpanKind.SERVER : SpanKind.CONSUMER, key, service, otherKeys);
const producer = (key: string, service = "p") => half(SpanKind.PRODUCER, key, service);
const consumer = (key: string, service = "c", otherKeys?: string[]) => half(SpanKind.CONSUMER, key, service, otherKeys);

describe("PendingEdgeStore", () => {
  it("pairs a caller and its callee in either arrival order, once", () => {
    const { store, pairs, unpaired } = harness();
    store.add(caller("k1", "a"), 0);
    store.add(callee("k1", "b"), 1);
    store.add(callee("k2", "d"), 2);
    store.add(caller("k2", "c"), 3);
    expect(pairs).toEqual(["a->b", "c->d"]);
    expect(store.size).toBe(0);
    store.settleAll();
    expect(unpaired).toEqual([]);
  });

  it("expires halves TTL after their arrival, oldest first, and only those", () => {
    const { store, pairs, unpaired } = harness(100, 10_000);
    store.add(caller("k1", "a"), 0);
    store.add(callee("k2", "b"), 5_000);
    store.expire(9_999);
    expect(unpaired).toEqual([]);
    store.expire(10_000);
    expect(unpaired).toEqual(["a:expired"]);
    store.add(caller("k2", "c"), 14_999); // still in time for b
    expect(pairs).toEqual(["c->b"]);
    expect(store.size).toBe(0);
  });

  it("evicts the oldest half when full, and reports it once", () => {
    const { store, unpaired } = harness(2);
    store.add(caller("k1", "a"), 0);
    store.add(caller("k2", "b"), 1);
    store.add(caller("k3", "c"), 2);
    expect(unpaired).toEqual(["a:evicted"]);
    expect(store.size).toBe(2);
  });

  it("pairs a consumer through any of its keys and forgets the others", () => {
    const { store, pairs, unpaired } = harness();
    store.add(consumer("link1", "worker", ["link2", "parent"]), 0);
    expect(store.size).toBe(3);
    store.add(producer("link2", "producer"), 1);
    expect(pairs).toEqual(["producer->worker"]);
    expect(store.size).toBe(0);
    // A consumer arriving second finds the producer through a further key.
    store.add(producer("link9", "p2"), 2);
    store.add(consumer("unrelated-link", "w2", ["link9"]), 3);
    expect(pairs).toEqual(["producer->worker", "p2->w2"]);
    store.settleAll();
    expect(unpaired).toEqual([]);
  });

  it("pairs only within a family: a consumer never pairs with, nor pushes out, a client under the same key", () => {
    const { store, pairs, unpaired } = harness();
    store.add(caller("receive", "worker"), 0); // a CLIENT "receive" span
    store.add(consumer("receive", "worker"), 1); // a CONSUMER whose parent is that receive span
    expect(pairs).toEqual([]);
    expect(store.size).toBe(2);
    store.add(callee("receive", "kafka"), 2); // a SERVER answering the client pairs with it
    store.add(producer("receive", "orders"), 3); // and a PRODUCER under that key with the consumer
    expect(pairs).toEqual(["worker->kafka", "orders->worker"]);
    expect(unpaired).toEqual([]);
  });

  it("consumers sharing a parent (their further key) do not push each other out", () => {
    const { store, pairs, unpaired } = harness();
    store.add(consumer("link1", "w1", ["receive"]), 0);
    store.add(consumer("link2", "w2", ["receive"]), 1);
    expect(unpaired).toEqual([]);
    store.add(producer("link1", "p1"), 2);
    store.add(producer("link2", "p2"), 3);
    expect(pairs).toEqual(["p1->w1", "p2->w2"]);
    expect(store.size).toBe(0);
  });

  it("a half whose first key another half holds as a further key takes the key over without evicting it", () => {
    const { store, pairs, unpaired } = harness();
    store.add(consumer("link1", "w1", ["parent"]), 0);
    store.add(consumer("parent", "w2"), 1);
    expect(unpaired).toEqual([]);
    store.add(producer("parent", "p"), 2);
    store.add(producer("link1", "q"), 3);
    expect(pairs).toEqual(["p->w2", "q->w1"]);
  });

  it("settles every waiting half at shutdown as 'shutdown'", () => {
    const { store, unpaired } = harness();
    store.add(caller("k1", "a"), 0);
    store.add(consumer("k2", "w", ["k3"]), 1);
    store.settleAll();
    expect(unpaired).toEqual(["a:shutdown", "w:shutdown"]);
    expect(store.size).toBe(0);
  });

  it("keeps one call per key: a second half of the same role replaces the first", () => {
    const { store, pairs, unpaired } = harness();
    store.add(callee("k", "b1"), 0);
    store.add(callee("k", "b2"), 1);
    expect(unpaired).toEqual(["b1:evicted"]);
    store.add(caller("k", "a"), 2);
    expect(pairs).toEqual(["a->b2"]);
  });

  it("refuses a half with more keys than the store holds", () => {
    const { store, unpaired } = harness(2);
    store.add(callee("k1", "w", ["k2", "k3"]), 0);
    expect(unpaired).toEqual(["w:evicted"]);
    expect(store.size).toBe(0);
  });

  it("evicting a multi-key half removes all its keys", () => {
    const { store, unpaired } = harness(3);
    store.add(callee("k1", "w", ["k2"]), 0);
    store.add(caller("k3", "a"), 1);
    store.add(caller("k4", "b"), 2);
    expect(unpaired).toEqual(["w:evicted"]);
    expect(store.size).toBe(2);
  });
});

describe("PendingEdgeStore arrival queue", () => {
  it("keeps expiry and eviction order through many paired halves (queue compaction)", () => {
    const { store, pairs, unpaired } = harness(3_000, 10_000);
    store.add(caller("old", "first"), 0);
    for (let i = 0; i < 5_000; i++) {
      store.add(caller(`c${i}`, "a"), 1);
      store.add(callee(`c${i}`, "b"), 1);
    }
    store.add(caller("young", "second"), 5_000);
    expect(pairs).toHaveLength(5_000);
    expect(store.size).toBe(2);
    store.expire(10_000);
    expect(unpaired).toEqual(["first:expired"]);
    for (let i = 0; i < 3_000; i++) store.add(callee(`w${i}`, "w"), 6_000);
    expect(unpaired.slice(1)).toEqual(["second:evicted"]);
    store.expire(16_000);
    expect(store.size).toBe(0);
    expect(unpaired).toHaveLength(3_002);
  });
});
