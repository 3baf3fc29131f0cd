import { describe, expect, it } from "vitest";
import { STORAGE_KIND_NAMES, storageKinds } from "./components.js";
import { loadConfig } from "./config/load-config.js";

describe("storage kinds", () => {
  it("lists duckdb first (the default) and clickhouse as an optional package", () => {
    expect(STORAGE_KIND_NAMES).toEqual(["duckdb", "clickhouse"]);
    expect(storageKinds.duckdb).toMatchObject({ packageName: "@skein/storage-duckdb", optional: false });
    expect(storageKinds.clickhouse).toMatchObject({ packageName: "@skein/storage-clickhouse", optional: true });
  });

  it("passes the ClickHouse adapter exactly its option keys", async () => {
    const single = await loadConfig({ flags: { storage: "clickhouse", clickhouseUrl: "http://ch:8123", clickhousePassword: "pw", clickhouseSpoolLimit: "64MiB" } });
    expect(storageKinds.clickhouse.options(single)).toEqual({ url: "http://ch:8123", user: "default", password: "pw", database: "skein", spoolMaxBytes: 64 * 2 ** 20 });
    const cluster = await loadConfig({ flags: { clickhouseCluster: "skein", clickhouseShardUrls: "http://a:8123,http://b:8123" } });
    expect(storageKinds.clickhouse.options(cluster)).toMatchObject({ cluster: "skein", shardUrls: ["http://a:8123", "http://b:8123"] });
    expect(storageKinds.duckdb.options(cluster)).toBeUndefined();
  });

  it("describes where the data is without credentials", async () => {
    const config = await loadConfig({ flags: { clickhouseUrl: "https://ingest:hunter2@ch.example.com:8443/", clickhousePassword: "hunter2", clickhouseDatabase: "traces" } });
    expect(storageKinds.clickhouse.describe(config)).toBe("clickhouse at https://ch.example.com:8443/traces");
    const cluster = await loadConfig({ flags: { clickhouseCluster: "skein", clickhouseShardUrls: "http://a:8123,http://b:8123" } });
    expect(storageKinds.clickhouse.describe(cluster)).toBe("clickhouse at http://localhost:8123/skein, cluster skein of 2 shards");
    expect(storageKinds.duckdb.describe(config)).toBe("duckdb");
  });
});
