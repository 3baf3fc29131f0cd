/**
 * Spawns the real built `skein` binary (bin/skein.js → dist/). Builds the server first, so it
 * always runs the current source.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const repo = fileURLToPath(new URL("../../../../", import.meta.url));
const bin = join(repo, "packages/server/bin/skein.js");
const children: ChildProcess[] = [];

interface Skein {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<number | null>;
}

/** Starts `skein` with SKEIN_* variables of this process removed. */
function skein(...args: string[]): Skein {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("SKEIN_")));
  const child = spawn(process.execPath, [bin, ...args], { cwd: repo, env, stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, stdout: () => stdout, stderr: () => stderr, exit };
}

/** Resolves with the banner's five lines once printed; rejects if the process exits first. */
async function ready(process: Skein): Promise<string> {
  for (let waited = 0; waited < 30_000; waited += 50) {
    if (/Skein is ready\n(.*\n){4}/.test(process.stdout())) return process.stdout();
    if (process.child.exitCode !== null) throw new Error(`skein exited ${process.child.exitCode}: ${process.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`skein not ready after 30s: ${process.stderr()}`);
}

function freshDataDir(): string {
  return join(mkdtempSync(join(tmpdir(), "skein-bin-")), "data");
}

const ephemeral = ["--http-port", "0", "--otlp-http-port", "0", "--otlp-grpc-port", "0"];

beforeAll(() => {
  execFileSync(process.execPath, [join(repo, "node_modules/typescript/bin/tsc"), "-b", "packages/server"], { cwd: repo, stdio: "pipe" });
});

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
});

describe("skein start (built binary)", () => {
  it("serves health and metrics, ingests OTLP, and stops cleanly on SIGTERM", async () => {
    const dataDir = freshDataDir();
    const server = skein("start", ...ephemeral, "--data-dir", dataDir);
    const banner = await ready(server);
    const api = /UI and API: +(http:\/\/127\.0\.0\.1:\d+)\n/.exec(banner)?.[1];
    const otlp = /OTLP\/HTTP: +(http:\/\/127\.0\.0\.1:\d+) {2}\(POST \/v1\/traces, \/v1\/logs\)\n/.exec(banner)?.[1];
    expect(banner).toMatch(/OTLP\/gRPC: +127\.0\.0\.1:[1-9]\d*\n/);
    expect(banner).toContain(`Data:          ${dataDir} (duckdb)\n`);
    expect(api).toBeDefined();
    expect(otlp).toBeDefined();

    const health = await fetch(`${api}/api/v1/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok" });

    const span = {
      traceId: "5b8efff798038103d269b633813fc60c",
      spanId: "eee19b7ec3c1b174",
      name: "GET /",
      kind: 2,
      startTimeUnixNano: "1700000000000000000",
      endTimeUnixNano: "1700000000250000000",
    };
    const body = { resourceSpans: [{ resource: { attributes: [{ key: "service.name", value: { stringValue: "shop" } }] }, scopeSpans: [{ spans: [span] }] }] };
    const exported = await fetch(`${otlp}/v1/traces`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    expect(exported.status).toBe(200);

    const metrics = await fetch(`${api}/metrics`);
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get("content-type")).toContain("text/plain");
    const text = await metrics.text();
    expect(text).toContain('skein_receiver_items_accepted_total{receiver="otlp-http",signal="traces"} 1');
    expect(text).toContain('skein_storage_commit_duration_seconds_count{signal="traces"} 1');
    expect(text).toMatch(/^skein_storage_bytes [1-9]\d*$/m);
    expect(text).toMatch(/^skein_pipeline_rows_in_flight 0$/m);
    expect(text).toMatch(/^skein_process_cpu_seconds_total /m);

    server.child.kill("SIGTERM");
    expect(await server.exit).toBe(0);
    expect(readdirSync(dataDir).filter((name) => name.endsWith(".duckdb"))).toHaveLength(1);
  });

  it("exits 1 explaining a port in use and a data dir held by another process", async () => {
    const dataDir = freshDataDir();
    const first = skein("start", ...ephemeral, "--data-dir", dataDir);
    const apiPort = /UI and API: +http:\/\/127\.0\.0\.1:(\d+)/.exec(await ready(first))?.[1] ?? "";

    const portTaken = skein("start", ...ephemeral, "--http-port", apiPort, "--data-dir", freshDataDir());
    expect(await portTaken.exit).toBe(1);
    expect(portTaken.stderr()).toContain(`Port ${apiPort} is already in use`);
    expect(portTaken.stderr()).toContain("--http-port");

    const locked = skein("start", ...ephemeral, "--data-dir", dataDir);
    expect(await locked.exit).toBe(1);
    expect(locked.stderr()).toContain("Another process (probably another Skein) holds the duckdb file");
    expect(locked.stderr()).toContain("--data-dir");

    first.child.kill("SIGINT");
    expect(await first.exit).toBe(0);
  });

  it("with --retention shows the window in the banner and logs it at start, each line naming its component once", async () => {
    const dataDir = freshDataDir();
    const server = skein("start", ...ephemeral, "--data-dir", dataDir, "--retention", "90m");
    expect(await ready(server)).toContain(`Data:          ${dataDir} (duckdb; retention 90m)\n`);
    await expect.poll(() => server.stderr().includes("retention: removed"), { timeout: 10_000 }).toBe(true);
    const lines = server.stderr().split("\n").filter((line) => line.includes('"component":"retention"'));
    expect(lines.map((line) => (JSON.parse(line) as { msg: string }).msg)).toEqual(["retention: keeping 90m, first pass in 1 s", expect.stringMatching(/^retention: removed spans and logs older than /)]);
    // JSON.parse keeps one of two duplicate keys: count them in the text.
    for (const line of lines) expect(line.split('"component":').length - 1).toBe(1);
    server.child.kill("SIGTERM");
    expect(await server.exit).toBe(0);
  });

  it("exits 2 on a bad configuration value without creating the data dir", async () => {
    const dataDir = freshDataDir();
    const bad = skein("start", ...ephemeral, "--storage-memory-limit", "huge", "--data-dir", dataDir);
    expect(await bad.exit).toBe(2);
    expect(bad.stderr()).toContain("storageMemoryLimit");
    expect(existsSync(dataDir)).toBe(false);
  });
});
