import { STORAGE_KIND_NAMES } from "../components.js";
import { RETENTION_UNITS } from "./retention-duration.js";

/**
 * Every configuration key with its flag, environment variable and the sentence that says what is
 * allowed. The CLI builds its options and help from this table, the env source reads the variables
 * named here, and validation errors quote `allowed`, so the four never drift apart.
 */
export interface ConfigKeySpec {
  /** The key in the schema and in the YAML file. */
  readonly key: ConfigKey;
  /** The long flag of `skein start`, with its value placeholder. */
  readonly flag: string;
  readonly env: string;
  readonly description: string;
  /** What values are accepted, phrased to follow "allowed: ". */
  readonly allowed: string;
  /** A credential: error messages and dumps show `***` instead of its value. */
  readonly secret?: true;
}

export type ConfigKey =
  | "dataDir"
  | "host"
  | "httpPort"
  | "otlpHttpPort"
  | "otlpGrpcPort"
  | "maxRequestBytes"
  | "corsOrigins"
  | "storage"
  | "storageMemoryLimit"
  | "retention"
  | "clickhouseUrl"
  | "clickhouseUser"
  | "clickhousePassword"
  | "clickhouseDatabase"
  | "clickhouseCluster"
  | "clickhouseShardUrls"
  | "clickhouseSpoolLimit"
  | "spanMetrics"
  | "spanMetricsFlushInterval"
  | "alerts"
  | "alertInterval"
  | "publicUrl"
  | "logLevel";

const PORT = "an integer from 0 to 65535 (0 picks a free port)";
const BYTES = 'a byte count or a size such as "16MiB", "512MB", "1GiB"';
const IDENTIFIER = "a name of letters, digits and _ that does not start with a digit (at most 64 characters)";

