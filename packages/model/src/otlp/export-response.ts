import { bigIntToLongBits } from "./int64.js";
import { ExportTraceServiceResponse } from "./proto-root.js";

/**
 * An Export{Trace,Logs}ServiceResponse (the two share field numbers: partial_success = 1 holding
 * rejected count = 1 and error_message = 2). With rejected = 0 and an empty message the result is
 * the empty message, which OTLP defines as full success.
 */
export function encodeExportResponseProto(rejected: number, errorMessage: string): Uint8Array {
  if (rejected === 0 && errorMessage === "") return new Uint8Array(0);
  const message = {
    partialSuccess: { rejectedSpans: bigIntToLongBits(BigInt(Math.trunc(rejected)), false), errorMessage },
  };
  return ExportTraceServiceResponse.encode(message).finish();
}
