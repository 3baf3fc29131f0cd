import { encodeExportResponseProto } from "@skein/model";
import { encodeRpcStatusJson, encodeRpcStatusProto, type RpcCode } from "../shared/rpc-status.js";
import type { OtlpSignal } from "../shared/otlp-signals.js";
import { CONTENT_TYPES, type OtlpEncoding } from "./otlp-http-negotiation.js";

/** One OTLP/HTTP response, ready to send. */
export interface OtlpHttpResponse {
  status: number;
  contentType: string;
  body: Uint8Array | string;
  /** Extra headers, e.g. Retry-After. */
  headers: Record<string, string>;
}

/**
 * 200 with Export{Trace,Logs}ServiceResponse in the request's encoding: empty when everything
 * was accepted, `partial_success` with the rejected count and message otherwise. OTLP/JSON writes
 * the int64 count as a decimal string (proto3 JSON mapping).
 */
export function exportResponse(signal: OtlpSignal<unknown>, encoding: OtlpEncoding, rejected: number, errorMessage: string): OtlpHttpResponse {
  if (encoding === "protobuf") {
    return { status: 200, contentType: CONTENT_TYPES.protobuf, body: encodeExportResponseProto(rejected, errorMessage), headers: {} };
  }
  const body = rejected > 0 || errorMessage !== ""
    ? JSON.stringify({ partialSuccess: { [signal.jsonRejectedField]: String(rejected), errorMessage } })
    : "{}";
  return { status: 200, contentType: CONTENT_TYPES.json, body, headers: {} };
}

/**
 * An error status with a google.rpc.Status body in the request's encoding (JSON when the
 * encoding is unknown, e.g. for 415). `retryAfterSeconds` adds Retry-After (429 / 503).
 */
export function statusResponse(
  status: number,
  encoding: OtlpEncoding | undefined,
  code: RpcCode,
  message: string,
  retryAfterSeconds?: number,
): OtlpHttpResponse {
  const headers: Record<string, string> = retryAfterSeconds === undefined ? {} : { "retry-after": String(retryAfterSeconds) };
  if (encoding === "protobuf") {
    return { status, contentType: CONTENT_TYPES.protobuf, body: encodeRpcStatusProto(code, message, retryAfterSeconds), headers };
  }
  return { status, contentType: CONTENT_TYPES.json, body: encodeRpcStatusJson(code, message), headers };
}
