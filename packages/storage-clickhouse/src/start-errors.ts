import { AUTHENTICATION_CODES, serverException } from "./clickhouse-error-mapping.js";
import { ClickHouseUnavailableError } from "./errors.js";

/**
 * A failure to reach or log into ClickHouse at start as one actionable message: what failed,
 * where, and what to do. Other errors (a refused statement, a schema problem) pass unchanged.
 * The password never appears in it.
 */
export function startError(error: unknown, url: string, user: string): unknown {
  if (!(error instanceof ClickHouseUnavailableError)) return error;
  const server = serverException(error.cause);
  if (error.serverCode !== undefined && AUTHENTICATION_CODES.has(error.serverCode)) {
    return new ClickHouseUnavailableError(
      `ClickHouse at ${url} refused user "${user}": ${server?.message ?? error.message}. Check --clickhouse-user and the password ` +
        `(SKEIN_CLICKHOUSE_PASSWORD, or --clickhouse-password) against the server's users`,
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
