import { Command, Option } from "commander";
import { CONFIG_KEYS } from "../config/config-keys.js";
import { SKEIN_VERSION } from "../version.js";
import type { CliIo } from "./cli-io.js";
import { configTable, optionHelp } from "./config-help.js";
import { DEFAULT_API_URL, DEFAULT_RATE, type DemoFlags } from "./demo/demo-options.js";

/**
 * Options of `skein start` as commander parses them: config keys (camelCase, string values) plus
 * `config` and `demo`, which are start-only flags, not configuration keys.
 */
export interface StartOptions {
  [key: string]: string | boolean | undefined;
  config?: string;
  demo?: boolean;
}

export interface CliActions {
  start(options: StartOptions): Promise<void>;
  demo(options: DemoFlags): Promise<void>;
}

/**
 * The `skein` command tree. Parsing errors throw CommanderError (exitOverride) instead of exiting,
 * and all output goes through `io`, so the caller chooses exit statuses and tests capture text.
 * Flags carry no commander defaults: an absent flag must not hide env or file values.
 */
export function createProgram(io: CliIo, actions: CliActions): Command {
  const program = new Command("skein")
    .description("Distributed tracing with built-in log correlation")
    .version(SKEIN_VERSION)
    .configureOutput({ writeOut: (text) => void io.stdout.write(text), writeErr: (text) => void io.stderr.write(text) })
    .exitOverride()
    .showHelpAfterError('(run "skein --help", "skein start --help" or "skein demo --help" for usage)')
    .addHelpText(
      "after",
      [
        "",
        "Configuration of `skein start` — precedence: flags > env SKEIN_* > YAML file (--config) > defaults:",
        configTable(),
        "",
      ].join("\n"),
    );

  const start = program
    .command("start")
    .description("Run the server: OTLP receivers, storage, query API and UI; prints the URLs when ready")
    .addHelpText("after", "\nPrecedence: flags > env SKEIN_* > YAML file (--config) > defaults. Ports may be 0 (a free port is picked and printed).\n");
  for (const spec of CONFIG_KEYS) start.addOption(new Option(spec.flag, optionHelp(spec)));
  start.addOption(new Option("--config <file>", "YAML file of configuration keys, e.g. `httpPort: 16686` (see `skein --help` for the keys)"));
  start.addOption(
    new Option("--demo", `once ready, also run the demo shop and ${DEFAULT_RATE} orders/s against this server (like \`skein demo\`); on shutdown the demo stops first`),
  );
  start.action(async (options: StartOptions) => actions.start(options));

  program
    .command("demo")
    .description("Run the demo shop (5 services and NATS) and a load generator against a running Skein, with progress output")
    .addOption(new Option("--api-url <url>", `Skein's UI and API URL, as \`skein start\` prints it (env SKEIN_API_URL, default ${DEFAULT_API_URL})`))
    .addOption(new Option("--otlp-endpoint <url>", "OTLP/HTTP URL the shop exports to (default: the host of --api-url with the port Skein reports)"))
    .addOption(new Option("--rate <orders>", `orders per second (default ${DEFAULT_RATE})`))
    .addOption(new Option("--duration <duration>", "stop after this long, e.g. 30s, 5m, 1h (default: until Ctrl-C)"))
    .addOption(new Option("--decline-rate <share>", "share 0..1 of cards the payment service declines at random (default 0.1)"))
    .addOption(new Option("--slow-rate <share>", "share 0..1 of slow inventory reservations (default 0.1)"))
    .addOption(new Option("--checkout-retry", "checkout retries a charge that payment answered with 5xx"))
    .addOption(new Option("--quiet", "print only the ready lines and the summary"))
    .addHelpText("after", "\nStops the load and the shop on Ctrl-C (SIGINT) or SIGTERM, then prints a summary with links into the UI.\nNeeds nats-server (Debian package nats-server; installed with apt-get when missing and run as root).\n")
    .action(async (options: DemoFlags) => actions.demo(options));
  return program;
}
