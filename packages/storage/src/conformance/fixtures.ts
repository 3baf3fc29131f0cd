import { bytesToHex } from "@skein/model";

export { HOSTILE_STRINGS, everyValueType, richLogs, richSpan } from "../testing/rich-fixtures.js";

/** Sorts spans (or anything with a spanId) by span id hex, for order-insensitive comparison. */
export function bySpanId<T extends { spanId: Uint8Array | null }>(items: T[]): T[] {
  return [...items].sort((a, b) => (bytesToHex(a.spanId ?? new Uint8Array()) < bytesToHex(b.spanId ?? new Uint8Array()) ? -1 : 1));
}
