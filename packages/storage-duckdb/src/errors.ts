import { SkeinError } from "@skein/model";

/**
 * Too many acknowledged spans wait in the span log to be applied to DuckDB (the engine is behind
 * or failing); nothing of the refused write was kept. Receivers map the code to 429 /
 * RESOURCE_EXHAUSTED with `retryAfterSeconds`.
 */
export class StorageOverloadedError extends SkeinError {
  constructor(
    message: string,
    readonly retryAfterSeconds = 1,
  ) {
    super("SKEIN_ERR_OVERLOADED", message);
  }
}
