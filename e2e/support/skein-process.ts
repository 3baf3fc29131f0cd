import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** Repository root (/work/main) and the built `skein` binary the e2e suite runs. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const SKEIN_BIN = join(REPO_ROOT, "packages/server/bin/skein.js");

/** Where a started server listens, parsed from its ready banner. */
export interface SkeinEndpoints {
  /** Base URL of the UI and query API, e.g. `http://127.0.0.1:40123` (no trailing slash). */
  apiUrl: string;
  /** Base URL of OTLP/HTTP; append `/v1/traces` or `/v1/logs`. */
  otlpHttpUrl: string;
  /** `host:port` of OTLP/gRPC. */
  otlpGrpcAddress: string;
  /** The data directory the banner reports. */
  dataDir: string;
}

export interface SkeinStartOptions {
  /** Data directory; a fresh temp dir when absent (removed by `cleanup()`). */
  dataDir?: string;
  /** Extra `skein start` arguments, appended after the defaults (so they win). */
  args?: string[];
  /** Extra environment; SKEIN_* variables from the test runner's env are NOT inherited. */
  env?: Record<string, string>;
  /** When false, no `--http-port 0` etc. are passed (to test config from env or file). */
  ephemeralPorts?: boolean;
  /** Milliseconds to wait for the ready banner; default 30 000. */
  readyTimeoutMs?: number;
}

const READY_TIMEOUT_MS = 30_000;

/**
 * One real `skein start` process. Output is collected for failure messages. The process is owned
 * by the test: call `stop()` (SIGTERM) or `kill9()`, then `cleanup()` to remove a temp data dir.
 */
export class SkeinProcess {
  private stdoutText = "";
  private stderrText = "";
  private readonly exited: Promise<number | null>;
  private exitCode: number | null | undefined;

  private constructor(
    private readonly child: ChildProcess,
    readonly options: SkeinStartOptions & { dataDir: string },
    private ownsDataDir: boolean,
  ) {
    child.stdout!.setEncoding("utf8").on("data", (chunk: string) => (this.stdoutText += chunk));
    child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (this.stderrText += chunk));
    this.exited = new Promise((resolveExit) => {
      child.on("exit", (code, signal) => {
        this.exitCode = code ?? (signal ? null : code);
        resolveExit(code);
      });
    });
  }

  /** Starts a server and resolves once its ready banner is printed; rejects with its output otherwise. */
  static async start(options: SkeinStartOptions = {}): Promise<SkeinProcess> {
    const ownsDataDir = options.dataDir === undefined;
    const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), "skein-e2e-")));
    return SkeinProcess.launch({ ...options, dataDir }, ownsDataDir);
  }

  private static async launch(options: SkeinStartOptions & { dataDir: string }, ownsDataDir: boolean): Promise<SkeinProcess> {
    assertBuilt();
    const dataDir = options.dataDir;
    const args = [SKEIN_BIN, "start", "--data-dir", dataDir];
    if (options.ephemeralPorts !== false) {
      args.push("--host", "127.0.0.1", "--http-port", "0", "--otlp-http-port", "0", "--otlp-grpc-port", "0");
    }
    args.push(...(options.args ?? []));
    const child = spawn(process.execPath, args, {
      cwd: REPO_ROOT,
      env: { ...cleanEnv(), ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const server = new SkeinProcess(child, options, ownsDataDir);
    try {
      await server.waitReady(options.readyTimeoutMs ?? READY_TIMEOUT_MS);
    } catch (error) {
      if (ownsDataDir) await rm(dataDir, { recursive: true, force: true });
      throw error;
    }
    return server;
  }

  /** Parsed from the banner; only valid after `start()` resolved. */
  endpoints!: SkeinEndpoints;

  get pid(): number {
    return this.child.pid!;
  }
  get stdout(): string {
    return this.stdoutText;
  }
  get stderr(): string {
    return this.stderrText;
  }
  get hasExited(): boolean {
    return this.exitCode !== undefined;
  }

  private async waitReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const endpoints = parseBanner(this.stdoutText);
      if (endpoints) {
        this.endpoints = endpoints;
        return;
      }
      if (this.hasExited) {
        throw new Error(`skein exited with code ${String(this.exitCode)} before it was ready\n${this.describe()}`);
      }
      await sleep(50);
    }
    this.child.kill("SIGKILL");
    await this.exited;
    throw new Error(`skein was not ready within ${timeoutMs} ms\n${this.describe()}`);
  }

  /** SIGTERM and wait for the exit; resolves the exit code (null when killed by a signal). */
  async stop(timeoutMs = 20_000): Promise<number | null> {
    if (!this.hasExited) this.child.kill("SIGTERM");
    const code = await Promise.race([this.exited, sleep(timeoutMs).then(() => "timeout" as const)]);
    if (code === "timeout") {
      this.child.kill("SIGKILL");
      await this.exited;
      throw new Error(`skein did not exit within ${timeoutMs} ms of SIGTERM\n${this.describe()}`);
    }
    return code;
  }

  /** Resolves the exit code once the process has exited; rejects with its output after `timeoutMs`. */
  async waitExit(timeoutMs = 20_000): Promise<number | null> {
    const code = await Promise.race([this.exited, sleep(timeoutMs).then(() => "timeout" as const)]);
    if (code === "timeout") throw new Error(`skein did not exit within ${timeoutMs} ms\n${this.describe()}`);
    return code;
  }

  /** SIGTERM without waiting (to test shutdown under load). */
  sendSigterm(): void {
    this.child.kill("SIGTERM");
  }

  /** SIGKILL: no flush, no cleanup, like a power cut for the process. */
  async kill9(): Promise<void> {
    if (!this.hasExited) this.child.kill("SIGKILL");
    await this.exited;
  }

  /** A new process on the same data dir and arguments; this one must have exited. */
  async restart(): Promise<SkeinProcess> {
    if (!this.hasExited) throw new Error("restart(): the previous process is still running");
    // The new process takes over the temp dir, so one cleanup() at the end removes it.
    const next = await SkeinProcess.launch({ ...this.options }, false);
    next.ownsDataDir = this.ownsDataDir;
    this.ownsDataDir = false;
    return next;
  }

  /** Stops the process if still running and removes a temp data dir this helper created. */
  async cleanup(): Promise<void> {
    if (!this.hasExited) await this.stop().catch(() => this.kill9());
    if (this.ownsDataDir) await rm(this.options.dataDir, { recursive: true, force: true });
  }

  /** Collected output, for assertion messages. */
  describe(): string {
    return `--- stdout ---\n${this.stdoutText.slice(-4000)}\n--- stderr ---\n${this.stderrText.slice(-8000)}`;
  }
}

