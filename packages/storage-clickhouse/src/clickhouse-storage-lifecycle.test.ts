import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { collect, makeSpan, traceIdOf } from "@skein/storage/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ClickHouseStorage, SPOOL_DIR } from "./clickhouse-storage.js";
import adapter from "./index.js";
import { ClickHouseServerProcess, freePort, startClickHouseCluster } from "./testing/index.js";
import type { ClickHouseTestCluster } from "./testing/index.js";
import { directorySizeBytes } from "./storage-size.js";
import { freshDatabase, killAndDispose } from "./testdata/test-database.js";

let server: ClickHouseServerProcess;
let cluster: ClickHouseTestCluster;
const dirs: string[] = [];
const started: ClickHouseStorage[] = [];
const logged: string[] = [];

beforeAll(async () => {
  [server, cluster] = await Promise.all([ClickHouseServerProcess.start({ users: [{ name: "alice", password: "correct horse" }] }), startClickHouseCluster({ shards: 2 })]);
});
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.shutdown()));
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});
afterAll(() => killAndDispose([server, ...(cluster?.servers ?? [])]));

async function storage(options: Record<string, unknown>): Promise<ClickHouseStorage> {
  const dataDir = await mkdtemp(join(tmpdir(), "skein-ch-lifecycle-"));
  dirs.push(dataDir);
  // The server's logger arrives as StorageOptions.logger (pino-shaped: fields first, then the message).
  const log = (level: string) => (fields: object, message: string) => void logged.push(`${level}: ${message} ${JSON.stringify(fields)}`);
  const s = new ClickHouseStorage({ dataDir, logger: { info: log("info"), warn: log("warn"), error: log("error") }, options: { database: freshDatabase(), ...options } });
  started.push(s);
  return s;
}

