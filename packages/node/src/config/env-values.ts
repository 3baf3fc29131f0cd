/**
 * Readers for environment values. Each takes the raw string (undefined or "" = unset, as the
 * OTel spec says) and a `warn` sink; an invalid value is reported there and treated as unset
 * (a boolean: as false, as the OTel spec reads it), so a typo in the environment never stops the app.
 */
export type Env = Readonly<Record<string, string | undefined>>;
export type Warn = (message: string) => void;

/** The trimmed value, or undefined when the variable is unset or blank. */
export function envString(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

/**
 * An OTEL_* boolean, as the OTel spec reads it: only `true` (case-insensitive) is true; anything
 * else is false, and a value other than `false` is reported. undefined when unset.
 */
export function envBoolean(env: Env, name: string, warn: Warn): boolean | undefined {
  return readBoolean(env, name, warn, ["true"], ["false"]);
}

/**
 * A SKEIN_* flag: like envBoolean, but `1` and `0` are accepted too (`true`/`1` are true; anything
 * else is false, and a value other than `false`/`0` is reported). undefined when unset.
 */
export function envFlag(env: Env, name: string, warn: Warn): boolean | undefined {
  return readBoolean(env, name, warn, ["true", "1"], ["false", "0"]);
}

function readBoolean(env: Env, name: string, warn: Warn, truthy: string[], falsy: string[]): boolean | undefined {
  const value = envString(env, name)?.toLowerCase();
  if (value === undefined) return undefined;
  if (truthy.includes(value)) return true;
  if (!falsy.includes(value)) warn(`${name}="${env[name]}" is not a boolean; use ${truthy.join(" or ")} to turn it on. Treating it as false.`);
  return false;
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
 * `key1=value1,key2=value2` as in OTEL_RESOURCE_ATTRIBUTES and OTEL_EXPORTER_OTLP_HEADERS; keys
 * and values are percent-decoded (W3C Baggage octets). A malformed entry is reported and
 * skipped; the others are kept. A bad percent-encoding is reported and, with `badEncoding:
 * "discard-all"` (what the OTel spec asks for OTEL_RESOURCE_ATTRIBUTES), discards the whole value;
 * with "skip-entry" (what the OTLP exporters do with header entries), only that entry.
 */
export function envKeyValues(
  env: Env,
  name: string,
  warn: Warn,
  badEncoding: "discard-all" | "skip-entry" = "skip-entry",
): Record<string, string> {
  const raw = envString(env, name);
  const out: Record<string, string> = {};
  if (raw === undefined) return out;
  for (const entry of raw.split(",")) {
    if (entry.trim() === "") continue;
    const eq = entry.indexOf("=");
    if (eq <= 0 || entry.slice(0, eq).trim() === "") {
      warn(`${name}: "${entry.trim()}" is not key=value (percent-encode ',' and '=' inside values). Skipping it.`);
      continue;
    }
    const key = decode(entry.slice(0, eq).trim());
    const value = decode(entry.slice(eq + 1).trim());
    if (key === undefined || value === undefined) {
      const what = `${name}: "${entry.trim()}" has a bad percent-encoding (a '%' must start an escape like %2C or %20).`;
      if (badEncoding === "discard-all") {
        warn(`${what} Ignoring the whole of ${name}, as the OpenTelemetry spec asks.`);
        return {};
      }
      warn(`${what} Skipping it.`);
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
