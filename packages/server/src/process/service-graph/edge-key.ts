/**
 * The pairing key of one span: its 16-byte trace id and 8-byte span id packed two bytes per
 * UTF-16 code unit (12 units). Exact (no hashing, no collisions between traces) and one short
 * string per span; ids of other lengths (never accepted at ingest) still map to distinct keys.
 */
export function edgeKeyOf(traceId: Uint8Array, spanId: Uint8Array): string {
  if (traceId.length === 16 && spanId.length === 8) {
    return String.fromCharCode(
      (traceId[0]! << 8) | traceId[1]!,
      (traceId[2]! << 8) | traceId[3]!,
      (traceId[4]! << 8) | traceId[5]!,
      (traceId[6]! << 8) | traceId[7]!,
      (traceId[8]! << 8) | traceId[9]!,
      (traceId[10]! << 8) | traceId[11]!,
      (traceId[12]! << 8) | traceId[13]!,
      (traceId[14]! << 8) | traceId[15]!,
      (spanId[0]! << 8) | spanId[1]!,
      (spanId[2]! << 8) | spanId[3]!,
      (spanId[4]! << 8) | spanId[5]!,
      (spanId[6]! << 8) | spanId[7]!,
    );
  }
  // Unreachable from the decoders (they reject such ids); kept total for hand-built spans.
  return `${Buffer.from(traceId).toString("hex")}/${Buffer.from(spanId).toString("hex")}`;
}
