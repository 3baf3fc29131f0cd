import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SpanKind, StatusCode } from "@skein/model";
import { collect } from "@skein/storage/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ClickHouseStorage } from "./clickhouse-storage.js";
import { ClickHouseServerProcess } from "./testing/index.js";
import { hostileString, prng } from "./testdata/hostile-strings.js";
import { freshDatabase, killAndDispose } from "./testdata/test-database.js";

// Fuzz: hostile strings as rollup keys (service, operation, edge nodes) and alert documents
// (bodies, rule ids) are written through the TabSeparated path, queried back by value through
// sqlLiteral, and come back as their well-formed selves (lone surrogates become U+FFFD).

const seed = Number(process.env.SKEIN_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const withSeed = (what: string) => `${what} (replay with SKEIN_FUZZ_SEED=${seed})`;
const wellFormed = (s: string) => (s as unknown as { toWellFormed(): string }).toWellFormed();
const T0 = Date.UTC(2024, 2, 1);

let server: ClickHouseServerProcess;
let storage: ClickHouseStorage;
let dataDir: string;
beforeAll(async () => {
  server = await ClickHouseServerProcess.start();
  dataDir = await mkdtemp(join(tmpdir(), "skein-ch-hostile-"));
  storage = new ClickHouseStorage({ dataDir, options: { url: server.url, database: freshDatabase(), insertTimeoutMs: 30_000 } });
  await storage.start();
});
afterAll(async () => {
  await storage?.shutdown();
  await killAndDispose([server]);
  await rm(dataDir, { recursive: true, force: true });
});

it("rollup keys come back exactly, and a filter by a hostile value finds exactly its row", async () => {
  const random = prng(seed);
  // Distinct after well-forming, so each service has exactly one row.
  const names = [...new Map(Array.from({ length: 300 }, () => hostileString(random)).map((s) => [wellFormed(s), s])).values()];
  await storage.metrics.writer.writeRollups({
    spanMetrics: names.map((name, i) => ({ minuteUnixMs: T0, service: name, operation: `${name}/op`, kind: SpanKind.CLIENT, status: StatusCode.OK, buckets: [{ bucket: i % 289, count: i + 1 }] })),
    serviceGraph: names.map((name, i) => ({ minuteUnixMs: T0, source: name, sourceType: "service", target: `${name}>`, targetType: "external", failed: false, buckets: [{ bucket: 1, count: i + 1 }] })),
  });
  const range = { startUnixMs: T0, endUnixMs: T0 + 60_000, stepMs: 60_000 };
  const all = (await collect(storage.metrics.reader.querySpanMetrics({ ...range, groupBy: { service: true, operation: true } }))).flat();
  const byService = new Map(all.map((c) => [c.service, c]));
  const graph = new Map((await collect(storage.metrics.reader.queryServiceGraph(range))).flat().map((c) => [c.source, c]));
  for (const [i, name] of names.entries()) {
    const expected = wellFormed(name);
    expect(byService.get(expected), withSeed(JSON.stringify(name))).toMatchObject({ operation: `${expected}/op`, bucket: i % 289, count: i + 1 });
    expect(graph.get(expected), withSeed(JSON.stringify(name))).toMatchObject({ target: `${expected}>`, count: i + 1 });
  }
  for (const [i, name] of names.slice(0, 40).entries()) {
    const one = (await collect(storage.metrics.reader.querySpanMetrics({ ...range, services: [name], operation: `${name}/op`, groupBy: {} }))).flat();
    expect(one.map((c) => c.count), withSeed(JSON.stringify(name))).toEqual([i + 1]);
  }
});

it("alert bodies and rule ids come back exactly", async () => {
  const random = prng(seed + 1);
  const bodies = Array.from({ length: 200 }, () => hostileString(random));
  for (const [i, body] of bodies.entries()) {
    await storage.alerts.putRule({ id: `rule-${i}`, updatedAtUnixMs: i, body });
    await storage.alerts.appendEvent({ id: `event-${i}`, ruleId: body, timeUnixMs: i, body });
  }
  const rules = await storage.alerts.listRules();
  expect(rules).toHaveLength(bodies.length);
  for (const rule of rules) expect(rule.body, withSeed(rule.id)).toBe(wellFormed(bodies[Number(rule.id.slice(5))]!));
  for (const [i, body] of bodies.slice(0, 40).entries()) {
    const events = (await collect(storage.alerts.findEvents({ ruleId: body, startUnixMs: i, endUnixMs: i, limit: 5 }))).flat();
    expect(events, withSeed(JSON.stringify(body))).toEqual([{ id: `event-${i}`, ruleId: wellFormed(body), timeUnixMs: i, body: wellFormed(body) }]);
  }
});
