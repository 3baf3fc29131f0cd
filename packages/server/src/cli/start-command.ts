import { SkeinError } from "@skein/model";
import { storageKinds } from "../components.js";
import { ConfigError } from "../config/config-error.js";
import { loadConfig } from "../config/load-config.js";
import { formatRetentionDuration } from "../config/retention-duration.js";
import { createLogger, startSkein } from "../main.js";
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type CliIo } from "./cli-io.js";
import type { StartOptions } from "./cli-program.js";
import type { DemoSession } from "./demo/demo-session.js";
import { formatReadyBanner } from "./ready-banner.js";
import { firstShutdownSignal } from "./shutdown-signals.js";

/**
 * `skein start`: config → start → banner → (with --demo: the demo against the bound ports) →
 * wait for SIGINT/SIGTERM → stop the demo (its services flush into this server) → graceful
 * shutdown. Resolves with the exit status: 2 for a bad configuration, 1 if startup, the demo's
 * startup or shutdown failed, 0 after a clean shutdown. A second signal exits with 1 at once.
 */
export async function runStart(options: StartOptions, io: CliIo): Promise<number> {
  const { config: configFile, demo: withDemo, ...flags } = options;
  let config;
  try {
    config = await loadConfig({ flags, env: io.env, configFile, cwd: io.cwd });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.stderr.write(`skein: ${error.message}\nRun "skein start --help" for every option, its env variable and default.\n`);
    return EXIT_USAGE;
  }

  const logger = createLogger(config);
  let running;
  try {
    running = await startSkein(config, logger);
  } catch (error) {
    // A coded error already says what is wrong and what to do; anything else is a bug: show it whole.
    const text = error instanceof SkeinError ? error.message : `unexpected startup failure (please report it): ${(error as Error).stack ?? String(error)}`;
    io.stderr.write(`skein: ${text}\n`);
    return EXIT_FAILURE;
  }

  const otlpHttpPort = running.receiverPorts.get("otlp-http") ?? config.otlpHttpPort;
  io.stdout.write(
    formatReadyBanner({
      host: config.host,
      httpPort: running.httpPort,
      otlpHttpPort,
      otlpGrpcPort: running.receiverPorts.get("otlp-grpc") ?? config.otlpGrpcPort,
      dataDir: config.dataDir,
      storage: storageKinds[config.storage].describe(config),
      ...(config.retention > 0 ? { retention: formatRetentionDuration(config.retention) } : {}),
    }),
  );

  const signalled = firstShutdownSignal((again) => {
    logger.error({ signal: again }, "second signal: exiting without finishing the shutdown");
    process.exit(EXIT_FAILURE);
  });
  let demo: DemoSession | undefined;
  let demoApiUrl = "";
  if (withDemo === true) {
    // Lazy: the shop and its dependencies load only with --demo.
    const { startServerDemo } = await import("./demo/server-demo.js");
    try {
      // A signal while the shop starts aborts it: the session stops the shop and never starts the
      // load; the shutdown below then proceeds as usual.
      const aborted = new AbortController();
      void signalled.then(() => aborted.abort());
      ({ session: demo, apiUrl: demoApiUrl } = await startServerDemo({ host: config.host, httpPort: running.httpPort, otlpHttpPort }, io, aborted.signal));
    } catch (error) {
      io.stderr.write(`skein: --demo: ${error instanceof Error ? error.message : String(error)}\n`);
      await running.shutdown().catch((shutdownError: unknown) => logger.error({ err: shutdownError }, "shutdown failed"));
      return EXIT_FAILURE;
    }
  }

  const signal = await signalled;
  let status = EXIT_OK;
  if (demo !== undefined) {
    logger.info({ signal }, "stopping the demo: load, then the shop's services");
    const { stopDemo } = await import("./demo/demo-command.js");
    status = await stopDemo(demo, demoApiUrl, io);
  }
  logger.info({ signal }, "shutting down: closing receivers, flushing storage");
  try {
    await running.shutdown();
  } catch (error) {
    logger.error({ err: error }, "shutdown failed");
    return EXIT_FAILURE;
  }
  logger.info("stopped");
  return status;
}
