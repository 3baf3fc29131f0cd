import { sqlLiteral } from "./sql-literal.js";

// Field texts of a `FORMAT TabSeparated` row (insert-format.ts). ClickHouse reads a String field
// with the escapes of a quoted literal (`\\`, `\'`, `\n`, `\t`, `\xHH`, …) and an Array field as
// `[…]` of quoted literals, so both come from sqlLiteral, the one escaping function: a field
// never holds a raw tab or newline (one row = one line) and its value is the well-formed string.

/**
 * NUL to U+001F, `\`, `'`, DEL and surrogates: what sqlLiteral may change; any other string it
 * only quotes (tsv-text.test.ts checks every UTF-16 unit), so such a string is its own field.
 * Most strings are: encodeSpanWrite takes 5.4 instead of 9.2 µs per bench span with this test.
 */
const MAY_CHANGE = /[\x00-\x1f\\'\x7f\ud800-\udfff]/;

/** The TSV field of a String column holding `s` (lone surrogates stored as U+FFFD, see well-formed.ts). */
export function tsvString(s: string): string {
  return MAY_CHANGE.test(s) ? sqlLiteral(s).slice(1, -1) : s;
}

/** The TSV field of an Array(String) column holding `strings`: sqlLiteral of each (quotes around tsvString). */
export function tsvStringArray(strings: readonly string[]): string {
  if (strings.length === 0) return "[]";
  let field = `['${tsvString(strings[0]!)}'`;
  for (let i = 1; i < strings.length; i++) field += `,'${tsvString(strings[i]!)}'`;
  return `${field}]`;
}

const ESCAPED = /\\(x[0-9a-fA-F]{2}|.)/gs;
const SIMPLE: Readonly<Record<string, string>> = { n: "\n", t: "\t", r: "\r", b: "\b", f: "\f", "0": "\0", a: "\x07", v: "\v" };

/**
 * The string a TSV String field written by tsvString holds (its inverse; `\xHH` is read as the
 * character U+00HH, which is all tsvString writes it for), for code that reads an encoded row
 * back (encoded-write.ts mainRowKeys).
 */
export function tsvStringValue(field: string): string {
  if (!field.includes("\\")) return field;
  return field.replace(ESCAPED, (_, e: string) => (e.length === 3 ? String.fromCharCode(parseInt(e.slice(1), 16)) : (SIMPLE[e] ?? e)));
}

/** A TabSeparated line (without newline): the fields of `columns`, in that order. */
export function tsvLine<C extends string>(columns: readonly C[], fields: Readonly<Record<C, string>>): string {
  let line = fields[columns[0]!];
  for (let i = 1; i < columns.length; i++) line += "\t" + fields[columns[i]!];
  return line;
}
