import { apiErrorResponseSchema } from "@skein/model/api";
import type { z } from "zod";
import { apiUrl } from "./api-client.js";
import { ApiCallError } from "./api-error.js";

export type SendMethod = "POST" | "PUT" | "DELETE";

/**
 * The writing twin of getJson: sends `body` (when given) as JSON with `method` and checks the
 * answer against `schema`; with `schema` null the answer must have no body (204). Failures are
 * ApiCallError exactly as getJson reports them: "unreachable", "http" (with the API's code and
 * message, e.g. a rule the server refused), "invalid" (an answer this UI does not understand).
 */
export async function sendJson<T>(method: SendMethod, path: string, body: unknown, schema: z.ZodType<T> | null, signal?: AbortSignal): Promise<T | undefined> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  let response: Response;
  try {
    response = await fetch(apiUrl(path, {}), { method, signal, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiCallError("unreachable", "Skein's server did not answer. Check that `skein start` is running and reachable from this browser, then retry.");
  }
  const text = await response.text();
  if (!response.ok) {
    const parsed = apiErrorResponseSchema.safeParse(parseOrUndefined(text));
    if (parsed.success) throw new ApiCallError("http", parsed.data.error.message, response.status, parsed.data.error.code);
    throw new ApiCallError("http", `the server answered ${response.status} to ${method} ${path}`, response.status);
  }
  if (schema === null) return undefined;
  const answer = parseOrUndefined(text);
  const parsed = schema.safeParse(answer);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ApiCallError("invalid", `the server's answer to ${method} ${path} does not match this UI (at ${issue?.path.join(".") || "the top"}: ${issue?.message}); reload the page, and if it persists the UI and server versions differ`);
  }
  return parsed.data;
}

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
