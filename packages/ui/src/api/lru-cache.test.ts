import { describe, expect, it } from "vitest";
import { LruCache } from "./lru-cache.js";

describe("LruCache", () => {
  it("drops the least recently used entry beyond its capacity", () => {
    const cache = new LruCache<number>(2);
    cache.set("a", 1);
    cache.set("b", 2);
    expect(cache.get("a")).toBe(1); // a is now the newest
    cache.set("c", 3);
    expect(cache.has("b")).toBe(false);
    expect(cache.entries()).toEqual([["a", 1], ["c", 3]]);
    cache.set("a", 10);
    expect(cache.entries()).toEqual([["c", 3], ["a", 10]]);
    expect(cache.size).toBe(2);
  });
});
