/**
 * Readers for environment values. Each takes the raw string (undefined or "" = unset, as the
 * OTel spec says) and a `warn` sink; an invalid value is reported there and treated as unset,
 * so a typo in the environment never stops the app.
 */
export type Env = Readonly<Record<string, string | undefined>>;
export type Warn = (message: string) => void;

/** The trimmed value, or undefined when the variable is unset or blank. */
export function envString(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

/** `true`/`1` and `false`/`0`, case-insensitive. */
export function envBoolean(env: Env, name: string, warn: Warn): boolean | undefined {
  const value = envString(env, name)?.toLowerCase();
  if (value === undefined) return undefined;
  if (value === "true" || value === "1") return true;
  if (value === "false" || value === "0") return false;
  warn(`${name}="${env[name]}" is not a boolean; use true or false. Ignoring it.`);
  return undefined;
}

/** A finite number ≥ 0 (the OTEL_BSP_* / OTEL_BLRP_* kind of value). */
export function envNonNegativeNumber(env: Env, name: string, warn: Warn): number | undefined {
  const raw = envString(env, name);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (Number.isFinite(value) && value >= 0) return value;
  warn(`${name}="${raw}" is not a number ≥ 0. Ignoring it and using the default.`);
  return undefined;
}

/** A comma-separated list, entries trimmed and lower-cased, empties dropped. */
export function envList(env: Env, name: string): string[] {
  const raw = envString(env, name);
  if (raw === undefined) return [];
  return raw
    .split(",")
    .map((item) => item.trim().toLowerCase())
    .filter((item) => item.length > 0);
}

/**
 * `key1=value1,key2=value2` as in OTEL_RESOURCE_ATTRIBUTES and OTEL_EXPORTER_OTLP_HEADERS;
 * keys and values are percent-decoded (W3C Baggage octets). A malformed entry is reported and
 * skipped; the others are kept.
 */
export function envKeyValues(env: Env, name: string, warn: Warn): Record<string, string> {
  const raw = envString(env, name);
  const out: Record<string, string> = {};
  if (raw === undefined) return out;
  for (const entry of raw.split(",")) {
    if (entry.trim() === "") continue;
    const eq = entry.indexOf("=");
    const key = eq > 0 ? decode(entry.slice(0, eq).trim()) : undefined;
    const value = eq > 0 ? decode(entry.slice(eq + 1).trim()) : undefined;
    if (!key || value === undefined) {
      warn(`${name}: "${entry.trim()}" is not key=value (percent-encode ',' and '=' inside values). Skipping it.`);
      continue;
    }
    out[key] = value;
  }
  return out;
}

function decode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}
