/** Time and timers of the ingest processors, injectable so tests drive TTLs and flush ticks. */
export interface ProcessorClock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Wall time; timers are unref'd so a pending flush tick never keeps the process alive. */
export const systemProcessorClock: ProcessorClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};
