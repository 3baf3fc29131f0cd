import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const TESTDATA = dirname(fileURLToPath(import.meta.url));
/** The repo root: `--import @skein/node/register` resolves from here to the BUILT package. */
export const REPO_ROOT = resolve(TESTDATA, "../../../..");

export interface FixtureOptions {
  /** Node flags before the script, e.g. ["--import", "@skein/node/register"]. */
  nodeArgs?: string[];
  env?: Record<string, string>;
}

/**
 * One fixture app from src/testdata, run as its own Node process with the given flags and an
 * environment without the runner's OTEL_* / SKEIN_* variables. Output is collected line by line.
 */
export class FixtureProcess {
  stdout = "";
  stderr = "";
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The process exited and its stdout/stderr are fully read. */
  private closed = false;

  private constructor(readonly child: ChildProcess) {
    child.stdout!.setEncoding("utf8").on("data", (chunk: string) => (this.stdout += chunk));
    child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (this.stderr += chunk));
    this.exited = new Promise((resolveExit) => child.on("exit", (code, signal) => resolveExit({ code, signal })));
    child.on("close", () => (this.closed = true));
  }

  static run(fixture: string, options: FixtureOptions = {}): FixtureProcess {
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(process.env)) {
      if (value !== undefined && !key.startsWith("OTEL_") && !key.startsWith("SKEIN_") && !key.startsWith("VITEST")) env[key] = value;
    }
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), join(TESTDATA, fixture)], {
      cwd: REPO_ROOT,
      env: { ...env, NODE_ENV: "test", ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    return new FixtureProcess(child);
  }

  /** stdout lines that parse as JSON objects. */
  jsonLines(): Array<Record<string, unknown>> {
    return this.stdout
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  /** Waits for a stdout line `READY <port>` and returns the port. */
  async ready(timeoutMs = 15_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = /^READY (\d+)$/m.exec(this.stdout);
      if (match) return Number(match[1]);
      if (this.child.exitCode !== null || Date.now() > deadline) {
        throw new Error(`fixture not ready\n--- stdout ---\n${this.stdout}\n--- stderr ---\n${this.stderr}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /** Waits until stdout or stderr matches `pattern`; resolves Date.now() at that moment (±10 ms). */
  async waitForOutput(pattern: RegExp, timeoutMs = 15_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (pattern.test(this.stdout) || pattern.test(this.stderr)) return Date.now();
      if (this.closed || Date.now() > deadline) {
        throw new Error(`fixture never printed ${String(pattern)}\n--- stdout ---\n${this.stdout}\n--- stderr ---\n${this.stderr}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** The exit, or `{ code: "still running" }` after `timeoutMs` (then the process is killed). */
  async exitWithin(timeoutMs: number): Promise<{ code: number | null | "still running"; signal: NodeJS.Signals | null }> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<{ code: "still running"; signal: null }>((resolve) => {
      timer = setTimeout(() => resolve({ code: "still running", signal: null }), timeoutMs);
    });
    const exit = await Promise.race([this.exited, late]).finally(() => clearTimeout(timer));
    this.kill();
    return exit;
  }

  /** Sends `signal` (default SIGTERM) and waits for the exit. */
  async stop(signal: NodeJS.Signals = "SIGTERM"): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    return this.exited;
  }

  /** Kills the process if it still runs (afterEach safety net). */
  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill("SIGKILL");
  }
}

/** A port nothing listens on (bound, then released): an OTLP endpoint that refuses connections. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * A runner that remembers every fixture it started, and `killAll()` for afterAll: tests of one
 * file run concurrently, so leftovers are killed once all are done, not after each test.
 */
export function fixtureRunner(): { run(fixture: string, nodeArgs: string[], env: Record<string, string>): FixtureProcess; killAll(): void } {
  const running: FixtureProcess[] = [];
  return {
    run(fixture, nodeArgs, env) {
      const started = FixtureProcess.run(fixture, { nodeArgs, env });
      running.push(started);
      return started;
    },
    killAll: () => running.forEach((started) => started.kill()),
  };
}
