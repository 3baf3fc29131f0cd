import { describe, expect, it } from "vitest";
import { describeTimeRange, readTimeRange, resolveTimeRange, writeTimeRange } from "./time-range.js";

describe("time ranges", () => {
  it("round-trips presets and custom ranges through the URL", () => {
    const params = new URLSearchParams("service=a");
    writeTimeRange(params, { kind: "custom", start: "2026-11-24T10:00:00.000Z", end: "2026-11-24T11:00:00.000Z" });
    expect(readTimeRange(params)).toEqual({ kind: "custom", start: "2026-11-24T10:00:00.000Z", end: "2026-11-24T11:00:00.000Z" });
    writeTimeRange(params, { kind: "preset", preset: "6h" });
    expect(params.toString()).toBe("service=a&range=6h");
    expect(readTimeRange(new URLSearchParams("range=bogus"))).toEqual({ kind: "preset", preset: "1h" });
  });

  it("resolves to unix-ms API bounds and refuses a backwards custom range", () => {
    expect(resolveTimeRange({ kind: "preset", preset: "15m" }, 1_000_000_000)).toEqual({ start: String(1_000_000_000 - 900_000), end: "1000000000" });
    expect(() => resolveTimeRange({ kind: "custom", start: "2026-11-24T11:00:00Z", end: "2026-11-24T10:00:00Z" })).toThrow(/ends before it starts/);
  });

  it("names a preset and shows a custom range in local time to the second", () => {
    expect(describeTimeRange({ kind: "preset", preset: "6h" })).toBe("Last 6 hours");
    const start = new Date(2026, 10, 24, 10, 0, 5).toISOString();
    const end = new Date(2026, 10, 24, 11, 30, 0).toISOString();
    expect(describeTimeRange({ kind: "custom", start, end })).toBe("2026-11-24 10:00:05 → 2026-11-24 11:30:00");
  });
});
