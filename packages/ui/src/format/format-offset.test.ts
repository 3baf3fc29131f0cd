import { describe, expect, it } from "vitest";
import { formatOffset } from "./format-offset.js";

describe("formatOffset", () => {
  it("signs an offset with + or a true minus", () => {
    expect(formatOffset(2_000_000)).toBe("+2 ms");
    expect(formatOffset(0)).toBe("+0 ns");
    expect(formatOffset(-1_500)).toBe("−1.5 µs");
    expect(formatOffset(-3n * 1_000_000_000n)).toBe("−3 s");
    expect(formatOffset(Number.NaN)).toBe("—");
  });
});
