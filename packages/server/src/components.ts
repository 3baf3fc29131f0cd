/**
 * THE list of built-in components. main.ts wires what is listed here and nothing else; adding a
 * receiver or a storage kind means adding one entry. Every entry imports its implementation
 * lazily, so `skein --help` loads neither gRPC nor DuckDB and an unused storage package may be
 * absent.
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

/** Storage kinds by name; each loads its adapter package's default export on first use. */
export const storageKinds = {
  duckdb: async (): Promise<StorageAdapter> => (await import("@skein/storage-duckdb")).default,
} as const;

export type StorageKind = keyof typeof storageKinds;

export const STORAGE_KIND_NAMES = Object.keys(storageKinds) as [StorageKind, ...StorageKind[]];
