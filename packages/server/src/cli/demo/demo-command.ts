import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type CliIo } from "../cli-io.js";
import { firstShutdownSignal } from "../shutdown-signals.js";
import { fetchSkeinStatus, otlpEndpointFromStatus } from "./demo-endpoints.js";
import { DemoOptionError, DemoStartError } from "./demo-errors.js";
import { parseDemoOptions, type DemoFlags, type DemoSettings } from "./demo-options.js";
import { formatSummary } from "./demo-progress.js";
import { startDemoSession, type DemoSession } from "./demo-session.js";
import { ensureNatsServer } from "./nats-server-install.js";

/**
 * `skein demo`: checks that Skein answers at --api-url and learns its OTLP/HTTP port, makes sure
 * nats-server exists, starts the shop and the load, and runs until --duration elapsed or
 * SIGINT/SIGTERM; then stops the load and the shop (services flush) and prints a summary.
 * Resolves the exit status: 2 for a bad flag, 1 when the demo cannot start or fails (a shop
 * process died during it included), else 0.
 */
export async function runDemo(flags: DemoFlags, io: CliIo): Promise<number> {
  let settings: DemoSettings;
  try {
    settings = parseDemoOptions(flags, io.env);
  } catch (error) {
    if (!(error instanceof DemoOptionError)) throw error;
    io.stderr.write(`skein demo: ${error.message}\nRun "skein demo --help" for every option.\n`);
    return EXIT_USAGE;
  }

  let session: DemoSession;
  let signal: Promise<NodeJS.Signals>;
  try {
    const status = await fetchSkeinStatus(settings.apiUrl);
    const otlpEndpoint = settings.otlpEndpoint ?? otlpEndpointFromStatus(settings.apiUrl, status);
    io.stdout.write(`demo: Skein ${status.version} (${status.storage}) is up at ${settings.apiUrl}\n`);
    // Listening before the shop starts: a signal meanwhile stops it once started (without starting
    // the load), never orphans it. A second signal exits at once; the shop's processes notice.
    signal = firstShutdownSignal(() => process.exit(EXIT_FAILURE));
    const interrupted = new AbortController();
    void signal.then(() => interrupted.abort());
    session = await launchDemo(settings, otlpEndpoint, io, interrupted.signal);
  } catch (error) {
    if (!(error instanceof DemoStartError)) throw error;
    io.stderr.write(`skein demo: ${error.message}\n`);
    return EXIT_FAILURE;
  }

  await Promise.race([session.finished.catch(() => undefined), signal]);
  return stopDemo(session, settings.apiUrl, io);
}

/**
 * Makes sure nats-server exists (installing it as root), then starts the shop and the load —
 * unless `signal` aborted meanwhile (Ctrl-C): then the session has no load and its shop is stopped.
 */
export async function launchDemo(settings: DemoSettings, otlpEndpoint: string, io: CliIo, signal?: AbortSignal): Promise<DemoSession> {
  const natsServerPath = await ensureNatsServer(io);
  return startDemoSession({ ...settings, otlpEndpoint, natsServerPath }, io, { signal });
}

/**
 * Stops the load and the shop and prints the summary; resolves 0, or 1 if the load had failed
 * or a shop process had died on its own meanwhile (the summary names it).
 */
export async function stopDemo(session: DemoSession, apiUrl: string, io: CliIo): Promise<number> {
  try {
    io.stdout.write(formatSummary(await session.stop(), apiUrl, session.unexpectedExits));
    return session.unexpectedExits.length > 0 ? EXIT_FAILURE : EXIT_OK;
  } catch (error) {
    io.stderr.write(`skein demo: the demo failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT_FAILURE;
  }
}
