import type { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { ClientGoneError, MalformedBodyError, RequestTooLargeError } from "./otlp-http-errors.js";

/**
 * Reads a request body into one Buffer of at most `limit` bytes, inflating gzip on the fly.
 *
 * Memory: never holds more than `limit` bytes of body plus one zlib chunk. The limit applies to the
 * bytes on the wire and again to the inflated bytes; inflation stops as soon as it is crossed, so a
 * gzip bomb costs at most `limit` bytes. On any failure the request stream is left paused (not
 * destroyed, so a response can still be written) and the promise rejects with
 * RequestTooLargeError, MalformedBodyError (bad gzip) or ClientGoneError.
 */
export function readRequestBody(stream: Readable, options: { gzip: boolean; limit: number }): Promise<Buffer> {
  const { gzip, limit } = options;
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let rawBytes = 0;
    let bodyBytes = 0;
    let settled = false;
    const gunzip = gzip ? createGunzip() : undefined;

    const finish = (error: Error | undefined): void => {
      if (settled) return;
      settled = true;
      stream.off("data", onRaw);
      stream.off("end", onRawEnd);
      stream.off("error", onRawError);
      stream.off("close", onRawClose);
      if (gunzip !== undefined) {
        gunzip.off("data", onBody);
        gunzip.off("end", onBodyEnd);
        gunzip.off("error", onGunzipError);
        gunzip.on("error", () => {}); // late errors after destroy are expected and irrelevant
        gunzip.destroy();
      }
      if (error !== undefined) {
        stream.pause();
        chunks.length = 0;
        reject(error);
      } else {
        resolve(Buffer.concat(chunks, bodyBytes));
      }
    };

    const onBody = (chunk: Buffer): void => {
      bodyBytes += chunk.length;
      if (bodyBytes > limit) {
        const what = gzip ? "inflated request body" : "request body";
        finish(new RequestTooLargeError(`${what} exceeds the limit of ${limit} bytes`));
        return;
      }
      chunks.push(chunk);
    };
    const onBodyEnd = (): void => finish(undefined);

    const onRaw = (chunk: Buffer): void => {
      rawBytes += chunk.length;
      if (rawBytes > limit) {
        finish(new RequestTooLargeError(`request body exceeds the limit of ${limit} bytes`));
        return;
      }
      if (gunzip === undefined) {
        onBody(chunk);
      } else if (!gunzip.write(chunk)) {
        // Backpressure: stop reading the socket until zlib has caught up.
        stream.pause();
        gunzip.once("drain", () => {
          if (!settled) stream.resume();
        });
      }
    };
    const onRawEnd = (): void => {
      if (gunzip === undefined) finish(undefined);
      else gunzip.end();
    };
    const onRawError = (): void => finish(new ClientGoneError());
    const onRawClose = (): void => {
      if (!stream.readableEnded) finish(new ClientGoneError());
    };
    const onGunzipError = (err: Error): void => finish(new MalformedBodyError(`invalid gzip body: ${err.message}`, { cause: err }));

    if (gunzip !== undefined) {
      gunzip.on("data", onBody);
      gunzip.on("end", onBodyEnd);
      gunzip.on("error", onGunzipError);
    }
    stream.on("data", onRaw);
    stream.on("end", onRawEnd);
    stream.on("error", onRawError);
    stream.on("close", onRawClose);
    if (stream.readableEnded) onRawEnd();
  });
}
