import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { freePort } from "./support/free-port.js";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getJson, post, randomHex } from "./support/api-client.js";
import { logsRequestJson, makeRawTrace, nowNs, traceRequestJson } from "./support/otlp-payloads.js";
import { runSkein, SkeinProcess } from "./support/skein-process.js";

// The `skein` command: help, configuration sources and their precedence, refusal of invalid
// values, and the self-metrics endpoint.

let workDir: string;
beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), "skein-e2e-cli-"));
});
afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

async function writeConfig(values: Record<string, unknown>): Promise<string> {
  const path = join(workDir, `config-${randomHex(4)}.yaml`);
  await writeFile(path, Object.entries(values).map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join("\n") + "\n");
  return path;
}

function portOf(url: string): number {
  return Number(new URL(url).port);
}

describe("skein --help", () => {
  it("lists the commands, and `start --help` lists every start flag", async () => {
    const top = await runSkein(["--help"]);
    expect(top.code, top.stderr).toBe(0);
    expect(top.stdout).toMatch(/\bstart\b/);
    const start = await runSkein(["start", "--help"]);
    expect(start.code, start.stderr).toBe(0);
    for (const flag of ["--data-dir", "--host", "--http-port", "--otlp-http-port", "--otlp-grpc-port", "--max-request-bytes", "--cors-origins", "--storage", "--config"]) {
      expect(start.stdout, flag).toContain(flag);
    }
  });
});

describe("configuration precedence: flags > env SKEIN_* > --config YAML", () => {
  /** Starts with the API port left to the sources under test; other ports ephemeral. */
  async function startWith(configPath: string, env: Record<string, string>, extra: string[]): Promise<SkeinProcess> {
    return SkeinProcess.start({
      ephemeralPorts: false,
      env,
      args: ["--host", "127.0.0.1", "--otlp-http-port", "0", "--otlp-grpc-port", "0", "--config", configPath, ...extra],
    });
  }
  async function expectApiPort(server: SkeinProcess, port: number): Promise<void> {
    try {
      expect(portOf(server.endpoints.apiUrl), server.describe()).toBe(port);
      expect((await getJson(`http://127.0.0.1:${port}/api/v1/health`)).status).toBe(200);
      expect(await server.stop(), server.describe()).toBe(0);
    } finally {
      await server.cleanup();
    }
  }

  it("the YAML file sets the HTTP port when nothing else does", async () => {
    const fromFile = await freePort();
    const config = await writeConfig({ httpPort: fromFile, logLevel: "warn" });
    await expectApiPort(await startWith(config, {}, []), fromFile);
  });

  it("env SKEIN_HTTP_PORT beats the YAML file", async () => {
    const [fromFile, fromEnv] = [await freePort(), await freePort()];
    const config = await writeConfig({ httpPort: fromFile });
    await expectApiPort(await startWith(config, { SKEIN_HTTP_PORT: String(fromEnv) }, []), fromEnv);
  });

  it("--http-port beats env and the YAML file", async () => {
    const [fromFile, fromEnv, fromFlag] = [await freePort(), await freePort(), await freePort()];
    const config = await writeConfig({ httpPort: fromFile });
    await expectApiPort(await startWith(config, { SKEIN_HTTP_PORT: String(fromEnv) }, ["--http-port", String(fromFlag)]), fromFlag);
  });
});

