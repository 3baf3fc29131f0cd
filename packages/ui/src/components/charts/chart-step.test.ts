import { describe, expect, it } from "vitest";
import { chooseStep } from "./chart-step.js";

describe("chooseStep", () => {
  it("gives whole, readable minutes with at most maxPoints windows", () => {
    expect(chooseStep(0, 3_600_000, 60)).toEqual({ text: "1m", ms: 60_000 });
    expect(chooseStep(0, 3_600_000, 30)).toEqual({ text: "2m", ms: 120_000 });
    expect(chooseStep(0, 6 * 3_600_000, 60)).toEqual({ text: "10m", ms: 600_000 });
    expect(chooseStep(0, 24 * 3_600_000, 60)).toEqual({ text: "30m", ms: 1_800_000 });
  });

  it("never goes below a minute (the rollup size)", () => {
    expect(chooseStep(0, 5 * 60_000, 60).ms).toBe(60_000);
    expect(chooseStep(10, 10, 60).ms).toBe(60_000);
  });

  it("uses whole days beyond a day per window", () => {
    expect(chooseStep(0, 120 * 86_400_000, 60)).toEqual({ text: "2880m", ms: 2 * 86_400_000 });
  });
});
