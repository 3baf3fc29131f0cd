// SpanFilter → a boolean SQL expression over the columns of the spans table (sql/001-spans.sql),
// with exactly the meaning of the reference evaluator (@skein/storage span-filter-eval.ts).
import { SPAN_KIND_NAMES, STATUS_CODE_NAMES } from "@skein/model";
import { validateSpanFilter } from "@skein/storage";
import type { Comparison, FilterValue, SpanField, SpanFilter } from "@skein/storage";
import { AttributeType } from "./attribute-types.js";
import { doubleCompareSql, integerCompareSql, neighbourDoubles } from "./filter-numbers.js";
import type { Ordering } from "./filter-numbers.js";
import { re2Pattern } from "./filter-regex.js";
import { sqlLiteral } from "./sql-literal.js";

const TRUE = "1";
const FALSE = "0";
const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;
const UINT64_MAX = (1n << 64n) - 1n;

/**
 * A boolean SQL expression (UInt8 0/1, never NULL, so `not` is exact) over one row of the spans
 * table that holds exactly when the span satisfies `filter` under the reference semantics:
 * - a missing attribute or one of another type makes a comparison false (`!=` and `!~` too);
 *   `any` reads the span attribute when the span has the key (whatever its type), else the
 *   resource's;
 * - strings compare bytewise (UTF-8, i.e. by code point); `=~`/`!~` are RE2 on the whole value;
 * - numbers compare exactly across INT and DOUBLE attributes: ints as Int64 (`toInt64OrZero`,
 *   exact), doubles by their parsed value and their text together (18.16's text-to-Float64
 *   parsing is off by an ulp or two for some values: filter-numbers.ts), NaN equals nothing;
 * - status and kind compare by name; an unknown code reads as absent.
 * Validates first: InvalidFilterError (from @skein/storage) on a malformed filter or a regex that
 * does not compile. Every value in the text comes from sqlLiteral.
 */
export function compileSpanFilter(filter: SpanFilter): string {
  validateSpanFilter(filter);
  return compileNode(filter);
}

function compileNode(filter: SpanFilter): string {
  switch (filter.op) {
    case "and":
      return filter.filters.length === 0 ? TRUE : `(${filter.filters.map(compileNode).join(" AND ")})`;
    case "or":
      return filter.filters.length === 0 ? FALSE : `(${filter.filters.map(compileNode).join(" OR ")})`;
    case "not":
      return `(NOT ${compileNode(filter.filter)})`;
    case "exists":
      return compileExists(filter.field);
    case "compare":
      return filter.field.type === "intrinsic" ? compileIntrinsic(filter.field.name, filter.cmp, filter.value) : compileAttribute(filter.field, filter.cmp, filter.value);
  }
}

type AttributeField = Extract<SpanField, { type: "attribute" }>;

/** One attribute of one row in the parallel arrays `<prefix>_keys/_types/_values`. */
interface AttributeSql {
  /** 1 when the row has the key (keys are unique per map). */
  exists: string;
  /** The type code (attribute-types.ts); 0 (EMPTY) when absent, so test `exists` for presence. */
  type: string;
  /** The value text; '' when absent. */
  text: string;
}

function attributeSql(prefix: "attr" | "resource", key: string): AttributeSql {
  const position = `indexOf(${prefix}_keys, ${sqlLiteral(key)})`;
  return { exists: `(${position} > 0)`, type: `arrayElement(${prefix}_types, ${position})`, text: `arrayElement(${prefix}_values, ${position})` };
}

function compileExists(field: SpanField): string {
  if (field.type === "intrinsic") {
    // status and kind read as absent for a code without a name (the reference's NOT_FOUND).
    if (field.name === "status") return `(status_code < ${sqlLiteral(BigInt(STATUS_CODE_NAMES.length))})`;
    if (field.name === "kind") return `(kind < ${sqlLiteral(BigInt(SPAN_KIND_NAMES.length))})`;
    return TRUE;
  }
  if (field.scope === "span") return attributeSql("attr", field.key).exists;
  if (field.scope === "resource") return attributeSql("resource", field.key).exists;
  return `(${attributeSql("attr", field.key).exists} OR ${attributeSql("resource", field.key).exists})`;
}

function compileAttribute(field: AttributeField, cmp: Comparison, value: FilterValue): string {
  if (field.scope === "span") return compareTyped(attributeSql("attr", field.key), cmp, value);
  const resource = compareTyped(attributeSql("resource", field.key), cmp, value);
  if (field.scope === "resource") return resource;
  // `any`: the span attribute when the span has the key (even of another type), else the resource's.
  const span = attributeSql("attr", field.key);
  return `if(${span.exists}, ${compareTyped(span, cmp, value)}, ${resource})`;
}

