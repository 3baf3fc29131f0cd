/** A 16-byte trace id as its big-endian high and low 64-bit halves (the trace_index key). */
export function traceIdHalves(traceId: Uint8Array): [bigint, bigint] {
  const view = new DataView(traceId.buffer, traceId.byteOffset, traceId.byteLength);
  return [view.getBigUint64(0), view.getBigUint64(8)];
}
