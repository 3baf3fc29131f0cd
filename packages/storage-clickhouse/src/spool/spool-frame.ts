import { crc32 } from "node:zlib";
import { TABLES } from "../table-names.js";
import type { TableName } from "../table-names.js";
import type { EncodedWrite, WriteSignal } from "../encoded-write.js";

// One spooled write on disk:
//   header (12 bytes): "SKS1" | body length (u32 BE) | CRC-32 of the body (u32 BE)
//   body: a JSON line of metadata, then the table bodies back to back (side tables, main last),
//         their UTF-8 byte lengths in the metadata.
// A frame is valid only whole and with a matching checksum; recovery keeps a segment up to its
// first invalid frame (a torn tail after kill -9 or a failed write) and cuts the rest.

export const FRAME_MAGIC = Buffer.from("SKS1", "latin1");
export const FRAME_HEADER_BYTES = 12;
/** Bodies are capped well below 4 GiB by V8's string limit; a larger length is corruption. */
const MAX_BODY_BYTES = 0x7fff_ffff;

interface FrameMeta {
  v: 1;
  signal: WriteSignal;
  ingestId: string;
  rows: number;
  minDay: string;
  maxDay: string;
  /** Byte length of each table body, side tables first, the main table last. */
  parts: { table: TableName; bytes: number }[];
}

/** The frame (header and body) of `write`, ready to append. */
export function encodeFrame(write: EncodedWrite): Buffer[] {
  const bodies = [...write.side, write.main].map((p) => ({ table: p.table, bytes: Buffer.from(p.body, "utf8") }));
  const meta: FrameMeta = {
    v: 1,
    signal: write.signal,
    ingestId: write.ingestId.toString(),
    rows: write.rows,
    minDay: write.minDay,
    maxDay: write.maxDay,
    parts: bodies.map((b) => ({ table: b.table, bytes: b.bytes.length })),
  };
  const body = Buffer.concat([Buffer.from(`${JSON.stringify(meta)}\n`, "utf8"), ...bodies.map((b) => b.bytes)]);
  const header = Buffer.alloc(FRAME_HEADER_BYTES);
  FRAME_MAGIC.copy(header, 0);
  header.writeUInt32BE(body.length, 4);
  header.writeUInt32BE(crc32(body), 8);
  return [header, body];
}

/**
 * The body length a frame header announces, or undefined when `header` is not a frame header
 * (wrong magic, short): the frame and everything after it are to be cut.
 */
export function frameBodyLength(header: Buffer): number | undefined {
  if (header.length < FRAME_HEADER_BYTES || !header.subarray(0, 4).equals(FRAME_MAGIC)) return undefined;
  const length = header.readUInt32BE(4);
  return length <= MAX_BODY_BYTES ? length : undefined;
}

/** True when `body` is the intact body of the frame with header `header`. */
export function frameBodyIntact(header: Buffer, body: Buffer): boolean {
  return body.length === header.readUInt32BE(4) && crc32(body) === header.readUInt32BE(8);
}

/** The write an intact frame body holds; throws on a body this version cannot read. */
export function decodeFrameBody(body: Buffer): EncodedWrite {
  const newline = body.indexOf(0x0a);
  if (newline < 0) throw new Error("spool frame without metadata line");
  const meta = JSON.parse(body.toString("utf8", 0, newline)) as FrameMeta;
  if (meta.v !== 1) throw new Error(`spool frame version ${String(meta.v)} is not readable by this version of Skein`);
  let offset = newline + 1;
  const parts = meta.parts.map((p) => {
    if (!(TABLES as readonly string[]).includes(p.table)) throw new Error(`spool frame names unknown table ${JSON.stringify(p.table)}`);
    const text = body.toString("utf8", offset, offset + p.bytes);
    offset += p.bytes;
    return { table: p.table, body: text };
  });
  if (offset !== body.length || parts.length === 0) throw new Error("spool frame parts do not add up to its body");
  return {
    signal: meta.signal,
    ingestId: BigInt(meta.ingestId),
    rows: meta.rows,
    main: parts[parts.length - 1]!,
    side: parts.slice(0, -1),
    minDay: meta.minDay,
    maxDay: meta.maxDay,
  };
}
