import { sqlList, sqlLiteral } from "../sql-literal.js";

/**
 * The statement counting the queries the server is running whose query id is one of `queryIds`
 * or starts with `prefix` + `-`. `prefix` is an instance id (`skein-` and hex digits: nothing a
 * LIKE pattern treats specially); every value goes through sql-literal.ts.
 */
export function runningInsertsSql(queryIds: readonly string[], prefix: string | undefined): string {
  const conditions: string[] = [];
  if (queryIds.length > 0) conditions.push(`query_id IN (${sqlList(queryIds)})`);
  if (prefix !== undefined) {
    if (!/^[A-Za-z0-9-]+$/.test(prefix)) throw new RangeError(`not an instance id: ${JSON.stringify(prefix)}`);
    conditions.push(`query_id LIKE ${sqlLiteral(`${prefix}-%`)}`);
  }
  if (conditions.length === 0) throw new RangeError("runningInsertsSql needs query ids or a prefix");
  return `SELECT count() AS n FROM system.processes WHERE ${conditions.join(" OR ")}`;
}
