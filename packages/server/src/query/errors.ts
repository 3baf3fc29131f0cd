import { SkeinError } from "@skein/model";

/**
 * Coded errors of the query layer. Codes are stable and user-visible; the HTTP status is chosen
 * only in http/query-error-handler.ts. Errors from other packages that reach the API keep their
 * own codes (SKEIN_ERR_INVALID_ID, SKEIN_ERR_UNSUPPORTED_QUERY, SKEIN_ERR_STORAGE_UNAVAILABLE…).
 */

/** A query parameter is malformed or out of range. The message names it and says what is accepted. */
export class InvalidParameterError extends SkeinError {
  constructor(message: string) {
    super("SKEIN_ERR_INVALID_PARAMETER", message);
  }
}

/** The request carries parameters the route does not know (a typo must not widen a search). */
export class UnknownParameterError extends SkeinError {
  constructor(readonly parameters: string[], known: readonly string[]) {
    super(
      "SKEIN_ERR_UNKNOWN_PARAMETER",
      `unknown query parameter${parameters.length > 1 ? "s" : ""} ${parameters.map((p) => JSON.stringify(p.slice(0, 64))).join(", ")}; ` +
        (known.length > 0 ? `this route accepts ${known.join(", ")}` : "this route takes no parameters"),
    );
  }
}

/** No span of the requested trace is stored (never received, or removed by retention). */
export class TraceNotFoundError extends SkeinError {
  constructor(traceIdHex: string) {
    super("SKEIN_ERR_TRACE_NOT_FOUND", `trace ${traceIdHex} was not found; it may not have arrived yet or was removed by retention`);
  }
}

/** No API route matches the method and path. */
export class RouteNotFoundError extends SkeinError {
  constructor(message: string) {
    super("SKEIN_ERR_ROUTE_NOT_FOUND", message);
  }
}

/** The URL (its query string or one path segment) is longer than the API accepts. */
export class UriTooLongError extends SkeinError {
  constructor(message: string) {
    super("SKEIN_ERR_URI_TOO_LONG", message);
  }
}

/** The request headers (the URL included) exceed the HTTP server's limit; refused before routing. */
export class HeadersTooLargeError extends SkeinError {
  constructor(message = "the request headers or URL are too large; shorten the query") {
    super("SKEIN_ERR_HEADERS_TOO_LARGE", message);
  }
}

/** The request body is larger than the server accepts. */
export class PayloadTooLargeError extends SkeinError {
  constructor(message = "the request body is too large") {
    super("SKEIN_ERR_PAYLOAD_TOO_LARGE", message);
  }
}

/** The request body's content type is not one the route accepts. */
export class UnsupportedMediaTypeError extends SkeinError {
  constructor(message = "unsupported content type; the query API takes no request body") {
    super("SKEIN_ERR_UNSUPPORTED_MEDIA_TYPE", message);
  }
}

/** The request did not arrive completely within the server's request timeout. */
export class RequestTimeoutError extends SkeinError {
  constructor(message = "the request took too long to arrive") {
    super("SKEIN_ERR_REQUEST_TIMEOUT", message);
  }
}

/** Too many requests; retry later. */
export class RateLimitedError extends SkeinError {
  constructor(message = "too many requests; retry after a moment") {
    super("SKEIN_ERR_RATE_LIMITED", message);
  }
}

/** A malformed request the framework refused before a route ran (bad URL encoding, bad headers). */
export class BadRequestError extends SkeinError {
  constructor(message: string) {
    super("SKEIN_ERR_BAD_REQUEST", message);
  }
}

/** Anything unexpected. The detail goes to the server log, never to the client. */
export class InternalError extends SkeinError {
  constructor() {
    super("SKEIN_ERR_INTERNAL", "internal error; the detail is in the server log");
  }
}
