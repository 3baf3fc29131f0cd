import { describe, expect, it } from "vitest";
import { criticalPath } from "./critical-path.js";
import { buildSpanTree, traceRoot } from "./span-tree.js";
import type { SpanSpec } from "./testdata/tree-fixtures.js";
import { T0, numberOf, specSpans } from "./testdata/tree-fixtures.js";

/** The trace root's critical path as [span number, start, end] with times relative to T0. */
function pathOf(specs: readonly SpanSpec[]): [number, number, number][] {
  const spans = specSpans(specs);
  const tree = buildSpanTree(spans);
  return criticalPath(tree, traceRoot(tree)!).map((s) => [numberOf(spans[s.span]!.spanId), Number(s.start - T0), Number(s.end - T0)]);
}

describe("criticalPath", () => {
  it("a single span is its own path", () => {
    expect(pathOf([[1, null, 0, 100]])).toEqual([[1, 0, 100]]);
  });

  it("a zero-length root gets one zero-length segment", () => {
    expect(pathOf([[1, null, 50, 50]])).toEqual([[1, 50, 50]]);
    expect(pathOf([[1, null, 50, 20]])).toEqual([[1, 50, 50]]); // ends before it starts
  });

  it("sequential children alternate with the parent's self time", () => {
    expect(pathOf([[1, null, 0, 100], [2, 1, 10, 40], [3, 1, 50, 90]])).toEqual([
      [1, 0, 10], [2, 10, 40], [1, 40, 50], [3, 50, 90], [1, 90, 100],
    ]);
  });

  it("back-to-back children leave no self time", () => {
    expect(pathOf([[1, null, 0, 100], [2, 1, 0, 50], [3, 1, 50, 100]])).toEqual([[2, 0, 50], [3, 50, 100]]);
  });

  it("of parallel children only the last to end is on the path, then the cursor jumps to its start", () => {
    expect(pathOf([[1, null, 0, 100], [2, 1, 10, 60], [3, 1, 20, 80]])).toEqual([[1, 0, 20], [3, 20, 80], [1, 80, 100]]);
    expect(pathOf([[1, null, 0, 100], [2, 1, 10, 50], [3, 1, 20, 40]])).toEqual([[1, 0, 10], [2, 10, 50], [1, 50, 100]]);
    expect(pathOf([[1, null, 0, 100], [2, 1, 10, 30], [3, 1, 20, 60], [4, 1, 50, 90]])).toEqual([
      [1, 0, 10], [2, 10, 30], [1, 30, 50], [4, 50, 90], [1, 90, 100],
    ]);
  });

  it("equal ends: the longer child wins, then the lower span id", () => {
    expect(pathOf([[1, null, 0, 100], [3, 1, 30, 80], [2, 1, 10, 80]])).toEqual([[1, 0, 10], [2, 10, 80], [1, 80, 100]]);
    expect(pathOf([[1, null, 0, 100], [3, 1, 10, 80], [2, 1, 10, 80]])).toEqual([[1, 0, 10], [2, 10, 80], [1, 80, 100]]);
  });

  it("descends into nested children", () => {
    expect(pathOf([[1, null, 0, 100], [2, 1, 10, 90], [3, 2, 20, 50], [4, 2, 60, 80], [5, 3, 25, 30]])).toEqual([
      [1, 0, 10], [2, 10, 20], [3, 20, 25], [5, 25, 30], [3, 30, 50], [2, 50, 60], [4, 60, 80], [2, 80, 90], [1, 90, 100],
    ]);
  });

  it("clips a child that overruns its parent to the parent's end", () => {
    expect(pathOf([[1, null, 0, 100], [2, 1, 10, 90], [3, 2, 70, 120]])).toEqual([[1, 0, 10], [2, 10, 70], [3, 70, 90], [1, 90, 100]]);
  });

  it("ignores an async child that starts after its parent ended, clips one that outlives the root", () => {
    expect(pathOf([[1, null, 0, 100], [2, 1, 10, 20], [3, 2, 30, 200]])).toEqual([[1, 0, 10], [2, 10, 20], [1, 20, 100]]);
    expect(pathOf([[1, null, 0, 100], [2, 1, 80, 300]])).toEqual([[1, 0, 80], [2, 80, 100]]);
    expect(pathOf([[1, null, 0, 100], [2, 1, 150, 300]])).toEqual([[1, 0, 100]]);
  });

  it("clips a skewed child that starts before its parent to the parent's start", () => {
    expect(pathOf([[1, null, 100, 200], [2, 1, 80, 130]])).toEqual([[2, 100, 130], [1, 130, 200]]);
    expect(pathOf([[1, null, 100, 200], [2, 1, 20, 90]])).toEqual([[1, 100, 200]]); // entirely before: ignored
  });

  it("zero-length children do not split the parent's self time", () => {
    expect(pathOf([[1, null, 0, 100], [2, 1, 50, 50], [3, 1, 60, 40]])).toEqual([[1, 0, 100]]);
  });

  it("several roots: the earliest, ties by the longest; orphans are not on its path", () => {
    expect(pathOf([[1, null, 10, 50], [2, null, 0, 40], [3, null, 0, 60], [4, 99, -5, 70], [5, 3, 10, 20]])).toEqual([
      [3, 0, 10], [5, 10, 20], [3, 20, 60],
    ]);
  });

  it("without a parentless span, the earliest orphan is the root", () => {
    expect(pathOf([[1, 98, 0, 50], [2, 1, 10, 20], [3, 99, 5, 100]])).toEqual([[1, 0, 10], [2, 10, 20], [1, 20, 50]]);
  });

  it("terminates on a parent cycle (corrupt data)", () => {
    expect(pathOf([[1, 2, 0, 100], [2, 1, 10, 50]])).toEqual([[1, 0, 10], [2, 10, 50], [1, 50, 100]]);
  });

  it("a repeated span id is left out of the tree", () => {
    expect(pathOf([[1, null, 0, 100], [2, 1, 10, 20], [2, 1, 30, 90]])).toEqual([[1, 0, 10], [2, 10, 20], [1, 20, 100]]);
  });

  it("random trees: segments are contiguous, in time order, of spans in the subtree, and sum to the root's duration", () => {
    let seed = 12345;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let round = 0; round < 200; round++) {
      const specs: SpanSpec[] = [[1, null, 0, 1000]];
      const count = 1 + random(40);
      for (let id = 2; id <= count; id++) {
        const start = random(1200) - 100;
        specs.push([id, 1 + random(id - 1), start, start + random(600)]);
      }
      const path = pathOf(specs);
      expect(path[0]![1]).toBe(0);
      expect(path[path.length - 1]![2]).toBe(1000);
      for (let i = 1; i < path.length; i++) {
        expect(path[i]![1]).toBe(path[i - 1]![2]);
        expect(path[i]![0] === path[i - 1]![0]).toBe(false);
      }
      for (const [, start, end] of path) expect(end).toBeGreaterThan(start);
      expect(path).toEqual(referencePath(specs));
    }
  });
});

