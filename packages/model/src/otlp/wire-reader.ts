import { int64FromBits } from "./int64.js";

/**
 * A bounds-checked protobuf wire-format reader over one request buffer, for the hand-written
 * decoders. Every read checks against the buffer end and throws WireError on truncation, so a
 * hostile payload can only ever produce a WireError. Message loops check their own end
 * (`expectEnd`). Strings are decoded with Buffer's native UTF-8 slice (invalid sequences become
 * U+FFFD, as protobufjs does).
 */
export class WireError extends Error {}

/** Buffer's native UTF-8 decoder without the argument checks of toString (present in every Node). */
interface Utf8Slicer {
  utf8Slice(start: number, end: number): string;
}

/**
 * Short strings (attribute keys, methods, routes, service names) repeat across the spans of a
 * request and across requests. A direct-mapped cache of decoded strings, keyed by a hash of their
 * bytes and verified byte for byte, turns most of them into a lookup instead of a UTF-8 decode
 * and a new string. Strings are immutable, so sharing them is safe.
 */
const SHORT_STRING = 32;
const CACHE_SLOTS = 4096;
const cacheBytes = new Uint8Array(CACHE_SLOTS * SHORT_STRING);
const cacheLength = new Int32Array(CACHE_SLOTS);
const cacheString: string[] = new Array<string>(CACHE_SLOTS).fill("");

function shortString(buf: Uint8Array, start: number, len: number, text: Utf8Slicer): string {
  // Sampled hash (length, both ends, middle): cheap, and a collision only costs a cache miss.
  const last = start + len - 1;
  let hash = Math.imul(len ^ (buf[start]! << 8) ^ (buf[last]! << 16) ^ (buf[start + (len >>> 1)]! << 24), 0x9e3779b1);
  const second = len > 1 ? 1 : 0;
  hash = Math.imul(hash ^ buf[start + second]! ^ (buf[last - second]! << 8) ^ (buf[start + (len >>> 2)]! << 16), 0x85ebca6b);
  const slot = (hash ^ (hash >>> 16)) & (CACHE_SLOTS - 1);
  const base = slot * SHORT_STRING;
  if (cacheLength[slot] === len) {
    let i = 0;
    while (i < len && cacheBytes[base + i] === buf[start + i]) i++;
    if (i === len) return cacheString[slot]!;
  }
  const value = text.utf8Slice(start, start + len);
  for (let i = 0; i < len; i++) cacheBytes[base + i] = buf[start + i]!;
  cacheLength[slot] = len;
  cacheString[slot] = value;
  return value;
}

export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_LEN = 2;
export const WIRE_FIXED32 = 5;

export class WireReader {
  readonly buf: Uint8Array;
  readonly text: Utf8Slicer;
  readonly view: DataView;
  pos = 0;

  constructor(bytes: Uint8Array) {
    this.buf = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as Utf8Slicer;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** A varint's low 32 bits as an unsigned number (enums, counts, tags, lengths). */
  uint32(): number {
    const buf = this.buf;
    let pos = this.pos;
    if (pos >= buf.length) throw new WireError(`truncated varint at byte ${pos}`);
    let b = buf[pos++]!;
    if (b < 0x80) {
      this.pos = pos;
      return b;
    }
    let value = b & 0x7f;
    for (let shift = 7; shift < 70; shift += 7) {
      if (pos >= buf.length) throw new WireError(`truncated varint at byte ${pos}`);
      b = buf[pos++]!;
      if (shift < 32) value |= (b & 0x7f) << shift;
      if (b < 0x80) {
        this.pos = pos;
        return value >>> 0;
      }
    }
    throw new WireError(`varint longer than 10 bytes at byte ${this.pos}`);
  }

  /** A varint as a signed 64-bit bigint (AnyValue int_value), exact. */
  int64(): bigint {
    const buf = this.buf;
    let pos = this.pos;
    let lo = 0;
    let hi = 0;
    for (let i = 0; i < 10; i++) {
      if (pos >= buf.length) throw new WireError(`truncated varint at byte ${pos}`);
      const b = buf[pos++]!;
      const bits = b & 0x7f;
      if (i < 4) lo |= bits << (7 * i);
      else if (i === 4) {
        lo |= bits << 28;
        hi |= bits >>> 4;
      } else hi |= bits << (7 * i - 32);
      if (b < 0x80) {
        this.pos = pos;
        return int64FromBits(lo, hi);
      }
    }
    throw new WireError(`varint longer than 10 bytes at byte ${this.pos}`);
  }

  bool(): boolean {
    return this.uint32() !== 0;
  }

  fixed64(): bigint {
    const pos = this.need(8);
    return this.view.getBigUint64(pos, true);
  }

  double(): number {
    const pos = this.need(8);
    return this.view.getFloat64(pos, true);
  }

  fixed32(): number {
    const pos = this.need(4);
    return this.view.getUint32(pos, true);
  }

  /** Reads a length prefix and returns the end offset of the field, checked against the buffer. */
  lenEnd(): number {
    const len = this.uint32();
    const end = this.pos + len;
    if (end > this.buf.length) throw new WireError(`length ${len} at byte ${this.pos} runs past the end (${this.buf.length} bytes)`);
    return end;
  }

  string(): string {
    const end = this.lenEnd();
    const start = this.pos;
    this.pos = end;
    const len = end - start;
    if (len === 0) return "";
    if (len <= SHORT_STRING) return shortString(this.buf, start, len, this.text);
    return this.text.utf8Slice(start, end);
  }

  /**
   * A length-delimited field copied into its own plain Uint8Array: never a view of the request
   * (which it would keep alive) and always with byteOffset 0, so ids are safe to hand to code
   * that reads `.buffer`. (A shared slab of ids measured only ~5% faster; not worth the trap.)
   */
  bytes(): Uint8Array {
    const end = this.lenEnd();
    const start = this.pos;
    this.pos = end;
    return this.buf.slice(start, end);
  }

  /** Skips a field of an unknown number. Groups (wire types 3, 4) are not valid in proto3 OTLP. */
  skip(wireType: number): void {
    switch (wireType) {
      case WIRE_VARINT:
        this.uint32();
        return;
      case WIRE_FIXED64:
        this.need(8);
        return;
      case WIRE_LEN:
        this.pos = this.lenEnd();
        return;
      case WIRE_FIXED32:
        this.need(4);
        return;
      default:
        throw new WireError(`invalid wire type ${wireType} at byte ${this.pos}`);
    }
  }

  /**
   * For a tag the message switch did not match: skip it when its field number is not one of the
   * message's known fields (bit n of `knownFields` set = field n known), else fail, because a
   * known field with another wire type means the payload is not this message.
   */
  unexpected(tag: number, knownFields: number, message: string): void {
    const field = tag >>> 3;
    if (field === 0) throw new WireError(`field number 0 in ${message} at byte ${this.pos}`);
    if (field < 31 && (knownFields & (1 << field)) !== 0) {
      throw new WireError(`${message} field ${field} has wire type ${tag & 7} at byte ${this.pos}`);
    }
    this.skip(tag & 7);
  }

  /** A message body must end exactly at its length prefix. */
  expectEnd(end: number, message: string): void {
    if (this.pos !== end) throw new WireError(`${message} overruns its length at byte ${this.pos}`);
  }

  private need(n: number): number {
    const pos = this.pos;
    if (pos + n > this.buf.length) throw new WireError(`truncated ${n}-byte value at byte ${pos}`);
    this.pos = pos + n;
    return pos;
  }
}
