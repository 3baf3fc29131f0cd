import { BIGINT, VARCHAR } from "@duckdb/node-api";
import type { DuckDBType, DuckDBValue } from "@duckdb/node-api";
import { StorageClosedError, StorageUnavailableError } from "@skein/storage";
import type { AlertEventQuery, AlertStore, StoredAlertEvent, StoredAlertRule } from "@skein/storage";
import { DELETE_RULE_SQL, GET_RULE_SQL, LIST_RULES_SQL, PUT_EVENT_SQL, PUT_RULE_SQL, alertEventsSql } from "./alert-sql.js";
import type { DuckDbHandle } from "./duckdb-handle.js";

/**
 * Alert rules and events in the alert_rules / alert_events tables (sql/alerts.sql). Each write is
 * one auto-committed statement on a connection of its own, passing the write gate: durable once it
 * resolves (DuckDB's COMMIT syncs the WAL). Writes run one at a time, in call order: two
 * concurrent upserts of one id would otherwise conflict in DuckDB (optimistic concurrency) and one
 * would fail. Alert writes are rare (rule edits, one event per state change), so this costs
 * nothing. Writes fail with StorageClosedError outside start()…shutdown(); reads as the other readers.
 */
export class DuckDbAlertStore implements AlertStore {
  /** Settles after the last accepted write; the next write starts after it, close() waits for it. */
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly handle: DuckDbHandle) {}

  async listRules(signal?: AbortSignal): Promise<StoredAlertRule[]> {
    signal?.throwIfAborted();
    const rows = await this.handle.db.withConnection(async (c) => (await c.runAndReadAll(LIST_RULES_SQL)).getRows());
    return rows.map(ruleFromRow);
  }

  async getRule(id: string, signal?: AbortSignal): Promise<StoredAlertRule | undefined> {
    signal?.throwIfAborted();
    const rows = await this.handle.db.withConnection(async (c) => (await c.runAndReadAll(GET_RULE_SQL, [id], [VARCHAR])).getRows());
    return rows[0] === undefined ? undefined : ruleFromRow(rows[0]);
  }

  putRule(rule: StoredAlertRule, signal?: AbortSignal): Promise<void> {
    return this.write("storing alert rule", signal, async () => {
      await this.run(PUT_RULE_SQL, [rule.id, BigInt(Math.trunc(rule.updatedAtUnixMs)), rule.body], [VARCHAR, BIGINT, VARCHAR]);
    });
  }

  deleteRule(id: string, signal?: AbortSignal): Promise<boolean> {
    return this.write("deleting alert rule", signal, async () => (await this.run(DELETE_RULE_SQL, [id], [VARCHAR])) > 0);
  }

  appendEvent(event: StoredAlertEvent, signal?: AbortSignal): Promise<void> {
    return this.write("storing alert event", signal, async () => {
      await this.run(PUT_EVENT_SQL, [event.id, event.ruleId, BigInt(Math.trunc(event.timeUnixMs)), event.body], [VARCHAR, VARCHAR, BIGINT, VARCHAR]);
    });
  }

  async *findEvents(query: AlertEventQuery, signal?: AbortSignal): AsyncIterable<StoredAlertEvent[]> {
    signal?.throwIfAborted();
    if (query.limit <= 0) return;
    const { sql, params } = alertEventsSql(query);
    const connection = await this.handle.db.connect();
    try {
      const result = await connection.stream(sql, params.values, params.types);
      for await (const chunk of result) {
        signal?.throwIfAborted();
        const rows = chunk.getRows();
        if (rows.length > 0) yield rows.map(eventFromRow);
      }
    } finally {
      connection.closeSync();
    }
  }

  /** Waits for the writes in progress to settle (shutdown() closes the file afterwards). */
  async close(): Promise<void> {
    await this.tail;
  }

  /** Runs one auto-committed statement; resolves with the number of rows it changed. */
  private run(sql: string, values: DuckDBValue[], types: DuckDBType[]): Promise<number> {
    return this.handle.db.withConnection(async (c) => (await c.run(sql, values, types)).rowsChanged);
  }

  private write<T>(what: string, signal: AbortSignal | undefined, fn: () => Promise<T>): Promise<T> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (!this.handle.accepting) return Promise.reject(new StorageClosedError());
    const pending = this.tail.then(() =>
      this.handle.gate.shared(async () => {
        try {
          return await fn();
        } catch (error) {
          if (error instanceof StorageClosedError) throw error;
          throw new StorageUnavailableError(`${what} failed: ${(error as Error).message}`, { cause: error });
        }
      }),
    );
    this.tail = pending.catch(() => undefined);
    return pending;
  }
}

function ruleFromRow(row: readonly DuckDBValue[]): StoredAlertRule {
  return { id: row[0] as string, updatedAtUnixMs: Number(row[1] as bigint), body: row[2] as string };
}

function eventFromRow(row: readonly DuckDBValue[]): StoredAlertEvent {
  return { id: row[0] as string, ruleId: row[1] as string, timeUnixMs: Number(row[2] as bigint), body: row[3] as string };
}
