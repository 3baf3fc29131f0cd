// POST JSON to another shop service with the global fetch (undici), which @skein/node's undici
// instrumentation turns into a client span carrying `traceparent`.

export interface JsonAnswer {
  status: number;
  /** The parsed JSON object, or {} when the body was empty or not a JSON object. */
  body: Record<string, unknown>;
}

/** The dependency gave no answer: it did not respond within the timeout, or could not be reached. */
export class DependencyError extends Error {
  constructor(
    readonly kind: "timeout" | "unreachable",
    readonly dependency: string,
    options?: ErrorOptions,
  ) {
    super(kind === "timeout" ? `${dependency} did not answer in time` : `${dependency} is unreachable`, options);
    this.name = "DependencyError";
  }
}

export async function postJson(dependency: string, url: string, payload: unknown, timeoutMs: number): Promise<JsonAnswer> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
    throw new DependencyError(timedOut ? "timeout" : "unreachable", dependency, { cause: error });
  }
  const text = await response.text();
  let body: Record<string, unknown> = {};
  try {
    const parsed: unknown = text === "" ? {} : JSON.parse(text);
    if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
  } catch {
    // A non-JSON answer (a proxy's error page) keeps body {}; the status still tells the outcome.
  }
  return { status: response.status, body };
}
