import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { createWriteStream } from "node:fs";
import { createInterface } from "node:readline";
import { HttpClient } from "./http-client.js";
import { processTree, sampleProcesses } from "./proc-stats.js";
import type { ProcSample } from "./proc-stats.js";
import { REPO_ROOT, SKEIN_BIN } from "./repo-paths.js";

/**
 * A real `skein start` process on loopback with OS-assigned ports. The URLs are read from the
 * banner the server prints once ready; its output is appended to `logFile`.
 */
export interface SkeinServer {
  readonly pid: number;
  readonly apiUrl: string;
  readonly otlpHttpUrl: string;
  /** Memory/CPU of the server (process tree). */
  sample(): ProcSample;
  /**
   * Why the server ended before stop() was called (crash, or a signal from another process), or
   * undefined while it runs as expected. Scenarios put this in their notes.
   */
  unexpectedExit(): string | undefined;
  /** SIGTERM, then waits for the exit (the server checkpoints on shutdown). Idempotent. */
  stop(): Promise<{ exitCode: number | null; signal: string | null; ms: number }>;
}

export interface StartOptions {
  dataDir: string;
  logFile: string;
  memoryLimit?: string;
  readyTimeoutMs?: number;
  /** more `skein start` flags, e.g. `--storage clickhouse --clickhouse-url …` */
  extraArgs?: string[];
}

/** Servers still running when the bench exits (error, Ctrl-C) are killed rather than orphaned. */
const live = new Set<ChildProcess>();
process.on("exit", () => {
  for (const child of live) child.kill("SIGKILL");
});

export async function startSkein(options: StartOptions): Promise<SkeinServer> {
  const args = [
    SKEIN_BIN, "start", "--data-dir", options.dataDir, "--host", "127.0.0.1",
    "--http-port", "0", "--otlp-http-port", "0", "--otlp-grpc-port", "0",
    "--storage-memory-limit", options.memoryLimit ?? "1GiB", ...(options.extraArgs ?? []),
  ];
  // SKEIN_BENCH_SERVER_NODE_ARGS passes flags to the server's node, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
  const nodeArgs = (process.env.SKEIN_BENCH_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, ...args], { cwd: REPO_ROOT, stdio: ["ignore", "pipe", "pipe"] });
  live.add(child);
  child.on("exit", () => live.delete(child));
  const log = createWriteStream(options.logFile, { flags: "a" });
  const tail: string[] = [];
  const remember = (line: string): void => {
    log.write(line + "\n");
    tail.push(line);
    if (tail.length > 40) tail.shift();
  };
  createInterface({ input: child.stderr! }).on("line", remember);
  const exited = new Promise<{ exitCode: number | null; signal: string | null }>((resolve) =>
    child.on("exit", (exitCode, signal) => resolve({ exitCode, signal })),
  );

  const urls = await new Promise<{ api: string; otlp: string }>((resolve, reject) => {
    let ready = false;
    let settled = false;
    let api: string | undefined;
    let otlp: string | undefined;
    const timer = setTimeout(() => fail(`not ready within ${options.readyTimeoutMs ?? 60_000} ms`), options.readyTimeoutMs ?? 60_000);
    const fail = (why: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill("SIGKILL");
      reject(new Error(`skein start ${why}. Last output:\n${tail.join("\n")}`));
    };
    createInterface({ input: child.stdout! }).on("line", (line) => {
      remember(line);
      if (line.includes("Skein is ready")) ready = true;
      api ??= /UI and API:\s+(http:\/\/\S+)/.exec(line)?.[1];
      otlp ??= /OTLP\/HTTP:\s+(http:\/\/\S+)/.exec(line)?.[1];
      if (ready && api && otlp && !settled) {
        settled = true;
        clearTimeout(timer);
        resolve({ api, otlp });
      }
    });
    void exited.then((e) => fail(`exited early (code ${e.exitCode}, signal ${e.signal})`));
  });
  await waitHealthy(urls.api);
  return makeServer(child, urls.api, urls.otlp, exited, log);
}

async function waitHealthy(apiUrl: string): Promise<void> {
  const client = new HttpClient(apiUrl, 1);
  try {
    for (let i = 0; i < 100; i++) {
      const res = await client.send("GET", "/api/v1/health").catch(() => undefined);
      if (res?.status === 200) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`GET ${apiUrl}/api/v1/health never returned 200`);
  } finally {
    client.close();
  }
}

function makeServer(
  child: ChildProcess,
  apiUrl: string,
  otlpHttpUrl: string,
  exited: Promise<{ exitCode: number | null; signal: string | null }>,
  log: NodeJS.WritableStream,
): SkeinServer {
  const pid = child.pid!;
  let stopping: Promise<{ exitCode: number | null; signal: string | null; ms: number }> | undefined;
  let unexpected: string | undefined;
  void exited.then((e) => {
    if (!stopping) unexpected = `the server exited before the bench stopped it (code ${e.exitCode}, signal ${e.signal}); if bench/.data/server.log shows a SIGTERM, another process sent it`;
  });
  return {
    pid,
    apiUrl,
    otlpHttpUrl,
    sample: () => sampleProcesses(processTree(pid)),
    unexpectedExit: () => unexpected,
    stop() {
      stopping ??= (async () => {
        const started = performance.now();
        if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
        const killer = setTimeout(() => child.kill("SIGKILL"), 120_000);
        const result = await exited;
        clearTimeout(killer);
        log.end();
        return { ...result, ms: performance.now() - started };
      })();
      return stopping;
    },
  };
}
