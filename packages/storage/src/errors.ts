import { SkeinError } from "@skein/model";

/** The adapter cannot evaluate a query and the query layer could not either. */
export class UnsupportedQueryError extends SkeinError {
  constructor(message: string) {
    super("SKEIN_ERR_UNSUPPORTED_QUERY", message);
  }
}

/** The storage engine failed (I/O, corruption, connection). Retrying may help. */
export class StorageUnavailableError extends SkeinError {
  constructor(message: string, options?: ErrorOptions) {
    super("SKEIN_ERR_STORAGE_UNAVAILABLE", message, options);
  }
}

/** The adapter was used before start() or after shutdown(). */
export class StorageClosedError extends SkeinError {
  constructor(message = "storage is not started or already shut down") {
    super("SKEIN_ERR_STORAGE_CLOSED", message);
  }
}

/**
 * A SpanFilter is malformed: unknown node or field, a value of the wrong type for its field or
 * comparison, or a regex that does not compile. The message names the offending part.
 */
export class InvalidFilterError extends SkeinError {
  constructor(message: string, options?: ErrorOptions) {
    super("SKEIN_ERR_INVALID_FILTER", message, options);
  }
}

/**
 * The adapter cannot take more writes until its engine catches up: the engine is down or slow
 * and the bounded local spool that stands in for it is full. Nothing of the refused write was
 * kept. Receivers answer 503 / RESOURCE_EXHAUSTED with Retry-After `retryAfterSeconds`.
 */
export class StorageBackloggedError extends SkeinError {
  constructor(
    message: string,
    readonly retryAfterSeconds = 5,
  ) {
    super("SKEIN_ERR_STORAGE_BACKLOGGED", message);
  }
}
