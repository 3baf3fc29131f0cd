import { logs } from "@opentelemetry/api-logs";
import { readAppPackage } from "./config/app-package.js";
import { resolveConfig, type ResolvedConfig } from "./config/resolve-config.js";
import type { SkeinNodeOptions } from "./config/skein-node-options.js";
import { installDiagLogger, reportWarning } from "./diag/skein-diag.js";
import { settledWithin, type WaitOptions } from "./lifecycle/bounded-wait.js";
import type { ExitFlushTarget } from "./lifecycle/exit-flush.js";
import { installConsoleJson } from "./logs/console-json-patch.js";
import { configureQueueSpans } from "./queue/queue-settings.js";
import { createNodeSdk, type SdkParts } from "./sdk/create-node-sdk.js";
import { registerEsmLoaderHook } from "./sdk/esm-loader-hook.js";

/** The running instrumentation. One per process. */
export interface SkeinNode {
  /** The resolved `service.name` every span and log record carries. */
  readonly serviceName: string;
  /** Exports everything queued so far; resolves when the exports are done (or have failed). */
  forceFlush(): Promise<void>;
  /**
   * Flushes, stops exporting and restores console; resolves when that is done, or after
   * `timeoutMs` (default 2000) or when `signal` aborts, whichever is first, and never rejects.
   * Giving up drops what is still unsent; no new export starts afterwards. Only an
   * export that was already out when the endpoint failed for the first time can outlast it (its
   * retries end within OTEL_EXPORTER_OTLP_TIMEOUT, 10 s by default, and keep the event loop
   * alive meanwhile): call process.exit() after `await shutdown()` if the process must end now.
   * Idempotent: later calls return the first call's promise (and its bound). Instrumented
   * libraries stay patched but record nothing afterwards.
   */
  shutdown(options?: WaitOptions): Promise<void>;
}

let running: SkeinNode | undefined;
let active: RunningNode | undefined;

/**
 * Starts the OpenTelemetry Node SDK configured for Skein (see SkeinNodeOptions for what can be
 * set and the environment variables behind each option), and registers the ESM loader hook.
 * Only libraries loaded after this call are instrumented: call it before the app loads them
 * (in an ES module app that means from a module preloaded with `node --import`), or use
 * `node --import @skein/node/register`. A second call returns the running instance (so
 * `start().shutdown()` reaches the one the register module started); options given to it are
 * ignored, with a warning. Never throws: a setup failure is reported on stderr and the app runs
 * uninstrumented.
 */
export function start(options: SkeinNodeOptions = {}): SkeinNode {
  if (running) {
    if (Object.keys(options).length > 0) {
      reportWarning(`start() was called again; returning the instance already started for "${running.serviceName}" (the new options are ignored).`);
    }
    return running;
  }
  const config = resolveConfig(options, process.env, readAppPackage(process.argv[1]));
  installDiagLogger(process.env.OTEL_LOG_LEVEL);
  for (const warning of config.warnings) reportWarning(warning);
  running = config.disabled ? new InactiveNode(config.serviceName) : startSdk(config);
  if (running instanceof RunningNode) active = running;
  return running;
}

/** Whether start() was called in this process. */
export function isStarted(): boolean {
  return running !== undefined;
}

/** The running SDK, for register's exit handling; undefined if not started, disabled or failed. */
export function activeNode(): ExitFlushTarget | undefined {
  return active;
}

function startSdk(config: ResolvedConfig): SkeinNode {
  try {
    if (config.parentConsumerSpans !== undefined) configureQueueSpans({ parentConsumerSpans: config.parentConsumerSpans });
    const parts = createNodeSdk(config);
    registerEsmLoaderHook(parts.instrumentations);
    parts.sdk.start();
    const logger = config.logsUrl !== undefined ? logs.getLogger("@skein/node/console") : undefined;
    const restoreConsole = config.consoleJson ? installConsoleJson(logger) : undefined;
    return new RunningNode(config.serviceName, parts, restoreConsole);
  } catch (error) {
    reportWarning(`could not start OpenTelemetry (${String(error)}); the app runs without tracing. Please report this.`);
    return new InactiveNode(config.serviceName);
  }
}

class RunningNode implements SkeinNode, ExitFlushTarget {
  private shutdownPromise: Promise<void> | undefined;

  constructor(
    readonly serviceName: string,
    private readonly parts: SdkParts,
    private readonly restoreConsole: (() => void) | undefined,
  ) {}

  async forceFlush(): Promise<void> {
    await Promise.all(this.parts.flushables.map((processor) => processor.forceFlush()));
  }

  shutdown(options: WaitOptions = {}): Promise<void> {
    this.shutdownPromise ??= this.stop(options);
    return this.shutdownPromise;
  }

  activityCount(): number {
    return this.parts.activity.count;
  }

  private async stop(options: WaitOptions): Promise<void> {
    this.restoreConsole?.();
    await settledWithin(this.parts.sdk.shutdown(), options);
  }
}

/** OTEL_SDK_DISABLED=true, or the SDK failed to start: same surface, nothing recorded. */
class InactiveNode implements SkeinNode {
  constructor(readonly serviceName: string) {}
  forceFlush(): Promise<void> {
    return Promise.resolve();
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
