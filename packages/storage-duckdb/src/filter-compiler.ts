import { BOOLEAN, DOUBLE, HUGEINT, VARCHAR } from "@duckdb/node-api";
import { SPAN_KIND_NAMES, STATUS_CODE_NAMES } from "@skein/model";
import { validateSpanFilter } from "@skein/storage";
import type { Comparison, FilterValue, SpanField, SpanFilter } from "@skein/storage";
import type { SqlParams } from "./sql-params.js";

/**
 * Compiles a SpanFilter to a boolean SQL expression over one row of `spans` (same-span
 * semantics: the expression sees one span). The semantics are the reference ones of
 * @skein/storage's evaluateSpanFilter: a missing field or a type mismatch makes a comparison
 * false (`!=` and `!~` included), numbers compare exactly across int and double, strings by code
 * point (DuckDB's binary collation), regexes match the whole value. Every leaf yields TRUE or
 * FALSE, never NULL, so `not` is exact. Values go to `params`; the text holds only placeholders
 * and identifiers chosen here. Throws InvalidFilterError (from validateSpanFilter) first.
 */
export function compileSpanFilterSql(filter: SpanFilter, params: SqlParams): string {
  validateSpanFilter(filter);
  return compileNode(filter, params);
}

function compileNode(filter: SpanFilter, params: SqlParams): string {
  switch (filter.op) {
    case "and":
      return filter.filters.length === 0 ? "TRUE" : `(${filter.filters.map((f) => compileNode(f, params)).join(" AND ")})`;
    case "or":
      return filter.filters.length === 0 ? "FALSE" : `(${filter.filters.map((f) => compileNode(f, params)).join(" OR ")})`;
    case "not":
      return `(NOT ${compileNode(filter.filter, params)})`;
    case "exists":
      return compileExists(filter.field, params);
    case "compare":
      return filter.field.type === "intrinsic"
        ? compileIntrinsic(filter.field.name, filter.cmp, filter.value, params)
        : compileAttribute(filter.field, filter.cmp, filter.value, params);
  }
}

/** The JSON pointer (RFC 6901) of a key in a typed-JSON attribute map, under `prefix`. */
export function attributePointer(prefix: string, key: string): string {
  return `${prefix}/${key.replaceAll("~", "~0").replaceAll("/", "~1")}`;
}

/** SQL for one attribute of one row: whether it exists, and its typed-JSON value. */
interface AttributeSql {
  exists: string;
  json: string;
}

/** Span attributes are split into key and value arrays (see sql/spans.sql). */
function spanAttribute(key: string, params: SqlParams): AttributeSql {
  const position = `list_position(from_json(attribute_keys, '["VARCHAR"]'), ${params.add(key, VARCHAR)})`;
  return { exists: `(${position} IS NOT NULL)`, json: `json_extract(attribute_values, ${position} - 1)` };
}

/** Resource attributes sit in resource_json under /a. */
function resourceAttribute(key: string, params: SqlParams): AttributeSql {
  const pointer = params.add(attributePointer("/a", key), VARCHAR);
  return { exists: `COALESCE(json_exists(resource_json, ${pointer}), FALSE)`, json: `json_extract(resource_json, ${pointer})` };
}

function compileExists(field: SpanField, params: SqlParams): string {
  if (field.type === "intrinsic") return "TRUE";
  if (field.scope === "span") return spanAttribute(field.key, params).exists;
  if (field.scope === "resource") return resourceAttribute(field.key, params).exists;
  return `(${spanAttribute(field.key, params).exists} OR ${resourceAttribute(field.key, params).exists})`;
}

function compileAttribute(field: Extract<SpanField, { type: "attribute" }>, cmp: Comparison, value: FilterValue, params: SqlParams): string {
  if (field.scope === "span") return compareJson(spanAttribute(field.key, params).json, cmp, value, params);
  const resource = compareJson(resourceAttribute(field.key, params).json, cmp, value, params);
  if (field.scope === "resource") return resource;
  // `any`: the span attribute when the span has the key (even of another type), else the resource's.
  const span = spanAttribute(field.key, params);
  return `(CASE WHEN ${span.exists} THEN ${compareJson(span.json, cmp, value, params)} ELSE ${resource} END)`;
}

/** A comparison of a typed-JSON value (NULL when absent) with a literal; TRUE or FALSE. */
function compareJson(json: string, cmp: Comparison, value: FilterValue, params: SqlParams): string {
  const type = `json_type(${json})`;
  const text = `json_extract_string(${json}, '$')`;
  if (typeof value === "string") return `COALESCE(${type} = 'VARCHAR' AND ${compareString(text, cmp, value, params)}, FALSE)`;
  if (typeof value === "boolean") return `COALESCE(${type} = 'BOOLEAN' AND ${text}::BOOLEAN ${cmp} ${params.add(value, BOOLEAN)}, FALSE)`;
  // Ints are bare JSON integers or {"i":"…"}; doubles are {"d":…}. See @skein/storage/stored-form (typed-json.ts).
  const int = `(CASE WHEN ${type} IN ('UBIGINT', 'BIGINT') THEN ${text}::HUGEINT WHEN ${type} = 'OBJECT' THEN TRY_CAST(json_extract_string(${json}, '/i') AS HUGEINT) END)`;
  const dbl = `(CASE WHEN ${type} = 'OBJECT' THEN TRY_CAST(json_extract_string(${json}, '/d') AS DOUBLE) END)`;
  return `COALESCE(${compareInt(int, cmp, value, params)} OR ${compareDouble(dbl, cmp, value, params)}, FALSE)`;
}

