import { AUTHENTICATION_CODES, serverException } from "./clickhouse-error-mapping.js";
import { loginFromUrl } from "./clickhouse-options.js";
import { ClickHouseUnavailableError } from "./errors.js";

/**
 * A failure to reach or log into ClickHouse at start as one actionable message: what failed,
 * where, and what to do. Other errors (a refused statement, a schema problem) pass unchanged.
 * `user` is the one that logged in (ClickHouseConnection.user: the URL's when it names one);
 * the message names the server without user info, so the password never appears in it.
 */
export function startError(error: unknown, serverUrl: string, user: string): unknown {
  if (!(error instanceof ClickHouseUnavailableError)) return error;
  const url = loginFromUrl(serverUrl, "", "").url;
  const server = serverException(error.cause);
  if (error.serverCode !== undefined && AUTHENTICATION_CODES.has(error.serverCode)) {
    return new ClickHouseUnavailableError(
      `ClickHouse at ${url} refused user "${user}": ${server?.message ?? error.message}. Check --clickhouse-user (or the user in ` +
        `--clickhouse-url) and the password (SKEIN_CLICKHOUSE_PASSWORD, --clickhouse-password, or the URL's) against the server's users`,
      error.serverCode,
      { cause: error },
    );
  }
  if (error.serverCode !== undefined) return error;
  const cause = error.cause instanceof Error ? error.cause.message.trim() : error.message;
  return new ClickHouseUnavailableError(
    `cannot reach ClickHouse at ${url} (${cause}). Check that clickhouse-server is running there and that ` +
      `--clickhouse-url (SKEIN_CLICKHOUSE_URL) is its HTTP interface (port 8123 by default)`,
    undefined,
    { cause: error },
  );
}
