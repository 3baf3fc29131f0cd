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

  it("keeps a span whose parent is missing as a marked root", () => {
    const model = buildTraceModel(
      apiTrace([apiSpan({ spanId: spanIdOf(1) }), apiSpan({ spanId: spanIdOf(2), parentSpanId: spanIdOf(99), startOffsetNs: 5 })]),
    );
    expect(model.nodes.map((n) => [n.span.spanId, n.parent, n.isOrphan])).toEqual([
      [spanIdOf(1), -1, false],
      [spanIdOf(2), -1, true],
    ]);
    expect(model.roots).toEqual([0, 1]);
  });

  it("breaks a parent cycle at one of its spans; spans hanging off the cycle keep their parent", () => {
    // 5 → 4, 3 → 4, 4 → 3: 3 and 4 are each other's parent, 5 is a child of 4.
    const model = buildTraceModel(
      apiTrace([
        apiSpan({ spanId: spanIdOf(1), durationNs: 100 }),
        apiSpan({ spanId: spanIdOf(5), parentSpanId: spanIdOf(4), startOffsetNs: 10, durationNs: 5 }),
        apiSpan({ spanId: spanIdOf(3), parentSpanId: spanIdOf(4), startOffsetNs: 6, durationNs: 10 }),
        apiSpan({ spanId: spanIdOf(4), parentSpanId: spanIdOf(3), startOffsetNs: 7, durationNs: 20 }),
      ]),
    );
    const facts = model.nodes.map((n) => ({ id: n.span.spanId, parent: n.parent, children: n.children, depth: n.depth, orphan: n.isOrphan, self: n.selfTimeNs }));
    expect(facts).toEqual([
      { id: spanIdOf(1), parent: -1, children: [], depth: 0, orphan: false, self: 100 },
      // Climbing from 5: 4, 3, then 4 again: 4 is on the cycle and becomes its (marked) root.
      { id: spanIdOf(4), parent: -1, children: [2, 3], depth: 0, orphan: true, self: 11 },
      // 3's child 4 is now a root, so 3's self time is its whole duration.
      { id: spanIdOf(3), parent: 1, children: [], depth: 1, orphan: false, self: 10 },
      { id: spanIdOf(5), parent: 1, children: [], depth: 1, orphan: false, self: 5 },
    ]);
    expect(model.roots).toEqual([0, 1]);
    expect([...model.subtreeSize]).toEqual([1, 3, 1, 1]);
  });

  it("counts each node's subtree", () => {
    const model = buildTraceModel(
      apiTrace([
        apiSpan({ spanId: spanIdOf(1) }),
        apiSpan({ spanId: spanIdOf(2), parentSpanId: spanIdOf(1), startOffsetNs: 1 }),
        apiSpan({ spanId: spanIdOf(3), parentSpanId: spanIdOf(2), startOffsetNs: 2 }),
        apiSpan({ spanId: spanIdOf(4), parentSpanId: spanIdOf(1), startOffsetNs: 3 }),
      ]),
    );
    expect([...model.subtreeSize]).toEqual([4, 2, 1, 1]);
  });

  it("builds a 100k-deep chain without overflowing the stack", () => {
    const spans = Array.from({ length: 100_000 }, (_, i) => apiSpan({ spanId: spanIdOf(i + 1), parentSpanId: i === 0 ? null : spanIdOf(i), startOffsetNs: i }));
    const model = buildTraceModel(apiTrace(spans));
    expect(model.maxDepth).toBe(100_000);
    expect(model.indexBySpanId.get(spanIdOf(100_000))).toBe(99_999);
  });
});
