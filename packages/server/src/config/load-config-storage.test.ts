import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError } from "./config-error.js";
import { loadConfig } from "./load-config.js";

const cwd = mkdtempSync(join(tmpdir(), "skein-config-storage-"));

async function configError(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return (error as ConfigError).message;
}

describe("loadConfig: storage, ClickHouse and retention keys", () => {
  it("takes --storage clickhouse with its flags, flags over env", async () => {
    const config = await loadConfig({
      cwd,
      env: { SKEIN_CLICKHOUSE_URL: "http://env:8123", SKEIN_CLICKHOUSE_PASSWORD: "from-env" },
      flags: { storage: "clickhouse", clickhouseUrl: "http://127.0.0.1:18123", clickhouseUser: "ingest", clickhouseDatabase: "skein_test", clickhouseSpoolLimit: "64MiB" },
    });
    expect(config).toMatchObject({
      storage: "clickhouse",
      clickhouseUrl: "http://127.0.0.1:18123",
      clickhouseUser: "ingest",
      clickhousePassword: "from-env",
      clickhouseDatabase: "skein_test",
      clickhouseSpoolLimit: 64 * 2 ** 20,
    });
    expect(config.clickhouseCluster).toBeUndefined();
  });

  it("reads the ClickHouse keys and retention from YAML, typed or as text", async () => {
    const file = join(mkdtempSync(join(cwd, "file-")), "skein.yaml");
    writeFileSync(file, "storage: clickhouse\nretention: 24h\nclickhousePassword: 1234\nclickhouseCluster: skein\nclickhouseShardUrls: ['http://a:8123', 'https://b:8443']\n");
    expect(await loadConfig({ cwd, configFile: file })).toMatchObject({
      retention: 86_400_000,
      clickhousePassword: "1234",
      clickhouseCluster: "skein",
      clickhouseShardUrls: ["http://a:8123", "https://b:8443"],
    });
  });

  it.each([
    ["7d", 7 * 86_400_000],
    ["90m", 90 * 60_000],
    ["0", 0],
  ])("retention %j", async (retention, ms) => {
    expect((await loadConfig({ cwd, flags: { retention } })).retention).toBe(ms);
  });

  it.each([
    [{ retention: "7" }, 'retention "7" (from flag --retention) is invalid; allowed: a whole number with a unit'],
    [{ retention: "1w" }, 'retention "1w" (from flag --retention) is invalid; allowed: a whole number with a unit d (days), h (hours) or m (minutes), in lower case'],
    [{ retention: "7D" }, "d (days), h (hours) or m (minutes), in lower case"],
    [{ clickhouseUrl: "localhost:8123" }, 'clickhouseUrl "localhost:8123" (from flag --clickhouse-url) is invalid; allowed: an http:// or https:// URL'],
    [{ clickhouseUrl: "ftp://ch:21" }, "clickhouseUrl"],
    [{ clickhouseDatabase: "skein; DROP TABLE x" }, "clickhouseDatabase"],
    [{ clickhouseDatabase: "1abc" }, "letters, digits and _"],
    [{ clickhouseCluster: "a-b", clickhouseShardUrls: "http://a:8123" }, "clickhouseCluster"],
    [{ clickhouseUser: " " }, "clickhouseUser"],
    [{ clickhouseSpoolLimit: "1KiB" }, "at least 1MiB"],
    [{ clickhouseSpoolLimit: "1023KiB" }, 'clickhouseSpoolLimit "1023KiB" (from flag --clickhouse-spool-limit) is invalid; allowed: a byte count or a size such as "16MiB", "512MB", "1GiB", at least 1MiB'],
    [{ clickhouseShardUrls: "http://a:8123,nope" }, "clickhouseShardUrls"],
  ])("rejects %j", async (flags, expected) => {
    expect(await configError(loadConfig({ cwd, flags }))).toContain(expected);
  });

  it("refuses retention 1M with the reason: a month or minutes?", async () => {
    const message = await configError(loadConfig({ cwd, env: { SKEIN_RETENTION: "1M" } }));
    expect(message).toBe('invalid configuration:\n  - retention "1M" (from env SKEIN_RETENTION): `M` is ambiguous: write 30d for a month, or 90m for minutes');
  });

  it("takes a spool limit of 1MiB, the smallest allowed", async () => {
    expect((await loadConfig({ cwd, flags: { clickhouseSpoolLimit: "1MiB" } })).clickhouseSpoolLimit).toBe(2 ** 20);
  });

  it("needs shard URLs with a cluster and a cluster with shard URLs, with --storage clickhouse", async () => {
    const noShards = await configError(loadConfig({ cwd, env: { SKEIN_STORAGE: "clickhouse", SKEIN_CLICKHOUSE_CLUSTER: "skein" } }));
    expect(noShards).toContain('clickhouseCluster "skein" (from env SKEIN_CLICKHOUSE_CLUSTER): a cluster needs clickhouseShardUrls (--clickhouse-shard-urls');
    const noCluster = await configError(loadConfig({ cwd, flags: { storage: "clickhouse", clickhouseShardUrls: "http://a:8123" } }));
    expect(noCluster).toContain("only used with clickhouseCluster");
  });

  it("ignores the ClickHouse keys' combinations on DuckDB (an environment set up for ClickHouse)", async () => {
    expect(await loadConfig({ cwd, env: { SKEIN_CLICKHOUSE_CLUSTER: "prod" } })).toMatchObject({ storage: "duckdb", clickhouseCluster: "prod", clickhouseShardUrls: [] });
    expect((await loadConfig({ cwd, flags: { clickhouseShardUrls: "http://a:8123" } })).storage).toBe("duckdb");
  });

  it("never quotes a URL's password in an error, of the URL or of a shard URL", async () => {
    const message = await configError(
      loadConfig({ cwd, flags: { storage: "clickhouse", clickhouseUrl: "ftp://skein:url-pw@ch:21", clickhouseShardUrls: "http://a:shard-pw@ch1:8123,http://b:pw2@ch2:8123" } }),
    );
    expect(message).toContain('clickhouseUrl "ftp://skein:***@ch:21" (from flag --clickhouse-url) is invalid');
    expect(message).toContain('clickhouseShardUrls "http://a:***@ch1:8123,http://b:***@ch2:8123" (from flag --clickhouse-shard-urls): shard URLs are only used with clickhouseCluster');
    for (const secret of ["url-pw", "shard-pw", "pw2"]) expect(message).not.toContain(secret);
  });

  it("never quotes the password in an error", async () => {
    const file = join(mkdtempSync(join(cwd, "file-")), "skein.yaml");
    writeFileSync(file, "clickhousePassword: [hunter2]\n");
    const message = await configError(loadConfig({ cwd, configFile: file }));
    expect(message).toContain('clickhousePassword "***" (from config file');
    expect(message).not.toContain("hunter2");
  });
});
