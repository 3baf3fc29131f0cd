import { Client, credentials, Metadata, type ServiceError } from "@grpc/grpc-js";

export const TRACE_EXPORT = "/opentelemetry.proto.collector.trace.v1.TraceService/Export";
export const LOGS_EXPORT = "/opentelemetry.proto.collector.logs.v1.LogsService/Export";

/** A raw-bytes gRPC client for the OTLP Export methods; `gzip` compresses every request. */
export class RawOtlpGrpcClient {
  readonly #client: Client;

  constructor(port: number, options: { gzip?: boolean } = {}) {
    this.#client = new Client(`127.0.0.1:${port}`, credentials.createInsecure(), options.gzip === true ? { "grpc.default_compression_algorithm": 2 } : {});
  }

  /**
   * Resolves with the response bytes, or rejects with the ServiceError (code, details, metadata).
   * Aborting `signal` cancels the call.
   */
  export(path: string, request: Uint8Array, signal?: AbortSignal): Promise<Buffer> {
    return new Promise<Buffer>((resolve, reject) => {
      const call = this.#client.makeUnaryRequest(
        path,
        (bytes: Uint8Array) => Buffer.from(bytes),
        (bytes: Buffer) => bytes,
        request,
        new Metadata(),
        { deadline: Date.now() + 10_000 },
        (err: ServiceError | null, response?: Buffer) => (err ? reject(err) : resolve(response ?? Buffer.alloc(0))),
      );
      signal?.addEventListener("abort", () => call.cancel(), { once: true });
    });
  }

  close(): void {
    this.#client.close();
  }
}
