import type { ApiTraceSummary } from "@skein/model/api";
import { describe, expect, it } from "vitest";
import { MIN_DURATION_MS, buildScatterData, nearestPoint } from "./scatter-data.js";

function summary(traceId: string, startNs: bigint, durationNs: number, errorCount = 0): ApiTraceSummary {
  return {
    traceId: traceId.padStart(32, "0"),
    rootService: "svc",
    rootName: "op",
    startTimeUnixNano: String(startNs),
    durationNano: String(durationNs),
    spanCount: 1,
    errorCount,
    services: [{ name: "svc", spanCount: 1, errorCount }],
  };
}

describe("buildScatterData", () => {
  it("sorts points by start (the API sends newest first) and keeps ids, durations and errors aligned", () => {
    const base = 1_764_000_000_000_000_000n;
    const data = buildScatterData([summary("c", base + 2_000_000n, 5_000_000, 2), summary("b", base + 1_000_000n, 250_000_000), summary("a", base, 0)]);
    expect(data.traceIds.map((id) => id.slice(-1))).toEqual(["a", "b", "c"]);
    expect(data.ys).toEqual([MIN_DURATION_MS, 250, 5]);
    expect(data.errorYs).toEqual([null, null, 5]);
    expect(data.xs[0]).toBeCloseTo(1_764_000_000, 3);
    expect(data.xs[1]! - data.xs[0]!).toBeCloseTo(0.001, 6);
    expect(data.xs[2]! > data.xs[1]!).toBe(true);
  });
});

describe("nearestPoint", () => {
  const points = [
    { left: 10, top: 10 },
    { left: 50, top: 50 },
    { left: 54, top: 50 },
  ];

  it("picks the closest point within the distance", () => {
    expect(nearestPoint(points, 12, 11, 10)).toBe(0);
    expect(nearestPoint(points, 53, 50, 10)).toBe(2);
  });

  it("answers -1 when nothing is near enough", () => {
    expect(nearestPoint(points, 30, 30, 10)).toBe(-1);
    expect(nearestPoint([], 0, 0, 10)).toBe(-1);
  });

  it("prefers the later (topmost) point on a tie", () => {
    expect(nearestPoint(points, 52, 50, 10)).toBe(2);
  });
});
