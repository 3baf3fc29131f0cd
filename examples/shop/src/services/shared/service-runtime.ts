// The life of a shop service process: one pino logger (JSON lines on stdout, which the launcher
// parses), start-up failures reported as one fatal line, and a graceful stop on SIGTERM/SIGINT.
//
// Shutdown contract with @skein/node/register: the service closes what keeps its event loop
// alive (HTTP server, NATS connection) and then simply lets the loop drain; register flushes the
// telemetry on `beforeExit`, so spans and logs of the last requests are exported before the exit.
import pino, { type Logger } from "pino";
import { InvalidSettingError } from "../../errors.js";

/** How long closing (requests in flight, NATS drain) may take before the process exits anyway. */
const CLOSE_TIMEOUT_MS = 8_000;
/**
 * How long the process may live on after closing. register's exit flush is bounded by ~2 s, but
 * with the OTLP endpoint down the exporter's retry timers keep the event loop alive far longer
 * (15 s measured); telemetry that could not be sent by then is lost anyway.
 */
const EXIT_AFTER_CLOSE_MS = 3_000;

function exitLater(logger: Logger, ms: number, why: string): void {
  setTimeout(() => {
    logger.warn(`exiting: ${why}`);
    process.exit(process.exitCode ?? 0);
  }, ms).unref();
}

/**
 * No `name` field: the service is already the OTel resource's service.name in Skein and the
 * launcher labels each output line, so a name would only repeat itself in every log record.
 */
export function createLogger(): Logger {
  return pino();
}

export interface RunningService {
  /** Stops taking work and releases the event loop; resolves when closed. */
  close(): Promise<void>;
}

/**
 * Starts a service and arranges its stop. A start failure (invalid setting, unreachable broker)
 * logs one fatal line saying what was wrong and exits with code 1, so the launcher can show it.
 */
export function runService(logger: Logger, start: () => Promise<RunningService>): void {
  start().then(
    (running) => stopOnSignals(logger, running),
    (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      logger.fatal(error instanceof InvalidSettingError ? message : `could not start: ${message}`);
      process.exit(1);
    },
  );
}

function stopOnSignals(logger: Logger, running: RunningService): void {
  let stopping = false;
  const stop = (reason: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ reason }, "shutting down");
    exitLater(logger, CLOSE_TIMEOUT_MS, `closing took longer than ${CLOSE_TIMEOUT_MS} ms`);
    running.close().then(
      () => {
        logger.info("stopped");
        exitLater(logger, EXIT_AFTER_CLOSE_MS, `telemetry still not flushed ${EXIT_AFTER_CLOSE_MS} ms after closing`);
      },
      (error: unknown) => {
        logger.error({ err: error }, "shutdown failed");
        process.exitCode = 1;
      },
    );
  };
  process.once("SIGTERM", () => stop("SIGTERM"));
  process.once("SIGINT", () => stop("SIGINT"));
  // The launcher opens an IPC channel only to learn of its own death: when it disappears
  // (killed test runner, crashed `skein demo`), the service stops instead of lingering.
  if (process.channel) {
    process.channel.unref();
    process.once("disconnect", () => stop("launcher exited"));
  }
}