export const CONFIG_KEYS: readonly ConfigKeySpec[] = [
  { key: "dataDir", flag: "--data-dir <dir>", env: "SKEIN_DATA_DIR", description: "directory of the stored data (created if missing)", allowed: "a non-empty directory path" },
  { key: "host", flag: "--host <host>", env: "SKEIN_HOST", description: "address every listener binds (0.0.0.0 to accept remote clients)", allowed: "a non-empty host name or IP address" },
  { key: "httpPort", flag: "--http-port <port>", env: "SKEIN_HTTP_PORT", description: "port of the UI, query API and /metrics", allowed: PORT },
  { key: "otlpHttpPort", flag: "--otlp-http-port <port>", env: "SKEIN_OTLP_HTTP_PORT", description: "port of the OTLP/HTTP receiver", allowed: PORT },
  { key: "otlpGrpcPort", flag: "--otlp-grpc-port <port>", env: "SKEIN_OTLP_GRPC_PORT", description: "port of the OTLP/gRPC receiver", allowed: PORT },
  { key: "maxRequestBytes", flag: "--max-request-bytes <size>", env: "SKEIN_MAX_REQUEST_BYTES", description: "largest accepted OTLP request body, after decompression", allowed: `${BYTES}, at least 1KiB` },
  { key: "corsOrigins", flag: "--cors-origins <origins>", env: "SKEIN_CORS_ORIGINS", description: "comma-separated browser origins allowed to POST to OTLP/HTTP", allowed: 'a comma-separated list of origins such as "http://localhost:3000", or "*"' },
  { key: "storage", flag: "--storage <kind>", env: "SKEIN_STORAGE", description: `storage engine: ${STORAGE_KIND_NAMES.join(" | ")}`, allowed: `one of ${STORAGE_KIND_NAMES.join(", ")}` },
  { key: "storageMemoryLimit", flag: "--storage-memory-limit <size>", env: "SKEIN_STORAGE_MEMORY_LIMIT", description: "memory budget of the storage engine", allowed: `${BYTES}, at least 16MiB` },
  {
    key: "retention",
    flag: "--retention <duration>",
    env: "SKEIN_RETENTION",
    description: "remove spans and logs older than this, a whole number of d (days), h (hours) or m (minutes), e.g. 7d; checked 1 s after start, then hourly",
    allowed: `a whole number with a unit ${RETENTION_UNITS}, such as "7d", "24h" or "90m", or 0 to keep everything`,
  },
  { key: "clickhouseUrl", flag: "--clickhouse-url <url>", env: "SKEIN_CLICKHOUSE_URL", description: "HTTP interface of the ClickHouse server (--storage clickhouse)", allowed: 'an http:// or https:// URL such as "http://localhost:8123"' },
  { key: "clickhouseUser", flag: "--clickhouse-user <user>", env: "SKEIN_CLICKHOUSE_USER", description: "ClickHouse user (--storage clickhouse)", allowed: "a non-empty user name" },
  {
    key: "clickhousePassword",
    flag: "--clickhouse-password <password>",
    env: "SKEIN_CLICKHOUSE_PASSWORD",
    description: "ClickHouse password; prefer the env variable, as other users of this machine can read flags with ps",
    allowed: "any text",
    secret: true,
  },
  { key: "clickhouseDatabase", flag: "--clickhouse-database <name>", env: "SKEIN_CLICKHOUSE_DATABASE", description: "ClickHouse database of Skein's tables (created if missing)", allowed: IDENTIFIER },
  {
    key: "clickhouseCluster",
    flag: "--clickhouse-cluster <name>",
    env: "SKEIN_CLICKHOUSE_CLUSTER",
    description: "ClickHouse cluster (remote_servers) to shard over with Distributed tables; needs --clickhouse-shard-urls",
    allowed: IDENTIFIER,
  },
  {
    key: "clickhouseShardUrls",
    flag: "--clickhouse-shard-urls <urls>",
    env: "SKEIN_CLICKHOUSE_SHARD_URLS",
    description: "comma-separated HTTP URLs of every shard of --clickhouse-cluster (for schema and retention)",
    allowed: 'a comma-separated list of http:// or https:// URLs such as "http://ch1:8123,http://ch2:8123"',
  },
  {
    key: "clickhouseSpoolLimit",
    flag: "--clickhouse-spool-limit <size>",
    env: "SKEIN_CLICKHOUSE_SPOOL_LIMIT",
    description: "disk the spool in the data dir may use while ClickHouse is down or slow; beyond it ingest answers 503",
    allowed: `${BYTES}, at least 1MiB`,
  },
  {
    key: "spanMetrics",
    flag: "--span-metrics <on|off>",
    env: "SKEIN_SPAN_METRICS",
    description: "the span-metrics and service-graph processors (RED metrics, service map, alerts) at ingest",
    allowed: "on or off",
  },
  {
    key: "spanMetricsFlushInterval",
    flag: "--span-metrics-flush-interval <duration>",
    env: "SKEIN_SPAN_METRICS_FLUSH_INTERVAL",
    description: "how often the processors write their rollups to storage (what a kill -9 may lose of them)",
    allowed: 'a duration from 100ms to 1m, such as "10s" or "500ms"',
  },
  {
    key: "alerts",
    flag: "--alerts <on|off>",
    env: "SKEIN_ALERTS",
    description: "evaluate alert rules and send their notifications on this node (off on all but one node sharing a storage)",
    allowed: "on or off",
  },
  { key: "alertInterval", flag: "--alert-interval <duration>", env: "SKEIN_ALERT_INTERVAL", description: "how often alert rules are evaluated", allowed: 'a duration from 100ms to 1h, such as "1m" or "30s"' },
  {
    key: "publicUrl",
    flag: "--public-url <url>",
    env: "SKEIN_PUBLIC_URL",
    description: "the UI's address as users reach it, for links in alert notifications (default http://<host>:<http-port>)",
    allowed: 'an http:// or https:// URL such as "https://skein.example.com"',
  },
  { key: "logLevel", flag: "--log-level <level>", env: "SKEIN_LOG_LEVEL", description: "level of the logs written to stderr", allowed: "one of fatal, error, warn, info, debug, trace, silent" },
];

export function configKeySpec(key: ConfigKey): ConfigKeySpec {
  const spec = CONFIG_KEYS.find((candidate) => candidate.key === key);
  if (!spec) throw new Error(`no spec for config key ${key}`);
  return spec;
}
