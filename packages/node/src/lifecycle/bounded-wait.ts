/** How long to wait for exports before giving up on them: `shutdown()` and the exit flushes. */
export interface WaitOptions {
  /** Give up after this many ms. Default 2000. */
  timeoutMs?: number;
  /** Give up when this aborts (e.g. the app's own shutdown deadline). */
  signal?: AbortSignal;
}

export const DEFAULT_WAIT_MS = 2_000;

/**
 * Waits for `work` to settle, at most `timeoutMs` and until `signal` aborts. Resolves true when
 * it settled (fulfilled or rejected: a failed export is still finished), false when the wait
 * gave up; never rejects. Giving up only stops waiting: `work` itself is not cancelled.
 */
export function settledWithin(work: Promise<unknown>, { timeoutMs = DEFAULT_WAIT_MS, signal }: WaitOptions = {}): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const gaveUp = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
    onAbort = () => resolve(false);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
  const settled = work.then(
    () => true,
    () => true,
  );
  return Promise.race([settled, gaveUp]).finally(() => {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener("abort", onAbort);
  });
}