/** The ready banner (DESIGN §7b, e2e contract), or undefined while it is incomplete. */
export function parseBanner(stdout: string): SkeinEndpoints | undefined {
  if (!stdout.includes("Skein is ready")) return undefined;
  const api = /UI and API:\s+(http:\/\/\S+?)\/?(?:\s|$)/.exec(stdout);
  const http = /OTLP\/HTTP:\s+(http:\/\/\S+?)\/?(?:\s|$)/.exec(stdout);
  const grpc = /OTLP\/gRPC:\s+(\S+)/.exec(stdout);
  const data = /Data:\s+(.+?)\s+\(/.exec(stdout);
  if (!api || !http || !grpc || !data) return undefined;
  return { apiUrl: api[1]!, otlpHttpUrl: http[1]!, otlpGrpcAddress: grpc[1]!, dataDir: data[1]! };
}

export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `skein <args>` to completion (for --help and invalid configuration). A `start` that gets
 * ready is sent SIGTERM at once, so the result shows the ready banner instead of hanging.
 */
export function runSkein(args: string[], env: Record<string, string> = {}, timeoutMs = 30_000): Promise<CommandResult> {
  assertBuilt();
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, [SKEIN_BIN, ...args], {
      cwd: REPO_ROOT,
      env: { ...cleanEnv(), ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (c: string) => {
      stdout += c;
      // A command expected to fail that starts serving instead: stop it now, the caller asserts.
      if (stdout.includes("Skein is ready")) child.kill("SIGTERM");
    });
    child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`skein ${args.join(" ")} did not exit within ${timeoutMs} ms\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolveRun({ code, stdout, stderr });
    });
  });
}

function assertBuilt(): void {
  if (!existsSync(SKEIN_BIN)) {
    throw new Error(`${SKEIN_BIN} is missing: build first (cd ${REPO_ROOT} && npm run build)`);
  }
}

function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith("SKEIN_") && !key.startsWith("OTEL_")) env[key] = value;
  }
  return env;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
