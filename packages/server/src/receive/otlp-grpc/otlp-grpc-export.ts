import { encodeExportResponseProto } from "@skein/model";
import { Metadata, status, type handleUnaryCall, type ServerErrorResponse } from "@grpc/grpc-js";
import { decodeRequest, exportDecoded, reportRefused, type ExportContext } from "../shared/otlp-export.js";
import type { OtlpSignal } from "../shared/otlp-signals.js";
import { encodeRpcStatusProto, RpcCode } from "../shared/rpc-status.js";

/**
 * The unary Export handler of one signal. Answers OK (with partial success when items were
 * rejected) only after the consumer resolved; INVALID_ARGUMENT with the decoder's message for a
 * malformed request; RESOURCE_EXHAUSTED (overloaded, or storage's spool full) or UNAVAILABLE
 * (storage failed), each with a google.rpc.RetryInfo in `grpc-status-details-bin`, when nothing
 * was acknowledged. A cancelled
 * call aborts the consume() it is waiting on.
 */
export function exportHandler<B>(signal: OtlpSignal<B>, base: ExportContext): handleUnaryCall<Buffer, Uint8Array> {
  return (call, callback) => {
    const startedAt = process.hrtime.bigint();
    const controller = new AbortController();
    call.once("cancelled", () => controller.abort(new Error("client cancelled the call")));
    const ctx: ExportContext = { ...base, abortSignal: controller.signal };
    const observe = (outcome: "ok" | "error"): void => {
      const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
      ctx.deps.telemetry.requestDuration(ctx.receiver, signal.name, seconds, outcome);
    };
    const decoded = decodeRequest(signal, "protobuf", call.request, ctx);
    if (!decoded.ok) {
      reportRefused(ctx, signal, "malformed", decoded.message);
      observe("error");
      callback(failure(RpcCode.INVALID_ARGUMENT, decoded.message));
      return;
    }
    exportDecoded(signal, decoded.decoded, ctx).then(
      (outcome) => {
        if (outcome.ok) {
          observe("ok");
          callback(null, encodeExportResponseProto(outcome.rejected, outcome.errorMessage));
          return;
        }
        reportRefused(ctx, signal, outcome.reason, outcome.message);
        observe("error");
        const code = outcome.reason === "storage_error" ? RpcCode.UNAVAILABLE : RpcCode.RESOURCE_EXHAUSTED;
        callback(failure(code, outcome.message, outcome.retryAfterSeconds));
      },
      (err: unknown) => {
        // exportDecoded() does not throw; this is a bug guard so the call never hangs.
        ctx.deps.logger.error({ err, receiver: ctx.receiver, signal: signal.name }, "OTLP/gRPC export failed unexpectedly");
        observe("error");
        callback(failure(RpcCode.UNAVAILABLE, "internal error"));
      },
    );
  };
}

function failure(code: RpcCode, message: string, retryAfterSeconds?: number): ServerErrorResponse {
  const metadata = new Metadata();
  if (retryAfterSeconds !== undefined) {
    metadata.set("grpc-status-details-bin", Buffer.from(encodeRpcStatusProto(code, message, retryAfterSeconds)));
  }
  return Object.assign(new Error(message), { code: grpcStatus(code), details: message, metadata });
}

function grpcStatus(code: RpcCode): status {
  switch (code) {
    case RpcCode.INVALID_ARGUMENT:
      return status.INVALID_ARGUMENT;
    case RpcCode.RESOURCE_EXHAUSTED:
      return status.RESOURCE_EXHAUSTED;
    case RpcCode.UNAVAILABLE:
      return status.UNAVAILABLE;
  }
}
