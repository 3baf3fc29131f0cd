import { describe, expect, it } from "vitest";
import type { ProcSample } from "./proc-stats.js";
import { waitForIdle } from "./sdk-settle.js";

/** A fake process whose CPU counter grows by the given seconds at each read, then stays. */
function cpuCounter(steps: number[]): () => ProcSample {
  let cpu = 0;
  let i = 0;
  return () => {
    cpu += steps[i++] ?? 0;
    return { rssBytes: 0, hwmBytes: 0, cpuSeconds: cpu };
  };
}

describe("waitForIdle", () => {
  it("waits through busy windows and returns at the first idle one", async () => {
    // reads: start, then three windows: busy (0.01 s of 20 ms), busy, idle
    const r = await waitForIdle(cpuCounter([0, 0.01, 0.01, 0]), { windowMs: 20, maxBusyShare: 0.1 });
    expect(r.settled).toBe(true);
    expect(r.waitedMs).toBeGreaterThanOrEqual(55);
  });

  it("gives up after the timeout on a process that stays busy", async () => {
    const busy = (): ProcSample => ({ rssBytes: 0, hwmBytes: 0, cpuSeconds: performance.now() / 1000 });
    const r = await waitForIdle(busy, { windowMs: 20, timeoutMs: 100 });
    expect(r.settled).toBe(false);
    expect(r.waitedMs).toBeGreaterThanOrEqual(100);
  });
});
