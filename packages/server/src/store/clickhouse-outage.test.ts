import { ClickHouseServerProcess } from "@skein/storage-clickhouse/testing";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../config/load-config.js";
import { startSkein, type RunningSkein } from "../main.js";

const PASSWORD = "Pw-In-Url-77";

/** One span of trace 1111…8888 starting now, as OTLP/JSON. */
function otlpSpan(): string {
  const start = BigInt(Date.now()) * 1_000_000n;
  const span = { traceId: "11112222333344445555666677778888", spanId: "1111222233334444", name: "checkout", startTimeUnixNano: String(start), endTimeUnixNano: String(start + 1_000n) };
  return JSON.stringify({ resourceSpans: [{ resource: { attributes: [{ key: "service.name", value: { stringValue: "shop" } }] }, scopeSpans: [{ spans: [span] }] }] });
}

describe("ClickHouse outage: what API clients, /metrics and the storage log see (real clickhouse-server)", () => {
  let server: ClickHouseServerProcess;
  let dir: string;
  let running: RunningSkein;
  let api: string;
  let post: () => Promise<Response>;
  const lines: string[] = [];
  beforeAll(async () => {
    server = await ClickHouseServerProcess.start({ users: [{ name: "skein", password: PASSWORD }] });
    dir = await mkdtemp(join(tmpdir(), "skein-clickhouse-outage-"));
    const clickhouseUrl = server.url.replace("http://", `http://skein:${PASSWORD}@`);
    const config = await loadConfig({ flags: { dataDir: dir, httpPort: "0", otlpHttpPort: "0", otlpGrpcPort: "0", storage: "clickhouse", clickhouseUrl } });
    // A plain pino logger, not createLogger's (which redacts every line): the storage's own lines must be redacted anyway.
    running = await startSkein(config, pino({ level: "info" }, { write: (line: string) => void lines.push(line) }));
    api = `http://127.0.0.1:${running.httpPort}`;
    const ingest = `http://127.0.0.1:${running.receiverPorts.get("otlp-http")}/v1/traces`;
    post = () => fetch(ingest, { method: "POST", headers: { "content-type": "application/json" }, body: otlpSpan() });
  });
  afterAll(async () => {
    await running?.shutdown();
    await server?.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it("answers /metrics within ~1 s while ClickHouse hangs (SIGSTOP), backlog gauges included", async () => {
    expect((await post()).status).toBe(200);
    expect(await (await fetch(`${api}/metrics`)).text()).toMatch(/^skein_storage_bytes \d+$/m);
    await server.pause();
    try {
      const started = Date.now();
      const text = await (await fetch(`${api}/metrics`)).text();
      expect(Date.now() - started).toBeLessThan(1_500);
      expect(text).toMatch(/^skein_storage_backlog_writes \d+$/m);
      expect(text).toMatch(/^skein_storage_bytes \d+$/m);
    } finally {
      await server.resume();
    }
  });

  it("answers 503 without the URL, the engine's text or the password; no log line has the password", async () => {
    expect((await post()).status).toBe(200);
    expect((await fetch(`${api}/api/v1/services`)).status).toBe(200);

    await server.kill();
    const down = await fetch(`${api}/api/v1/services`);
    const body = await down.text();
    expect(down.status).toBe(503);
    expect(JSON.parse(body)).toEqual({ error: { code: "SKEIN_ERR_STORAGE_UNAVAILABLE", message: "the clickhouse storage is not answering; the server log has the cause" } });
    expect(body).not.toContain(PASSWORD);
    expect(body).not.toContain(new URL(server.url).host);

    // Acknowledged from the spool while ClickHouse is down; the adapter logs the outage.
    expect((await post()).status).toBe(200);
    const storageLines = () => lines.filter((line) => (JSON.parse(line) as { component?: string }).component === "storage");
    await expect.poll(() => storageLines().some((line) => line.includes('"level":40')), { timeout: 10_000 }).toBe(true);
    for (const line of lines) expect(line).not.toContain(PASSWORD);
  });
});
