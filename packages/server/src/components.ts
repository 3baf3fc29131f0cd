/**
 * THE list of built-in components. main.ts wires what is listed here and nothing else; adding a
 * receiver or a storage kind means adding one entry. Every entry imports its implementation
 * lazily, so `skein --help` loads neither gRPC nor DuckDB and an unused storage package may be
 * absent (ClickHouse's is an optional dependency).
 */
import type { Component, StorageAdapter } from "@skein/storage";
import type { SkeinConfig } from "./config/config-schema.js";
import type { ConfigKey } from "./config/config-keys.js";
import type { ReceiverDeps } from "./receive/receiver-options.js";

/** A started receiver reports the port it bound (the real one when configured with port 0). */
export interface Receiver extends Component {
  readonly port: number;
}

export interface ReceiverEntry {
  /** Component name, also the `receiver` label of its metrics. */
  readonly name: string;
  /** The config key of its port, for startup error messages. */
  readonly portKey: ConfigKey;
  create(config: SkeinConfig, deps: ReceiverDeps): Promise<Receiver>;
}

export const receivers: readonly ReceiverEntry[] = [
  {
    name: "otlp-http",
    portKey: "otlpHttpPort",
    async create(config, deps) {
      const { OtlpHttpReceiver } = await import("./receive/otlp-http/otlp-http-receiver.js");
      const { host, otlpHttpPort: port, maxRequestBytes, corsOrigins } = config;
      return new OtlpHttpReceiver({ host, port, maxRequestBytes, corsOrigins }, deps);
    },
  },
  {
    name: "otlp-grpc",
    portKey: "otlpGrpcPort",
    async create(config, deps) {
      const { OtlpGrpcReceiver } = await import("./receive/otlp-grpc/otlp-grpc-receiver.js");
      const { host, otlpGrpcPort: port, maxRequestBytes } = config;
      return new OtlpGrpcReceiver({ host, port, maxRequestBytes }, deps);
    },
  },
];

/** One storage kind: its adapter package, loaded on first use, and what the server passes it. */
export interface StorageKindEntry {
  /** The npm package whose default export is the adapter (named in "not installed" errors). */
  readonly packageName: string;
  /** Installed only as an optional dependency of the server: its absence is a normal case. */
  readonly optional: boolean;
  load(): Promise<StorageAdapter>;
  /** `StorageOptions.options` for the adapter (its own schema rejects unknown keys). */
  options(config: SkeinConfig): Record<string, unknown> | undefined;
  /** Where the data lives, for the ready banner and logs; never contains a password. */
  describe(config: SkeinConfig): string;
}

/** The storage kinds, in the order help texts list them; the first is the default. */
export const STORAGE_KIND_NAMES = ["duckdb", "clickhouse"] as const;

export type StorageKind = (typeof STORAGE_KIND_NAMES)[number];

/** Storage kinds by name. */
export const storageKinds: Readonly<Record<StorageKind, StorageKindEntry>> = {
  duckdb: {
    packageName: "@skein/storage-duckdb",
    optional: false,
    load: async () => (await import("@skein/storage-duckdb")).default,
    options: () => undefined,
    describe: () => "duckdb",
  },
  clickhouse: {
    packageName: "@skein/storage-clickhouse",
    optional: true,
    // Validated by loadStorageAdapter: an outdated package may lack the default export.
    load: async () => ((await import("@skein/storage-clickhouse")) as { default: StorageAdapter }).default,
    options: (config) => ({
      url: config.clickhouseUrl,
      user: config.clickhouseUser,
      password: config.clickhousePassword,
      database: config.clickhouseDatabase,
      ...(config.clickhouseCluster === undefined ? {} : { cluster: config.clickhouseCluster, shardUrls: config.clickhouseShardUrls }),
      spoolMaxBytes: config.clickhouseSpoolLimit,
    }),
    describe: (config) => {
      const cluster = config.clickhouseCluster === undefined ? "" : `, cluster ${config.clickhouseCluster} of ${config.clickhouseShardUrls.length} shards`;
      return `clickhouse at ${withoutCredentials(config.clickhouseUrl)}/${config.clickhouseDatabase}${cluster}`;
    },
  },
};

/** `url` without user and password and without a trailing slash. */
function withoutCredentials(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = "";
    parsed.password = "";
    return parsed.toString().replace(/\/+$/, "");
  } catch {
    return "(invalid URL)";
  }
}
