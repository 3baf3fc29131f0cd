/**
 * Exact conversions between OTLP 64-bit integers and bigint. protobufjs hands 64-bit fields out as
 * Long objects (or plain `{low, high}` objects when long.js is absent); both carry the two 32-bit
 * halves, which we recombine without ever going through a JS number.
 */
export interface LongBits {
  low: number;
  high: number;
  unsigned: boolean;
}

const TWO_32 = 0x1_0000_0000n;

/** An unsigned 64-bit value from its halves. */
export function uint64FromBits(low: number, high: number): bigint {
  if (high === 0) return BigInt(low >>> 0);
  return (BigInt(high >>> 0) << 32n) | BigInt(low >>> 0);
}

/** A signed (two's complement) 64-bit value from its halves. */
export function int64FromBits(low: number, high: number): bigint {
  if (high === 0 && low >= 0) return BigInt(low);
  return BigInt.asIntN(64, uint64FromBits(low, high));
}

/**
 * A protobufjs 64-bit field value → bigint. A plain number only appears when protobufjs runs
 * without long.js; it is accepted when it is an exact (safe) integer, else refused because the
 * value was already rounded.
 */
export function longToBigInt(value: unknown, signed: boolean): bigint {
  if (typeof value === "object" && value !== null && "low" in value && "high" in value) {
    const v = value as { low: number; high: number };
    return signed ? int64FromBits(v.low, v.high) : uint64FromBits(v.low, v.high);
  }
  if (typeof value === "number" && Number.isSafeInteger(value)) return BigInt(value);
  if (value === undefined || value === null) return 0n;
  throw new TypeError(`64-bit field decoded without exact integer support: ${String(value)}`);
}

/** bigint → the `{low, high}` form protobufjs writers accept (two's complement for negatives). */
export function bigIntToLongBits(value: bigint, unsigned: boolean): LongBits {
  const u = BigInt.asUintN(64, value);
  return { low: Number(u % TWO_32) | 0, high: Number(u >> 32n) | 0, unsigned };
}
