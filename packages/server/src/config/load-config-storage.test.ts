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
    [{ retention: "7" }, 'retention "7" (from flag --retention) is invalid; allowed: a duration such as "7d"'],
    [{ retention: "1w" }, "retention"],
    [{ clickhouseUrl: "localhost:8123" }, 'clickhouseUrl "localhost:8123" (from flag --clickhouse-url) is invalid; allowed: an http:// or https:// URL'],
    [{ clickhouseUrl: "ftp://ch:21" }, "clickhouseUrl"],
    [{ clickhouseDatabase: "skein; DROP TABLE x" }, "clickhouseDatabase"],
    [{ clickhouseDatabase: "1abc" }, "letters, digits and _"],
    [{ clickhouseCluster: "a-b", clickhouseShardUrls: "http://a:8123" }, "clickhouseCluster"],
    [{ clickhouseUser: " " }, "clickhouseUser"],
    [{ clickhouseSpoolLimit: "1KiB" }, "at least 64KiB"],
    [{ clickhouseShardUrls: "http://a:8123,nope" }, "clickhouseShardUrls"],
  ])("rejects %j", async (flags, expected) => {
    expect(await configError(loadConfig({ cwd, flags }))).toContain(expected);
  });

  it("needs shard URLs with a cluster and a cluster with shard URLs", async () => {
    const noShards = await configError(loadConfig({ cwd, env: { SKEIN_CLICKHOUSE_CLUSTER: "skein" } }));
    expect(noShards).toContain('clickhouseCluster "skein" (from env SKEIN_CLICKHOUSE_CLUSTER): a cluster needs clickhouseShardUrls (--clickhouse-shard-urls');
    const noCluster = await configError(loadConfig({ cwd, flags: { clickhouseShardUrls: "http://a:8123" } }));
    expect(noCluster).toContain("only used with clickhouseCluster");
  });

  it("never quotes the password in an error", async () => {
    const file = join(mkdtempSync(join(cwd, "file-")), "skein.yaml");
    writeFileSync(file, "clickhousePassword: [hunter2]\n");
    const message = await configError(loadConfig({ cwd, configFile: file }));
    expect(message).toContain('clickhousePassword "***" (from config file');
    expect(message).not.toContain("hunter2");
  });
});
