import type { ProcSample } from "./proc-stats.js";

export interface SettleOptions {
  /** length of one observation window, ms */
  windowMs?: number;
  /** idle = the process used at most this share of one core during a window */
  maxBusyShare?: number;
  /** give up (and report not settled) after this long, ms */
  timeoutMs?: number;
}

/**
 * Waits until a process is idle: one window in which it used at most `maxBusyShare` of a core.
 * The `sdk` scenario runs the load generator, the service and Skein on the same cores, so each
 * measurement waits for Skein to finish ingesting what the previous run exported (a burst from a
 * throughput phase takes it seconds); otherwise that work would land on the next run's figures.
 * Resolves with the time waited, ms, and whether the process settled before the timeout.
 */
export async function waitForIdle(sample: () => ProcSample, options: SettleOptions = {}): Promise<{ waitedMs: number; settled: boolean }> {
  const windowMs = options.windowMs ?? 500;
  const maxBusyShare = options.maxBusyShare ?? 0.05;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const started = performance.now();
  let before = sample().cpuSeconds;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    const after = sample().cpuSeconds;
    const waitedMs = performance.now() - started;
    if ((after - before) * 1000 <= windowMs * maxBusyShare) return { waitedMs, settled: true };
    if (waitedMs >= timeoutMs) return { waitedMs, settled: false };
    before = after;
  }
}
