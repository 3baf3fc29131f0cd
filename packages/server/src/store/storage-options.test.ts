import { Writable } from "node:stream";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../config/load-config.js";
import { storageOptionsFor } from "./storage-options.js";

describe("storageOptionsFor", () => {
  it("gives the adapter its settings and a logger that never writes a configured password", async () => {
    const config = await loadConfig({
      flags: {
        dataDir: "/srv/skein",
        storage: "clickhouse",
        clickhouseUrl: "http://skein:url-secret@ch:8123",
        clickhousePassword: "key-secret",
        clickhouseCluster: "prod",
        clickhouseShardUrls: "http://skein:shard-secret@ch1:8123,http://ch2:8123",
      },
    });
    const lines: string[] = [];
    const logger = pino({ level: "info" }, new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) }));
    const options = storageOptionsFor(config, logger);

    // The adapter itself gets the credentials it needs to log in.
    expect(options).toMatchObject({ dataDir: "/srv/skein", options: { url: "http://skein:url-secret@ch:8123", password: "key-secret", cluster: "prod" } });
    options.logger!.warn({ reason: "shard ch1 (login shard-secret) refused key-secret", err: new Error("url-secret") }, "ClickHouse is down: shard-secret");
    expect(lines).toHaveLength(1);
    for (const secret of ["url-secret", "key-secret", "shard-secret"]) expect(lines[0]).not.toContain(secret);
    expect(JSON.parse(lines[0]!)).toMatchObject({ component: "storage", msg: "ClickHouse is down: ***", reason: "shard ch1 (login ***) refused ***", err: { message: "***" } });
  });

  it("passes no adapter options for DuckDB", async () => {
    const config = await loadConfig({ flags: { dataDir: "/srv/skein", storageMemoryLimit: "64MiB" } });
    const options = storageOptionsFor(config, pino({ level: "silent" }));
    expect(options).toMatchObject({ dataDir: "/srv/skein", memoryLimitBytes: 64 * 2 ** 20 });
    expect(options.options).toBeUndefined();
  });
});
