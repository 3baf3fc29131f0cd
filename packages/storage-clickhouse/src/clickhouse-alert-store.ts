import type { AlertEventQuery, AlertStore, StoredAlertEvent, StoredAlertRule } from "@skein/storage";
import { alertEventLine, alertRuleLine, DocumentVersions } from "./alert-rows.js";
import type { DocumentVersionOptions } from "./alert-rows.js";
import { alertEventBodiesSql, alertEventKeysSql, alertRulesSql, documentVersionSql } from "./alert-sql.js";
import type { AlertEventKeyRow, AlertEventRow, AlertRuleRow, DocumentVersionRow } from "./alert-sql.js";
import type { ClickHouseConnection } from "./clickhouse-connection.js";
import type { ClickHouseHandle } from "./clickhouse-handle.js";

/**
 * Events whose bodies one step-2 query reads (bodies are up to 256 KiB each, so at most ~16 MiB
 * of bodies is held at a time, here and in ClickHouse).
 */
export const EVENT_BODIES_PER_QUERY = 64;

/**
 * Alert rules and events as versioned rows (sql/002-alert-*.sql): a put, delete or re-append
 * inserts a new version; reads take the latest one per id. Every write first reads the newest
 * version stored for its id and writes a higher one (DocumentVersions), so a change wins over
 * what its writer saw whatever the nodes' clocks say. Writes go straight to ClickHouse (one
 * INSERT, confirmed by every shard on a cluster) — not through the spool: a rule change is made
 * by a user who should see it fail while ClickHouse is down, and an alert event that cannot be
 * stored is the evaluator's to retry. Errors: ClickHouseUnavailableError / ClickHouseQueryError;
 * StorageClosedError outside start..shutdown.
 */
export class ClickHouseAlertStore implements AlertStore {
  private readonly versions: DocumentVersions;

  constructor(
    private readonly handle: ClickHouseHandle,
    versions: DocumentVersionOptions = {},
  ) {
    this.versions = new DocumentVersions(versions);
  }

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
    const version = await this.nextVersion(connection, tables.alertRules, rule.id, signal);
    await connection.insertEncoded(tables.alertRules, alertRuleLine(rule, version, false) + "\n", signal);
  }

  /** Reads first: false (and nothing written) when no live rule has the id; else a deleted version hides it. */
  async deleteRule(id: string, signal?: AbortSignal): Promise<boolean> {
    const { connection, tables } = this.handle.open();
    const [existing, stored] = await Promise.all([this.getRule(id, signal), storedVersion(connection, tables.alertRules, id, signal)]);
    if (existing === undefined) return false;
    const tombstone = { id, updatedAtUnixMs: Math.max(Date.now(), existing.updatedAtUnixMs), body: "" };
    await connection.insertEncoded(tables.alertRules, alertRuleLine(tombstone, this.versions.next(stored), true) + "\n", signal);
    return true;
  }

  async appendEvent(event: StoredAlertEvent, signal?: AbortSignal): Promise<void> {
    const { connection, tables } = this.handle.open();
    const version = await this.nextVersion(connection, tables.alertEvents, event.id, signal);
    await connection.insertEncoded(tables.alertEvents, alertEventLine(event, version) + "\n", signal);
  }

  /**
   * Two steps, so that no query holds the bodies of every event: the (id, version) of the page,
   * ordered and limited without bodies (streamed), then the bodies of up to
   * EVENT_BODIES_PER_QUERY of them at a time, yielded in step 1's order.
   */
  async *findEvents(query: AlertEventQuery, signal?: AbortSignal): AsyncIterable<StoredAlertEvent[]> {
    const { connection, tables } = this.handle.open();
    if (!(query.limit > 0)) return;
    const keys: AlertEventKeyRow[] = [];
    const bodies = async (page: AlertEventKeyRow[]): Promise<StoredAlertEvent[]> => {
      const byId = new Map<string, StoredAlertEvent>();
      for (const r of await connection.queryAll<AlertEventRow>(alertEventBodiesSql(page, tables), signal)) {
        byId.set(r.id, { id: r.id, ruleId: r.rule_id, timeUnixMs: Number(r.time_ms), body: r.body });
      }
      // A pair is missing only if the id got a newer version after step 1 and a merge collapsed
      // the older row meanwhile: that event was being replaced, and is left out of this read.
      return page.flatMap((k) => byId.get(k.id) ?? []);
    };
    for await (const rows of connection.query<AlertEventKeyRow>(alertEventKeysSql(query, tables), signal)) {
      keys.push(...rows);
      while (keys.length >= EVENT_BODIES_PER_QUERY) yield await bodies(keys.splice(0, EVENT_BODIES_PER_QUERY));
    }
    if (keys.length > 0) yield await bodies(keys);
  }

  private async nextVersion(connection: ClickHouseConnection, table: string, id: string, signal: AbortSignal | undefined): Promise<bigint> {
    return this.versions.next(await storedVersion(connection, table, id, signal));
  }
}

/** The newest version stored for `id` in `table` (0n when none). */
async function storedVersion(connection: ClickHouseConnection, table: string, id: string, signal: AbortSignal | undefined): Promise<bigint> {
  const [row] = await connection.queryAll<DocumentVersionRow>(documentVersionSql(table, id), signal);
  return BigInt(row?.version ?? "0");
}

function ruleFromRow(row: AlertRuleRow): StoredAlertRule {
  return { id: row.id, updatedAtUnixMs: Number(row.updated_ms), body: row.body };
}
