import type { AlertEventQuery, AlertStore, StoredAlertEvent, StoredAlertRule } from "@skein/storage";
import { alertEventLine, alertRuleLine, DocumentVersions } from "./alert-rows.js";
import { alertEventsSql, alertRulesSql } from "./alert-sql.js";
import type { AlertEventRow, AlertRuleRow } from "./alert-sql.js";
import type { ClickHouseHandle } from "./clickhouse-handle.js";

/**
 * Alert rules and events as versioned rows (sql/002-alert-*.sql): a put, delete or re-append
 * inserts a new version; reads take the latest one per id. Writes go straight to ClickHouse (one
 * INSERT, confirmed by every shard on a cluster) — not through the spool: a rule change is made
 * by a user who should see it fail while ClickHouse is down, and an alert event that cannot be
 * stored is the evaluator's to retry. Errors: ClickHouseUnavailableError / ClickHouseQueryError;
 * StorageClosedError outside start..shutdown.
 */
export class ClickHouseAlertStore implements AlertStore {
  private readonly versions = new DocumentVersions();

  constructor(private readonly handle: ClickHouseHandle) {}

  async listRules(signal?: AbortSignal): Promise<StoredAlertRule[]> {
    const { connection, tables } = this.handle.open();
    return (await connection.queryAll<AlertRuleRow>(alertRulesSql(tables), signal)).map(ruleFromRow);
  }

  async getRule(id: string, signal?: AbortSignal): Promise<StoredAlertRule | undefined> {
    const { connection, tables } = this.handle.open();
    const [row] = await connection.queryAll<AlertRuleRow>(alertRulesSql(tables, id), signal);
    return row === undefined ? undefined : ruleFromRow(row);
  }

  async putRule(rule: StoredAlertRule, signal?: AbortSignal): Promise<void> {
    const { connection, tables } = this.handle.open();
    await connection.insertEncoded(tables.alertRules, alertRuleLine(rule, this.versions.next(), false) + "\n", signal);
  }

  /** Reads first: false (and nothing written) when no live rule has the id; else a deleted version hides it. */
  async deleteRule(id: string, signal?: AbortSignal): Promise<boolean> {
    const { connection, tables } = this.handle.open();
    const existing = await this.getRule(id, signal);
    if (existing === undefined) return false;
    const tombstone = { id, updatedAtUnixMs: Math.max(Date.now(), existing.updatedAtUnixMs), body: "" };
    await connection.insertEncoded(tables.alertRules, alertRuleLine(tombstone, this.versions.next(), true) + "\n", signal);
    return true;
  }

  async appendEvent(event: StoredAlertEvent, signal?: AbortSignal): Promise<void> {
    const { connection, tables } = this.handle.open();
    await connection.insertEncoded(tables.alertEvents, alertEventLine(event, this.versions.next()) + "\n", signal);
  }

  async *findEvents(query: AlertEventQuery, signal?: AbortSignal): AsyncIterable<StoredAlertEvent[]> {
    const { connection, tables } = this.handle.open();
    if (!(query.limit > 0)) return;
    for await (const rows of connection.query<AlertEventRow>(alertEventsSql(query, tables), signal)) {
      yield rows.map((r) => ({ id: r.id, ruleId: r.rule_id, timeUnixMs: Number(r.time_ms), body: r.body }));
    }
  }
}

function ruleFromRow(row: AlertRuleRow): StoredAlertRule {
  return { id: row.id, updatedAtUnixMs: Number(row.updated_ms), body: row.body };
}
