import type { ApiTraceDiffEntry } from "@skein/model";
import { apiTraceDiffEntrySchema } from "@skein/model";
import { describe, expect, it } from "vitest";
import type { SpanSpec } from "../critical-path/testdata/tree-fixtures.js";
import { specSpans } from "../critical-path/testdata/tree-fixtures.js";
import { diffTraces } from "./trace-diff.js";

const MS = 1_000_000;
const US = 1_000;

/** [path, depth, status, deltaNano] of each entry, every entry checked against the schema. */
function diff(a: SpanSpec[], b: SpanSpec[]): [string, number, ApiTraceDiffEntry["status"], string | null][] {
  return diffTraces(specSpans(a, 1), specSpans(b, 2)).map((e) => {
    apiTraceDiffEntrySchema.parse(e);
    return [e.path, e.depth, e.status, e.deltaNano];
  });
}

const R = "frontend/GET /checkout#0";

describe("diffTraces", () => {
  it("marks unchanged, slower, faster, missing and added positions in the documented order", () => {
    const a: SpanSpec[] = [
      [1, null, 0, 100 * MS, "frontend", "GET /checkout"],
      [2, 1, 1 * MS, 11 * MS, "cart", "get"],
      [3, 1, 12 * MS, 20 * MS, "db", "query"],
      [4, 1, 21 * MS, 30 * MS, "db", "query"],
      [5, 4, 22 * MS, 25 * MS, "db", "fetch"],
      [6, 1, 40 * MS, 90 * MS, "payment", "charge"],
      [7, 6, 41 * MS, 50 * MS, "fraud", "check"],
    ];
    const b: SpanSpec[] = [
      [11, null, 0, 104 * MS, "frontend", "GET /checkout"],
      [20, 11, 95 * MS, 99 * MS, "email", "send"],
      [21, 20, 96 * MS, 98 * MS, "email", "smtp"],
      [12, 11, 1 * MS, 11 * MS + 50 * US, "cart", "get"],
      [13, 11, 12 * MS, 30 * MS, "db", "query"],
      [16, 11, 40 * MS, 60 * MS, "payment", "charge"],
      [17, 16, 61 * MS, 62 * MS, "payment", "retry"],
    ];
    expect(diff(a, b)).toEqual([
      [R, 0, "unchanged", String(4 * MS)],
      [`${R} > cart/get#0`, 1, "unchanged", String(50 * US)],
      [`${R} > db/query#0`, 1, "slower", String(10 * MS)],
      [`${R} > db/query#1`, 1, "missing", null],
      [`${R} > db/query#1 > db/fetch#0`, 2, "missing", null],
      [`${R} > payment/charge#0`, 1, "faster", String(-30 * MS)],
      [`${R} > payment/charge#0 > fraud/check#0`, 2, "missing", null],
      [`${R} > payment/charge#0 > payment/retry#0`, 2, "added", null],
      [`${R} > email/send#0`, 1, "added", null],
      [`${R} > email/send#0 > email/smtp#0`, 2, "added", null],
    ]);
  });

  it("carries both span ids and durations of an aligned position, one side of the others", () => {
    const entries = diffTraces(
      specSpans([[1, null, 0, 10 * MS, "s", "root"], [2, 1, 0, 1 * MS, "s", "gone"]], 1),
      specSpans([[9, null, 0, 12 * MS, "s", "root"], [8, 9, 0, 1 * MS, "s", "new"]], 2),
    );
    expect(entries[0]).toMatchObject({ service: "s", operation: "root", aSpanId: "5a00000000000001", bSpanId: "5a00000000000009", aDurationNano: "10000000", bDurationNano: "12000000", deltaNano: "2000000", status: "slower" });
    expect(entries[1]).toMatchObject({ operation: "gone", status: "missing", aSpanId: "5a00000000000002", bSpanId: null, aDurationNano: "1000000", bDurationNano: null, deltaNano: null });
    expect(entries[2]).toMatchObject({ operation: "new", status: "added", aSpanId: null, bSpanId: "5a00000000000008", aDurationNano: null, bDurationNano: "1000000" });
  });

  it("aligns repeated siblings by ordinal in start order, whatever their ids", () => {
    const a: SpanSpec[] = [[1, null, 0, 100 * MS, "api", "r"], [5, 1, 10 * MS, 20 * MS, "db", "q"], [3, 1, 30 * MS, 40 * MS, "db", "q"], [4, 1, 50 * MS, 60 * MS, "db", "q"]];
    const b: SpanSpec[] = [[1, null, 0, 100 * MS, "api", "r"], [7, 1, 5 * MS, 15 * MS, "db", "q"], [6, 1, 30 * MS, 60 * MS, "db", "q"]];
    expect(diff(a, b)).toEqual([
      ["api/r#0", 0, "unchanged", "0"],
      ["api/r#0 > db/q#0", 1, "unchanged", "0"],
      ["api/r#0 > db/q#1", 1, "slower", String(20 * MS)],
      ["api/r#0 > db/q#2", 1, "missing", null],
    ]);
  });

  it("treats every root and orphan as a top-level position", () => {
    const a: SpanSpec[] = [[1, null, 0, 10 * MS, "a", "root"], [2, 99, 1 * MS, 2 * MS, "b", "orphan"]];
    const b: SpanSpec[] = [[1, null, 0, 10 * MS, "a", "root"], [3, null, 20 * MS, 30 * MS, "a", "root"], [2, 98, 1 * MS, 2 * MS, "b", "orphan"]];
    expect(diff(a, b)).toEqual([
      ["a/root#0", 0, "unchanged", "0"],
      ["b/orphan#0", 0, "unchanged", "0"],
      ["a/root#1", 0, "added", null],
    ]);
  });

  it("identical traces are all unchanged", () => {
    const specs: SpanSpec[] = [[1, null, 0, 10, "x", "a"], [2, 1, 1, 5, "x", "b"], [3, 2, 2, 3, "y", "c"]];
    expect(diff(specs, specs).map((e) => e[2])).toEqual(["unchanged", "unchanged", "unchanged"]);
  });

  it("handles a 3000-deep chain without recursion", () => {
    const n = 3000;
    const specs: SpanSpec[] = [];
    for (let i = 1; i <= n; i++) specs.push([i, i === 1 ? null : i - 1, i, 3 * n - i, "s", "op"]);
    const entries = diffTraces(specSpans(specs, 1), specSpans(specs.slice(0, n - 1), 2));
    expect(entries.length).toBe(n);
    expect(entries[n - 1]!.depth).toBe(n - 1);
    expect(entries[n - 1]!.status).toBe("missing");
  });

  it("handles a 20k-span flat trace", () => {
    const n = 20_000;
    const specs: SpanSpec[] = [[0, null, 0, 10 * n, "s", "root"]];
    for (let i = 1; i <= n; i++) specs.push([i, 0, 10 * i, 10 * i + 5, "s", "call"]);
    const entries = diffTraces(specSpans(specs, 1), specSpans(specs, 2));
    expect(entries.length).toBe(n + 1);
    expect(entries[n]!.path).toBe(`s/root#0 > s/call#${n - 1}`);
  });

  it("refuses a pathologically deep pair of traces instead of building an unbounded answer", () => {
    const n = 10_000;
    const specs: SpanSpec[] = [];
    for (let i = 1; i <= n; i++) specs.push([i, i === 1 ? null : i - 1, i, 3 * n - i, "s", "op"]);
    expect(() => diffTraces(specSpans(specs, 1), specSpans(specs, 2))).toThrow(/too deep to compare/);
  });
});
