import { describe, expect, it } from "vitest";
import { apiLog, BASE_NANOS, spanIdOf } from "../testing/api-fixtures.js";
import { compareNanos, groupTraceLogs } from "./trace-logs.js";

describe("groupTraceLogs", () => {
  it("orders logs oldest first and groups them by span", () => {
    const logs = groupTraceLogs([
      apiLog({ offsetNs: 30, spanId: spanIdOf(2), body: "c" }),
      apiLog({ offsetNs: 20, spanId: null, body: "b" }),
      apiLog({ offsetNs: 10, spanId: spanIdOf(2), body: "a" }),
    ]);
    expect(logs.all.map((log) => log.body)).toEqual(["a", "b", "c"]);
    expect(logs.bySpanId.get(spanIdOf(2))!.map((log) => log.body)).toEqual(["a", "c"]);
    expect(logs.bySpanId.size).toBe(1);
  });

  it("sorts a log with an unknown event time (0) by its observed time", () => {
    const logs = groupTraceLogs([
      apiLog({ offsetNs: 30, spanId: spanIdOf(1), body: "late" }),
      apiLog({ timeUnixNano: "0", observedTimeUnixNano: String(BASE_NANOS + 20n), spanId: spanIdOf(1), body: "observed" }),
      apiLog({ offsetNs: 10, spanId: spanIdOf(1), body: "early" }),
    ]);
    expect(logs.all.map((log) => log.body)).toEqual(["early", "observed", "late"]);
    expect(logs.bySpanId.get(spanIdOf(1))!.map((log) => log.body)).toEqual(["early", "observed", "late"]);
  });
});

describe("compareNanos", () => {
  it("orders decimal ns strings numerically", () => {
    expect(compareNanos("9", "10")).toBeLessThan(0);
    expect(compareNanos("1764000000000000002", "1764000000000000001")).toBeGreaterThan(0);
    expect(compareNanos("5", "5")).toBe(0);
  });
});
