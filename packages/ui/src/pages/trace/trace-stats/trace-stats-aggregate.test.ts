import { describe, expect, it } from "vitest";
import { apiSpan, apiTrace, spanIdOf } from "../../../testing/api-fixtures.js";
import { buildTraceModel } from "../../../trace/trace-model.js";
import { MS, statsTrace } from "./testdata/stats-trace.js";
import { aggregateTraceStats, sortTraceStats } from "./trace-stats-aggregate.js";

describe("aggregateTraceStats", () => {
  it("sums counts, total, self, avg and max per service and per operation", () => {
    const stats = aggregateTraceStats(statsTrace());
    const frontend = stats.find((s) => s.service === "frontend")!;
    const backend = stats.find((s) => s.service === "backend")!;
    // Root self time = 100 − |[10,70] ∪ [80,90]| = 30 ms; summed self time = 30 + 30 + 40 + 10 = 110 ms.
    expect(frontend).toMatchObject({ spanCount: 2, errorCount: 0, totalNs: 110 * MS, selfNs: 40 * MS, avgNs: 55 * MS, maxNs: 100 * MS });
    expect(frontend.selfPercent).toBeCloseTo((40 / 110) * 100, 10);
    expect(backend).toMatchObject({ spanCount: 2, errorCount: 1, totalNs: 70 * MS, selfNs: 70 * MS, avgNs: 35 * MS, maxNs: 40 * MS });
    expect(backend.selfPercent).toBeCloseTo((70 / 110) * 100, 10);
    expect(frontend.operations.map((o) => [o.operation, o.spanCount, o.totalNs, o.selfNs, o.maxNs])).toEqual([
      ["GET /", 1, 100 * MS, 30 * MS, 100 * MS],
      ["render", 1, 10 * MS, 10 * MS, 10 * MS],
    ]);
    expect(backend.operations).toHaveLength(1);
    expect(backend.operations[0]).toMatchObject({ operation: "query", spanCount: 2, errorCount: 1, selfNs: 70 * MS });
  });

  it("percentages add up to 100 and an all-zero trace gives 0, not NaN", () => {
    const total = aggregateTraceStats(statsTrace()).reduce((sum, s) => sum + s.selfPercent, 0);
    expect(total).toBeCloseTo(100, 10);
    const zero = aggregateTraceStats(buildTraceModel(apiTrace([apiSpan({ spanId: spanIdOf(1), durationNs: 0 })])));
    expect(zero[0]).toMatchObject({ selfPercent: 0, avgNs: 0, spanCount: 1 });
  });
});

describe("sortTraceStats", () => {
  it("sorts services and their operations by the chosen key, both directions", () => {
    const stats = aggregateTraceStats(statsTrace());
    const names = (sorted: ReturnType<typeof sortTraceStats>) => sorted.map((s) => [s.service, ...s.operations.map((o) => o.operation)]);
    expect(names(sortTraceStats(stats, { key: "selfNs", descending: true }))).toEqual([["backend", "query"], ["frontend", "GET /", "render"]]);
    expect(names(sortTraceStats(stats, { key: "maxNs", descending: true }))).toEqual([["frontend", "GET /", "render"], ["backend", "query"]]);
    expect(names(sortTraceStats(stats, { key: "selfNs", descending: false }))).toEqual([["frontend", "render", "GET /"], ["backend", "query"]]);
    expect(names(sortTraceStats(stats, { key: "name", descending: true }))).toEqual([["frontend", "render", "GET /"], ["backend", "query"]]);
  });
});
