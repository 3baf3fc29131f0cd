import { describe, expect, it } from "vitest";
import { fmt, printTable, target, targetText } from "./results.js";
import type { ScenarioResult } from "./results.js";

describe("results", () => {
  it("judges min and max targets", () => {
    expect(target("rate", 120_000, "min", 100_000, "spans/s").pass).toBe(true);
    expect(target("rate", 90_000, "min", 100_000, "spans/s").pass).toBe(false);
    expect(target("p99", 20, "max", 20, "ms").pass).toBe(true);
    expect(target("p99", Number.NaN, "max", 20, "ms").pass).toBe(false);
    expect(targetText(target("p99", 1, "max", 20, "ms"))).toBe("≤ 20 ms");
  });

  it("formats numbers for the table", () => {
    expect(fmt(1234567.8)).toBe("1,234,568");
    expect(fmt(0)).toBe("0");
    expect(fmt(12.345)).toBe("12.3");
    expect(fmt(1.2345)).toBe("1.23");
    expect(fmt(Number.NaN)).toBe("n/a");
  });

  it("prints aligned rows with the scenario name", () => {
    const r: ScenarioResult = {
      scenario: "storage", options: {}, figures: {}, baselines: {}, ratios: {}, targets: [], notes: [],
      rows: [{ metric: "bytes/span", skein: "42.0", baseline: "36.6", ratio: "1.15×", target: "≤ 60 B/span", verdict: "PASS" }],
    };
    const lines = printTable([r]).split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[2]).toMatch(/^storage\s+bytes\/span\s+42\.0\s+36\.6\s+1\.15×\s+≤ 60 B\/span\s+PASS$/);
  });
});
