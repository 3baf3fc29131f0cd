import { SPAN_KIND_NAMES, STATUS_CODE_NAMES } from "@skein/model";
import { InvalidFilterError } from "./errors.js";
import type { Comparison, FilterValue, SpanField, SpanFilter } from "./filter.js";

const COMPARISONS: readonly string[] = ["=", "!=", "<", "<=", ">", ">=", "=~", "!~"] satisfies Comparison[];
const ORDERING: readonly string[] = ["<", "<=", ">", ">="];
const INTRINSICS: readonly string[] = ["service", "name", "duration", "status", "statusMessage", "kind"];
const SCOPES: readonly string[] = ["span", "resource", "any"];

/** True for `=~` and `!~`. */
export function isRegexComparison(cmp: Comparison): boolean {
  return cmp === "=~" || cmp === "!~";
}

/**
 * Compiles a filter regex with TraceQL semantics: anchored on the whole value, Unicode code points
 * (flag `u`). A leading RE2 flag group `(?i)` (case-insensitive), `(?s)` (`.` matches newline) or
 * `(?is)` is accepted. Throws InvalidFilterError when the pattern does not compile; lookaround and
 * backreferences (not in RE2, so no SQL engine could push them down) are refused as well.
 */
export function compileFilterRegex(pattern: string): RegExp {
  if (usesNonRe2Syntax(pattern)) {
    throw new InvalidFilterError(`regex ${JSON.stringify(pattern)} uses lookaround or a backreference, which filters do not support`);
  }
  // RE2's leading flag group `(?i)` / `(?s)` / `(?is)` becomes JS flags (V8 in Node 20 lacks inline modifiers).
  const flagGroup = /^\(\?([is]+)\)/.exec(pattern);
  const flags = `u${flagGroup?.[1]?.includes("i") ? "i" : ""}${flagGroup?.[1]?.includes("s") ? "s" : ""}`;
  const body = escapePunctuation(flagGroup === null ? pattern : pattern.slice(flagGroup[0].length));
  try {
    // Compiling the body alone first refuses `a)|(b`, which would break out of the anchors.
    new RegExp(body, flags);
    return new RegExp(`^(?:${body})$`, flags);
  } catch (error) {
    throw new InvalidFilterError(`regex ${JSON.stringify(pattern)} does not compile: ${(error as Error).message}`, { cause: error });
  }
}

/** Finds lookaround `(?=` `(?!` `(?<=` `(?<!` and backreferences `\1` `\k<…>` outside character classes. */
function usesNonRe2Syntax(pattern: string): boolean {
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "\\") {
      const next = pattern[i + 1] ?? "";
      if (!inClass && (/[1-9]/.test(next) || next === "k")) return true;
      i++;
    } else if (inClass) {
      if (c === "]") inClass = false;
    } else if (c === "[") {
      inClass = true;
    } else if (c === "(" && pattern[i + 1] === "?") {
      const rest = pattern.slice(i + 2, i + 4);
      if (rest.startsWith("=") || rest.startsWith("!") || rest === "<=" || rest === "<!") return true;
    }
  }
  return false;
}

/**
 * RE2 lets any ASCII punctuation be escaped (`\-`, `\:`, `\"`); JS with flag `u` allows only its
 * syntax characters. Rewrites each escaped punctuation character as `\xHH`, the same literal.
 */
