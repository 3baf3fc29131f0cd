// Reads of the alert documents (sql/002-alert-*.sql): the latest version of each id (argMax by
// version), so replaced and deleted documents never show. Every value goes through sqlLiteral;
// subqueries are GLOBAL so the same SQL serves a cluster's Distributed tables.
import type { AlertEventQuery } from "@skein/storage";
import { sqlLiteral } from "./sql-literal.js";
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

/**
 * The events of `query`, newest time first, ties by id descending, at most query.limit: the
 * latest version of each id, filtered on that version's rule and time. With a filter, only ids
 * with some row matching it are grouped (the latest version of a match is among them), so the
 * bodies of other events are not read. Rows: AlertEventRow.
 */
export function alertEventsSql(query: AlertEventQuery, tables: TableNames): string {
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
    if (!(end >= 0)) return nothing();
    if (end < Number.MAX_SAFE_INTEGER) condition("time_ms", "<=", Math.floor(end));
  }
  const candidates = raw.length === 0 ? "" : `\n  WHERE id GLOBAL IN (SELECT id FROM ${tables.alertEvents} WHERE ${raw.join(" AND ")})`;
  return `SELECT id, last_rule_id AS rule_id, toString(last_time_ms) AS time_ms, last_body AS body
FROM (
  SELECT id, argMax(rule_id, version) AS last_rule_id, argMax(time_ms, version) AS last_time_ms, argMax(body, version) AS last_body
  FROM ${tables.alertEvents}${candidates}
  GROUP BY id
)${latest.length === 0 ? "" : `\nWHERE ${latest.join(" AND ")}`}
ORDER BY last_time_ms DESC, id DESC
LIMIT ${sqlLiteral(limitCount(query.limit))}`;

  function nothing(): string {
    return `SELECT id, rule_id, toString(time_ms) AS time_ms, body FROM ${tables.alertEvents} WHERE 0`;
  }
}

export interface AlertEventRow {
  id: string;
  rule_id: string;
  time_ms: string;
  body: string;
}
