import type { MethodDefinition, ServiceDefinition } from "@grpc/grpc-js";

/**
 * The OTLP collector services, defined by hand instead of loading .proto files: the request is
 * handed over as the raw (already inflated) message bytes so @skein/model's decoder does the
 * decoding once, and the response is bytes produced by encodeExportResponseProto().
 */
function exportMethod(path: string): MethodDefinition<Buffer, Uint8Array> {
  return {
    path,
    requestStream: false,
    responseStream: false,
    requestSerialize: (request: Buffer) => request,
    requestDeserialize: (bytes: Buffer) => bytes,
    responseSerialize: (response: Uint8Array) => Buffer.from(response.buffer, response.byteOffset, response.byteLength),
    responseDeserialize: (bytes: Buffer) => bytes,
  };
}

export const traceServiceDefinition: ServiceDefinition = {
  Export: exportMethod("/opentelemetry.proto.collector.trace.v1.TraceService/Export"),
};

export const logsServiceDefinition: ServiceDefinition = {
  Export: exportMethod("/opentelemetry.proto.collector.logs.v1.LogsService/Export"),
};
