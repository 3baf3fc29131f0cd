import { describe, expect, it } from "vitest";
import { formatDelta, formatDeltaPercent } from "./diff-format.js";

describe("formatDelta", () => {
  it("signs the duration", () => {
    expect(formatDelta("12300000")).toBe("+12.3 ms");
    expect(formatDelta("-4000")).toBe("−4 µs");
    expect(formatDelta("0")).toBe("±0 ns");
  });

  it("gives the change relative to a", () => {
    expect(formatDeltaPercent("25000000", "100000000")).toBe("+25%");
    expect(formatDeltaPercent("-5000000", "100000000")).toBe("−5%");
    expect(formatDeltaPercent("10", "0")).toBeUndefined();
  });
});
