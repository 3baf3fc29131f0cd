/** A response read whole: status, headers and the parsed JSON body (undefined when not JSON). */
export interface JsonResponse<T = unknown> {
  status: number;
  headers: Headers;
  bytes: Uint8Array;
  text: string;
  body: T;
}

/** GET a URL and parse the body as JSON when it is JSON; never throws on HTTP error statuses. */
export async function getJson<T = unknown>(url: string, init: RequestInit = {}): Promise<JsonResponse<T>> {
  return readJson<T>(await fetch(url, init));
}

/** POST raw bytes or text with the given headers; never throws on HTTP error statuses. */
export async function post(url: string, body: Uint8Array | string, headers: Record<string, string>): Promise<JsonResponse> {
  return readJson(await fetch(url, { method: "POST", body, headers }));
}

export async function readJson<T>(res: Response): Promise<JsonResponse<T>> {
  const bytes = new Uint8Array(await res.arrayBuffer());
  const text = new TextDecoder().decode(bytes);
  let body: unknown = undefined;
  if ((res.headers.get("content-type") ?? "").includes("json") || /^\s*[[{]/.test(text)) {
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
  }
  return { status: res.status, headers: res.headers, bytes, text, body: body as T };
}

/** Polls `check` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 10_000, what = "condition"): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`${what} not met within ${timeoutMs} ms${last ? `: ${String(last)}` : ""}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Lowercase hex of random bytes (ids for hand-built payloads). */
export function randomHex(bytes: number): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(bytes))).toString("hex");
}

/** The `{"error":{"code","message"}}` body of the native API (DESIGN §7). */
export interface ApiError {
  error: { code: string; message: string };
}
