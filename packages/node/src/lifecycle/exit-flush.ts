import { DEFAULT_WAIT_MS, settledWithin } from "./bounded-wait.js";

/** What exit handling needs from a running SDK. */
export interface ExitFlushTarget {
  forceFlush(): Promise<void>;
  /** Grows with every span ended or log record emitted; used to skip flushes with nothing new. */
  activityCount(): number;
}

export const DEFAULT_EXIT_FLUSH_TIMEOUT_MS = DEFAULT_WAIT_MS;
/**
 * Every beforeExit flush makes the loop run again, so Node emits beforeExit again and the app's
 * own listeners run again; if they record something each time (a log line, a span), flushing
 * whenever something is new would never end. Two rounds cover the app's last records and what
 * its beforeExit listeners record, also after an await.
 */
export const MAX_BEFORE_EXIT_FLUSHES = 2;
const SIGNALS = ["SIGTERM", "SIGINT"] as const;

/**
 * Flushes queued telemetry when the process is about to end, each flush bounded by `timeoutMs`
 * so a slow or unreachable endpoint cannot hold the exit up:
 * - `beforeExit` (the event loop ran dry): decided after all beforeExit listeners ran (ours,
 *   installed by the preload, runs first), so what the app records in its own listeners is
 *   included. Flushes if anything was recorded since the last flush, at most
 *   MAX_BEFORE_EXIT_FLUSHES times. If a flush does not finish in time (the exporter is still
 *   retrying an endpoint that is down, and its retry timers would keep the process alive for
 *   up to OTEL_EXPORTER_OTLP_TIMEOUT), the process exits then, with process.exitCode.
 * - SIGTERM / SIGINT: if the app has its own listener, flush in the background and leave the exit
 *   to the app. If not, flush, then re-raise the signal with our listener removed, so the process
 *   ends the default way (killed by that signal; a shell reports 128+n). A second signal during
 *   the flush re-raises at once.
 * Returns a function that removes the listeners.
 */
export function installExitFlush(target: ExitFlushTarget, timeoutMs = DEFAULT_EXIT_FLUSH_TIMEOUT_MS): () => void {
  let flushedAt = 0;
  let flushing: Promise<boolean> | undefined;
  /** Resolves whether the flush finished within timeoutMs. */
  const flush = (): Promise<boolean> => {
    flushedAt = target.activityCount();
    flushing = settledWithin(target.forceFlush(), { timeoutMs }).finally(() => (flushing = undefined));
    return flushing;
  };

  let beforeExitFlushes = 0;
  const decideAfterBeforeExit = (): void => {
    if (flushing || target.activityCount() === flushedAt || beforeExitFlushes >= MAX_BEFORE_EXIT_FLUSHES) return;
    beforeExitFlushes++;
    void flush().then((finished) => {
      if (!finished) process.exit();
    });
  };
  const onBeforeExit = (): void => process.nextTick(decideAfterBeforeExit);

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