describe("ClickHouseStorage start", () => {
  it("is what the package exports by default, and create() does no I/O", async () => {
    expect(adapter.kind).toBe("clickhouse");
    const s = adapter.create({ dataDir: "/nonexistent/never-created", options: { url: `http://127.0.0.1:${await freePort()}` } });
    expect(s.kind).toBe("clickhouse");
    expect(s.capabilities).toEqual({ attributeFilters: true, regex: true, booleanFilters: true });
    await s.shutdown();
  });

  it("detects the server version and exposes it", async () => {
    const s = await storage({ url: server.url });
    expect(s.serverVersion).toBeUndefined();
    await s.start();
    expect(s.serverVersion?.text).toMatch(/^\d+\.\d+/);
    expect(s.serverVersion?.features).toHaveProperty("ttl");
  });

  it("unreachable ClickHouse: an actionable error naming the URL", async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const s = await storage({ url });
    const error = (await s.start().catch((e: unknown) => e)) as Error & { code: string };
    expect(error.code).toBe("SKEIN_ERR_STORAGE_UNAVAILABLE");
    expect(error.message).toContain(`cannot reach ClickHouse at ${url}`);
    expect(error.message).toMatch(/ECONNREFUSED/);
    expect(error.message).toMatch(/Check that clickhouse-server is running.*--clickhouse-url/);
    await expect(collect(s.traces.reader.getTrace(traceIdOf(1)))).rejects.toMatchObject({ code: "SKEIN_ERR_STORAGE_CLOSED" });
  });

  it("wrong password: names the user and what to check, never the password", async () => {
    const s = await storage({ url: server.url, user: "alice", password: "wrong battery" });
    const error = (await s.start().catch((e: unknown) => e)) as Error & { code: string };
    expect(error.code).toBe("SKEIN_ERR_STORAGE_UNAVAILABLE");
    expect(error.message).toMatch(/ClickHouse at .* refused user "alice": .*password/i);
    expect(error.message).toMatch(/--clickhouse-user.*SKEIN_CLICKHOUSE_PASSWORD/);
    expect(error.message).not.toContain("wrong battery");
  });

  it("a user and password in the URL: they log in, start errors name the URL's user, and nothing shows the password", async () => {
    const withLogin = (url: string, password: string) => url.replace("://", `://alice:${encodeURIComponent(password)}@`);
    const secrets = /wrong secret|correct horse|wrong%20secret|correct%20horse/;
    const refused = await storage({ url: withLogin(server.url, "wrong secret"), user: "default", password: "correct horse" });
    const error = (await refused.start().catch((e: unknown) => e)) as Error & { code: string };
    expect(error.code).toBe("SKEIN_ERR_STORAGE_UNAVAILABLE");
    expect(error.message).toContain(`ClickHouse at ${server.url} refused user "alice"`);
    const unreachableUrl = `http://127.0.0.1:${await freePort()}`;
    const unreachable = await storage({ url: withLogin(unreachableUrl, "correct horse") });
    const down = (await unreachable.start().catch((e: unknown) => e)) as Error;
    expect(down.message).toContain(`cannot reach ClickHouse at ${unreachableUrl} (`);
    for (const failure of [error, down]) {
      for (let e: unknown = failure; e instanceof Error; e = e.cause) expect(`${String(e)} ${e.stack ?? ""}`).not.toMatch(secrets);
    }
    const right = await storage({ url: withLogin(server.url, "correct horse"), user: "default", password: "" });
    await right.start();
    await right.traces.writer.writeSpans({ spans: [makeSpan({ traceId: traceIdOf(7) })] });
    expect(await collect(right.traces.reader.getTrace(traceIdOf(7)))).toHaveLength(1);
    expect(logged.join("\n")).not.toMatch(secrets);
  });

  it("the right password works", async () => {
    const s = await storage({ url: server.url, user: "alice", password: "correct horse" });
    await s.start();
    await s.traces.writer.writeSpans({ spans: [makeSpan({ traceId: traceIdOf(1) })] });
    expect(await collect(s.traces.reader.getTrace(traceIdOf(1)))).toHaveLength(1);
  });

  it("invalid options: rejected by start() naming the key", async () => {
    const s = await storage({ url: server.url, databse: "typo" });
    await expect(s.start()).rejects.toMatchObject({ code: "SKEIN_ERR_CLICKHOUSE_OPTIONS", message: expect.stringMatching(/unknown option "databse"/) });
  });

  it("a cluster shard that does not answer is named", async () => {
    const missing = `http://127.0.0.1:${await freePort()}`;
    const s = await storage({ url: cluster.servers[0]!.url, cluster: "skein", shardUrls: [cluster.servers[0]!.url, missing] });
    await expect(s.start()).rejects.toMatchObject({ message: expect.stringContaining(`cannot reach ClickHouse at ${missing}`) });
  });

  it("a cluster the servers do not know fails start, naming --clickhouse-cluster and remote_servers, before any table is made", async () => {
    const database = freshDatabase();
    const s = await storage({ database, url: cluster.servers[0]!.url, cluster: "nope", shardUrls: cluster.servers.map((c) => c.url) });
    await expect(s.start()).rejects.toMatchObject({
      code: "SKEIN_ERR_CLICKHOUSE_OPTIONS",
      message: expect.stringMatching(/knows no cluster nope \(it has .*skein.*\): --clickhouse-cluster must name a cluster of the remote_servers/),
    });
    for (const shard of cluster.servers) expect(await shard.sql(`SELECT count() FROM system.databases WHERE name = '${database}'`)).toBe("0\n");
  });

  it("shard URLs that do not match the cluster's shard count fail start before any table is made", async () => {
    const database = freshDatabase();
    const [first] = cluster.servers.map((c) => c.url);
    // The same server twice (once with a trailing slash) is one shard server.
    const s = await storage({ database, url: first, cluster: "skein", shardUrls: [first, `${first}/`] });
    await expect(s.start()).rejects.toMatchObject({
      code: "SKEIN_ERR_CLICKHOUSE_OPTIONS",
      message: expect.stringMatching(/cluster skein has 2 shards .* but --clickhouse-shard-urls lists 1: list the HTTP URL of one server of every shard/),
    });
    expect(await cluster.servers[0]!.sql(`SELECT count() FROM system.databases WHERE name = '${database}'`)).toBe("0\n");
  });

  it("a shard of the cluster without the schema (a listed server that is not a shard) fails start naming that shard", async () => {
    // Knows cluster skein (2 shards) but is none of them: listed instead of shard 2, the count matches.
    const outsider = await ClickHouseServerProcess.start({ cluster: { name: "skein", shardTcpPorts: cluster.servers.map((c) => c.tcpPort) } });
    try {
      const database = freshDatabase();
      const s = await storage({ database, url: cluster.servers[0]!.url, cluster: "skein", shardUrls: [cluster.servers[0]!.url, outsider.url] });
      await expect(s.start()).rejects.toMatchObject({
        code: "SKEIN_ERR_CLICKHOUSE_SCHEMA",
        message: expect.stringContaining(`shard 2 of cluster skein (the server at 127.0.0.1:${cluster.servers[1]!.tcpPort}, its TCP port) has no table ${database}.`),
      });
    } finally {
      await killAndDispose([outsider]);
    }
  });

  it("start twice is refused; shutdown is idempotent; shutdown during start wins", async () => {
    const s = await storage({ url: server.url });
    await s.start();
    await expect(s.start()).rejects.toThrow(/called twice/);
    await s.shutdown();
    await s.shutdown();
    const racing = await storage({ url: server.url });
    const starting = racing.start();
    await racing.shutdown();
    await starting;
    await expect(racing.traces.writer.writeSpans({ spans: [makeSpan()] })).rejects.toMatchObject({ code: "SKEIN_ERR_STORAGE_CLOSED" });
    await expect(racing.sizeBytes()).rejects.toMatchObject({ code: "SKEIN_ERR_STORAGE_CLOSED" });
    await expect(racing.deleteBefore(1n)).rejects.toMatchObject({ code: "SKEIN_ERR_STORAGE_CLOSED" });
  });

  it("sizeBytes counts the database's parts (on every shard of a cluster)", async () => {
    const s = await storage({ url: cluster.servers[1]!.url, cluster: "skein", shardUrls: cluster.servers.map((c) => c.url) });
    await s.start();
    const empty = await s.sizeBytes();
    await s.traces.writer.writeSpans({ spans: Array.from({ length: 200 }, (_, i) => makeSpan({ traceId: traceIdOf(i + 1) })) });
    const written = await s.sizeBytes();
    expect(written).toBeGreaterThan(empty + 1_000);
  });
});

