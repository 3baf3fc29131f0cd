import { hash } from "node:crypto";

// Framing of the span ingest log: each group of NDJSON span lines written by one sync is preceded
// by a header line `{"z":"<sha1 hex of the body>:<body bytes>"}`. DuckDB reads the whole file as
// NDJSON and drops the header lines (z IS NOT NULL); recovery checks every frame's checksum and
// keeps the file up to the first frame that is torn or corrupt.

const HEADER_PREFIX = '{"z":"';
const HEADER_SUFFIX = '"}\n';

/** The header line of a frame whose body is `body`. */
export function frameHeader(body: Buffer): Buffer {
  return Buffer.from(`${HEADER_PREFIX}${hash("sha1", body, "hex")}:${body.length}${HEADER_SUFFIX}`);
}

/**
 * Length of the longest prefix of `file` made of whole, intact frames (header + body whose
 * checksum matches). Everything after it is a torn or corrupt tail to be discarded.
 */
export function validFramesLength(file: Buffer): number {
  let offset = 0;
  while (offset < file.length) {
    const end = file.indexOf(0x0a, offset);
    if (end < 0) break;
    const header = file.toString("latin1", offset, end + 1);
    const match = /^\{"z":"([0-9a-f]{40}):(\d+)"\}\n$/.exec(header);
    if (match === null) break;
    const bodyStart = end + 1;
    const bodyEnd = bodyStart + Number(match[2]);
    if (bodyEnd > file.length) break;
    if (hash("sha1", file.subarray(bodyStart, bodyEnd), "hex") !== match[1]) break;
    offset = bodyEnd;
  }
  return offset;
}
