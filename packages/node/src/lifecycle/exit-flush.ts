/** What exit handling needs from a running SDK. */
export interface ExitFlushTarget {
  forceFlush(): Promise<void>;
  /** Grows with every span ended or log record emitted; used to skip flushes with nothing new. */
  activityCount(): number;
}

export const DEFAULT_EXIT_FLUSH_TIMEOUT_MS = 2_000;
const SIGNALS = ["SIGTERM", "SIGINT"] as const;

/**
 * Flushes queued telemetry when the process is about to end, bounded by `timeoutMs` so a slow or
 * unreachable endpoint cannot hold the exit up:
 * - `beforeExit` (the event loop ran dry): flush if anything new was recorded since the last one.
 * - SIGTERM / SIGINT: if the app has its own listener, flush in the background and leave the exit
 *   to the app. If not, flush, then re-raise the signal with our listener removed, so the process
 *   ends the default way (killed by that signal; a shell reports 128+n). A second signal during
 *   the flush re-raises at once.
 * Returns a function that removes the listeners.
 */
export function installExitFlush(target: ExitFlushTarget, timeoutMs = DEFAULT_EXIT_FLUSH_TIMEOUT_MS): () => void {
  let flushedAt = -1;
  let flushing = false;
  const flush = async (): Promise<void> => {
    flushedAt = target.activityCount();
    flushing = true;
    try {
      await withTimeout(target.forceFlush(), timeoutMs);
    } finally {
      flushing = false;
    }
  };

  const onBeforeExit = (): void => {
    if (!flushing && target.activityCount() !== flushedAt) void flush();
  };
  let exiting = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    const appHandlesIt = process.listenerCount(signal) > 1;
    if (appHandlesIt) {
      if (!flushing) void flush();
      return;
    }
    const reRaise = (): void => {
      process.removeListener(signal, onSignal);
      process.kill(process.pid, signal);
    };
    if (exiting) return reRaise();
    exiting = true;
    void flush().finally(reRaise);
  };

  process.on("beforeExit", onBeforeExit);
  for (const signal of SIGNALS) process.on(signal, onSignal);
  return () => {
    process.removeListener("beforeExit", onBeforeExit);
    for (const signal of SIGNALS) process.removeListener(signal, onSignal);
  };
}

/** Resolves when `work` settles or after `ms`, whichever is first; never rejects. */
function withTimeout(work: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  return Promise.race([work.catch(() => undefined), timeout]).finally(() => clearTimeout(timer));
}
