import { Readable } from "node:stream";
import { ClickHouseLogLevel, createClient } from "@clickhouse/client";
import type { ClickHouseClient, ClickHouseSettings } from "@clickhouse/client";
import { toClickHouseError } from "./clickhouse-error-mapping.js";
import { loginFromUrl } from "./clickhouse-options.js";
import { insertTarget } from "./encoded-write.js";
import { INSERT_FORMAT } from "./insert-format.js";
import { detectServerVersion } from "./server-version.js";
import type { ServerVersion } from "./server-version.js";

/**
 * Sent with every request; all of them exist on 18.16 and later. Queries inline their values
 * (18.16 has no query parameters), so long IN lists need a larger parser limit than the
 * default 256 KiB; an INSERT into a Distributed table returns only once every shard stored
 * its rows, so a confirmed insert is a durable one.
 */
export const CONNECTION_SETTINGS: ClickHouseSettings = {
  max_query_size: String(64 * 1024 * 1024),
  insert_distributed_sync: 1,
};

/** Per-insert request options. */
export interface InsertRequestOptions {
  /**
   * The INSERT's `query_id`: while the server executes it, `system.processes` lists it under this
   * id, so a replay can tell an insert that ended without an answer is still running.
   */
  queryId?: string;
}

/** Rows per chunk that query() yields (fewer for the last one). */
export const QUERY_CHUNK_ROWS = 1_024;

export interface ClickHouseConnectionOptions {
  /** HTTP interface, e.g. http://127.0.0.1:8123; a user and password in it override `user` / `password`. */
  url: string;
  user: string;
  password: string;
  /** Time limit of one request, ms. */
  requestTimeoutMs: number;
}

/**
 * One ClickHouse server over HTTP (a pool of keep-alive sockets). Every statement is complete
 * SQL: values are inlined by the SQL builders through sqlLiteral. Failures reject with
 * ClickHouseQueryError (statement or data refused: not retryable) or ClickHouseUnavailableError
 * (unreachable, timeout, transient server trouble: retryable); an aborted `signal` rejects with
 * its reason and cancels the HTTP request. close() ends the pool; later calls fail.
 * Credentials in the URL are taken out once (loginFromUrl): the client gets them as user and
 * password, and `url` and every message name the server without them.
 */
export class ClickHouseConnection {
  /** The server's URL without user info: what messages and logs show. */
  readonly url: string;
  /** The user this connection logs in as (the URL's, when it names one). */
  readonly user: string;
  private readonly client: ClickHouseClient;
  private detected: ServerVersion | undefined;

  constructor(options: ClickHouseConnectionOptions) {
    const login = loginFromUrl(options.url, options.user, options.password);
    this.url = login.url;
    this.user = login.user;
    this.client = createClient({
      url: login.url,
      username: login.user,
      password: login.password,
      request_timeout: options.requestTimeoutMs,
      clickhouse_settings: CONNECTION_SETTINGS,
      log: { level: ClickHouseLogLevel.OFF },
    });
  }

  /** The server's version, read once (SELECT version()) and then remembered. */
  async version(signal?: AbortSignal): Promise<ServerVersion> {
    this.detected ??= await detectServerVersion(this, signal);
    return this.detected;
  }

  /** Runs a statement without result rows (DDL, ALTER). */
  async command(sql: string, signal?: AbortSignal): Promise<void> {
    await this.call("statement", signal, () => this.client.command({ query: sql, ...abort(signal) }));
  }

  /**
   * Streams the rows of a SELECT (without FORMAT: JSONEachRow is appended) in chunks of up to
   * QUERY_CHUNK_ROWS. UInt64/Int64 come as decimal strings. Stopping the iteration early cancels
   * the request.
   */
  async *query<Row>(sql: string, signal?: AbortSignal): AsyncIterable<Row[]> {
    const result = await this.call("query", signal, () => this.client.query({ query: sql, format: "JSONEachRow", ...abort(signal) }));
    let chunk: Row[] = [];
    try {
      for await (const rows of result.stream<Row>()) {
        for (const row of rows) {
          chunk.push(row.json());
          if (chunk.length === QUERY_CHUNK_ROWS) {
            yield chunk;
            chunk = [];
          }
        }
      }
    } catch (error) {
      throw this.failure(error, "query", signal);
    } finally {
      result.close();
    }
    if (chunk.length > 0) yield chunk;
  }

  /** All rows of a small SELECT. */
  async queryAll<Row>(sql: string, signal?: AbortSignal): Promise<Row[]> {
    const out: Row[] = [];
    for await (const chunk of this.query<Row>(sql, signal)) out.push(...chunk);
    return out;
  }

  /**
   * Inserts `body`, JSONEachRow text (one JSON object per line), into `table` (qualified) as-is:
   * the text is sent byte for byte, never re-serialized. Resolves once the server confirmed the
   * insert (on a Distributed table: once every shard stored its rows).
   */
  insertJsonLines(table: string, body: string, signal?: AbortSignal, options?: InsertRequestOptions): Promise<void> {
    return this.insertText(table, "JSONEachRow", body, signal, options);
  }

  /** Inserts rows encoded by encoded-write.ts (INSERT_FORMAT, one row per line) as insertJsonLines does. */
  insertEncoded(table: string, body: string, signal?: AbortSignal, options?: InsertRequestOptions): Promise<void> {
    // Columns named: a row of an older node then still fits a table a newer migration widened.
    return this.insertText(insertTarget(table), INSERT_FORMAT, body, signal, options);
  }

  private async insertText(table: string, format: string, body: string, signal?: AbortSignal, options?: InsertRequestOptions): Promise<void> {
    if (body.length === 0) return;
    await this.call(`insert into ${table}`, signal, async () => {
      const result = await this.client.exec({
        query: `INSERT INTO ${table} FORMAT ${format}`,
        values: Readable.from([Buffer.from(body, "utf8")], { objectMode: false }),
        ...(options?.queryId === undefined ? {} : { query_id: options.queryId }),
        ...abort(signal),
      });
      for await (const _ of result.stream); // the (empty) response, so the socket returns to the pool
    });
  }

  /** Closes the sockets. Idempotent. */
  async close(): Promise<void> {
    await this.client.close();
  }

  private async call<T>(what: string, signal: AbortSignal | undefined, run: () => Promise<T>): Promise<T> {
    signal?.throwIfAborted();
    try {
      return await run();
    } catch (error) {
      throw this.failure(error, what, signal);
    }
  }

  private failure(error: unknown, what: string, signal: AbortSignal | undefined): unknown {
    if (signal?.aborted) return signal.reason;
    return toClickHouseError(error, this.url, what);
  }
}

function abort(signal: AbortSignal | undefined): { abort_signal?: AbortSignal } {
  return signal === undefined ? {} : { abort_signal: signal };
}
