import { bytesToHex } from "@skein/model";
import { makeLog, makeSpan, traceIdOf } from "@skein/storage/testing";
import { DuckDbStorage } from "@skein/storage-duckdb";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadConfig } from "../config/load-config.js";
import { startSkein, type RunningSkein } from "../main.js";

const DAY_MS = 86_400_000;
const ns = (ms: number) => BigInt(ms) * 1_000_000n;

/** A server with real DuckDB storage and `--retention <retention>`, logging to `lines` (parsed) and `raw` (as written). */
async function start(dataDir: string, lines: Record<string, unknown>[], retention: string, raw: string[] = []): Promise<RunningSkein> {
  const config = await loadConfig({ flags: { dataDir, httpPort: "0", otlpHttpPort: "0", otlpGrpcPort: "0", retention } });
  const logger = pino({ level: "info" }, { write: (line: string) => void (raw.push(line), lines.push(JSON.parse(line) as Record<string, unknown>)) });
  return startSkein(config, logger);
}

/** Stores a span and a log record of 10 days ago and of an hour ago, then closes the file for the server. */
async function seedOldAndRecent(dir: string, now: number): Promise<void> {
  const seed = new DuckDbStorage({ dataDir: dir });
  await seed.start();
  await seed.traces.writer.writeSpans({
    spans: [makeSpan({ traceId: traceIdOf(1), service: "ancient", startTimeUnixNano: ns(now - 10 * DAY_MS) }), makeSpan({ traceId: traceIdOf(2), service: "recent", startTimeUnixNano: ns(now - 3_600_000) })],
  });
  await seed.logs.writer.writeLogs({ logs: [makeLog({ body: "ancient", timeUnixNano: ns(now - 10 * DAY_MS) }), makeLog({ body: "recent", timeUnixNano: ns(now - 60_000) })] });
  await seed.shutdown();
}

describe("skein start --retention (DuckDB)", () => {
  let dir: string;
  let running: RunningSkein | undefined;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "skein-retention-server-"));
  });
  afterEach(async () => {
    await running?.shutdown();
    running = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  it("removes what is older than the window shortly after start; the API and /metrics show it", async () => {
    const now = Date.now();
    await seedOldAndRecent(dir, now);

    const lines: Record<string, unknown>[] = [];
    const raw: string[] = [];
    running = await start(dir, lines, "7d", raw);
    const api = `http://127.0.0.1:${running.httpPort}`;
    await expect.poll(async () => (await (await fetch(`${api}/metrics`)).text()).includes('skein_retention_runs_total{outcome="ok"} 1'), { timeout: 15_000 }).toBe(true);

    expect((await fetch(`${api}/api/v1/traces/${bytesToHex(traceIdOf(1))}`)).status).toBe(404);
    expect((await fetch(`${api}/api/v1/traces/${bytesToHex(traceIdOf(2))}`)).status).toBe(200);
    expect(await (await fetch(`${api}/api/v1/services`)).json()).toEqual({ services: ["recent"] });
    const logs = (await (await fetch(`${api}/api/v1/logs?start=${now - 30 * DAY_MS}&end=${now + 60_000}`)).json()) as { logs: { body: unknown }[] };
    expect(logs.logs.map((l) => l.body)).toEqual(["recent"]);

    const pass = lines.find((line) => line.component === "retention" && line.level === 30 && line.removedBefore !== undefined);
    expect(pass?.msg).toMatch(/^retention: removed spans and logs older than \d{4}-\d\d-\d\dT/);
    const boundary = Date.parse(String(pass?.removedBefore));
    expect(boundary).toBeGreaterThan(now - 7 * DAY_MS - 1);
    expect(boundary).toBeLessThan(Date.now() - 7 * DAY_MS + 1);

    // Announced at start; the scheduler's lines carry the component of their child logger only.
    expect(lines.filter((line) => line.component === "retention").map((line) => line.msg)).toEqual(["retention: keeping 7d, first pass in 1 s", pass?.msg]);
    const retentionLines = raw.filter((line) => line.includes('"component":"retention"'));
    expect(retentionLines).toHaveLength(2);
    // JSON.parse keeps one of two duplicate keys: count them in the text.
    for (const line of retentionLines) expect(line.split('"component":').length - 1).toBe(1);
  });

  it("keeps everything without --retention", async () => {
    const now = Date.now();
    await seedOldAndRecent(dir, now);
    const lines: Record<string, unknown>[] = [];
    running = await start(dir, lines, "0");
    const api = `http://127.0.0.1:${running.httpPort}`;
    // Past the moment a first pass would have run (1 s after start).
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await (await fetch(`${api}/metrics`)).text()).not.toContain("skein_retention_runs_total");
    expect(lines.filter((line) => line.component === "retention")).toEqual([]);

    expect((await fetch(`${api}/api/v1/traces/${bytesToHex(traceIdOf(1))}`)).status).toBe(200);
    expect((await fetch(`${api}/api/v1/traces/${bytesToHex(traceIdOf(2))}`)).status).toBe(200);
    expect(await (await fetch(`${api}/api/v1/services`)).json()).toEqual({ services: ["ancient", "recent"] });
    const logs = (await (await fetch(`${api}/api/v1/logs?start=${now - 30 * DAY_MS}&end=${now + 60_000}`)).json()) as { logs: { body: unknown }[] };
    expect(logs.logs.map((l) => l.body).sort()).toEqual(["ancient", "recent"]);
  });
});
