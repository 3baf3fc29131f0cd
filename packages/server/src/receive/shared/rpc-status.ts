/**
 * google.rpc.Status, the error body of OTLP/HTTP (protobuf or JSON, matching the request) and the
 * `grpc-status-details-bin` trailer of OTLP/gRPC. Hand-encoded: three fields do not justify a
 * protobuf runtime in the server package.
 */

/** gRPC status codes used by the receivers (numbers as in google.rpc.Code). */
export const RpcCode = {
  INVALID_ARGUMENT: 3,
  RESOURCE_EXHAUSTED: 8,
  UNAVAILABLE: 14,
} as const;
export type RpcCode = (typeof RpcCode)[keyof typeof RpcCode];

const RETRY_INFO_TYPE_URL = "type.googleapis.com/google.rpc.RetryInfo";

/**
 * Status { code = 1; message = 2; details = 3 (Any) }. With `retryAfterSeconds` the details carry
 * one google.rpc.RetryInfo { retry_delay: Duration { seconds } }, which OTLP clients honour as
 * the throttling delay.
 */
export function encodeRpcStatusProto(code: RpcCode, message: string, retryAfterSeconds?: number): Uint8Array {
  const parts: Uint8Array[] = [];
  parts.push(varintField(1, code));
  if (message.length > 0) parts.push(bytesField(2, new TextEncoder().encode(message)));
  if (retryAfterSeconds !== undefined && retryAfterSeconds > 0) {
    const duration = varintField(1, Math.ceil(retryAfterSeconds));
    const retryInfo = bytesField(1, duration);
    const any = concat([bytesField(1, new TextEncoder().encode(RETRY_INFO_TYPE_URL)), bytesField(2, retryInfo)]);
    parts.push(bytesField(3, any));
  }
  return concat(parts);
}

/** The OTLP/JSON form of Status: `{"code":3,"message":"…"}`. */
export function encodeRpcStatusJson(code: RpcCode, message: string): string {
  return JSON.stringify({ code, message });
}

function varint(value: number): number[] {
  const out: number[] = [];
  let v = value;
  while (v > 0x7f) {
    out.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return out;
}

function varintField(field: number, value: number): Uint8Array {
  return Uint8Array.from([...varint(field << 3), ...varint(value)]);
}

function bytesField(field: number, bytes: Uint8Array): Uint8Array {
  return concat([Uint8Array.from([...varint((field << 3) | 2), ...varint(bytes.length)]), bytes]);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
