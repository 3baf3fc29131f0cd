/**
 * Coded errors of the model package. The code is stable and user-visible; the HTTP/gRPC status is
 * chosen at the edge, never here.
 */
export class SkeinError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A trace or span id is malformed (wrong length, not hex, all zero). */
export class InvalidIdError extends SkeinError {
  constructor(message: string) {
    super("SKEIN_ERR_INVALID_ID", message);
  }
}

/** An OTLP payload (protobuf or JSON) could not be decoded. The message says where and why. */
export class OtlpDecodeError extends SkeinError {
  constructor(message: string, options?: ErrorOptions) {
    super("SKEIN_ERR_OTLP_DECODE", message, options);
  }
}
