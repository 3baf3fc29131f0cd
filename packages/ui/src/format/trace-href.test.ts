import { describe, expect, it } from "vitest";
import { traceHref } from "./trace-href.js";

const TRACE = "0123456789abcdef0123456789abcdef";
const SPAN = "0123456789abcdef";

describe("traceHref", () => {
  it("links to the trace, with the span when given", () => {
    expect(traceHref(TRACE)).toBe(`/trace/${TRACE}`);
    expect(traceHref(TRACE, null)).toBe(`/trace/${TRACE}`);
    expect(traceHref(TRACE, "")).toBe(`/trace/${TRACE}`);
    expect(traceHref(TRACE, SPAN)).toBe(`/trace/${TRACE}?span=${SPAN}`);
  });

  it("refuses anything that is not lowercase hex of the right length", () => {
    for (const bad of [null, undefined, "", TRACE.toUpperCase(), TRACE.slice(1), `${TRACE}0`, "javascript:alert(1)", `../${TRACE.slice(3)}`, `${TRACE.slice(0, 31)}g`]) {
      expect(traceHref(bad)).toBeUndefined();
    }
    for (const bad of [SPAN.toUpperCase(), SPAN.slice(1), `${SPAN}0`, "x&y=1", `${SPAN.slice(0, 15)}z`]) {
      expect(traceHref(TRACE, bad)).toBeUndefined();
    }
  });
});
