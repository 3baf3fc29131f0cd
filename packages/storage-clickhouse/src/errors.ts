import { SkeinError } from "@skein/model";
import { StorageUnavailableError } from "@skein/storage";

/**
 * ClickHouse could not be reached or could not answer now: connection refused or reset, a
 * timeout, an HTTP failure without a server exception, or a server exception that says nothing
 * about the statement or its data (a table missing while a server restarts, memory or part
 * limits, authentication). Retrying later may help: writers spool instead of failing.
 * Code SKEIN_ERR_STORAGE_UNAVAILABLE (the server answers 503).
 */
export class ClickHouseUnavailableError extends StorageUnavailableError {
  readonly retryable = true;

  constructor(
    message: string,
    /** The server's exception code when the server answered with one. */
    readonly serverCode?: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/**
 * ClickHouse rejected the statement or its data (syntax, types, unparsable input): the same
 * request would fail again, so writers reject it instead of spooling it.
 */
export class ClickHouseQueryError extends SkeinError {
  readonly retryable = false;

  constructor(
    message: string,
    /** The server's exception code, e.g. 62 (syntax error) or 27 (cannot parse input). */
    readonly serverCode: number,
    /** The server's exception text, without the `Code: N` prefix. */
    readonly serverMessage: string,
    options?: ErrorOptions,
  ) {
    super("SKEIN_ERR_CLICKHOUSE_QUERY", message, options);
  }
}

/** `StorageOptions.options` of the clickhouse adapter are invalid; the message names the key. */
export class ClickHouseOptionsError extends SkeinError {
  constructor(message: string) {
    super("SKEIN_ERR_CLICKHOUSE_OPTIONS", message);
  }
}

/**
 * True when retrying the failed request later may succeed (ClickHouseUnavailableError, or any
 * error that is not a ClickHouseQueryError: unknown failures are treated as transient, so
 * acknowledged-to-be data is spooled rather than dropped).
 */
export function isRetryable(error: unknown): boolean {
  return !(error instanceof ClickHouseQueryError);
}

/** The database holds tables Skein cannot use as they are (e.g. a single-server schema under a cluster); the message says what to do. */
export class ClickHouseSchemaError extends SkeinError {
  constructor(message: string) {
    super("SKEIN_ERR_CLICKHOUSE_SCHEMA", message);
  }
}
