import { describe, expect, it } from "vitest";
import { apiSpan, apiTrace, spanIdOf } from "../../../testing/api-fixtures.js";
import { buildTraceModel, type TraceModel } from "../../../trace/trace-model.js";
import { flameRows } from "./flame-rows.js";

/** A root 0–`total` ns with `parallel` children all running 0–1000 ns, then `sequential` back-to-back 10 ns children. */
function fanOut(parallel: number, sequential: number): TraceModel {
  const spans = [apiSpan({ spanId: spanIdOf(1), startOffsetNs: 0, durationNs: 1000 + sequential * 10 + 10 })];
  let id = 2;
  for (let i = 0; i < parallel; i++) spans.push(apiSpan({ spanId: spanIdOf(id++), parentSpanId: spanIdOf(1), startOffsetNs: 0, durationNs: 1000 }));
  for (let i = 0; i < sequential; i++) spans.push(apiSpan({ spanId: spanIdOf(id++), parentSpanId: spanIdOf(1), startOffsetNs: 1000 + i * 10, durationNs: 10 }));
  return buildTraceModel(apiTrace(spans));
}

/** Every pair of siblings whose subtrees overlap in time must occupy disjoint rows. */
function expectNoOverlap(model: TraceModel): void {
  const rows = flameRows(model);
  for (const node of model.nodes) {
    const kids = node.children;
    for (let a = 0; a < kids.length; a++) {
      for (let b = a + 1; b < kids.length; b++) {
        const [x, y] = [kids[a]!, kids[b]!];
        const timeOverlap = model.nodes[x]!.startOffsetNs < rows.subtreeEndNs[y]! && model.nodes[y]!.startOffsetNs < rows.subtreeEndNs[x]!;
        const rowOverlap = rows.row[x]! < rows.row[y]! + rows.height[y]! && rows.row[y]! < rows.row[x]! + rows.height[x]!;
        if (timeOverlap && rowOverlap) throw new Error(`siblings ${x} and ${y} overlap`);
      }
    }
  }
}

describe("flameRows", () => {
  it("reuses freed rows after more than 64 concurrent siblings: 100 parallel + 1000 sequential → 101 rows", () => {
    const model = fanOut(100, 1000);
    const rows = flameRows(model);
    expect(rows.rowCount).toBe(101);
    expect(rows.height[0]).toBe(101);
    // Every parallel child has its own row; every sequential one goes back to the row under the root.
    expect(new Set(Array.from({ length: 100 }, (_, i) => rows.row[1 + i])).size).toBe(100);
    for (let i = 101; i < model.nodes.length; i++) expect(rows.row[i]).toBe(1);
    expectNoOverlap(model);
  });

  it("packs first fit below the limit: a sibling takes the first rows no running sibling uses", () => {
    // Root 0–100; A 0–50 with a child (2 rows), B 10–20 (below A's subtree), C 30–40 (B ended: B's row is free,
    // but A's subtree still runs on rows 1–2, so C goes to row 3), D 60–70 (all ended: row 1).
    const spans = [
      apiSpan({ spanId: spanIdOf(1), durationNs: 100 }),
      apiSpan({ spanId: spanIdOf(2), parentSpanId: spanIdOf(1), startOffsetNs: 0, durationNs: 50 }),
      apiSpan({ spanId: spanIdOf(3), parentSpanId: spanIdOf(2), startOffsetNs: 5, durationNs: 10 }),
      apiSpan({ spanId: spanIdOf(4), parentSpanId: spanIdOf(1), startOffsetNs: 10, durationNs: 10 }),
      apiSpan({ spanId: spanIdOf(5), parentSpanId: spanIdOf(1), startOffsetNs: 30, durationNs: 10 }),
      apiSpan({ spanId: spanIdOf(6), parentSpanId: spanIdOf(1), startOffsetNs: 60, durationNs: 10 }),
    ];
    const model = buildTraceModel(apiTrace(spans));
    const rows = flameRows(model);
    const rowOf = (n: number) => rows.row[model.indexBySpanId.get(spanIdOf(n))!];
    expect([1, 2, 3, 4, 5, 6].map(rowOf)).toEqual([0, 1, 2, 3, 3, 1]);
    expect(rows.rowCount).toBe(4);
  });

  it("keeps concurrent subtrees apart and stays fast with thousands of concurrent siblings", () => {
    const spans = [apiSpan({ spanId: spanIdOf(1), durationNs: 1_000_000 })];
    // Staggered, overlapping children (≈ 200 running at any time), some with a child of their own.
    for (let i = 0; i < 20_000; i++) {
      spans.push(apiSpan({ spanId: spanIdOf(10 + 2 * i), parentSpanId: spanIdOf(1), startOffsetNs: i * 40, durationNs: 8_000 }));
      if (i % 3 === 0) spans.push(apiSpan({ spanId: spanIdOf(11 + 2 * i), parentSpanId: spanIdOf(10 + 2 * i), startOffsetNs: i * 40 + 1, durationNs: 100 }));
    }
    const model = buildTraceModel(apiTrace(spans));
    const started = performance.now();
    const rows = flameRows(model);
    expect(performance.now() - started).toBeLessThan(1500);
    // Above 64 running siblings a new one stacks below the lowest running one: never overlapping,
    // at most one subtree height per sibling.
    expect(rows.rowCount).toBeLessThanOrEqual(1 + 20_000 * 2);
    expectNoOverlap(buildTraceModel(apiTrace(spans.slice(0, 3000))));
  });
});
