import { describe, expect, it } from "vitest";
import { apiSpan, apiTrace, spanIdOf } from "../../../testing/api-fixtures.js";
import { buildTraceModel } from "../../../trace/trace-model.js";
import { layoutFlame } from "./flame-layout.js";
import { flameRows } from "./flame-rows.js";

const MS = 1_000_000;
const span = (id: number, parent: number | null, startMs: number, durationMs: number) =>
  apiSpan({ spanId: spanIdOf(id), parentSpanId: parent === null ? null : spanIdOf(parent), startOffsetNs: startMs * MS, durationNs: durationMs * MS });

/** 1: 0–100 ms; 2: 0–50 under 1; 3: 20–40 under 2; 4: 60–100 under 1; 5: 70–80 under 1 (overlaps 4). */
const model = buildTraceModel(apiTrace([span(1, null, 0, 100), span(2, 1, 0, 50), span(3, 2, 20, 20), span(4, 1, 60, 40), span(5, 1, 70, 10)]));
const idOf = (index: number) => model.nodes[index]!.span.spanId;
const byId = (layout: ReturnType<typeof layoutFlame>) => Object.fromEntries(layout.rects.map((r) => [Number.parseInt(idOf(r.index), 16), [r.x, r.width, r.row]]));

describe("layoutFlame", () => {
  it("places the whole trace: x = time, width = duration, a row per depth, concurrent siblings pushed down", () => {
    const layout = layoutFlame(model, undefined, 1000);
    expect(byId(layout)).toEqual({ 1: [0, 1000, 0], 2: [0, 500, 1], 3: [200, 200, 2], 4: [600, 400, 1], 5: [700, 100, 2] });
    expect(layout.rowCount).toBe(3);
    expect(layout.hiddenCount).toBe(0);
    expect(layout.rects.map((r) => r.index)).toEqual([0, 1, 2, 3, 4]);
  });

  it("zooms into a subtree: the window is that span, rows restart at 0, other spans are left out", () => {
    const zoomed = layoutFlame(model, model.indexBySpanId.get(spanIdOf(2)), 1000);
    expect(byId(zoomed)).toEqual({ 2: [0, 1000, 0], 3: [400, 400, 1] });
    expect(zoomed).toMatchObject({ rowCount: 2, windowStartNs: 0, windowNs: 50 * MS });
  });

  it("culls spans narrower than a pixel into per-row aggregates and counts them", () => {
    // 1000 children of 1 µs each under a 1 s root: at 500 px one child is 0.0005 px wide.
    const spans = [apiSpan({ spanId: spanIdOf(1), durationNs: 1000 * MS })];
    for (let i = 0; i < 1000; i++) spans.push(apiSpan({ spanId: spanIdOf(100 + i), parentSpanId: spanIdOf(1), startOffsetNs: i * 1000, durationNs: 1000 }));
    const wide = buildTraceModel(apiTrace(spans));
    const layout = layoutFlame(wide, undefined, 500);
    expect(layout.rects).toHaveLength(1);
    expect(layout.hiddenCount).toBe(1000);
    expect(layout.aggregates).toEqual([{ x: 0, width: 1, row: 1, count: 1000 }]);
    // Zoomed into one child, it fills the width again.
    const child = layoutFlame(wide, 1, 500);
    expect(child.rects).toEqual([{ index: 1, x: 0, width: 500, row: 0 }]);
  });

  it("clips children that outlive the zoomed span and hides those outside it", () => {
    const late = buildTraceModel(apiTrace([span(1, null, 0, 10), span(2, 1, 5, 20), span(3, 1, 50, 5)]));
    const layout = layoutFlame(late, 0, 100);
    expect(layout.rects.map((r) => [r.index, r.x, r.width])).toEqual([[0, 0, 100], [1, 50, 50]]);
    expect(layout.hiddenCount).toBe(1);
    expect(layout.aggregates).toEqual([]);
  });

  it("stays linear on 100k spans (a 1k-deep chain and wide fan-out) and draws a bounded number of rects", () => {
    const spans = [apiSpan({ spanId: spanIdOf(1), durationNs: 100_000_000 })];
    for (let i = 2; i <= 1000; i++) spans.push(apiSpan({ spanId: spanIdOf(i), parentSpanId: spanIdOf(i - 1), startOffsetNs: i, durationNs: 100_000_000 - 2 * i }));
    for (let i = 0; i < 99_000; i++) spans.push(apiSpan({ spanId: spanIdOf(10_000 + i), parentSpanId: spanIdOf(1), startOffsetNs: 1000 + i * 1000, durationNs: 900 }));
    const big = buildTraceModel(apiTrace(spans));
    const started = performance.now();
    const layout = layoutFlame(big, undefined, 1200);
    expect(performance.now() - started).toBeLessThan(1500);
    expect(layout.rects.length).toBe(1000);
    expect(layout.rects.length + layout.hiddenCount).toBe(100_000);
    // The fan-out overlaps the chain (999 rows under the root) in time, so it goes below it.
    expect(flameRows(big).rowCount).toBe(1001);
  });
});
