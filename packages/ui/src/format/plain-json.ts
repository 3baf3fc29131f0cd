/**
 * An attribute value or log body as text. Strings show as themselves (no quotes); everything else
 * as compact JSON. Always returns a string so it renders through React as text, never as HTML.
 */
export function plainJsonText(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === null || value === undefined) return "";
  return JSON.stringify(value);
}
