import { describe, expect, it } from "vitest";
import { parseTimeParam } from "./time-param.js";
import { resolveTimeWindow } from "./time-window.js";

describe("parseTimeParam", () => {
  it.each([
    ["1700000000123", 1_700_000_000_123_000_000n],
    ["0", 0n],
    ["2023-11-14T22:13:20Z", 1_700_000_000_000_000_000n],
    ["2023-11-14T22:13:20.123456789Z", 1_700_000_000_123_456_789n],
    ["2023-11-14T22:13:20.5Z", 1_700_000_000_500_000_000n],
    ["2023-11-15T00:13:20.000000001+02:00", 1_700_000_000_000_000_001n],
    ["2023-11-14t20:13:20-02:00", 1_700_000_000_000_000_000n],
    ["2024-02-29T00:00:00Z", 1_709_164_800_000_000_000n],
  ])("%s → %s ns", (text, nanos) => {
    expect(parseTimeParam("start", text)).toBe(nanos);
  });

  it.each([
    "",
    "-1",
    "1e12",
    "2023-11-14",
    "2023-11-14T22:13:20",
    "2023-02-30T00:00:00Z",
    "2023-13-01T00:00:00Z",
    "2023-11-14T24:00:00Z",
    "2023-11-14T23:59:60Z",
    "2023-11-14T22:13:20.1234567891Z",
    "1969-12-31T23:59:59Z",
    "2263-01-01T00:00:00Z",
    "999999999999999",
    "now",
    "2023-11-14T22:13:20Z' OR 1=1",
  ])("refuses %j naming the parameter", (text) => {
    expect(() => parseTimeParam("end", text)).toThrow(expect.objectContaining({ code: "SKEIN_ERR_INVALID_PARAMETER", message: expect.stringContaining("end") }));
  });
});

describe("resolveTimeWindow", () => {
  const now = 10_000_000_000_000n;
  const hour = 3_600_000_000_000n;

  it("defaults to the last hour before now", () => {
    expect(resolveTimeWindow({}, now, "last-hour")).toEqual({ startTimeMinUnixNano: now - hour, startTimeMaxUnixNano: now });
  });

  it("is unbounded for all-time when neither bound is given", () => {
    expect(resolveTimeWindow({}, now, "all-time")).toEqual({});
  });

  it("derives start from end, and end from now", () => {
    expect(resolveTimeWindow({ end: "5000000" }, now, "last-hour")).toEqual({ startTimeMinUnixNano: 5_000_000_000_000n - hour, startTimeMaxUnixNano: 5_000_000_000_000n });
    expect(resolveTimeWindow({ start: "5000" }, now, "all-time")).toEqual({ startTimeMinUnixNano: 5_000_000_000n, startTimeMaxUnixNano: now });
    expect(resolveTimeWindow({ end: "1" }, now, "last-hour")).toEqual({ startTimeMinUnixNano: 0n, startTimeMaxUnixNano: 1_000_000n });
  });

  it("refuses start after end", () => {
    expect(() => resolveTimeWindow({ start: "2000", end: "1000" }, now, "last-hour")).toThrow(expect.objectContaining({ code: "SKEIN_ERR_INVALID_PARAMETER" }));
  });
});
