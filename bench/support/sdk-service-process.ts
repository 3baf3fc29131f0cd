import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { processTree, sampleProcesses } from "./proc-stats.js";
import type { ProcSample } from "./proc-stats.js";
import { BENCH_DIR, REPO_ROOT } from "./repo-paths.js";

export const SDK_SERVICE_FIXTURE = join(BENCH_DIR, "fixtures", "sdk-service.mjs");
export const SDK_DOWNSTREAM_FIXTURE = join(BENCH_DIR, "fixtures", "sdk-downstream.mjs");
/** service.name of the instrumented variant, to find its spans and logs in Skein afterwards. */
export const SDK_SERVICE_NAME = "sdk-bench-service";

export type ServiceVariant = "baseline" | "instrumented";

/** A fixture process, running; `url` is its base URL (`http://127.0.0.1:<port>`, no path). */
export interface FixtureProcess {
  readonly url: string;
  readonly pid: number;
  /** CPU and memory of the process so far. */
  sample(): ProcSample;
  /** SIGTERM, then the exit (SIGKILL after 10 s). Idempotent. */
  stop(): Promise<void>;
}

export interface ServiceProcess extends FixtureProcess {
  readonly variant: ServiceVariant;
}

/** Starting options of the fixture service. */
export interface ServiceOptions {
  /** base URL of the downstream stub, for POST /quote */
  downstreamUrl?: string;
}

/**
 * Starts bench/fixtures/sdk-service.mjs: `node fixture` (baseline) or `node --import
 * @skein/node/register fixture` exporting to `otlpHttpUrl` (instrumented; the SDK's defaults, as
 * a user would run it). pino's stdout goes to /dev/null; stderr is kept for errors. Rejects with
 * the service's last output when it does not announce its port within 30 s.
 */
export function startService(variant: ServiceVariant, otlpHttpUrl: string, options: ServiceOptions = {}): Promise<ServiceProcess> {
  const env = withoutOtelEnv();
  const args = [SDK_SERVICE_FIXTURE];
  if (variant === "instrumented") {
    args.unshift("--import", "@skein/node/register");
    Object.assign(env, { OTEL_SERVICE_NAME: SDK_SERVICE_NAME, OTEL_EXPORTER_OTLP_ENDPOINT: otlpHttpUrl });
  }
  if (options.downstreamUrl !== undefined) env.SDK_DOWNSTREAM_URL = options.downstreamUrl;
  const hint = "Is @skein/node built (npx tsc -b packages/node)?";
  return spawnFixture(`sdk-service (${variant})`, args, env, hint).then((p) => ({ ...p, variant }));
}

/**
 * Starts bench/fixtures/sdk-downstream.mjs, the uninstrumented price service that POST /quote
 * calls; it answers after `delayMs`.
 */
export function startDownstream(delayMs: number): Promise<FixtureProcess> {
  const env = withoutOtelEnv();
  env.SDK_DOWNSTREAM_DELAY_MS = String(delayMs);
  return spawnFixture("sdk-downstream", [SDK_DOWNSTREAM_FIXTURE], env, "");
}

/** This process's environment less every OTEL_* variable (the bench's own settings must not leak in). */
function withoutOtelEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith("OTEL_")) delete env[key];
  return env;
}

async function spawnFixture(name: string, args: string[], env: NodeJS.ProcessEnv, hint: string): Promise<FixtureProcess> {
  const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env, stdio: ["ignore", "ignore", "pipe"] });
  const tail: string[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => fail("did not print its port within 30 s"), 30_000);
    const fail = (why: string): void => {
      clearTimeout(timer);
      child.kill("SIGKILL");
      reject(new Error(`${name} ${why}. ${hint} Last output:\n${tail.join("\n")}`));
    };
    createInterface({ input: child.stderr! }).on("line", (line) => {
      tail.push(line);
      if (tail.length > 30) tail.shift();
      const m = /listening on (http:\/\/\S+)/.exec(line);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.on("exit", (code, signal) => fail(`exited early (code ${code}, signal ${signal})`));
  });
  return handle(url, child);
}

function handle(url: string, child: ChildProcess): FixtureProcess {
  const pid = child.pid!;
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });
  let stopping: Promise<void> | undefined;
  return {
    url,
    pid,
    sample: () => sampleProcesses(processTree(pid)),
    stop() {
      stopping ??= (async () => {
        child.kill("SIGTERM");
        const killer = setTimeout(() => child.kill("SIGKILL"), 10_000);
        await exited;
        clearTimeout(killer);
      })();
      return stopping;
    },
  };
}
