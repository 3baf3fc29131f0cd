// Exact numeric comparisons for the filter compiler (filter-compiler.ts).
import { sqlList, sqlLiteral } from "./sql-literal.js";

export type Ordering = "=" | "!=" | "<" | "<=" | ">" | ">=";

/**
 * `expr op value` for an integer expression whose values lie in [min, max], exact for any
 * bigint: a literal outside the range folds to a constant (`1`/`0`) instead of reaching SQL,
 * where it would not be an integer literal any more.
 */
export function integerCompareSql(expr: string, op: Ordering, value: bigint, min: bigint, max: bigint): string {
  if (value > max) return op === "<" || op === "<=" || op === "!=" ? "1" : "0";
  if (value < min) return op === ">" || op === ">=" || op === "!=" ? "1" : "0";
  return `${expr} ${op} ${sqlLiteral(value)}`;
}

// ClickHouse 18.16's text-to-Float64 parsing (toFloat64OrZero and friends) is not correctly
// rounded: about one value in ten comes back an ulp or two off (5e-324 as 0). Current releases
// parse exactly. So a DOUBLE attribute is compared through both its parsed value p and its text
// t, which is exact (JS String(x), `-0`, `nan`, `inf`, `-inf`: one text per double, see
// attribute-arrays.ts). With p at most PARSE_ERROR_ULPS doubles away from t's value v:
//   v < L  ⇔  p < L₋ₖ  or  t is the text of one of the 2k doubles just below L
// (if p < L₋ₖ then v < L; otherwise v ≥ L₋₂ₖ, so v < L only as one of those texts), and
// likewise for the other orderings; equality compares texts alone. The bound is checked
// against the server in filter-compiler.test.ts (2M random doubles: never more than 2).

/** How far (in doubles) ClickHouse's parse of a double's shortest text may land from it. */
export const PARSE_ERROR_ULPS = 8n;

/**
 * `value op L` for a DOUBLE attribute whose text is the SQL expression `text`, exactly, with
 * IEEE semantics: NaN (`nan`) is unordered, so only `!=` holds for it. `literal` must not be NaN.
 */
export function doubleCompareSql(text: string, op: Ordering, literal: number): string {
  if (Number.isNaN(literal)) throw new RangeError("compare NaN literals before calling doubleCompareSql");
  const at = doubleIndex(literal);
  const texts = (from: bigint, to: bigint) => sqlList(textsBetween(at + from, at + to));
  const parsed = `toFloat64OrZero(${text})`;
  const k = PARSE_ERROR_ULPS;
  switch (op) {
    case "=":
      return `${text} IN (${texts(0n, 0n)})`;
    case "!=":
      return `${text} NOT IN (${texts(0n, 0n)})`;
    case "<":
      return `(${parsed} < ${sqlLiteral(doubleAt(at - k))} OR ${text} IN (${texts(-2n * k, -1n)}))`;
    case "<=":
      return `(${parsed} < ${sqlLiteral(doubleAt(at - k))} OR ${text} IN (${texts(-2n * k, 0n)}))`;
    case ">":
      return `(${parsed} > ${sqlLiteral(doubleAt(at + k))} OR ${text} IN (${texts(1n, 2n * k)}))`;
    case ">=":
      return `(${parsed} > ${sqlLiteral(doubleAt(at + k))} OR ${text} IN (${texts(0n, 2n * k)}))`;
  }
}

// Doubles by index: consecutive integers for consecutive doubles, -0 and 0 sharing index 0,
// ±Infinity at the ends (indexes beyond them clamp to them).
const INFINITY_INDEX = 0x7ff0000000000000n;
const view = new DataView(new ArrayBuffer(8));

/** The index of a double (not NaN). */
export function doubleIndex(x: number): bigint {
  view.setFloat64(0, Math.abs(x));
  const magnitude = view.getBigUint64(0);
  return x < 0 ? -magnitude : magnitude;
}

/** The double at an index, clamped to ±Infinity. */
export function doubleAt(index: bigint): number {
  const clamped = index < -INFINITY_INDEX ? -INFINITY_INDEX : index > INFINITY_INDEX ? INFINITY_INDEX : index;
  view.setBigUint64(0, clamped < 0n ? -clamped : clamped);
  const magnitude = view.getFloat64(0);
  return clamped < 0n ? -magnitude : magnitude;
}

/** The stored texts (attribute-arrays.ts) of the doubles with index from..to, both zeros for 0. */
function textsBetween(from: bigint, to: bigint): string[] {
  const texts = new Set<string>();
  const last = to > INFINITY_INDEX ? INFINITY_INDEX : to;
  for (let i = from < -INFINITY_INDEX ? -INFINITY_INDEX : from; i <= last; i++) {
    const x = doubleAt(i);
    if (x === 0) texts.add("0").add("-0");
    else texts.add(x === Infinity ? "inf" : x === -Infinity ? "-inf" : String(x));
  }
  return texts.size > 0 ? [...texts] : [""]; // "" is never a DOUBLE's text
}

/**
 * A bigint as a double: the double itself when one equals it exactly, else the two doubles
 * around it (`below` < value < `above`; ±Infinity beyond the finite range).
 */
export function neighbourDoubles(value: bigint): number | { below: number; above: number } {
  const nearest = Number(value);
  if (!Number.isFinite(nearest)) return nearest > 0 ? { below: Number.MAX_VALUE, above: Infinity } : { below: -Infinity, above: -Number.MAX_VALUE };
  const back = BigInt(nearest);
  if (back === value) return nearest;
  const at = doubleIndex(nearest);
  return back < value ? { below: nearest, above: doubleAt(at + 1n) } : { below: doubleAt(at - 1n), above: nearest };
}
