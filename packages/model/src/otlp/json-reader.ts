import { OtlpDecodeError } from "../errors.js";

/**
 * Typed reads from parsed OTLP/JSON with errors that name the path. Every reader treats `null`
 * like an absent field (proto3 JSON) and returns the proto3 default for it; a value of the wrong
 * JSON type throws OtlpDecodeError("<path>: expected …"). Objects come from JSON.parse, so a
 * `__proto__` key is an own data property and never reaches a prototype.
 */
export type JsonObject = { readonly [key: string]: unknown };

function fail(where: string, expected: string): never {
  throw new OtlpDecodeError(`${where}: expected ${expected}`);
}

/** A field by its lowerCamelCase name, falling back to the proto snake_case name. */
export function field(o: JsonObject, camel: string, snake: string): unknown {
  const v = o[camel];
  return v === undefined ? o[snake] : v;
}

export function asObject(v: unknown, where: string): JsonObject | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "object" || Array.isArray(v)) fail(where, "an object");
  return v as JsonObject;
}

export function asArray(v: unknown, where: string): readonly unknown[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) fail(where, "an array");
  return v;
}

export function asString(v: unknown, where: string): string {
  if (v === undefined || v === null) return "";
  if (typeof v !== "string") fail(where, "a string");
  return v;
}

export function asBool(v: unknown, where: string): boolean {
  if (v === undefined || v === null) return false;
  if (typeof v !== "boolean") fail(where, "a boolean");
  return v;
}

const DECIMAL = /^-?[0-9]+$/;

/** uint32 / fixed32: a number or a decimal string in [0, 2^32). */
export function asUint32(v: unknown, where: string): number {
  if (v === undefined || v === null) return 0;
  const n = typeof v === "number" ? v : typeof v === "string" && DECIMAL.test(v) ? Number(v) : NaN;
  if (!Number.isInteger(n) || n < 0 || n > 0xffff_ffff) fail(where, "an unsigned 32-bit integer");
  return n;
}

const UINT64_MAX = (1n << 64n) - 1n;
const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;

function asBigInt(v: unknown, where: string, min: bigint, max: bigint, what: string): bigint {
  if (v === undefined || v === null) return 0n;
  let n: bigint;
  if (typeof v === "string" && DECIMAL.test(v)) n = BigInt(v);
  else if (typeof v === "number" && Number.isInteger(v)) n = BigInt(v);
  else fail(where, "a decimal string or number");
  if (n < min || n > max) fail(where, `${what} in range`);
  return n;
}

/** fixed64 / uint64 (times): a decimal string or an integral number, exact. */
export function asUint64(v: unknown, where: string): bigint {
  return asBigInt(v, where, 0n, UINT64_MAX, "an unsigned 64-bit integer");
}

/** int64 (intValue): a decimal string or an integral number, exact. */
export function asInt64(v: unknown, where: string): bigint {
  return asBigInt(v, where, INT64_MIN, INT64_MAX, "a signed 64-bit integer");
}

const SPECIAL_DOUBLES: { readonly [key: string]: number } = { NaN: NaN, Infinity: Infinity, "-Infinity": -Infinity };

/** double: a number, "NaN"/"Infinity"/"-Infinity", or a numeric string (proto3 JSON). */
export function asDouble(v: unknown, where: string): number {
  if (v === undefined || v === null) return 0;
  if (typeof v === "number") return v;
  if (typeof v === "string") {
    const special = Object.hasOwn(SPECIAL_DOUBLES, v) ? SPECIAL_DOUBLES[v] : undefined;
    if (special !== undefined) return special;
    const n = v.trim() === "" ? NaN : Number(v);
    if (!Number.isNaN(n)) return n;
  }
  return fail(where, "a number");
}

/**
 * An enum: its number, or its name (index in `names` is the number). Numbers outside the known
 * range fold to 0 (unspecified), as the protobuf decoders do.
 */
export function asEnum(v: unknown, where: string, names: readonly string[]): number {
  if (v === undefined || v === null) return 0;
  if (typeof v === "number" && Number.isInteger(v)) return v >= 0 && v < names.length ? v : 0;
  if (typeof v === "string") {
    const index = names.indexOf(v);
    if (index >= 0) return index;
    if (DECIMAL.test(v)) return asEnum(Number(v), where, names);
  }
  return fail(where, `an enum number or one of ${names[0]}…${names[names.length - 1]}`);
}

const HEX_VALUES = new Int8Array(128).fill(-1);
for (let i = 0; i < 10; i++) HEX_VALUES[48 + i] = i;
for (let i = 0; i < 6; i++) {
  HEX_VALUES[65 + i] = 10 + i;
  HEX_VALUES[97 + i] = 10 + i;
}

/** Hex (any case) → bytes, or null when the string is not an even-length hex string. */
export function hexToBytes(hex: string): Uint8Array | null {
  if (hex.length % 2 !== 0) return null;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) {
    const hi = hex.charCodeAt(2 * i);
    const lo = hex.charCodeAt(2 * i + 1);
    const h = hi < 128 ? HEX_VALUES[hi]! : -1;
    const l = lo < 128 ? HEX_VALUES[lo]! : -1;
    if (h < 0 || l < 0) return null;
    out[i] = (h << 4) | l;
  }
  return out;
}

/** An id field: must be a string (else throws); returns null when it is not valid hex. */
export function asHexId(v: unknown, where: string): Uint8Array | null {
  return hexToBytes(asString(v, where));
}

const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

/** bytes: standard or URL-safe base64, padding optional. */
export function asBase64(v: unknown, where: string): Uint8Array {
  const s = asString(v, where);
  if (!BASE64.test(s) || s.replace(/=+$/, "").length % 4 === 1) fail(where, "base64 bytes");
  return new Uint8Array(Buffer.from(s, "base64"));
}
