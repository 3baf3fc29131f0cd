import { InvalidIdError } from "./errors.js";

/** Trace ids are 16 bytes, span ids 8 bytes. Bytes in memory and storage; lowercase hex at the API edge. */
export const TRACE_ID_BYTES = 16;
export const SPAN_ID_BYTES = 8;

const HEX = /^[0-9a-fA-F]*$/;

export function bytesToHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex");
}

/** True when every byte is zero (also for an empty array). Package-internal: not in index.ts. */
export function isAllZero(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] !== 0) return false;
  return true;
}

/** Why an id is not valid, or undefined when it is. A valid id has the exact length and is not all zero. */
export function idProblem(bytes: Uint8Array, expectedLength: number, what: "trace id" | "span id"): string | undefined {
  if (bytes.length !== expectedLength) return `${what} must be ${expectedLength} bytes, got ${bytes.length}`;
  if (isAllZero(bytes)) return `${what} must not be all zero`;
  return undefined;
}

export function isValidTraceId(bytes: Uint8Array): boolean {
  return idProblem(bytes, TRACE_ID_BYTES, "trace id") === undefined;
}

export function isValidSpanId(bytes: Uint8Array): boolean {
  return idProblem(bytes, SPAN_ID_BYTES, "span id") === undefined;
}

/**
 * Parses a hex id from the API edge. Accepts upper or lower case; a trace id shorter than 32
 * characters is left-padded with zeros (as Jaeger and Zipkin accept 64-bit trace ids).
 * Throws InvalidIdError naming the problem.
 */
export function parseTraceIdHex(hex: string): Uint8Array {
  return parseHexId(hex, TRACE_ID_BYTES, "trace id", true);
}

export function parseSpanIdHex(hex: string): Uint8Array {
  return parseHexId(hex, SPAN_ID_BYTES, "span id", false);
}

function parseHexId(hex: string, bytes: number, what: "trace id" | "span id", allowShort: boolean): Uint8Array {
  const chars = bytes * 2;
  if (typeof hex !== "string" || hex.length === 0 || hex.length > chars || !HEX.test(hex) || (!allowShort && hex.length !== chars)) {
    throw new InvalidIdError(`${what} must be ${allowShort ? "up to " : ""}${chars} hex characters, got ${JSON.stringify(String(hex).slice(0, 80))}`);
  }
  const padded = hex.padStart(chars, "0");
  const out = new Uint8Array(Buffer.from(padded, "hex"));
  if (isAllZero(out)) throw new InvalidIdError(`${what} must not be all zero`);
  return out;
}

export function idsEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
