import { describe, expect, it } from "vitest";
import { spanIdOf } from "../../../testing/api-fixtures.js";
import { groupTraceLogs } from "../../../trace/trace-logs.js";
import { buildTraceModel } from "../../../trace/trace-model.js";
import { smallTrace, smallTraceLogs } from "./testdata/small-trace.js";
import { collapseFromDepth, computeRows, expandAncestors, treeFacts } from "./waterfall-rows.js";

const model = buildTraceModel(smallTrace());
const logs = groupTraceLogs(smallTraceLogs());
const facts = treeFacts(model, logs);
const index = (n: number) => model.indexBySpanId.get(spanIdOf(n))!;
/** Rows as readable labels: "3" for span 3, "2.1" for the second log of span 2. */
const labels = (collapsed: Uint8Array, withLogs: boolean) => {
  const rows = computeRows(facts, collapsed, withLogs);
  return Array.from({ length: rows.count }, (_, r) => {
    const span = Number.parseInt(model.nodes[rows.spanOf[r]!]!.span.spanId, 16);
    return rows.logOf[r] === -1 ? String(span) : `${span}.${rows.logOf[r]}`;
  });
};

describe("treeFacts", () => {
  it("counts each subtree (itself included) and each span's logs", () => {
    expect([1, 2, 3, 4, 5].map((n) => facts.subtreeSize[index(n)])).toEqual([5, 3, 1, 1, 1]);
    expect([1, 2, 3, 4, 5].map((n) => facts.logCount[index(n)])).toEqual([0, 2, 0, 1, 0]);
  });
});

describe("computeRows", () => {
  const none = new Uint8Array(model.nodes.length);

  it("lists spans in tree order, each followed by its logs oldest first", () => {
    expect(labels(none, true)).toEqual(["1", "2", "2.0", "2.1", "4", "4.0", "5", "3"]);
    const rows = computeRows(facts, none, true);
    const log = logs.bySpanId.get(spanIdOf(2))![rows.logOf[3]!]!;
    expect(log.body).toBe("order placed");
  });

  it("leaves out logs when inline logs are off", () => {
    expect(labels(none, false)).toEqual(["1", "2", "4", "5", "3"]);
  });

  it("hides the whole subtree of a collapsed span, its logs included, but keeps the span's own logs", () => {
    const collapsed = none.slice();
    collapsed[index(2)] = 1;
    expect(labels(collapsed, true)).toEqual(["1", "2", "2.0", "2.1", "3"]);
    const rows = computeRows(facts, collapsed, true);
    expect(rows.rowOfSpan[index(4)]).toBe(-1);
    expect(rows.rowOfSpan[index(3)]).toBe(4);
  });

  it("collapsing the root leaves one row", () => {
    expect(labels(collapseFromDepth(model, 0), true)).toEqual(["1"]);
    expect(labels(collapseFromDepth(model, 1), false)).toEqual(["1", "2", "3"]);
  });
});

describe("expandAncestors", () => {
  it("expands every collapsed ancestor and nothing else", () => {
    const collapsed = collapseFromDepth(model, 0);
    const next = expandAncestors(model, collapsed, index(5));
    expect(next).not.toBe(collapsed);
    expect(next[index(1)]).toBe(0);
    expect(next[index(2)]).toBe(0);
    expect(labels(next, false)).toEqual(["1", "2", "4", "5", "3"]);
  });

  it("returns the same array when nothing needed expanding", () => {
    const collapsed = new Uint8Array(model.nodes.length);
    collapsed[index(5)] = 1;
    expect(expandAncestors(model, collapsed, index(5))).toBe(collapsed);
  });
});
