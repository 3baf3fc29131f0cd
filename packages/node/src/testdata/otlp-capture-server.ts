import { decodeOtlpLogsProto, decodeOtlpTracesProto, type LogRecord, type Span } from "@skein/model";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A minimal OTLP/HTTP protobuf receiver for tests: keeps every span and log record it is sent,
 * decoded with @skein/model (the server's own decoder). Answers 200 with an empty body.
 */
export class OtlpCaptureServer {
  readonly spans: Span[] = [];
  readonly logs: LogRecord[] = [];
  /** Path and headers of every request, in arrival order. */
  readonly requests: Array<{ path: string; headers: IncomingHttpHeaders }> = [];

  private constructor(
    private readonly server: Server,
    /** Base URL to use as OTEL_EXPORTER_OTLP_ENDPOINT. */
    readonly url: string,
  ) {}

  static async start(): Promise<OtlpCaptureServer> {
    let capture: OtlpCaptureServer | undefined;
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        capture!.requests.push({ path: req.url ?? "", headers: req.headers });
        const body = new Uint8Array(Buffer.concat(chunks));
        if (req.url === "/v1/traces") capture!.spans.push(...decodeOtlpTracesProto(body).batch.spans);
        else if (req.url === "/v1/logs") capture!.logs.push(...decodeOtlpLogsProto(body).batch.logs);
        res.writeHead(req.url === "/v1/traces" || req.url === "/v1/logs" ? 200 : 404, { "content-type": "application/x-protobuf" });
        res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    capture = new OtlpCaptureServer(server, `http://127.0.0.1:${port}`);
    return capture;
  }

  /** Resolves with the first value `check` returns; rejects after `timeoutMs` naming `what`. */
  async waitFor<T>(what: string, check: () => T | undefined, timeoutMs = 5_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = check();
      if (found !== undefined) return found;
      if (Date.now() > deadline) {
        throw new Error(`timed out waiting for ${what}; got ${this.spans.length} spans (${this.spans.map((s) => s.name).join(", ")}) and ${this.logs.length} logs`);
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
