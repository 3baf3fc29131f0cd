import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError } from "./config-error.js";
import { loadConfig } from "./load-config.js";

const cwd = mkdtempSync(join(tmpdir(), "skein-config-"));

function yamlFile(text: string): string {
  const path = join(mkdtempSync(join(cwd, "file-")), "skein.yaml");
  writeFileSync(path, text);
  return path;
}

async function configError(promise: Promise<unknown>): Promise<ConfigError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ConfigError);
  expect((error as ConfigError).code).toBe("SKEIN_ERR_CONFIG");
  return error as ConfigError;
}

describe("loadConfig", () => {
  it("fills every key from the schema defaults", async () => {
    expect(await loadConfig({ cwd })).toEqual({
      dataDir: join(cwd, "skein-data"),
      host: "127.0.0.1",
      httpPort: 16686,
      otlpHttpPort: 4318,
      otlpGrpcPort: 4317,
      maxRequestBytes: 16 * 2 ** 20,
      corsOrigins: [],
      storage: "duckdb",
      storageMemoryLimit: 2 ** 30,
      retention: 0,
      clickhouseUrl: "http://localhost:8123",
      clickhouseUser: "default",
      clickhousePassword: "",
      clickhouseDatabase: "skein",
      clickhouseShardUrls: [],
      clickhouseSpoolLimit: 2 ** 30,
      spanMetrics: "on",
      spanMetricsFlushInterval: 10_000,
      alerts: "on",
      alertInterval: 60_000,
      logLevel: "info",
    });
  });

  it("ranks flags over env over file over defaults, key by key", async () => {
    const file = yamlFile("httpPort: 1001\notlpHttpPort: 1002\notlpGrpcPort: 1003\nlogLevel: debug\n");
    const config = await loadConfig({
      cwd,
      configFile: file,
      env: { SKEIN_HTTP_PORT: "2001", SKEIN_OTLP_HTTP_PORT: "2002" },
      flags: { httpPort: "3001", storageMemoryLimit: undefined },
    });
    expect(config.httpPort).toBe(3001);
    expect(config.otlpHttpPort).toBe(2002);
    expect(config.otlpGrpcPort).toBe(1003);
    expect(config.logLevel).toBe("debug");
    expect(config.storageMemoryLimit).toBe(2 ** 30);
  });

  it("reads every SKEIN_* variable and converts text to typed values", async () => {
    const config = await loadConfig({
      cwd,
      env: {
        SKEIN_DATA_DIR: "/var/lib/skein",
        SKEIN_HOST: "0.0.0.0",
        SKEIN_HTTP_PORT: "0",
        SKEIN_OTLP_HTTP_PORT: "0",
        SKEIN_OTLP_GRPC_PORT: "0",
        SKEIN_MAX_REQUEST_BYTES: "4MiB",
        SKEIN_CORS_ORIGINS: "http://localhost:3000, https://app.example.com",
        SKEIN_STORAGE: "duckdb",
        SKEIN_STORAGE_MEMORY_LIMIT: "512MB",
        SKEIN_RETENTION: "7d",
        SKEIN_CLICKHOUSE_URL: "https://ch.example.com:8443",
        SKEIN_CLICKHOUSE_USER: "skein",
        SKEIN_CLICKHOUSE_PASSWORD: "s3cret",
        SKEIN_CLICKHOUSE_DATABASE: "traces_prod",
        SKEIN_CLICKHOUSE_CLUSTER: "skein",
        SKEIN_CLICKHOUSE_SHARD_URLS: "http://ch1:8123, http://ch2:8123",
        SKEIN_CLICKHOUSE_SPOOL_LIMIT: "256MiB",
        SKEIN_SPAN_METRICS: "off",
        SKEIN_SPAN_METRICS_FLUSH_INTERVAL: "1.5s",
        SKEIN_ALERTS: "off",
        SKEIN_ALERT_INTERVAL: "30s",
        SKEIN_PUBLIC_URL: "https://skein.example.com",
        SKEIN_LOG_LEVEL: "warn",
        SKEIN_UNRELATED: "ignored",
      },
    });
    expect(config).toEqual({
      dataDir: "/var/lib/skein",
      host: "0.0.0.0",
      httpPort: 0,
      otlpHttpPort: 0,
      otlpGrpcPort: 0,
      maxRequestBytes: 4 * 2 ** 20,
      corsOrigins: ["http://localhost:3000", "https://app.example.com"],
      storage: "duckdb",
      storageMemoryLimit: 512e6,
      retention: 7 * 86_400_000,
      clickhouseUrl: "https://ch.example.com:8443",
      clickhouseUser: "skein",
      clickhousePassword: "s3cret",
      clickhouseDatabase: "traces_prod",
      clickhouseCluster: "skein",
      clickhouseShardUrls: ["http://ch1:8123", "http://ch2:8123"],
      clickhouseSpoolLimit: 256 * 2 ** 20,
      spanMetrics: "off",
      spanMetricsFlushInterval: 1500,
      alerts: "off",
      alertInterval: 30_000,
      publicUrl: "https://skein.example.com",
      logLevel: "warn",
    });
  });

  it("takes typed YAML values and resolves a relative dataDir against cwd", async () => {
    const file = yamlFile("dataDir: data\nstorageMemoryLimit: 536870912\ncorsOrigins: ['*']\n");
    const config = await loadConfig({ cwd, configFile: file });
    expect(config.dataDir).toBe(join(cwd, "data"));
    expect(config.storageMemoryLimit).toBe(512 * 2 ** 20);
    expect(config.corsOrigins).toEqual(["*"]);
  });

  it("names the key, the source and what is allowed", async () => {
    const error = await configError(loadConfig({ cwd, env: { SKEIN_HTTP_PORT: "abc" } }));
    expect(error.message).toContain('httpPort "abc" (from env SKEIN_HTTP_PORT)');
    expect(error.message).toContain("allowed: an integer from 0 to 65535");

    const flagError = await configError(loadConfig({ cwd, flags: { storageMemoryLimit: "lots" } }));
    expect(flagError.message).toContain("storageMemoryLimit");
    expect(flagError.message).toContain("flag --storage-memory-limit");
    expect(flagError.message).toContain("16MiB");
  });

  it.each([
    [{ otlpGrpcPort: "70000" }, "otlpGrpcPort"],
    [{ storage: "mysql" }, "one of duckdb"],
    [{ logLevel: "loud" }, "one of fatal, error"],
    [{ maxRequestBytes: "12" }, "at least 1KiB"],
    [{ corsOrigins: "localhost:3000" }, "corsOrigins"],
    [{ host: "  " }, "host"],
  ])("rejects %j", async (flags, expected) => {
    const error = await configError(loadConfig({ cwd, flags }));
    expect(error.message).toContain(expected);
  });

  it("rejects unknown keys in the file, listing the allowed ones", async () => {
    const error = await configError(loadConfig({ cwd, configFile: yamlFile("httpPort: 1\nhttp_port: 2\n") }));
    expect(error.message).toContain('unknown key "http_port" in config file');
    expect(error.message).toContain("allowed keys: dataDir, host, httpPort");
  });

  it("rejects two listeners on one port but allows several ephemeral ports", async () => {
    const error = await configError(loadConfig({ cwd, flags: { otlpHttpPort: "16686" } }));
    expect(error.message).toContain('otlpHttpPort "16686" (from flag --otlp-http-port)');
    expect(error.message).toContain("also httpPort");
    await expect(loadConfig({ cwd, flags: { httpPort: "0", otlpHttpPort: "0", otlpGrpcPort: "0" } })).resolves.toMatchObject({ httpPort: 0 });
  });

  it("explains an unreadable or malformed config file", async () => {
    expect((await configError(loadConfig({ cwd, configFile: "missing.yaml" }))).message).toContain("cannot read config file");
    expect((await configError(loadConfig({ cwd, configFile: yamlFile("- a\n- b\n") }))).message).toContain("must be a YAML mapping");
    expect((await configError(loadConfig({ cwd, configFile: yamlFile("a: [\n") }))).message).toContain("not valid YAML");
  });
});
