import { describe, expect, it } from "vitest";
import { MinuteOfStart } from "./span-minute.js";

const MINUTE_NS = 60_000_000_000n;
// 2023-11-14T22:14:00Z, whole minute; above 2^53 ns, so a double would round it.
const M = 28_333_334n * MINUTE_NS;

describe("MinuteOfStart", () => {
  it("is exact at minute boundaries, to the nanosecond", () => {
    const minuteOf = new MinuteOfStart();
    const m = Number(M / 1_000_000n);
    expect(minuteOf.of(M)).toBe(m);
    expect(minuteOf.of(M - 1n)).toBe(m - 60_000);
    expect(minuteOf.of(M + MINUTE_NS - 1n)).toBe(m);
    expect(minuteOf.of(M + MINUTE_NS)).toBe(m + 60_000);
    expect(minuteOf.of(M - 1n)).toBe(m - 60_000);
    expect(minuteOf.of(0n)).toBe(0);
    expect(minuteOf.of(59_999_999_999n)).toBe(0);
  });

  it("answers alternating minutes correctly from its cache", () => {
    const minuteOf = new MinuteOfStart();
    const m = Number(M / 1_000_000n);
    for (let i = 0; i < 4; i++) {
      expect(minuteOf.of(M + 5n)).toBe(m);
      expect(minuteOf.of(M - 5n)).toBe(m - 60_000);
    }
  });
});
