import { StatusCode } from "@skein/model";
import { describe, expect, it } from "vitest";
import { attrs, makeResource, makeSpan, spanIdOf, traceIdOf } from "./testing/fixtures.js";
import { summarizeTrace } from "./trace-summary.js";

const t = traceIdOf(3);
const error = { code: StatusCode.ERROR, message: "" };

describe("summarizeTrace", () => {
  it("summarizes all spans: root, start, duration, counts and services by name", () => {
    const summary = summarizeTrace([
      makeSpan({ traceId: t, spanId: spanIdOf(2), parentSpanId: spanIdOf(1), service: "zeta", name: "child", startTimeUnixNano: 90n, endTimeUnixNano: 400n, status: error }),
      makeSpan({ traceId: t, spanId: spanIdOf(1), service: "api", name: "root", startTimeUnixNano: 100n, endTimeUnixNano: 300n }),
      makeSpan({ traceId: t, spanId: spanIdOf(3), parentSpanId: spanIdOf(1), service: "Api", name: "x", startTimeUnixNano: 150n, endTimeUnixNano: 160n, status: error }),
      makeSpan({ traceId: t, spanId: spanIdOf(4), parentSpanId: spanIdOf(1), service: "zeta", name: "y", startTimeUnixNano: 200n, endTimeUnixNano: 210n }),
    ]);
    expect(summary).toEqual({
      traceId: t,
      rootService: "api",
      rootName: "root",
      startTimeUnixNano: 90n,
      durationNano: 310n,
      spanCount: 4,
      errorCount: 2,
      services: [
        { name: "Api", spanCount: 1, errorCount: 1 },
        { name: "api", spanCount: 1, errorCount: 0 },
        { name: "zeta", spanCount: 2, errorCount: 1 },
      ],
    });
  });

  it("takes the earliest of several parentless spans, ties by span id", () => {
    const a = makeSpan({ traceId: t, spanId: spanIdOf(9), name: "late", startTimeUnixNano: 20n });
    const b = makeSpan({ traceId: t, spanId: spanIdOf(8), name: "early", startTimeUnixNano: 10n });
    const c = makeSpan({ traceId: t, spanId: spanIdOf(7), name: "early-lower-id", startTimeUnixNano: 10n });
    expect(summarizeTrace([a, b]).rootName).toBe("early");
    expect(summarizeTrace([a, b, c]).rootName).toBe("early-lower-id");
    expect(summarizeTrace([c, b, a]).rootName).toBe("early-lower-id");
  });

  it("falls back to the earliest span when no span is parentless", () => {
    const spans = [
      makeSpan({ traceId: t, parentSpanId: spanIdOf(100), name: "second", startTimeUnixNano: 20n, resource: makeResource(attrs({ "service.name": "b" })) }),
      makeSpan({ traceId: t, parentSpanId: spanIdOf(100), name: "first", startTimeUnixNano: 10n, resource: makeResource(attrs({ "service.name": "a" })) }),
    ];
    const summary = summarizeTrace(spans);
    expect([summary.rootName, summary.rootService, summary.startTimeUnixNano]).toEqual(["first", "a", 10n]);
  });

  it("clamps a negative duration to 0 and refuses an empty trace", () => {
    expect(summarizeTrace([makeSpan({ startTimeUnixNano: 50n, endTimeUnixNano: 40n })]).durationNano).toBe(0n);
    expect(() => summarizeTrace([])).toThrow(RangeError);
  });
});
