import * as grpc from "@grpc/grpc-js";

/** OTLP/gRPC method paths (opentelemetry-proto collector services). */
export const GRPC_METHODS = {
  traces: "/opentelemetry.proto.collector.trace.v1.TraceService/Export",
  logs: "/opentelemetry.proto.collector.logs.v1.LogsService/Export",
} as const;

export interface GrpcOutcome {
  /** grpc.status code; 0 = OK. */
  code: number;
  details: string;
  /** The response message bytes when OK. */
  response?: Buffer;
}

/**
 * A raw unary gRPC call with Buffer passthrough serializers, so tests send exactly the bytes they
 * mean (malformed protobuf included). The caller closes the client.
 */
export function createRawGrpcClient(address: string): grpc.Client {
  return new grpc.Client(address, grpc.credentials.createInsecure(), {
    "grpc.max_send_message_length": 64 * 1024 * 1024,
  });
}

export function callExport(client: grpc.Client, method: string, body: Uint8Array, timeoutMs = 10_000): Promise<GrpcOutcome> {
  return new Promise((resolve) => {
    client.makeUnaryRequest<Buffer, Buffer>(
      method,
      (b) => b,
      (b) => b,
      Buffer.from(body),
      new grpc.Metadata(),
      { deadline: Date.now() + timeoutMs },
      (error, response) => {
        if (error) resolve({ code: error.code ?? grpc.status.UNKNOWN, details: error.details ?? error.message });
        else resolve({ code: grpc.status.OK, details: "", response });
      },
    );
  });
}

export { grpc };
