import { SkeinError } from "@skein/model";

/**
 * Why an OTLP/HTTP request body could not be read. Mapped to a status code only in
 * otlp-http-receiver.ts; messages are developer-facing and never quote the body.
 */

/** The body (raw, or once inflated) exceeds maxRequestBytes. → 413 */
export class RequestTooLargeError extends SkeinError {
  constructor(message: string) {
    super("SKEIN_ERR_REQUEST_TOO_LARGE", message);
  }
}

/** The Content-Type or Content-Encoding is not one OTLP/HTTP defines. → 415 */
export class UnsupportedMediaTypeError extends SkeinError {
  constructor(message: string) {
    super("SKEIN_ERR_UNSUPPORTED_MEDIA_TYPE", message);
  }
}

/** The body is not valid gzip although Content-Encoding says so. → 400 */
export class MalformedBodyError extends SkeinError {
  constructor(message: string, options?: ErrorOptions) {
    super("SKEIN_ERR_MALFORMED_BODY", message, options);
  }
}

/** The client closed the connection before the body was complete. No response is possible. */
export class ClientGoneError extends SkeinError {
  constructor(message = "client closed the connection before the request body was complete") {
    super("SKEIN_ERR_CLIENT_GONE", message);
  }
}
