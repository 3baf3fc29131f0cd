// Ids in ClickHouse columns: a 16-byte trace id as its two big-endian UInt64 halves, an 8-byte
// span id as one big-endian UInt64, 0 for absent (sql/001-spans.sql). Values are bigint here and
// decimal strings on the wire (JSONEachRow quotes UInt64 both ways).

/** [hi, lo] of a 16-byte trace id. */
export function traceIdHalves(traceId: Uint8Array): [bigint, bigint] {
  if (traceId.length !== 16) throw new RangeError(`a trace id has 16 bytes, not ${traceId.length}`);
  const view = new DataView(traceId.buffer, traceId.byteOffset, 16);
  return [view.getBigUint64(0), view.getBigUint64(8)];
}

/** An 8-byte span id as a UInt64; null (absent) as 0. */
export function spanIdNumber(spanId: Uint8Array | null): bigint {
  if (spanId === null) return 0n;
  if (spanId.length !== 8) throw new RangeError(`a span id has 8 bytes, not ${spanId.length}`);
  return new DataView(spanId.buffer, spanId.byteOffset, 8).getBigUint64(0);
}

/** The 16 bytes of a trace id from its halves (decimal strings or bigints). */
export function traceIdFromHalves(hi: string | bigint, lo: string | bigint): Uint8Array {
  const bytes = new Uint8Array(16);
  const view = new DataView(bytes.buffer);
  view.setBigUint64(0, BigInt(hi));
  view.setBigUint64(8, BigInt(lo));
  return bytes;
}

/** The 8 bytes of a span id; null for 0 (absent). */
export function spanIdFromNumber(value: string | bigint): Uint8Array | null {
  const n = BigInt(value);
  if (n === 0n) return null;
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setBigUint64(0, n);
  return bytes;
}
