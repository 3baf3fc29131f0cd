import { describe, expect, it } from "vitest";
import { formatCount, formatErrorRate, formatLatency, formatRate } from "./insights-format.js";

describe("insights figures", () => {
  it("shows rates per second, or per minute below one a second", () => {
    expect(formatRate(250.4)).toBe("250/s");
    expect(formatRate(12.34)).toBe("12.3/s");
    expect(formatRate(2)).toBe("2/s");
    expect(formatRate(0.05)).toBe("3/min");
    expect(formatRate(0)).toBe("0/s");
  });

  it("shows error rates as percent", () => {
    expect(formatErrorRate(0)).toBe("0%");
    expect(formatErrorRate(0.25)).toBe("25%");
    expect(formatErrorRate(0.0333)).toBe("3.3%");
    expect(formatErrorRate(0.0004)).toBe("<0.1%");
  });

  it("shows latencies in ns as durations, and nothing measured as a dash", () => {
    expect(formatLatency(1_500_000)).toBe("1.5 ms");
    expect(formatLatency(null)).toBe("—");
  });

  it("shows weighted counts whole when they are", () => {
    expect(formatCount(1200)).toBe("1,200");
    expect(formatCount(2.5)).toBe("2.5");
  });
});
