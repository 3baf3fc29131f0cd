import { join } from "node:path";
import type { RetentionResult, Storage, StorageBacklog, StorageCapabilities, StorageLogger, StorageOptions } from "@skein/storage";
import { StorageClosedError } from "@skein/storage";
import { ClickHouseAlertStore } from "./clickhouse-alert-store.js";
import { ClickHouseConnection } from "./clickhouse-connection.js";
import { ClickHouseHandle } from "./clickhouse-handle.js";
import { ClickHouseLogReader } from "./clickhouse-log-reader.js";
import { ClickHouseMetricsReader } from "./clickhouse-metrics-reader.js";
import { loginFromUrl, parseClickHouseOptions, schemaUrls } from "./clickhouse-options.js";
import type { ClickHouseOptions } from "./clickhouse-options.js";
import { dropPartitionsBefore } from "./clickhouse-retention.js";
import { ClickHouseTraceReader } from "./clickhouse-trace-reader.js";
import { ClickHouseLogWriter, ClickHouseMetricsWriter, ClickHouseTraceWriter, WriterSlot } from "./clickhouse-writers.js";
import { migrate } from "./migrations.js";
import type { ServerVersion } from "./server-version.js";
import { startError } from "./start-errors.js";
import { ClickHouseWriter } from "./write/clickhouse-writer.js";
import { databaseBytes, directorySizeBytes } from "./storage-size.js";
import { tableNames } from "./table-names.js";

/** The spool's directory inside StorageOptions.dataDir. */
export const SPOOL_DIR = "clickhouse-spool";

export type ClickHouseLogger = (level: "info" | "warn" | "error", message: string, fields?: object) => void;

/** pino's numeric levels, so these lines read like the server's own log lines. */
const LEVELS = { info: 30, warn: 40, error: 50 } as const;

/** Without StorageOptions.logger (the adapter used outside the server): one JSON line per event on stderr, in the server's (pino) shape. */
const stderrLogger: ClickHouseLogger = (level, message, fields) => {
  process.stderr.write(JSON.stringify({ level: LEVELS[level], time: Date.now(), name: "skein", component: "storage-clickhouse", ...fields, msg: message }) + "\n");
};

/** The server's logger (StorageOptions.logger) in the writer's shape. */
function portLogger(logger: StorageLogger | undefined): ClickHouseLogger | undefined {
  return logger === undefined ? undefined : (level, message, fields) => logger[level](fields ?? {}, message);
}

interface Opened {
  readonly options: ClickHouseOptions;
  readonly connections: ClickHouseConnection[];
  /** Where the schema lives: the one server, or every shard (and `url`) of a cluster. */
  readonly schemaServers: ClickHouseConnection[];
  readonly writer: ClickHouseWriter;
  readonly version: ServerVersion;
}

/**
 * Skein's scale-out storage: ClickHouse 18.16 or later, one server or a sharded cluster
 * (Distributed tables), many Skein nodes at once. Options: see clickhouse-options.ts.
 * Lifecycle: start() once validates the options, connects, detects the server version, applies
 * the schema migrations (idempotent; nodes may start together), then opens the writer, which
 * replays what the spool (`<dataDir>/clickhouse-spool`) holds from an earlier run. shutdown() is
 * idempotent and safe before start(): it stops accepting writes, settles those in flight
 * (inserted or spooled), and closes the connections. Readers, writers, sizeBytes and
 * deleteBefore throw StorageClosedError outside that window. Writes of spans, logs and rollups
 * are acknowledged once ClickHouse confirmed them or they are fsynced to the bounded spool
 * (src/write/); alert documents are written directly (clickhouse-alert-store.ts).
 */
export class ClickHouseStorage implements Storage {
  readonly kind = "clickhouse";
  readonly capabilities: StorageCapabilities = { attributeFilters: true, regex: true, booleanFilters: true };
  readonly traces: { reader: ClickHouseTraceReader; writer: ClickHouseTraceWriter };
  readonly logs: { reader: ClickHouseLogReader; writer: ClickHouseLogWriter };
  readonly metrics: { reader: ClickHouseMetricsReader; writer: ClickHouseMetricsWriter };
  readonly alerts: ClickHouseAlertStore;

  private readonly handle = new ClickHouseHandle();
  private readonly slot = new WriterSlot();
  private state: "new" | "starting" | "started" | "stopped" = "new";
  private starting: Promise<void> | undefined;
  private stopping: Promise<void> | undefined;
  private opened: Opened | undefined;

  /** Does no I/O: everything happens in start(). */
  constructor(private readonly storageOptions: StorageOptions) {
    this.traces = { reader: new ClickHouseTraceReader(this.handle), writer: new ClickHouseTraceWriter(this.slot) };
    this.logs = { reader: new ClickHouseLogReader(this.handle), writer: new ClickHouseLogWriter(this.slot) };
    this.metrics = { reader: new ClickHouseMetricsReader(this.handle), writer: new ClickHouseMetricsWriter(this.slot) };
    this.alerts = new ClickHouseAlertStore(this.handle);
  }

