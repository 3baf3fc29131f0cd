import { describe, expect, it } from "vitest";
import { apiSpan, apiTrace, spanIdOf } from "../testing/api-fixtures.js";
import { buildTraceModel } from "./trace-model.js";

describe("buildTraceModel", () => {
  it("orders spans depth-first with children by start time, and computes self time", () => {
    const model = buildTraceModel(
      apiTrace([
        apiSpan({ spanId: spanIdOf(3), parentSpanId: spanIdOf(1), startOffsetNs: 50, durationNs: 40 }),
        apiSpan({ spanId: spanIdOf(1), startOffsetNs: 0, durationNs: 100, service: "front" }),
        apiSpan({ spanId: spanIdOf(2), parentSpanId: spanIdOf(1), startOffsetNs: 10, durationNs: 50, status: { code: "error" } }),
        apiSpan({ spanId: spanIdOf(4), parentSpanId: spanIdOf(2), startOffsetNs: 20, durationNs: 10 }),
      ]),
    );
    expect(model.nodes.map((n) => n.span.spanId)).toEqual([1, 2, 4, 3].map(spanIdOf));
    expect(model.nodes.map((n) => n.depth)).toEqual([0, 1, 2, 1]);
    expect(model.nodes.map((n) => n.parent)).toEqual([-1, 0, 1, 0]);
    // root 0..100, children 10..60 and 50..90 overlap: covered 10..90 = 80 → self 20.
    expect(model.nodes[0]!.selfTimeNs).toBe(20);
    expect(model.nodes[1]!.selfTimeNs).toBe(40);
    expect(model.durationNs).toBe(100);
    expect(model.errorCount).toBe(1);
    expect(model.root?.span.spanId).toBe(spanIdOf(1));
    expect(model.maxDepth).toBe(3);
    expect(model.services.map((s) => [s.name, s.spanCount, s.errorCount])).toEqual([
      ["front", 1, 0],
      ["svc", 3, 1],
    ]);
  });

  it("keeps orphans and parent cycles as marked roots, losing no span", () => {
    const model = buildTraceModel(
      apiTrace([
        apiSpan({ spanId: spanIdOf(1) }),
        apiSpan({ spanId: spanIdOf(2), parentSpanId: spanIdOf(99), startOffsetNs: 5 }),
        apiSpan({ spanId: spanIdOf(3), parentSpanId: spanIdOf(4), startOffsetNs: 6 }),
        apiSpan({ spanId: spanIdOf(4), parentSpanId: spanIdOf(3), startOffsetNs: 7 }),
      ]),
    );
    expect(model.nodes).toHaveLength(4);
    expect(model.nodes[0]!.span.spanId).toBe(spanIdOf(1));
    expect(model.nodes[0]!.isOrphan).toBe(false);
    expect(model.nodes.filter((n) => n.isOrphan).length).toBeGreaterThanOrEqual(2);
    expect(new Set(model.nodes.map((n) => n.span.spanId)).size).toBe(4);
    for (const node of model.nodes) for (const child of node.children) expect(model.nodes[child]!.parent).toBe(node.index);
  });

  it("builds a 100k-deep chain without overflowing the stack", () => {
    const spans = Array.from({ length: 100_000 }, (_, i) => apiSpan({ spanId: spanIdOf(i + 1), parentSpanId: i === 0 ? null : spanIdOf(i), startOffsetNs: i }));
    const model = buildTraceModel(apiTrace(spans));
    expect(model.maxDepth).toBe(100_000);
    expect(model.indexBySpanId.get(spanIdOf(100_000))).toBe(99_999);
  });
});
