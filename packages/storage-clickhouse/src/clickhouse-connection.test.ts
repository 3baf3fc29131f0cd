import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ClickHouseConnection, QUERY_CHUNK_ROWS } from "./clickhouse-connection.js";
import { ClickHouseQueryError, ClickHouseUnavailableError, isRetryable } from "./errors.js";
import { sqlLiteral } from "./sql-literal.js";
import { ClickHouseServerProcess, freePort } from "./testing/index.js";
import { killAndDispose } from "./testdata/test-database.js";

let server: ClickHouseServerProcess;
let connection: ClickHouseConnection;
const connect = (url: string, requestTimeoutMs = 10_000) => new ClickHouseConnection({ url, user: "default", password: "", requestTimeoutMs });

beforeAll(async () => {
  server = await ClickHouseServerProcess.start({ users: [{ name: "alice", password: "s3cret!pw" }] });
  connection = connect(server.url);
  await connection.command("CREATE DATABASE t");
  await connection.command("CREATE TABLE t.rows (id UInt64, s String, a Array(String)) ENGINE = MergeTree ORDER BY id");
});
afterAll(async () => {
  await connection?.close();
  await killAndDispose([server]);
});

describe("ClickHouseConnection", () => {
  it("streams a query in chunks of at most QUERY_CHUNK_ROWS, 64-bit integers as decimal strings", async () => {
    const chunks: { n: string }[][] = [];
    for await (const chunk of connection.query<{ n: string }>("SELECT number + 18446744073709548615 AS n FROM system.numbers LIMIT 3000")) chunks.push(chunk);
    expect(chunks.map((c) => c.length)).toEqual([QUERY_CHUNK_ROWS, QUERY_CHUNK_ROWS, 3000 - 2 * QUERY_CHUNK_ROWS]);
    expect(chunks.at(-1)!.at(-1)!.n).toBe("18446744073709551614");
  });

  it("stopping a stream early cancels it and the connection keeps working", async () => {
    for await (const chunk of connection.query("SELECT number FROM system.numbers LIMIT 100000000")) {
      expect(chunk).toHaveLength(QUERY_CHUNK_ROWS);
      break;
    }
    expect(await connection.queryAll("SELECT 1 AS one")).toEqual([{ one: 1 }]);
  });

  it("inserts a JSONEachRow body byte for byte", async () => {
    const body = '{"id":"18446744073709551615","s":"nul\\u0000 quote\' back\\\\ 🚀","a":["x","\\n"]}\n{"id":"1","s":"","a":[]}\n';
    await connection.insertJsonLines("t.rows", body);
    expect(await connection.queryAll("SELECT id, s, a FROM t.rows ORDER BY id")).toEqual([
      { id: "1", s: "", a: [] },
      { id: "18446744073709551615", s: "nul\u0000 quote' back\\ 🚀", a: ["x", "\n"] },
    ]);
  });

  it("sends an insert's query id: system.processes lists it while the insert runs", async () => {
    await connection.command("CREATE TABLE t.slow (id UInt64) ENGINE = MergeTree ORDER BY id");
    await connection.command("CREATE MATERIALIZED VIEW t.slow_view ENGINE = Null AS SELECT sleep(1) AS s FROM t.slow");
    const queryId = `skein-test-${Date.now()}`;
    const insert = connection.insertJsonLines("t.slow", '{"id":"1"}\n', undefined, { queryId });
    let seen = false;
    for (let i = 0; i < 40 && !seen; i++) {
      const rows = await connection.queryAll<{ n: string }>(`SELECT count() AS n FROM system.processes WHERE query_id = ${sqlLiteral(queryId)}`);
      seen = rows[0]?.n === "1";
      if (!seen) await new Promise((resolve) => setTimeout(resolve, 25));
    }
    await insert;
    expect(seen).toBe(true);
  });

  it("takes statements longer than the server's default 256 KiB parser limit", async () => {
    const list = Array.from({ length: 40_000 }, (_, i) => String(i)).join(", ");
    expect(list.length).toBeGreaterThan(256 * 1024);
    expect(await connection.queryAll(`SELECT count() AS c FROM system.one WHERE 39999 IN (${list})`)).toEqual([{ c: "1" }]);
  });

  it("a refused statement or refused data is a ClickHouseQueryError with the server's code, not retryable", async () => {
    const syntax = await connection.queryAll("SELECT (").catch((e: unknown) => e);
    expect(syntax).toBeInstanceOf(ClickHouseQueryError);
    expect(syntax).toMatchObject({ code: "SKEIN_ERR_CLICKHOUSE_QUERY", serverCode: 62, retryable: false });
    expect((syntax as Error).message).toMatch(new RegExp(`^ClickHouse at ${server.url} rejected the query: code 62: Syntax error`));
    const data = await connection.insertJsonLines("t.rows", '{"id":"not a number"}\n').catch((e: unknown) => e);
    expect(data).toBeInstanceOf(ClickHouseQueryError);
    expect(isRetryable(data)).toBe(false);
    expect((data as ClickHouseQueryError).serverMessage).not.toMatch(/e\.what\(\)/);
  });

  it("a missing table (a server restarting, a half-made schema) is retryable", async () => {
    const error = await connection.queryAll("SELECT * FROM t.nope").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClickHouseUnavailableError);
    expect(error).toMatchObject({ code: "SKEIN_ERR_STORAGE_UNAVAILABLE", serverCode: 60, retryable: true });
  });

  it("a refused connection is retryable and names the URL", async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const nobody = connect(url);
    const error = await nobody.command("SELECT 1").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClickHouseUnavailableError);
    expect(error).toMatchObject({ retryable: true, serverCode: undefined });
    expect((error as Error).message).toContain(url);
    expect((error as Error).message).toMatch(/ECONNREFUSED/);
    await nobody.close();
  });

  it("an aborted signal rejects with its reason", async () => {
    const controller = new AbortController();
    const pending = connection.queryAll("SELECT sleep(2)", controller.signal);
    setTimeout(() => controller.abort(new Error("stop now")), 50);
    await expect(pending).rejects.toThrow("stop now");
    await expect(connection.queryAll("SELECT 1", AbortSignal.abort(new Error("already")))).rejects.toThrow("already");
  });

  it("detects the server version and its features once", async () => {
    const version = await connection.version();
    expect(version.text).toMatch(/^\d+\.\d+/);
    expect(version.major).toBeGreaterThanOrEqual(18);
    expect(typeof version.features.codecs).toBe("boolean");
    if (version.text.startsWith("18.16.")) expect(version.features).toEqual({ lowCardinality: false, codecs: false, ttl: false, skipIndexes: false, queryParameters: false });
    expect(await connection.version()).toBe(version);
  });

  it("a hung server times out as retryable", async () => {
    const impatient = connect(server.url, 300);
    server.pause();
    try {
      const error = await impatient.queryAll("SELECT 1").catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ClickHouseUnavailableError);
      expect((error as Error).message).toMatch(/Timeout/i);
    } finally {
      server.resume();
      await impatient.close();
    }
    expect(await connection.queryAll("SELECT 2 AS two")).toEqual([{ two: 2 }]);
  });

  it("takes credentials out of the URL: they log in, and neither the URL, a message nor a warning shows the password", async () => {
    const withCredentials = (url: string, password: string) => url.replace("://", `://alice:${encodeURIComponent(password)}@`);
    const warnings: unknown[] = [];
    const warn = vi.spyOn(console, "warn").mockImplementation((...args: unknown[]) => void warnings.push(args));
    const good = new ClickHouseConnection({ url: withCredentials(server.url, "s3cret!pw"), user: "default", password: "wrong", requestTimeoutMs: 10_000 });
    const bad = new ClickHouseConnection({ url: withCredentials(server.url, "s3cret-not"), user: "alice", password: "s3cret!pw", requestTimeoutMs: 10_000 });
    const unreachableUrl = `http://127.0.0.1:${await freePort()}`;
    const unreachable = new ClickHouseConnection({ url: withCredentials(unreachableUrl, "s3cret!pw"), user: "default", password: "", requestTimeoutMs: 10_000 });
    warn.mockRestore();
    try {
      // The @clickhouse/client would print `"username" is overridden by a URL parameter` for a URL with user info.
      expect(warnings).toEqual([]);
      expect([good.url, good.user, unreachable.url]).toEqual([server.url, "alice", unreachableUrl]);
      // The URL's user and password win over the options, as @clickhouse/client reads them.
      expect(await good.queryAll("SELECT 1 AS one")).toEqual([{ one: 1 }]);
      const errors = await Promise.all([bad.queryAll("SELECT 1"), good.queryAll("SELECT ("), unreachable.queryAll("SELECT 1")].map((p) => p.catch((e: unknown) => e as Error)));
      expect(errors[0]).toMatchObject({ serverCode: 193 }); // WRONG_PASSWORD: the URL's password was used
      expect(errors[1]!.message).toContain(`ClickHouse at ${server.url} rejected the query`);
      expect(errors[2]!.message).toContain(`ClickHouse at ${unreachableUrl} is unavailable`);
      for (const error of errors) {
        for (let e: unknown = error; e instanceof Error; e = e.cause) expect(`${String(e)} ${e.stack ?? ""}`).not.toMatch(/s3cret/);
      }
    } finally {
      await Promise.all([good.close(), bad.close(), unreachable.close()]);
    }
  });
});
