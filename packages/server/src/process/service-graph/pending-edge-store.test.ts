import { describe, expect, it } from "vitest";
import { calleeHalf, callerHalf, type EdgeHalf } from "./edge-half.js";
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

const caller = (key: string, service = "a") => callerHalf(key, service, false, 0, 0, 1, undefined);
const callee = (key: string, service = "b", otherKeys?: string[]) => calleeHalf(key, otherKeys, service, false);

describe("PendingEdgeStore", () => {
  it("pairs a caller and its callee in either arrival order, once", () => {
    const { store, pairs, unpaired } = harness();
    store.add(caller("k1", "a"), 0);
    store.add(callee("k1", "b"), 1);
    store.add(callee("k2", "d"), 2);
    store.add(caller("k2", "c"), 3);
    expect(pairs).toEqual(["a->b", "c->d"]);
    expect(store.size).toBe(0);
    store.expireAll();
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
    store.add(callee("parent", "worker", ["link1", "link2"]), 0);
    expect(store.size).toBe(3);
    store.add(caller("link2", "producer"), 1);
    expect(pairs).toEqual(["producer->worker"]);
    expect(store.size).toBe(0);
    // A consumer arriving second finds the producer through a link.
    store.add(caller("link9", "p2"), 2);
    store.add(callee("unrelated-parent", "w2", ["link9"]), 3);
    expect(pairs).toEqual(["producer->worker", "p2->w2"]);
    store.expireAll();
    expect(unpaired).toEqual([]);
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
