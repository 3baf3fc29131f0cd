import { Agent, request } from "node:http";

export interface HttpResponse {
  status: number;
  body: Buffer;
  /** wall time from sending the request to the last body byte, ms */
  ms: number;
}

/**
 * A keep-alive HTTP/1.1 client over node:http (lighter than fetch, so the load generator spends
 * less of the shared CPU). One instance per target; close() frees its sockets.
 */
export class HttpClient {
  private readonly agent: Agent;
  private readonly base: URL;

  constructor(baseUrl: string, maxSockets = 8) {
    this.base = new URL(baseUrl);
    this.agent = new Agent({ keepAlive: true, maxSockets });
  }

  send(method: "GET" | "POST", path: string, body?: Uint8Array, headers: Record<string, string> = {}, timeoutMs = 120_000): Promise<HttpResponse> {
    const started = performance.now();
    return new Promise((resolve, reject) => {
      const req = request(
        {
          agent: this.agent,
          host: this.base.hostname,
          port: this.base.port,
          method,
          path,
          headers: body ? { ...headers, "content-length": String(body.byteLength) } : headers,
          timeout: timeoutMs,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), ms: performance.now() - started }));
          res.on("error", reject);
        },
      );
      req.on("timeout", () => req.destroy(new Error(`${method} ${path}: no response within ${timeoutMs} ms`)));
      req.on("error", reject);
      req.end(body);
    });
  }

  /** GET and parse JSON; a non-2xx status is returned, not thrown (callers count failures). */
  async getJson(path: string): Promise<HttpResponse & { json: unknown }> {
    const res = await this.send("GET", path, undefined, { accept: "application/json" });
    let json: unknown;
    try {
      json = JSON.parse(res.body.toString("utf8"));
    } catch {
      json = undefined;
    }
    return { ...res, json };
  }

  close(): void {
    this.agent.destroy();
  }
}