describe("ClickHouseStorage while ClickHouse is down", () => {
  it("acknowledges writes into the spool in the data dir and replays them once ClickHouse is back", async () => {
    const own = await ClickHouseServerProcess.start();
    try {
      const s = await storage({ url: own.url, insertTimeoutMs: 500, requestTimeoutMs: 1_000 });
      await s.start();
      await s.traces.writer.writeSpans({ spans: [makeSpan({ traceId: traceIdOf(1) })] });
      const before = await s.sizeBytes();
      await own.kill();
      await s.traces.writer.writeSpans({ spans: [makeSpan({ traceId: traceIdOf(2) }), makeSpan({ traceId: traceIdOf(2) })] });
      expect(await directorySizeBytes(join(dirs.at(-1)!, SPOOL_DIR))).toBeGreaterThan(0);
      await expect(s.sizeBytes()).rejects.toMatchObject({ code: "SKEIN_ERR_STORAGE_UNAVAILABLE" });
      expect(logged.some((l) => l.startsWith("warn: ClickHouse is down"))).toBe(true);
      expect(s.backlog().writes).toBe(1);
      expect(s.backlog().bytes).toBeGreaterThan(0);
      await own.restart();
      const deadline = Date.now() + 20_000;
      while ((await collect(s.traces.reader.getTrace(traceIdOf(2))).catch(() => [])).length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(await collect(s.traces.reader.getTrace(traceIdOf(2))), logged.join("\n")).toHaveLength(2);
      expect(await collect(s.traces.reader.getTrace(traceIdOf(1)))).toHaveLength(1);
      expect(await s.sizeBytes()).toBeGreaterThan(before);
      expect(s.backlog()).toEqual({ writes: 0, bytes: 0 });
    } finally {
      await killAndDispose([own]);
    }
  });
});
