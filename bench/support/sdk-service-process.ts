import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { processTree, sampleProcesses } from "./proc-stats.js";
import type { ProcSample } from "./proc-stats.js";
import { BENCH_DIR, REPO_ROOT } from "./repo-paths.js";

export const SDK_SERVICE_FIXTURE = join(BENCH_DIR, "fixtures", "sdk-service.mjs");
/** service.name of the instrumented variant, to find its spans and logs in Skein afterwards. */
export const SDK_SERVICE_NAME = "sdk-bench-service";

export type ServiceVariant = "baseline" | "instrumented";

/** The fixture service, running; `url` is its POST /checkout endpoint. */
export interface ServiceProcess {
  readonly variant: ServiceVariant;
  readonly url: string;
  /** CPU and memory of the service process so far. */
  sample(): ProcSample;
  /** SIGTERM, then the exit (SIGKILL after 10 s). Idempotent. */
  stop(): Promise<void>;
}

/**
 * Starts bench/fixtures/sdk-service.mjs: `node fixture` (baseline) or `node --import
 * @skein/node/register fixture` exporting to `otlpHttpUrl` (instrumented; the SDK's default
 * batching, as a user would run it). pino's stdout goes to /dev/null; stderr is kept for errors.
 * Rejects with the service's last output when it does not announce its port within 30 s.
 */
export async function startService(variant: ServiceVariant, otlpHttpUrl: string): Promise<ServiceProcess> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith("OTEL_")) delete env[key];
  const args = [SDK_SERVICE_FIXTURE];
  if (variant === "instrumented") {
    args.unshift("--import", "@skein/node/register");
    Object.assign(env, { OTEL_SERVICE_NAME: SDK_SERVICE_NAME, OTEL_EXPORTER_OTLP_ENDPOINT: otlpHttpUrl });
  }
  const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env, stdio: ["ignore", "ignore", "pipe"] });
  const tail: string[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => fail("did not print its port within 30 s"), 30_000);
    const fail = (why: string): void => {
      clearTimeout(timer);
      child.kill("SIGKILL");
      reject(new Error(`sdk-service (${variant}) ${why}. Is @skein/node built (npx tsc -b packages/node)? Last output:\n${tail.join("\n")}`));
    };
    createInterface({ input: child.stderr! }).on("line", (line) => {
      tail.push(line);
      if (tail.length > 30) tail.shift();
      const m = /listening on (http:\/\/\S+)/.exec(line);
      if (m) {
        clearTimeout(timer);
        resolve(`${m[1]}/checkout`);
      }
    });
    child.on("exit", (code, signal) => fail(`exited early (code ${code}, signal ${signal})`));
  });
  return handle(variant, url, child);
}

function handle(variant: ServiceVariant, url: string, child: ChildProcess): ServiceProcess {
  const pid = child.pid!;
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });
  let stopping: Promise<void> | undefined;
  return {
    variant,
    url,
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
