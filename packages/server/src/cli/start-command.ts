import { SkeinError } from "@skein/model";
import { ConfigError } from "../config/config-error.js";
import { loadConfig } from "../config/load-config.js";
import { createLogger, startSkein } from "../main.js";
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type CliIo } from "./cli-io.js";
import type { StartOptions } from "./cli-program.js";
import { formatReadyBanner } from "./ready-banner.js";
import { firstShutdownSignal } from "./shutdown-signals.js";

/**
 * `skein start`: config → start → banner → wait for SIGINT/SIGTERM → graceful shutdown.
 * Resolves with the exit status: 2 for a bad configuration, 1 if startup or shutdown failed,
 * 0 after a clean shutdown. A second signal exits with 1 at once.
 */
export async function runStart(options: StartOptions, io: CliIo): Promise<number> {
  const { config: configFile, ...flags } = options;
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

  io.stdout.write(
    formatReadyBanner({
      host: config.host,
      httpPort: running.httpPort,
      otlpHttpPort: running.receiverPorts.get("otlp-http") ?? config.otlpHttpPort,
      otlpGrpcPort: running.receiverPorts.get("otlp-grpc") ?? config.otlpGrpcPort,
      dataDir: config.dataDir,
      storage: config.storage,
    }),
  );

  const signal = await firstShutdownSignal((again) => {
    logger.error({ signal: again }, "second signal: exiting without finishing the shutdown");
    process.exit(EXIT_FAILURE);
  });
  logger.info({ signal }, "shutting down: closing receivers, flushing storage");
  try {
    await running.shutdown();
  } catch (error) {
    logger.error({ err: error }, "shutdown failed");
    return EXIT_FAILURE;
  }
  logger.info("stopped");
  return EXIT_OK;
}
