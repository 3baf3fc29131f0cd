/** ES2024 string methods (Node 20 has them; the compiler's lib is ES2023). */
interface WellFormedString {
  isWellFormed(): boolean;
  toWellFormed(): string;
}

/**
 * `s` with every lone surrogate replaced by U+FFFD: what a String column stores (ClickHouse
 * holds UTF-8 bytes, and a lone surrogate has none; sqlLiteral and so tsv-text.ts do the same).
 * Well-formed strings come back unchanged (and uncopied).
 */
export function wellFormed(s: string): string {
  const w = s as unknown as WellFormedString;
  return w.isWellFormed() ? s : w.toWellFormed();
}