describe("invalid configuration exits non-zero with a message naming the key", () => {
  /** Ephemeral ports by flag, except for `keys` (set by the case through env or file). */
  const portFlags = (...keys: string[]): string[] =>
    ["--http-port", "--otlp-http-port", "--otlp-grpc-port"].filter((f) => !keys.includes(f)).flatMap((f) => [f, "0"]);
  const cases: [string, () => Promise<{ args: string[]; env: Record<string, string> }>, RegExp][] = [
    ["a non-numeric --http-port", async () => ({ args: [...portFlags("--http-port"), "--http-port", "notaport"], env: {} }), /http-port|httpPort/],
    ["an out-of-range SKEIN_HTTP_PORT", async () => ({ args: portFlags("--http-port"), env: { SKEIN_HTTP_PORT: "99999" } }), /SKEIN_HTTP_PORT/],
    ["a bad --max-request-bytes", async () => ({ args: [...portFlags(), "--max-request-bytes", "lots"], env: {} }), /max-request-bytes|maxRequestBytes/],
    ["an unknown storage kind", async () => ({ args: [...portFlags(), "--storage", "floppy"], env: {} }), /storage/],
    ["an unknown key in the YAML file", async () => ({ args: [...portFlags(), "--config", await writeConfig({ httpPrt: 1 })], env: {} }), /httpPrt/],
    [
      "a wrongly typed key in the YAML file",
      async () => ({ args: [...portFlags("--otlp-grpc-port"), "--config", await writeConfig({ otlpGrpcPort: "grpc" })], env: {} }),
      /otlpGrpcPort/,
    ],
    ["a missing --config file", async () => ({ args: [...portFlags(), "--config", join(workDir, "missing.yaml")], env: {} }), /missing\.yaml/],
  ];
  it.each(cases)("%s", async (_name, make, names) => {
    const { args, env } = await make();
    const dataDir = join(workDir, `data-${randomHex(4)}`);
    const result = await runSkein(["start", "--data-dir", dataDir, "--host", "127.0.0.1", ...args], env);
    expect(result.stdout, "started although the configuration is invalid").not.toContain("Skein is ready");
    expect(result.code, `${result.stdout}\n${result.stderr}`).not.toBe(0);
    expect(result.code).not.toBeNull();
    expect(result.stderr + result.stdout).toMatch(names);
  });
});

describe("GET /metrics", () => {
  let skein: SkeinProcess;
  beforeAll(async () => {
    skein = await SkeinProcess.start();
  });
  afterAll(async () => {
    await skein?.cleanup();
  });

  /** Sum of the samples of `name` whose labels include every `labels` pair. */
  function sample(text: string, name: string, labels: Record<string, string>): number {
    let sum = 0;
    for (const line of text.split("\n")) {
      const m = /^([a-zA-Z_:][\w:]*)(\{[^}]*\})?\s+(\S+)/.exec(line);
      if (!m || m[1] !== name) continue;
      const set = m[2] ?? "";
      if (Object.entries(labels).every(([k, v]) => set.includes(`${k}="${v}"`))) sum += Number(m[3]);
    }
    return sum;
  }

  it("counts accepted traces and logs, rejected items by reason, and has process metrics", async () => {
    const otlp = skein.endpoints.otlpHttpUrl;
    const json = { "content-type": "application/json" };
    const t = makeRawTrace(3, nowNs(-1_000), "metrics");
    expect((await post(`${otlp}/v1/traces`, JSON.stringify(traceRequestJson("metrics-svc", t.spans)), json)).status).toBe(200);
    const logs = logsRequestJson("metrics-svc", [
      { timeUnixNano: nowNs(-500), severityNumber: 9, body: "one" },
      { timeUnixNano: nowNs(-400), severityNumber: 17, body: "two" },
    ]);
    expect((await post(`${otlp}/v1/logs`, JSON.stringify(logs), json)).status).toBe(200);
    const bad = makeRawTrace(2, nowNs(-300), "metrics-bad");
    bad.spans[1]!.spanId = "00".repeat(8);
    expect((await post(`${otlp}/v1/traces`, JSON.stringify(traceRequestJson("metrics-svc", bad.spans)), json)).status).toBe(200);
    expect((await post(`${otlp}/v1/traces`, "{ nope", json)).status).toBe(400);
    expect((await post(`${otlp}/v1/logs`, "x", { "content-type": "text/plain" })).status).toBe(415);

    const res = await fetch(`${skein.endpoints.apiUrl}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/plain|openmetrics/);
    const text = await res.text();
    expect(sample(text, "skein_receiver_items_accepted_total", { signal: "traces" })).toBeGreaterThanOrEqual(4);
    expect(sample(text, "skein_receiver_items_accepted_total", { signal: "logs" })).toBeGreaterThanOrEqual(2);
    expect(sample(text, "skein_receiver_items_rejected_total", { signal: "traces", reason: "invalid_id" })).toBeGreaterThanOrEqual(1);
    const requestRejections = (reason: string) =>
      text.split("\n").filter((l) => l.startsWith("skein_receiver_") && l.includes(`reason="${reason}"`)).map((l) => Number(l.split(/\s+/).pop()));
    expect(requestRejections("malformed").some((v) => v >= 1), text).toBe(true);
    expect(requestRejections("unsupported_media_type").some((v) => v >= 1), text).toBe(true);
    expect(text).toMatch(/^(skein_)?process_cpu_user_seconds_total(\{[^}]*\})? \d/m);
    expect(text).toMatch(/^(skein_)?process_resident_memory_bytes(\{[^}]*\})? \d/m);
  });
});
