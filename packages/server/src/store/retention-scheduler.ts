import type { Component, RetentionResult, Storage } from "@skein/storage";
import type { Logger } from "pino";
import { formatRetentionDuration } from "../config/retention-duration.js";

/** Default delay of the first pass: after start-up, not in its way. */
export const RETENTION_FIRST_PASS_MS = 1_000;
/** Default time from the end of one pass to the start of the next. */
export const RETENTION_INTERVAL_MS = 3_600_000;

/** Time and timers, injectable so tests can drive the schedule. */
export interface RetentionClock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: RetentionClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** What the scheduler reports about each pass (self-metrics implement it). */
export interface RetentionTelemetry {
  passFinished(outcome: "ok" | "error", seconds: number, result?: RetentionResult): void;
}

export interface RetentionSchedulerOptions {
  storage: Pick<Storage, "deleteBefore">;
  /** Keep this many milliseconds of data; must be > 0 (0 means no scheduler at all). */
  windowMs: number;
  /** Should name the component itself (main.ts passes a child with `component: "retention"`); lines add none. */
  logger: Pick<Logger, "info" | "warn">;
  telemetry?: RetentionTelemetry;
  clock?: RetentionClock;
  firstPassMs?: number;
  intervalMs?: number;
}

const NS_PER_MS = 1_000_000n;

/**
 * Runs retention: `storage.deleteBefore(now − window)` once shortly after start(), then again
 * `intervalMs` after each pass ends, so passes never overlap. start() logs the window at info
 * (an operator sees what will be deleted before it is); each pass logs one info line (the
 * boundary applied and how long it took); a failed pass is logged at warn and the schedule goes
 * on. shutdown() cancels the next pass, aborts the signal of a pass in progress and waits for it
 * to settle; it is idempotent and safe before start().
 */
export class RetentionScheduler implements Component {
  readonly #options: Required<Omit<RetentionSchedulerOptions, "telemetry">> & Pick<RetentionSchedulerOptions, "telemetry">;
  #timer: unknown;
  #running: Promise<void> | undefined;
  #stopped = false;
  readonly #abort = new AbortController();

  constructor(options: RetentionSchedulerOptions) {
    if (!(options.windowMs > 0)) throw new RangeError(`retention window must be > 0 ms, got ${options.windowMs}`);
    this.#options = { clock: systemClock, firstPassMs: RETENTION_FIRST_PASS_MS, intervalMs: RETENTION_INTERVAL_MS, ...options };
  }

  async start(): Promise<void> {
    if (this.#stopped || this.#timer !== undefined || this.#running !== undefined) return;
    const { windowMs, firstPassMs, logger } = this.#options;
    logger.info({ windowMs }, `retention: keeping ${formatRetentionDuration(windowMs)}, first pass in ${firstPassMs / 1000} s`);
    this.#schedule(firstPassMs);
  }

  /**
   * Runs a pass now unless one is running (then waits for that one); the next pass follows
   * `intervalMs` after it ends. Never rejects.
   */
  runNow(): Promise<void> {
    if (this.#stopped) return Promise.resolve();
    this.#running ??= this.#pass().finally(() => {
      this.#running = undefined;
      if (!this.#stopped) this.#schedule(this.#options.intervalMs);
    });
    return this.#running;
  }

  async shutdown(): Promise<void> {
    this.#stopped = true;
    if (this.#timer !== undefined) this.#options.clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#abort.abort(new Error("retention stopped: the server is shutting down"));
    await this.#running;
  }

  #schedule(ms: number): void {
    if (this.#timer !== undefined) this.#options.clock.clearTimeout(this.#timer);
    this.#timer = this.#options.clock.setTimeout(() => {
      this.#timer = undefined;
      void this.runNow();
    }, ms);
  }

  async #pass(): Promise<void> {
    const { clock, storage, windowMs, logger, telemetry } = this.#options;
    const startedAt = clock.now();
    const cutoff = BigInt(startedAt - windowMs) * NS_PER_MS;
    try {
      const result = await storage.deleteBefore(cutoff, this.#abort.signal);
      const seconds = (clock.now() - startedAt) / 1000;
      telemetry?.passFinished("ok", seconds, result);
      logger.info(
        { removedBefore: isoOf(result.removedBeforeUnixNano), cutoff: isoOf(cutoff), durationMs: Math.round(seconds * 1000) },
        `retention: removed spans and logs older than ${isoOf(result.removedBeforeUnixNano)}`,
      );
    } catch (error) {
      if (this.#abort.signal.aborted) return; // shutting down: not a failure
      telemetry?.passFinished("error", (clock.now() - startedAt) / 1000);
      logger.warn({ err: error, cutoff: isoOf(cutoff) }, "retention pass failed; the next pass retries");
    }
  }
}

/** ns since the epoch as RFC 3339 (ms precision). */
function isoOf(ns: bigint): string {
  const ms = Number(ns / NS_PER_MS);
  return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : `${ns}ns`;
}