function escapePunctuation(pattern: string): string {
  return pattern.replace(/\\([\s\S])/g, (whole, c: string) => (/[!-\/:-@[-`{-~]/.test(c) ? `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}` : whole));
}

/** A short, never-throwing rendering of an unknown value for error messages. */
function show(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

function isFilterValue(value: unknown): value is FilterValue {
  const t = typeof value;
  return t === "string" || t === "boolean" || t === "bigint" || t === "number";
}

function describeField(field: SpanField): string {
  return field.type === "intrinsic" ? field.name : `${field.scope}.${field.key}`;
}

function validateField(field: unknown): asserts field is SpanField {
  const f = field as Partial<Record<string, unknown>> | null;
  if (typeof f !== "object" || f === null) throw new InvalidFilterError("filter field must be an object");
  if (f.type === "intrinsic") {
    if (typeof f.name !== "string" || !INTRINSICS.includes(f.name)) throw new InvalidFilterError(`unknown intrinsic ${show(f.name)}`);
    return;
  }
  if (f.type === "attribute") {
    if (typeof f.scope !== "string" || !SCOPES.includes(f.scope)) throw new InvalidFilterError(`unknown attribute scope ${show(f.scope)}`);
    if (typeof f.key !== "string") throw new InvalidFilterError("attribute key must be a string");
    return;
  }
  throw new InvalidFilterError(`unknown field type ${show(f.type)}`);
}

/** Checks one comparison's value against what its field and operator accept. */
function validateCompare(field: SpanField, cmp: Comparison, value: FilterValue): void {
  const where = `${describeField(field)} ${cmp}`;
  if (isRegexComparison(cmp)) {
    if (typeof value !== "string") throw new InvalidFilterError(`${where} needs a string regex`);
    if (field.type === "intrinsic" && field.name === "duration") throw new InvalidFilterError(`${where}: duration cannot be matched by regex`);
    compileFilterRegex(value);
    return;
  }
  if (typeof value === "boolean" && ORDERING.includes(cmp)) throw new InvalidFilterError(`${where}: booleans support only = and !=`);
  if (field.type === "attribute") return;
  switch (field.name) {
    case "duration":
      if (typeof value !== "bigint" && typeof value !== "number") throw new InvalidFilterError(`${where} needs a number of nanoseconds`);
      return;
    case "status":
    case "kind": {
      const names: readonly string[] = field.name === "status" ? STATUS_CODE_NAMES : SPAN_KIND_NAMES;
      if (typeof value !== "string" || !names.includes(value)) throw new InvalidFilterError(`${where} needs one of ${names.join(", ")}`);
      if (ORDERING.includes(cmp)) throw new InvalidFilterError(`${where}: ${field.name} supports only =, !=, =~, !~`);
      return;
    }
    default:
      if (typeof value !== "string") throw new InvalidFilterError(`${where} needs a string`);
  }
}

/**
 * Throws InvalidFilterError for a malformed tree: unknown op, field, intrinsic, scope or
 * comparison; a value of the wrong type for an intrinsic (`duration` takes bigint/number ns,
 * `status`/`kind` take their lowercase names, the others strings); ordering on booleans, status or
 * kind; a regex comparison without a string or whose pattern does not compile. Empty `and` (true)
 * and empty `or` (false) are valid. Attribute comparisons accept any FilterValue: a type mismatch
 * with the stored attribute is evaluated as false, not refused.
 */
export function validateSpanFilter(filter: SpanFilter): void {
  const node = filter as Partial<Record<string, unknown>> | null;
  if (typeof node !== "object" || node === null) throw new InvalidFilterError("filter must be an object");
  switch (node.op) {
    case "and":
    case "or":
      if (!Array.isArray(node.filters)) throw new InvalidFilterError(`"${node.op}" needs a filters array`);
      for (const child of node.filters as SpanFilter[]) validateSpanFilter(child);
      return;
    case "not":
      validateSpanFilter(node.filter as SpanFilter);
      return;
    case "exists":
      validateField(node.field);
      return;
    case "compare":
      validateField(node.field);
      if (typeof node.cmp !== "string" || !COMPARISONS.includes(node.cmp)) throw new InvalidFilterError(`unknown comparison ${show(node.cmp)}`);
      if (!isFilterValue(node.value)) throw new InvalidFilterError(`${describeField(node.field)}: value must be a string, boolean, bigint or number`);
      validateCompare(node.field, node.cmp as Comparison, node.value);
      return;
    default:
      throw new InvalidFilterError(`unknown filter op ${show(node.op)}`);
  }
}
