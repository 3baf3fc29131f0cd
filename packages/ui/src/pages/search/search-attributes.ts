/**
 * Attribute filters as people type them (`http.status_code=500`) → the API's `attributes` JSON
 * object. The value's type follows the text: `true`/`false` → boolean, a JSON number → number,
 * a JSON-quoted string (`"500"`) → that string (so a numeric-looking string can be searched),
 * anything else → the text itself. Key and value are trimmed; the first `=` splits them.
 */

export type AttributeValue = string | number | boolean;

export type ParsedAttribute = { ok: true; key: string; value: AttributeValue } | { ok: false; error: string };

const JSON_NUMBER = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/;

export function parseAttributeFilter(text: string): ParsedAttribute {
  const at = text.indexOf("=");
  if (at < 0) return { ok: false, error: `"${text.trim()}" needs a value: write key=value, e.g. http.route=/checkout` };
  const key = text.slice(0, at).trim();
  if (key === "") return { ok: false, error: `"${text.trim()}" has no key before "=": write key=value` };
  const raw = text.slice(at + 1).trim();
  const value = parseAttributeValue(raw);
  if (typeof value === "number" && Number.isInteger(value) && !Number.isSafeInteger(value)) {
    return { ok: false, error: `${key}: integers beyond ±2^53 cannot be matched exactly; write "${raw}" in quotes to search it as text` };
  }
  return { ok: true, key, value };
}

export function parseAttributeValue(raw: string): AttributeValue {
  if (raw === "true") return true;
  if (raw === "false") return false;
  if (JSON_NUMBER.test(raw)) {
    const number = Number(raw);
    if (Number.isFinite(number)) return number;
  }
  if (raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"')) {
    try {
      const parsed: unknown = JSON.parse(raw);
      if (typeof parsed === "string") return parsed;
    } catch {
      // Not valid JSON (e.g. an unescaped quote inside): drop the outer quotes only.
    }
    return raw.slice(1, -1);
  }
  return raw;
}

/**
 * The `attributes` query parameter for a list of filter texts (blank ones ignored), or the first
 * problem as a message for people. `undefined` when there is no filter at all.
 */
export function attributesParameter(filters: readonly string[]): { ok: true; json: string | undefined } | { ok: false; error: string } {
  const object: Record<string, AttributeValue> = {};
  let count = 0;
  for (const text of filters) {
    if (text.trim() === "") continue;
    const parsed = parseAttributeFilter(text);
    if (!parsed.ok) return parsed;
    if (Object.hasOwn(object, parsed.key)) return { ok: false, error: `the attribute "${parsed.key}" is filtered twice; a span has one value per key, keep one filter` };
    object[parsed.key] = parsed.value;
    count++;
  }
  return { ok: true, json: count === 0 ? undefined : JSON.stringify(object) };
}
