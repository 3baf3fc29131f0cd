import type { StorageLogger } from "@skein/storage";
import { redactSecrets } from "../config/secrets.js";

/** Nesting followed into fields; deeper values are replaced, never written unredacted. */
const MAX_DEPTH = 6;

/**
 * The logger handed to a storage adapter (StorageOptions.logger), with `secrets` and URL
 * passwords replaced by *** in the message and in every string of the fields, errors included
 * (their message, stack, cause and own properties; the copy keeps the error's class, so the log
 * still names it). An adapter quotes its connection URL in what it logs (an outage warning, a
 * failed replay), and that URL may carry the password. The fields passed in are not modified.
 */
export function redactingStorageLogger(logger: StorageLogger, secrets: readonly string[]): StorageLogger {
  const redact = (level: keyof StorageLogger) => (fields: object, message: string) =>
    logger[level](redactValue(fields, secrets, 0, new WeakMap()) as object, redactSecrets(message, secrets));
  return { info: redact("info"), warn: redact("warn"), error: redact("error") };
}

function redactValue(value: unknown, secrets: readonly string[], depth: number, seen: WeakMap<object, unknown>): unknown {
  if (typeof value === "string") return redactSecrets(value, secrets);
  if (typeof value !== "object" || value === null) return value;
  if (seen.has(value)) return seen.get(value);
  if (depth >= MAX_DEPTH) return "[too deep]";
  // Dates, URLs, Buffers: what JSON would write for them (a URL's href may hold a password).
  if (!(value instanceof Error) && typeof (value as { toJSON?: unknown }).toJSON === "function") {
    return redactValue((value as { toJSON(): unknown }).toJSON(), secrets, depth + 1, seen);
  }
  if (Array.isArray(value)) {
    const copy: unknown[] = [];
    seen.set(value, copy);
    for (const item of value) copy.push(redactValue(item, secrets, depth + 1, seen));
    return copy;
  }
  // Errors keep their prototype (the class name in the log); plain objects become plain copies.
  const copy = (value instanceof Error ? Object.create(Object.getPrototypeOf(value) as object) : {}) as Record<string, unknown>;
  seen.set(value, copy);
  const keys = value instanceof Error ? Object.getOwnPropertyNames(value) : Object.keys(value);
  for (const key of keys) {
    const descriptor = Object.getOwnPropertyDescriptor(value, key);
    if (descriptor === undefined || !("value" in descriptor)) continue; // accessors are not data
    Object.defineProperty(copy, key, { ...descriptor, value: redactValue(descriptor.value, secrets, depth + 1, seen), writable: true, configurable: true });
  }
  return copy;
}
