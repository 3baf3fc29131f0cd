import { ClickHouseError } from "@clickhouse/client";
import { loginFromUrl } from "./clickhouse-options.js";
import { ClickHouseQueryError, ClickHouseUnavailableError } from "./errors.js";

/**
 * Server exception codes that mean "this statement or its data is wrong": the same request
 * fails again however often it is retried. Every other code (and every failure without a server
 * exception) counts as transient. Deliberately short: wrongly calling an outage permanent would
 * make a writer reject data it should have spooled.
 */
const PERMANENT_CODES = new Set([
  6, // CANNOT_PARSE_TEXT
  25, // CANNOT_PARSE_ESCAPE_SEQUENCE
  26, // CANNOT_PARSE_QUOTED_STRING
  27, // CANNOT_PARSE_INPUT_ASSERTION_FAILED
  38, // CANNOT_PARSE_DATE
  41, // CANNOT_PARSE_DATETIME
  43, // ILLEGAL_TYPE_OF_ARGUMENT
  44, // ILLEGAL_COLUMN
  46, // UNKNOWN_FUNCTION
  47, // UNKNOWN_IDENTIFIER
  53, // TYPE_MISMATCH
  62, // SYNTAX_ERROR
  69, // ARGUMENT_OUT_OF_BOUND
  70, // CANNOT_CONVERT_TYPE
  72, // CANNOT_PARSE_NUMBER
  117, // INCORRECT_DATA
  130, // CANNOT_READ_ARRAY_FROM_TEXT
  131, // TOO_LARGE_STRING_SIZE
  190, // SIZES_OF_ARRAYS_DOESNT_MATCH
  321, // VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE
  349, // CANNOT_INSERT_NULL_IN_ORDINARY_COLUMN
  427, // CANNOT_COMPILE_REGEXP
]);

/** Codes of a refused login (18.16: UNKNOWN_USER, WRONG_PASSWORD, REQUIRED_PASSWORD; later: AUTHENTICATION_FAILED). */
export const AUTHENTICATION_CODES: ReadonlySet<number> = new Set([192, 193, 194, 516]);

/** Both spellings: 18.16 `Code: 60, e.displayText() = DB::Exception: …, e.what() = DB::Exception`; later `Code: 60. DB::Exception: … (UNKNOWN_TABLE) (version …)`. */
const SERVER_EXCEPTION = /^\s*Code: (\d+)[.,]\s*(?:e\.displayText\(\) = )?(?:DB::Exception: )?([\s\S]*?)(?:, e\.what\(\) = [\w:]+)?\s*$/;

/** The server's exception in an error of @clickhouse/client, if it carries one. */
export function serverException(error: unknown): { code: number; message: string } | undefined {
  if (!(error instanceof Error)) return undefined;
  // Newer servers: the client parsed it into a ClickHouseError with a numeric string code.
  if (error instanceof ClickHouseError && /^\d+$/.test(error.code)) return { code: Number(error.code), message: error.message.trim() };
  const match = SERVER_EXCEPTION.exec(error.message);
  return match === null ? undefined : { code: Number(match[1]), message: match[2]!.trim() };
}

/**
 * A failure of a request to `url` as a coded error: ClickHouseQueryError when the server
 * refused the statement or data (not retryable), else ClickHouseUnavailableError. `what`
 * names the request in the message ("query", "insert into db.spans"). The message names the
 * server without user info, even if `url` carries some.
 */
export function toClickHouseError(error: unknown, serverUrl: string, what: string): ClickHouseQueryError | ClickHouseUnavailableError {
  if (error instanceof ClickHouseQueryError || error instanceof ClickHouseUnavailableError) return error;
  const url = loginFromUrl(serverUrl, "", "").url;
  const exception = serverException(error);
  const text = error instanceof Error ? error.message : String(error);
  if (exception !== undefined && PERMANENT_CODES.has(exception.code)) {
    return new ClickHouseQueryError(`ClickHouse at ${url} rejected the ${what}: code ${exception.code}: ${exception.message}`, exception.code, exception.message, { cause: error });
  }
  if (exception !== undefined) {
    return new ClickHouseUnavailableError(`ClickHouse at ${url} failed the ${what}: code ${exception.code}: ${exception.message}`, exception.code, { cause: error });
  }
  const code = typeof error === "object" && error !== null && "code" in error ? String((error as { code: unknown }).code) : "";
  const detail = code === "" || text.includes(code) ? text.trim() : `${text.trim()} (${code})`;
  return new ClickHouseUnavailableError(`ClickHouse at ${url} is unavailable for the ${what}: ${detail}`, undefined, { cause: error });
}
