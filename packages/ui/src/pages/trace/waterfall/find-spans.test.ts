import { describe, expect, it, vi } from "vitest";
import { apiSpan, apiTrace, spanIdOf } from "../../../testing/api-fixtures.js";
import { buildTraceModel } from "../../../trace/trace-model.js";
import { findSpans, matchPosition, spanHaystacks, stepMatch } from "./find-spans.js";
import { smallTrace } from "./testdata/small-trace.js";

const model = buildTraceModel(smallTrace());
const ids = (matches: Int32Array) => [...matches].map((i) => Number.parseInt(model.nodes[i]!.span.spanId, 16));

describe("findSpans", () => {
  it("matches operation names and services, ignoring case, in waterfall order", () => {
    expect(ids(findSpans(model, "ORDER"))).toEqual([2, 3]);
    expect(ids(findSpans(model, "api"))).toEqual([2, 4, 5]);
  });

  it("matches span ids and attribute keys and values", () => {
    expect(ids(findSpans(model, spanIdOf(5)))).toEqual([5]);
    expect(ids(findSpans(model, "payment.prov"))).toEqual([5]);
    expect(ids(findSpans(model, "stripe"))).toEqual([5]);
    expect(ids(findSpans(model, "a-77"))).toEqual([2]);
  });

  it("matches non-string attribute values by their text", () => {
    const typed = buildTraceModel(apiTrace([apiSpan({ spanId: spanIdOf(1), attributes: { "http.status_code": 503, tags: ["blue", true] } })]));
    expect(findSpans(typed, "503")).toHaveLength(1);
    expect(findSpans(typed, '"blue"')).toHaveLength(1);
  });

  it("never matches across two fields", () => {
    const split = buildTraceModel(apiTrace([apiSpan({ spanId: spanIdOf(1), name: "ab", service: "cd", attributes: { ef: "gh" } })]));
    expect(findSpans(split, "bc")).toHaveLength(0);
    expect(findSpans(split, "fg")).toHaveLength(0);
    expect(findSpans(split, "gh")).toHaveLength(1);
  });

  it("serialises and lower-cases each span once per model; a keystroke only searches", () => {
    const big = buildTraceModel(
      apiTrace(Array.from({ length: 2_000 }, (_, i) => apiSpan({ spanId: spanIdOf(i + 1), name: `Op ${i}`, attributes: { "http.route": `/Items/${i}`, n: i } }))),
    );
    expect(spanHaystacks(big)).toBe(spanHaystacks(big));
    findSpans(big, "warm");
    const lower = vi.spyOn(String.prototype, "toLowerCase");
    const stringify = vi.spyOn(JSON, "stringify");
    const route = findSpans(big, "ITEMS/1999");
    const ops = findSpans(big, "op 12");
    const [lowerCalls, stringifyCalls] = [lower.mock.calls.length, stringify.mock.calls.length];
    lower.mockRestore();
    stringify.mockRestore();
    expect(route).toHaveLength(1);
    expect(ops).toHaveLength(111); // 12, 120–129, 1200–1299
    expect(lowerCalls).toBe(2); // the two queries, nothing per span
    expect(stringifyCalls).toBe(0);
  });

  it("matches nothing for a blank query", () => {
    expect(findSpans(model, "   ")).toHaveLength(0);
    expect(findSpans(model, "no such thing")).toHaveLength(0);
  });
});

describe("stepMatch", () => {
  const matches = Int32Array.from([1, 4, 7]);

  it("goes to the next match after the selection and wraps", () => {
    expect(stepMatch(matches, undefined, 1)).toBe(1);
    expect(stepMatch(matches, 1, 1)).toBe(4);
    expect(stepMatch(matches, 5, 1)).toBe(7);
    expect(stepMatch(matches, 7, 1)).toBe(1);
  });

  it("goes to the previous match before the selection and wraps", () => {
    expect(stepMatch(matches, undefined, -1)).toBe(7);
    expect(stepMatch(matches, 4, -1)).toBe(1);
    expect(stepMatch(matches, 5, -1)).toBe(4);
    expect(stepMatch(matches, 1, -1)).toBe(7);
    expect(stepMatch(matches, 0, -1)).toBe(7);
  });

  it("has nowhere to go without matches", () => {
    expect(stepMatch(new Int32Array(0), 3, 1)).toBeUndefined();
  });

  it("reports the selection's 1-based position, 0 when it is not a match", () => {
    expect(matchPosition(matches, 4)).toBe(2);
    expect(matchPosition(matches, 5)).toBe(0);
    expect(matchPosition(matches, undefined)).toBe(0);
  });
});
