/** ES2024 string methods (Node 20 has them; the compiler's lib is ES2023). */
interface WellFormedString {
  isWellFormed(): boolean;
  toWellFormed(): string;
}

/**
 * `s` with every lone surrogate replaced by U+FFFD. ClickHouse 18.16 rejects a JSON string
 * holding a lone surrogate escape (`"\ud800"`), so every plain string column value goes
 * through this before JSON encoding; well-formed strings come back unchanged (and uncopied).
 */
export function wellFormed(s: string): string {
  const w = s as unknown as WellFormedString;
  return w.isWellFormed() ? s : w.toWellFormed();
}

/** A JSON string literal of `s` made well-formed: what a String column takes in JSONEachRow. */
export function jsonString(s: string): string {
  return JSON.stringify(wellFormed(s));
}
