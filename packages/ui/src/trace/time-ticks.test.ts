import { describe, expect, it } from "vitest";
import { timeTicks } from "./time-ticks.js";

describe("timeTicks", () => {
  it("uses round steps over the whole trace", () => {
    const ticks = timeTicks({ start: 0, end: 100_000_000 }, 5);
    expect(ticks.map((t) => t.offsetNs)).toEqual([0, 20_000_000, 40_000_000, 60_000_000, 80_000_000, 100_000_000]);
    expect(ticks[1]!.percent).toBeCloseTo(20);
    expect(timeTicks({ start: 0, end: 730 }, 4).map((t) => t.offsetNs)).toEqual([0, 200, 400, 600]);
  });

  it("starts at the first round value inside a zoomed window, positioned relative to it", () => {
    const ticks = timeTicks({ start: 1_234, end: 2_234 }, 5);
    expect(ticks[0]!.offsetNs).toBe(1_400);
    expect(ticks[0]!.percent).toBeCloseTo(16.6);
    expect(ticks.every((t) => t.offsetNs % 200 === 0)).toBe(true);
    expect(ticks.at(-1)!.offsetNs).toBe(2_200);
  });

  it("carries no float error, even for sub-ns steps", () => {
    expect(timeTicks({ start: 0, end: 1 }, 10).map((t) => t.offsetNs)).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
  });

  it("gives an empty window one tick", () => {
    expect(timeTicks({ start: 5, end: 5 })).toEqual([{ offsetNs: 5, percent: 0 }]);
  });
});
