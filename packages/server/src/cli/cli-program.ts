import { Command, Option } from "commander";
import { CONFIG_KEYS } from "../config/config-keys.js";
import { SKEIN_VERSION } from "../version.js";
import type { CliIo } from "./cli-io.js";
import { configTable, optionHelp } from "./config-help.js";

/** Options of `skein start` as commander parses them: config keys (camelCase) plus `config`. */
export type StartOptions = Record<string, string | undefined> & { config?: string };

export interface CliActions {
  start(options: StartOptions): Promise<void>;
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
    .showHelpAfterError('(run "skein --help" or "skein start --help" for usage)')
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
  start.action(async (options: StartOptions) => actions.start(options));
  return program;
}
