import type { LoadStats, ShopHandle, ShopServiceName } from "@skein/example-shop";
import type { CliIo } from "../cli-io.js";
import { DemoStartError } from "./demo-errors.js";
import type { DemoSettings } from "./demo-options.js";
import { failedOrdersUrl, formatProgress, traceUrl } from "./demo-progress.js";

/** Settings of a running demo: the OTLP endpoint and the broker are known by now. */
export interface DemoRunSettings extends Omit<DemoSettings, "otlpEndpoint"> {
  otlpEndpoint: string;
  natsServerPath: string;
}

/** The shop plus its load generator, started together and stopped together. */
export interface DemoSession {
  readonly shop: ShopHandle;
  /**
   * Settles once the load ended (its duration elapsed, or stop() was called) and every shop
   * process has exited; resolves the final stats (undefined if the load never reported).
   */
  readonly finished: Promise<LoadStats | undefined>;
  /** Stops the load, then the shop (each service flushes its telemetry). Idempotent; settles like `finished`. */
  stop(): Promise<LoadStats | undefined>;
}

/**
 * Starts the demo shop exporting to `settings.otlpEndpoint`, then the load generator; writes a
 * line when each part is ready and a progress line at every load report (unless quiet). The shop
 * is imported lazily, so `skein start` without --demo never loads it. Throws DemoStartError when
 * the shop does not start (whatever it started is stopped by the launcher).
 */
export async function startDemoSession(settings: DemoRunSettings, io: CliIo): Promise<DemoSession> {
  const { startShop, runLoad } = await import("@skein/example-shop");
  io.stdout.write(`demo: starting the shop (nats-server and 5 services), exporting to ${settings.otlpEndpoint}\n`);
  // Set on stop(): from then on exits are expected. (Ctrl-C in a terminal also reaches the shop's
  // processes, which then exit before the launcher asks them to and would be reported as crashes.)
  const abort = new AbortController();
  let shop: ShopHandle;
  try {
    shop = await startShop({
      otlpEndpoint: settings.otlpEndpoint,
      declineRate: settings.declineRate,
      slowInventoryRate: settings.slowInventoryRate,
      checkoutRetry: settings.checkoutRetry,
      natsServerPath: settings.natsServerPath,
      onOutput: (source, line) => {
        if (!abort.signal.aborted) forwardServiceLine(source, line, settings.quiet, io);
      },
    });
  } catch (error) {
    throw new DemoStartError(`the demo shop did not start: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  io.stdout.write(`demo: shop ready: frontend ${shop.frontendUrl} · ${shop.services.map((service) => service.name).join(", ")} · NATS ${shop.natsUrl}\n`);

  let last: LoadStats | undefined;
  let shownDeclined: string | undefined;
  const load = runLoad({
    frontendUrl: shop.frontendUrl,
    ratePerSecond: settings.ratePerSecond,
    durationMs: settings.durationMs,
    signal: abort.signal,
    onProgress: (stats) => {
      last = stats;
      if (settings.quiet || abort.signal.aborted) return;
      io.stdout.write(`${formatProgress(stats)}\n`);
      const declined = stats.lastTraceIds.declined;
      if (declined !== undefined && declined !== shownDeclined) io.stdout.write(`  latest declined order: ${traceUrl(settings.apiUrl, declined)}\n`);
      shownDeclined = declined;
    },
  });
  const how = settings.durationMs === undefined ? "until Ctrl-C" : `for ${settings.durationMs / 1000} s (Ctrl-C stops earlier)`;
  io.stdout.write(`demo: load running: ${settings.ratePerSecond} orders/s ${how}\n  failing orders: ${failedOrdersUrl(settings.apiUrl)}\n`);

  const finished = (async () => {
    try {
      await load;
    } finally {
      await shop.stop();
    }
    return last;
  })();
  // Callers await `finished` only at shutdown; a load failure before then must not crash the process.
  finished.catch(() => undefined);
  return {
    shop,
    finished,
    stop() {
      abort.abort();
      return finished;
    },
  };
}

/**
 * Shows what a person must see of the shop's output: the launcher's reports (a process that died)
 * always; unless quiet, a service's other non-JSON lines (a crash's stack) and nats-server errors.
 * The services' pino JSON lines go to Skein, not here.
 */
function forwardServiceLine(source: ShopServiceName | "nats", line: string, quiet: boolean, io: CliIo): void {
  const text = line.trimStart();
  if (text.startsWith("[launcher]")) io.stderr.write(`${text}\n`);
  else if (!quiet && (source === "nats" ? /\[(ERR|FTL)\]/.test(text) : !text.startsWith("{"))) io.stderr.write(`[${source}] ${line}\n`);
}
