import { INSERT_FORMAT } from "../../insert-format.js";
import { ClickHouseUnavailableError } from "../../errors.js";
import type { InsertOptions, WriterConnection } from "../clickhouse-writer-options.js";

/** One INSERT as the writer asked for it; `pass()` sends it to the real server. */
export interface InsertCall {
  readonly table: string;
  readonly body: string;
  readonly queryId: string | undefined;
  /** Inserts (by any path) before this one, from 0. */
  readonly n: number;
  pass(): Promise<void>;
}

/**
 * A real connection with a hook in front of every INSERT, to inject a delay or an error into
 * one request (failure-path tests). Without a hook, or when the hook calls pass(), the insert
 * reaches the real server unchanged. Queries pass through.
 */
export class FaultyConnection implements WriterConnection {
  private count = 0;
  readonly queryIds: string[] = [];

  constructor(
    private readonly inner: WriterConnection,
    public onInsert: ((call: InsertCall) => Promise<void>) | undefined = undefined,
  ) {}

  insertEncoded(table: string, body: string, signal?: AbortSignal, options?: InsertOptions): Promise<void> {
    const n = this.count++;
    if (options?.queryId !== undefined) this.queryIds.push(options.queryId);
    const pass = () => this.inner.insertEncoded(table, body, signal, options);
    return this.onInsert === undefined ? pass() : this.onInsert({ table, body, queryId: options?.queryId, n, pass });
  }

  queryAll<Row>(sql: string, signal?: AbortSignal): Promise<Row[]> {
    return this.inner.queryAll<Row>(sql, signal);
  }
}

/**
 * An INSERT sent straight over HTTP with its own `query_id` and settings (e.g. a
 * max_insert_block_size of 1, so its rows land one block at a time): what ClickHouseConnection
 * will send once it passes query ids on.
 */
export async function insertOverHttp(url: string, table: string, body: string, queryId: string, settings: Record<string, string> = {}): Promise<void> {
  const params = new URLSearchParams({ query: `INSERT INTO ${table} FORMAT ${INSERT_FORMAT}`, query_id: queryId, ...settings });
  const response = await fetch(`${url}/?${params}`, { method: "POST", body });
  const text = await response.text();
  if (!response.ok) throw new Error(`insert ${queryId} failed: ${response.status} ${text}`);
}

/** What a request the client gave up on looks like (no answer from the server: outcome unknown). */
export function clientTimeout(): ClickHouseUnavailableError {
  return new ClickHouseUnavailableError("ClickHouse is unavailable for the insert: Timeout error.", undefined, { cause: new Error("Timeout error.") });
}

/** What a refused connection looks like (a final answer: nothing was sent). */
export function connectionRefused(): ClickHouseUnavailableError {
  return new ClickHouseUnavailableError("ClickHouse is unavailable for the insert: connect ECONNREFUSED", undefined, {
    cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }),
  });
}

/** A server exception that is not a refusal of the data (e.g. 252: too many partitions for one INSERT block on current releases). */
export function serverException(code: number, message: string): ClickHouseUnavailableError {
  return new ClickHouseUnavailableError(`ClickHouse failed the insert: code ${code}: ${message}`, code);
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