function compareString(expr: string, cmp: Comparison, value: string, params: SqlParams): string {
  const p = params.add(value, VARCHAR);
  if (cmp === "=~") return `regexp_full_match(${expr}, ${p})`;
  if (cmp === "!~") return `NOT regexp_full_match(${expr}, ${p})`;
  return `${expr} ${cmp} ${p}`;
}

type Ordering = Exclude<Comparison, "=~" | "!~">;

/**
 * An int expression (HUGEINT, NULL when not an int) against a numeric literal, exactly: a double
 * literal becomes integer bounds (x < 2.5 ⇔ x < 3; x = 2.5 never), computed here in JS.
 */
function compareInt(expr: string, cmp: Comparison, value: bigint | number, params: SqlParams): string {
  const op = cmp as Ordering;
  if (typeof value === "bigint") return `${expr} ${op} ${params.add(value, HUGEINT)}`;
  if (Number.isNaN(value)) return op === "!=" ? `${expr} IS NOT NULL` : "FALSE";
  if (!Number.isFinite(value)) {
    const above = value > 0; // every int is below +Infinity, above -Infinity
    const holds = op === "!=" || (op !== "=" && (op === "<" || op === "<=") === above);
    return holds ? `${expr} IS NOT NULL` : "FALSE";
  }
  const floor = BigInt(Math.floor(value));
  const ceil = BigInt(Math.ceil(value));
  const integral = floor === ceil;
  switch (op) {
    case "=":
      return integral ? `${expr} = ${params.add(floor, HUGEINT)}` : "FALSE";
    case "!=":
      return integral ? `${expr} != ${params.add(floor, HUGEINT)}` : `${expr} IS NOT NULL`;
    case "<":
      return `${expr} < ${params.add(ceil, HUGEINT)}`;
    case "<=":
      return `${expr} <= ${params.add(floor, HUGEINT)}`;
    case ">":
      return `${expr} > ${params.add(floor, HUGEINT)}`;
    case ">=":
      return `${expr} >= ${params.add(ceil, HUGEINT)}`;
  }
}

/**
 * A double expression (NULL when not a double) against a numeric literal, with IEEE semantics as
 * the reference: NaN equals nothing and is unordered, so only `!=` holds for it. A bigint literal
 * that no double can represent lies strictly between two doubles `lo < v < hi`.
 */
function compareDouble(expr: string, cmp: Comparison, value: bigint | number, params: SqlParams): string {
  const op = cmp as Ordering;
  const notNan = `NOT isnan(${expr})`;
  if (typeof value === "number" && Number.isNaN(value)) return op === "!=" ? `${expr} IS NOT NULL` : "FALSE";
  if (typeof value === "number" || BigInt(Number(value)) === value) {
    const p = params.add(Number(value), DOUBLE);
    return op === "!=" ? `(isnan(${expr}) OR ${expr} != ${p})` : `(${notNan} AND ${expr} ${op} ${p})`;
  }
  const nearest = Number(value);
  const [lo, hi] = BigInt(nearest) < value ? [nearest, nextUp(nearest)] : [nextDown(nearest), nearest];
  switch (op) {
    case "=":
      return "FALSE";
    case "!=":
      return `${expr} IS NOT NULL`;
    case "<":
    case "<=":
      return `(${notNan} AND ${expr} <= ${params.add(lo, DOUBLE)})`;
    case ">":
    case ">=":
      return `(${notNan} AND ${expr} >= ${params.add(hi, DOUBLE)})`;
  }
}

function nextUp(x: number): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigInt64(0);
  view.setBigInt64(0, x >= 0 ? bits + 1n : bits - 1n);
  return view.getFloat64(0);
}

function nextDown(x: number): number {
  return -nextUp(-x);
}

/** Intrinsics read columns; `duration` is end − start clamped at 0; status and kind by name. */
function compileIntrinsic(name: Extract<SpanField, { type: "intrinsic" }>["name"], cmp: Comparison, value: FilterValue, params: SqlParams): string {
  switch (name) {
    case "service":
    case "name":
      return `COALESCE(${compareString(name, cmp, value as string, params)}, FALSE)`;
    case "statusMessage":
      return `COALESCE(${compareString("status_message", cmp, value as string, params)}, FALSE)`;
    case "duration": {
      const duration = "(CASE WHEN end_ns > start_ns THEN end_ns - start_ns ELSE 0 END)::HUGEINT";
      return `COALESCE(${compareInt(duration, cmp, value as bigint | number, params)}, FALSE)`;
    }
    case "status":
    case "kind": {
      const names: readonly string[] = name === "status" ? STATUS_CODE_NAMES : SPAN_KIND_NAMES;
      const column = name === "status" ? "status_code" : "kind";
      if (cmp === "=" || cmp === "!=") return `${column} ${cmp} ${names.indexOf(value as string)}`;
      const label = `list_extract([${names.map((n) => `'${n}'`).join(", ")}], ${column} + 1)`; // our constants
      return `COALESCE(${compareString(label, cmp, value as string, params)}, FALSE)`;
    }
  }
}
