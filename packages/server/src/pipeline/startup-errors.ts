import { redactSecrets } from "../config/secrets.js";
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

/** Where the storage that failed to start keeps its data. */
export interface StorageTarget {
  kind: string;
  dataDir: string;
  /** For engines that are servers: "clickhouse at http://host:8123/skein" (no credentials). */
  server?: string;
  /** Texts never to repeat (a password an engine might echo); replaced by ***, as is any URL password. */
  secrets?: readonly string[];
}

/**
 * storage.start() failed. An embedded engine (DuckDB): a lock held by another process is the
 * common case, else the data dir. An engine that is a server (ClickHouse): wrong credentials,
 * nothing listening at the URL, or something else the URL and server log explain.
 */
export function storageStartError(error: unknown, target: StorageTarget): StartupError {
  let text = redactSecrets(codeAndText(error).text, target.secrets ?? []);
  if (target.server !== undefined) {
    // One line: ClickHouse messages end with a newline and may carry a stack trace.
    text = text.replace(/\s+/g, " ").trim();
    if (text.length > 500) text = `${text.slice(0, 500)}…`;
    // The adapter may already say which flag to check; then its advice stands alone.
    const advice = /--clickhouse-|--data-dir/.test(text) ? "" : ` ${capitalize(serverAdvice(error, text))}`;
    return new StartupError(`cannot start ${target.server}: ${text.replace(/\.$/, "")}.${advice}`, { cause: error });
  }
  const advice = /lock/i.test(text)
    ? `another process (probably another Skein) holds the ${target.kind} file in ${target.dataDir}; stop it, or start this one with another --data-dir`
    : `check that ${target.dataDir} is writable and not corrupted, or choose another --data-dir`;
  return new StartupError(`cannot open ${target.kind} storage in ${target.dataDir}: ${text}. ${capitalize(advice)}`, { cause: error });
}

/** What to check when a ClickHouse server refused or did not answer; reads codes of the cause chain too. */
function serverAdvice(error: unknown, text: string): string {
  const codes: string[] = [];
  for (let e: unknown = error, depth = 0; e !== undefined && e !== null && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const serverCode = (e as { serverCode?: unknown }).serverCode;
    codes.push(codeAndText(e).code, codeAndText(e).text, typeof serverCode === "number" ? `Code: ${serverCode}` : "");
  }
  const all = codes.join(" ");
  // Code 170 (BAD_GET): the server has no such cluster in its remote_servers; URL and login are fine.
  const cluster = /Requested cluster '([^']*)' not found/i.exec(all);
  if (cluster !== null || /\bCode:? 170\b/i.test(all)) {
    const name = cluster === null ? "the cluster" : `cluster '${cluster[1]}'`;
    return (
      `the ClickHouse server does not know ${name}: check --clickhouse-cluster (SKEIN_CLICKHOUSE_CLUSTER) against the cluster names in ` +
      "the remote_servers section of every shard's server configuration (SELECT DISTINCT cluster FROM system.clusters lists them)"
    );
  }
  if (/authentication|password|REQUIRED_PASSWORD|WRONG_PASSWORD|UNKNOWN_USER|Code: (192|193|194|516)\b/i.test(all)) {
    return "ClickHouse refused the user or password: check --clickhouse-user and the password (SKEIN_CLICKHOUSE_PASSWORD)";
  }
  if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|ECONNRESET|ETIMEDOUT|timeout|socket hang up/i.test(all)) {
    return "nothing answered: check --clickhouse-url (the HTTP port, 8123 by default) and that the ClickHouse server is running and reachable from here";
  }
  return `check --clickhouse-url, --clickhouse-user and the password (SKEIN_CLICKHOUSE_PASSWORD), and the ClickHouse server's log${/database/i.test(text) ? "; the user needs the right to create --clickhouse-database" : ""}`;
}
