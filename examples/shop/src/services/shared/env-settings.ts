// Readers for the settings a service takes from its environment. Each throws InvalidSettingError
// naming the variable, its value and what is expected, so a misconfigured service fails at start
// with one clear line instead of misbehaving later.
import { InvalidSettingError } from "../../errors.js";

export type Env = Readonly<Record<string, string | undefined>>;

function raw(env: Env, key: string): string | undefined {
  const value = env[key]?.trim();
  return value === undefined || value === "" ? undefined : value;
}

function invalid(key: string, value: string, expected: string): InvalidSettingError {
  return new InvalidSettingError(`invalid setting ${key}=${JSON.stringify(value)}: expected ${expected}`);
}

/** A share between 0 and 1 inclusive. */
export function readRate(env: Env, key: string, fallback: number): number {
  const value = raw(env, key);
  if (value === undefined) return fallback;
  const rate = Number(value);
  if (!Number.isFinite(rate) || rate < 0 || rate > 1) throw invalid(key, value, "a number from 0 to 1");
  return rate;
}

/** A whole number of milliseconds, 0 or more. */
export function readMillis(env: Env, key: string, fallback: number): number {
  const value = raw(env, key);
  if (value === undefined) return fallback;
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 0) throw invalid(key, value, "a whole number of milliseconds (0 or more)");
  return ms;
}

/** A TCP port, 0 meaning "any free port". */
export function readPort(env: Env, key: string, fallback: number): number {
  const value = raw(env, key);
  if (value === undefined) return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw invalid(key, value, "a port from 0 to 65535");
  return port;
}

/** `true`/`1`/`yes` or `false`/`0`/`no`, case-insensitive. */
export function readBoolean(env: Env, key: string, fallback: boolean): boolean {
  const value = raw(env, key);
  if (value === undefined) return fallback;
  const lower = value.toLowerCase();
  if (["true", "1", "yes"].includes(lower)) return true;
  if (["false", "0", "no"].includes(lower)) return false;
  throw invalid(key, value, "true or false");
}

/** A required absolute URL with one of `protocols` (e.g. `["http:"]`), returned without a trailing slash. */
export function readUrl(env: Env, key: string, protocols: readonly string[]): string {
  const value = raw(env, key);
  if (value === undefined) {
    throw new InvalidSettingError(`missing setting ${key}: expected a ${protocols.join(" or ")}// URL`);
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalid(key, value, `a ${protocols.join(" or ")}// URL`);
  }
  if (!protocols.includes(url.protocol)) throw invalid(key, value, `a ${protocols.join(" or ")}// URL`);
  return value.replace(/\/+$/, "");
}

/** The interface to bind; default 127.0.0.1 so the demo is not exposed to the network. */
export function readHost(env: Env, key = "HOST"): string {
  return raw(env, key) ?? "127.0.0.1";
}
