// getServices / getOperations over the operations table (sql/001-operations.sql): one row per
// (day, service, name, kind), so these read a small table instead of the spans.
import { SPAN_KIND_NAMES } from "@skein/model";
import { sqlLiteral } from "./sql-literal.js";
import type { TableNames } from "./table-names.js";

/** Distinct services, bytewise (= code point) order. Rows `{ service: string }`. */
export function servicesSql(tables: TableNames): string {
  return `SELECT DISTINCT service FROM ${tables.operations} ORDER BY service`;
}

/**
 * Distinct (span name, kind) of one service, by name (bytewise = code point order) then kind
 * name. Rows `{ name: string, kind: number }` (the SpanKind code).
 */
export function operationsSql(service: string, tables: TableNames): string {
  const kindName = `arrayElement([${SPAN_KIND_NAMES.map((n) => sqlLiteral(n)).join(", ")}], kind + 1)`;
  return `SELECT name, kind FROM ${tables.operations}
WHERE service = ${sqlLiteral(service)}
GROUP BY name, kind
ORDER BY name, ${kindName}`;
}
