// Reads of the alert documents (sql/002-alert-*.sql): the latest version of each id (argMax by
// version), so replaced and deleted documents never show. Every value goes through sqlLiteral;
// subqueries are GLOBAL so the same SQL serves a cluster's Distributed tables.
import type { AlertEventQuery } from "@skein/storage";
import { sqlList, sqlLiteral, sqlUInt64 } from "./sql-literal.js";
import { limitCount } from "./sql-time-range.js";
import type { TableNames } from "./table-names.js";

/** The live rules (latest version not deleted), by id ascending; one id only when `id` is given. Rows: AlertRuleRow. */
export function alertRulesSql(tables: TableNames, id?: string): string {
  const where = id === undefined ? "" : `\n  WHERE id = ${sqlLiteral(id)}`;
  return `SELECT id, toString(last_updated_ms) AS updated_ms, last_body AS body
FROM (
  SELECT id, argMax(updated_ms, version) AS last_updated_ms, argMax(body, version) AS last_body, argMax(deleted, version) AS last_deleted
  FROM ${tables.alertRules}${where}
  GROUP BY id
)
WHERE last_deleted = 0
ORDER BY id ASC`;
}

export interface AlertRuleRow {
  id: string;
  updated_ms: string;
  body: string;
}

/** The newest version stored for `id` in an alert table (either one), deleted or not; "0" when none. Rows: DocumentVersionRow. */
export function documentVersionSql(table: string, id: string): string {
  return `SELECT toString(max(version)) AS version FROM ${table} WHERE id = ${sqlLiteral(id)}`;
}

export interface DocumentVersionRow {
  version: string;
}

/**
 * Step 1 of reading the events of `query`: the (id, version) of the latest version of each id,
 * filtered on that version's rule and time, newest time first, ties by id descending, at most
 * query.limit — without bodies, so the grouping holds only small columns for every id. With a
 * filter, only ids with some row matching it are grouped (the latest version of a match is
 * among them). Rows: AlertEventKeyRow; step 2 (alertEventBodiesSql) reads their bodies.
 */
export function alertEventKeysSql(query: AlertEventQuery, tables: TableNames): string {
  const raw: string[] = [];
  const latest: string[] = [];
  const condition = (column: string, op: string, value: string | number) => {
    const literal = typeof value === "string" ? sqlLiteral(value) : sqlLiteral(BigInt(Math.trunc(value)));
    raw.push(`${column} ${op} ${literal}`);
    latest.push(`last_${column} ${op} ${literal}`);
  };
  if (query.ruleId !== undefined) condition("rule_id", "=", query.ruleId);
  const start = query.startUnixMs;
  const end = query.endUnixMs;
  if (start !== undefined && start > 0) condition("time_ms", ">=", Math.ceil(Math.min(start, Number.MAX_SAFE_INTEGER)));
  if (end !== undefined) {
    if (!(end >= 0)) return `SELECT id, toString(version) AS version FROM ${tables.alertEvents} WHERE 0`;
    if (end < Number.MAX_SAFE_INTEGER) condition("time_ms", "<=", Math.floor(end));
  }
  const candidates = raw.length === 0 ? "" : `\n  WHERE id GLOBAL IN (SELECT id FROM ${tables.alertEvents} WHERE ${raw.join(" AND ")})`;
  const ruleColumn = query.ruleId === undefined ? "" : ", argMax(rule_id, version) AS last_rule_id";
  return `SELECT id, toString(last_version) AS version
FROM (
  SELECT id, max(version) AS last_version, argMax(time_ms, version) AS last_time_ms${ruleColumn}
  FROM ${tables.alertEvents}${candidates}
  GROUP BY id
)${latest.length === 0 ? "" : `\nWHERE ${latest.join(" AND ")}`}
ORDER BY last_time_ms DESC, id DESC
LIMIT ${sqlLiteral(limitCount(query.limit))}`;
}

export interface AlertEventKeyRow {
  id: string;
  /** UInt64 as decimal text. */
  version: string;
}

/**
 * Step 2: the rows of these (id, version) pairs, with their bodies, in no particular order (the
 * caller restores step 1's). `id IN` lets the primary key (ORDER BY id) skip to those ids. A
 * pair may come back twice (the same insert stored twice, before a merge collapses it). Not for
 * an empty list. Rows: AlertEventRow.
 */
export function alertEventBodiesSql(keys: readonly AlertEventKeyRow[], tables: TableNames): string {
  if (keys.length === 0) throw new RangeError("no alert event keys");
  const ids = [...new Set(keys.map((k) => k.id))];
  const pairs = keys.map((k) => `(${sqlLiteral(k.id)}, ${sqlUInt64(BigInt(k.version))})`);
  return `SELECT id, rule_id, toString(time_ms) AS time_ms, body
FROM ${tables.alertEvents}
WHERE id IN (${sqlList(ids)})
  AND (id, version) IN (${pairs.join(", ")})`;
}

export interface AlertEventRow {
  id: string;
  rule_id: string;
  time_ms: string;
  body: string;
}
