import { BIGINT, VARCHAR } from "@duckdb/node-api";
import type { AlertEventQuery } from "@skein/storage";
import { SqlParams } from "./sql-params.js";

export const LIST_RULES_SQL = "SELECT id, updated_at_ms, body FROM alert_rules ORDER BY id ASC";
export const GET_RULE_SQL = "SELECT id, updated_at_ms, body FROM alert_rules WHERE id = $1";
/** Replaces by primary key: the row with this id, if any, is updated in place. */
export const PUT_RULE_SQL = "INSERT OR REPLACE INTO alert_rules (id, updated_at_ms, body) VALUES ($1, $2, $3)";
export const DELETE_RULE_SQL = "DELETE FROM alert_rules WHERE id = $1";
export const PUT_EVENT_SQL = "INSERT OR REPLACE INTO alert_events (id, rule_id, time_ms, body) VALUES ($1, $2, $3, $4)";

/** Inclusive ms bounds as BIGINT: an integer time t satisfies t >= x ⇔ t >= ceil(x), t <= x ⇔ t <= floor(x). */
const FAR_MS = 2 ** 62;
function clampMs(ms: number): number {
  return Math.min(FAR_MS, Math.max(-FAR_MS, ms));
}

/**
 * The event search: the query's conditions ANDed, newest time first, ties by id descending (ids
 * compare bytewise, which is code point order for UTF-8), limited. Columns: id, rule_id, time_ms, body.
 */
export function alertEventsSql(query: AlertEventQuery): { sql: string; params: SqlParams } {
  const params = new SqlParams();
  const where: string[] = [];
  if (query.ruleId !== undefined) where.push(`rule_id = ${params.add(query.ruleId, VARCHAR)}`);
  if (query.startUnixMs !== undefined && !Number.isNaN(query.startUnixMs)) where.push(`time_ms >= ${params.add(BigInt(Math.ceil(clampMs(query.startUnixMs))), BIGINT)}`);
  if (query.endUnixMs !== undefined && !Number.isNaN(query.endUnixMs)) where.push(`time_ms <= ${params.add(BigInt(Math.floor(clampMs(query.endUnixMs))), BIGINT)}`);
  const limit = params.add(BigInt(Math.max(0, Math.floor(query.limit))), BIGINT);
  const sql = `SELECT id, rule_id, time_ms, body FROM alert_events${where.length > 0 ? ` WHERE ${where.join(" AND ")}` : ""} ORDER BY time_ms DESC, id DESC LIMIT ${limit}`;
  return { sql, params };
}
