import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT, sleep, type SkeinEndpoints } from "../support/skein-process.js";

/** The built SDK entry point every fixture is started with; `npm test` builds it first. */
const REGISTER_JS = join(REPO_ROOT, "packages/node/dist/register.js");
const FIXTURES_DIR = join(REPO_ROOT, "e2e/node-sdk/fixtures");

export interface FixtureStartOptions {
  /** File name in e2e/node-sdk/fixtures, e.g. "http-service.mjs". */
  fixture: string;
  /** The whole OTel/Skein environment of the child: OTEL_* and SKEIN_* of the runner are dropped. */
  env: Record<string, string>;
  /** Milliseconds to wait for the fixture's `{"ready":true,...}` line; default 15 000. */
  readyTimeoutMs?: number;
}

/**
 * The environment of an instrumented fixture exporting to `skein`: short batch delays, so
 * telemetry arrives within a test's patience.
 */
export function otelEnv(serviceName: string, otlpHttpUrl: string | SkeinEndpoints): Record<string, string> {
  return {
    OTEL_SERVICE_NAME: serviceName,
    OTEL_EXPORTER_OTLP_ENDPOINT: typeof otlpHttpUrl === "string" ? otlpHttpUrl : otlpHttpUrl.otlpHttpUrl,
    OTEL_BSP_SCHEDULE_DELAY: "100",
    OTEL_BLRP_SCHEDULE_DELAY: "100",
  };
}

/**
 * One fixture app as a real child process: `node --import @skein/node/register <fixture>`.
 * Fixtures print JSON lines on stdout; the first `{"ready":true}` one is the ready signal and
 * carries what the test needs (e.g. `port`). Owned by the test: `stop()` it in afterAll.
 */
export class FixtureProcess {
  readonly lines: Record<string, unknown>[] = [];
  private stdoutText = "";
  private stderrText = "";
  private exitCode: number | null | undefined;
  private readonly exited: Promise<number | null>;

  private constructor(
    private readonly child: ChildProcess,
    readonly fixture: string,
  ) {
    let pending = "";
    child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
      this.stdoutText += chunk;
      pending += chunk;
      const complete = pending.split("\n");
      pending = complete.pop()!;
      for (const line of complete) this.parseLine(line);
    });
    child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (this.stderrText += chunk));
    this.exited = new Promise((resolveExit) =>
      child.on("exit", (code) => {
        this.exitCode = code;
        resolveExit(code);
      }),
    );
  }

  static async start(options: FixtureStartOptions): Promise<FixtureProcess> {
    if (!existsSync(REGISTER_JS)) {
      throw new Error(`${REGISTER_JS} is missing: build the SDK first (npx tsc -b packages/node, or npm run build)`);
    }
    const child = spawn(process.execPath, ["--import", "@skein/node/register", join(FIXTURES_DIR, options.fixture)], {
      cwd: REPO_ROOT,
      env: { ...inheritedEnv(), ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const fixture = new FixtureProcess(child, options.fixture);
    try {
      fixture.ready = await fixture.waitFor((line) => line.ready === true, options.readyTimeoutMs ?? 15_000, "ready line");
    } catch (error) {
      await fixture.kill();
      throw error;
    }
    return fixture;
  }

  /** The ready line, e.g. `{ ready: true, port: 40111 }`. */
  ready: Record<string, unknown> = {};

  get pid(): number {
    return this.child.pid!;
  }
  get stderr(): string {
    return this.stderrText;
  }
  get hasExited(): boolean {
    return this.exitCode !== undefined;
  }
  /** Base URL of a fixture whose ready line has a `port`. */
  get url(): string {
    if (typeof this.ready.port !== "number") throw new Error(`${this.fixture} reported no port: ${JSON.stringify(this.ready)}`);
    return `http://127.0.0.1:${this.ready.port}`;
  }

  /** Resolves the first stdout JSON line (past or future) that satisfies `test`. */
  async waitFor(test: (line: Record<string, unknown>) => boolean, timeoutMs = 10_000, what = "line"): Promise<Record<string, unknown>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.lines.find(test);
      if (found) return found;
      if (this.hasExited) throw new Error(`${this.fixture} exited (code ${String(this.exitCode)}) before printing the ${what}\n${this.describe()}`);
      if (Date.now() > deadline) throw new Error(`${this.fixture} printed no ${what} within ${timeoutMs} ms\n${this.describe()}`);
      await sleep(20);
    }
  }

  /** SIGTERM (the SDK flushes on it) and the exit code; SIGKILL and a rejection after `timeoutMs`. */
  async stop(timeoutMs = 15_000): Promise<number | null> {
    if (!this.hasExited) this.child.kill("SIGTERM");
    const code = await Promise.race([this.exited, sleep(timeoutMs).then(() => "timeout" as const)]);
    if (code !== "timeout") return code;
    await this.kill();
    throw new Error(`${this.fixture} did not exit within ${timeoutMs} ms of SIGTERM\n${this.describe()}`);
  }

  async kill(): Promise<void> {
    if (!this.hasExited) this.child.kill("SIGKILL");
    await this.exited;
  }

  describe(): string {
    return `--- ${this.fixture} stdout ---\n${this.stdoutText.slice(-3000)}\n--- stderr ---\n${this.stderrText.slice(-5000)}`;
  }

  private parseLine(line: string): void {
    if (!line.startsWith("{")) return;
    try {
      this.lines.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      // Not one of the fixture's protocol lines (e.g. a log line): kept in stdoutText only.
    }
  }
}

function inheritedEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith("SKEIN_") && !key.startsWith("OTEL_") && key !== "NODE_OPTIONS") env[key] = value;
  }
  return env;
}