/**
 * The documented algorithm written plainly (recursive, quadratic) for random trees whose
 * parents precede their children: walking back from the window's end, the child with the
 * greatest end ≤ cursor (ties: earlier start, then lower id) not yet taken is on the path, its
 * own path inside its window, then the cursor jumps to its start; the rest is self time.
 * Children are clipped to the window; zero-length stretches dropped, adjacent ones of a span merged.
 */
function referencePath(specs: readonly SpanSpec[]): [number, number, number][] {
  const walk = (id: number, start: number, end: number): [number, number, number][] => {
    const children = specs
      .filter((s) => s[1] === id)
      .map(([child, , s, e]) => ({ child, start: Math.max(s, start), end: Math.min(Math.max(e, s), end) }))
      .filter((c) => c.start <= c.end);
    const taken = new Set<number>();
    const backwards: [number, number, number][][] = [];
    let cursor = end;
    for (;;) {
      const eligible = children.filter((c) => !taken.has(c.child) && c.end <= cursor);
      eligible.sort((x, y) => y.end - x.end || x.start - y.start || x.child - y.child);
      const next = eligible[0];
      if (next === undefined) break;
      taken.add(next.child);
      backwards.push([[id, next.end, cursor]], walk(next.child, next.start, next.end));
      cursor = next.start;
    }
    backwards.push([[id, start, cursor]]);
    return backwards.reverse().flat();
  };
  const root = specs[0]!;
  const merged: [number, number, number][] = [];
  for (const segment of walk(root[0], root[2], root[3])) {
    if (segment[2] <= segment[1]) continue;
    const last = merged[merged.length - 1];
    if (last !== undefined && last[0] === segment[0] && last[2] === segment[1]) last[2] = segment[2];
    else merged.push([...segment]);
  }
  return merged;
}

describe("criticalPath at scale", () => {
  it("a 100k-deep chain takes no recursion and near-linear time", () => {
    const n = 100_000;
    const specs: SpanSpec[] = [];
    for (let i = 1; i <= n; i++) specs.push([i, i === 1 ? null : i - 1, i, 2 * n + 2 - i]);
    const began = performance.now();
    const path = pathOf(specs);
    expect(performance.now() - began).toBeLessThan(5000);
    // Down the chain 1 ns per span, the innermost [n, n+2], back up 1 ns per span.
    expect(path.length).toBe(2 * n - 1);
    expect(path[0]).toEqual([1, 1, 2]);
    expect(path[n - 1]).toEqual([n, n, n + 2]);
    expect(path[path.length - 1]).toEqual([1, 2 * n, 2 * n + 1]);
  });

  it("a root with 100k sequential children", () => {
    const n = 100_000;
    const specs: SpanSpec[] = [[0, null, 0, 2 * n]];
    for (let i = 1; i <= n; i++) specs.push([i, 0, 2 * i - 1, 2 * i]);
    const path = pathOf(specs);
    expect(path.length).toBe(2 * n);
    expect(path[0]).toEqual([0, 0, 1]);
    expect(path[2 * n - 1]).toEqual([n, 2 * n - 1, 2 * n]);
  });
});
