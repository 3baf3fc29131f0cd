import { describe, expect, it } from "vitest";
import { compareBytes, compareCodePoints } from "./code-point-order.js";

describe("compareCodePoints", () => {
  it("matches UTF-8 byte order, unlike UTF-16 code unit order", () => {
    const words = ["\uffff", "🚀", "a", "", "ab", "B", "\ue000", "日本"];
    const byUtf8 = [...words].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
    expect([...words].sort(compareCodePoints)).toEqual(byUtf8);
    expect(compareCodePoints("🚀", "\uffff")).toBeGreaterThan(0);
    expect("🚀" < "\uffff").toBe(true); // the JS order this function exists to avoid
  });
});

describe("compareBytes", () => {
  it("orders unsigned, prefix first", () => {
    expect(compareBytes(new Uint8Array([1, 255]), new Uint8Array([2]))).toBeLessThan(0);
    expect(compareBytes(new Uint8Array([128]), new Uint8Array([127]))).toBeGreaterThan(0);
    expect(compareBytes(new Uint8Array([1]), new Uint8Array([1, 0]))).toBeLessThan(0);
    expect(compareBytes(new Uint8Array([1, 2]), new Uint8Array([1, 2]))).toBe(0);
  });
});
