import type { ApiErrorResponse } from "@skein/model";
import { SkeinError } from "@skein/model";
import { StorageClosedError, StorageUnavailableError } from "@skein/storage";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import {
  BadRequestError,
  InternalError,
  PayloadTooLargeError,
  RateLimitedError,
  RouteNotFoundError,
  UnsupportedMediaTypeError,
  UriTooLongError,
} from "../errors.js";

/**
 * THE mapping from error codes to HTTP statuses for the native API. Codes not listed here are
 * unexpected at this edge and answer 500 with a generic message.
 */
export const HTTP_STATUS_BY_CODE: Readonly<Record<string, number>> = {
  SKEIN_ERR_INVALID_PARAMETER: 400,
  SKEIN_ERR_UNKNOWN_PARAMETER: 400,
  SKEIN_ERR_INVALID_ID: 400,
  SKEIN_ERR_UNSUPPORTED_QUERY: 400,
  SKEIN_ERR_BAD_REQUEST: 400,
  SKEIN_ERR_TRACE_NOT_FOUND: 404,
  SKEIN_ERR_ROUTE_NOT_FOUND: 404,
  SKEIN_ERR_REQUEST_TIMEOUT: 408,
  SKEIN_ERR_PAYLOAD_TOO_LARGE: 413,
  SKEIN_ERR_URI_TOO_LONG: 414,
  SKEIN_ERR_UNSUPPORTED_MEDIA_TYPE: 415,
  SKEIN_ERR_RATE_LIMITED: 429,
  SKEIN_ERR_HEADERS_TOO_LARGE: 431,
  SKEIN_ERR_INTERNAL: 500,
  SKEIN_ERR_STORAGE_UNAVAILABLE: 503,
  SKEIN_ERR_STORAGE_CLOSED: 503,
};

/** Seconds a client should wait before retrying a 429 / 503. */
const RETRY_AFTER_SECONDS = "1";

/**
 * Any thrown value → the coded error the client sees. Skein errors with a mapped code pass
 * through, except storage failures: their text is the engine's (its URL, with credentials if the
 * URL has them, host names, file paths, server exceptions), so the client gets the code with a
 * fixed message and the cause goes to the server log only. Fastify's own errors (body too large,
 * bad content type, malformed request, rate limit) get a Skein code by their status; everything
 * else becomes InternalError. `storageKind` ("duckdb", "clickhouse") names the storage in the
 * fixed message.
 */
export function toClientError(error: unknown, storageKind?: string): SkeinError {
  if (error instanceof SkeinError) {
    if (HTTP_STATUS_BY_CODE[error.code] === undefined) return new InternalError();
    return storageFailure(error.code, storageKind) ?? error;
  }
  const statusCode = (error as Partial<FastifyError> | null)?.statusCode;
  switch (statusCode) {
    case 404:
      return new RouteNotFoundError("not found");
    case 413:
      return new PayloadTooLargeError();
    case 414:
      return new UriTooLongError("a path segment of the URL is too long");
    case 415:
      return new UnsupportedMediaTypeError();
    case 429:
      return new RateLimitedError();
  }
  if (typeof statusCode === "number" && statusCode >= 400 && statusCode < 500) {
    return new BadRequestError(`malformed request: ${String((error as Error).message).slice(0, 200)}`);
  }
  return new InternalError();
}

/** The fixed client-facing error for a storage failure code; undefined for any other code. */
function storageFailure(code: string, storageKind: string | undefined): SkeinError | undefined {
  const storage = storageKind === undefined ? "the storage" : `the ${storageKind} storage`;
  if (code === "SKEIN_ERR_STORAGE_UNAVAILABLE") return new StorageUnavailableError(`${storage} is not answering; the server log has the cause`);
  if (code === "SKEIN_ERR_STORAGE_CLOSED") return new StorageClosedError(`${storage} is not started or is shutting down; retry in a moment`);
  return undefined;
}

/**
 * Sends `{"error":{"code","message"}}` with the mapped status. 5xx are logged with their cause at
 * error level — unless the client already went away (an aborted read is expected then: info).
 */
export function sendError(error: unknown, request: FastifyRequest, reply: FastifyReply, storageKind?: string): FastifyReply {
  const clientError = toClientError(error, storageKind);
  const status = HTTP_STATUS_BY_CODE[clientError.code] ?? 500;
  const what = `query API ${request.method} ${request.url.slice(0, 200)}`;
  if (reply.raw.destroyed && !reply.raw.writableEnded) request.log.info({ err: error }, `${what}: the client went away`);
  else if (status >= 500) request.log.error({ err: error }, `${what} failed`);
  if (status === 429 || status === 503) void reply.header("retry-after", RETRY_AFTER_SECONDS);
  const body: ApiErrorResponse = { error: { code: clientError.code, message: clientError.message } };
  return reply.code(status).type("application/json; charset=utf-8").send(body);
}

/** Installs the error and not-found handlers on the (encapsulated) API instance. */
export function installErrorHandlers(api: FastifyInstance, notFound: (request: FastifyRequest) => SkeinError, storageKind?: string): void {
  api.setErrorHandler((error, request, reply) => sendError(error, request, reply, storageKind));
  api.setNotFoundHandler((request, reply) => sendError(notFound(request), request, reply));
}
