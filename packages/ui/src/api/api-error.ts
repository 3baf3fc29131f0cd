/**
 * Why an API call failed, in the words the UI shows. `kind` tells the page which empty/error state
 * to render: "unreachable" (no HTTP answer at all), "http" (the API answered with an error body),
 * "invalid" (the answer did not match the API schema: a UI/server version mismatch).
 */
export class ApiCallError extends Error {
  constructor(
    readonly kind: "unreachable" | "http" | "invalid",
    message: string,
    /** HTTP status for kind "http", else 0. */
    readonly status: number = 0,
    /** The API's stable error code (SKEIN_ERR_…) for kind "http", when the body carried one. */
    readonly code: string | undefined = undefined,
  ) {
    super(message);
    this.name = "ApiCallError";
  }
}

/** True when the error means "this thing does not exist" (e.g. an unknown trace id). */
export function isNotFound(error: unknown): boolean {
  return error instanceof ApiCallError && error.kind === "http" && error.status === 404;
}
