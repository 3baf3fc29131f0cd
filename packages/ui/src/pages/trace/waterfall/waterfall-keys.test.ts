import { describe, expect, it } from "vitest";
import { spanIdOf } from "../../../testing/api-fixtures.js";
import { groupTraceLogs } from "../../../trace/trace-logs.js";
import { buildTraceModel } from "../../../trace/trace-model.js";
import { smallTrace, smallTraceLogs } from "./testdata/small-trace.js";
import { keyAction } from "./waterfall-keys.js";
import { computeRows, treeFacts } from "./waterfall-rows.js";

const model = buildTraceModel(smallTrace());
const facts = treeFacts(model, groupTraceLogs(smallTraceLogs()));
const index = (n: number) => model.indexBySpanId.get(spanIdOf(n))!;
const none = new Uint8Array(model.nodes.length);
const rows = computeRows(facts, none, true);

describe("keyAction", () => {
  it("moves down and up between spans, skipping log rows", () => {
    expect(keyAction("ArrowDown", model, rows, none, index(2))).toEqual({ select: index(4) });
    expect(keyAction("ArrowUp", model, rows, none, index(4))).toEqual({ select: index(2) });
    expect(keyAction("ArrowDown", model, rows, none, index(3))).toEqual({ select: index(3) });
    expect(keyAction("ArrowDown", model, rows, none, undefined)).toEqual({ select: index(1) });
    expect(keyAction("End", model, rows, none, undefined)).toEqual({ select: index(3) });
  });

  it("collapses with ← and expands with →, stepping to the parent or first child otherwise", () => {
    expect(keyAction("ArrowLeft", model, rows, none, index(2))).toEqual({ toggle: index(2) });
    expect(keyAction("ArrowLeft", model, rows, none, index(4))).toEqual({ select: index(2) });
    expect(keyAction("ArrowRight", model, rows, none, index(2))).toEqual({ select: index(4) });
    const collapsed = none.slice();
    collapsed[index(2)] = 1;
    const fewer = computeRows(facts, collapsed, true);
    expect(keyAction("ArrowRight", model, fewer, collapsed, index(2))).toEqual({ toggle: index(2) });
    expect(keyAction("ArrowDown", model, fewer, collapsed, index(2))).toEqual({ select: index(3) });
  });

  it("moves from the nearest visible ancestor when the selected span is hidden under a collapsed one", () => {
    // 2 collapsed hides 4 and 5; 5 stays selected.
    const collapsed = none.slice();
    collapsed[index(2)] = 1;
    const fewer = computeRows(facts, collapsed, true);
    expect(keyAction("ArrowDown", model, fewer, collapsed, index(5))).toEqual({ select: index(3) });
    expect(keyAction("ArrowUp", model, fewer, collapsed, index(5))).toEqual({ select: index(2) });
    expect(keyAction("ArrowLeft", model, fewer, collapsed, index(5))).toEqual({ select: index(2) });
    expect(keyAction("ArrowRight", model, fewer, collapsed, index(5))).toEqual({ toggle: index(2) });
    // Two levels collapsed: the nearest visible ancestor is the root.
    const both = collapsed.slice();
    both[index(1)] = 1;
    const rootOnly = computeRows(facts, both, true);
    expect(keyAction("ArrowUp", model, rootOnly, both, index(4))).toEqual({ select: index(1) });
    expect(keyAction("ArrowDown", model, rootOnly, both, index(4))).toEqual({ select: index(1) });
  });

  it("ignores other keys", () => {
    expect(keyAction("a", model, rows, none, index(2))).toBeUndefined();
  });
});