/** A typed attribute against a literal: 1 or 0, false on any type mismatch. */
function compareTyped(attr: AttributeSql, cmp: Comparison, value: FilterValue): string {
  const is = (type: AttributeType) => `${attr.type} = ${sqlLiteral(BigInt(type))}`;
  if (typeof value === "string") return `(${is(AttributeType.STRING)} AND ${compareString(attr.text, cmp, value)})`;
  if (typeof value === "boolean") {
    // Validation allows only = and != on booleans; the text is `true` or `false`.
    return `(${is(AttributeType.BOOL)} AND ${attr.text} ${cmp === "=" ? "=" : "!="} ${sqlLiteral(value ? "true" : "false")})`;
  }
  const op = cmp as Ordering;
  const asInt = `(${is(AttributeType.INT)} AND ${compareIntLiteral(`toInt64OrZero(${attr.text})`, op, value, INT64_MIN, INT64_MAX)})`;
  const asDouble = `(${is(AttributeType.DOUBLE)} AND ${compareDoubleText(attr.text, op, value)})`;
  return `(${asInt} OR ${asDouble})`;
}

function compareString(expr: string, cmp: Comparison, value: string): string {
  if (cmp === "=~") return `match(${expr}, ${sqlLiteral(re2Pattern(value))})`;
  if (cmp === "!~") return `(NOT match(${expr}, ${sqlLiteral(re2Pattern(value))}))`;
  return `${expr} ${cmp} ${sqlLiteral(value)}`;
}

/**
 * An integer expression with values in [min, max] against a numeric literal, exactly: a double
 * literal becomes integer bounds (x < 2.5 ⇔ x < 3; x = 2.5 never), NaN equals nothing (only `!=`
 * holds), infinities and literals beyond the range fold to constants.
 */
function compareIntLiteral(expr: string, op: Ordering, value: bigint | number, min: bigint, max: bigint): string {
  if (typeof value === "bigint") return integerCompareSql(expr, op, value, min, max);
  if (Number.isNaN(value)) return op === "!=" ? TRUE : FALSE;
  if (!Number.isFinite(value)) {
    const holds = op === "!=" || ((op === "<" || op === "<=") === value > 0 && op !== "=");
    return holds ? TRUE : FALSE;
  }
  const floor = BigInt(Math.floor(value));
  const ceil = BigInt(Math.ceil(value));
  switch (op) {
    case "=":
      return floor === ceil ? integerCompareSql(expr, "=", floor, min, max) : FALSE;
    case "!=":
      return floor === ceil ? integerCompareSql(expr, "!=", floor, min, max) : TRUE;
    case "<":
      return integerCompareSql(expr, "<", ceil, min, max);
    case "<=":
      return integerCompareSql(expr, "<=", floor, min, max);
    case ">":
      return integerCompareSql(expr, ">", floor, min, max);
    case ">=":
      return integerCompareSql(expr, ">=", ceil, min, max);
  }
}

/**
 * A DOUBLE attribute's text (`nan`, `inf`, `-inf`, `-0` or JS String(x)) against a numeric
 * literal, with IEEE semantics as the reference: NaN is unordered (only `!=` holds). A bigint
 * that no double represents lies strictly between two doubles `below < v < above`.
 */
function compareDoubleText(text: string, op: Ordering, value: bigint | number): string {
  if (typeof value === "number") return Number.isNaN(value) ? (op === "!=" ? TRUE : FALSE) : doubleCompareSql(text, op, value);
  const exact = neighbourDoubles(value);
  if (typeof exact === "number") return doubleCompareSql(text, op, exact);
  switch (op) {
    case "=":
      return FALSE;
    case "!=":
      return TRUE;
    case "<":
    case "<=":
      return doubleCompareSql(text, "<=", exact.below);
    case ">":
    case ">=":
      return doubleCompareSql(text, ">=", exact.above);
  }
}

/** Intrinsics read columns; duration is the stored duration_ns (end − start, 0 if negative). */
function compileIntrinsic(name: Extract<SpanField, { type: "intrinsic" }>["name"], cmp: Comparison, value: FilterValue): string {
  switch (name) {
    case "service":
    case "name":
      return compareString(name, cmp, value as string);
    case "statusMessage":
      return compareString("status_message", cmp, value as string);
    case "duration":
      return compareIntLiteral("duration_ns", cmp as Ordering, value as bigint | number, 0n, UINT64_MAX);
    case "status":
    case "kind": {
      const names: readonly string[] = name === "status" ? STATUS_CODE_NAMES : SPAN_KIND_NAMES;
      const column = name === "status" ? "status_code" : "kind";
      const known = `${column} < ${sqlLiteral(BigInt(names.length))}`;
      // Validation allows only =, !=, =~, !~ with a known name here.
      if (cmp === "=") return `${column} = ${sqlLiteral(BigInt(names.indexOf(value as string)))}`;
      if (cmp === "!=") return `(${known} AND ${column} != ${sqlLiteral(BigInt(names.indexOf(value as string)))})`;
      const label = `arrayElement([${names.map((n) => sqlLiteral(n)).join(", ")}], ${column} + 1)`;
      return `(${known} AND ${compareString(label, cmp, value as string)})`;
    }
  }
}
