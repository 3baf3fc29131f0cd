import { Readable } from "node:stream";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { gzipBomb } from "../shared/testdata/gzip-bomb.js";
import { readRequestBody } from "./otlp-http-body.js";

function chunked(bytes: Uint8Array, size = 1000): Readable {
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) parts.push(Buffer.from(bytes.subarray(i, i + size)));
  return Readable.from(parts, { objectMode: false });
}

describe("readRequestBody", () => {
  const payload = Buffer.from("x".repeat(5000));

  it("returns the body exactly, plain and gzip", async () => {
    expect(await readRequestBody(chunked(payload), { gzip: false, limit: 5000 })).toEqual(payload);
    expect(await readRequestBody(chunked(gzipSync(payload), 7), { gzip: true, limit: 5000 })).toEqual(payload);
    expect(await readRequestBody(chunked(new Uint8Array(0)), { gzip: false, limit: 1 })).toEqual(Buffer.alloc(0));
  });

  it("refuses a body over the limit and leaves the stream paused, not destroyed", async () => {
    const stream = chunked(payload);
    await expect(readRequestBody(stream, { gzip: false, limit: 2500 })).rejects.toMatchObject({ code: "SKEIN_ERR_REQUEST_TOO_LARGE" });
    expect(stream.isPaused()).toBe(true);
    expect(stream.destroyed).toBe(false);
  });

  it("applies the limit to the inflated size", async () => {
    await expect(readRequestBody(chunked(gzipSync(payload)), { gzip: true, limit: 4999 })).rejects.toThrow("inflated request body exceeds the limit of 4999 bytes");
  });

  it("stops inflating a 256 MiB bomb quickly", async () => {
    const bomb = await gzipBomb(256 * 1024 * 1024);
    const started = Date.now();
    await expect(readRequestBody(chunked(bomb, 16 * 1024), { gzip: true, limit: 1 << 20 })).rejects.toMatchObject({ code: "SKEIN_ERR_REQUEST_TOO_LARGE" });
    // Inflating all of it takes ~5 s on this machine; stopping at 1 MiB takes a few ms.
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("reports broken gzip as malformed and a truncated stream as a gone client", async () => {
    await expect(readRequestBody(chunked(payload), { gzip: true, limit: 1e6 })).rejects.toMatchObject({ code: "SKEIN_ERR_MALFORMED_BODY" });
    await expect(readRequestBody(chunked(gzipSync(payload).subarray(0, 20)), { gzip: true, limit: 1e6 })).rejects.toMatchObject({ code: "SKEIN_ERR_MALFORMED_BODY" });
    const broken = new Readable({ read() {} });
    broken.push(Buffer.from("abc"));
    const reading = readRequestBody(broken, { gzip: false, limit: 1e6 });
    broken.destroy();
    await expect(reading).rejects.toMatchObject({ code: "SKEIN_ERR_CLIENT_GONE" });
  });
});
