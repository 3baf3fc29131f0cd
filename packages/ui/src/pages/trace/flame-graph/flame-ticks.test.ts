import { describe, expect, it } from "vitest";
import { flameTicks } from "./flame-ticks.js";

describe("flameTicks", () => {
  it("picks a 1/2/5 step that gives at most maxTicks intervals", () => {
    expect(flameTicks(100_000_000, 5)).toEqual([0, 20_000_000, 40_000_000, 60_000_000, 80_000_000, 100_000_000]);
    expect(flameTicks(730, 4)).toEqual([0, 200, 400, 600]);
    expect(flameTicks(0, 4)).toEqual([0]);
  });
});
