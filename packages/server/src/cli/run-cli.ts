import { CommanderError } from "commander";
import { EXIT_OK, EXIT_USAGE, processIo, type CliIo } from "./cli-io.js";
import { createProgram } from "./cli-program.js";

/**
 * Runs `skein` with process-style argv (node, script, ...args) and resolves with the exit status
 * (see cli-io.ts); bin/skein.js exits with it. Usage errors (unknown flag or command, missing
 * value) are 2, help and version 0. `start` and `demo` resolve only after they stopped.
 */
export async function runCli(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  let status = EXIT_OK;
  const program = createProgram(io, {
    async start(options) {
      const { runStart } = await import("./start-command.js");
      status = await runStart(options, io);
    },
    async demo(options) {
      const { runDemo } = await import("./demo/demo-command.js");
      status = await runDemo(options, io);
    },
  });
  try {
    await program.parseAsync([...argv]);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    throw error;
  }
  return status;
}
