import { request } from "node:http";

export interface HttpResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/**
 * One HTTP request over loopback with full control of headers (Content-Length is set from the
 * body unless given), on a fresh connection. Resolves with whatever response arrives, even when the server closes the
 * connection before the whole body was sent (413).
 */
export function httpRequest(
  port: number,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: Uint8Array | string },
): Promise<HttpResult> {
  return new Promise<HttpResult>((resolve, reject) => {
    const headers = { ...options.headers };
    if (options.body !== undefined && headers["transfer-encoding"] === undefined) headers["content-length"] ??= String(Buffer.byteLength(options.body));
    const req = request({ host: "127.0.0.1", port, method: options.method ?? "POST", path: options.path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on("error", reject);
    });
    // EPIPE / ECONNRESET while still writing a body the server refused: the response decides.
    req.on("error", (err) => setTimeout(() => reject(err), 200));
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

/** POST an OTLP body with the given content type (and optional extra headers). */
export function postOtlp(port: number, path: string, contentType: string, body: Uint8Array | string, headers: Record<string, string> = {}): Promise<HttpResult> {
  return httpRequest(port, { path, headers: { "content-type": contentType, ...headers }, body });
}
