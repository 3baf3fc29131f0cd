import { SkeinError } from "@skein/model";

/**
 * Coded errors of the pipeline and the runtime. Receivers map them to protocol statuses at the
 * edge: OverloadedError → HTTP 429 / gRPC RESOURCE_EXHAUSTED with Retry-After (or gRPC
 * retry pushback) of `retryAfterSeconds`.
 */

/**
 * Too much data is waiting to be committed; the batch was refused at once, nothing of it was
 * kept. The client should retry after `retryAfterSeconds`.
 */
export class OverloadedError extends SkeinError {
  constructor(
    message: string,
    readonly retryAfterSeconds = 1,
  ) {
    super("SKEIN_ERR_OVERLOADED", message);
  }
}

/** The consumer is shutting down and takes no more batches; nothing of the batch was kept. */
export class ConsumerClosedError extends SkeinError {
  constructor(message = "the pipeline is shutting down and accepts no more data; retry against a running server") {
    super("SKEIN_ERR_CONSUMER_CLOSED", message);
  }
}

/**
 * The server could not start. The message says what is wrong and what to do; the CLI prints it
 * and exits with status 1.
 */
export class StartupError extends SkeinError {
  constructor(message: string, options?: ErrorOptions) {
    super("SKEIN_ERR_STARTUP", message, options);
  }
}
