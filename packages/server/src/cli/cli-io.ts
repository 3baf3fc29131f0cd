/** What the CLI reads and writes, so tests can run it in-process with captured output. */
export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  env: Record<string, string | undefined>;
  cwd: string;
}

export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
}

/** Exit statuses of `skein`. */
export const EXIT_OK = 0;
/** Startup failed, or shutdown failed, or a second signal forced the exit. */
export const EXIT_FAILURE = 1;
/** Bad flag, config value or config file. */
export const EXIT_USAGE = 2;