  /** Writes acknowledged into the spool and not yet replayed (zero before start). */
  backlog(): StorageBacklog {
    const writer = this.opened?.writer;
    return { writes: writer?.spooledWrites ?? 0, bytes: writer?.spooledBytes ?? 0 };
  }

  /** The server version and optional features detected at start; undefined before. */
  get serverVersion(): ServerVersion | undefined {
    return this.opened?.version;
  }

  start(): Promise<void> {
    if (this.state !== "new") return Promise.reject(new Error(`ClickHouseStorage.start() called twice (state: ${this.state})`));
    this.state = "starting";
    this.starting = this.open();
    return this.starting;
  }

  private async open(): Promise<void> {
    const options = parseClickHouseOptions(this.storageOptions.options);
    const connect = (url: string) => new ClickHouseConnection({ url, user: options.user, password: options.password, requestTimeoutMs: options.requestTimeoutMs });
    const connection = connect(options.url);
    const schemaServers = schemaUrls(options).map((url) => (url === options.url.replace(/\/+$/, "") ? connection : connect(url)));
    const connections = [...new Set([connection, ...schemaServers])];
    let opened: Opened | undefined;
    try {
      const version = await reachable(connection);
      for (const server of schemaServers) if (server !== connection) await reachable(server);
      await migrate(schemaServers, { database: options.database, ...(options.cluster === undefined ? {} : { cluster: options.cluster, shards: shardCount(options) }) });
      const tables = tableNames(options.database);
      const writer = new ClickHouseWriter({
        connection,
        tables,
        spoolDir: join(this.storageOptions.dataDir, SPOOL_DIR),
        spoolMaxBytes: options.spoolMaxBytes,
        insertTimeoutMs: options.insertTimeoutMs,
        logger: portLogger(this.storageOptions.logger) ?? stderrLogger,
      });
      await writer.start();
      opened = { options, connections, schemaServers, writer, version };
      if (this.state !== "starting") return; // shutdown() arrived meanwhile: `finally` closes what was opened
      this.opened = opened;
      this.handle.current = { connection, tables };
      this.slot.core = writer;
      this.state = "started";
    } catch (error) {
      this.state = "stopped";
      await Promise.all(connections.map((c) => c.close().catch(() => undefined)));
      throw error;
    } finally {
      if (opened !== undefined && this.opened !== opened) await closeOpened(opened);
    }
  }

  shutdown(): Promise<void> {
    this.stopping ??= this.stop();
    return this.stopping;
  }

  private async stop(): Promise<void> {
    this.state = "stopped";
    this.handle.current = undefined;
    this.slot.core = undefined;
    await this.starting?.catch(() => undefined);
    const opened = this.opened;
    this.opened = undefined;
    if (opened !== undefined) await closeOpened(opened);
  }

  /** Bytes on disk of the database's active parts (summed over the shards of a cluster) plus the spool's files. */
  async sizeBytes(): Promise<number> {
    const opened = this.ready();
    const [database, spool] = await Promise.all([
      databaseBytes(opened.schemaServers, opened.options.database),
      directorySizeBytes(join(this.storageOptions.dataDir, SPOOL_DIR)),
    ]);
    return database + spool;
  }

  /** Drops the day partitions (spans, logs, rollups) before the cutoff's UTC day on every server holding the tables; see clickhouse-retention.ts. */
  async deleteBefore(cutoffUnixNano: bigint, signal?: AbortSignal): Promise<RetentionResult> {
    const opened = this.ready();
    return dropPartitionsBefore(opened.schemaServers, opened.options.database, cutoffUnixNano, signal);
  }

  private ready(): Opened {
    if (this.state !== "started" || this.opened === undefined) throw new StorageClosedError();
    return this.opened;
  }
}

/** The server's version, or an actionable error (naming the URL without credentials, and the user) if it cannot be reached or refuses the login. */
async function reachable(server: ClickHouseConnection): Promise<ServerVersion> {
  try {
    return await server.version();
  } catch (error) {
    throw startError(error, server.url, server.user);
  }
}

/** How many shard servers the options list: distinct URLs, credentials and trailing slashes aside. */
function shardCount(options: ClickHouseOptions): number {
  return new Set((options.shardUrls ?? []).map((url) => loginFromUrl(url, "", "").url.replace(/\/+$/, ""))).size;
}

async function closeOpened(opened: Opened): Promise<void> {
  try {
    await opened.writer.close();
  } finally {
    await Promise.all(opened.connections.map((c) => c.close().catch(() => undefined)));
  }
}
