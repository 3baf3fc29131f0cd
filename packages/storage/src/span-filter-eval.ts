import { SPAN_KIND_NAMES, STATUS_CODE_NAMES, spanDurationNano } from "@skein/model";
import type { AnyValue, Span } from "@skein/model";
import { compareCodePoints } from "./code-point-order.js";
import type { Comparison, FilterValue, SpanField, SpanFilter } from "./filter.js";
import { compileFilterRegex, isRegexComparison, validateSpanFilter } from "./span-filter-validate.js";

/** A compiled SpanFilter: true when the span satisfies it. */
export type SpanPredicate = (span: Span) => boolean;

const NOT_FOUND = Symbol("not found");
type FieldValue = AnyValue | typeof NOT_FOUND;

/**
 * The value a field reads on a span. Attributes are looked up as own properties only (maps may
 * have a prototype; `__proto__` and `toString` are ordinary keys). Scope `any` reads the span
 * attribute when the span has the key, else the resource attribute: no fallback on type mismatch.
 */
function readField(span: Span, field: SpanField): FieldValue {
  if (field.type === "attribute") {
    const { key, scope } = field;
    if (scope !== "resource" && Object.hasOwn(span.attributes, key)) return span.attributes[key]!;
    if (scope !== "span" && Object.hasOwn(span.resource.attributes, key)) return span.resource.attributes[key]!;
    return NOT_FOUND;
  }
  switch (field.name) {
    case "service":
      return span.service;
    case "name":
      return span.name;
    case "duration":
      return spanDurationNano(span);
    case "status":
      return STATUS_CODE_NAMES[span.status.code] ?? NOT_FOUND;
    case "statusMessage":
      return span.status.message;
    case "kind":
      return SPAN_KIND_NAMES[span.kind] ?? NOT_FOUND;
  }
}

/** -1/0/1, or undefined when the two are not comparable (different types, NaN). */
function order(actual: AnyValue, expected: FilterValue): number | undefined {
  const a = typeof actual;
  const e = typeof expected;
  if ((a === "bigint" || a === "number") && (e === "bigint" || e === "number")) {
    // Mixed bigint/number relational operators compare the exact mathematical values.
    const x = actual as bigint | number;
    const y = expected as bigint | number;
    if (x < y) return -1;
    if (x > y) return 1;
    return x == y ? 0 : undefined; // loose == is exact across bigint/number; NaN → undefined
  }
  if (a === "string" && e === "string") return compareCodePoints(actual as string, expected as string);
  if (a === "boolean" && e === "boolean") return actual === expected ? 0 : actual ? 1 : -1;
  return undefined;
}

function isNumeric(value: AnyValue): boolean {
  return typeof value === "bigint" || typeof value === "number";
}

function compileCompare(field: SpanField, cmp: Comparison, value: FilterValue): SpanPredicate {
  if (isRegexComparison(cmp)) {
    const regex = compileFilterRegex(value as string);
    const want = cmp === "=~";
    return (span) => {
      const actual = readField(span, field);
      return typeof actual === "string" && regex.test(actual) === want;
    };
  }
  const test = COMPARE[cmp as Exclude<Comparison, "=~" | "!~">];
  return (span) => {
    const actual = readField(span, field);
    if (actual === NOT_FOUND) return false;
    const o = order(actual, value);
    // `!=` on a comparable value is true for NaN (IEEE); any mismatch of types is false.
    if (o === undefined) return cmp === "!=" && isNumeric(actual) && isNumeric(value);
    return test(o);
  };
}

const COMPARE: Record<Exclude<Comparison, "=~" | "!~">, (o: number) => boolean> = {
  "=": (o) => o === 0,
  "!=": (o) => o !== 0,
  "<": (o) => o < 0,
  "<=": (o) => o <= 0,
  ">": (o) => o > 0,
  ">=": (o) => o >= 0,
};

function compileNode(filter: SpanFilter): SpanPredicate {
  switch (filter.op) {
    case "and": {
      const parts = filter.filters.map(compileNode);
      return (span) => parts.every((p) => p(span));
    }
    case "or": {
      const parts = filter.filters.map(compileNode);
      return (span) => parts.some((p) => p(span));
    }
    case "not": {
      const inner = compileNode(filter.filter);
      return (span) => !inner(span);
    }
    case "exists":
      return (span) => readField(span, filter.field) !== NOT_FOUND;
    case "compare":
      return compileCompare(filter.field, filter.cmp, filter.value);
  }
}

/**
 * Validates (throws InvalidFilterError, see validateSpanFilter) and compiles a filter once, for
 * evaluating it over many spans.
 */
export function compileSpanFilter(filter: SpanFilter): SpanPredicate {
  validateSpanFilter(filter);
  return compileNode(filter);
}

const compiled = new WeakMap<SpanFilter, SpanPredicate>();

/**
 * The reference semantics of SpanFilter; every adapter's push-down must agree with it.
 * - Intrinsics: `service`, `name`, `statusMessage` are strings; `duration` is end − start in ns
 *   (0 when negative) and compares to bigint or number; `status` and `kind` compare by lowercase
 *   name ("error", "server").
 * - Attributes: by scope `span`, `resource`, or `any` (span when it has the key, else resource).
 * - Numbers: int (bigint) and double (number) compare by exact value, across types.
 * - Strings: exact, case-sensitive; ordering is by Unicode code point. `=~`/`!~` match the whole
 *   value. Booleans: `=` and `!=` only.
 * - A missing attribute, or one whose type does not match the literal (string vs number, bool,
 *   bytes, array, kvlist, empty), makes the comparison false — `!=` and `!~` included.
 * - `exists` is true when the key is present, whatever its value (empty included).
 * Throws InvalidFilterError for malformed filters. Compiled predicates are cached per filter
 * object, so treat a filter as immutable once evaluated.
 */
export function evaluateSpanFilter(span: Span, filter: SpanFilter): boolean {
  let predicate = compiled.get(filter);
  if (predicate === undefined) {
    predicate = compileSpanFilter(filter);
    compiled.set(filter, predicate);
  }
  return predicate(span);
}
