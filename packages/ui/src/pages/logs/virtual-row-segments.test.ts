import { describe, expect, it } from "vitest";
import { virtualRowSegments, withFocusedRow } from "./virtual-row-segments.js";

const row = (index: number, start: number, size = 26) => ({ index, start, end: start + size });

describe("virtualRowSegments", () => {
  it("puts a spacer above and below the rendered rows, counted from the scroll margin", () => {
    // 100 rows of 26 px starting at document y 200; rows 10–12 rendered.
    expect(virtualRowSegments([row(10, 460), row(11, 486), row(12, 512)], 2600, 200)).toEqual([
      { kind: "gap", height: 260, before: 10 },
      { kind: "row", index: 10 },
      { kind: "row", index: 11 },
      { kind: "row", index: 12 },
      { kind: "gap", height: 2600 - 13 * 26, before: -1 },
    ]);
  });

  it("adds no spacer at an edge the rendered rows reach, and none for an empty list", () => {
    expect(virtualRowSegments([row(0, 50), row(1, 76, 300)], 326, 50)).toEqual([
      { kind: "row", index: 0 },
      { kind: "row", index: 1 },
    ]);
    expect(virtualRowSegments([], 0, 120)).toEqual([]);
  });

  it("fills the space between two rendered rows that are not adjacent (a kept focused row)", () => {
    const segments = virtualRowSegments([row(2, 52), row(50, 1300), row(51, 1326)], 2600, 0);
    expect(segments.slice(0, 4)).toEqual([
      { kind: "gap", height: 52, before: 2 },
      { kind: "row", index: 2 },
      { kind: "gap", height: 1300 - 78, before: 50 },
      { kind: "row", index: 50 },
    ]);
    const total = segments.reduce((sum, s) => sum + (s.kind === "gap" ? s.height : 26), 0);
    expect(total).toBe(2600);
  });
});

describe("withFocusedRow", () => {
  it("adds the focused row in index order when it is outside the range", () => {
    expect(withFocusedRow([40, 41, 42], 3, 100)).toEqual([3, 40, 41, 42]);
    expect(withFocusedRow([40, 41, 42], 90, 100)).toEqual([40, 41, 42, 90]);
  });

  it("leaves the range alone without focus, with focus inside it, or with a stale index", () => {
    const range = [4, 5, 6];
    expect(withFocusedRow(range, null, 100)).toBe(range);
    expect(withFocusedRow(range, 5, 100)).toBe(range);
    expect(withFocusedRow(range, 120, 100)).toBe(range);
  });
});
