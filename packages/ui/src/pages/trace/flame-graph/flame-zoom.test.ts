import { describe, expect, it } from "vitest";
import { apiSpan, apiTrace, spanIdOf } from "../../../testing/api-fixtures.js";
import { buildTraceModel } from "../../../trace/trace-model.js";
import { flameRows } from "./flame-rows.js";
import { isAncestorOrSelf, scrollRowAfterZoom } from "./flame-zoom.js";

// 1 → 2 → 3 → 4 (a chain, rows 0–3) and 5 under 1, after 2 (row 1).
const model = buildTraceModel(
  apiTrace([
    apiSpan({ spanId: spanIdOf(1), durationNs: 100 }),
    apiSpan({ spanId: spanIdOf(2), parentSpanId: spanIdOf(1), startOffsetNs: 0, durationNs: 50 }),
    apiSpan({ spanId: spanIdOf(3), parentSpanId: spanIdOf(2), startOffsetNs: 0, durationNs: 40 }),
    apiSpan({ spanId: spanIdOf(4), parentSpanId: spanIdOf(3), startOffsetNs: 0, durationNs: 30 }),
    apiSpan({ spanId: spanIdOf(5), parentSpanId: spanIdOf(1), startOffsetNs: 60, durationNs: 10 }),
  ]),
);
const at = (n: number) => model.indexBySpanId.get(spanIdOf(n))!;

describe("scrollRowAfterZoom", () => {
  it("starts at the top when zooming in or sideways", () => {
    expect(scrollRowAfterZoom(model, flameRows(model), undefined, at(3))).toBe(0);
    expect(scrollRowAfterZoom(model, flameRows(model), at(2), at(4))).toBe(0);
    expect(scrollRowAfterZoom(model, flameRows(model), at(4), at(5))).toBe(0);
  });

  it("brings back the previously zoomed span's row when zooming out", () => {
    expect(scrollRowAfterZoom(model, flameRows(model), at(4), undefined)).toBe(3);
    expect(scrollRowAfterZoom(model, flameRows(model), at(4), at(2))).toBe(2);
    expect(scrollRowAfterZoom(model, flameRows(model), at(4), at(4))).toBe(0);
  });

  it("knows ancestors from the pre-order subtree ranges", () => {
    expect(isAncestorOrSelf(model, at(2), at(4))).toBe(true);
    expect(isAncestorOrSelf(model, at(4), at(2))).toBe(false);
    expect(isAncestorOrSelf(model, at(2), at(5))).toBe(false);
    expect(isAncestorOrSelf(model, undefined, at(5))).toBe(true);
  });
});
