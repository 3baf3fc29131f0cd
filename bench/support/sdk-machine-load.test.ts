import { describe, expect, it } from "vitest";
import { machineBusySeconds, otherCpuShare } from "./sdk-machine-load.js";

describe("machine load", () => {
  it("reads a growing busy-seconds counter from /proc/stat", () => {
    const before = machineBusySeconds();
    const until = performance.now() + 60;
    while (performance.now() < until); // keep one core busy for 60 ms
    const after = machineBusySeconds();
    expect(before).toBeGreaterThan(0);
    expect(after - before).toBeGreaterThanOrEqual(0.03);
  });

  it("attributes to others what the measured processes did not use, never below 0", () => {
    expect(otherCpuShare(3, 1, 4)).toBe(0.5);
    expect(otherCpuShare(1, 1.2, 4)).toBe(0);
    expect(Number.isNaN(otherCpuShare(Number.NaN, 1, 4))).toBe(true);
  });
});
