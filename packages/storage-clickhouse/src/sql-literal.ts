// THE one escaping function of the ClickHouse adapter: every value that reaches SQL passes
// through sqlLiteral (18.16 rejects query parameters, so values are inlined). Nothing else in
// the package concatenates a value into SQL; the helpers below check their input and then call
// it. Fuzz-tested against a real server in sql-literal.test.ts.
import { MAX_DAY } from "./utc-day.js";

const UINT64_MAX = (1n << 64n) - 1n;
const INT64_MIN = -(1n << 63n);
/** The smallest normal double: 18.16's SQL parser rejects smaller non-zero literals (strtod's ERANGE). */
const MIN_NORMAL = 2.2250738585072014e-308;
/** 2^64 and 2^-64, exact doubles: a subnormal times 2^64 is normal, and the product below is exact. */
const TWO_TO_64 = 18446744073709551616;
const TWO_TO_MINUS_64 = "5.421010862427522e-20";

/** ES2024 (Node 20 has it; the compiler's lib is ES2023). */
interface WellFormedString {
  toWellFormed(): string;
}

/**
 * A ClickHouse literal for `value`, safe to splice anywhere an expression may stand:
 * - string: `'…'`. `\` and `'` are escaped, and every control character (U+0000–U+001F, U+007F)
 *   is written as `\n`, `\t`, `\r` or `\xHH`, so the text never holds a raw control byte. Lone
 *   surrogates become U+FFFD first (what the adapter stores, see well-formed.ts); everything else
 *   stays UTF-8 as it is. The server reads back exactly the UTF-8 of the well-formed string.
 * - bigint: a plain decimal literal (ClickHouse types it as the smallest integer type that holds
 *   it; comparisons between signed and unsigned integers are exact). RangeError outside
 *   [-2^63, 2^64 − 1]: ClickHouse would read such a literal as a Float64, silently inexact.
 * - number: a Float64 literal of exactly that double: the shortest round-trip decimal with a `.`
 *   or an exponent (so `5` is `5.0`, never an integer literal); subnormals as an exact product
 *   (the parser refuses them); NaN as `nan`, ±Infinity as `inf` / `-inf`.
 * - boolean: `1` / `0` (UInt8; 18.16 has no boolean type).
 * Negative numbers are parenthesized, so a literal after a `-` can never start a `--` comment.
 */
export function sqlLiteral(value: string | number | bigint | boolean): string {
  switch (typeof value) {
    case "string":
      return stringLiteral(value);
    case "bigint":
      if (value < INT64_MIN || value > UINT64_MAX) throw new RangeError(`integer ${value} is outside ClickHouse's Int64/UInt64 range`);
      return value < 0n ? `(${value})` : value.toString();
    case "number":
      return floatLiteral(value);
    case "boolean":
      return value ? "1" : "0";
    default:
      throw new TypeError(`no SQL literal for a ${typeof value}`);
  }
}

function stringLiteral(value: string): string {
  const text = (value as unknown as WellFormedString).toWellFormed();
  // One pass over the UTF-16 units: only ASCII specials are rewritten; other units are kept.
  return `'${text.replace(/[\\'\x00-\x1f\x7f]/g, escapeChar)}'`;
}

function escapeChar(c: string): string {
  switch (c) {
    case "\\":
      return "\\\\";
    case "'":
      return "\\'";
    case "\n":
      return "\\n";
    case "\t":
      return "\\t";
    case "\r":
      return "\\r";
    default:
      return `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`;
  }
}

function floatLiteral(value: number): string {
  if (Number.isNaN(value)) return "nan";
  if (value === Infinity) return "inf";
  if (value === -Infinity) return "(-inf)";
  if (Object.is(value, -0)) return "(-0.0)";
  const magnitude = Math.abs(value);
  const text = magnitude !== 0 && magnitude < MIN_NORMAL ? `(${plainFloat(magnitude * TWO_TO_64)} * ${TWO_TO_MINUS_64})` : plainFloat(magnitude);
  return value < 0 ? `(-${text})` : text;
}

/** A positive normal double (or 0) as a decimal the parser reads as that Float64. */
function plainFloat(magnitude: number): string {
  const text = String(magnitude);
  return /[.e]/.test(text) ? text : `${text}.0`;
}

/** A UInt64 literal (ids, ns times); RangeError outside [0, 2^64 − 1]. */
export function sqlUInt64(value: bigint): string {
  if (value < 0n || value > UINT64_MAX) throw new RangeError(`${value} is not a UInt64`);
  return sqlLiteral(value);
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A Date literal `toDate('YYYY-MM-DD')`; RangeError unless `day` is a real calendar day in that
 * form within what a Date column holds on every supported server (1970-01-01 to MAX_DAY): 18.16
 * would silently turn a day outside into 0000-00-00.
 */
export function sqlDate(day: string): string {
  const m = DAY.exec(day);
  const valid = m !== null && new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))).toISOString().slice(0, 10) === day;
  if (!valid || day < "1970-01-01" || day > MAX_DAY) throw new RangeError(`${JSON.stringify(day)} is not a day (YYYY-MM-DD) from 1970-01-01 to ${MAX_DAY}`);
  return `toDate(${sqlLiteral(day)})`;
}

/** A comma-separated list of literals, e.g. for `IN (…)`; `values` must not be empty (RangeError). */
export function sqlList(values: readonly (string | number | bigint | boolean)[]): string {
  if (values.length === 0) throw new RangeError("an SQL list needs at least one value");
  return values.map(sqlLiteral).join(", ");
}
