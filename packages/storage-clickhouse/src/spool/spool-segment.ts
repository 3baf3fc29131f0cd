import { constants } from "node:fs";
import { open } from "node:fs/promises";
import type { FileHandle } from "node:fs/promises";
import { FRAME_HEADER_BYTES, frameBodyIntact, frameBodyLength } from "./spool-frame.js";

// Segment files of the spool: frames appended back to back (spool-frame.ts), named by a sequence
// number so that lexical order is age order.

const SEGMENT_NAME = /^segment-(\d{12})\.spool$/;

export function segmentName(seq: number): string {
  return `segment-${String(seq).padStart(12, "0")}.spool`;
}

/** The sequence number of a segment file name, or undefined for any other name. */
export function segmentSeq(name: string): number | undefined {
  const match = SEGMENT_NAME.exec(name);
  return match === null ? undefined : Number(match[1]);
}

/**
 * Appends are made with O_DSYNC: a write returns once its data is durable (one thread-pool round
 * trip instead of write + fdatasync), so the frames of one writev share one sync.
 */
export const APPEND_DSYNC = constants.O_WRONLY | constants.O_CREAT | constants.O_APPEND | constants.O_DSYNC;

/** One intact frame read from a segment. */
export interface RawFrame {
  readonly header: Buffer;
  readonly body: Buffer;
  /** Offset just after the frame: where the next one starts. */
  readonly next: number;
}

/** The intact frame at `offset`, or undefined when what is there (up to `length`) is torn or corrupt. */
export async function readFrameAt(file: FileHandle, offset: number, length: number): Promise<RawFrame | undefined> {
  if (offset + FRAME_HEADER_BYTES > length) return undefined;
  const header = Buffer.alloc(FRAME_HEADER_BYTES);
  const got = await file.read(header, 0, FRAME_HEADER_BYTES, offset);
  const bodyLength = frameBodyLength(header);
  if (got.bytesRead !== FRAME_HEADER_BYTES || bodyLength === undefined) return undefined;
  const next = offset + FRAME_HEADER_BYTES + bodyLength;
  if (next > length) return undefined;
  const body = Buffer.alloc(bodyLength);
  const read = await file.read(body, 0, bodyLength, offset + FRAME_HEADER_BYTES);
  if (read.bytesRead !== bodyLength || !frameBodyIntact(header, body)) return undefined;
  return { header, body, next };
}

/**
 * Start-up check of a segment: counts its intact frames and truncates (durably) whatever follows
 * the last one — the torn tail of a write cut short by a crash. Reads one frame at a time.
 */
export async function recoverSegment(path: string): Promise<{ length: number; frames: number }> {
  const file = await open(path, "r+");
  try {
    const size = (await file.stat()).size;
    let offset = 0;
    let frames = 0;
    for (;;) {
      const frame = await readFrameAt(file, offset, size);
      if (frame === undefined) break;
      offset = frame.next;
      frames++;
    }
    if (offset < size) {
      await file.truncate(offset);
      await file.sync();
    }
    return { length: offset, frames };
  } finally {
    await file.close();
  }
}

/** fsync of a directory: makes a created, renamed or removed entry in it durable. */
export async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
