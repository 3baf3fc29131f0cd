import { StartupError } from "./errors.js";

/**
 * Turns low-level startup failures into StartupErrors that say what is wrong and what to do.
 * Classification reads Node's error `code` and, as a fallback, the message (gRPC and DuckDB wrap
 * the system error in their own text).
 */

function codeAndText(error: unknown): { code: string; text: string } {
  const code = typeof error === "object" && error !== null && "code" in error ? String((error as { code: unknown }).code) : "";
  const text = error instanceof Error ? error.message : String(error);
  return { code, text };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A listener (`what`, configured by `flag`) could not bind host:port. */
export function listenError(error: unknown, what: string, host: string, port: number, flag: string): StartupError {
  const { code, text } = codeAndText(error);
  const is = (name: string, pattern: RegExp) => code === name || pattern.test(text);
  let advice: string;
  if (is("EADDRINUSE", /EADDRINUSE|address already in use/i)) {
    advice = `port ${port} is already in use by another process; stop it, or choose another port with ${flag} (0 picks a free one)`;
  } else if (is("EACCES", /EACCES|permission denied/i)) {
    advice = `binding port ${port} is not permitted for this user; use a port above 1023 with ${flag}`;
  } else if (is("EADDRNOTAVAIL", /EADDRNOTAVAIL|ENOTFOUND|EAI_AGAIN|getaddrinfo/i)) {
    advice = `host "${host}" is not an address of this machine; use --host 127.0.0.1 (local only) or 0.0.0.0 (all interfaces)`;
  } else {
    advice = `check --host and ${flag}`;
  }
  return new StartupError(`cannot start ${what} on ${host}:${port}: ${text}. ${capitalize(advice)}`, { cause: error });
}

/** The data directory cannot be created or written. */
export function dataDirError(error: unknown, dataDir: string): StartupError {
  const { text } = codeAndText(error);
  return new StartupError(
    `data directory ${dataDir} is not usable: ${text}. Fix its permissions, or choose another directory with --data-dir (or SKEIN_DATA_DIR)`,
    { cause: error },
  );
}

/** storage.start() failed; a lock held by another process is the common case. */
export function storageStartError(error: unknown, kind: string, dataDir: string): StartupError {
  const { text } = codeAndText(error);
  const advice = /lock/i.test(text)
    ? `another process (probably another Skein) holds the ${kind} file in ${dataDir}; stop it, or start this one with another --data-dir`
    : `check that ${dataDir} is writable and not corrupted, or choose another --data-dir`;
  return new StartupError(`cannot open ${kind} storage in ${dataDir}: ${text}. ${capitalize(advice)}`, { cause: error });
}
