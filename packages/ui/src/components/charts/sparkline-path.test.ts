import { describe, expect, it } from "vitest";
import { sparklineGeometry } from "./sparkline-path.js";

describe("sparklineGeometry", () => {
  it("scales 0…max into the box, max at the top and 0 at the bottom, evenly spaced", () => {
    const g = sparklineGeometry([0, 5, 10], 102, 22, 1);
    expect(g.points).toEqual([
      { x: 1, y: 21, value: 0 },
      { x: 51, y: 11, value: 5 },
      { x: 101, y: 1, value: 10 },
    ]);
    expect(g.segments).toEqual(["M1,21L51,11L101,1"]);
    expect(g.max).toBe(10);
  });

  it("puts a flat non-zero series at the top and an idle one at the bottom", () => {
    expect(sparklineGeometry([3, 3], 10, 10, 0).points.map((p) => p.y)).toEqual([0, 0]);
    expect(sparklineGeometry([0, 0], 10, 10, 0).points.map((p) => p.y)).toEqual([10, 10]);
  });

  it("breaks the line at nulls and keeps the x position of every window", () => {
    const g = sparklineGeometry([1, null, 2, 4], 30, 10, 0);
    expect(g.segments).toHaveLength(2);
    expect(g.points.map((p) => p.x)).toEqual([0, 20, 30]);
  });

  it("has nothing to draw for an empty or all-null series", () => {
    expect(sparklineGeometry([], 10, 10).segments).toEqual([]);
    expect(sparklineGeometry([null, null], 10, 10).points).toEqual([]);
  });

  it("centres a single value", () => {
    expect(sparklineGeometry([7], 40, 10, 0).points).toEqual([{ x: 20, y: 0, value: 7 }]);
  });
});
