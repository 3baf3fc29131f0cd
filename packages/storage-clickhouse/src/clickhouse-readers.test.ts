import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SpanKind } from "@skein/model";
import { BASE_TIME_NANO, collect, makeLog, makeSpan, spanIdOf, traceIdOf } from "@skein/storage/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QUERY_CHUNK_ROWS } from "./clickhouse-connection.js";
import { ClickHouseStorage } from "./clickhouse-storage.js";
import { ClickHouseServerProcess } from "./testing/index.js";
import { freshDatabase, killAndDispose } from "./testdata/test-database.js";

const DAY = 86_400_000_000_000n;
let server: ClickHouseServerProcess;
let storage: ClickHouseStorage;
let dataDir: string;

beforeAll(async () => {
  server = await ClickHouseServerProcess.start();
  dataDir = await mkdtemp(join(tmpdir(), "skein-ch-readers-"));
  storage = new ClickHouseStorage({ dataDir, options: { url: server.url, database: freshDatabase(), insertTimeoutMs: 30_000 } });
  await storage.start();
});
afterAll(async () => {
  await storage?.shutdown();
  await killAndDispose([server]);
  await rm(dataDir, { recursive: true, force: true });
});

describe("ClickHouse readers", () => {
  it("stream a large trace in chunks of at most QUERY_CHUNK_ROWS", async () => {
    const t = traceIdOf(1);
    await storage.traces.writer.writeSpans({ spans: Array.from({ length: 2_500 }, (_, i) => makeSpan({ traceId: t, spanId: spanIdOf(i + 1), name: `op-${i % 7}` })) });
    const sizes: number[] = [];
    for await (const chunk of storage.traces.reader.getTrace(t)) sizes.push(chunk.length);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(2_500);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(QUERY_CHUNK_ROWS);
    expect(sizes.length).toBeGreaterThanOrEqual(3);
  });

  it("find a trace whose spans lie on several days, services and writes", async () => {
    const t = traceIdOf(2);
    const spans = [
      makeSpan({ traceId: t, service: "a", name: "x", startTimeUnixNano: BASE_TIME_NANO - 2n * DAY }),
      makeSpan({ traceId: t, service: "b", name: "x", startTimeUnixNano: BASE_TIME_NANO }),
      makeSpan({ traceId: t, service: "a", name: "y", startTimeUnixNano: BASE_TIME_NANO + DAY }),
    ];
    for (const span of spans) await storage.traces.writer.writeSpans({ spans: [span, makeSpan({ traceId: traceIdOf(3), service: span.service, name: span.name, startTimeUnixNano: span.startTimeUnixNano })] });
    const got = await collect(storage.traces.reader.getTrace(t));
    expect(got.map((s) => `${s.service}/${s.name}/${s.startTimeUnixNano}`).sort()).toEqual(spans.map((s) => `${s.service}/${s.name}/${s.startTimeUnixNano}`).sort());
  });

  it("catalog entries written on several days and in several writes come back once", async () => {
    for (let d = 0n; d < 3n; d++) {
      await storage.traces.writer.writeSpans({ spans: [makeSpan({ service: "catalog", name: "GET", kind: SpanKind.SERVER, startTimeUnixNano: BASE_TIME_NANO + d * DAY }), makeSpan({ service: "catalog", name: "GET", kind: SpanKind.CLIENT })] });
    }
    expect((await storage.traces.reader.getServices()).filter((s) => s === "catalog")).toEqual(["catalog"]);
    expect(await storage.traces.reader.getOperations("catalog")).toEqual([
      { name: "GET", kind: "client" },
      { name: "GET", kind: "server" },
    ]);
  });

  it("honour an aborted signal", async () => {
    await storage.logs.writer.writeLogs({ logs: [makeLog()] });
    const signal = AbortSignal.abort(new Error("client went away"));
    await expect(collect(storage.traces.reader.getTrace(traceIdOf(1), signal))).rejects.toThrow("client went away");
    await expect(collect(storage.traces.reader.findTraces({ limit: 10 }, signal))).rejects.toThrow("client went away");
    await expect(collect(storage.logs.reader.findLogs({ limit: 10 }, signal))).rejects.toThrow("client went away");
    await expect(storage.traces.reader.getServices(signal)).rejects.toThrow("client went away");
    await expect(storage.traces.reader.getOperations("catalog", signal)).rejects.toThrow("client went away");
  });

  it("stopping a read early leaves the storage usable", async () => {
    for await (const chunk of storage.traces.reader.getTrace(traceIdOf(1))) {
      expect(chunk.length).toBeGreaterThan(0);
      break;
    }
    expect(await collect(storage.traces.reader.findTraces({ limit: 1 }))).toHaveLength(1);
  });

  it("an id that is not a trace id finds nothing", async () => {
    expect(await collect(storage.traces.reader.getTrace(new Uint8Array(3)))).toEqual([]);
  });
});
