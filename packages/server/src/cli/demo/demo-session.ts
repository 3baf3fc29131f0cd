import { parseUnexpectedExit, type LoadOptions, type LoadStats, type ShopHandle, type ShopOptions } from "@skein/example-shop";
import type { CliIo } from "../cli-io.js";
import { DemoStartError } from "./demo-errors.js";
import type { DemoSettings } from "./demo-options.js";
import { forwardServiceLine } from "./demo-output.js";
import { failedOrdersUrl, formatProgress, traceUrl } from "./demo-progress.js";

/** Settings of a running demo: the OTLP endpoint and the broker are known by now. */
export interface DemoRunSettings extends Omit<DemoSettings, "otlpEndpoint"> {
  otlpEndpoint: string;
  natsServerPath: string;
}

/** What a session runs; tests pass a stub. Default: @skein/example-shop, imported when needed. */
export interface DemoShop {
  startShop(options: ShopOptions): Promise<ShopHandle>;
  runLoad(options: LoadOptions): Promise<LoadStats>;
}

export interface DemoSessionOptions {
  /** Ctrl-C: aborted before the shop is up, the session stops the shop again and runs no load. */
  signal?: AbortSignal;
  shop?: DemoShop;
}

/** The shop plus its load generator, started together and stopped together. */
export interface DemoSession {
  /**
   * Settles once the load ended (its duration elapsed, or stop() was called) and every shop
   * process has exited; resolves the final stats (undefined if the load never reported or never ran).
   */
  readonly finished: Promise<LoadStats | undefined>;
  /** Shop processes that exited on their own while the demo ran, e.g. `payment was killed by SIGKILL`. */
  readonly unexpectedExits: readonly string[];
  /** Stops the load, then the shop (each service flushes its telemetry). Idempotent; settles like `finished`. */
  stop(): Promise<LoadStats | undefined>;
}

/**
 * Starts the demo shop exporting to `settings.otlpEndpoint`, then the load generator; writes a
 * line when each part is ready and a progress line at every load report (unless quiet). Throws
 * DemoStartError when the shop does not start (whatever it started is stopped by the launcher).
 */
export async function startDemoSession(settings: DemoRunSettings, io: CliIo, options: DemoSessionOptions = {}): Promise<DemoSession> {
  const { startShop, runLoad } = options.shop ?? (await import("@skein/example-shop"));
  const interrupted = options.signal;
  const unexpectedExits: string[] = [];
  if (interrupted?.aborted) {
    const finished = Promise.resolve(undefined);
    return { finished, unexpectedExits, stop: () => finished };
  }
  io.stdout.write(`demo: starting the shop (nats-server and 5 services), exporting to ${settings.otlpEndpoint}\n`);
  let shop: ShopHandle;
  try {
    shop = await startShop({
      otlpEndpoint: settings.otlpEndpoint,
      declineRate: settings.declineRate,
      slowInventoryRate: settings.slowInventoryRate,
      checkoutRetry: settings.checkoutRetry,
      natsServerPath: settings.natsServerPath,
      onOutput: (source, line) => {
        const exit = parseUnexpectedExit(line);
        if (exit) unexpectedExits.push(`${exit.service} ${exit.exit}`);
        forwardServiceLine(source, line, settings.quiet, io);
      },
    });
  } catch (error) {
    throw new DemoStartError(`the demo shop did not start: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  if (interrupted?.aborted) {
    io.stdout.write("demo: interrupted while the shop started; stopping it\n");
    const finished = shop.stop().then(() => undefined);
    return { finished, unexpectedExits, stop: () => finished };
  }
  io.stdout.write(`demo: shop ready: frontend ${shop.frontendUrl} · ${shop.services.map((service) => service.name).join(", ")} · NATS ${shop.natsUrl}\n`);

  // Aborted by stop(): the load ends, then the shop stops.
  const abort = new AbortController();
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
      last = await load;
    } finally {
      await shop.stop();
    }
    return last;
  })();
  // Callers await `finished` only at shutdown; a load failure before then must not crash the process.
  finished.catch(() => undefined);
  return {
    finished,
    unexpectedExits,
    stop() {
      abort.abort();
      return finished;
    },
  };
}
