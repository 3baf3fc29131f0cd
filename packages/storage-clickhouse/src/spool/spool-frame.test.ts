import { expect, it } from "vitest";
import { makeLog, makeSpan } from "@skein/storage/testing";
import { encodeLogWrite, encodeSpanWrite } from "../encoded-write.js";
import { FRAME_HEADER_BYTES, decodeFrameBody, encodeFrame, frameBodyIntact, frameBodyLength } from "./spool-frame.js";

const spans = encodeSpanWrite([makeSpan({ name: "a\u0000'\\\n\u00e9\u{1f600}" }), makeSpan({ name: "b" })], 0x7123_4567_89ab_cdefn);

it("round-trips a write: every table body byte for byte, ids exact", () => {
  const [header, body] = encodeFrame(spans);
  expect(header!.length).toBe(FRAME_HEADER_BYTES);
  expect(frameBodyLength(header!)).toBe(body!.length);
  expect(frameBodyIntact(header!, body!)).toBe(true);
  expect(decodeFrameBody(body!)).toEqual(spans);
  const logs = encodeLogWrite([makeLog()], 1n);
  expect(decodeFrameBody(encodeFrame(logs)[1]!)).toEqual(logs);
});

it("detects a flipped bit, a short body and a foreign header", () => {
  const [header, body] = encodeFrame(spans);
  for (const at of [0, Math.floor(body!.length / 2), body!.length - 1]) {
    const flipped = Buffer.from(body!);
    flipped[at]! ^= 0x10;
    expect(frameBodyIntact(header!, flipped)).toBe(false);
  }
  expect(frameBodyIntact(header!, body!.subarray(0, body!.length - 1))).toBe(false);
  expect(frameBodyLength(Buffer.from("XXXX00000000"))).toBeUndefined();
  expect(frameBodyLength(header!.subarray(0, 8))).toBeUndefined();
});

it("refuses a frame body naming a table it does not know", () => {
  const body = Buffer.from('{"v":1,"signal":"spans","ingestId":"1","rows":1,"minDay":"2024-01-01","maxDay":"2024-01-01","parts":[{"table":"system.users","bytes":2}]}\n{}');
  expect(() => decodeFrameBody(body)).toThrow(/unknown table/);
});
