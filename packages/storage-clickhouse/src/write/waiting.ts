// Waiting without leaking timers or listeners: backoff steps, sleeps and races that end early
// when an AbortSignal aborts (the writer's shutdown).

/** The next backoff step: doubled, at most `max`. */
export function nextBackoff(current: number, max: number): number {
  return Math.min(current * 2, max);
}

/** A wait of about `ms`: between half of it and all of it, so many nodes do not retry in step. */
export function withJitter(ms: number): number {
  return ms / 2 + Math.random() * (ms / 2);
}

/** Resolves after `ms`, or at once when `signal` aborts (never rejects). */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}

/** Resolves when `promise` settles (either way) or `signal` aborts, whichever is first; never rejects. */
export function untilAborted(promise: Promise<unknown>, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      signal.removeEventListener("abort", done);
      resolve();
    };
    if (signal.aborted) return resolve();
    signal.addEventListener("abort", done, { once: true });
    promise.then(done, done);
  });
}
