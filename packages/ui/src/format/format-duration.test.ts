import { describe, expect, it } from "vitest";
import { formatDuration } from "./format-duration.js";

describe("formatDuration", () => {
  it("shows three significant digits in the fitting unit", () => {
    expect(formatDuration(0)).toBe("0 ns");
    expect(formatDuration(870)).toBe("870 ns");
    expect(formatDuration(12_345)).toBe("12.3 µs");
    expect(formatDuration(1_254_000)).toBe("1.25 ms");
    expect(formatDuration("20000000")).toBe("20 ms");
    expect(formatDuration(3_400_000_000n)).toBe("3.4 s");
    expect(formatDuration(59_940_000_000)).toBe("59.9 s");
  });

  it("rounds first, then rolls over to the next unit (never 1000 ms or 60 s)", () => {
    expect(formatDuration(999.6)).toBe("1 µs");
    expect(formatDuration(999_999)).toBe("1 ms");
    expect(formatDuration(999_999_999)).toBe("1 s");
    expect(formatDuration(999_499_999)).toBe("999 ms");
    expect(formatDuration(59_999_000_000)).toBe("1m");
    expect(formatDuration(59_960_000_000)).toBe("1m");
  });

  it("writes minutes and hours as compounds, rounded to the smaller unit", () => {
    expect(formatDuration(125 * 1e9)).toBe("2m 5s");
    expect(formatDuration(119.6 * 1e9)).toBe("2m");
    expect(formatDuration(3_599.6 * 1e9)).toBe("1h");
    expect(formatDuration(62 * 60e9)).toBe("1h 2m");
    expect(formatDuration(2 * 3_600e9 + 29e9)).toBe("2h");
  });

  it("refuses negative and unreadable values", () => {
    expect(formatDuration(-1)).toBe("—");
    expect(formatDuration("abc")).toBe("—");
  });
});
